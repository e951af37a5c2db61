"""Span fixes applied after any tagger, on the normalised text: the spec's table and list rules.

- Row numbers of tables are never METRIC (`| 14 | Xã Cát Tiên 2 |`, `43 UBND xã Hàm Thuận Nam ...`).
- Bare figures side by side are one METRIC per figure (`74,00 70,43 56,50 76,35%`: a flattened row).
- A bare figure, `/`, and a figure are one METRIC, across a line break (`9,49/\n9,5`), as `145/145`;
  so is a range of percentages (`8,3 - 8,5%`, `0,25% đến 3%`).
- Bodies coordinated in one ORG span are split where a new body's head starts
  (`Hội Y học, Hiệp hội Du lịch`, `Liên đoàn cầu lông và Hội Golf`), or at a line break between
  two whole bodies (`Ban Quản lý các khu công nghiệp\nSở Tài chính`: cells of a flattened table).
- References coordinated in one LEGAL_REF span are split at each document type (`Luật Ngân sách
  nhà nước và Luật Việc làm`), except in the name of a law amending several (`Luật sửa đổi, bổ sung
  một số điều của Luật A và Luật B`); `và pháp luật` after a law is no part of its name. A reference
  ends at a semicolon and leaves an item number out (`2.Nghị quyết ...`); `Kế hoạch 5` is none.
- A name cut at an apostrophe is joined up (`Phường B` + `’Lao`).
- A person's span leaves out a position's abbreviation before the name (`PGĐ Phạm Quốc Toản`,
  `Đ/c ...`); a street named after a person in an address is no person (`Địa chỉ: 258 Võ Chí Công`).
- A figure at the end of a name is its own METRIC (`UBND xã Quảng Tín 12,106`).
- Figures alone on their line next to other such lines are table cells' quantities
  (`3\n1\n18\n54\n97.211\n5.249.394`: a table flattened one cell per line), but not codes,
  coordinates or the row numbers that end a run.
- A bare rank among the provinces (`12/63`, `24/34`: 63 before the merger of 2025, 34 after) is
  an ordinal, not a quantity.
- A document type's abbreviation with a bare number is a reference (`QĐ 66`), whatever a
  tagger made of it.
- The names listed after `UBND các xã:` are bodies (ORG), not places: the list
  elides the head (spec, "Elliptical lists of bodies").
- In a filing line (`Lưu: VT, XDCT(Sơn).`) the drafter's name is PER and the filing codes are
  nothing (GUIDELINES: "person's name or name handle in the filing line").
- A name right after `xã`/`phường`/... is the place's, not a person (`UBND phường Tiến Thành`).
- `Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương` (and `Chủ tịch ...` before it) is one
  ORG, across line breaks, except as the head of a list (`...: Hà Tĩnh, Quảng Trị`) or in a title.
- `Hồ Chí Minh` after `tư tưởng`, `phong cách`, `Chủ tịch` ... is the person, not the city.
"""

from __future__ import annotations

import regex

from vngov_ie.rules.gazetteer import strip_diacritics
from vngov_ie.tag import index_spans, overlaps_any
from vngov_ie.tag.merged import merge_spans
from vngov_ie.types import Span

_FIGURE = r"\d+(?:[.,]\d+)*"  # `74,00`, `2.615.760`, `12`
_NUMBER = rf"{_FIGURE}(?:/{_FIGURE})?%?"  # `74,00`, `76,35%`, `7,37/10`
_NUMBER_RUN = regex.compile(rf"{_NUMBER}(?:\s+{_NUMBER})+")
_NUMBER_IN_RUN = regex.compile(_NUMBER)
_TRAILING_FIGURE = regex.compile(r"\s+(\d+[.,]\d+(?:[.,]\d+)*%?)$")  # a decimal or grouped figure: no part of a name

