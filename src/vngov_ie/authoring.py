"""A hand-writable span-list format for annotators, compiled to annotation JSON.

Annotators list what they find in document order, one tab-separated line each,
with the surface text instead of offsets; the compiler finds the offsets:

    T1  LEGAL_REF  Nghị định số 61/2018/NĐ-CP
    T2  DATE       ngày 23/4/2018
    T3  METRIC     02 kỳ      ctx:mỗi năm
    R   ISSUED_ON  T1  T2
    K1  done       Tiếp tục quán triệt      đạt kết quả.
    R   BASED_ON   K1  T1

Entities are searched in order, each after the end of the one before; a run of
whitespace in the surface text matches any run of whitespace (line breaks
included). An optional `ctx:` column gives text that must stand right before
the span, to skip earlier occurrences. A task gives the first and last words
of its span; tasks are searched in order too. Lines starting with `#` are
comments.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from vngov_ie.annotation import write_annotation
from vngov_ie.types import Annotation, Entity, Relation, Task, sha256_text


class AuthoringError(ValueError):
    """A span-list line that cannot be placed in the text."""


@dataclass(frozen=True)
class _Cursor:
    entity: int = 0
    task: int = 0


def _flexible(surface: str) -> str:
    parts = surface.split()
    return r"\s+".join(re.escape(p) for p in parts)


def find_span(text: str, surface: str, cursor: int, context: str = "") -> tuple[int, int]:
    """Offsets of the first occurrence of `surface` at or after `cursor`."""
    if not surface.strip():
        raise AuthoringError("empty surface text")
    if context:
        pattern = re.compile(f"{_flexible(context)}\\s*({_flexible(surface)})")
        match = pattern.search(text, max(0, cursor - len(context) - 50))
        while match and match.start(1) < cursor:
            match = pattern.search(text, match.start() + 1)
        if match:
            return match.start(1), match.end(1)
    else:
        match = re.compile(_flexible(surface)).search(text, cursor)
        if match:
            return match.start(), match.end()
    raise AuthoringError(f"{surface!r} not found after offset {cursor}")


def find_task(text: str, first: str, last: str, cursor: int) -> tuple[int, int]:
    start, first_end = find_span(text, first, cursor)
    pattern = re.compile(_flexible(last))
    pos = start
    while (match := pattern.search(text, pos)) is not None:
        if match.end() >= first_end:
            return start, match.end()
        pos = match.start() + 1
    raise AuthoringError(f"task end {last!r} not found after {first!r} at {start}")


def compile_spanlist(source: str, text: str, doc_id: str) -> Annotation:
    entities: list[Entity] = []
    tasks: list[Task] = []
    relations: list[Relation] = []
    cursor = _Cursor()
    for lineno, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        try:
            cursor = _compile_line(cols, text, cursor, entities, tasks, relations)
        except AuthoringError as exc:
            raise AuthoringError(f"line {lineno}: {exc}: {line!r}") from None
    return Annotation(doc_id, sha256_text(text), entities, relations, tasks)


def _compile_line(
    cols: list[str],
    text: str,
    cursor: _Cursor,
    entities: list[Entity],
    tasks: list[Task],
    relations: list[Relation],
) -> _Cursor:
    kind = cols[0]
    if kind == "R":
        if len(cols) != 4:
            raise AuthoringError("a relation line has 4 columns: R TYPE HEAD TAIL")
        relations.append(Relation(cols[1], cols[2], cols[3]))
        return cursor
    if re.fullmatch(r"T\d+", kind):
        if len(cols) not in (3, 4):
            raise AuthoringError("an entity line has 3 or 4 columns: Tn LABEL TEXT [ctx:...]")
        context = cols[3][4:] if len(cols) == 4 and cols[3].startswith("ctx:") else ""
        start, end = find_span(text, cols[2], cursor.entity, context)
        entities.append(Entity(kind, cols[1], start, end, text[start:end]))
        return _Cursor(end, cursor.task)
    if re.fullmatch(r"K\d+", kind):
        if len(cols) != 4:
            raise AuthoringError("a task line has 4 columns: Kn STATUS FIRST-WORDS LAST-WORDS")
        start, end = find_task(text, cols[2], cols[3], cursor.task)
        tasks.append(Task(kind, start, end, cols[1]))
        return _Cursor(cursor.entity, end)
    raise AuthoringError("a line starts with Tn, Kn or R")


def decompile(ann: Annotation, text: str) -> str:
    """Annotation -> span-list text (entities, then tasks, then relations)."""
    lines = [f"{e.id}\t{e.label}\t{' '.join(e.text.split())}" for e in sorted(ann.entities, key=lambda e: e.start)]
    for t in sorted(ann.tasks, key=lambda t: t.start):
        words = text[t.start : t.end].split()
        lines.append(f"{t.id}\t{t.status}\t{' '.join(words[:6])}\t{' '.join(words[-4:])}")
    lines += [f"R\t{r.type}\t{r.head}\t{r.tail}" for r in ann.relations]
    return "\n".join(lines) + "\n"


def render_review(ann: Annotation, text: str, width: int = 25) -> str:
    """One line per entity and task with its context, for proof-reading."""
    def flat(s: str) -> str:
        return " ".join(s.split())

    rows = [
        f"{e.id:>5} {e.start:>6} {e.label:<9} …{flat(text[max(0, e.start - width):e.start])} "
        f"[{flat(e.text)}] {flat(text[e.end:e.end + width])}…"
        for e in sorted(ann.entities, key=lambda e: e.start)
    ]
    rows += [
        f"{t.id:>5} {t.start:>6} TASK/{t.status:<7} [{flat(text[t.start:t.start + 60])} … {flat(text[t.end - 40:t.end])}]"
        for t in sorted(ann.tasks, key=lambda t: t.start)
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """`python -m vngov_ie.authoring SPANLIST.tsv OUT.json [--corpus DIR] [--show]`"""
    from vngov_ie.corpus import corpus_text
    from vngov_ie.validate import validate_annotation

    args = list(sys.argv[1:] if argv is None else argv)
    show = "--show" in args
    if show:
        args.remove("--show")
    corpus = None
    if "--corpus" in args:
        i = args.index("--corpus")
        corpus = Path(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    src, out = Path(args[0]), Path(args[1])
    doc_id = src.name.split(".")[0]
    text = corpus_text(doc_id, corpus)
    try:
        ann = compile_spanlist(src.read_text(encoding="utf-8"), text, doc_id)
    except AuthoringError as exc:
        print(f"{src}: {exc}", file=sys.stderr)
        return 1
    problems = validate_annotation(ann, text, str(src))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    write_annotation(ann, out)
    if show:
        print(render_review(ann, text))
    print(f"{out}: {len(ann.entities)} entities, {len(ann.relations)} relations, {len(ann.tasks)} tasks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
