"""Value resolution: what each entity refers to, as data the graph can join on.

- LEGAL_REF -> `LegalId` and its canonical string id (`nghi_dinh/61/2018/ND-CP`):
  type slug, number, year, symbol without diacritics, upper case. The type
  comes from the symbol's type code (`QĐ-` -> quyet_dinh) when it has one,
  else from the type word (`Kế hoạch số 6159/UBND-NC` -> ke_hoach), else
  cong_van; the year from the symbol, else from the ISSUED_ON date, else
  from another mention of the same symbol in the document. Documents cited by
  name get an id from their normalised name (`luat/doanh_nghiep`, with
  `/2020` for `năm 2020`); a law cited with its number is identified by the
  number (`luat/59/2020/QH14`), its name kept as `LegalId.name`.
- METRIC -> `MetricValue` (`11.093 hồ sơ` -> 11093 "hồ sơ", `63,26%` -> 0.6326 "%").
- DATE -> `DateValue` with an ISO 8601 date or interval (`quý III năm 2020` ->
  `2020-07-01/2020-09-30`).
- LOC -> `Place`, its unit before and after the merger of 1 July 2025
  (`underthesea.address` gazetteer), with or without diacritics.
- ORG -> `OrgName`: abbreviations expanded, `UBND tỉnh` completed with the
  document's own province.

`resolve_document` resolves every entity of one annotation at once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from vngov_ie.rules.gazetteer import address_data, strip_diacritics
from vngov_ie.types import Annotation, Entity

# --- text helpers ------------------------------------------------------------------------------


def flat(text: str) -> str:
    """One line, single spaces, NFC, `Uỷ` spelled `Ủy`, look-alike Đ folded."""
    text = unicodedata.normalize("NFC", text.replace("\u00d0", "Đ").replace("\u00f0", "đ"))
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace("Uỷ", "Ủy").replace("uỷ", "ủy").replace("UỶ", "ỦY")


def ascii_key(text: str) -> str:
    """`Kiên Giang` -> `kiengiang`: lower case, no diacritics, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", strip_diacritics(text).lower())


def slug(text: str) -> str:
    """`Phòng, chống ma túy` -> `phong_chong_ma_tuy`."""
    return re.sub(r"[^a-z0-9]+", "_", strip_diacritics(text).lower()).strip("_")


# --- LEGAL_REF ---------------------------------------------------------------------------------

# Type words (diacritics stripped, lower case) -> type slug; longest first at use.
TYPE_WORDS: dict[str, str] = {
    "hien phap": "hien_phap", "bo luat": "bo_luat", "luat": "luat", "phap lenh": "phap_lenh",
    "nghi quyet lien tich": "nghi_quyet", "nghi quyet": "nghi_quyet", "nghi dinh thu": "nghi_dinh_thu",
    "nghi dinh": "nghi_dinh", "quyet dinh": "quyet_dinh", "chi thi": "chi_thi",
    "thong tu lien tich": "thong_tu_lien_tich", "thong tu": "thong_tu", "thong tri": "thong_tri",
    "ke hoach": "ke_hoach", "chuong trinh": "chuong_trinh", "de an": "de_an", "phuong an": "phuong_an",
    "cong van": "cong_van", "van ban hop nhat": "van_ban_hop_nhat", "van ban": "cong_van",
    "cong dien": "cong_dien", "huong dan": "huong_dan", "thong bao ket luan": "thong_bao",
    "thong bao": "thong_bao", "ket luan": "ket_luan", "bao cao": "bao_cao", "to trinh": "to_trinh",
    "quy che": "quy_che", "quy dinh": "quy_dinh", "quy hoach": "quy_hoach", "hiep dinh": "hiep_dinh",
    "giay moi": "giay_moi", "tieu chuan": "tieu_chuan", "don de nghi": "don_de_nghi",
    "phieu lay y kien": "phieu_lay_y_kien", "chien luoc": "chien_luoc",
    # English translations (`Decree No. 120/2016/ND-CP`)
    "decree": "nghi_dinh", "circular": "thong_tu", "joint circular": "thong_tu_lien_tich", "decision": "quyet_dinh",
    "resolution": "nghi_quyet", "law": "luat", "directive": "chi_thi", "official letter": "cong_van",
    "official dispatch": "cong_dien", "plan": "ke_hoach", "notice": "thong_bao", "report": "bao_cao",
    "kế hoạch hành động": "ke_hoach", "ke hoach hanh dong": "ke_hoach", "chuong trinh hanh dong": "chuong_trinh",
    # abbreviated type words (`NĐ 61/2018/NĐ-CP`, `QĐ 66`)
    "nd": "nghi_dinh", "qd": "quyet_dinh", "nq": "nghi_quyet", "tt": "thong_tu", "ct": "chi_thi",
    "kh": "ke_hoach", "cv": "cong_van", "tb": "thong_bao", "bc": "bao_cao",
}
# Generic words that never override a symbol's own type.
GENERIC_TYPES: frozenset[str] = frozenset({"cong_van"})
# Type codes of symbols (first letters, diacritics stripped, upper case) -> type slug.
SYMBOL_TYPES: dict[str, str] = {
    "ND": "nghi_dinh", "NQ": "nghi_quyet", "NQLT": "nghi_quyet", "QD": "quyet_dinh", "TT": "thong_tu",
    "TTLT": "thong_tu_lien_tich", "CT": "chi_thi", "KH": "ke_hoach", "KHPH": "ke_hoach",
    "TB": "thong_bao", "BC": "bao_cao", "TTR": "to_trinh", "CD": "cong_dien", "CTR": "chuong_trinh",
    "CTRPH": "chuong_trinh", "KL": "ket_luan", "HD": "huong_dan", "PA": "phuong_an", "DA": "de_an",
    "GM": "giay_moi", "VBHN": "van_ban_hop_nhat", "QCPH": "quy_che", "QC": "quy_che",
    "CV": "cong_van", "PLYK": "phieu_lay_y_kien", "UBTVQH": "nghi_quyet", "QH": "luat",
}
# Issuer codes that a typo may glue to the type code (`NĐCP`, `CTTg`).
GLUED_ISSUERS: frozenset[str] = frozenset({"CP", "TTG", "UBND", "HDND", "TW", "TU", "BTC", "BNV", "BCA", "BYT"})
# Party documents (`19-NQ/TW`): the same codes, except TT is a thông tri there.
PARTY_SYMBOL_TYPES: dict[str, str] = {**SYMBOL_TYPES, "TT": "thong_tri"}
# Symbols whose code names the issuer, not the type: the type word decides.
ISSUER_ONLY_CODES: frozenset[str] = frozenset({"QH", "UBTVQH"})
# Abbreviations inside names of laws.
NAME_ABBREVIATIONS: dict[str, str] = {
    "QPPL": "quy phạm pháp luật", "NSNN": "ngân sách nhà nước", "GTGT": "giá trị gia tăng",
    "TNCN": "thu nhập cá nhân", "TNDN": "thu nhập doanh nghiệp", "XLVPHC": "xử lý vi phạm hành chính",
    "KH, CN&ĐMST": "khoa học, công nghệ và đổi mới sáng tạo", "KH&CN": "khoa học và công nghệ",
}

