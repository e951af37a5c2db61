"""Text normalisation that keeps a map back to the original offsets.

Every later stage reads `Normalised.text`; every span it reports is mapped
back with `Normalised.to_original`, so the user sees offsets into the text
they gave.

What `normalise` does, in this order of meaning (the result equals
``unicodedata.normalize("NFC", fold(original))``):

- fold: ``\\r\\n`` and a lone ``\\r`` become ``\\n``; the characters in
  `LOOK_ALIKES` are replaced (Icelandic eth and African D look like Đ but
  break tokenizers; Unicode spaces become ' '); the characters in
  `ZERO_WIDTH` are removed;
- compose to NFC, one grapheme cluster (a character and the marks that
  attach to it) at a time, so each composed character has one source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LOOK_ALIKES: dict[str, str] = {
    "\u00d0": "\u0110",  # Ð Icelandic ETH, typed or OCRed for Đ
    "\u00f0": "\u0111",  # ð eth -> đ
    "\u0189": "\u0110",  # Ɖ African D -> Đ
    "\u00a0": " ",  # no-break space
    # U+2000 and U+2001 are canonically U+2002/U+2003, so they must fold too
    # or NFC would turn them into spaces that escaped the fold.
    **{chr(cp): " " for cp in range(0x2000, 0x200B)},  # en quad .. hair space
    "\u202f": " ",  # narrow no-break space
    "\u3000": " ",  # ideographic space
}

ZERO_WIDTH: frozenset[str] = frozenset("\u200b\u200c\u200d\ufeff")

# Starters (combining class 0) that NFC may still merge into the character
# before them: second halves of primary composites (Indic and Brahmic vowel
# signs, Hangul medial vowels and final consonants) and characters whose
# decomposition begins with a combining mark (Tibetan). Without them a
# cluster could end too early and the text would not be NFC. Generated from
# unicodedata 14.0; tests/test_normalise.py recomputes it.
STARTERS_THAT_JOIN: frozenset[str] = frozenset(
    [chr(cp) for cp in range(0x1161, 0x1176)]  # Hangul jungseong
    + [chr(cp) for cp in range(0x11A8, 0x11C3)]  # Hangul jongseong
    + [chr(cp) for cp in (
        0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2,
        0x0CD5, 0x0CD6, 0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x0F73, 0x0F75,
        0x0F81, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0,
        0x114BA, 0x114BD, 0x115AF, 0x11930,
    )]
)

# Anything the fold touches; text without these that is already NFC is
# returned with identity offsets without looking at each character.
_NEEDS_FOLD = re.compile("[\r" + re.escape("".join([*LOOK_ALIKES, *ZERO_WIDTH])) + "]")


@dataclass(frozen=True)
class Normalised:
    """Normalised `text` of `original` with a per-character source map.

    Normalised character ``i`` comes from ``original[offsets[i]:ends[i]]``:
    itself where nothing changed; else a whole grapheme cluster (all the
    characters NFC makes of a changed cluster share its span), or both
    characters of a ``\\r\\n``. `offsets` has one more entry than `text`,
    ``offsets[len(text)] == len(original)``; both `offsets` and `ends` are
    non-decreasing. A removed zero-width character belongs to no span unless
    it sits inside a cluster (between a letter and its mark).
    """

    text: str
    original: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...]

    def __post_init__(self) -> None:
        n = len(self.text)
        fits = len(self.offsets) == n + 1 and len(self.ends) == n
        if not fits or self.offsets[n] != len(self.original):
            raise ValueError("offsets/ends do not fit text and original")

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that the normalised span [start, end) comes from.

        It runs from the first source character of char `start` to the last
        source character of char ``end - 1``, so it never starts or ends on a
        removed zero-width character, and it covers whole changed clusters and
        whole ``\\r\\n`` pairs. An empty span maps to an empty span at
        ``offsets[start]``. Exact: if `start` and `end` are cluster
        boundaries (see `is_boundary`), ``normalise(original[s:e]).text ==
        text[start:end]``.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends[end - 1]

    def is_boundary(self, i: int) -> bool:
        """Whether a span may start or end at normalised index `i` without splitting a cluster.

        False only inside the rare changed clusters that NFC cannot
        compose into one character (``q`` + dot below + acute, reordered).
        """
        return i in (0, len(self.text)) or self.offsets[i] != self.offsets[i - 1]


def normalise(text: str) -> Normalised:
    """Fold look-alikes, line ends and zero-width characters, then NFC (see module doc)."""
    if _NEEDS_FOLD.search(text) is None and unicodedata.is_normalized("NFC", text):
        return Normalised(text, text, tuple(range(len(text) + 1)), tuple(range(1, len(text) + 1)))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in ZERO_WIDTH:
            i += 1
            continue
        if char == "\r":
            stop = i + 2 if text.startswith("\n", i + 1) else i + 1
            out.append("\n")
            starts.append(i)
            ends.append(stop)
            i = stop
            continue
        stop = _cluster_end(text, i)
        cluster = text[i:stop]
        piece = _fold_and_compose(cluster)
        out.append(piece)
        if piece == cluster:  # as the fast path does: each character is its own source
            starts.extend(range(i, stop))
            ends.extend(range(i + 1, stop + 1))
        else:
            starts.extend([i] * len(piece))
            ends.extend([stop] * len(piece))
        i = stop
    starts.append(n)
    return Normalised("".join(out), text, tuple(starts), tuple(ends))


def _joins_previous(char: str) -> bool:
    return unicodedata.combining(char) != 0 or char in STARTERS_THAT_JOIN


def _cluster_end(text: str, start: int) -> int:
    """End of the cluster starting at `start`: marks follow, zero-width characters are see-through.

    Zero-width characters after the last mark are left outside, so a
    cluster's span never ends on one.
    """
    stop = start + 1
    scan = stop
    n = len(text)
    while scan < n:
        char = text[scan]
        if char in ZERO_WIDTH:
            scan += 1
        elif _joins_previous(char):
            scan += 1
            stop = scan
        else:
            break
    return stop


def _fold_and_compose(cluster: str) -> str:
    if len(cluster) == 1:
        char = LOOK_ALIKES.get(cluster, cluster)
        # Below U+0300 every character is its own NFC; skip the call.
        return char if char < "\u0300" else unicodedata.normalize("NFC", char)
    folded = "".join(LOOK_ALIKES.get(c, c) for c in cluster if c not in ZERO_WIDTH)
    return unicodedata.normalize("NFC", folded)
