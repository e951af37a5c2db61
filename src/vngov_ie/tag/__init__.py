"""Taggers: one protocol, several implementations (rules, model, merged)."""

from __future__ import annotations

from typing import Protocol

from vngov_ie.types import Span


class Tagger(Protocol):
    """Anything that proposes labelled spans over a text (offsets into that text)."""

    name: str

    def tag(self, text: str) -> list[Span]: ...


def _rank(candidate: tuple[int, int, int, str]) -> tuple[int, int, int, int]:
    """Legal references first; among the rest, the longer span, then the better family."""
    prio, start, end, label = candidate
    return (0 if label == "LEGAL_REF" else 1, start - end, prio, start)


def resolve_overlaps(candidates: list[tuple[int, int, int, str]]) -> list[Span]:
    """Keep non-overlapping spans in `_rank` order.

    `candidates` are (priority, start, end, label); lower priority values win.
    """
    import bisect

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