# Names written several ways for one document (slugs, regular expressions -> slug).
NAME_ALIASES: tuple[tuple[str, str], ...] = (
    (r"^nuoc_cong_hoa_xa_hoi_chu_nghia_viet_nam$", ""),
    (r"^(?:cua_)?dai_hoi_(?:dang_|dai_bieu_toan_quoc_|toan_quoc_)?(?:cua_dang_)?lan_thu_(?P<n>[ivxl]+)(?:_cua_dang)?$",
     r"dai_hoi_dang_toan_quoc_\g<n>"),
    (r"^chinh_quyen_dia_phuong$", "to_chuc_chinh_quyen_dia_phuong"),
)
_TYPE_RX = re.compile(
    r"^(?P<type>" + "|".join(sorted((re.escape(k) for k in TYPE_WORDS), key=len, reverse=True)) + r")(?![a-z])"
)
_NUMBER_SYMBOL = re.compile(
    r"(?P<num>\d+[a-z]?(?:\.\d+)?)\s*(?:/\s*(?P<year>(?:19|20)\d{2})\s*)?(?P<sep>[/-])\s*"
    r"(?P<sym>[A-Za-zĐđ][\w&.]*(?:\s*[-/.]\s*[\w&.]+)*)"
)
_BARE_NUMBER = re.compile(r"^(?:so\s+)?(?P<num>\d+[a-z]?)$")
_NAME_YEAR = re.compile(r"\s*(?:năm\s+)?(?P<year>(?:19|20)\d{2})$", re.I)


@dataclass(frozen=True)
class LegalId:
    """What a LEGAL_REF identifies. `symbol` is normalised (`ND-CP`); `name` is a slug."""

    doc_type: str
    number: str | None = None
    year: int | None = None
    symbol: str | None = None
    issuer_code: str | None = None
    date: str | None = None
    name: str | None = None
    ambiguous: bool = False

    @property
    def canonical(self) -> str:
        """`nghi_dinh/61/2018/ND-CP`; `luat/doanh_nghiep/2020`; `quyet_dinh/846/QD-TTG` (year unknown)."""
        if self.number and self.symbol:
            parts = [self.doc_type, self.number, str(self.year) if self.year else None, self.symbol]
        elif self.name:
            parts = [self.doc_type, self.name, str(self.year) if self.year else None]
        else:
            parts = [self.doc_type, self.number, str(self.year) if self.year else None]
        return "/".join(p for p in parts if p)

    @property
    def key(self) -> str:
        """The id without its year: mentions with the same key may be one document."""
        return replace(self, year=None, date=None, ambiguous=False).canonical


def parse_legal_ref(text: str) -> LegalId:
    """A LEGAL_REF's surface -> `LegalId` (year only when the symbol or name carries it)."""
    surface = _expand_name_abbreviations(flat(text))
    surface = re.sub(r"^(?:[Ss][ốôo]|No\.?)\s*:?\s*", "", surface)
    surface = re.sub(r"^(?i:the\s+)", "", surface)
    bare = strip_diacritics(surface).lower()
    m = _TYPE_RX.match(bare) if len(bare) == len(surface) else None
    word_type = TYPE_WORDS[m.group("type")] if m else None
    rest = surface[m.end() :] if m else surface
    for ns in _NUMBER_SYMBOL.finditer(rest):
        lead = rest[: ns.start()]
        if not lead.strip() or re.search(r"(?i)(?:s[ốôo]|no\.?)\s*:?\s*$", lead):
            return _from_symbol(ns, word_type, name=_name_before(lead))
    bn = _BARE_NUMBER.match(strip_diacritics(rest).lower().strip())
    if word_type and bn:
        return LegalId(word_type, number=_number(bn.group("num")))
    return _from_name(word_type, rest, surface)


def _expand_name_abbreviations(text: str) -> str:
    for short, full in NAME_ABBREVIATIONS.items():
        text = re.sub(r"(?<!\w)" + re.escape(short) + r"(?!\w)", full, text)
    return text


def _number(num: str) -> str:
    """`061` -> `61`, `30c` -> `30c`: leading zeros are not part of the identity."""
    m = re.match(r"0*(\d+)(.*)$", num)
    return (m.group(1) + m.group(2).lower()) if m else num


