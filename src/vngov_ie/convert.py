"""Converters between the annotation format and Label Studio, doccano, brat and CoNLL.

`export_annotations(pairs, fmt, out)` writes (annotation, text) pairs in a
format; `import_annotations(path, fmt)` reads them back. The formats:

``labelstudio`` (one JSON file: a list of tasks, one per document)
    ``{"data": {"text", "doc_id"}, "annotations": [{"result": [...]}]}``.
    An entity is a ``labels`` region (``from_name`` ``label``, ``to_name``
    ``text``) whose id is the entity id. A task is a ``labels`` region with
    label ``TASK`` plus a per-region ``choices`` result (``from_name``
    ``status``) with the same id that holds ``done``/``planned``; this is how
    Label Studio stores per-region attributes (`LABEL_STUDIO_CONFIG` is a
    labelling config that matches). A relation is a ``relation`` result
    ``from_id`` head, ``to_id`` tail, ``direction`` ``right``. Offsets are
    code points, as Label Studio stores them since 1.4 (earlier versions
    counted UTF-16 units; the two agree on text without astral characters,
    which is all of this corpus). Reading takes the first entry of
    ``annotations`` (else of ``predictions``), a region's ``text`` as given
    (so validation catches offsets that drifted), and ignores other result
    types.
``doccano`` (one JSONL file, a line per document)
    ``{"id", "text", "doc_id", "entities": [{"id", "label", "start_offset",
    "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}``
    with integer ids, as doccano writes them: entities 1..n, then tasks,
    which are entities labelled ``TASK:done``/``TASK:planned``. Reading also
    accepts doccano's relation-less export ``"label": [[start, end, LABEL]]``.
``brat`` (a folder: ``<doc_id>.txt`` + ``<doc_id>.ann``, and ``annotation.conf``)
    ``T1<TAB>LABEL start end<TAB>text``; tasks are text-bound annotations
    labelled ``TASK_done``/``TASK_planned`` numbered after the entities
    (see Ids below); relations ``R1<TAB>TYPE Arg1:T1 Arg2:T2``. The text field has every
    whitespace character other than a space (newline, tab) written as a
    space, as brat does, so an ``.ann`` line is always one line; reading
    trusts the offsets and the ``.txt``, and keeps the field only where it
    disagrees with the text (validation then reports it). Discontinuous
    spans (``0 5;6 10``, which brat makes of a selection across lines) are
    read as one span from the first start to the last end; ``#`` notes
    other than a task's id are ignored. `brat_config` writes the
    ``annotation.conf`` beside them.
``conll`` (one file, documents one after another)
    ``# doc_id = ...``, ``# text_sha256 = ...``, ``# tokenizer = ...``, then
    ``token<TAB>start<TAB>end<TAB>TAG`` (IOB2) and a blank line between
    sentences. Tokens are underthesea words, found line by line on the
    normalised text and mapped back to the original by aligning characters
    (underthesea rewrites characters and splits ``30c/NQ-CP`` into pieces).
    A token's text is exactly ``text[start:end]``: a word of several
    syllables keeps its inner single spaces (``Chính phủ``), so split rows on
    tabs; a token is cut at any other whitespace and at every entity
    boundary that falls inside it, so the tags give back each entity
    exactly. A sentence is a line of text, except that a line an entity runs
    onto continues the sentence before it, so that no sentence starts with
    ``I-``. CoNLL carries neither relations nor tasks, nor the text:
    reading it gives entities only, with the text taken from the corpus.

Ids: Label Studio region ids are the annotation ids; brat keeps entity ids
(``T<n>``) and gives tasks the next ``T`` numbers, with each task's own id
in an ``AnnotatorNotes`` note. Reading these keeps every id of our form
(``T<n>`` for entities, ``K<n>`` for tasks) and gives a region that has
none (one the tool added, with an id of its own) the next free number.
doccano (integer ids, which doccano reassigns on import) and CoNLL carry no
ids: reading them numbers entities ``T1..Tn`` and tasks ``K1..Km`` in text
order, so an annotation numbered that way, as one is when first written,
comes back equal, and one with gaps comes back renumbered. A relation end
that names no region is kept as written, for validation to report.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from vngov_ie.annotation import AnnotationFormatError, atomic_write_text, read_annotation, write_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.labels import ENTITY_LABELS, RELATION_SIGNATURES, TASK, TASK_STATUSES
from vngov_ie.normalise import normalise
from vngov_ie.types import Annotation, Entity, Relation, Task, sha256_text
from vngov_ie.validate import Problem, annotation_files, validate_annotation

DOC_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


class ConvertError(ValueError):
    """An input that is not valid in the format it is read as."""


@dataclass(frozen=True)
class Converted:
    """One document read from a converted file: its annotation and the text it refers to."""

    annotation: Annotation
    text: str
    source: str


Pair = tuple[Annotation, str]


# --- reading: regions and links in a format's own ids -> an Annotation ---


ENTITY_ID = re.compile(r"T[0-9]+")
TASK_ID = re.compile(r"K[0-9]+")


@dataclass(frozen=True)
class _Region:
    key: object  # the id the format gave it, which relations refer to
    label: str  # an entity label, or TASK
    start: int
    end: int
    status: str = ""  # tasks only
    text: str | None = None  # the text the file gives for it, if any
    name: str | None = None  # the annotation id it carries, if the format can carry one


def _numbered(regions: Sequence[_Region], pattern: re.Pattern[str], prefix: str) -> list[str]:
    """Ids for `regions` in order: the name each carries where it is one of ours and still free, else the next number."""
    kept: dict[int, str] = {}
    taken: set[str] = set()
    for i, r in enumerate(regions):
        if r.name and pattern.fullmatch(r.name) and r.name not in taken:
            kept[i] = r.name
            taken.add(r.name)
    fresh = max((int(name[1:]) for name in taken), default=0)
    ids = []
    for i in range(len(regions)):
        if i not in kept:
            fresh += 1
        ids.append(kept.get(i, f"{prefix}{fresh}"))
    return ids


def _assemble(
    doc_id: str, text: str, regions: Sequence[_Region], links: Sequence[tuple[str, object, object]],
    sha: str | None = None,
) -> Annotation:
    """An annotation of `regions` in text order, their relations mapped onto the ids they get."""
    if not DOC_ID.fullmatch(doc_id):
        raise ConvertError(f"doc_id {doc_id!r} is not of the form [a-z0-9][a-z0-9_-]*")
    order = sorted(regions, key=lambda r: (r.start, r.end))
    spans = [r for r in order if r.label != TASK]
    works = [r for r in order if r.label == TASK]
    entity_ids, task_ids = _numbered(spans, ENTITY_ID, "T"), _numbered(works, TASK_ID, "K")
    ids = {r.key: i for r, i in [*zip(spans, entity_ids), *zip(works, task_ids)]}
    entities = [
        Entity(i, r.label, r.start, r.end, text[r.start : r.end] if r.text is None else r.text)
        for r, i in zip(spans, entity_ids)
    ]
    tasks = [Task(i, r.start, r.end, r.status) for r, i in zip(works, task_ids)]
    relations = [Relation(t, ids.get(h, str(h)), ids.get(k, str(k))) for t, h, k in links]
    return Annotation(doc_id, sha or sha256_text(text), entities, relations, tasks)


def _regions_of(ann: Annotation) -> list[_Region]:
    """Entities then tasks, keyed by their annotation ids."""
    return [_Region(e.id, e.label, e.start, e.end, text=e.text) for e in ann.entities] + [
        _Region(t.id, TASK, t.start, t.end, t.status) for t in ann.tasks
    ]


def _end(keys: dict[str, Any], ref: str, ann: Annotation) -> Any:
    if ref not in keys:
        raise ConvertError(f"{ann.doc_id}: relation end {ref!r} is not an entity or task id")
    return keys[ref]


def _text_or_corpus(given: object, doc_id: str, corpus: Path | None, where: str) -> str:
    if isinstance(given, str):
        return given
    try:
        return corpus_text(doc_id, corpus)
    except OSError as exc:
        raise ConvertError(f"{where}: no text in the file and none in the corpus for {doc_id!r}") from exc


def _int(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConvertError(f"{where}: offset {value!r} is not an integer")
    return value


# --- Label Studio ---

LABEL_STUDIO_CONFIG = (
    "<View>\n"
    '  <Labels name="label" toName="text">\n'
    + "".join(f'    <Label value="{label}"/>\n' for label in (*ENTITY_LABELS, TASK))
    + "  </Labels>\n"
    '  <Text name="text" value="$text"/>\n'
    '  <Choices name="status" toName="text" perRegion="true">\n'
    + "".join(f'    <Choice value="{status}"/>\n' for status in TASK_STATUSES)
    + "  </Choices>\n"
    "  <Relations>\n"
    + "".join(f'    <Relation value="{rel}"/>\n' for rel in RELATION_SIGNATURES)
    + "  </Relations>\n"
    "</View>\n"
)


def _ls_region(key: str, start: int, end: int, text: str, **value: Any) -> dict[str, Any]:
    return {
        "id": key, "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": start, "end": end, "text": text, **value},
    }


def to_labelstudio(ann: Annotation, text: str) -> dict[str, Any]:
    """One Label Studio task for a document."""
    known = {str(r.key): str(r.key) for r in _regions_of(ann)}
    result = [_ls_region(e.id, e.start, e.end, e.text, labels=[e.label]) for e in ann.entities]
    for t in ann.tasks:
        span = text[t.start : t.end]
        result.append(_ls_region(t.id, t.start, t.end, span, labels=[TASK]))
        choice = _ls_region(t.id, t.start, t.end, span, choices=[t.status])
        result.append({**choice, "from_name": "status", "type": "choices"})
    for r in ann.relations:
        head, tail = _end(known, r.head, ann), _end(known, r.tail, ann)
        result.append({"from_id": head, "to_id": tail, "type": "relation", "direction": "right", "labels": [r.type]})
    return {"data": {"text": text, "doc_id": ann.doc_id}, "annotations": [{"result": result}]}


def from_labelstudio(task: Any, corpus: Path | None = None, where: str = "task") -> Pair:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise ConvertError(f"{where}: not a Label Studio task (no 'data' object)")
    doc_id = task["data"].get("doc_id")
    if not isinstance(doc_id, str):
        raise ConvertError(f"{where}: data.doc_id is missing")
    text = _text_or_corpus(task["data"].get("text"), doc_id, corpus, where)
    runs = task.get("annotations") or task.get("predictions") or [{"result": []}]
    results = runs[0].get("result", []) if isinstance(runs[0], dict) else []
    statuses = {
        r.get("id"): (r.get("value", {}).get("choices") or [""])[0]
        for r in results if r.get("type") == "choices"
    }
    regions: list[_Region] = []
    links: list[tuple[str, object, object]] = []
    for i, r in enumerate(results):
        here = f"{where}: result {i}"
        if r.get("type") == "labels":
            value = r.get("value", {})
            labels = value.get("labels") or []
            if len(labels) != 1:
                raise ConvertError(f"{here}: a region needs exactly one label, not {labels!r}")
            start, end = _int(value.get("start"), here), _int(value.get("end"), here)
            status = statuses.get(r.get("id"), "") if labels[0] == TASK else ""
            key = r.get("id")
            name = key if isinstance(key, str) else None
            regions.append(_Region(key, labels[0], start, end, status, value.get("text"), name))
        elif r.get("type") == "relation":
            head, tail = r.get("from_id"), r.get("to_id")
            if r.get("direction") == "left":
                head, tail = tail, head
            links.append(((r.get("labels") or [""])[0], head, tail))
    return _assemble(doc_id, text, regions, links), text


def _write_labelstudio(pairs: Sequence[Pair], out: Path) -> list[Path]:
    tasks = [to_labelstudio(ann, text) for ann, text in pairs]
    atomic_write_text(out, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    return [out]


def _read_labelstudio(path: Path, corpus: Path | None) -> list[Converted]:
    data = _load_json(path.read_text(encoding="utf-8"), str(path))
    tasks = data if isinstance(data, list) else [data]
    return [Converted(*from_labelstudio(t, corpus, f"{path}: task {i}"), str(path)) for i, t in enumerate(tasks)]


def _load_json(raw: str, where: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConvertError(f"{where}: malformed JSON: {exc.msg} at line {exc.lineno}") from exc


# --- doccano ---


def to_doccano(ann: Annotation, text: str, number: int = 1) -> dict[str, Any]:
    keys = {str(r.key): n for n, r in enumerate(_regions_of(ann), start=1)}
    entities = [
        {"id": keys[str(r.key)], "label": f"{TASK}:{r.status}" if r.label == TASK else r.label,
         "start_offset": r.start, "end_offset": r.end}
        for r in _regions_of(ann)
    ]
    relations = [
        {"id": i, "from_id": _end(keys, r.head, ann), "to_id": _end(keys, r.tail, ann), "type": r.type}
        for i, r in enumerate(ann.relations, start=1)
    ]
    return {"id": number, "text": text, "doc_id": ann.doc_id, "entities": entities, "relations": relations}


def from_doccano(line: Any, corpus: Path | None = None, where: str = "line") -> Pair:
    if not isinstance(line, dict) or not isinstance(line.get("doc_id"), str):
        raise ConvertError(f"{where}: not a doccano object with a doc_id")
    doc_id = line["doc_id"]
    text = _text_or_corpus(line.get("text"), doc_id, corpus, where)
    spans = [
        (e.get("id"), e.get("label"), e.get("start_offset"), e.get("end_offset")) for e in line.get("entities", [])
    ] + [(f"label{i}", s[2], s[0], s[1]) for i, s in enumerate(line.get("label", []))]
    regions = []
    for key, label, start, end in spans:
        label = str(label)
        task, sep, status = label.partition(":")
        if sep and task == TASK:
            regions.append(_Region(key, TASK, _int(start, where), _int(end, where), status))
        else:
            regions.append(_Region(key, label, _int(start, where), _int(end, where)))
    links = [(str(r.get("type", "")), r.get("from_id"), r.get("to_id")) for r in line.get("relations", [])]
    return _assemble(doc_id, text, regions, links), text


def _write_doccano(pairs: Sequence[Pair], out: Path) -> list[Path]:
    lines = [json.dumps(to_doccano(ann, text, n), ensure_ascii=False) for n, (ann, text) in enumerate(pairs, 1)]
    atomic_write_text(out, "".join(line + "\n" for line in lines))
    return [out]


def _read_doccano(path: Path, corpus: Path | None) -> list[Converted]:
    docs = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if raw.strip():
            where = f"{path}:{n}"
            docs.append(Converted(*from_doccano(_load_json(raw, where), corpus, where), str(path)))
    return docs


# --- brat standoff ---

BRAT_NOTE = "AnnotatorNotes"
_NOT_A_SPACE = re.compile(r"[^\S ]")  # whitespace that would break an .ann line or its fields


def _brat_field(span: str) -> str:
    return _NOT_A_SPACE.sub(" ", span)


def _brat_ids(ann: Annotation) -> dict[str, str]:
    """Annotation id -> brat id: entities keep a `T<n>` id, the others (tasks too) get the next free numbers."""
    regions = _regions_of(ann)
    named = [_Region(r.key, r.label, r.start, r.end, name=str(r.key) if r.label != TASK else None) for r in regions]
    return {str(r.key): i for r, i in zip(regions, _numbered(named, ENTITY_ID, "T"))}


def to_brat(ann: Annotation, text: str) -> str:
    """The `.ann` file of a document (its `.txt` is the text itself)."""
    keys = _brat_ids(ann)
    lines = []
    for r in _regions_of(ann):
        label = f"{TASK}_{r.status}" if r.label == TASK else r.label
        lines.append(f"{keys[str(r.key)]}\t{label} {r.start} {r.end}\t{_brat_field(text[r.start:r.end])}")
    for i, rel in enumerate(ann.relations, start=1):
        lines.append(f"R{i}\t{rel.type} Arg1:{_end(keys, rel.head, ann)} Arg2:{_end(keys, rel.tail, ann)}")
    for i, task in enumerate(ann.tasks, start=1):  # a task's own id rides on a note, as brat ids must be T<n>
        lines.append(f"#{i}\t{BRAT_NOTE} {keys[task.id]}\t{_brat_field(task.id)}")
    return "".join(line + "\n" for line in lines)


def from_brat(ann_text: str, text: str, doc_id: str, where: str = "ann") -> Annotation:
    regions: list[_Region] = []
    links: list[tuple[str, object, object]] = []
    notes: dict[str, str] = {}
    for n, line in enumerate(ann_text.split("\n"), start=1):
        if not line.strip():
            continue
        key, _, rest = line.partition("\t")
        head, _, given = rest.partition("\t")
        if key.startswith("#"):
            kind, _, target = head.partition(" ")
            if kind == BRAT_NOTE:
                notes[target] = given.strip()
        elif key.startswith("T"):
            regions.append(_brat_region(key, head, given, text, f"{where}:{n}"))
        elif key.startswith("R"):
            kind, *args = head.split()
            ends = dict(a.split(":", 1) for a in args if ":" in a)
            if set(ends) != {"Arg1", "Arg2"}:
                raise ConvertError(f"{where}:{n}: a relation needs Arg1 and Arg2")
            links.append((kind, ends["Arg1"], ends["Arg2"]))
        else:
            raise ConvertError(f"{where}:{n}: unsupported brat annotation {key!r}")
    regions = [
        replace(r, name=notes.get(str(r.key))) if r.label == TASK else replace(r, name=str(r.key)) for r in regions
    ]
    return _assemble(doc_id, text, regions, links)


def _brat_region(key: str, head: str, given: str, text: str, where: str) -> _Region:
    label, _, spans = head.partition(" ")
    try:
        pieces = [tuple(map(int, piece.split())) for piece in spans.split(";")]
        start, end = pieces[0][0], pieces[-1][1]
    except (ValueError, IndexError) as exc:
        raise ConvertError(f"{where}: bad offsets {spans!r}") from exc
    kept = None if _brat_field(text[start:end]) == given else given
    task, sep, status = label.partition("_")
    if task == TASK and sep:
        return _Region(key, TASK, start, end, status)
    return _Region(key, label, start, end, text=kept)


def brat_config() -> str:
    """`annotation.conf` for the labels and relation signatures of the spec."""
    task_labels = [f"{TASK}_{s}" for s in TASK_STATUSES]

    def arg(label: str) -> str:
        return "|".join(task_labels) if label == TASK else label

    relations = [f"{rel}\tArg1:{arg(h)}, Arg2:{arg(t)}" for rel, (h, t) in RELATION_SIGNATURES.items()]
    return "\n".join(["[entities]", *ENTITY_LABELS, *task_labels, "[relations]", *relations, "[events]", "[attributes]", ""])


def _write_brat(pairs: Sequence[Pair], out: Path) -> list[Path]:
    written = []
    for ann, text in pairs:
        for suffix, content in ((".txt", text), (".ann", to_brat(ann, text))):
            atomic_write_text(out / f"{ann.doc_id}{suffix}", content)
            written.append(out / f"{ann.doc_id}{suffix}")
    atomic_write_text(out / "annotation.conf", brat_config())
    return [*written, out / "annotation.conf"]


def _read_brat(path: Path, corpus: Path | None) -> list[Converted]:
    doc_id = path.stem
    txt = path.with_suffix(".txt")
    if txt.is_file():
        with txt.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    else:
        text = _text_or_corpus(None, doc_id, corpus, str(path))
    return [Converted(from_brat(path.read_text(encoding="utf-8"), text, doc_id, str(path)), text, str(path))]


# --- CoNLL IOB2 over underthesea words ---

Token = tuple[int, int]


def align_tokens(text: str, tokens: Sequence[str]) -> list[Token]:
    """[start, end) in `text` of each token, found by aligning their non-space characters.

    The spans tile the non-space characters of `text` in order: where the
    tokens rewrote, dropped or added characters, the alignment (difflib)
    decides where each token starts, and a character no token accounts for
    joins the token before it. A token that is all whitespace gets no span.
    """
    where = [i for i, c in enumerate(text) if not c.isspace()]
    if not where:
        return []
    target = "".join(text[i] for i in where)
    pieces = ["".join(c for c in token if not c.isspace()) for token in tokens]
    firsts = list(accumulate((len(p) for p in pieces), initial=0))[:-1]
    source = "".join(pieces)
    if source != target:
        place = _char_map(source, target)
        firsts = [place[f] for f in firsts]
    starts: list[int] = []
    for first, piece in zip(firsts, pieces):
        if piece:
            starts.append(max(starts[-1] if starts else 0, min(first, len(target))))
    bounds = [0, *starts[1:], len(target)] if starts else [0, len(target)]
    return [(where[a], where[b - 1] + 1) for a, b in zip(bounds, bounds[1:]) if a < b]


def _char_map(source: str, target: str) -> list[int]:
    """For each index of `source` (and its end), the index of `target` it aligns to."""
    place = [0] * (len(source) + 1)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, source, target, autojunk=False).get_opcodes():
        for i in range(i1, i2):
            place[i] = j1 + (i - i1) * (j2 - j1) // (i2 - i1) if tag != "delete" else j1
    place[len(source)] = len(target)
    return place


@lru_cache(maxsize=8192)
def _line_words(line: str) -> tuple[Token, ...]:
    from underthesea import word_tokenize

    if not line.strip():
        return ()
    return tuple(align_tokens(line, word_tokenize(line)))


def word_tokens(text: str) -> list[list[Token]]:
    """underthesea words of each line of `text`, as [start, end) offsets into `text` itself."""
    norm = normalise(text)
    lines: list[list[Token]] = []
    offset = 0
    for line in norm.text.split("\n"):
        lines.append([norm.to_original(offset + s, offset + e) for s, e in _line_words(line)])
        offset += len(line) + 1
    return lines


_WORD_TEXT = re.compile(r"\S+(?: \S+)*")  # non-space runs joined by single plain spaces


def _cut(text: str, tokens: Sequence[Token], bounds: Sequence[int]) -> list[Token]:
    """Tokens cut at each entity boundary inside them and at whitespace other than one space."""
    out: list[Token] = []
    for start, end in tokens:
        points = [start, *bounds[bisect.bisect_right(bounds, start) : bisect.bisect_left(bounds, end)], end]
        for a, b in zip(points, points[1:]):
            out.extend((m.start(), m.end()) for m in _WORD_TEXT.finditer(text, a, b))
    return out


def iob2(tokens: Sequence[Token], entities: Sequence[Entity]) -> list[str]:
    """The IOB2 tag of each token (tokens in order, each inside one entity or none)."""
    ents = sorted(entities, key=lambda e: e.start)
    tags: list[str] = []
    j, previous = 0, -1
    for start, end in tokens:
        while j < len(ents) and ents[j].end <= start:
            j += 1
        if j < len(ents) and ents[j].start <= start and end <= ents[j].end:
            tags.append(f"{'I' if previous == j else 'B'}-{ents[j].label}")
            previous = j
        else:
            tags.append("O")
            previous = -1
    return tags


def to_conll(ann: Annotation, text: str) -> str:
    """The CoNLL block of a document: header lines, then sentences of `token start end tag` rows."""
    ordered = sorted(ann.entities, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise ConvertError(f"{ann.doc_id}: entities {a.id} and {b.id} overlap; IOB2 cannot carry both")
    bounds = sorted({b for e in ann.entities for b in (e.start, e.end)})
    lines = [_cut(text, line, bounds) for line in word_tokens(text)]
    tags = iter(iob2([t for line in lines for t in line], ann.entities))
    out = [f"# doc_id = {ann.doc_id}", f"# text_sha256 = {ann.text_sha256}", f"# tokenizer = {_tokenizer_name()}"]
    for line in lines:
        for i, (start, end) in enumerate(line):
            tag = next(tags)
            if i == 0 and not tag.startswith("I-") and out[-1] != "":
                out.append("")
            out.append(f"{text[start:end]}\t{start}\t{end}\t{tag}")
    return "\n".join(out) + "\n"


@lru_cache(maxsize=1)
def _tokenizer_name() -> str:
    from importlib.metadata import version

    return f"underthesea {version('underthesea')} word_tokenize"


@dataclass
class _ConllDoc:
    doc_id: str
    meta: dict[str, str] = field(default_factory=dict)
    spans: list[list[Any]] = field(default_factory=list)  # [label, start, end]
    open: bool = False


def _conll_row(doc: _ConllDoc, row: str, where: str) -> None:
    fields = row.split("\t")
    if len(fields) != 4:
        raise ConvertError(f"{where}: expected 4 tab-separated columns, got {len(fields)}")
    try:
        start, end = int(fields[1]), int(fields[2])
    except ValueError as exc:
        raise ConvertError(f"{where}: offsets are not integers") from exc
    prefix, _, label = fields[3].partition("-")
    if fields[3] == "O":
        doc.open = False
    elif prefix == "I" and doc.open and doc.spans[-1][0] == label:
        doc.spans[-1][2] = end
    elif prefix in ("B", "I") and label:  # an I- that continues nothing starts an entity, as conlleval reads it
        doc.spans.append([label, start, end])
        doc.open = True
    else:
        raise ConvertError(f"{where}: tag {fields[3]!r} is not O, B-LABEL or I-LABEL")


def _read_conll(path: Path, corpus: Path | None) -> list[Converted]:
    docs: list[_ConllDoc] = []
    for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if row.startswith("#") and "\t" not in row:  # a token row always has tabs, and may start with '#'
            key, _, value = row[1:].strip().partition(" = ")
            if key == "doc_id":
                docs.append(_ConllDoc(value.strip()))
            elif docs:
                docs[-1].meta[key] = value.strip()
        elif not row.strip():
            if docs:
                docs[-1].open = False
        elif not docs:
            raise ConvertError(f"{path}:{n}: a token row before any '# doc_id = ' line")
        else:
            _conll_row(docs[-1], row, f"{path}:{n}")
    out = []
    for doc in docs:
        text = _text_or_corpus(None, doc.doc_id, corpus, str(path))
        regions = [_Region(i, label, start, end) for i, (label, start, end) in enumerate(doc.spans)]
        ann = _assemble(doc.doc_id, text, regions, [], doc.meta.get("text_sha256"))
        out.append(Converted(ann, text, str(path)))
    return out


def _write_conll(pairs: Sequence[Pair], out: Path) -> list[Path]:
    atomic_write_text(out, "\n".join(to_conll(ann, text) for ann, text in pairs))
    return [out]


# --- the format table and the public verbs ---


@dataclass(frozen=True)
class Format:
    name: str
    folder: bool  # written as a folder of files rather than as one file
    suffix: str  # of the files it writes and reads
    write: Callable[[Sequence[Pair], Path], list[Path]]
    read: Callable[[Path, Path | None], list[Converted]]  # one file


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("labelstudio", False, ".json", _write_labelstudio, _read_labelstudio),
        Format("doccano", False, ".jsonl", _write_doccano, _read_doccano),
        Format("brat", True, ".ann", _write_brat, _read_brat),
        Format("conll", False, ".conll", _write_conll, _read_conll),
    )
}


def get_format(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}") from None


def export_annotations(anns_with_texts: Iterable[Pair], fmt: str, out_path: Path) -> list[Path]:
    """Write (annotation, text) pairs in `fmt` to `out_path` (a file, or a folder for brat); the paths written."""
    return get_format(fmt).write(list(anns_with_texts), Path(out_path))


def import_documents(path: Path, fmt: str, corpus: Path | None = None) -> list[Converted]:
    """Documents of a converted file, or of every `fmt` file directly inside a folder."""
    spec = get_format(fmt)
    path = Path(path)
    files = sorted(path.glob(f"*{spec.suffix}")) if path.is_dir() else [path]
    docs: list[Converted] = []
    for file in files:
        try:
            docs.extend(spec.read(file, corpus))
        except (AttributeError, TypeError, KeyError, IndexError) as exc:  # JSON of another shape
            raise ConvertError(f"{file}: not a {fmt} file ({type(exc).__name__}: {exc})") from exc
    return docs


def import_annotations(path: Path, fmt: str, corpus: Path | None = None) -> list[Annotation]:
    """Annotations read back from `path`; texts come from the file, else from `corpus`."""
    return [doc.annotation for doc in import_documents(path, fmt, corpus)]


@dataclass
class ConvertReport:
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # inputs that could not be converted, with why
    problems: list[Problem] = field(default_factory=list)  # validation problems of imported annotations


def export_files(inputs: Iterable[Path], fmt: str, out: Path, corpus: Path | None = None) -> ConvertReport:
    """Annotation JSON files (or folders of them) with their corpus texts, converted to `fmt` at `out`.

    Only annotations that validate are converted; the others are reported.
    """
    report = ConvertReport()
    pairs: list[Pair] = []
    for path in annotation_files(inputs):
        try:
            ann = read_annotation(path)
            text = corpus_text(ann.doc_id, corpus)
        except (AnnotationFormatError, OSError) as exc:
            report.failures.append(f"{path}: {exc}")
            continue
        problems = validate_annotation(ann, text, str(path))
        if problems:  # offsets into another text, overlaps, dangling relations: nothing to convert faithfully
            report.failures.extend(f"{p} (not converted)" for p in problems)
            continue
        pairs.append((ann, text))
    if pairs:
        report.written = export_annotations(pairs, fmt, out)
    return report


def import_files(inputs: Iterable[Path], fmt: str, out_dir: Path, corpus: Path | None = None) -> ConvertReport:
    """Converted files read back into OUT_DIR/<doc_id>.json, each validated against its text."""
    report = ConvertReport()
    seen: set[str] = set()
    for path in map(Path, inputs):
        try:
            docs = import_documents(path, fmt, corpus)
        except (ConvertError, OSError, UnicodeDecodeError) as exc:
            report.failures.append(f"{path}: {exc}")
            continue
        for doc in docs:
            ann = doc.annotation
            if ann.doc_id in seen:
                report.failures.append(f"{doc.source}: doc_id {ann.doc_id} read twice; the first is kept")
                continue
            seen.add(ann.doc_id)
            target = Path(out_dir) / f"{ann.doc_id}.json"
            write_annotation(ann, target)
            report.written.append(target)
            report.problems.extend(validate_annotation(ann, doc.text, str(target)))
    return report