_BARE_FIGURE = regex.compile(_FIGURE)
_RANGE_LOW = regex.compile(rf"{_FIGURE}%?")
_RANGE_HIGH = regex.compile(rf"{_FIGURE}%")
_RANGE_SEPARATOR = regex.compile(r"[ \t]*[-–][ \t]*|[ \t]+đến[ \t]+")
_SLASH = regex.compile(r"\s*/\s*")
_DENOMINATOR = regex.compile(rf"\s*/\s*({_FIGURE})(?![\d/%\p{{L}}])")  # `/\n13` after `11,24`
BODY_HEAD_AFTER_COMMA = regex.compile(
    r"(?:,\s+|\s+và\s+)(?=(?:Hội(?!\s+đồng)|Hiệp\s+[Hh]ội|Liên\s+đoàn|Câu\s+lạc\s+bộ|Sở|Bộ(?!\s+(?:phận|máy))"
    r"|Ban|Công\s+an|Trung\s+tâm|Chi\s+cục|UBND|Ủy\s+ban|Uỷ\s+ban|Bệnh\s+viện)\b)",
    regex.VERSION1,
)
_WHOLE_BODY = r"(?:Sở|Công\s+an|Bộ(?!\s+(?:phận|máy|trưởng))|Cục(?!\s+trưởng)|Chi\s+cục(?!\s+trưởng)|Trung\s+tâm|Ban\s+Quản\s+lý|Hiệp\s+[Hh]ội|Bệnh\s+viện|Kho\s+bạc|Thanh\s+tra|UBND|Ủy\s+ban\s+nhân\s+dân)\b"
BODY_ON_NEXT_LINE = regex.compile(rf"[ \t]*\n[ \t]*(?={_WHOLE_BODY})")  # `Ban Quản lý ...\nSở Tài chính`: table cells
_STARTS_WHOLE_BODY = regex.compile(_WHOLE_BODY)
REFERENCE_AFTER_COMMA = regex.compile(
    r"(?:,\s+|\s+và\s+)(?=(?:Luật|luật|Bộ\s+luật|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Thông\s+tư|Chỉ\s+thị|Pháp\s+lệnh)\b)"
)
_SEMICOLON = regex.compile(r";\s*")
_LIST_NUMBER = regex.compile(r"\d+\.\s*(?=\p{Lu})")  # `2.Nghị quyết số 27/2017/NQ-HĐND`: an item's number
SECTION_NUMBER_PLAN = regex.compile(r"Kế\s+hoạch\s+\d+(?:\.\d+)*")  # `Kế hoạch\n5.7`: a column and a row number
_AMENDING = regex.compile(r"sửa\s+đổi|của\s+[Ll]uật")
_LAW_AND_LAWS = regex.compile(r"\s+và\s+pháp\s+luật$")
_APOSTROPHE_TAIL = regex.compile(r"[’']\p{L}+", regex.VERSION1)
PERSON_PREFIX = regex.compile(r"(?:PGĐ|GĐ|PCT|PTP|CVP|PCVP|[Đđ]/[Cc])\s+(?=\p{Lu})")
HANDLE_WITH_FILE_CODE = regex.compile(r"(\p{L}+)[./]\p{Lu}+/", regex.VERSION1)  # `Tungnt.QĐ/T11/2025`, `MinhHồng/QĐ/...`
STREET_BEFORE = regex.compile(r"(?:(?:[Đđ]ịa\s+chỉ|trụ\s+sở)\s*:?\s*(?:số\s+)?\d+[\w/-]*|\b(?:đường|phố))\s+$")
_UNIT = r"(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)"
BODY_LIST_HEAD = regex.compile(
    rf"(?<!(?i:chủ tịch|giám đốc|thủ trưởng|lãnh đạo)\s+)"
    rf"\b(?:UBND|(?i:ủy|uỷ) ban nhân dân)\s+(?i:các)\s+{_UNIT}(?:\s*,\s*{_UNIT})*\s*:",
    regex.VERSION1,
)
_LIST_END = regex.compile(r"[;.:]|\n\s*(?:[-+•*]|\d+[.)])|(?<![\p{L}’'])(?!và\b)\p{Ll}", regex.VERSION1)
SHORT_REFERENCE = regex.compile(r"\b(?:QĐ|NĐ|NQ|TT)[ ](?:số[ ])?\d+(?![\d/.,-]|[ ]?%)")
_FIGURE_LINE = regex.compile(rf"(?m)^[ \t]*({_FIGURE}%?)[ \t]*$")
FILING_LINE = regex.compile(r"(?m)^[ \t]*[-–+•]?[ \t]*Lưu[ \t]*:?[ \t]*(?=VT\b|Văn thư\b)[^\n|]*")
_NAME_WORD = r"\p{Lu}\p{Ll}*"
# A name in a filing line: capitalised syllables, after up to three initials (`N.Đ.Minh`, `L.Anh`);
# a code's letters before it (`NC.Châu`, `MT.Tấn`) or digits after it (`Thuyết5`) are no part of it.
DRAFTER_NAME = regex.compile(
    rf"(?<![\p{{L}}\d])((?:\p{{Lu}}\.){{0,3}}{_NAME_WORD}(?:[ ]{_NAME_WORD})*)(?![\p{{L}}]|[ ]\p{{Ll}})", regex.VERSION1
)
_CODE_MARK = regex.compile(r"[\d/]")  # a digit or slash: a filing code (`Ch-CĐS15`), not a name
_VOWEL = regex.compile(r"[aeiouy]", regex.IGNORECASE)
# words that open a body or a filing note, not a name (`Lưu: VT, Phòng KT`, `Văn thư`, `Vụ KHTC`)
# (a name never runs on into a lower-case word: `Tài chính`, `Trung tâm` are no names either)
_NOT_NAMES = frozenset({"Lưu", "Văn", "Vụ", "Phòng", "Sở", "Ban", "Bộ", "Cục", "Tổ", "Hội", "Đảng", "Ủy", "Uỷ", "Các"})
_PLACE_UNIT_BEFORE = regex.compile(r"(?:^|(?<=[^\p{L}]))(?:xã|phường|thị trấn|quận|huyện|Xã|Phường|Thị trấn)[ ]$", regex.VERSION1)
_ROW_NUMBER_BEFORE_BODY = regex.compile(r"\d+[ \t]+(?=UBND|Ủy ban)")
ALL_PROVINCES_BODY = regex.compile(
    r"(?:(?:Phó\s+)?Chủ\s+tịch\s+)?(?:UBND|Ủy\s+ban\s+nhân\s+dân|HĐND|Hội\s+đồng\s+nhân\s+dân)\s+(?:các\s+)?"
    r"tỉnh,\s+thành\s+phố(?:\s+trực\s+thuộc\s+[Tt]rung\s+ương)?"
)
_LIST_COLON = regex.compile(r"\s*:")
HO_CHI_MINH_PERSON = regex.compile(r"(?:tư\s+tưởng|đạo\s+đức|phong\s+cách|[Cc]hủ\s+tịch|Bác)\s+(Hồ Chí Minh)")
PROVINCE_RANK = regex.compile(r"\d{1,2}/(?:63|34)")
_VN_FIGURE = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|\d+,\d+%?|\d+%")  # `2.615.760`, `48,5`, `12%`
CELL_DIGITS = 5  # longer bare integers on their own line are codes or coordinates (`1014217`, `2209277`)
LIST_REACH = 1500  # characters a list of bodies runs at most