def normalise_symbol(symbol: str) -> str:
    """`NĐ- CP` -> `ND-CP`: no spaces, no diacritics, upper case, no trailing punctuation."""
    return strip_diacritics(re.sub(r"\s+", "", symbol)).upper().strip(".-/")


def _from_symbol(m: re.Match[str], word_type: str | None, name: str | None = None) -> LegalId:
    raw = normalise_symbol(m.group("sym"))
    party = m.group("sep") == "-" and "/" in raw
    symbol = _split_glued_code(raw.replace("/", "-"))
    code_match = re.match(r"[A-Z]+", symbol)
    code = code_match.group(0) if code_match else ""
    table = PARTY_SYMBOL_TYPES if party else SYMBOL_TYPES
    if code in ISSUER_ONLY_CODES or re.match(r"QH\d", symbol):
        doc_type = word_type if word_type and word_type not in GENERIC_TYPES else table.get(code, "luat")
    elif code in table:
        doc_type = table[code]
    else:
        doc_type = word_type or "cong_van"
    parts = symbol.split("-", 1)
    issuer_code = parts[1] if len(parts) > 1 and code in table else parts[0]
    year = int(m.group("year")) if m.group("year") else None
    return LegalId(doc_type, _number(m.group("num")), year, symbol, issuer_code or None, name=name)


def _split_glued_code(symbol: str) -> str:
    """`NDCP` -> `ND-CP`, `CTTG` -> `CT-TTG`: a type code glued to a known issuer code."""
    if "-" in symbol or symbol in SYMBOL_TYPES:
        return symbol
    for n in (4, 3, 2):
        if symbol[:n] in SYMBOL_TYPES and symbol[n:] in GLUED_ISSUERS:
            return f"{symbol[:n]}-{symbol[n:]}"
    return symbol


def _name_before(text: str) -> str | None:
    """The name between the type word and `số` (`Luật Doanh nghiệp số 59/2020/QH14` -> doanh_nghiep)."""
    name = re.sub(r"(?i)\bs[ốô]\s*:?\s*$", "", text).strip(" ,")
    return slug(name) or None


def _from_name(word_type: str | None, rest: str, surface: str) -> LegalId:
    """Documents cited by name: laws, codes, resolutions named by conference, standards."""
    doc_type = word_type or ("tieu_chuan" if re.match(r"(?i)(tcvn|iso|qcvn|astm|eu |j-std)", surface) else "van_ban")
    name = rest.strip(" ,.;")
    year = None
    y = _NAME_YEAR.search(name)
    if y and doc_type in ("luat", "bo_luat", "hien_phap", "phap_lenh"):
        year, name = int(y.group("year")), name[: y.start()]
    key = slug(name)
    if doc_type == "tieu_chuan":
        key = re.sub(r"^quoc_gia_", "", key)
    for pattern, alias in NAME_ALIASES:
        key = re.sub(pattern, alias, key)
    return LegalId(doc_type, year=year, name=key or None)


def with_issue_date(legal: LegalId, issued: "DateValue | None") -> LegalId:
    """Fill the year (and date) from the ISSUED_ON date when the symbol has no year."""
    if issued is not None and issued.precision == "year" and issued.start is not None:
        return replace(legal, year=legal.year or issued.start.year)
    if issued is None or issued.start is None or issued.precision != "day":
        return legal
    year = legal.year or issued.start.year
    return replace(legal, year=year, date=issued.start.isoformat())


def probable_aliases(ids: Iterable[LegalId]) -> list[tuple[str, str]]:
    """Pairs of ids that are probably one document misspelt (`38-Tr/TU` next to `38-CTr/TU`):
    same type, number and year, symbols at edit distance <= 2. Flagged, never merged."""
    unique = sorted({i.canonical: i for i in ids if i.symbol and i.number}.values(), key=lambda i: i.canonical)
    pairs = []
    for n, a in enumerate(unique):
        for b in unique[n + 1 :]:
            if (a.number, a.year) == (b.number, b.year) and a.symbol != b.symbol and _same_kind(a, b):
                if edit_distance(a.symbol or "", b.symbol or "") <= 2:
                    pairs.append((a.canonical, b.canonical))
    return pairs


def _same_kind(a: LegalId, b: LegalId) -> bool:
    """Same type, or one symbol's type code is not a known one (a typo: `TR-TU` for `CTR-TU`)."""
    return a.doc_type == b.doc_type or _symbol_code(a) not in SYMBOL_TYPES or _symbol_code(b) not in SYMBOL_TYPES


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# --- DATE --------------------------------------------------------------------------------------

ROMAN: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class DateValue:
    """`iso`: `2018-04-23`, `2025-12`, `2020`, `2020-07-01/2020-09-30`, `2016/2020`, `--12-25` (no year)."""

    iso: str
    start: date | None
    end: date | None
    precision: str  # day, month, quarter, year, interval, partial


def parse_date(text: str, doc_year: int | None = None) -> DateValue | None:
    """A DATE's surface -> `DateValue`; yearless dates take `doc_year`, else stay partial."""
    s = strip_diacritics(flat(text)).lower()
    s = re.sub(r"\s*([/.\-–—])\s*", r"\1", s).replace("–", "-").replace("—", "-")
    for rx, build in _DATE_RULES:
        m = rx.fullmatch(s)
        if m:
            try:
                return build(m, doc_year)
            except ValueError:
                return None
    return None


def _day(y: int | None, mo: int, d: int, doc_year: int | None) -> DateValue:
    year = y or doc_year
    if year is None:
        date(2000, mo, d)  # validates
        return DateValue(f"--{mo:02d}-{d:02d}", None, None, "partial")
    day = date(year, mo, d)
    return DateValue(day.isoformat(), day, day, "day")


