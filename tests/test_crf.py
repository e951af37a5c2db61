"""The CRF stacked on the rules (the default tagger), on real corpus text."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from vngov_ie.baselines.tokens import regex_tokens, training_example
from vngov_ie.pipeline import get_tagger
from vngov_ie.rules import RuleTagger
from vngov_ie.tag.crf import token_features

DEV_DOC = "tnt-b7a1f12e746ba1bb"  # a dev report: never seen in training


def test_rule_tags_become_features_of_each_token_and_its_neighbours() -> None:
    text = "Căn cứ Nghị định số 61/2018/NĐ-CP của Chính phủ"
    tokens = regex_tokens(text)
    plain = token_features(text, tokens)
    stacked = token_features(text, tokens, RuleTagger())
    words = [text[s:e] for s, e in tokens]
    nghi = words.index("Nghị")
    assert not any(f.startswith("r=") for f in plain[nghi])
    assert "r=B-LEGAL_REF" in stacked[nghi] and "-1:r=O" in stacked[nghi] and "+1:r=I-LEGAL_REF" in stacked[nghi]
    assert "r|w=B-LEGAL_REF|nghị" in stacked[nghi]
    assert stacked[0][: len(plain[0])] == plain[0]  # the plain features are kept


def test_the_default_tagger_finds_most_gold_entities_of_an_unseen_report() -> None:
    example = training_example(DEV_DOC, REPO / "annotations")
    tagger = get_tagger()
    assert tagger.name == "crf"
    predicted = set(tagger.tag(example.text))
    gold = set(example.spans)
    hits = len(predicted & gold)
    precision, recall = hits / len(predicted), hits / len(gold)
    assert precision > 0.8 and recall > 0.8, (precision, recall, len(gold))


def test_the_crf_differs_from_the_rules_it_reads() -> None:
    example = training_example(DEV_DOC, REPO / "annotations")
    assert set(get_tagger("crf").tag(example.text)) != set(RuleTagger().tag(example.text))


def test_crf_tagger_needs_a_model_folder_with_crf_features(tmp_path: Path) -> None:
    import json
    import shutil

    import pytest

    from vngov_ie.model.default import default_model_dir

    folder = tmp_path / "m"
    shutil.copytree(default_model_dir(), folder)
    meta = json.loads((folder / "vngov_ie.json").read_text())
    (folder / "vngov_ie.json").write_text(json.dumps({**meta, "features": "rules"}))
    with pytest.raises(ValueError, match="no CRF"):
        get_tagger("crf", folder)


def test_table_row_numbers_are_never_metric_whichever_tagger() -> None:
    """The CRF tags some cells that number table rows (`| 14 | Xã Cát Tiên 2 |`); the pipeline drops
    them as it drops the rules' own, while value cells stay METRIC."""
    from vngov_ie.corpus import corpus_text
    from vngov_ie.pipeline import extract
    from vngov_ie.rules.tagger import table_row_numbers
    from vngov_ie.types import Document

    doc_id = "vbai-ubnd-bc-tuyen-diaban-trongdiem-matuy-2025"  # a dev report with a flattened table of communes
    text = corpus_text(doc_id)
    rows = table_row_numbers(text)
    assert len(rows) > 50 and all(text[s:e].isdigit() for s, e in rows)
    tagger = get_tagger("crf")
    tagged = {(s.start, s.end) for s in tagger.tag(text) if s.label == "METRIC"}
    assert tagged & rows  # the CRF alone tags some of them
    metrics = {(e.start, e.end) for e in extract(Document(doc_id, text), tagger).entities if e.label == "METRIC"}
    assert not metrics & rows and len(metrics) > 20
