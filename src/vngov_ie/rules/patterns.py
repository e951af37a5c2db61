"""Regular expressions built from `tables.py`: one named pattern family per row group.

Patterns run on normalised text (NFC, look-alikes mapped). Whitespace inside a
span may include one line break, since references and names are often broken
by the source's line wrapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from vngov_ie.rules import tables
from vngov_ie.rules.gazetteer import province_names

WS = r"(?:[ \t]*\n[ \t]*|[ \t]+)"  # spaces, or one line break
CAPWORD = r"\p{Lu}[\p{L}\p{M}]*"
LOWWORD = r"\p{Ll}[\p{L}\p{M}]*"
NOT_AFTER_LETTER = r"(?<![\p{L}\p{M}\p{N}])"
NOT_AFTER_CODE = r"(?<![\p{L}\p{M}\p{N}/\-])"
NOT_BEFORE_LETTER = r"(?![\p{L}\p{M}\p{N}])"


def alternation(words: tuple[str, ...] | list[str], upper: bool = True, title: bool = False) -> str:
    """Longest-first alternation; each row also in upper case (headers are in capitals)
    and, with `title`, with a capital first letter (`Thành phố` at a sentence start)."""
    variants = set(words) | ({w.upper() for w in words} if upper else set())
    variants |= {w[:1].upper() + w[1:] for w in words} if title else set()
    ordered = sorted(variants, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", WS) for w in ordered) + ")"


# Symbol shapes: 61/2018/NĐ-CP, 30c/NQ-CP, 19-NQ/TW, 38-CTr/TU, 4255/QĐ-BNN-KHCN, 09/2023/QH15.
CODE = r"\p{Lu}[\p{L}0-9&.]*?(?:[0-9]|(?<=\p{L}))"
SYMBOL = (
    r"\d{1,6}[a-zđ]?"
    r"(?:"
    r"(?:[ ]?/[ ]?\d{4})?[ ]?/[ ]?" + CODE + r"(?:[-–/]" + CODE + r")*"
    r"|-" + CODE + r"/" + CODE + r"(?:-" + CODE + r")*"
    r")"
)


@dataclass(frozen=True)
class Family:
    """A named pattern family: a compiled regex whose group `span` is the entity."""

    name: str
    label: str
    priority: int  # lower wins when candidates overlap
    pattern: regex.Pattern[str]


def _c(expr: str) -> regex.Pattern[str]:
    return regex.compile(expr, regex.VERSION1)


def legal_families() -> list[Family]:
    types = alternation(tables.LEGAL_DOC_TYPES + tables.LEGAL_DOC_ABBREVIATIONS, title=True) + "|" + alternation(
        [t.lower() for t in tables.LEGAL_DOC_TYPES if t[0].isupper() and not t.isupper()], upper=False)
    types = f"(?:{types})"
    numbered = (
        NOT_AFTER_LETTER + rf"(?P<span>{types}{WS}(?:(?:số|Số|SỐ){WS}?:?{WS}?)?{SYMBOL}"
        rf"(?:{WS}(?:ngày{WS})?năm{WS}\d{{4}}(?={WS}?[,;.)]))?)" + NOT_BEFORE_LETTER
    )
    # A law cited by name (+ optional number/year): the name is capitalised first word + words up to a stop.
    stop = alternation(tables.LAW_NAME_STOPWORDS, upper=False)
    name_word = rf"(?!{stop}{NOT_BEFORE_LETTER})[\p{{L}}\p{{M}}]+"
    law_types = alternation(tables.NAMED_LAW_TYPES, upper=True, title=True) + "|" + alternation(
        [t.lower() for t in tables.NAMED_LAW_TYPES], upper=False)
    law_types = f"(?:{law_types})"
    law_name = alternation(tables.LAW_NAMES, upper=True, title=True) + "|" + alternation(
        [n[:1].lower() + n[1:] for n in tables.LAW_NAMES], upper=False)
    suffix = rf"(?:{WS}(?:số{WS})?{SYMBOL})?(?:{WS}năm{WS}\d{{4}})?"
    known_law = rf"{law_types}{WS}(?:{law_name}){NOT_BEFORE_LETTER}{suffix}"
    amending_law = (
        rf"{law_types}{WS}(?:sửa{WS}đổi,{WS}bổ{WS}sung|sửa{WS}đổi)(?:{WS}một{WS}số{WS}điều)?{WS}của"
        rf"(?:{WS}các)?{WS}{law_types}{WS}(?:{law_name}){NOT_BEFORE_LETTER}"
        rf"(?:(?:,{WS}|{WS}và{WS}){law_types}{WS}(?:{law_name}){NOT_BEFORE_LETTER})*{suffix}"
    )
    named = (
        NOT_AFTER_LETTER + rf"(?P<span>(?:Bộ luật|Luật|Pháp lệnh|BỘ LUẬT|LUẬT)[ ]{CAPWORD}(?:(?:[ ]|,[ ](?=chống))(?:{name_word}|-))*"
        rf"(?:{WS}(?:số{WS})?{SYMBOL})?(?:{WS}năm{WS}\d{{4}})?)" + NOT_BEFORE_LETTER
    )
    congress = rf"(?P<span>Nghị{WS}quyết{WS}(?:Đại{WS}hội|đại{WS}hội)(?:{WS}đại{WS}biểu(?:{WS}toàn{WS}quốc)?)?(?:{WS}Đảng{WS}bộ{WS}tỉnh)?{WS}lần{WS}thứ{WS}[XVIL]+)"
    party = rf"(?P<span>Nghị quyết(?:{WS}Hội nghị)?(?:{WS}lần{WS}thứ{WS}\w+)?{WS}(?:Ban{WS}Chấp{WS}hành{WS})?Trung{WS}ương(?:{WS}Đảng)?{WS}\d+{WS}[Kk]h[oó]a{WS}[XVIL]+)"
    short = (
        NOT_AFTER_LETTER
        + rf"(?P<span>(?:{alternation(tables.SHORT_CITED_TYPES, upper=False)}|Hiến pháp(?:{WS}năm)?){WS}?(?:số{WS})?\d{{1,4}}"
        + rf"(?:-[\p{{Lu}}]+/[\p{{Lu}}]+)?)(?![\p{{L}}\p{{M}}\p{{N}}/])"
    )
    standard = rf"(?P<span>{alternation(tables.STANDARD_PREFIXES, upper=False)}[ ]\d[\d.\-]*(?::\d{{4}})?)"
    bare = NOT_AFTER_LETTER + rf"(?P<span>(?:(?<=[\s(])số{WS})?{SYMBOL})" + NOT_BEFORE_LETTER
    return [
        Family("legal.numbered", "LEGAL_REF", 10, _c(numbered)),
        Family("legal.party", "LEGAL_REF", 10, _c(party)),
        Family("legal.amending_law", "LEGAL_REF", 10, _c(NOT_AFTER_LETTER + rf"(?P<span>{amending_law})" + NOT_BEFORE_LETTER)),
        Family("legal.known_law", "LEGAL_REF", 10, _c(NOT_AFTER_LETTER + rf"(?P<span>{known_law})" + NOT_BEFORE_LETTER)),
        Family("legal.congress", "LEGAL_REF", 10, _c(congress)),
        Family("legal.named_law", "LEGAL_REF", 11, _c(named)),
        Family("legal.standard", "LEGAL_REF", 11, _c(standard)),
        Family("legal.short", "LEGAL_REF", 12, _c(short)),
        Family("legal.bare_symbol", "LEGAL_REF", 13, _c(bare)),
    ]


def date_families() -> list[Family]:
    d, m, y = r"\d{1,2}", r"\d{1,2}", r"\d{4}"
    sep = r"[ ]?[/.\-][ ]?"
    day = rf"(?i:ngày){WS}"
    full_numeric = rf"(?:{day})?{d}{sep}{m}{sep}{y}"
    full_words = rf"(?:{day}){d}{WS}tháng{WS}{m}{WS}năm{WS}{y}"
    month_year = rf"(?i:tháng){WS}{m}(?:{sep}{y}|{WS}năm{WS}{y})"
    quarter = rf"(?i:quý){WS}(?:I{{1,3}}|IV|[1-4])(?![\p{{L}}\p{{N}}])(?:{sep}{y}|{WS}năm{WS}{y})?"
    period = rf"(?i:giai{WS}đoạn|nhiệm{WS}kỳ|năm{WS}học){WS}{y}{WS}?[-–]{WS}?{y}"
    part_year = (
        rf"(?:(?:\d{{1,2}}{WS}tháng{WS})?(?:đầu|cuối|giữa){WS})?(?i:năm){WS}{y}(?![\p{{N}}/])"
        rf"|\d{{1,2}}{WS}tháng{WS}(?:đầu|cuối|giữa){WS}năm(?!{WS}\d)"
    )
    range_days = rf"{day}{d}{WS}(?:đến|-){WS}(?:ngày{WS})?{d}{WS}tháng{WS}{m}{WS}năm{WS}{y}"
    yearless = rf"{day}{d}{sep}{m}(?![\p{{N}}]|{sep}\d)|{day}{d}{WS}tháng{WS}{m}(?!{WS}năm{WS}\d)"
    month_cue = alternation(("trong", "từ", "đến", "trước", "sau", "vào", "cuối", "đầu", "giữa", "hết", "Trong", "Từ", "Đến", "Trước", "Sau", "Vào"), upper=False)
    month_only = rf"(?<={month_cue}[ ])(?i:tháng){WS}{m}(?![\p{{N}}/]|{WS}năm)"
    draft = rf"(?<=(?i:ngày)[ \t]{{2,}})(?:tháng{WS}{m}{WS}năm{WS}{y}|(?<=tháng[ \t]{{2,}})năm{WS}{y})"
    fams = [
        ("date.range_days", range_days, 20),
        ("date.full_words", full_words, 20),
        ("date.full_numeric", full_numeric, 21),
        ("date.period", period, 21),
        ("date.quarter", quarter, 22),
        ("date.month_year", month_year, 22),
        ("date.draft", draft, 23),
        ("date.part_year", part_year, 23),
        ("date.yearless", yearless, 24),
        ("date.month_only", month_only, 25),
    ]
    return [
        Family(name, "DATE", prio, _c(NOT_AFTER_LETTER + f"(?P<span>{expr})" + NOT_BEFORE_LETTER))
        for name, expr, prio in fams
    ]


def place_name() -> str:
    """A province from the gazetteer, else up to three capitalised words or a number."""
    provinces = alternation(list(province_names()), upper=False)
    word = r"\p{Lu}[\p{L}\p{M}’']*"
    return (
        rf"(?:{provinces}{NOT_BEFORE_LETTER}|(?:{word}|\d{{1,2}}(?!\d))(?:[ ]{word}){{0,2}}(?:[ ]\d{{1,2}}(?!\d))?)"
        rf"(?:[ ]-[ ]{word}(?:[ ]{word})?)?"
    )


def _place_suffix() -> str:
    units = alternation(tables.ADMIN_UNITS, upper=True, title=True)
    provinces = alternation(list(province_names()), upper=False)
    named_unit = rf"{units}(?:[ ]{place_name()})?"
    levels = alternation(tables.ADMIN_LEVELS, upper=True)
    return rf"(?:{WS}(?:{named_unit}|{provinces}{NOT_BEFORE_LETTER}|{levels}))"


def org_families() -> list[Family]:
    place = _place_suffix()
    sectors = alternation(tables.SECTORS)
    units = alternation(tables.ADMIN_UNITS, upper=True, title=True)
    unit_list = rf"(?:(?:các|CÁC){WS})?{units}(?:(?:,[ ]|[ ]và[ ]|[ ]){units})*"
    positions = alternation(tables.ORG_POSITIONS)
    pos = rf"(?:{positions}{WS})?"
    council = alternation(("Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND"))
    ministry = rf"(?:Bộ|BỘ|Sở|SỞ|Phòng|PHÒNG)[ ]{sectors}(?![\p{{L}}\p{{M}}&])"
    named = alternation(tables.ORG_NAMES)
    heads = alternation([h for h in tables.ORG_HEADS if h not in _HEADS_WITH_OWN_FAMILY], upper=False)
    header_heads = alternation([h.upper() for h in tables.ORG_HEADER_HEADS], upper=False)
    upper_units = alternation([u.upper() for u in tables.ADMIN_UNITS], upper=False)
    header = (
        rf"(?m:^)[ \t]*(?:{header_heads}(?:[ ]\p{{Lu}}[\p{{Lu}}\p{{M}}&]*)+"
        rf"|(?:ỦY|UỶ)[ ]BAN[ ]NHÂN[ ]DÂN\s+{upper_units}(?:[ ]\p{{Lu}}[\p{{Lu}}\p{{M}}]*){{1,4}})"
    )
    stop = alternation(_ORG_STOPWORDS, upper=False)
    low = rf"(?!{stop}{NOT_BEFORE_LETTER}){LOWWORD}"
    generic = rf"{heads}(?:(?:[ ]{CAPWORD})(?:[ ](?:{CAPWORD}|{low}|và(?=[ ]\p{{Lu}})|&|-)){{0,8}}|(?={place}))"
    council_expr = rf"{council}(?:{WS}{unit_list}(?:[ ]{place_name()})?|{place})?"
    sector_list_head = r"(?:[Cc]ác[ ])?(?:Sở|Bộ|sở|bộ|SỞ|BỘ)(?:[ ]ngành)?[ ]?[:,]?[ ]"
    elliptic = rf"(?<={sector_list_head}(?:{sectors}(?:,[ ]|;[ ]|[ ]và[ ]))*){sectors}(?![\p{{L}}\p{{M}}&])"
    acronyms = alternation(tables.ORG_ACRONYMS, upper=False)
    return [
        Family("org.elliptic_sector", "ORG", 30, _c(rf"(?P<span>{elliptic})")),
        Family("org.acronym", "ORG", 31, _c(NOT_AFTER_CODE + rf"(?P<span>{pos}{acronyms}{place}?)" + NOT_BEFORE_LETTER)),
        Family("org.council", "ORG", 30, _c(NOT_AFTER_CODE + rf"(?P<span>{pos}{council_expr})" + NOT_BEFORE_LETTER)),
        Family("org.ministry", "ORG", 30, _c(NOT_AFTER_CODE + rf"(?P<span>{pos}{ministry}{place}?)")),
        Family("org.named", "ORG", 30, _c(NOT_AFTER_CODE + rf"(?P<span>{pos}{named}{place}?)" + NOT_BEFORE_LETTER)),
        Family("org.header", "ORG", 30, _c(rf"(?P<span>{header})" + NOT_BEFORE_LETTER)),
        Family("org.generic", "ORG", 30, _c(NOT_AFTER_CODE + rf"(?P<span>{pos}{generic}{place}?)" + NOT_BEFORE_LETTER)),
    ]


# Heads matched by their own family (council, ministry), never by the generic one.
_HEADS_WITH_OWN_FAMILY = frozenset({"Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Bộ", "Sở"})

_ORG_STOPWORDS: tuple[str, ...] = (
    "nhận", "trả", "lời", "xác định", "áp dụng", "tổng hợp", "gửi", "đề xuất", "căn cứ", "yêu cầu",
    "trình", "ký", "chịu", "thông báo", "cung cấp", "bảo đảm", "đảm bảo", "ghi", "nộp", "cấp",
    "thẩm định", "phê duyệt", "quyết định", "sửa", "đổi", "bãi bỏ", "chỉ đạo", "hỗ trợ", "lập",
    "rà soát", "đánh giá", "nghiên cứu", "ban", "thành lập", "trực tiếp", "thường xuyên",
    "của", "về", "trên", "đã", "được", "tại", "theo", "thực hiện", "triển khai", "tổ chức",
    "ban hành", "có", "là", "với", "để", "trong", "cho", "những", "và", "đối với", "báo cáo",
    "chủ trì", "phối hợp", "tham mưu", "đề nghị", "giao", "thì", "sẽ", "đang", "không", "cần",
    "tiếp tục", "kịp thời", "nhằm", "đến", "từ", "qua", "do", "khi", "này", "đó", "như",
    "phải", "nêu", "xây dựng", "hướng dẫn", "kiểm tra", "quy định", "năm", "ngày", "tháng",
    "quý", "số", "tỉnh", "thành", "huyện", "xã", "phường", "cấp", "các", "mỗi", "gồm",
)


def loc_families() -> list[Family]:
    units = alternation(tables.ADMIN_UNITS, upper=False)
    title_units = alternation([u[:1].upper() + u[1:] for u in tables.ADMIN_UNITS if u[0].islower()], upper=False)
    title_word = r"\p{Lu}[\p{Ll}\p{M}]*"
    name = rf"(?:{title_word}|\d{{1,2}})(?:[ ](?:{title_word}|-[ ]{title_word})){{0,3}}"
    countries = alternation(tables.COUNTRIES, upper=False)
    provinces = alternation(list(province_names()), upper=False)
    hcm = rf"(?:Thành{WS}phố|TP\.?|thành{WS}phố){WS}?Hồ{WS}Chí{WS}Minh|TP\.?{WS}?HCM"
    return [
        Family("loc.hcm", "LOC", 40, _c(NOT_AFTER_LETTER + rf"(?P<span>{hcm})" + NOT_BEFORE_LETTER)),
        Family("loc.country", "LOC", 40, _c(NOT_AFTER_LETTER + rf"(?P<span>{countries})" + NOT_BEFORE_LETTER)),
        Family("loc.unit", "LOC", 41, _c(NOT_AFTER_LETTER + rf"(?P<span>(?:{units}|{title_units})[ ]{name})" + NOT_BEFORE_LETTER)),
        Family("loc.province", "LOC", 42, _c(NOT_AFTER_LETTER + rf"(?P<span>{provinces})" + NOT_BEFORE_LETTER)),
    ]


def per_families() -> list[Family]:
    surnames = alternation(tables.SURNAMES)
    cues = alternation(tables.PERSON_CUES, upper=False)
    title_name = rf"{CAPWORD}(?:[ ]{CAPWORD}){{1,3}}"
    title_surnames = alternation(tables.SURNAMES, upper=False)
    upper_surnames = alternation([n.upper() for n in tables.SURNAMES], upper=False)
    by_surname = rf"{title_surnames}(?:[ ]\p{{Lu}}[\p{{Ll}}\p{{M}}]*){{1,3}}"
    # A name in capitals only as a signature line of its own.
    signature = rf"(?m:^)[ \t]*(?P<span>{upper_surnames}(?:[ ]\p{{Lu}}[\p{{Lu}}\p{{M}}]*){{1,3}})[ \t]*(?m:$)"
    return [
        Family("per.cue", "PER", 50, _c(rf"(?<={cues}[ ])(?P<span>{title_name})" + NOT_BEFORE_LETTER)),
        Family("per.signature", "PER", 50, _c(signature)),
        Family("per.surname", "PER", 51, _c(NOT_AFTER_LETTER + rf"(?P<span>{by_surname})" + NOT_BEFORE_LETTER)),
    ]


NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"


def metric_families() -> list[Family]:
    heads = alternation(tables.METRIC_COMPOUND_HEADS, upper=False)
    coord = alternation(tables.METRIC_COORDINATED_HEADS, upper=False)
    scales = alternation(tables.MONEY_SCALES, upper=False)
    qty = rf"(?:{NUMBER})(?:[ ]?/[ ]?(?:{NUMBER}))?"
    gloss = rf"(?:{WS}\([\p{{Ll}}\p{{M}} ]+\))?"
    head = rf"(?:{heads}|{LOWWORD}|\p{{Lu}}{{2,}}[\p{{L}}]*)"
    per = rf"(?:[ ]?/[ ]?(?:\d+[ ]?)?{LOWWORD})*"
    counted = rf"{qty}{gloss}{WS}{head}(?:(?:,[ ]|[ ]và[ ]){coord}(?!{NOT_BEFORE_LETTER}[ ]\p{{Lu}}))*{per}"
    money = rf"{NUMBER}[ ]{scales}[ ](?:đồng|đông|USD|VNĐ|VND){per}"
    big = rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?(?![ ]?%)"
    spelled = rf"{alternation(tables.SPELLED_NUMBERS, upper=False)}{WS}(?:{heads}|{LOWWORD})"
    percent = rf"{qty}[ ]?%"
    cell = rf"(?<=\|[ ])(?:{NUMBER}|\d+\.\d+)(?=[ ]\||[ ]*$)"
    return [
        Family("metric.money", "METRIC", 60, _c(NOT_AFTER_LETTER + rf"(?P<span>{money})" + NOT_BEFORE_LETTER)),
        Family("metric.percent", "METRIC", 60, _c(NOT_AFTER_LETTER + rf"(?P<span>{percent})")),
        Family("metric.counted", "METRIC", 61, _c(NOT_AFTER_LETTER + rf"(?P<span>{counted})" + NOT_BEFORE_LETTER)),
        Family("metric.decimal", "METRIC", 62, _c(NOT_AFTER_LETTER + r"(?P<span>\d+,\d+)(?![\d%]|[ ]?%)" + NOT_BEFORE_LETTER)),
        Family("metric.big_number", "METRIC", 62, _c(NOT_AFTER_LETTER + rf"(?P<span>{big})" + NOT_BEFORE_LETTER)),
        Family("metric.spelled", "METRIC", 63, _c(NOT_AFTER_LETTER + rf"(?P<span>{spelled})" + NOT_BEFORE_LETTER)),
        Family("metric.cell", "METRIC", 62, regex.compile(rf"(?P<span>{cell})", regex.VERSION1 | regex.MULTILINE)),
    ]


@lru_cache(maxsize=1)
def all_families() -> tuple[Family, ...]:
    return tuple(
        legal_families() + date_families() + org_families() + loc_families() + per_families() + metric_families()
    )
