"""Inference: words -> windows -> logits -> stitched word labels -> character spans."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import AutoModelForTokenClassification, PreTrainedTokenizerFast

from vngov_ie.labels import ID2LABEL
from vngov_ie.model.data import WordDoc, Window, spans_from_labels, windows
from vngov_ie.model.tokenizer import split_words
from vngov_ie.types import Span

META_FILE = "vngov_ie.json"


def predict_word_labels(model, tokenizer, doc: WordDoc, text: str, max_len: int, stride: int,
                        use_features: bool, batch_size: int = 32) -> list[str]:
    """IOB2 per word; a word seen by several windows takes the one where it sits most centrally."""
    wins = windows(tokenizer, doc, text, max_len, stride)
    best: dict[int, tuple[int, int]] = {}  # word -> (distance from window edge, label id)
    model.eval()
    with torch.inference_mode():
        for lo in range(0, len(wins), batch_size):
            batch = wins[lo : lo + batch_size]
            logits = model(**_tensors(batch, use_features)).logits
            labels = logits.argmax(-1).tolist()
            for win, row in zip(batch, labels):
                n = len(win.input_ids)
                for pos, word in enumerate(win.word_index):
                    if word < 0:
                        continue
                    margin = min(pos, n - 1 - pos)
                    if word not in best or margin > best[word][0]:
                        best[word] = (margin, row[pos])
    return _repair([ID2LABEL[best[i][1]] if i in best else "O" for i in range(len(doc.words))])


def _repair(labels: list[str]) -> list[str]:
    """IOB2 well-formed: an I- after O or after another label becomes B-."""
    out = []
    for i, tag in enumerate(labels):
        if tag.startswith("I-") and (i == 0 or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def _tensors(batch: list[Window], use_features: bool) -> dict[str, torch.Tensor]:
    width = max(len(w.input_ids) for w in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    types = torch.zeros((len(batch), width), dtype=torch.long)
    for i, w in enumerate(batch):
        n = len(w.input_ids)
        ids[i, :n] = torch.tensor(w.input_ids)
        mask[i, :n] = 1
        if use_features:
            types[i, :n] = torch.tensor(w.token_type_ids)
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


@dataclass
class ModelTagger:
    """A trained model directory behind the Tagger protocol."""

    path: Path
    name: str = "model"
    batch_size: int = 32
    model: object = field(init=False, repr=False)
    tokenizer: PreTrainedTokenizerFast = field(init=False, repr=False)
    meta: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        meta_path = self.path / META_FILE
        if not meta_path.is_file():
            raise OSError(f"{self.path} is not a vngov-ie model folder (no {META_FILE})")
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # one line per problem on stderr, no loading bars
        self.tokenizer = PreTrainedTokenizerFast.from_pretrained(self.path)
        self.tokenizer.model_max_length = 10**9  # we window long texts ourselves
        self.model = AutoModelForTokenClassification.from_pretrained(self.path)
        self.model.eval()
        self._rules = None
        if self.meta.get("rule_features"):
            from vngov_ie.rules import RuleTagger

            self._rules = RuleTagger()

    def tag(self, text: str) -> list[Span]:
        words = split_words(self.tokenizer, text)
        if not words:
            return []
        from vngov_ie.model.data import word_labels

        features = word_labels(words, self._rules.tag(text)) if self._rules else ["O"] * len(words)
        doc = WordDoc("-", tuple(words), tuple(["O"] * len(words)), tuple(features))
        labels = predict_word_labels(
            self.model, self.tokenizer, doc, text, self.meta["max_len"], self.meta["stride"],
            bool(self._rules), self.batch_size,
        )
        return spans_from_labels(words, labels)


def load_model_tagger(path: Path | None = None) -> ModelTagger:
    from vngov_ie.model.default import default_model_dir

    return ModelTagger(Path(path) if path is not None else default_model_dir())
