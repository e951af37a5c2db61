"""Regex word tokens, IOB2 tags over them, and gold spans on normalised text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.normalise import normalise
from vngov_ie.types import Span
from vngov_ie.writers import tokens_with_offsets

Token = tuple[int, int]


@dataclass(frozen=True)
class Example:
    """A training document: its normalised text and the gold spans in it."""

    doc_id: str
    text: str
    spans: tuple[Span, ...]


def training_example(doc_id: str, annotations: Path) -> Example:
    """Gold spans moved onto the normalised text that taggers see inside `pipeline.extract`."""
    norm = normalise(corpus_text(doc_id))
    ann = read_annotation(Path(annotations) / f"{doc_id}.json")
    at = norm.offsets
    spans = (Span(bisect.bisect_left(at, e.start), bisect.bisect_left(at, e.end), e.label) for e in ann.entities)
    return Example(doc_id, norm.text, tuple(sorted(spans, key=lambda s: s.start)))


def training_examples(doc_ids: Iterable[str], annotations: Path) -> list[Example]:
    return [training_example(d, annotations) for d in doc_ids]


def bio_tags(tokens: list[Token], spans: Iterable[Span]) -> list[str]:
    """IOB2 per token: a token overlapping a span takes its label (B on the span's first token)."""
    tags = ["O"] * len(tokens)
    starts = [s for s, _ in tokens]
    for span in spans:
        first = max(0, bisect.bisect_right(starts, span.start) - 1)
        if tokens and tokens[first][1] <= span.start:
            first += 1
        inside = False
        for i in range(first, len(tokens)):
            if tokens[i][0] >= span.end:
                break
            if tags[i] == "O":  # a token shared by two spans keeps the first
                tags[i] = ("I-" if inside else "B-") + span.label
                inside = True
    return tags


def spans_from_bio(tokens: list[Token], tags: list[str]) -> list[Span]:
    """Character spans from IOB2 tags; an I- that follows another label opens a span of its own."""
    spans: list[Span] = []
    start = end = -1
    label = ""
    for (s, e), tag in zip(tokens, tags):
        if tag.startswith("I-") and tag[2:] == label:
            end = e
            continue
        if label:
            spans.append(Span(start, end, label))
        label = tag[2:] if tag != "O" else ""
        start, end = s, e
    if label:
        spans.append(Span(start, end, label))
    return spans


def regex_tokens(text: str) -> list[Token]:
    return tokens_with_offsets(text)


def folder_megabytes(*paths: Path) -> float:
    """Bytes on disk of files under `paths` (files or folders), in MB (10^6)."""
    total = 0
    for path in map(Path, paths):
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        total += sum(f.stat().st_size for f in files)
    return total / 1e6
