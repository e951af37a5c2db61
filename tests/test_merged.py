"""Merging the model's and the rules' spans, on real corpus text."""

from __future__ import annotations

from vngov_ie.corpus import corpus_text
from vngov_ie.pipeline import get_tagger
from vngov_ie.rules import RuleTagger
from vngov_ie.tag.merged import LastTextCache, merge_spans
from vngov_ie.types import Span


def test_merge_adds_secondary_spans_only_where_the_primary_has_none() -> None:
    primary = [Span(0, 10, "ORG"), Span(20, 30, "LOC")]
    secondary = [Span(5, 15, "ORG"), Span(40, 45, "DATE")]
    assert merge_spans(primary, secondary) == [Span(0, 10, "ORG"), Span(20, 30, "LOC"), Span(40, 45, "DATE")]


def test_rules_plus_model_keeps_the_rules_and_fills_their_gaps() -> None:
    text = corpus_text("vbai-hdtd-bc-thamdinh-chiso-cchc-2025")[:6000]
    merged = get_tagger("rules+model").tag(text)
    rules = RuleTagger().tag(text)
    added = [s for s in merged if s not in rules]
    assert set(rules) <= set(merged)
    assert added and not any(a.start < r.end and r.start < a.end for a in added for r in rules)


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