def _month(y: int | None, mo: int, doc_year: int | None) -> DateValue:
    year = y or doc_year
    if year is None:
        if not 1 <= mo <= 12:
            raise ValueError(mo)
        return DateValue(f"--{mo:02d}", None, None, "partial")
    first = date(year, mo, 1)
    return DateValue(f"{year}-{mo:02d}", first, _month_end(year, mo), "month")


def _month_end(year: int, mo: int) -> date:
    return (date(year + (mo == 12), mo % 12 + 1, 1)) - timedelta(days=1)


def _span(a: DateValue, b: DateValue) -> DateValue:
    if a.start and b.end:
        return DateValue(f"{a.iso}/{b.iso}", a.start, b.end, "interval")
    return DateValue(f"{a.iso}/{b.iso}", None, None, "partial")


def _year(y: int) -> DateValue:
    return DateValue(str(y), date(y, 1, 1), date(y, 12, 31), "year")


def _months_of_year(y: int | None, first: int, last: int, doc_year: int | None, precision: str = "interval") -> DateValue:
    year = y or doc_year
    if year is None:
        return DateValue(f"--{first:02d}/--{last:02d}", None, None, "partial")
    start, end = date(year, first, 1), _month_end(year, last)
    if first == last:
        return DateValue(f"{year}-{first:02d}", start, end, "month")
    return DateValue(f"{start.isoformat()}/{end.isoformat()}", start, end, precision)


def _quarter(m: re.Match[str], doc_year: int | None) -> DateValue:
    q = m.group("q")
    n = ROMAN[q] if q in ROMAN else int(q)
    y = int(m.group("y")) if m.group("y") else None
    return _months_of_year(y, 3 * n - 2, 3 * n, doc_year, "quarter")


def _int(m: re.Match[str], name: str) -> int | None:
    v = m.group(name)
    return int(v) if v else None


_Y = r"(?P<y>(?:19|20)\d{2})"
MONTHS: dict[str, int] = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
_DATE_RULES: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"(?P<mn>" + "|".join(MONTHS) + r") (?P<d>\d{1,2}),? " + _Y),
     lambda m, dy: _day(int(m["y"]), MONTHS[m["mn"]], int(m["d"]), dy)),
    (re.compile(r"(?:ngay ?)?(?P<d>\d{1,2})[/.-](?P<mo>\d{1,2})[/.-]" + _Y),
     lambda m, dy: _day(int(m["y"]), int(m["mo"]), int(m["d"]), dy)),
    (re.compile(r"ngay ?(?P<d>\d{1,2}) thang ?(?P<mo>\d{1,2}),? nam " + _Y),
     lambda m, dy: _day(int(m["y"]), int(m["mo"]), int(m["d"]), dy)),
    (re.compile(r"(?P<d>\d{1,2}) thang (?P<mo>\d{1,2}) nam " + _Y),
     lambda m, dy: _day(int(m["y"]), int(m["mo"]), int(m["d"]), dy)),
    (re.compile(r"ngay (?P<d>\d{1,2})(?: thang |/)(?P<mo>\d{1,2})(?: hang nam)?"),
     lambda m, dy: _day(None, int(m["mo"]), int(m["d"]), dy)),
    (re.compile(r"(?P<d>\d{1,2})/(?P<mo>\d{1,2})"), lambda m, dy: _day(None, int(m["mo"]), int(m["d"]), dy)),
    (re.compile(r"thang (?P<mo>\d{1,2})(?: nam |/)" + _Y), lambda m, dy: _month(int(m["y"]), int(m["mo"]), dy)),
    (re.compile(r"(?P<mo>\d{1,2})/" + _Y), lambda m, dy: _month(int(m["y"]), int(m["mo"]), dy)),
    (re.compile(r"thang (?P<mo>\d{1,2})"), lambda m, dy: _month(None, int(m["mo"]), dy)),
    (re.compile(r"qu[yi] (?P<q>iv|iii|ii|i|[1-4])(?:(?: nam |/|-)" + _Y + ")?"), lambda m, dy: _quarter(m, dy)),
    (re.compile(r"(?:nam |tet duong lich )?" + _Y), lambda m, dy: _year(int(m["y"]))
     if not m.group(0).startswith("tet") else _day(int(m["y"]), 1, 1, dy)),
    (re.compile(r"(?:(?:giai doan|thoi ky|nhiem ky|nam hoc|nam)(?: nam)? )?(?:\d{1,2} nam )?(?P<a>(?:19|20)\d{2})-(?:nam )?(?P<b>(?:19|20)\d{2})"),
     lambda m, dy: DateValue(f"{m['a']}/{m['b']}", date(int(m["a"]), 1, 1), date(int(m["b"]), 12, 31), "interval")),
    (re.compile(r"(?P<n>\d{1,2}) thang (?:dau )?nam(?: " + _Y + ")?"),
     lambda m, dy: _months_of_year(_int(m, "y"), 1, int(m["n"]), dy)),
    (re.compile(r"(?P<n>\d{1,2})? ?thang dau nam(?: " + _Y + ")?"),
     lambda m, dy: _months_of_year(_int(m, "y"), 1, int(m["n"] or 1), dy)),
    (re.compile(r"(?P<n>\d{1,2})? ?thang cuoi nam(?: " + _Y + ")?"),
     lambda m, dy: _months_of_year(_int(m, "y"), 13 - int(m["n"] or 1), 12, dy)),
    (re.compile(r"(?:dau|cuoi|giua) nam " + _Y), lambda m, dy: _year(int(m["y"]))),
    (re.compile(r"(?:ngay )?(?P<d1>\d{1,2})(?:-| den ngay | den | va )(?P<d2>\d{1,2})(?: thang |/)(?P<mo>\d{1,2})(?:(?: nam |/)" + _Y + ")?"),
     lambda m, dy: _span(_day(_int(m, "y"), int(m["mo"]), int(m["d1"]), dy), _day(_int(m, "y"), int(m["mo"]), int(m["d2"]), dy))),
    (re.compile(r"(?P<a>.+?) (?:den|-) (?P<b>.+)|(?P<a2>thang \d{1,2})-(?P<b2>(?:thang )?\d{1,2}(?: nam \d{4})?)"
                r"|(?P<a3>[\d/.]+)-(?P<b3>[\d/.]+)"),
     lambda m, dy: _range(m, dy)),
]


