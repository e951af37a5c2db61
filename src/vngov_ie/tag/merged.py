"""Two taggers merged into one.

`merge_spans` keeps every span of the primary and adds the secondary's spans
where the primary found nothing: a secondary span is added only when it
overlaps no primary span, so the primary keeps the last word on every
boundary it drew (`rules+model`: the rules primary, the model filling gaps).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vngov_ie.tag import Tagger, index_spans, overlaps_any
from vngov_ie.types import Span


def merge_spans(primary: list[Span], secondary: list[Span]) -> list[Span]:
    """The primary's spans, plus the secondary's spans that overlap none of them."""
    ordered, starts = index_spans(primary)
    merged = list(primary) + [s for s in secondary if not overlaps_any(s, ordered, starts)]
    return sorted(merged, key=lambda s: (s.start, s.end))


@dataclass
class MergedTagger:
    primary: Tagger
    secondary: Tagger
    name: str = "rules+model"

    def tag(self, text: str) -> list[Span]:
        return merge_spans(self.primary.tag(text), self.secondary.tag(text))


@dataclass
class LastTextCache:
    """A tagger that remembers its answer for the last text (two users of one rule tagger pay once)."""

    inner: Tagger
    name: str = "rules"
    _last: tuple[str, list[Span]] | None = field(default=None, init=False, repr=False)

    def tag(self, text: str) -> list[Span]:
        if self._last is None or self._last[0] != text:
            self._last = (text, self.inner.tag(text))
        return list(self._last[1])