def split_number_runs(text: str, spans: list[Span]) -> list[Span]:
    """A METRIC span made of bare figures side by side becomes one span per figure."""
    result: list[Span] = []
    for span in spans:
        if span.label == "METRIC" and _NUMBER_RUN.fullmatch(text, span.start, span.end):
            result += [Span(m.start(), m.end(), "METRIC") for m in _NUMBER_IN_RUN.finditer(text, span.start, span.end)]
        else:
            result.append(span)
    return result


def join_fractions(text: str, spans: list[Span]) -> list[Span]:
    """A bare-figure METRIC, a `/` and the next figure (tagged METRIC or untagged) become one span
    (`9,49/\n9,5`)."""
    result: list[Span] = []
    for span in sorted(_with_denominators(text, spans), key=lambda s: (s.start, s.end)):
        last = result[-1] if result else None
        if (
            last is not None and last.label == span.label == "METRIC"
            and _BARE_FIGURE.fullmatch(text, last.start, last.end)
            and _SLASH.fullmatch(text, last.end, span.start)
        ):
            result[-1] = Span(last.start, span.end, "METRIC")
        else:
            result.append(span)
    return result


def join_percent_ranges(text: str, spans: list[Span]) -> list[Span]:
    """A range of percentages is one METRIC (`8,3 - 8,5%`, `0,25% đến 3%`), as the gold has it."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        low = result[-1] if result else None
        if (
            low is not None and low.label == span.label == "METRIC"
            and _RANGE_LOW.fullmatch(text, low.start, low.end)
            and _RANGE_HIGH.fullmatch(text, span.start, span.end)
            and _RANGE_SEPARATOR.fullmatch(text, low.end, span.start)
        ):
            result[-1] = Span(low.start, span.end, "METRIC")
            continue
        result.append(span)
    return result


def _with_denominators(text: str, spans: list[Span]) -> list[Span]:
    """Untagged figures after `/` that follows a bare-figure METRIC, as METRIC spans of their own."""
    ordered, starts = index_spans(spans)
    added = []
    for span in spans:
        if span.label == "METRIC" and _BARE_FIGURE.fullmatch(text, span.start, span.end):
            match = _DENOMINATOR.match(text, span.end)
            denominator = Span(match.start(1), match.end(1), "METRIC") if match else None
            if denominator and not overlaps_any(denominator, ordered, starts):
                added.append(denominator)
    return spans + added


def split_coordinated_bodies(text: str, spans: list[Span]) -> list[Span]:
    """An ORG span holding several bodies (`Hội Y học, Hiệp Hội Du lịch`) gives one span per body."""
    result: list[Span] = []
    for span in spans:
        if span.label != "ORG" or text.startswith("Văn phòng", span.start):  # the office of two bodies is one
            result.append(span)
            continue
        start = span.start
        cuts = list(BODY_HEAD_AFTER_COMMA.finditer(text, span.start, span.end))
        if _STARTS_WHOLE_BODY.match(text, span.start):
            cuts = sorted(cuts + list(BODY_ON_NEXT_LINE.finditer(text, span.start, span.end)), key=lambda m: m.start())
        for cut in cuts:
            if len(text[start : cut.start()].split()) < 2:
                continue  # `PCT, UBND tỉnh`: a bare position before the body is no body of its own
            result.append(Span(start, cut.start(), "ORG"))
            start = cut.end()
        result.append(Span(start, span.end, "ORG"))
    return result


def reference_edges(text: str, spans: list[Span]) -> list[Span]:
    """LEGAL_REF spans end at a semicolon (`Luật ...; số 79/2025/NĐ-CP` is two references), leave out
    a list item's number before them (`2.Nghị quyết ...`), and `Kế hoạch 5` (a plan with a section
    number, no document number) is none."""
    result: list[Span] = []
    for span in spans:
        if span.label != "LEGAL_REF":
            result.append(span)
            continue
        start = span.start
        pieces = []
        for cut in _SEMICOLON.finditer(text, span.start, span.end):
            pieces.append((start, cut.start()))
            start = cut.end()
        pieces.append((start, span.end))
        for start, end in pieces:
            number = _LIST_NUMBER.match(text, start, end)
            start = number.end() if number else start
            if end > start and not SECTION_NUMBER_PLAN.fullmatch(text, start, end):
                result.append(Span(start, end, "LEGAL_REF"))
    return result


def split_coordinated_references(text: str, spans: list[Span]) -> list[Span]:
    """A LEGAL_REF span holding several references gives one span per reference; `và pháp luật`
    (`Luật Đầu tư công và pháp luật có liên quan`) is dropped from its end."""
    result: list[Span] = []
    for span in spans:
        if span.label != "LEGAL_REF":
            result.append(span)
            continue
        tail = _LAW_AND_LAWS.search(text, span.start, span.end)
        end = tail.start() if tail else span.end
        if _AMENDING.search(text, span.start, end):
            result.append(Span(span.start, end, "LEGAL_REF"))
            continue
        start = span.start
        for cut in REFERENCE_AFTER_COMMA.finditer(text, span.start, end):
            result.append(Span(start, cut.start(), "LEGAL_REF"))
            start = cut.end()
        result.append(Span(start, end, "LEGAL_REF"))
    return result


def join_apostrophe_names(text: str, spans: list[Span]) -> list[Span]:
    """A LOC or ORG span that stops at a capital before an apostrophe (`Phường B` in `Phường B’Lao`,
    `Xã D` in `Xã D’ran`) runs on to the end of the name."""
    result: list[Span] = []
    joined: list[Span] = []
    for span in spans:
        tail = _APOSTROPHE_TAIL.match(text, span.end) if span.label in ("LOC", "ORG") else None
        if tail and text[span.end - 1].isupper() and (span.end - 1 == span.start or not text[span.end - 2].isalpha()):
            span = Span(span.start, tail.end(), span.label)
            joined.append(span)
        result.append(span)
    if not joined:
        return result
    return [s for s in result if s in joined or not any(j.start <= s.start and s.end <= j.end for j in joined)]


def person_spans(text: str, spans: list[Span]) -> list[Span]:
    """PER spans without a leading position abbreviation, nor the file code after a drafter's handle
    (`Tungnt.QĐ/T11/2025`); none for a street in an address."""
    result: list[Span] = []
    for span in spans:
        if span.label == "PER":
            if STREET_BEFORE.search(text, max(0, span.start - 40), span.start):
                continue
            prefix = PERSON_PREFIX.match(text, span.start, span.end)
            if prefix:
                span = Span(prefix.end(), span.end, "PER")
            handle = HANDLE_WITH_FILE_CODE.match(text, span.start, span.end)
            if handle:
                span = Span(span.start, handle.end(1), "PER")
        result.append(span)
    return result


def split_trailing_figures(text: str, spans: list[Span]) -> list[Span]:
    """A name span that ends in a decimal or grouped figure (`UBND xã Tà Đùng 10,806`) gives the name
    and a METRIC for the figure: a flattened table row's next cell."""
    result: list[Span] = []
    for span in spans:
        match = _TRAILING_FIGURE.search(text, span.start, span.end) if span.label in ("ORG", "LOC", "PER") else None
        if match is None or match.start() == span.start:
            result.append(span)
            continue
        result += [Span(span.start, match.start(), span.label), Span(match.start(1), match.end(1), "METRIC")]
    return result