def _range(m: re.Match[str], doc_year: int | None) -> DateValue:
    a, b = next((m[x], m[y]) for x, y in (("a", "b"), ("a2", "b2"), ("a3", "b3")) if m[x])
    if not b.startswith(("ngay", "thang")) and a.startswith("thang"):
        b = "thang " + b
    right = parse_date(b, doc_year)
    if right is None:
        raise ValueError(b)
    year = right.start.year if right.start else doc_year
    left = parse_date(a, year)
    if left is None:
        if re.fullmatch(r"thang \d{1,2}", a) is None:
            raise ValueError(a)
        left = _month(year, int(a.split()[1]), doc_year)
    return _span(left, right)


# --- METRIC ------------------------------------------------------------------------------------

SCALES: dict[str, float] = {"nghin ty": 1e12, "ngan ty": 1e12, "ty": 1e9, "trieu": 1e6, "nghin": 1e3, "ngan": 1e3}
CURRENCIES: dict[str, str] = {"dong": "VND", "vnd": "VND", "usd": "USD", "đồng": "VND", "đông": "VND"}
SPELLED: dict[str, int] = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_METRIC = re.compile(
    r"^(?:từ\s+)?(?P<v>" + _NUM + r")\s*(?:(?:-|–|đến(?: dưới)?)\s*(?P<hi>" + _NUM + r")\s*)?"
    r"(?:/\s*(?P<tot>" + _NUM + r"))?\s*(?P<unit>.*)$"
)


@dataclass(frozen=True)
class MetricValue:
    """`145/145 xã` -> value 145, total 145, unit `xã`; `1,5 tỷ đồng` -> 1.5e9 `VND`."""

    value: float | None
    unit: str
    total: float | None = None
    upper: float | None = None


