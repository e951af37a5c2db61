"""Inference: words -> windows -> logits -> stitched word labels -> character spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForTokenClassification, PreTrainedTokenizerFast

from vngov_ie.labels import ID2LABEL
from vngov_ie.model.data import WordDoc, Window, spans_from_labels, windows
from vngov_ie.model.default import read_meta
from vngov_ie.model.tokenizer import split_words
from vngov_ie.types import Span



def predict_word_labels(model, tokenizer, doc: WordDoc, text: str, max_len: int, stride: int,
                        use_features: bool, batch_size: int = 32) -> list[str]:
    """IOB2 per word, decoded under IOB2 constraints from the scores of the window where each word sits most centrally."""
    scores = word_log_probs(model, tokenizer, doc, text, max_len, stride, use_features, batch_size)
    return [ID2LABEL[i] for i in viterbi_iob2(scores)]


def word_log_probs(model, tokenizer, doc: WordDoc, text: str, max_len: int, stride: int,
                   use_features: bool, batch_size: int = 32) -> np.ndarray:
    """(words x labels) log-probabilities; a word seen by several windows takes the one where it is most central."""
    wins = windows(tokenizer, doc, text, max_len, stride)
    out = np.full((len(doc.words), len(ID2LABEL)), -1e4, dtype=np.float32)
    out[:, 0] = 0.0  # a word no window reaches (none in practice) stays O
    margin = np.full(len(doc.words), -1, dtype=np.int64)
    model.eval()
    device = next(model.parameters()).device  # a model trained on a GPU is scored there between epochs
    with torch.inference_mode():
        for lo in range(0, len(wins), batch_size):
            batch = wins[lo : lo + batch_size]
            inputs = {k: v.to(device) for k, v in _tensors(batch, use_features).items()}
            logp = torch.log_softmax(model(**inputs).logits.float(), -1).cpu().numpy()
            for win, row in zip(batch, logp):
                n = len(win.input_ids)
                for pos, word in enumerate(win.word_index):
                    if word >= 0 and min(pos, n - 1 - pos) > margin[word]:
                        margin[word] = min(pos, n - 1 - pos)
                        out[word] = row[pos]
    return out


def _allowed_transitions() -> np.ndarray:
    """allowed[i, j]: label j may follow label i in IOB2 (I-X only after B-X or I-X)."""
    n = len(ID2LABEL)
    allowed = np.ones((n, n), dtype=bool)
    for j in range(n):
        tag = ID2LABEL[j]
        if tag.startswith("I-"):
            for i in range(n):
                allowed[i, j] = ID2LABEL[i][2:] == tag[2:] and ID2LABEL[i] != "O"
    return allowed


_PENALTY = np.where(_allowed_transitions(), 0.0, -1e9).astype(np.float32)  # previous label x current label
_START = np.array([not ID2LABEL[j].startswith("I-") for j in range(len(ID2LABEL))])


def viterbi_iob2(scores: np.ndarray) -> list[int]:
    """The best label sequence whose transitions are all valid IOB2 (sum of per-word log-probabilities)."""
    if len(scores) == 0:
        return []
    best = np.where(_START, scores[0], -1e9).astype(np.float32)
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, len(scores)):
        cand = best[:, None] + _PENALTY
        back[t] = cand.argmax(0)
        best = cand.max(0) + scores[t]
    path = [int(best.argmax())]
    for t in range(len(scores) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


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
    rules: object | None = None  # a rule tagger to use for the features (one is made when the model needs it)
    model: object = field(init=False, repr=False)
    tokenizer: PreTrainedTokenizerFast = field(init=False, repr=False)
    meta: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.meta = read_meta(self.path)
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # one line per problem on stderr, no loading bars
        self.tokenizer = PreTrainedTokenizerFast.from_pretrained(self.path)
        self.tokenizer.model_max_length = 10**9  # we window long texts ourselves
        self.model = AutoModelForTokenClassification.from_pretrained(self.path)
        self.model.eval()
        self._rules = None  # the tagger whose tags the model reads (rules, or a CRF stacked on them)
        if self.meta.get("rule_features"):
            from vngov_ie.model.features import feature_tagger
            from vngov_ie.rules import RuleTagger

            self._rules = feature_tagger(self.path, self.meta, self.rules if self.rules is not None else RuleTagger())

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


def load_model_tagger(path: Path | None = None, rules=None) -> ModelTagger:
    from vngov_ie.model.default import default_model_dir

    return ModelTagger(Path(path) if path is not None else default_model_dir(), rules=rules)
