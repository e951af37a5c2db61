"""underthesea's off-the-shelf `ner` as a tagger: PER, ORG, LOC kept; MISC dropped.

It is called line by line, and sentence by sentence inside long lines
(`underthesea.sent_tokenize`), which is about three times faster than whole
blocks. Its tokens are not always substrings of the input (it rewrites
characters and splits `30c/NQ-CP` into `30 c / NQ-CP`), so each token is
located by walking forward from a cursor, ignoring whitespace and comparing
characters without their diacritics when they differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from vngov_ie.rules.gazetteer import strip_diacritics
from vngov_ie.types import Span

LABEL_MAP: dict[str, str] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
LONG_LINE_WORDS = 60  # longer lines go through sent_tokenize first
SEARCH_WINDOW = 80  # characters past the cursor where a token that does not follow directly may sit


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    return strip_diacritics(char).lower()


def _same(a: str, b: str) -> bool:
    return a == b or _base(a) == _base(b)


def locate(text: str, cursor: int, token: str) -> tuple[int, int] | None:
    """Where `token` (its non-space characters) sits in `text` at or after `cursor`, or None."""
    chars = [c for c in token if not c.isspace()]
    if not chars:
        return None
    for start in range(cursor, min(len(text), cursor + SEARCH_WINDOW)):
        if text[start].isspace() or not _same(text[start], chars[0]):
            continue
        i, j = start, 0
        while j < len(chars):
            while i < len(text) and text[i].isspace():
                i += 1
            if i >= len(text) or not _same(text[i], chars[j]):
                break
            i, j = i + 1, j + 1
        if j == len(chars):
            return start, i
    return None


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Lines, and sentences inside long lines, as (start, end) offsets."""
    from underthesea import sent_tokenize

    for m in re.finditer(r"[^\n]+", text):
        if not m.group().strip():
            continue
        if len(m.group().split()) <= LONG_LINE_WORDS:
            yield m.start(), m.end()
            continue
        # a sentence runs to where the next one starts (sent_tokenize may rewrite characters)
        starts, cursor = [], m.start()
        for sentence in sent_tokenize(m.group()):
            found = locate(text, cursor, sentence.split()[0]) if sentence.strip() else None
            if found is not None and found[0] < m.end():
                starts.append(found[0])
                cursor = found[1]
        starts = sorted(set([m.start()] + starts))
        yield from zip(starts, starts[1:] + [m.end()])


def _entities(tagged: list[tuple], text: str, start: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    open_label, open_start, open_end = "", -1, -1
    for row in tagged:
        word, tag = row[0], row[-1]
        where = locate(text, cursor, word)
        if where is not None:
            cursor = where[1]
        label = LABEL_MAP.get(tag[2:], "") if tag != "O" else ""
        continues = tag.startswith("I-") and label == open_label and where is not None
        if continues:
            open_end = where[1]
            continue
        if open_label:
            spans.append(Span(open_start, open_end, open_label))
        open_label = label if where is not None else ""
        if where is not None:
            open_start, open_end = where
    if open_label:
        spans.append(Span(open_start, open_end, open_label))
    return spans


@dataclass
class UndertheseaTagger:
    name: str = "underthesea"

    def tag(self, text: str) -> list[Span]:
        from underthesea import ner

        spans: list[Span] = []
        for start, end in _segments(text):
            spans += _entities(ner(text[start:end]), text, start)
        return spans


def model_files() -> list[Path]:
    """The CRF models that `ner` runs (word segmentation, POS, chunking, NER), for the size column."""
    from importlib.util import find_spec

    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(list(spec.submodule_search_locations)[0]) / "pipeline"
    return [
        root / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727", root / "pos_tag" / "pos_crf_2017_10_11.bin",
        root / "chunking" / "chunk_crf_2017_10_12.bin", root / "ner" / "ner_crf_2017_10_12.bin",
    ]
