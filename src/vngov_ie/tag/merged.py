"""Two taggers merged: every span of the primary, plus the secondary's spans where the primary found nothing.

A secondary span is added only when it overlaps no primary span, so the
primary keeps the last word on every boundary it drew. `model+rules` makes
the model primary, `rules+model` the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from vngov_ie.tag import Tagger
from vngov_ie.types import Span


def merge_spans(primary: list[Span], secondary: list[Span]) -> list[Span]:
    merged = list(primary)
    ordered = sorted(primary, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    import bisect

    for span in secondary:
        i = bisect.bisect_left(starts, span.end)
        if i > 0 and any(p.end > span.start for p in ordered[max(0, i - 3) : i]):
            continue
        merged.append(span)
    return sorted(merged, key=lambda s: (s.start, s.end))


@dataclass
class MergedTagger:
    primary: Tagger
    secondary: Tagger
    name: str = "model+rules"

    def tag(self, text: str) -> list[Span]:
        return merge_spans(self.primary.tag(text), self.secondary.tag(text))
