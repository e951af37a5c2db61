"""Each validator check, triggered by one fault put into a real document's annotation."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from vngov_ie.annotation import read_annotation, write_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.pipeline import extract
from vngov_ie.types import Annotation, Document, Entity, Relation, Task
from vngov_ie.validate import validate_annotation, validate_file, validate_paths

DOC = "kiengiang-cchc-q3-2020"


@pytest.fixture(scope="module")
def text() -> str:
    return corpus_text(DOC)


@pytest.fixture(scope="module")
def good(text: str, rule_tagger) -> Annotation:
    ann = extract(Document(DOC, text), rule_tagger)
    task_ids = {t.id for t in ann.tasks}
    ann.relations = [r for r in ann.relations if r.head not in task_ids]  # extract's own tasks are replaced
    ann.tasks = [Task("K1", 511, 964, "done")]
    ref = next(e for e in ann.entities if e.label == "LEGAL_REF" and 511 <= e.start < 964)
    ann.relations = [*ann.relations, Relation("BASED_ON", "K1", ref.id)]
    return ann


def _with(ann: Annotation, **changes) -> Annotation:
    return dataclasses.replace(ann, **{k: v for k, v in changes.items()})


def _entity(ann: Annotation, label: str) -> Entity:
    return next(e for e in ann.entities if e.label == label)


def test_rule_output_is_valid(good: Annotation, text: str) -> None:
    assert validate_annotation(good, text) == []


def _faults(good: Annotation, text: str) -> dict[str, Annotation]:
    ents = list(good.entities)
    first, second = ents[0], ents[1]
    org = _entity(good, "ORG")
    legal = _entity(good, "LEGAL_REF")
    ws_start = next(i for i in range(len(text)) if text[i] == " " and text[i + 1] != " ")
    return {
        "does not match the text": _with(good, text_sha256="0" * 64),
        "offsets out of range": _with(good, entities=[*ents, Entity("T999", "ORG", len(text) - 2, len(text) + 5, "x")]),
        "differs from the slice": _with(good, entities=[dataclasses.replace(first, text=first.text + "x"), *ents[1:]]),
        "unknown label": _with(good, entities=[dataclasses.replace(first, label="MONEY"), *ents[1:]]),
        "overlaps or nests": _with(good, entities=[*ents, Entity("T998", second.label, second.start, second.end + 1, text[second.start:second.end + 1])]),
        "starts or ends on whitespace": _with(good, entities=[*ents, Entity("T997", "ORG", ws_start, ws_start + 3, text[ws_start:ws_start + 3])]),
        "duplicate id": _with(good, entities=[*ents[:-1], dataclasses.replace(ents[-1], id=first.id)]),
        "unknown relation type": _with(good, relations=[*good.relations, Relation("CITES", legal.id, org.id)]),
        "expected DATE": _with(good, relations=[*good.relations, Relation("ISSUED_ON", legal.id, org.id)]),
        "is not an entity or task id": _with(good, relations=[*good.relations, Relation("ISSUED_BY", legal.id, "T12345")]),
        "unknown task status": _with(good, tasks=[Task("K1", 511, 964, "maybe")]),
        "task overlaps": _with(good, tasks=[*good.tasks, Task("K2", 900, 1000, "done")]),
    }


@pytest.mark.parametrize(
    "message",
    [
        "does not match the text", "offsets out of range", "differs from the slice", "unknown label",
        "overlaps or nests", "starts or ends on whitespace", "duplicate id", "unknown relation type",
        "expected DATE", "is not an entity or task id", "unknown task status", "task overlaps",
    ],
)
def test_each_fault_is_reported(good: Annotation, text: str, message: str) -> None:
    problems = validate_annotation(_faults(good, text)[message], text, "f.json")
    assert problems, message
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    assert all(str(p).startswith("f.json: ") for p in problems)


def test_table_cell_boundary(text: str) -> None:
    doc = "vbai-ubnd-kh-kiemtra-cchc-2026"
    body = corpus_text(doc)
    bar = body.index(" | ")
    ann = Annotation(doc, Document(doc, body).sha256, [Entity("T1", "ORG", bar - 3, bar + 5, body[bar - 3 : bar + 5])])
    assert any("table cell" in p.message for p in validate_annotation(ann, body))


def test_files_malformed_and_missing(tmp_path: Path, good: Annotation) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    wrong_shape = tmp_path / "shape.json"
    wrong_shape.write_text(json.dumps({"doc_id": DOC, "entities": "none"}), encoding="utf-8")
    ok = tmp_path / f"{DOC}.json"
    write_annotation(good, ok)
    problems = validate_paths([tmp_path, tmp_path / "absent.json"])
    messages = {Path(p.file).name: p.message for p in problems}
    assert "malformed JSON" in messages["bad.json"]
    assert "entities" in messages["shape.json"]
    assert messages["absent.json"] == "no such file"
    assert f"{DOC}.json" not in messages


def test_round_trip_keeps_everything(tmp_path: Path, good: Annotation) -> None:
    path = tmp_path / f"{DOC}.json"
    write_annotation(good, path)
    assert read_annotation(path) == good
    assert validate_file(path) == []