def parse_number(text: str) -> float | None:
    """Vietnamese numerals: `.` groups thousands (`11.093`), `,` marks decimals (`63,26`);
    `96.5` (a dot not followed by three digits) is a decimal point."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    return None


def parse_metric(text: str) -> MetricValue:
    surface = re.sub(r"\(([^)]*)\)", " ", flat(text))  # spelled-out glosses: `03 (ba) nhân viên`
    surface = re.sub(r"\s+", " ", surface).strip()
    m = _METRIC.match(surface)
    if not m:
        return _spelled_metric(surface)
    value = parse_number(m["v"])
    upper = parse_number(m["hi"]) if m["hi"] else None
    total = parse_number(m["tot"]) if m["tot"] else None
    unit = m["unit"].strip()
    if unit.startswith("%"):
        return MetricValue(_scaled(value, 0.01), "%" + unit[1:].rstrip(), _scaled(total, 0.01), _scaled(upper, 0.01))
    bound = re.match(r"(?P<u>.*?)\s+đến(?: dưới)?\s+(?P<hi>" + _NUM + r")\s*(?P<u2>.*)$", unit)
    if bound and upper is None:
        f2, _ = _scale(bound["u2"])
        upper, unit = _scaled(parse_number(bound["hi"]), f2), bound["u"]
        factor, unit = _scale(unit)
        return MetricValue(_scaled(value, factor), unit, total, upper)
    factor, unit = _scale(unit)
    return MetricValue(_scaled(value, factor), unit, total, _scaled(upper, factor))


def _scaled(v: float | None, factor: float) -> float | None:
    return None if v is None else round(v * factor, 10)


def _scale(unit: str) -> tuple[float, str]:
    """`tỷ đồng` -> (1e9, `VND`); `triệu người` -> (1e6, `người`); `đồng/người/buổi` -> (1, `VND/người/buổi`)."""
    bare = strip_diacritics(unit).lower()
    factor = 1.0
    for word, f in SCALES.items():
        if re.match(word + r"\b", bare):
            factor, unit, bare = f, unit[len(word) :].strip(), bare[len(word) :].strip()
            break
    head = re.match(r"([^\W\d_]+)(.*)$", unit)
    if head and head.group(1).lower() in CURRENCIES | {strip_diacritics(k): v for k, v in CURRENCIES.items()}:
        code = CURRENCIES.get(head.group(1).lower()) or CURRENCIES[strip_diacritics(head.group(1)).lower()]
        unit = code + head.group(2)
    return factor, unit.strip()


def _spelled_metric(surface: str) -> MetricValue:
    words = surface.split(" ", 1)
    n = SPELLED.get(strip_diacritics(words[0]).lower())
    return MetricValue(float(n) if n is not None else None, words[1] if len(words) > 1 else "")


# --- LOC ---------------------------------------------------------------------------------------

UNIT_WORDS: dict[str, str] = {
    "thanh pho": "thành phố", "tp": "thành phố", "tinh": "tỉnh", "huyen": "huyện", "quan": "quận",
    "thi xa": "thị xã", "thi tran": "thị trấn", "xa": "xã", "phuong": "phường", "dac khu": "đặc khu",
}
COUNTRIES: dict[str, str] = {
    "viet nam": "Việt Nam", "cong hoa xa hoi chu nghia viet nam": "Việt Nam", "lao": "Lào",
    "cong hoa dan chu nhan dan lao": "Lào", "campuchia": "Campuchia", "trung quoc": "Trung Quốc",
    "thai lan": "Thái Lan", "han quoc": "Hàn Quốc", "nhat ban": "Nhật Bản", "hoa ky": "Hoa Kỳ",
    "new zealand": "New Zealand", "singapore": "Singapore", "nga": "Nga", "an do": "Ấn Độ",
}
_UNIT_RX = re.compile(r"^(?P<unit>thanh pho|tp\.?|tinh|huyen|quan|thi xa|thi tran|xa|phuong|dac khu)\s+(?P<name>.+)$")


@dataclass(frozen=True)
class Place:
    """A place and its administrative unit before / after the merger of 1 July 2025."""

    key: str  # node id: `tinhkiengiang`, `xabinhson@tinhkiengiang`, `country/viet_nam`
    name: str
    level: str  # country, province, district, ward, unknown
    before: str | None = None  # the unit before 1 July 2025 (`Tỉnh Kiên Giang`)
    after: str | None = None  # the unit after (`Tỉnh An Giang`, `Xã Bình Sơn, Tỉnh An Giang`)
    province_before: str | None = None
    province_after: str | None = None


@lru_cache(maxsize=1)
def _province_index() -> dict[str, str]:
    """`kiengiang`, `tinhkiengiang`, `thanhphocantho` ... -> old province key."""
    index: dict[str, str] = {}
    for key, info in address_data()["old_province_names"].items():
        index[key] = key
        index[ascii_key(info["short"])] = key
    index["hochiminh"] = index["tphochiminh"] = index.get("thanhphohochiminh", "thanhphohochiminh")
    return index


@lru_cache(maxsize=1)
def _unit_index() -> dict[str, list[dict]]:
    """`xabinhson`, `huyenhondat` (old and new units) -> ward-mapping rows."""
    index: dict[str, list[dict]] = {}
    for row in address_data()["ward_mapping"]:
        for key in (row["old_ward_key"], row["new_ward_key"], row["old_district_key"]):
            if key:
                index.setdefault(key, []).append(row)
    return index


def resolve_place(text: str, province: str | None = None) -> Place | None:
    """A LOC's surface -> `Place`; `province` (an old or new province key) settles wards
    that exist in several provinces."""
    surface = flat(text)
    bare = strip_diacritics(surface).lower()
    if bare in COUNTRIES:
        name = COUNTRIES[bare]
        return Place(f"country/{slug(name)}", name, "country")
    m = _UNIT_RX.match(bare)
    unit = UNIT_WORDS[m["unit"].rstrip(".")] if m else None
    name_key = ascii_key(m["name"]) if m else ascii_key(bare)
    if unit in (None, "tỉnh", "thành phố"):
        found = _province_place(name_key)
        if found is not None:
            return found
    units = [unit] if unit else ["xã", "phường", "thị trấn", "huyện", "quận", "thị xã"]
    for u in units:
        rows = _unit_index().get(ascii_key(u) + name_key, [])
        if province:
            rows = [r for r in rows if province in (r["old_province_key"], r["new_province_key"])] or []
        if rows:
            return _ward_place(ascii_key(u) + name_key, rows)
    return Place(f"place/{slug(surface)}", surface, "unknown")


def _province_place(name_key: str) -> Place | None:
    data = address_data()
    old = _province_index().get(name_key)
    if old is None:
        return None
    new = data["province_mapping"][old]
    before = data["old_province_names"][old]["name"]
    after = data["province_names"][new]["name"]
    return Place(old, before, "province", before, after, before, after)


def _ward_place(unit_key: str, rows: list[dict]) -> Place:
    old_rows = [r for r in rows if unit_key in (r["old_ward_key"], r["old_district_key"])]
    row = next((r for r in old_rows if r.get("is_default")), old_rows[0] if old_rows else rows[0])
    is_district = unit_key == row["old_district_key"]
    if is_district:
        name, level = row["old_district"], "district"
        before = f"{row['old_district']}, {row['old_province']}"
        after = row["new_province"]
    elif unit_key == row["old_ward_key"]:
        name, level = row["old_ward"], "ward"
        before = f"{row['old_ward']}, {row['old_district']}, {row['old_province']}"
        after = f"{row['new_ward']}, {row['new_province']}"
    else:  # named after the merger
        name, level = row["new_ward"], "ward"
        before = None
        after = f"{row['new_ward']}, {row['new_province']}"
    province_key = row["old_province_key"] if before else row["new_province_key"]
    return Place(f"{unit_key}@{province_key}", name, level, before, after, row["old_province"], row["new_province"])


# --- ORG ---------------------------------------------------------------------------------------

ORG_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"), ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"), ("MTTQ", "Mặt trận Tổ quốc"), ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"), ("TT HĐND", "Thường trực Hội đồng nhân dân"), ("BTV", "Ban Thường vụ"),
    ("BCĐ", "Ban Chỉ đạo"), ("BCH", "Ban Chấp hành"), ("PCT", "Phó Chủ tịch"), ("CT", "Chủ tịch"),
    ("VP", "Văn phòng"), ("TT&TT", "Thông tin và Truyền thông"), ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("GD&ĐT", "Giáo dục và Đào tạo"), ("GDĐT", "Giáo dục và Đào tạo"), ("KH&CN", "Khoa học và Công nghệ"),
    ("KHCN", "Khoa học và Công nghệ"), ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NN&MT", "Nông nghiệp và Môi trường"), ("NNMT", "Nông nghiệp và Môi trường"),
    ("TN&MT", "Tài nguyên và Môi trường"), ("TNMT", "Tài nguyên và Môi trường"),
    ("VHTT&DL", "Văn hóa, Thể thao và Du lịch"), ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    ("LĐTB&XH", "Lao động - Thương binh và Xã hội"), ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("GTVT", "Giao thông vận tải"), ("TTHC", "thủ tục hành chính"), ("CCHC", "cải cách hành chính"),
    ("KSTTHC", "Kiểm soát thủ tục hành chính"), ("CA", "Công an"), ("UBKT", "Ủy ban Kiểm tra"),
)
# Bodies whose name stops at the level word: the document's own province completes them.
_LEVEL_END = re.compile(r"(?i)\b(?:tỉnh|thành phố)$")
_PROVINCIAL_HEADS = re.compile(r"(?i)^(?:Sở|Tỉnh ủy|Thành ủy|Công an tỉnh|Văn phòng (?:UBND|Ủy ban nhân dân) tỉnh)\b")
_HEADS = ("Bộ", "Sở", "Cục", "Tổng cục", "Chi cục", "Vụ", "Ban", "Văn phòng", "Trung tâm", "Viện", "Ủy ban",
          "Hội đồng", "Phòng", "Đài", "Báo", "Thanh tra", "Kho bạc", "Ngân hàng", "Thường trực", "Hội")
# A head word and the first word of the name it opens (`bộ tài` -> `Bộ Tài`); `ủy ban nhân dân` stays.
_HEAD_RX = re.compile(
    r"(?<!\w)(?P<head>(?>" + "|".join(sorted((h.lower() for h in _HEADS), key=len, reverse=True)) + r"))\s+"
    r"(?!nhân dân|nhân\s+dân)(?P<next>\w+)"
)
_PROPER = ("Chính phủ", "Quốc hội", "Thủ tướng", "Trung ương", "Tỉnh ủy", "Thành ủy", "Mặt trận Tổ quốc",
           "Việt Nam", "Nhà nước", "Đảng", "Bộ Chính trị", "Ban Bí thư")


@dataclass(frozen=True)
class OrgName:
    key: str  # node id: the name without diacritics (`uy_ban_nhan_dan_tinh_lam_dong`)
    name: str


def normalise_org(text: str, province: Place | None = None) -> OrgName:
    """Expand abbreviations, fix the case of all-caps headers, complete `UBND tỉnh` with `province`."""
    name = flat(text)
    name = re.sub(r"\s*-\s*$", "", name)
    for short, full in sorted(ORG_ABBREVIATIONS, key=lambda p: len(p[0]), reverse=True):
        name = re.sub(r"(?<![\w&])" + re.escape(short) + r"(?![\w&])", full, name)
    if name.upper() == name:
        name = _sentence_case(name)
    if province is not None and province.level == "province":
        short = address_data()["old_province_names"][province.key]["short"]
        level = "thành phố" if province.key.startswith("thanhpho") else "tỉnh"
        if _LEVEL_END.search(name):
            name = f"{name} {short}"
        elif _PROVINCIAL_HEADS.match(name) and ascii_key(short) not in ascii_key(name):
            name = f"{name} {level} {short}" if not name.endswith((" tỉnh", " thành phố")) else f"{name} {short}"
    return OrgName(slug(name), name[0].upper() + name[1:] if name else name)


def _sentence_case(name: str) -> str:
    """`ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP` -> `Ủy ban nhân dân tỉnh Đồng Tháp`, `BỘ TÀI CHÍNH` -> `Bộ Tài chính`."""
    out = name.lower()
    out = _HEAD_RX.sub(lambda m: m.group("head").capitalize() + " " + m.group("next").capitalize(), out, count=1)
    for proper in _PROPER:
        out = re.sub(r"(?<!\w)" + re.escape(proper.lower()) + r"(?!\w)", proper, out)
    out = re.sub(r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+((?:\w+\s*){1,3})$",
                 lambda m: m.group(1) + " " + m.group(2).title(), out)
    return out[0].upper() + out[1:]


# --- one document ------------------------------------------------------------------------------


@dataclass
class Resolution:
    """Every entity of one document resolved, by entity id, and the document's own date and province."""

    doc_id: str
    doc_date: DateValue | None = None
    province: Place | None = None
    legal: dict[str, LegalId] = field(default_factory=dict)
    dates: dict[str, DateValue] = field(default_factory=dict)
    metrics: dict[str, MetricValue] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    orgs: dict[str, OrgName] = field(default_factory=dict)
    own_number: str | None = None  # entity id of the document's own number


