"""From annotated documents to word labels and overlapping sub-word windows.

Labels are IOB2 on words (the tokenizer's pre-tokenizer words); the first
sub-word of each word carries the word's label and the others -100. Long
documents are cut into windows of `max_len` tokens that overlap by `stride`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from transformers import PreTrainedTokenizerFast

from vngov_ie.labels import LABEL2ID
from vngov_ie.model.tokenizer import split_words
from vngov_ie.types import Span

IGNORE = -100


@dataclass(frozen=True)
class WordDoc:
    """A document as words: offsets into its (normalised) text and IOB2 labels."""

    doc_id: str
    words: tuple[tuple[int, int], ...]
    labels: tuple[str, ...]  # gold IOB2 per word ("O" when unknown)
    features: tuple[str, ...]  # rule tagger's IOB2 per word


@dataclass(frozen=True)
class Window:
    doc_id: str
    input_ids: list[int]
    token_type_ids: list[int]
    labels: list[int]
    word_index: list[int]  # word index per token, -1 for specials and non-first sub-words


def word_labels(words: Sequence[tuple[int, int]], spans: Iterable[Span]) -> list[str]:
    """IOB2 per word: B on the first word that starts inside a span, I on the rest."""
    labels = ["O"] * len(words)
    ordered = sorted(spans, key=lambda s: s.start)
    j = 0
    for i, (start, end) in enumerate(words):
        while j < len(ordered) and ordered[j].end <= start:
            j += 1
        if j < len(ordered) and ordered[j].start < end:
            first = i == 0 or labels[i - 1] == "O" or words[i - 1][1] <= ordered[j].start
            labels[i] = f"{'B' if first else 'I'}-{ordered[j].label}"
    return labels


def spans_from_labels(words: Sequence[tuple[int, int]], labels: Sequence[str]) -> list[Span]:
    """Character spans from IOB2 word labels; a stray I- opens a new span."""
    spans: list[Span] = []
    current: list[int] | None = None
    current_label = ""
    for (start, end), tag in zip(words, labels):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and label == current_label:
            current[1] = end
            continue
        if current is not None:
            spans.append(Span(current[0], current[1], current_label))
            current = None
        if prefix in ("B", "I"):
            current, current_label = [start, end], label
    if current is not None:
        spans.append(Span(current[0], current[1], current_label))
    return spans


def make_word_doc(
    tokenizer: PreTrainedTokenizerFast, doc_id: str, text: str, gold: Iterable[Span], rules: Iterable[Span]
) -> WordDoc:
    words = split_words(tokenizer, text)
    return WordDoc(doc_id, tuple(words), tuple(word_labels(words, gold)), tuple(word_labels(words, rules)))


def windows(tokenizer: PreTrainedTokenizerFast, doc: WordDoc, text: str, max_len: int, stride: int) -> list[Window]:
    """Overlapping windows of at most `max_len` tokens ([CLS] + sub-words + [SEP])."""
    pieces = [text[s:e] for s, e in doc.words]
    if not pieces:
        return []
    enc = tokenizer(pieces, is_split_into_words=True, add_special_tokens=False)
    ids, word_ids = enc["input_ids"], enc.word_ids()
    body = max_len - 2
    step = body - stride
    out: list[Window] = []
    for lo in range(0, max(1, len(ids) - stride), step):
        hi = min(lo + body, len(ids))
        out.append(_window(tokenizer, doc, ids[lo:hi], word_ids[lo:hi], lo == 0 or word_ids[lo - 1] != word_ids[lo]))
        if hi == len(ids):
            break
    return out


def _window(tokenizer, doc: WordDoc, ids: list[int], word_ids: list, starts_clean: bool) -> Window:
    labels, types, index = [IGNORE], [0], [-1]
    previous = None if starts_clean else word_ids[0]
    for w in word_ids:
        first = w != previous
        previous = w
        types.append(LABEL2ID[doc.features[w]])
        labels.append(LABEL2ID[doc.labels[w]] if first else IGNORE)
        index.append(w if first else -1)
    return Window(
        doc.doc_id,
        [tokenizer.cls_token_id, *ids, tokenizer.sep_token_id],
        [*types, 0],
        [*labels, IGNORE],
        [*index, -1],
    )
