"""A linear-chain CRF over regex word tokens (python-crfsuite), IOB2.

Features are the ordinary ones (the word, its shape, prefixes and suffixes,
neighbours within two tokens, line starts) plus gazetteer features: whether a
token sits at the start or inside of a phrase from one of the rule tagger's
vocabularies (`vngov_ie.rules.tables`) or of the place gazetteer.

With `rules` (a tagger), each token also gets the rule tagger's IOB2 tag, its
neighbours' tags and the tag paired with the word: the CRF learns where the
rules are right (stacking). Without, it is the leaderboard's plain baseline.

Documents are one sequence each; training appends them one at a time so the
features of the whole corpus are never held in memory at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from vngov_ie.baselines.tokens import Example, Token, bio_tags, regex_tokens, spans_from_bio
from vngov_ie.tag import Tagger
from vngov_ie.types import Span

CRF_PARAMS: dict[str, object] = {"c1": 0.05, "c2": 0.01, "feature.possible_transitions": True}


def _gazetteer_tables() -> dict[str, tuple[str, ...]]:
    from vngov_ie.rules import gazetteer, tables

    return {
        "legal_type": tables.LEGAL_DOC_TYPES + tables.LEGAL_DOC_ABBREVIATIONS + tables.STANDARD_PREFIXES,
        "law_name": tables.LAW_NAMES,
        "org_head": tables.ORG_HEADS + tables.ORG_HEADER_HEADS,
        "org_name": tables.ORG_NAMES + tables.ORG_ACRONYMS,
        "org_position": tables.ORG_POSITIONS,
        "sector": tables.SECTORS,
        "admin_unit": tables.ADMIN_UNITS + tables.ADMIN_LEVELS,
        "country": tables.COUNTRIES,
        "province": gazetteer.province_names(),
        "local_place": tuple(gazetteer.local_place_names()),
        "surname": tables.SURNAMES,
        "person_cue": tables.PERSON_CUES,
        "metric_head": tables.METRIC_COMPOUND_HEADS + tables.METRIC_COORDINATED_HEADS + tables.MONEY_SCALES,
        "metric_blocker": tables.METRIC_BLOCKERS,
    }


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, dict[str, list[tuple[int, set[tuple[str, ...]]]]]]:
    """Per table: first word (lower case) -> [(length, phrases of that length)], longest first."""
    index: dict[str, dict[str, list[tuple[int, set[tuple[str, ...]]]]]] = {}
    for name, phrases in _gazetteer_tables().items():
        by_first: dict[str, dict[int, set[tuple[str, ...]]]] = {}
        for phrase in phrases:
            words = tuple(phrase[s:e].lower() for s, e in regex_tokens(phrase))
            if words:
                by_first.setdefault(words[0], {}).setdefault(len(words), set()).add(words)
        index[name] = {first: sorted(lengths.items(), reverse=True) for first, lengths in by_first.items()}
    return index


@lru_cache(maxsize=1)
def _tables_by_first_word() -> dict[str, list[tuple[str, list[tuple[int, set[tuple[str, ...]]]]]]]:
    """First word -> [(table, its phrases starting with that word by length)], one lookup per token."""
    by_first: dict[str, list[tuple[str, list[tuple[int, set[tuple[str, ...]]]]]]] = {}
    for name, table in gazetteer_index().items():
        for first, lengths in table.items():
            by_first.setdefault(first, []).append((name, lengths))
    return by_first


def gazetteer_tags(words: list[str]) -> list[list[str]]:
    """Per token, `name=B` / `name=I` for the longest phrase of each table that covers it.

    Each table is matched greedily left to right, longest phrase first, a match
    covering the tokens it spans; tables are independent of one another.
    """
    lower = [w.lower() for w in words]
    out: list[list[str]] = [[] for _ in words]
    free_from: dict[str, int] = {}  # per table, the first token after its last match
    tables = _tables_by_first_word()
    for i, word in enumerate(lower):
        for name, lengths in tables.get(word, ()):
            if free_from.get(name, 0) > i:
                continue
            best = next((n for n, phrases in lengths if tuple(lower[i : i + n]) in phrases), 0)
            if best:
                out[i].append(f"{name}=B")
                for j in range(i + 1, i + best):
                    out[j].append(f"{name}=I")
                free_from[name] = i + best
    return out


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """`Nghị` -> Xx, `30c/NQ-CP` -> dx/X-X, `2020` -> d (runs of one class collapsed)."""
    classes = _LETTER.sub(lambda m: "X" if m.group().isupper() else "x", word)
    classes = _DIGIT.sub("d", classes)
    return _RUN.sub(r"\1", classes)


def token_features(text: str, tokens: list[Token], rules: Tagger | None = None) -> list[list[str]]:
    """Feature strings per token; with `rules`, the rule tagger's tags around each token too."""
    words = [text[s:e] for s, e in tokens]
    lower = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    gaz = gazetteer_tags(words)
    feats: list[list[str]] = []
    for i, (word, (start, _)) in enumerate(zip(words, tokens)):
        line_start = i == 0 or "\n" in text[tokens[i - 1][1] : start]
        f = [
            "bias", f"w={lower[i]}", f"shape={shapes[i]}", f"p2={lower[i][:2]}", f"p3={lower[i][:3]}",
            f"s2={lower[i][-2:]}", f"s3={lower[i][-3:]}", f"len={min(len(word), 8)}",
            f"title={word[:1].isupper()}", f"upper={word.isupper()}", f"line_start={line_start}",
        ]
        f += [f"g:{g}" for g in gaz[i]]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                f += [f"{d}:w={lower[j]}", f"{d}:shape={shapes[j]}"]
                if abs(d) == 1:
                    f += [f"{d}:g:{g}" for g in gaz[j]]
            else:
                f.append(f"{d}:edge")
        if i:
            f.append(f"-1|0={lower[i - 1]}|{lower[i]}")
        if i + 1 < len(words):
            f.append(f"0|+1={lower[i]}|{lower[i + 1]}")
        feats.append(f)
    if rules is not None:
        add_rule_features(feats, lower, bio_tags(tokens, rules.tag(text)))
    return feats


def add_rule_features(feats: list[list[str]], lower: list[str], tags: list[str]) -> None:
    """The rule tag of each token, of its neighbours, and the tag paired with the word."""
    for i, tag in enumerate(tags):
        before = tags[i - 1] if i else "BOS"
        after = tags[i + 1] if i + 1 < len(tags) else "EOS"
        feats[i] += [f"r={tag}", f"-1:r={before}", f"+1:r={after}", f"r|w={tag}|{lower[i]}"]


def train_crf(examples: Iterable[Example], model_path: Path, max_iterations: int = 100,
              rules: Tagger | None = None) -> Path:
    """Train on `examples` (one sequence per document) and write the model file."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in examples:
        tokens = regex_tokens(ex.text)
        if tokens:
            trainer.append(token_features(ex.text, tokens, rules), bio_tags(tokens, ex.spans))
    trainer.set_params({**CRF_PARAMS, "max_iterations": max_iterations})
    model_path = Path(model_path)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path


@dataclass
class CrfTagger:
    """A trained CRF file behind the Tagger protocol."""

    path: Path
    name: str = "crf"
    rules: Tagger | None = None  # the tagger whose tags were features in training (None: plain CRF)
    _tagger: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))  # type: ignore[attr-defined]

    def tag(self, text: str) -> list[Span]:
        tokens = regex_tokens(text)
        if not tokens:
            return []
        tags = self._tagger.tag(token_features(text, tokens, self.rules))  # type: ignore[attr-defined]
        return spans_from_bio(tokens, tags)