def resolve_document(ann: Annotation, text: str) -> Resolution:
    """Resolve every entity of `ann` (whose relations give the ISSUED_ON dates)."""
    from vngov_ie.link import header

    ordered = sorted(ann.entities, key=lambda e: e.start)
    head = header(ordered, text)
    res = Resolution(ann.doc_id, own_number=head.number.id if head.number else None)
    res.doc_date = parse_date(head.date.text) if head.date else None
    doc_year = res.doc_date.start.year if res.doc_date and res.doc_date.start else None
    res.province = _document_province(ordered, head, text)
    province_key = res.province.key if res.province and res.province.level == "province" else None
    for e in ordered:
        if e.label == "DATE":
            value = parse_date(e.text, doc_year)
            if value is not None:
                res.dates[e.id] = value
        elif e.label == "METRIC":
            res.metrics[e.id] = parse_metric(e.text)
        elif e.label == "LOC":
            place = resolve_place(e.text, province_key)
            if place is not None:
                res.places[e.id] = place
        elif e.label == "ORG":
            res.orgs[e.id] = normalise_org(e.text, res.province)
    res.legal = resolve_legal_refs(ordered, ann, res.dates)
    _types_from_context(res, ordered, text)
    return res


# Document kinds (from the title, `vngov_ie.tasks.document_kind`) -> type of the document's own number.
KIND_TYPES: dict[str, str] = {"thong_bao_ket_luan": "thong_bao", "other": ""}


