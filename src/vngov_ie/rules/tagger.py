"""The rule tagger: run every pattern family, filter, resolve overlaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from vngov_ie.rules import tables
from vngov_ie.rules.gazetteer import local_place_names, province_names, word_dictionary
from vngov_ie.rules.patterns import Family, all_families
from vngov_ie.tag import resolve_overlaps
from vngov_ie.types import Span

_BLOCKER_TAIL = regex.compile(
    r"(?:^|[^\p{L}\p{M}])(?:" + "|".join(regex.escape(w) for w in sorted(tables.METRIC_BLOCKERS, key=len, reverse=True)) + r")[ \t]*\n?[ \t]*$",
    regex.VERSION1,
)
_TRIM = " \t\n\r.,;:"


def metric_is_blocked(text: str, start: int) -> bool:
    """A number after `Điều`, `khoản`, `ngày`, `số`... or glued to a code is no quantity."""
    if start > 0 and text[start - 1] in "/-.:,_#":
        return True
    return bool(_BLOCKER_TAIL.search(text[max(0, start - 20) : start]))


_SYLLABLE = regex.compile(r"[ ]([\p{Ll}][\p{L}\p{M}]*)", regex.VERSION1)
_COORDINATED = regex.compile(
    r"(?:,[ ]|[ ]và[ ])(?:" + "|".join(sorted(tables.METRIC_COORDINATED_HEADS, key=len, reverse=True)) + r")(?![\p{L}\p{M}])",
    regex.VERSION1,
)


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    return word_dictionary() | _COMPOUND_HEADS


def extend_metric_head(text: str, end: int) -> int:
    """Grow a one-syllable head to the longest dictionary word (`hồ` -> `hồ sơ`), then coordinations."""
    words = _head_words()
    head_start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    best, pos, phrase = end, end, text[head_start:end].lower()
    for _ in range(2):
        match = _SYLLABLE.match(text, pos)
        if not match:
            break
        phrase, pos = f"{phrase} {match.group(1).lower()}", match.end()
        if phrase in words and (phrase.count(" ") < 2 or phrase in _COMPOUND_HEADS):
            best = pos
    while (match := _COORDINATED.match(text, best)) is not None:
        best = match.end()
    return best


_YEAR = regex.compile(r"(?:19|20)\d\d(?!\d)")
_HEAD_STOP = frozenset(tables.METRIC_HEAD_STOPWORDS)
_COMPOUND_HEADS = frozenset(h.lower() for h in tables.METRIC_COMPOUND_HEADS)


_CLOCK = regex.compile(r"\d{1,2}[ ]?giờ[ ]?\d{1,2}(?:[ ]?phút)?|\d{1,2}[ ]?giờ[ ]+(?:ngày|sáng|chiều|tối)", regex.VERSION1)


def _is_clock(text: str, start: int, end: int) -> bool:
    """`20 giờ 45 phút`, `14 giờ ngày ...`: a clock time, which the spec leaves out."""
    lo = max(0, start - 10)
    return any(m.start() + lo <= start < m.end() + lo or m.start() + lo < end <= m.end() + lo for m in _CLOCK.finditer(text[lo : end + 20]))


def refine_metric(text: str, start: int, end: int) -> tuple[int, int] | None:
    if metric_is_blocked(text, start):
        return None
    words = text[start:end].split()
    if len(words) > 1 and (words[1] in _HEAD_STOP or (_YEAR.fullmatch(words[0]) and words[1] not in _COMPOUND_HEADS)):
        return None
    if len(words) > 1 and words[1] in ("năm", "tháng") and regex.match(r"\s+\d{4}", text[end:]):
        return None  # `05 năm 2020`: a date, not a duration
    if len(words) > 1 and words[1] in ("giờ", "phút", "h") and _is_clock(text, start, end):
        return None
    if text[end - 1].isalpha() and "/" not in text[start:end].split()[-1]:
        end = extend_metric_head(text, end)
    return start, end


def refine_per(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A surname-like place (`Phan Thiết`, `Lâm Hà`) is no person."""
    name = " ".join(text[start:end].split())
    if name in _place_names() or name in local_place_names() or name.isupper() and name.title() in local_place_names():
        return None
    return start, end


