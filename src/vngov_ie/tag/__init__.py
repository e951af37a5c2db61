"""Taggers: one protocol, several implementations (rules, model, merged)."""

from __future__ import annotations

import bisect
from typing import Protocol

from vngov_ie.types import Span


class Tagger(Protocol):
    """Anything that proposes labelled spans over a text (offsets into that text)."""

    name: str

    def tag(self, text: str) -> list[Span]: ...


def index_spans(spans: list[Span]) -> tuple[list[Span], list[int]]:
    """`spans` sorted by start, and their starts: what `overlaps_any` searches."""
    ordered = sorted(spans, key=lambda s: s.start)
    return ordered, [s.start for s in ordered]


def overlaps_any(span: Span, ordered: list[Span], starts: list[int]) -> bool:
    """Whether `span` overlaps a span of `ordered` (from `index_spans`, non-overlapping)."""
    i = bisect.bisect_left(starts, span.end)
    return i > 0 and any(p.end > span.start for p in ordered[max(0, i - 3) : i])


def _rank(candidate: tuple[int, int, int, str]) -> tuple[int, int, int, int]:
    """Legal references first; among the rest, the longer span, then the better family."""
    prio, start, end, label = candidate
    return (0 if label == "LEGAL_REF" else 1, start - end, prio, start)


def resolve_overlaps(candidates: list[tuple[int, int, int, str]]) -> list[Span]:
    """Keep non-overlapping spans in `_rank` order.

    `candidates` are (priority, start, end, label); lower priority values win.
    """
    accepted: list[tuple[int, int, str]] = []  # sorted by start
    starts: list[int] = []
    for prio, start, end, label in sorted(candidates, key=_rank):
        i = bisect.bisect_left(starts, start)
        if i > 0 and accepted[i - 1][1] > start:
            continue
        if i < len(accepted) and accepted[i][0] < end:
            continue
        accepted.insert(i, (start, end, label))
        starts.insert(i, start)
    return [Span(s, e, label) for s, e, label in accepted]