def _types_from_context(res: Resolution, ordered: list[Entity], text: str) -> None:
    """The own number takes its type from the title (`5662/CT-CS` under `V/v ...` is an official
    letter); an item of an elliptical list without a type word (`các Nghị quyết: số 55/2010/QH12,
    số 28/2016/QH14`) takes the type named before the list."""
    from vngov_ie.tasks import document_kind

    if res.own_number in res.legal:
        kind = document_kind(text)
        doc_type = KIND_TYPES.get(kind, kind)
        if doc_type:
            res.legal[res.own_number] = replace(res.legal[res.own_number], doc_type=doc_type)
    refs = [e for e in ordered if e.label == "LEGAL_REF"]
    for prev, e in zip([None, *refs], refs):
        if e.id == res.own_number or _TYPE_RX.match(re.sub(r"^so\s*:?\s*", "", strip_diacritics(flat(e.text)).lower())):
            continue
        before = flat(text[max(0, e.start - 60) : e.start])
        lead = _LIST_LEAD.search(before)
        if lead:
            word = TYPE_WORDS.get(strip_diacritics(lead.group("type")).lower())
        elif prev is not None and _LIST_GAP.fullmatch(text[prev.end : e.start]) and prev.id in res.legal:
            word = res.legal[prev.id].doc_type
        else:
            continue
        legal = res.legal[e.id]
        if word and legal.symbol and _symbol_code(legal) in ISSUER_ONLY_CODES | {""}:
            res.legal[e.id] = replace(legal, doc_type=word)


_LIST_LEAD = re.compile(r"các\s+(?P<type>Nghị\s+quyết|Quyết\s+định|Nghị\s+định|Thông\s+tư|Công\s+văn|Kế\s+hoạch)"
                        r"(?:\s+của\s+[^:;]{0,40})?\s*:\s*(?:s[ốô]\s*)?$", re.I)
_LIST_GAP = re.compile(r"(?:\s*ngày[^,;]{4,30})?\s*(?:,|;|và)\s*(?:s[ốô]\s*)?", re.I)


def _symbol_code(legal: LegalId) -> str:
    m = re.match(r"[A-Z]+", legal.symbol or "")
    code = m.group(0) if m else ""
    return "QH" if re.match(r"QH\d", legal.symbol or "") else code


def resolve_legal_refs(ordered: list[Entity], ann: Annotation, dates: dict[str, DateValue]) -> dict[str, LegalId]:
    """Canonical ids of a document's LEGAL_REFs. A reference without a year takes the
    ISSUED_ON year, else the year another mention of the same symbol has in this document
    (marked ambiguous when the document gives that symbol two years); a bare number
    (`Nghị quyết 57`) or a law's name takes the one full reference of this document that
    matches it (`Nghị quyết số 57-NQ/TW ngày 22/12/2024`)."""
    issued = {r.head: r.tail for r in ann.relations if r.type == "ISSUED_ON"}
    texts = {e.id: e.text for e in ordered}
    ids = {e.id: with_issue_date(parse_legal_ref(e.text), dates.get(issued.get(e.id, ""))
                                 or _year_only(texts.get(issued.get(e.id, ""), "")))
           for e in ordered if e.label == "LEGAL_REF"}
    years: dict[str, set[int]] = {}
    for legal in ids.values():
        if legal.year:
            years.setdefault(legal.key, set()).add(legal.year)
    for eid, legal in ids.items():
        found = years.get(legal.key, set())
        if legal.year is None and len(found) == 1:
            ids[eid] = replace(legal, year=next(iter(found)))
        elif legal.year is None and len(found) > 1:
            ids[eid] = replace(legal, ambiguous=True)
    full = [legal for legal in ids.values() if legal.symbol]
    for eid, legal in ids.items():
        if legal.symbol:
            continue
        if legal.number:
            matches = {f.canonical: f for f in full if (f.doc_type, f.number) == (legal.doc_type, legal.number)}
        else:
            matches = {f.canonical: f for f in full if f.name and f.name == legal.name and f.doc_type == legal.doc_type
                       and (legal.year is None or f.year == legal.year)}
        if len(matches) == 1:
            ids[eid] = replace(next(iter(matches.values())), date=None)
    return ids


def _year_only(date_text: str) -> "DateValue | None":
    """The year of an issue date that OCR damaged elsewhere (`ngày @3 tháng 0I năm 2025`)."""
    m = re.search(r"năm\s+((?:19|20)\d{2})\b", date_text)
    return DateValue(m.group(1), date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31), "year") if m else None


def _document_province(ordered: list[Entity], head: object, text: str) -> Place | None:
    """The document's province: from its header body (`ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP`),
    else from the place-and-date line when the header body is a local one."""
    header_orgs = [e for e in ordered if e.label == "ORG" and e.start < 400]
    for org in header_orgs[:3]:
        m = re.search(r"(?i)(?:tỉnh|thành phố)\s+(.+)$", flat(org.text))
        if m:
            place = _province_place(ascii_key(m.group(1)))
            if place is not None:
                return place
    local = any(re.search(r"(?i)ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|sở |tỉnh|ban chỉ đạo", flat(o.text))
                for o in header_orgs[:3])
    date_ent = getattr(head, "date", None)
    if date_ent is not None and (local or not header_orgs):
        locs = [e for e in ordered if e.label == "LOC" and 0 <= date_ent.start - e.end <= 12]
        if locs:
            return _province_place(ascii_key(re.sub(r"(?i)^(tỉnh|thành phố)\s+", "", flat(locs[-1].text))))
    return None
