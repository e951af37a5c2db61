"""A learned decision at each `;` of a sentence: does the part after it open a task of its own?

The spec splits a sentence at `;` "where each part has an action of its own"; a part
that only adds a deadline, a place, a figure or an item of a list stays with the part
before it. The rule of `vngov_ie.tasks` (`_opens_with_action`: the part after `;`
opens with a verb) is right at about 7 of 10 semicolons of the train split; this
model reads the rule's answer together with the words on both sides of the `;` (the
first words of each part, verbs, figures, a list cue such as `gồm:` before it, the
lengths of the parts, the document kind) and is right at about 8 of 10 (grouped
cross-validation on train).

A logistic regression over binary features, like `vngov_ie.task_filter`; the weights
live in `task_split.json` beside this module, written by `eval/train_task_split.py`
from the gold tasks of the train split. Scoring is a plain dot product.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_PATH = Path(__file__).with_name("task_split.json")
CONTEXT = 300  # characters read on each side of the `;`
SEMICOLON = re.compile(r";\s+")  # the cut points `tasks` considers
_WORD = re.compile(r"\w+")
_PART_START = re.compile(r"; |\.\n|\. |\n\n|:")
_LIST_CUE = re.compile(r"(?i)\b(?:gồm|bao\s+gồm|như|sau)\s*:")


@dataclass(frozen=True)
class SplitModel:
    """A logistic regression over binary features, and the threshold that splits."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return str(next((i for i, e in enumerate(edges) if n < e), len(edges)))


def _current_part(before: str) -> str:
    """The part of the sentence that the `;` closes: after the last `;`, stop, colon or blank line."""
    cut = max((m.end() for m in _PART_START.finditer(before)), default=0)
    return before[cut:]


def split_features(text: str, semicolon: int, after: int, kind: str) -> dict[str, float]:
    """Binary features of the `;` at `semicolon`, whose next part starts at `after`."""
    from vngov_ie.tasks import _ACTION_RX, NO_SPLIT_START, _opens_with_action  # lazy: tasks imports this module

    before = text[max(0, semicolon - CONTEXT) : semicolon]
    rest = text[after : after + CONTEXT]
    part = _current_part(before)
    next_part = re.split(r"[;.]\s", rest, maxsplit=1)[0]
    after_words = _WORD.findall(rest[:60].lower())
    part_words = _WORD.findall(part[:60].lower())
    f: dict[str, float] = {
        "rule": float(_opens_with_action(rest)),
        "kind=" + kind: 1.0,
        "a1=" + (after_words[0] if after_words else ""): 1.0,
        "a2=" + " ".join(after_words[:2]): 1.0,
        "p1=" + (part_words[0] if part_words else ""): 1.0,
        "p2=" + " ".join(part_words[:2]): 1.0,
        "after_upper": float(rest[:1].isupper()),
        "after_verb_start": float(bool(_ACTION_RX.match(rest))),
        "after_verb_any": float(bool(_ACTION_RX.search(next_part))),
        "part_verb_start": float(bool(_ACTION_RX.match(part.strip(" -+•\n")))),
        "after_no_split": float(bool(NO_SPLIT_START.match(rest))),
        "part_len=" + _bucket(len(part), (20, 40, 80, 160, 320)): 1.0,
        "after_len=" + _bucket(len(next_part), (20, 40, 80, 160, 320)): 1.0,
        "part_colon": float(":" in part),
        "list_cue": float(bool(_LIST_CUE.search(before))),
        "part_digit_end": float(bool(re.search(r"\d[%)]?$", before.strip()))),
        "after_digit": float(bool(re.match(r"\W*\d", rest))),
        "after_paren": float(rest[:1] == "("),
        "semicolon_before": float(";" in before),
    }
    return {k: v for k, v in f.items() if v}


@lru_cache(maxsize=4)
def load_split_model(path: Path = WEIGHTS_PATH) -> SplitModel:
    """The trained model (cached); raises if the weights file is missing."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return SplitModel(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


def splits_at(text: str, semicolon: int, after: int, kind: str, model: SplitModel | None = None) -> bool:
    """Whether the sentence is cut after the `;` at `semicolon` (the next part starting at `after`)."""
    model = model or load_split_model()
    return model.probability(split_features(text, semicolon, after, kind)) >= model.threshold
