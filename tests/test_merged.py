"""Merging the model's and the rules' spans, on real corpus text."""

from __future__ import annotations

from vngov_ie.corpus import corpus_text
from vngov_ie.pipeline import get_tagger
from vngov_ie.rules import RuleTagger
from vngov_ie.tag.merged import LastTextCache, merge_spans, route_spans
from vngov_ie.types import Span


def test_merge_adds_secondary_spans_only_where_the_primary_has_none() -> None:
    primary = [Span(0, 10, "ORG"), Span(20, 30, "LOC")]
    secondary = [Span(5, 15, "ORG"), Span(40, 45, "DATE")]
    assert merge_spans(primary, secondary) == [Span(0, 10, "ORG"), Span(20, 30, "LOC"), Span(40, 45, "DATE")]


def test_route_gives_the_routed_label_to_the_secondary_alone() -> None:
    primary = [Span(0, 4, "LEGAL_REF"), Span(10, 20, "ORG"), Span(30, 40, "METRIC")]
    secondary = [Span(8, 25, "LEGAL_REF"), Span(30, 35, "METRIC"), Span(50, 60, "LEGAL_REF")]
    # the primary's own LEGAL_REF is dropped, its ORG loses to an overlapping rule LEGAL_REF,
    # its METRIC stays (the secondary's METRIC is not routed)
    assert route_spans(primary, secondary, frozenset({"LEGAL_REF"})) == [
        Span(8, 25, "LEGAL_REF"), Span(30, 40, "METRIC"), Span(50, 60, "LEGAL_REF"),
    ]


def test_model_plus_rules_takes_legal_references_from_the_rules() -> None:
    doc_id = "vbai-hdtd-bc-thamdinh-chiso-cchc-2025"
    text = corpus_text(doc_id)[:6000]
    merged = get_tagger("model+rules").tag(text)
    rules = RuleTagger().tag(text)
    assert [s for s in merged if s.label == "LEGAL_REF"] == [s for s in rules if s.label == "LEGAL_REF"]
    assert any(s.label != "LEGAL_REF" for s in merged)


class CountingTagger:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def tag(self, text: str) -> list[Span]:
        self.calls += 1
        return [Span(0, 1, "ORG")]


def test_last_text_cache_tags_each_text_once() -> None:
    inner = CountingTagger()
    cached = LastTextCache(inner)
    first = cached.tag("Sở Nội vụ")
    first.append(Span(2, 3, "LOC"))  # callers get their own list
    assert cached.tag("Sở Nội vụ") == [Span(0, 1, "ORG")]
    assert inner.calls == 1
    cached.tag("Sở Tư pháp")
    assert inner.calls == 2