def body_list_regions(text: str) -> list[tuple[int, int]]:
    """Where the names listed after a plural body head (`UBND các xã:`) run: from after its colon to
    `;`, `.`, another colon, a new list item, or a lower-case word other than `và` (the predicate in
    `UBND các tỉnh, thành phố: Tuyên Quang, Đồng Nai quyết liệt chỉ đạo ...`)."""
    regions = []
    for head in BODY_LIST_HEAD.finditer(text):
        end_match = _LIST_END.search(text, head.end(), min(len(text), head.end() + LIST_REACH))
        regions.append((head.end(), end_match.start() if end_match else min(len(text), head.end() + LIST_REACH)))
    return regions


def bodies_in_lists(text: str, spans: list[Span]) -> list[Span]:
    """LOC spans inside a list of bodies (`UBND các xã: Trà Tân, Tuy Phong`) become ORG."""
    regions = body_list_regions(text)
    if not regions:
        return spans
    return [
        Span(s.start, s.end, "ORG") if s.label == "LOC" and any(a <= s.start and s.end <= b for a, b in regions) else s
        for s in spans
    ]


def _is_cell_value(value: str) -> bool:
    """A short integer or a well-formed figure, not a code (`1014217`, `1.014190`) or a coordinate."""
    return (value.isdigit() and len(value) <= CELL_DIGITS) or _VN_FIGURE.fullmatch(value) is not None


