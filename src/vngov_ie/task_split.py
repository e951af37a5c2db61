"""A learned decision at each `;` of a sentence: does the part after it open a task of its own?

The spec splits a sentence at `;` "where each part has an action of its own"; a part
that only adds a deadline, a place, a figure or an item of a list stays with the part
before it. The rule of `vngov_ie.tasks` (`_opens_with_action`: the part after `;`
opens with a verb) is right at about 7 of 10 semicolons of the train split; this
model reads the rule's answer together with the words on both sides of the `;` (the
first words of each part, verbs, the parts of speech of the next part's first words,
figures, a list cue such as `gồm:` before it, the
lengths of the parts, the document kind, and how many parts the sentence has and what
share of them open with an action: `Định danh số; thanh toán số; tích hợp, chia sẻ dữ
liệu; ...` lists things, a run of verb-led parts lists tasks) and is right at about 8
of 10 (grouped cross-validation on train).

A `vngov_ie.logistic.LogisticModel`, like `vngov_ie.task_filter`; the weights live in
`task_split.json` beside this module, written by `eval/train_task_split.py` from the
gold tasks of the train split. `tasks` imports this module lazily, so it may import `tasks`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from vngov_ie.logistic import LogisticModel, read_model
from vngov_ie.tasks import _ACTION_RX, NO_SPLIT_START, _opens_with_action

WEIGHTS_PATH = Path(__file__).with_name("task_split.json")
CONTEXT = 300  # characters read on each side of the `;`
SEMICOLON = re.compile(r";\s+")  # the cut points `tasks` considers
_WORD = re.compile(r"\w+")
_PART_START = re.compile(r"; |\.\n|\. |\n\n|:")
_LIST_CUE = re.compile(r"(?i)\b(?:gồm|bao\s+gồm|như|sau)\s*:")


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return str(next((i for i, e in enumerate(edges) if n < e), len(edges)))


def _current_part(before: str) -> str:
    """The part of the sentence that the `;` closes: after the last `;`, stop, colon or blank line."""
    cut = max((m.end() for m in _PART_START.finditer(before)), default=0)
    return before[cut:]


def sentence_features(text: str, start: int, end: int) -> dict[str, float]:
    """What every `;` of the sentence `text[start:end]` shares: its number of parts, and the share
    of them (in quarters) that open with an action."""
    return dict.fromkeys(_sentence_shape(text, start, end), 1.0)


@lru_cache(maxsize=1024)
def _sentence_shape(text: str, start: int, end: int) -> tuple[str, str]:
    starts = [start] + [m.end() for m in SEMICOLON.finditer(text, start, end) if m.end() < end]
    actions = sum(bool(_opens_with_action(text[s:end])) for s in starts)
    return "parts=" + _bucket(len(starts), (3, 4, 6)), "action_share=" + str(4 * actions // len(starts))


def split_features(text: str, semicolon: int, after: int, kind: str,
                   sentence: tuple[int, int] | None = None) -> dict[str, float]:
    """Binary features of the `;` at `semicolon`, whose next part starts at `after`; with the span of
    its sentence, also `sentence_features`."""
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
    f.update(_after_tags(rest))
    if sentence is not None:
        f.update(sentence_features(text, *sentence))
    return {k: v for k, v in f.items() if v}


def _after_tags(rest: str) -> dict[str, float]:
    """Parts of speech (underthesea) of the next part's first words: a verb opens a task of its own, a noun
    (`tài liệu hướng dẫn, tuyên truyền ...`) goes on listing the objects of the part before."""
    from vngov_ie.task_filter import opening_tags

    return {"after_" + k: v for k, v in opening_tags(re.sub(r"\s+", " ", rest[:80]).strip()).items()}


@lru_cache(maxsize=4)
def load_split_model(path: Path = WEIGHTS_PATH) -> LogisticModel:
    """The trained model (cached); raises if the weights file is missing."""
    return read_model(path)


def splits_at(text: str, semicolon: int, after: int, kind: str, sentence: tuple[int, int],
              model: LogisticModel | None = None) -> bool:
    """Whether the sentence `text[sentence[0]:sentence[1]]` is cut after the `;` at `semicolon`
    (the next part starting at `after`)."""
    return (model or load_split_model()).keep(split_features(text, semicolon, after, kind, sentence))
