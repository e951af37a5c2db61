"""The leaderboard's baselines: token tags, offsets, alignment; no training beyond a few seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from vngov_ie.baselines.tokens import bio_tags, regex_tokens, spans_from_bio, training_example
from vngov_ie.types import Span

REPO = Path(__file__).resolve().parents[1]
DOC = "kiengiang-cchc-q3-2020"


@pytest.fixture(scope="module")
def example():
    return training_example(DOC, REPO / "annotations")


def test_gold_spans_survive_the_round_trip_through_tags(example) -> None:
    tokens = regex_tokens(example.text)
    back = spans_from_bio(tokens, bio_tags(tokens, example.spans))
    assert set(back) == set(example.spans)


TOKENS = [(0, 1), (2, 5), (6, 9)]


@pytest.mark.parametrize(("tags", "spans"), [
    (["B-ORG", "I-ORG", "O"], [Span(0, 5, "ORG")]),
    (["O", "I-ORG", "I-ORG"], [Span(2, 9, "ORG")]),  # an I- after O opens a span
    (["B-ORG", "I-LOC", "B-LOC"], [Span(0, 1, "ORG"), Span(2, 5, "LOC"), Span(6, 9, "LOC")]),
    (["B-ORG", "B-ORG", "I-ORG"], [Span(0, 1, "ORG"), Span(2, 9, "ORG")]),
    (["O", "O", "O"], []),
])
def test_spans_from_bio(tags, spans) -> None:
    assert spans_from_bio(TOKENS, tags) == spans


def test_bio_tags_a_token_shared_by_two_spans_keeps_the_first() -> None:
    # `63/2010/NĐ-CP,48/2013/NĐ-CP` is one regex token holding two references
    text = "Nghị định số 63/2010/NĐ-CP,48/2013/NĐ-CP"
    tokens = regex_tokens(text)
    assert bio_tags(tokens, [Span(0, 26, "LEGAL_REF"), Span(27, 40, "LEGAL_REF")]) == [
        "B-LEGAL_REF", "I-LEGAL_REF", "I-LEGAL_REF", "I-LEGAL_REF"]


def test_crf_features_and_a_tiny_model_tag_real_text(tmp_path: Path, example) -> None:
    from vngov_ie.tag.crf import CrfTagger, gazetteer_tags, shape, train_crf

    assert shape("Nghị") == "Xx" and shape("30c/NQ-CP") == "dx/X-X" and shape("2020") == "d"
    tags = gazetteer_tags(["Ủy", "ban", "nhân", "dân", "tỉnh", "Kiên", "Giang"])
    assert "org_head=B" in tags[0] and "org_head=I" in tags[3]
    assert "province=B" in tags[5] and "province=I" in tags[6]
    path = train_crf([example], tmp_path / "m.crfsuite", max_iterations=30)
    spans = CrfTagger(path).tag(example.text)
    gold = set(example.spans)
    assert sum(s in gold for s in spans) > len(gold) // 2  # it can fit the document it saw
    assert CrfTagger(path).tag("") == []


def test_underthesea_tokens_are_located_by_alignment() -> None:
    from vngov_ie.baselines.underthesea_ner import locate

    text = "Nghị quyết số 30c/NQ-CP ngày 08/11/2011"
    assert locate(text, 0, "30 c / NQ-CP") == (14, 23)  # split by underthesea, found as one stretch
    assert locate("hoà bình", 0, "hòa bình") == (0, 8)  # tone mark moved
    assert locate(text, 24, "Nghị") is None  # never backwards


def test_underthesea_spans_point_into_the_text() -> None:
    pytest.importorskip("underthesea")
    from vngov_ie.baselines.underthesea_ner import UndertheseaTagger

    text = "Ông Nguyễn Văn Hùng làm việc tại\nthành phố Hà Nội và tỉnh Kiên Giang."
    spans = UndertheseaTagger().tag(text)
    assert spans and all(s.label in {"PER", "ORG", "LOC"} for s in spans)
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] and s.end > s.start for s in spans)


def test_spacy_docs_keep_the_text_and_its_offsets(example) -> None:
    spacy = pytest.importorskip("spacy")
    from vngov_ie.baselines.spacy_ner import chunks, make_doc

    nlp = spacy.blank("xx")
    text = "  Số: 597/KH-UBND\n\nĐồng Tháp,  ngày\t27 tháng 11 năm 2025 \n"
    doc = make_doc(nlp.vocab, text)
    assert doc.text == text
    assert doc.char_span(6, 17).text == "597/KH-UBND"
    pieces = list(chunks(example, max_chars=500))
    assert "".join(piece for piece, _ in pieces) == example.text
    assert sum(len(spans) for _, spans in pieces) == len(example.spans)  # cut only outside spans
    for piece, spans in pieces:
        assert all(piece[s.start : s.end] for s in spans)