def figure_cells(text: str, spans: list[Span]) -> list[Span]:
    """Untagged figures alone on their line, next to other such lines, become METRIC: the cells of a
    table flattened one cell per line. A grouped, decimal or percent figure (`2.615.760`, `48,5`,
    `12%`) qualifies next to any figure line; a bare integer of at most `CELL_DIGITS` digits only
    above another such value (the last integer of a run is often a row number, and one above a code
    numbers the code's row)."""
    lines = list(_FIGURE_LINE.finditer(text))
    ordered, starts = index_spans(spans)
    added: list[Span] = []
    for i, line in enumerate(lines):
        value = line.group(1)
        before = i > 0 and lines[i - 1].end() + 1 == line.start()
        after = i + 1 < len(lines) and line.end() + 1 == lines[i + 1].start()
        if value.isdigit():
            following = lines[i + 1].group(1) if after else ""
            cell = after and len(value) <= CELL_DIGITS and _is_cell_value(following)
        else:
            cell = (before or after) and _VN_FIGURE.fullmatch(value) is not None
        if not cell:
            continue
        cell_span = Span(line.start(1), line.end(1), "METRIC")
        if not overlaps_any(cell_span, ordered, starts):
            added.append(cell_span)
    return sorted(spans + added, key=lambda s: (s.start, s.end)) if added else spans


