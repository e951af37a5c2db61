"""Model + rules: the model's spans, plus the rules' spans where the model found nothing.

A rule span is added only when it overlaps no model span, so the model keeps
the last word on every boundary it drew.
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
    model: Tagger
    rules: Tagger
    name: str = "model+rules"

    def tag(self, text: str) -> list[Span]:
        return merge_spans(self.model.tag(text), self.rules.tag(text))