def refine_org(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop titles that look like bodies; cut lower-case words that follow a place name."""
    if text[start:end] in tables.ORG_EXCLUDE:
        return None
    for name in province_names():
        at = text.find(name, start, end)
        if at > start and text[at + len(name) : end].strip() and text[at + len(name) : end].strip()[0].islower():
            return start, at + len(name)
    return start, end


_ROW_LABEL_AFTER = regex.compile(r"[ ]\|[ ]\p{Lu}", regex.VERSION1)
SERIAL_REACH = 600  # characters within which the next or previous serial number of a table sits


def serial_numbers(
    text: str, cells: list[tuple[int, int]], label_after: regex.Pattern[str] = _ROW_LABEL_AFTER
) -> set[tuple[int, int]]:
    """Cells that number table rows (`| 1 | Xã Phan Rí Cửa | ... | 2 | Phường ...`), which are no metric.

    A bare integer `n` followed by a cell that starts with a capital letter (`label_after`) is a
    row number when a neighbouring such cell holds `n - 1` or `n + 1`: values in
    a column repeat or jump, row numbers count up.
    """
    numbered = [
        (start, end, int(text[start:end])) for start, end in cells
        if text[start:end].isdigit() and label_after.match(text, end)
    ]
    serial: set[tuple[int, int]] = set()
    for (s1, e1, n1), (s2, e2, n2) in zip(numbered, numbered[1:]):
        if n2 == n1 + 1 and s2 - e1 <= SERIAL_REACH:
            serial |= {(s1, e1), (s2, e2)}
    return serial


_TABLE_CELL_INTEGER = regex.compile(r"(?<=\|[ ])\d+(?=[ ]\|)")
_LINE_START_INTEGER = regex.compile(r"(?m)^\d+(?=[ ]\p{Lu})")
_LABEL_AFTER_SPACE = regex.compile(r"[ ]\p{Lu}", regex.VERSION1)


def table_row_numbers(text: str) -> set[tuple[int, int]]:
    """Every integer of `text` that numbers a table row (see `serial_numbers`), whoever tagged it: the
    pipeline drops METRIC spans there for any tagger. Rows are `|` tables (`| 14 | Xã Cát Tiên 2 |`)
    or tables flattened to one row per line (`43 UBND xã Hàm Thuận Nam 11,855 79,035%`). The rules
    still drop their own `|` cells (`_DROP`), since their tags are also the CRF's features."""
    cells = serial_numbers(text, [(m.start(), m.end()) for m in _TABLE_CELL_INTEGER.finditer(text)])
    lines = [(m.start(), m.end()) for m in _LINE_START_INTEGER.finditer(text)]
    return cells | serial_numbers(text, lines, _LABEL_AFTER_SPACE)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    return frozenset(province_names()) | frozenset(tables.COUNTRIES)


_REFINE = {"METRIC": refine_metric, "PER": refine_per, "ORG": refine_org}
_DROP = {"metric.cell": serial_numbers}  # per family: the matches to drop, seen together


@dataclass
class RuleTagger:
    """Tags LEGAL_REF, DATE, ORG, LOC, PER and METRIC with the pattern tables."""

    name: str = "rules"
    families: tuple[Family, ...] = field(default_factory=all_families)

    def candidates(self, text: str) -> list[tuple[int, int, int, str]]:
        found: list[tuple[int, int, int, str]] = []
        for fam in self.families:
            refine = _REFINE.get(fam.label)
            spans: list[tuple[int, int]] = []
            for match in fam.pattern.finditer(text):
                start, end = _trimmed(text, match.start("span"), match.end("span"))
                if end <= start:
                    continue
                refined = refine(text, start, end) if refine else (start, end)
                if refined is not None:
                    spans.append(refined)
            if fam.name in _DROP:
                dropped = _DROP[fam.name](text, spans)
                spans = [s for s in spans if s not in dropped]
            found += [(fam.priority, start, end, fam.label) for start, end in spans]
        return found

    def tag(self, text: str) -> list[Span]:
        return resolve_overlaps(self.candidates(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end