def drop_province_ranks(text: str, spans: list[Span]) -> list[Span]:
    """METRIC spans that are only a rank among the provinces (`39/63`) are dropped."""
    return [s for s in spans if not (s.label == "METRIC" and PROVINCE_RANK.fullmatch(text, s.start, s.end))]


def short_references(text: str, spans: list[Span]) -> list[Span]:
    """`QĐ 66` is one LEGAL_REF: spans overlapping it give way (`66` as METRIC, `QĐ 66\n7\nN-NO2-`)."""
    refs = [Span(m.start(), m.end(), "LEGAL_REF") for m in SHORT_REFERENCE.finditer(text)]
    return merge_spans(refs, spans) if refs else spans


def _is_name(word: str) -> bool:
    """A Vietnamese syllable has a vowel (`Hcc3`, `Vx3`, `Tr`, `Thg` are codes or abbreviations), and a
    name after initials more than one letter (`M.A166/11` is a code)."""
    bare = word.rsplit(".", 1)[-1]
    syllables = bare.split(" ")
    return syllables[0] not in _NOT_NAMES and len(syllables[0]) > 1 and all(_VOWEL.search(strip_diacritics(w)) for w in syllables)


def drafter_names(text: str, start: int, end: int) -> list[Span]:
    """The drafter's names in the filing line `text[start:end]` (after `Lưu: VT`)."""
    return [Span(m.start(1), m.end(1), "PER") for m in DRAFTER_NAME.finditer(text, start, end) if _is_name(m.group(1))]


def filing_lines(text: str, spans: list[Span]) -> list[Span]:
    """In a filing line (`- Lưu: VT, NC (TP, Dũng).`), the drafter's name is one PER and no filing
    code is an entity: spans inside the line give way to the names, PER spans with digits or slashes
    (`Ch-CĐS15`) and every other label are dropped. All-capital initials a tagger found (`ĐND`,
    `PV`) stay: only a tagger can tell them from a code."""
    lines = [(m.start() + m.group(0).index("Lưu") + 3, m.end()) for m in FILING_LINE.finditer(text)]
    if not lines:
        return spans
    names = [name for a, b in lines for name in drafter_names(text, a, b)]
    ordered, starts = index_spans(names)

    def kept(span: Span) -> bool:
        inside = any(a <= span.start and span.end <= b for a, b in lines)
        if not inside:
            return True
        if span.label != "PER" or overlaps_any(span, ordered, starts):
            return False
        return not _CODE_MARK.search(text, span.start, span.end)

    return sorted([s for s in spans if kept(s)] + names, key=lambda s: (s.start, s.end))


