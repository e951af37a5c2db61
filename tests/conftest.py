"""Shared fixtures: the real corpus, read from ../shared/corpus (or $VNGOV_CORPUS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vngov_ie.corpus import corpus_root, corpus_text, read_manifest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    root = corpus_root()
    if not (root / "MANIFEST.tsv").is_file():
        pytest.fail(f"corpus not found at {root}: set VNGOV_CORPUS or place shared/ beside the repo")
    return root


@pytest.fixture(scope="session")
def manifest(corpus_dir: Path):
    return read_manifest(corpus_dir)


@pytest.fixture(scope="session")
def rule_tagger():
    from vngov_ie.rules import RuleTagger

    return RuleTagger()


def snippet(doc_id: str, text: str) -> str:
    """`text` after checking that it is a real substring of corpus document `doc_id`."""
    assert text in corpus_text(doc_id), f"{text!r} is not in {doc_id}"
    return text
