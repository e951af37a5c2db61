"""A learned filter over the task units that the rules of `vngov_ie.tasks` propose.

The rules take many descriptive sentences of reports and statements of rules in
legal texts (`Trường hợp ... thì ...`, `X có trách nhiệm ...`) as tasks. The filter
scores each candidate with a logistic regression over general features (first
words and the parts of speech of the opening ones, cue words, entity labels
inside the span, document kind, section title, list marker, length, final
character, position) and drops those under a threshold.

The model is a `vngov_ie.logistic.LogisticModel`; its weights and threshold live in `task_filter.json` beside this module;
`eval/train_task_filter.py` retrains them (train and dev splits; C and the threshold
chosen by cross-validation grouped by document). Each candidate also sees a few
features of the candidates before and after it (`with_context`).
Scoring is a plain dot product; the only library used at run time is underthesea's
part-of-speech tagger (offline, a few milliseconds per unit).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from vngov_ie.labels import ENTITY_LABELS
from vngov_ie.logistic import LogisticModel, read_model
from vngov_ie.types import Entity

if TYPE_CHECKING:  # `tasks` imports this module lazily; no import cycle at run time
    from vngov_ie.tasks import Unit

WEIGHTS_PATH = Path(__file__).with_name("task_filter.json")
# Cue words and patterns whose presence is a feature (name -> regex on the lower-cased flat text).
CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(rx)
    for name, rx in {
        "phai": r"\bphải\b",
        "co_trach_nhiem": r"\b(?:có|chịu)\s+trách\s+nhiệm\b",
        "truong_hop": r"\btrường\s+hợp\b",
        "thi": r"\bthì\b",
        "neu": r"\bnếu\b",
        "duoc": r"\bđược\b",
        "da": r"\bđã\b",
        "se": r"\bsẽ\b",
        "dang": r"\bđang\b",
        "can": r"\bcần\b",
        "de_nghi": r"\bđề\s+nghị\b",
        "giao": r"\bgiao\b",
        "chu_tri": r"\bchủ\s+trì\b",
        "phoi_hop": r"\bphối\s+hợp\b",
        "la": r"\blà\b",
        "khong": r"\bkhông\b",
        "quy_dinh": r"\bquy\s+định\b",
        "theo_quy_dinh": r"\btheo\s+quy\s+định\b",
        "tiep_tuc": r"\btiếp\s+tục\b",
        "to_chuc": r"\btổ\s+chức\b",
        "trien_khai": r"\btriển\s+khai\b",
        "thuc_hien": r"\bthực\s+hiện\b",
        "bao_cao": r"\bbáo\s+cáo\b",
        "ban_hanh": r"\bban\s+hành\b",
        "ket_qua": r"\bkết\s+quả\b",
        "tuy_nhien": r"\btuy\s+nhiên\b",
        "con": r"\bcòn\b",
        "chua": r"\bchưa\b",
        "nhu_sau": r"\bnhư\s+sau\b",
        "trong_do": r"\btrong\s+đó\b",
        "percent": r"%",
        "digits": r"\d",
        "quote": r"[\"“”]",
        "paren": r"\(",
        "colon": r":",
        "semicolon": r";",
    }.items()
}
# Attribute or content lines taken into a plan's item (`- Cơ quan chủ trì: ...`, `- Nội dung: ...`).
ATTRIBUTE_INSIDE = re.compile(r"\n\s*[-+•]?\s*(?:Nội\s+dung|Cơ\s+quan|Đơn\s+vị|Thời\s+gian|Sản\s+phẩm|Kinh\s+phí|"
                              r"Chủ\s+trì|Phối\s+hợp|Tiến\s+độ|Thời\s+hạn|Kết\s+quả)[^\n:]{0,30}:", re.I)
# The neighbours' features that a candidate also sees (prefixes of feature names).
CONTEXT_FEATURES: tuple[str, ...] = ("w1=", "w2=", "marker=", "end=", "section1=", "len=", "status=", "pos1=")
_MARKUP = re.compile(r"\*\*|</?sup>|<[^>]+>|#+\s*")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    """One task unit proposed by the rules, with the context the filter looks at."""

    start: int
    end: int
    status: str
    marker: str
    lead_orgs: int  # ORG ids given by a lead-in above the unit


TaskFilter = LogisticModel  # keeps a candidate unit when its probability reaches the threshold


# --- context ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocContext:
    """What the features of every candidate of one document share: kind, headings, entities."""

    text: str
    kind: str
    heading_starts: list[int]
    heading_titles: list[str]
    entities: list[Entity]  # sorted by start
    entity_starts: list[int]


def document_context(text: str, entities: list[Entity], kind: str) -> DocContext:
    from vngov_ie.tasks import layout

    heads = [u for u in layout(text)[1] if u.heading]
    ordered = sorted(entities, key=lambda e: e.start)
    return DocContext(text, kind, [u.start for u in heads], [_title_words(text[u.start : u.end]) for u in heads],
                      ordered, [e.start for e in ordered])


def _title_words(title: str, n: int = 2) -> str:
    words = [w for w in _WORD.findall(_MARKUP.sub("", title).lower()) if not w.isdigit()]
    return " ".join(words[:n])


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", _MARKUP.sub("", s)).strip()


# --- features --------------------------------------------------------------------------------


def marker_type(marker: str) -> str:
    if not marker:
        return "none"
    if marker in "-–":
        return "dash"
    if marker in "+•*":
        return "plus"
    if marker.startswith("Điều"):
        return "article"
    if re.fullmatch(r"[IVX]+\.", marker):
        return "roman"
    if re.fullmatch(r"\d+\.?", marker):
        return "number"
    if re.fullmatch(r"\d+(?:\.\d+)+\.?", marker):
        return "subnumber"
    if re.fullmatch(r"[a-zđ][).]", marker):
        return "letter"
    return "paren"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return str(next((i for i, e in enumerate(edges) if n < e), len(edges)))


def candidate_features(ctx: DocContext, c: Candidate) -> dict[str, float]:
    """Binary features of one candidate (names are strings, values 1.0)."""
    raw = ctx.text[c.start : c.end]
    flat = _flat(raw)
    low = flat.lower()
    words = _WORD.findall(low)
    f: dict[str, float] = {
        "kind=" + ctx.kind: 1.0,
        "status=" + c.status: 1.0,
        "kind_status=" + ctx.kind + "|" + c.status: 1.0,
        "marker=" + marker_type(c.marker): 1.0,
        "len=" + _bucket(len(flat), (40, 80, 160, 320, 640)): 1.0,
        "end=" + (flat[-1:] if flat[-1:] in ".;:" else "other"): 1.0,
        "pos=" + _bucket(int(10 * c.start / max(1, len(ctx.text))), (1, 2, 4, 6, 8)): 1.0,
        "lead_orgs": 1.0 if c.lead_orgs else 0.0,
        "upper_start": 1.0 if flat[:1].isupper() else 0.0,
        "multi_sentence": 1.0 if regex.search(r"[.!?]\s+\p{Lu}", flat[:-1]) else 0.0,
        "lines=" + _bucket(raw.count("\n\n") + 1, (2, 3, 5)): 1.0,
        "attribute_lines": 1.0 if ATTRIBUTE_INSIDE.search(raw) else 0.0,
    }
    for n in (1, 2, 3):
        if len(words) >= n:
            f[f"w{n}=" + " ".join(words[:n])] = 1.0
    f["kind_w1=" + ctx.kind + "|" + (words[0] if words else "")] = 1.0
    for name, rx in CUES.items():
        if rx.search(low):
            f["cue=" + name] = 1.0
    f.update(_entity_features(ctx, c))
    f.update(_section_features(ctx, c))
    f.update(opening_tags(flat))
    return {k: v for k, v in f.items() if v}


OPENING_CHARS = 60  # the part of a unit whose parts of speech are features
_LEAD_NOISE = re.compile(r"^[\W\d_]+")


def opening_tags(flat: str) -> dict[str, float]:
    """Parts of speech (underthesea) of the unit's first words: a task opens with a verb
    (`Xây dựng ...`) or a body and its verb; a description opens with a noun (`Nền tảng quản lý dược;`)."""
    head = _LEAD_NOISE.sub("", flat)[:OPENING_CHARS]
    if len(head) > 1 and head[1].islower():
        head = head[0].lower() + head[1:]  # capitalised verbs are tagged as nouns
    tags = _pos_tags(head.rsplit(" ", 1)[0] if len(head) == OPENING_CHARS else head)
    if not tags:
        return {}
    f = {"pos1=" + tags[0]: 1.0, "pos12=" + "|".join(tags[:2]): 1.0}
    verb = next((i for i, t in enumerate(tags[:6]) if t == "V"), None)
    f["verb_at=" + ("none" if verb is None else str(min(verb, 3)))] = 1.0
    return f


@lru_cache(maxsize=65536)
def _pos_tags(s: str) -> tuple[str, ...]:
    from underthesea import pos_tag

    return tuple(t for _, t in pos_tag(s))


def _entity_features(ctx: DocContext, c: Candidate) -> dict[str, float]:
    i = bisect.bisect_left(ctx.entity_starts, c.start)
    counts = dict.fromkeys(ENTITY_LABELS, 0)
    first: Entity | None = None
    for e in ctx.entities[i:]:
        if e.start >= c.end:
            break
        if e.end <= c.end:
            counts[e.label] = counts.get(e.label, 0) + 1
            first = first or e
    f = {f"ent_{lab}=" + _bucket(n, (1, 2, 4)): 1.0 for lab, n in counts.items()}
    f["ent_all=" + _bucket(sum(counts.values()), (1, 2, 4, 8, 16))] = 1.0
    if first is not None and not ctx.text[c.start : first.start].strip(" -+•*(\"“"):
        f["starts_with=" + first.label] = 1.0
    return f


def _section_features(ctx: DocContext, c: Candidate) -> dict[str, float]:
    """The first words (one and two) of the nearest heading above the unit."""
    i = bisect.bisect_right(ctx.heading_starts, c.start) - 1
    title = ctx.heading_titles[i] if i >= 0 else "<none>"
    return {"section=" + title: 1.0, "section1=" + title.split(" ")[0]: 1.0}


# --- loading and applying --------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_filter(path: Path = WEIGHTS_PATH) -> TaskFilter:
    """The trained filter (cached); raises if the weights file is missing."""
    return read_model(path)


def candidates_of(found: list[tuple[Unit, str, list[str]]]) -> list[Candidate]:
    """The filter's view of `tasks.find_units`' output."""
    return [Candidate(u.start, u.end, status, u.marker, len(lead)) for u, status, lead in found]


def document_features(text: str, entities: list[Entity], kind: str,
                      found: list[tuple[Unit, str, list[str]]]) -> list[dict[str, float]]:
    """The features of every candidate of one document, each with its neighbours' (`with_context`)."""
    ctx = document_context(text, entities, kind)
    return with_context([candidate_features(ctx, c) for c in candidates_of(found)])


def with_context(features: list[dict[str, float]]) -> list[dict[str, float]]:
    """Each candidate's features plus some of the candidate before and after it (`-1:w1=...`, `1:marker=...`):
    a task tends to sit among tasks, and an item among items of the same kind."""
    out = []
    for i, f in enumerate(features):
        g = dict(f)
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < len(features):
                g.update({f"{offset}:{k}": v for k, v in features[j].items() if k.startswith(CONTEXT_FEATURES)})
            else:
                g[f"{offset}:edge"] = 1.0
        out.append(g)
    return out


def filter_units(text: str, entities: list[Entity], kind: str, found: list[tuple[Unit, str, list[str]]],
                 task_filter: TaskFilter | None = None) -> list[tuple[Unit, str, list[str]]]:
    """The units of `tasks.find_units` that the filter keeps, in order."""
    if not found:
        return found
    model = task_filter or load_filter()
    return [item for item, f in zip(found, document_features(text, entities, kind, found)) if model.keep(f)]