def places_after_units(text: str, spans: list[Span]) -> list[Span]:
    """A PER span right after `xã `, `phường ` ... names the place: it joins the body or place
    span that ends with the unit word (`UBND phường` + `Tiến Thành`; a row number before the body,
    `18 UBND phường`, is dropped), or becomes a LOC with the unit word; where another span holds the
    unit word (`5 xã`), the name is dropped."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        unit = _PLACE_UNIT_BEFORE.search(text, max(0, span.start - 12), span.start) if span.label == "PER" else None
        if unit is None:
            result.append(span)
            continue
        before = result[-1] if result and result[-1].end == span.start - 1 else None
        if before is not None and before.label in ("ORG", "LOC"):
            result[-1] = Span(before.start, span.end, before.label)
        elif before is not None and before.label == "METRIC" and (row := _ROW_NUMBER_BEFORE_BODY.match(text, before.start)):
            result[-1] = Span(row.end(), span.end, "ORG")
        elif not (result and result[-1].end > unit.start()):  # a span holding the unit word keeps it
            result.append(Span(unit.start(), span.end, "LOC"))
    return result


def _in_quoted_title(text: str, start: int) -> bool:
    """Whether `start` follows an unclosed `“` on its line (`Đề án “Xác định Chỉ số ... của Ủy ban ...”`)."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line.count("“") > line.count("”")


def all_provinces_bodies(text: str, spans: list[Span]) -> list[Span]:
    """`Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương` is one ORG: the ORG spans a tagger
    cut at its comma or line breaks are joined, or the span is added where there were none. As the
    head of an elliptical list (before a colon) or inside a quoted title it is left alone."""
    for match in ALL_PROVINCES_BODY.finditer(text):
        if _LIST_COLON.match(text, match.end()) or _in_quoted_title(text, match.start()):
            continue
        inside = [s for s in spans if s.start < match.end() and match.start() < s.end]
        if any(s.label != "ORG" for s in inside):
            continue
        joined = Span(min([match.start()] + [s.start for s in inside]), max([match.end()] + [s.end for s in inside]), "ORG")
        spans = sorted([s for s in spans if s not in inside] + [joined], key=lambda s: (s.start, s.end))
    return spans


def ho_chi_minh_the_person(text: str, spans: list[Span]) -> list[Span]:
    """`Hồ Chí Minh` after `tư tưởng`, `đạo đức`, `phong cách`, `Chủ tịch` or `Bác` is PER."""
    people = [Span(m.start(1), m.end(1), "PER") for m in HO_CHI_MINH_PERSON.finditer(text)]
    return merge_spans(people, spans) if people else spans


def tidy_spans(text: str, spans: list[Span]) -> list[Span]:
    """All the fixes of this module, in an order where each sees the spans the previous ones made
    (figures split off names can join fractions; lists are relabelled before cells are added);
    the row numbers are dropped last."""
    from vngov_ie.rules.tagger import table_row_numbers

    spans = join_fractions(text, split_trailing_figures(text, split_number_runs(text, spans)))
    spans = join_percent_ranges(text, spans)
    spans = person_spans(text, spans)
    spans = ho_chi_minh_the_person(text, places_after_units(text, filing_lines(text, spans)))
    spans = split_coordinated_references(text, reference_edges(text, split_coordinated_bodies(text, join_apostrophe_names(text, spans))))
    spans = figure_cells(text, short_references(text, bodies_in_lists(text, spans)))
    spans = all_provinces_bodies(text, drop_province_ranks(text, spans))
    row_numbers = table_row_numbers(text)
    return [s for s in spans if not (s.label == "METRIC" and (s.start, s.end) in row_numbers)]
