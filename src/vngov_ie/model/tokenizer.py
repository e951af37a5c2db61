"""A WordPiece tokenizer built from our own corpus text; words come from its pre-tokenizer.

Vietnamese writes one syllable per space-separated word and has only a few
thousand syllables, so the vocabulary is built directly: every character
(alone and as a `##` continuation) and then the most frequent words, ties
broken alphabetically. A syllable outside the vocabulary falls back to
characters. Unlike the `tokenizers` trainers, this is deterministic, so a
seeded training run is reproducible from scratch.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import PreTrainedTokenizerFast

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_vocab(texts: Iterable[str], vocab_size: int) -> dict[str, int]:
    pre = pre_tokenizers.BertPreTokenizer()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word for word, _ in pre.pre_tokenize_str(text))
    chars = sorted({c for word in counts for c in word})
    vocab = [*SPECIALS, *chars, *(f"##{c}" for c in chars)]
    room = max(0, vocab_size - len(vocab))
    known = set(vocab)
    ranked = sorted((w for w in counts if w not in known and len(w) > 1), key=lambda w: (-counts[w], w))
    vocab += ranked[:room]
    return {token: i for i, token in enumerate(vocab)}


def train_tokenizer(texts: Iterable[str], vocab_size: int) -> PreTrainedTokenizerFast:
    """Cased WordPiece over whitespace/punctuation words; texts are NFC already."""
    tok = Tokenizer(models.WordPiece(build_vocab(texts, vocab_size), unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Replace("Ð", "Đ")])
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
    )
    tok.decoder = decoders.WordPiece()
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_max_length=512,
    )


def split_words(tokenizer: PreTrainedTokenizerFast, text: str) -> list[tuple[int, int]]:
    """Word offsets in `text` as the tokenizer's pre-tokenizer cuts them."""
    pre = tokenizer.backend_tokenizer.pre_tokenizer
    return [span for _, span in pre.pre_tokenize_str(text)]
