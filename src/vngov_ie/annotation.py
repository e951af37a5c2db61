"""Reading and writing annotation files exactly as the spec lays them out."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from vngov_ie.types import Annotation, Entity, Relation, Span, Task, sha256_text


class AnnotationFormatError(ValueError):
    """An annotation file that is not valid JSON of the spec's shape."""


def annotation_to_dict(ann: Annotation) -> dict[str, Any]:
    return {
        "doc_id": ann.doc_id,
        "text_sha256": ann.text_sha256,
        "entities": [
            {"id": e.id, "label": e.label, "start": e.start, "end": e.end, "text": e.text}
            for e in ann.entities
        ],
        "relations": [{"type": r.type, "head": r.head, "tail": r.tail} for r in ann.relations],
        "tasks": [{"id": t.id, "start": t.start, "end": t.end, "status": t.status} for t in ann.tasks],
    }


def _require(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise AnnotationFormatError(f"{where}: missing field '{key}'")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise AnnotationFormatError(f"{where}: field '{key}' has the wrong type")
    return value


def annotation_from_dict(data: Any) -> Annotation:
    if not isinstance(data, dict):
        raise AnnotationFormatError("top level is not a JSON object")
    entities = [
        Entity(
            id=_require(e, "id", str, f"entity {i}"),
            label=_require(e, "label", str, f"entity {i}"),
            start=_require(e, "start", int, f"entity {i}"),
            end=_require(e, "end", int, f"entity {i}"),
            text=_require(e, "text", str, f"entity {i}"),
        )
        for i, e in enumerate(_list_of_objects(data, "entities"))
    ]
    relations = [
        Relation(
            type=_require(r, "type", str, f"relation {i}"),
            head=_require(r, "head", str, f"relation {i}"),
            tail=_require(r, "tail", str, f"relation {i}"),
        )
        for i, r in enumerate(_list_of_objects(data, "relations"))
    ]
    tasks = [
        Task(
            id=_require(t, "id", str, f"task {i}"),
            start=_require(t, "start", int, f"task {i}"),
            end=_require(t, "end", int, f"task {i}"),
            status=_require(t, "status", str, f"task {i}"),
        )
        for i, t in enumerate(_list_of_objects(data, "tasks"))
    ]
    return Annotation(
        doc_id=_require(data, "doc_id", str, "document"),
        text_sha256=_require(data, "text_sha256", str, "document"),
        entities=entities,
        relations=relations,
        tasks=tasks,
    )


def _list_of_objects(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise AnnotationFormatError(f"field '{key}' is not a list of objects")
    return items


def read_annotation(path: Path) -> Annotation:
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationFormatError(f"not UTF-8 ({exc.reason})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnnotationFormatError(f"malformed JSON: {exc.msg} at line {exc.lineno}") from exc
    return annotation_from_dict(data)


def dumps_annotation(ann: Annotation) -> str:
    """JSON with one entity, relation or task per line: diffable and compact."""
    data = annotation_to_dict(ann)
    head = {"doc_id": data["doc_id"], "text_sha256": data["text_sha256"]}
    lines = [json.dumps(head, ensure_ascii=False)[:-1]]
    for key in ("entities", "relations", "tasks"):
        items = [json.dumps(item, ensure_ascii=False) for item in data[key]]
        body = "".join(f"\n  {item}," for item in items).rstrip(",")
        lines.append(f', "{key}": [{body}\n ]' if items else f', "{key}": []')
    return "".join(lines) + "\n}\n"


def atomic_write_text(path: Path, content: str) -> None:
    """Write to a temporary file beside `path`, then rename: complete or absent."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_annotation(ann: Annotation, path: Path) -> None:
    atomic_write_text(path, dumps_annotation(ann))


def entities_from_spans(text: str, spans: Iterable[Span], prefix: str = "T") -> list[Entity]:
    """Number spans in text order as entities T1..Tn with their `text` filled."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    return [
        Entity(id=f"{prefix}{i}", label=s.label, start=s.start, end=s.end, text=text[s.start : s.end])
        for i, s in enumerate(ordered, start=1)
    ]


def new_annotation(doc_id: str, text: str, spans: Iterable[Span] = ()) -> Annotation:
    return Annotation(doc_id=doc_id, text_sha256=sha256_text(text), entities=entities_from_spans(text, spans))
