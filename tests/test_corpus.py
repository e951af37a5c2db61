"""Whole-corpus checks: rule extraction of every document validates; the gold annotations validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from vngov_ie.corpus import corpus_text
from vngov_ie.pipeline import extract
from vngov_ie.types import Document
from vngov_ie.validate import validate_annotation, validate_paths


@pytest.mark.slow
def test_rule_extraction_of_every_corpus_document_validates(manifest, rule_tagger) -> None:
    problems = []
    for row in manifest:
        text = corpus_text(row.doc_id)
        ann = extract(Document(row.doc_id, text), rule_tagger)
        assert ann.entities, row.doc_id
        problems += validate_annotation(ann, text)
    assert problems == []


def test_gold_annotations_validate(corpus_dir: Path) -> None:
    folder = REPO / "annotations"
    files = sorted(folder.glob("*.json"))
    assert validate_paths(files, corpus_dir) == []
