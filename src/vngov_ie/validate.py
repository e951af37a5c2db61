"""Checks an annotation against its text and the spec; one Problem per fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from vngov_ie.annotation import AnnotationFormatError, read_annotation
from vngov_ie.corpus import corpus_root
from vngov_ie.labels import ENTITY_LABELS, RELATION_SIGNATURES, TASK, TASK_STATUSES
from vngov_ie.types import Annotation, sha256_text


@dataclass(frozen=True)
class Problem:
    file: str
    item: str  # an entity/task/relation id, or "-" for the whole file
    span: str  # "start-end" or "-"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item} [{self.span}]: {self.message}"


Check = Callable[[Annotation, str], Iterator[tuple[str, str, str]]]


def _span(start: int, end: int) -> str:
    return f"{start}-{end}"


def check_hash(ann: Annotation, text: str) -> Iterator[tuple[str, str, str]]:
    actual = sha256_text(text)
    if ann.text_sha256 != actual:
        yield "-", "-", f"text_sha256 {ann.text_sha256[:12]}… does not match the text ({actual[:12]}…)"


def check_unique_ids(ann: Annotation, text: str) -> Iterator[tuple[str, str, str]]:
    seen: set[str] = set()
    for item in [*ann.entities, *ann.tasks]:
        if item.id in seen:
            yield item.id, _span(item.start, item.end), "duplicate id"
        seen.add(item.id)


def check_entity_spans(ann: Annotation, text: str) -> Iterator[tuple[str, str, str]]:
    for e in ann.entities:
        where = _span(e.start, e.end)
        if e.label not in ENTITY_LABELS:
            yield e.id, where, f"unknown label '{e.label}'"
        if not 0 <= e.start < e.end <= len(text):
            yield e.id, where, f"offsets out of range (text has {len(text)} characters)"
            continue
        if text[e.start : e.end] != e.text:
            yield e.id, where, f"text {e.text!r} differs from the slice {text[e.start:e.end]!r}"
        if text[e.start].isspace() or text[e.end - 1].isspace():
            yield e.id, where, "span starts or ends on whitespace"
        if "|" in text[e.start : e.end]:
            yield e.id, where, "span crosses a table cell boundary '|'"


def check_entity_overlap(ann: Annotation, text: str) -> Iterator[tuple[str, str, str]]:
    ordered = sorted(ann.entities, key=lambda e: (e.start, e.end))
    for prev, cur in zip(ordered, ordered[1:]):
        if cur.start < prev.end:
            yield cur.id, _span(cur.start, cur.end), f"overlaps or nests with {prev.id} [{_span(prev.start, prev.end)}]"


def check_tasks(ann: Annotation, text: str) -> Iterator[tuple[str, str, str]]:
    for t in ann.tasks:
        where = _span(t.start, t.end)
        if t.status not in TASK_STATUSES:
            yield t.id, where, f"unknown task status '{t.status}'"
        if not 0 <= t.start < t.end <= len(text):
            yield t.id, where, f"offsets out of range (text has {len(text)} characters)"
            continue
        if text[t.start].isspace() or text[t.end - 1].isspace():
            yield t.id, where, "task span starts or ends on whitespace"
    ordered = sorted(ann.tasks, key=lambda t: (t.start, t.end))
    for prev, cur in zip(ordered, ordered[1:]):
        if cur.start < prev.end:
            yield cur.id, _span(cur.start, cur.end), f"task overlaps {prev.id}"


def check_relations(ann: Annotation, text: str) -> Iterator[tuple[str, str, str]]:
    labels = {e.id: e.label for e in ann.entities}
    labels.update({t.id: TASK for t in ann.tasks})
    entities = {e.id: e for e in ann.entities}
    tasks = {t.id: t for t in ann.tasks}
    seen: set[tuple[str, str, str]] = set()
    for r in ann.relations:
        name = f"{r.type}({r.head},{r.tail})"
        if (r.type, r.head, r.tail) in seen:
            yield name, "-", "duplicate relation"
        seen.add((r.type, r.head, r.tail))
        if r.type not in RELATION_SIGNATURES:
            yield name, "-", f"unknown relation type '{r.type}'"
            continue
        head_label, tail_label = RELATION_SIGNATURES[r.type]
        for role, ref, expected in (("head", r.head, head_label), ("tail", r.tail, tail_label)):
            if ref not in labels:
                yield name, "-", f"{role} '{ref}' is not an entity or task id"
            elif labels[ref] != expected:
                yield name, "-", f"{role} '{ref}' is {labels[ref]}, expected {expected}"
        task, tail = tasks.get(r.head), entities.get(r.tail)
        if task and tail and r.type != "ACTOR" and not (task.start <= tail.start and tail.end <= task.end):
            yield name, _span(tail.start, tail.end), f"tail lies outside task {task.id}"


CHECKS: tuple[Check, ...] = (
    check_hash,
    check_unique_ids,
    check_entity_spans,
    check_entity_overlap,
    check_tasks,
    check_relations,
)


def validate_annotation(ann: Annotation, text: str, file: str = "") -> list[Problem]:
    file = file or ann.doc_id
    return [Problem(file, item, span, msg) for check in CHECKS for item, span, msg in check(ann, text)]


def annotation_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the `*.json` files directly inside them, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return files


def validate_file(path: Path, corpus: Path | None = None) -> list[Problem]:
    name = str(path)
    try:
        ann = read_annotation(path)
    except FileNotFoundError:
        return [Problem(name, "-", "-", "no such file")]
    except (AnnotationFormatError, OSError) as exc:
        return [Problem(name, "-", "-", str(exc))]
    text_path = corpus_root(corpus) / f"{ann.doc_id}.txt"
    try:
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError:
        return [Problem(name, "-", "-", f"text {text_path} not found for doc_id '{ann.doc_id}'")]
    return validate_annotation(ann, text, name)


def validate_paths(paths: Iterable[Path], corpus: Path | None = None) -> list[Problem]:
    return [p for f in annotation_files(paths) for p in validate_file(f, corpus)]
