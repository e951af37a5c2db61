"""Tasks, as the spec's section "Tasks" defines them, and their links.

A task is a sentence or a bullet item of the body whose main predicate is an
action. `find_tasks` works in four steps, each a function:

1. `paragraphs`: lines joined into paragraphs (hard-wrapped PDF text and
   page breaks inside a sentence are undone; a list marker opens a new one);
2. `units`: paragraphs split into sentences, and at `;` where each part has
   an action of its own; headings, lead-ins (`... như sau:`) and attribute
   lines (`Cơ quan chủ trì: ...`) are marked;
3. sections: headings open sections whose titles exclude them (`Mục đích`,
   `Yêu cầu`, `Tồn tại, hạn chế` ...) or set the status (`kết quả` -> done,
   `nhiệm vụ`, `phương hướng` -> planned);
4. `is_task`: the unit's predicate is an action (`ACTION_VERBS`), it is not
   an assessment, a preamble line, a table row or a closing formula.

`link_tasks` then adds BASED_ON, RESULT, ACTOR and TIME from the entities
inside each task's span (and ACTOR from the body named by the lead-in above).
The cue words are tables; tuned on the train split only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import regex

from vngov_ie.types import Entity, Relation, Task

# --- tables ------------------------------------------------------------------------------------

# Verbs (and verb phrases) that make a unit an action, matched at word starts, lower case.
ACTION_VERBS: tuple[str, ...] = (
    "tổ chức", "triển khai", "thực hiện", "ban hành", "xây dựng", "hoàn thiện", "hoàn thành", "tăng cường",
    "đẩy mạnh", "tiếp tục", "tập trung", "nâng cao", "rà soát", "kiểm tra", "giám sát", "theo dõi", "đôn đốc",
    "hướng dẫn", "chỉ đạo", "phối hợp", "chủ trì", "tham mưu", "đề xuất", "báo cáo", "trình", "tuyên truyền",
    "phổ biến", "quán triệt", "cập nhật", "công bố", "công khai", "tiếp nhận", "giải quyết", "xử lý", "cung cấp",
    "bố trí", "sắp xếp", "kiện toàn", "thành lập", "phê duyệt", "ký", "cấp", "đào tạo", "bồi dưỡng", "tập huấn",
    "nghiên cứu", "đánh giá", "khảo sát", "duy trì", "vận hành", "nâng cấp", "đầu tư", "mua sắm", "số hóa",
    "chuyển đổi", "ứng dụng", "kết nối", "tích hợp", "chia sẻ", "đăng tải", "phát động", "khen thưởng", "rà",
    "lồng ghép", "huy động", "phát huy", "bảo đảm", "đảm bảo", "khẩn trương", "chủ động", "nghiêm túc",
    "quản lý", "phát triển", "thúc đẩy", "hỗ trợ", "tạo điều kiện", "củng cố", "mở rộng", "thí điểm",
    "tham gia", "vận động", "thu", "chi", "giao", "đề nghị", "yêu cầu", "gửi", "lập", "điều chỉnh", "bổ sung",
    "sửa đổi", "thay thế", "bãi bỏ", "cắt giảm", "đơn giản hóa", "phân cấp", "ủy quyền", "phân công",
    "đấu tranh", "ngăn chặn", "phòng ngừa", "phát hiện", "bắt giữ", "điều tra", "truy tố", "xét xử",
    "cai nghiện", "điều trị", "quản lý", "lập hồ sơ", "tiếp xúc", "đối thoại", "lắng nghe", "ghi nhận",
    "trả lời", "phúc đáp", "giải đáp", "tháo gỡ", "xác định", "thống kê", "tổng hợp", "kiến nghị", "tiếp thu",
    "phê bình", "chấn chỉnh", "khắc phục", "rút kinh nghiệm", "biên soạn", "phát hành", "in", "cấp phát",
    "mở", "khai giảng", "chiêu sinh", "cử", "tuyển dụng", "bổ nhiệm", "điều động", "luân chuyển", "tinh giản",
    "chuyển", "phân loại", "kiểm soát", "thanh tra", "kiểm toán", "quyết toán", "giải ngân", "phân bổ",
    "tiết kiệm", "ưu tiên", "lựa chọn", "tuyển chọn", "đăng ký", "thẩm định", "cho ý kiến", "góp ý",
    "lấy ý kiến", "xin ý kiến", "công nhận", "xếp loại", "thông báo", "tiếp", "dừng", "tạm dừng", "bàn giao",
    "tiếp tục", "đã", "được", "sẽ", "cần", "phải", "có trách nhiệm", "chịu trách nhiệm",
    "chấp thuận", "hình thành", "bảo vệ", "coi",
    "lấy mẫu", "chuẩn bị", "tham vấn", "tuân thủ", "bám sát", "giữ vững", "phủ sóng", "kiên quyết",
    "tranh thủ", "chăm lo", "kết hợp", "tổng kết", "sơ kết",
)
# Section titles that hold no tasks (aims, assessments, scope, preamble of a plan).
EXCLUDED_SECTIONS = re.compile(
    r"mục\s+đích|yêu\s+cầu|mục\s+tiêu|chỉ\s+tiêu|quan\s+điểm|phạm\s+vi|đối\s+tượng|tồn\s+tại|hạn\s+chế|"
    r"khó\s+khăn|vướng\s+mắc|nguyên\s+nhân|đánh\s+giá\s+chung|bài\s+học|căn\s+cứ|sự\s+cần\s+thiết|"
    r"tình\s+hình\s+chung|đặc\s+điểm|thời\s+gian\s+thực\s+hiện$|nhận\s+xét|"
    r"thiệt\s+hại|đánh\s+giá\s+tình\s+hình(?!\s+thực\s+hiện)|tiêu\s+chí|yếu\s+tố\s+ảnh\s+hưởng",
    re.I,
)
# Sub-sections that hold tasks even under an excluded section (`3. Phương án tổ chức cấp phát`), and
# titles that join problems with proposals (`KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ, ĐỀ XUẤT`) or solutions
# (`CÁC VẤN ĐỀ TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN VÀ GIẢI PHÁP KHẮC PHỤC`) or tasks (`CHỈ TIÊU, NHIỆM VỤ`). Funding sections
# (`Kinh phí thực hiện`) are not excluded: they assign work (`Sở Tài chính tham mưu bố trí ...`).
INCLUDED_SECTIONS = re.compile(
    r"^\W*(?:phương\s+án|nhiệm\s+vụ|giải\s+pháp|tổ\s+chức\s+thực\s+hiện|phân\s+công)|kiến\s+nghị|đề\s+xuất|"
    r"nội\s+dung|giải\s+pháp|nhiệm\s+vụ", re.I
)
# Section titles that make their tasks planned (else done in a report).
PLANNED_SECTIONS = re.compile(
    r"nhiệm\s+vụ|giải\s+pháp|phương\s+hướng|kế\s+hoạch|chương\s+trình\s+công\s+tác|kiến\s+nghị|đề\s+xuất|"
    r"tổ\s+chức\s+thực\s+hiện|trách\s+nhiệm|thời\s+gian\s+tới|trọng\s+tâm|phân\s+công",
    re.I,
)
DONE_SECTIONS = re.compile(r"kết\s+quả|tình\s+hình\s+thực\s+hiện|đã\s+thực\s+hiện|công\s+tác\s+chỉ\s+đạo", re.I)
# Document kinds (from the title line) whose body sets out work to do.
PLANNED_KINDS: frozenset[str] = frozenset(
    {"ke_hoach", "quyet_dinh", "chi_thi", "thong_bao_ket_luan", "cong_dien", "nghi_quyet", "chuong_trinh",
     "huong_dan", "thong_tu"}
)
# Kinds that hold no tasks at all.
NO_TASK_KINDS: frozenset[str] = frozenset()
TITLE_KINDS: tuple[tuple[str, str], ...] = (
    ("KẾ HOẠCH", "ke_hoach"), ("BÁO CÁO", "bao_cao"), ("QUYẾT ĐỊNH", "quyet_dinh"), ("NGHỊ QUYẾT", "nghi_quyet"),
    ("NGHỊ ĐỊNH", "nghi_dinh"), ("THÔNG TƯ", "thong_tu"), ("CHỈ THỊ", "chi_thi"), ("CÔNG ĐIỆN", "cong_dien"),
    ("THÔNG BÁO", "thong_bao_ket_luan"), ("TỜ TRÌNH", "to_trinh"), ("CHƯƠNG TRÌNH", "chuong_trinh"),
    ("HƯỚNG DẪN", "huong_dan"),
)
# Lines that belong to the item above them in plans.
_BODY_ROLE = r"(?:Cơ\s+quan|Đơn\s+vị)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)"
_TIME_LABEL = r"Thời\s+gian(?:\s+thực\s+hiện|\s+hoàn\s+thành)?"
_ITEM_LABEL = r"Sản\s+phẩm|Kinh\s+phí|Tiến\s+độ|Thời\s+hạn"
ATTRIBUTE_LINE = re.compile(
    rf"^(?:[-+•]\s*)?(?:{_BODY_ROLE}|{_TIME_LABEL}\s*:|(?:{_ITEM_LABEL}|Kết\s+quả\s+đầu\s+ra|Chủ\s+trì|Phối\s+hợp)\s*:|"
    rf"Thời\s+hạn\s+(?:ban\s+hành|hoàn\s+thành|trình|thực\s+hiện)\s*:)|"
    rf"^[a-zđ]\)\s*(?:{_BODY_ROLE}|{_TIME_LABEL}|{_ITEM_LABEL})\s*:",  # under a letter, a colon always: `c) Thời gian thực hiện: ...`
    re.I,
)
# An attribute label opening a sentence inside a paragraph (`... Cơ quan chủ trì theo dõi: Văn phòng UBND tỉnh.`).
ATTRIBUTE_SENTENCE = re.compile(rf"^(?:{_BODY_ROLE}|{_TIME_LABEL}|{_ITEM_LABEL})[^:.;]{{0,25}}:", re.I)
# Paragraphs that are never tasks: preamble, promulgation formula, closing, signature.
NOT_TASK_START = re.compile(
    r"^(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+(?:đề\s+nghị|Tờ\s+trình|báo\s+cáo)|Trên\s+cơ\s+sở\s+đề\s+nghị|QUYẾT\s+(?:ĐỊNH|NGHỊ)|"
    r"Kính\s+gửi|Nơi\s+nhận|Trên\s+đây|Kính\s+(?:báo\s+cáo|đề\s+nghị|trình)|TM\.|KT\.|Lưu\s*:|"
    r"Quyết\s+định\s+này\s+có\s+hiệu\s+lực|Nghị\s+quyết\s+này\s+(?:có\s+hiệu\s+lực|được)|"
    r"(?:Thông\s+tư|Kế\s+hoạch|Chỉ\s+thị)\s+này\s+có\s+hiệu\s+lực|Ban\s+hành\s+kèm\s+theo|"
    r"Điều\s+\d+\s*\.\s*(?:Ban\s+hành|Phê\s+duyệt|Công\s+bố)\s+kèm\s+theo|Nhìn\s+chung|Tuy\s+nhiên|"
    r"Đánh\s+giá\s+chung|Tổng\s+số|Chủ\s+tịch\s+Ủy\s+ban\s+nhân\s+dân\s*$|Đây\s+là|Ghi\s+chú|"
    r"(?:Nghị\s+quyết|Quyết\s+định)\s+này\s+đã\s+được|"
    r"(?:Trong\s+quá\s+trình\s+[^,]{0,40},\s+)?(?:nếu|trường\s+hợp)\s+(?:các\s+)?văn\s+bản|[^.]{0,60}\bnhận\s+được\s+(?:công\s+văn|văn\s+bản|đơn|báo\s+cáo)|"
    r"Văn\s+phòng\s+Chính\s+phủ\s+(?:xin\s+)?thông\s+báo|[^\s:]+(?:\s+[^\s:]+){0,4}\s*:\s)",
    re.I,
)
# A document appended after the signature (`QUY CHẾ` attached to a decision).
APPENDED_TITLE = re.compile(r"^(?:QUY\s+CHẾ|QUY\s+ĐỊNH|KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|HƯỚNG\s+DẪN|PHƯƠNG\s+ÁN)$")
CLOSING = re.compile(r"^\W*(?:Nơi\s+nhận|Trên\s+đây\s+là|Kính\s+(?:báo\s+cáo|đề\s+nghị|trình)\s*[./]|TM\.\s|KT\.\s)", re.I)
# The instruction that closes a plan or directive after `Trên đây là ...`: report difficulties met in carrying
# it out (`Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, ... phản ánh về Sở Y tế ...`).
REPORT_DIFFICULTIES = re.compile(r"\W*Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+|triển\s+khai\s+)?thực\s+hiện\b", re.I)
# A unit that looks forward inside a report (`Thời gian tới, ... sẽ ...`).
FUTURE_CUES = re.compile(r"\b(?:sẽ|thời\s+gian\s+tới|trong\s+thời\s+gian\s+tới|đề\s+nghị|kiến\s+nghị|cần)\b", re.I)
# A roman numeral in brackets (`(ii)`), as a list marker.
_ROMAN_IN_BRACKETS = r"\((?:i{1,3}|iv|vi{0,3}|ix|x)\)"
# List markers: bullets, numbering (`1.`, `1.1.`, `I.`, `a)`, `(1)`, `(ii)`), articles.
MARKER = re.compile(
    r"^[ \t]*(?:>[ \t]*)*(?:\*\*)?[ \t]*(?P<m>[-+•*–]|\(?\d{1,2}\)|" + _ROMAN_IN_BRACKETS + r"|\d{1,2}(?:\.\d{1,2}){0,3}\.?(?=\s)|[IVX]{1,5}\.|"
    r"[a-zđ]\)|[a-zđ]\.(?=\s)|Điều\s+\d+\s*\.?)\s+"
)
# A part of a report (`Phần thứ hai`, `PHẦN II`): closes every section above it.
PART_HEADING = re.compile(r"^phần\s+(?:thứ\s+\w+|[IVX]+|\d+)\b", re.I)
HEADING_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[a-zđ]\)|\(?\d{1,2}\)|Điều\s+\d+\s*\.?)$")
TERMINAL = ".;:!?…"
# A footnote number may follow the stop (`năm 2025.12 Trong ...`), but never one that starts with 0: `2.0 (PCI)`
# is a version number inside the sentence.
# The next sentence opens with a capital (any script's: `[À-Ỹ]` would also take `đ`, `ư`, `ấ` ...) or a digit.
SENTENCE_END = regex.compile(r"(?<=[.!?…])(?:\s*(?:<sup>\d+</sup>|\[\d+\]|(?!0)\d{1,2}(?=\s)))?\s+(?=[\"“(]?[\p{Lu}0-9])")
ABBREVIATIONS = re.compile(r"(?:TP|Tp|ThS|TS|PGS|GS|St|v\.v|Q|P|H|X|TT|Ô|Bà|ông)\.$")


@dataclass(frozen=True)
class Unit:
    """A candidate task: a sentence, an item, or a part of one split at `;`."""

    start: int
    end: int
    marker: str = ""
    heading: bool = False
    lead_in: bool = False
    attribute: bool = False
    para: int = 0


@dataclass
class FoundTasks:
    tasks: list[Task] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    lead_actors: dict[str, list[str]] = field(default_factory=dict)  # task id -> ORG ids from its lead-in


# --- document kind and body ------------------------------------------------------------------


def document_kind(text: str) -> str:
    """`ke_hoach`, `bao_cao`, ... from the title line; `cong_van` for letters (`V/v ...`)."""
    head = text[:3000]
    for line in head.splitlines():
        bare = re.sub(r"[*#_\s]+", " ", line).strip()
        for title, kind in TITLE_KINDS:
            if bare == title or bare.startswith(title + " ") and bare.upper() == bare and len(bare) < 120:
                return kind
    if re.search(r"V/v|Kính\s+gửi", head):
        return "cong_van"
    return "other"


# --- paragraphs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    marker: str
    text_start: int  # after the marker


def paragraphs(text: str) -> list[Paragraph]:
    """Lines joined into paragraphs; a new paragraph at a list marker, a blank line (unless a page
    break splits a sentence), or the end of a short line in hard-wrapped text."""
    lines = _lines(text)
    widths = sorted(e - s for s, e in lines if e - s > 20)
    wrap = widths[int(len(widths) * 0.8)] if widths else 80
    blank_style = _blank_style(text, lines)
    paras: list[Paragraph] = []
    cur: list[tuple[int, int]] = []
    last = ""  # the last line of `cur`, markup stripped
    gap = False
    for s, e in lines:
        line = text[s:e]
        if not line.strip(" \t>"):
            gap = True  # a blank line, also inside a block quote (`>`)
            continue
        if cur and PAGE_NUMBER.fullmatch(line) and last.rstrip()[-1:] not in TERMINAL:
            continue  # a page number inside a sentence (`ngày\n19\n22/8/2025`): the sentence goes on after it
        flat = _strip_markup(line)
        if cur and not _continues(last.rstrip(), flat.lstrip(), gap, blank_style, wrap):
            paras.append(_paragraph(text, cur))
            cur = []
        cur.append((s, e))
        last = flat
        gap = False
    if cur:
        paras.append(_paragraph(text, cur))
    return paras


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _blank_style(text: str, lines: list[tuple[int, int]]) -> bool:
    """Paragraphs separated by blank lines (most lines that end a sentence are followed by one)."""
    ends = followed = 0
    for (s, e), nxt in zip(lines, lines[1:]):
        line = _strip_markup(text[s:e]).rstrip()
        if line and line[-1] in ".;:":
            ends += 1
            followed += not text[nxt[0] : nxt[1]].strip()
    return ends > 0 and followed > 0.5 * ends


def _continues(a: str, b: str, gap: bool, blank_style: bool, wrap: int) -> bool:
    """Whether line `b` goes on with the paragraph whose last line is `a` (both stripped of markup)."""
    if re.fullmatch(r"\W*(?:Điều|Chương|Mục|Phần)", a.strip()):
        return True  # `Điều\n12. Trách nhiệm ...`: the word of an article marker broken from its number
    if " | " in b or " | " in a:
        return False
    ends = a[-1:] in TERMINAL
    marker = MARKER.match(b + " ")
    if marker and (ends or not _wrapped_marker(a, b, marker)):
        return False
    if MARKER.fullmatch(a + " ") or re.fullmatch(r"\W*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]", a.strip()):
        return True  # a marker alone on its line: the item follows
    lower = not b[:1].isupper() and b[:1] not in "\"“"
    if gap:  # a page break inside a sentence: no stop before it, a lower-case word or a long line
        return not ends and (lower or len(a) > 150)
    if blank_style:
        return True
    if ends:
        return lower
    if HANGING.search(a) is not None:
        return True
    if not lower and _titled_line(a):
        return False  # `b) Kết quả tổ chức thi hành pháp luật\nTrước sáp nhập tỉnh, ...`: a heading, then its text
    if a.isupper() and b.isupper() and len(a) >= 0.6 * wrap and MARKER.match(a + " "):
        return True  # a numbered heading in capitals wrapped (`III. CÁC VẤN ĐỀ ... VÀ GIẢI\nPHÁP KHẮC PHỤC`)
    return lower or (len(a) >= 0.75 * wrap and not a.isupper())


def _titled_line(a: str) -> bool:
    """A list marker and then the first word of a heading (`b) Kết quả ...`, `2. Công tác ...`), with no
    inline title's colon (`- Công tác hệ thống hóa văn bản: Tỉnh đã cập nhật ...` runs on)."""
    m = MARKER.match(a + " ")
    return m is not None and ":" not in a and TITLE_WORD.match(a[m.end() :].lstrip()) is not None


# A line that is only a page number.
PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*")
# Words a line of hard-wrapped text cannot end a sentence or a heading with: the sentence goes on on the
# next line even where that line opens with a capital (`phối hợp với\nSở Tài chính`, `Bộ\nTài chính`).
HANGING = re.compile(
    r"(?<!\w)(?:của|với|và|các|những|ngày|tháng|năm|số|tại|về|cho|theo|trong|là|được|có|để|đến|từ|hoặc|"
    r"cùng|giữa|thuộc|gồm|như|nhằm|do|bởi|Bộ|Sở|Ủy|Việt|Thủ\s+tướng|Ban|Tập\s+đoàn|Quân\s+đội),?$|\w,$"
)


def _wrapped_marker(a: str, b: str, m: re.Match[str]) -> bool:
    """Line `b`, whose list marker `m` found, goes on with the sentence above it: a bare number
    (`ngày\n28 tháng 02`, `Lấy mẫu\n01 vị trí`) or a dash before a lower-case word (`từ sản xuất\n- quản lý`)."""
    marker, rest = m.group("m").strip(), b[m.end() :]
    if re.fullmatch(r"\d{1,3}", marker):
        return not HEADING_WORD.match(rest)
    if marker == "-" and rest[:1].isdigit() and a[-1:].isdigit():
        return True  # `giai đoạn 2021\n- 2025`
    return marker in ("-", "+") and rest[:1].islower() and not a.rstrip().endswith(":")


# After a bare number, the first word of a numbered heading rather than a counted noun.
HEADING_WORD = re.compile(r"(?:Kết\s+quả|Nhiệm\s+vụ|Tình\s+hình|Giải\s+pháp|Tổ\s+chức\s+thực\s+hiện)\b")
TITLE_WORD = re.compile(HEADING_WORD.pattern + r"|Công\s+tác\b")


def _strip_markup(s: str) -> str:
    return re.sub(r"\*\*|</?sup>|<[^>]+>|#+\s*|^\s*>[\s>]*", "", s)


def _paragraph(text: str, lines: list[tuple[int, int]]) -> Paragraph:
    start, end = lines[0][0], lines[-1][1]
    while start < end and text[start] in " \t*#>":
        start += 1
    while end > start and text[end - 1] in " \t*":
        end -= 1
    m = MARKER.match(text[start:end])
    marker, body = (m.group("m").strip(), start + m.end()) if m else ("", start)
    while body < end and text[body] in " \t*":
        body += 1
    return Paragraph(start, end, marker, body)


# --- units ---------------------------------------------------------------------------------------


def units(text: str, paras: list[Paragraph]) -> list[Unit]:
    out: list[Unit] = []
    kind = document_kind(text)
    for n, p in enumerate(paras):
        role = _paragraph_role(text, p)
        if role == "heading":
            out.append(Unit(p.text_start, p.end, p.marker, heading=True, para=n))
        elif role == "attribute":
            out.append(Unit(p.text_start, p.end, p.marker, attribute=True, para=n))
        elif role == "body":
            for s, e in _sentence_spans(text, p):
                for a, b in (q for part in _semicolon_parts(text, s, e, kind) for q in _enumerated_parts(text, *part)):
                    lead = text[a:b].rstrip().endswith(":")
                    out.append(Unit(a, b, p.marker if a == p.text_start else "", lead_in=lead, para=n))
    return out


def _paragraph_role(text: str, p: Paragraph) -> str:
    """`empty`, `heading`, `attribute` (`Cơ quan chủ trì: ...`) or `body` (cut into sentences)."""
    flat = _strip_markup(text[p.text_start : p.end]).strip()
    if not flat:
        return "empty"
    if _is_heading(p, flat, flat.rstrip("*").rstrip()[-1:]):
        return "heading"
    if ATTRIBUTE_LINE.match(text[p.start : p.end]):
        return "attribute"
    return "body"


def _sentence_spans(text: str, p: Paragraph) -> list[tuple[int, int]]:
    """The sentences of a body paragraph, those that elaborate the one before joined to it."""
    sentences = _sentences(text, p.text_start, p.end)
    return _merge_elaborations(text, sentences, item=bool(p.marker))


def semicolon_points(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """Each `;` inside a sentence of a body paragraph where `units` may cut: (the `;`, the next part's
    start, the sentence's span)."""
    from vngov_ie.task_split import SEMICOLON

    points = []
    for p in paragraphs(text):
        if _paragraph_role(text, p) == "body":
            for s, e in _sentence_spans(text, p):
                points += [(m.start(), m.end(), (s, e)) for m in SEMICOLON.finditer(text, s, e) if m.end() < e]
    return points


@lru_cache(maxsize=2)
def layout(text: str) -> tuple[tuple[Paragraph, ...], tuple[Unit, ...]]:
    """The paragraphs and units of `text`, cut once: the task finder, its lead-in scopes and the
    learned filter all read them for the same document."""
    paras = paragraphs(text)
    return tuple(paras), tuple(units(text, paras))


# An article's title that names whose duties follow, closed by a full stop (`Điều 9. Trách nhiệm của Cục
# Đăng kiểm Việt Nam.`): a heading all the same.
DUTY_ARTICLE_TITLE = re.compile(r"(?:Trách\s+nhiệm|Nhiệm\s+vụ)\b[^.;:]{0,100}\.", re.I)


def _is_heading(p: Paragraph, flat: str, last: str) -> bool:
    if p.marker.startswith("Điều") and DUTY_ARTICLE_TITLE.fullmatch(flat):
        return True
    if last in TERMINAL and last != ":":
        return False
    if last == ":":
        return False
    if flat.isupper() and len(flat) > 3:
        return True
    if p.marker and HEADING_MARKER.match(p.marker) and len(flat) < 200:
        return True
    return len(flat) < 120 and not p.marker and not re.search(r"[.;]", flat[-3:])


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cur = start
    for m in SENTENCE_END.finditer(text, start, end):
        if ABBREVIATIONS.search(text[max(start, m.start() - 5) : m.start()]):
            continue
        spans.append((cur, m.start()))
        cur = m.end()
    spans.append((cur, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _merge_elaborations(text: str, sentences: list[tuple[int, int]], item: bool) -> list[tuple[int, int]]:
    """A sentence that elaborates the one before it (`Đến nay, đã ...`, `Trong đó, ...`) is one task with it;
    inside an item (a paragraph with a marker), so is one that lists what the thing before it is made of
    (`Khung tiêu chuẩn ... bao gồm ...`)."""
    joins = JOIN_START if item else PLAIN_JOIN_START
    merged: list[tuple[int, int]] = []
    for s, e in sentences:
        if merged and (joins.match(text[s:e].lstrip()) or (item and _adds_contents(text[s:e]))):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


# Sentence openings that elaborate the item before them (results so far, comparisons, details).
JOIN_START = re.compile(
    r"(?:Đến\s+nay|So\s+với|Tính\s+đến|Trong\s+đó|Trong\s+tháng|Kết\s+thúc|Lũy\s+kế|Tang\s+vật|Nội\s+dung|"
    r"Hình\s+thức|Thời\s+gian|Kết\s+quả\s*:|Cụ\s+thể|\d[\d.,]*\s*%|Tổng\s+số|Qua\s+đó|Từ\s+khi|Từ\s+đầu|"
    r"(?:Đề\s+án|Kế\s+hoạch|Quyết\s+định|Nghị\s+quyết|Công\s+văn|Chỉ\s+thị)\s+số)",
    re.I,
)
# In a paragraph without a marker only these continue the sentence before them.
PLAIN_JOIN_START = re.compile(r"(?:Trong\s+đó|Cụ\s+thể|Lũy\s+kế|Tính\s+đến)\b", re.I)


# An ordinal that opens a sentence (`Thứ hai, các địa phương cần ...`) is a marker, outside the task.
ORDINAL_LEAD = re.compile(r"Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\s*[,:]\s+", re.I)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "*"):
        s += 1
    m = ORDINAL_LEAD.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    while e > s and (text[e - 1].isspace() or text[e - 1] in "*"):
        e -= 1
    # footnote markers and markup after the final stop stay outside (`lớp<sup>2</sup>;` keeps them inside)
    return s, e


def _semicolon_parts(text: str, s: int, e: int, kind: str) -> list[tuple[int, int]]:
    """Split at `;` where the part after it is a task of its own: always before an inline enumerator that
    opens an action (`; (2) Đẩy mạnh ...`), else as `vngov_ie.task_split` decides; never in a sentence that
    lists contents (`Kinh phí thực hiện gồm: Ngân sách nhà nước; nguồn ...`)."""
    from vngov_ie.task_split import SEMICOLON, splits_at  # lazy: task_split reads this module's tables

    if lists_contents(text[s:e]):
        return [(s, e)]
    parts = []
    cur = s
    for m in SEMICOLON.finditer(text, s, e):
        enumerated = INLINE_ENUM.match(text, m.end(), e) is not None and _opens_with_action(text[m.end() : e])
        if m.end() < e and (enumerated or splits_at(text, m.start(), m.end(), kind, (s, e))):
            parts.append((cur, m.start() + 1))
            cur = m.end()
    parts.append((cur, e))
    return parts


# An inline enumerator inside a sentence: `(1)`, `(ii)`.
INLINE_ENUM = re.compile(r"\((?:\d{1,2}|[ivx]{1,4})\)\s+")


def _enumerated_parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A part opened by an inline enumerator (`(2) Đẩy mạnh ...;`) starts after it when an action
    follows; a lead-in ending in a colon before the first one (`Nhiệm vụ trọng tâm: (1) Duy trì ...`)
    is a part of its own."""
    m = re.search(r":\s+(?=\((?:1|i)\)\s)", text[s:e])
    if m and s + m.end() < e and _opens_with_action(INLINE_ENUM.sub("", text[s + m.end() : e], count=1)):
        return [(s, s + m.start() + 1)] + _enumerated_parts(text, s + m.end(), e)
    m = INLINE_ENUM.match(text, s, e)
    if m and m.end() < e and _opens_with_action(text[m.end() : e]):
        return [(m.end(), e)]
    return [(s, e)]


_ACTION_RX = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, set(ACTION_VERBS)), key=len, reverse=True)) + r")(?!\w)", re.I)
# Verbs that open the part after a `;` when it is a task of its own (two syllables first).
SPLIT_VERBS: frozenset[str] = frozenset({
    "xây dựng", "tổ chức", "phối hợp", "tăng cường", "phát triển", "phát huy", "phát động", "phát hiện",
    "thực hiện", "chủ trì", "chủ động", "rà soát", "triển khai", "xác định", "tuyên truyền", "đẩy mạnh",
    "chỉ đạo", "tiếp tục", "kết nối", "kết hợp", "định kỳ", "báo cáo", "ban hành", "hướng dẫn", "tham mưu",
    "hỗ trợ", "nâng cao", "nâng cấp", "tổng hợp", "tổng kết", "bảo đảm", "bảo vệ", "tập trung", "tập huấn",
    "hoàn thiện", "hoàn thành", "chuyển đổi", "chuyển giao", "phê duyệt", "thông tin", "thông báo", "ưu tiên",
    "phân công", "phân loại", "phân bổ", "duy trì", "điều chỉnh", "điều tra", "khuyến khích", "bố trí",
    "đăng tải", "đăng ký", "khẩn trương", "thành lập", "ổn định", "đề xuất", "đề nghị", "kiểm tra",
    "kiểm soát", "thúc đẩy", "chú trọng", "khai thác", "mở rộng", "giảm thiểu", "gắn kết", "đầu tư",
    "giao nhiệm", "sắp xếp", "hình thành", "tạo điều", "tạo lập", "đảm bảo", "huy động", "giải quyết",
    "giải ngân", "cung cấp", "cập nhật", "công bố", "công khai", "quán triệt", "lắp đặt", "chấp hành",
    "đánh giá", "đào tạo", "lấy ý", "làm việc", "làm rõ", "vận hành", "vận động", "lồng ghép", "quyết liệt",
    "căn cứ", "tích hợp", "tích cực", "chuẩn hóa", "chuẩn bị", "ứng dụng", "nắm bắt", "nghiên cứu", "thanh tra",
    "thanh toán", "cử cán", "tháo gỡ", "xin ý", "trả kết", "đôn đốc", "cải thiện", "cải cách", "quản lý",
    "kiện toàn", "số hóa", "tiếp nhận", "xử lý", "rút ngắn", "cắt giảm", "đơn giản", "hiện đại", "xóa bỏ",
    "theo dõi", "giám sát", "biểu dương", "khen thưởng", "tăng", "giảm", "gắn", "xóa", "mở", "lập", "ký",
    "giao", "thu", "trả", "cử", "tặng", "lắp", "phấn đấu", "kịp thời", "thường xuyên", "đồng thời", "sớm",
    "nghiêm túc", "tích cực", "kiên quyết", "không để", "không ngừng", "chịu trách", "có trách",
    "chuyển", "chấp thuận", "trình", "xin ý", "triệu tập", "tổ chức", "thẩm định", "kiểm định", "điều động",
    "bổ nhiệm", "tuyển dụng", "ký kết", "ký", "phát sóng", "xuất bản", "biên soạn", "in", "cấp", "vận chuyển",
    "thiết lập", "tạo ra", "sản xuất", "tối ưu", "cảnh giới", "nhân rộng", "đề ra", "khởi tố", "bắt giữ",
    "xét duyệt", "xác minh", "thu giữ", "tiếp tục", "đã", "đang",
})
# Parts after `;` that continue the same task: document lists, `trong đó`, figures, enumerations, a
# deadline (`; hoàn thành trước ngày 05/5/2026`).
NO_SPLIT_START = re.compile(
    r"^(?:kế\s+hoạch|quyết\s+định|công\s+văn|nghị\s+(?:quyết|định)|thông\s+tư|thông\s+báo\s+(?:số|kết\s+luận)|chỉ\s+thị|"
    r"chương\s+trình|văn\s+bản|trong\s+đó|các\s|số\s|\(\d|\d|tỷ\s+lệ|thời\s+gian|"
    r"hoàn\s+thành\b[^;.]{0,120}?\b(?:trước\s+ngày|trong\s+(?:tháng|quý|năm)|chậm\s+nhất)|"
    r"trước\s+ngày|đến\s+nay|dự\s+kiến)",
    re.I,
)
_ADVERB_LEAD = re.compile(r"^(?:đồng\s+thời|qua\s+đó|từ\s+đó|kịp\s+thời|thường\s+xuyên|định\s+kỳ|tiếp\s+tục|h[ằà]ng\s+năm|"
                          r"khẩn\s+trương|sau\s+đó|bên\s+cạnh\s+đó)\s*,?\s*", re.I)


def _opens_with_action(part: str) -> bool:
    """The part after `;` starts with a verb (maybe after an adverb), or with a subject and `đã`/`sẽ`."""
    p = INLINE_ENUM.sub("", part.lstrip(" -+•\n"), count=1) if INLINE_ENUM.match(part.lstrip()) else part.lstrip(" -+•\n")
    if NO_SPLIT_START.match(p):
        return False
    words = re.findall(r"[\w%]+", p[:60].lower())
    if not words:
        return False
    if " ".join(words[:2]) in SPLIT_VERBS or words[0] in SPLIT_VERBS:
        return True
    rest = _ADVERB_LEAD.sub("", p, count=1)
    if rest != p:
        w2 = re.findall(r"\w+", rest[:40].lower())
        return bool(w2) and (" ".join(w2[:2]) in SPLIT_VERBS or w2[0] in SPLIT_VERBS or bool(_ACTION_RX.match(rest)))
    return bool(re.match(r"^[\w\s,]{0,50}?\b(?:đã|sẽ|đang|có\s+trách\s+nhiệm|chủ\s+trì)\b", p, re.I)) and (
        p[:1].isupper() or words[0] in ("tỉnh", "sở", "ủy", "ubnd", "huyện", "xã", "thành", "công", "bộ"))


def _adds_contents(sentence: str) -> bool:
    """A later sentence of an item that says what the item's thing is made of; not a lead-in to the lines
    below it (`Các nội dung ... tuyên truyền, gồm:`)."""
    return not sentence.rstrip().endswith(":") and lists_contents(sentence)


# `X (bao) gồm (có) ...`: what a thing is made of, in the first sentence, before any `(`, `;` or `:`; not `bao gồm cả` (an aside).
CONTENTS = re.compile(r"^(?P<head>(?:(?!\.\s)[^;:()]){2,120}?)\s(?:bao\s+gồm|gồm(?:\s+có)?)(?!\s+cả\b)(?=[\s:])", re.I)


def lists_contents(sentence: str) -> bool:
    """The sentence says what something is made of (`Kinh phí thực hiện Kế hoạch này bao gồm: ...`,
    `Hội đồng thẩm định gồm đại diện ...`) and opens with no action: a description, not a task."""
    flat = re.sub(r"\s+", " ", _strip_markup(sentence)).strip()
    m = CONTENTS.match(flat)
    if not m or re.search(r"\bkhông$", m.group("head")):
        return False
    # `Trong tháng, phối hợp ... kiểm tra 160 bộ máy gồm: ...`: an action after an opening phrase
    return not any(_opens_with_action(clause) or _ACTION_RX.match(clause.lstrip())
                   for clause in [flat, *m.group("head").split(",")[1:]])


# --- sections and tasks ------------------------------------------------------------------------


@dataclass
class _Section:
    level: int
    excluded: bool | None  # None: as the section above
    planned: bool | None
    lead_marker: str | None = None  # a section opened by a titled lead-in (`b) Một số hạn chế:`), not a heading


# A lead-in that is the title of an assessment, not an instruction (`b) Một số hạn chế của các đơn vị:`,
# `- Tồn tại, hạn chế:`, `Nguyên nhân:`): the items below it are not tasks.
TITLED_LEAD = re.compile(r"^\W*(?:(?:một\s+số|những|các|mặt|còn)\s+)*(?P<title>[^:]{3,70}):\s*$", re.I)


# An item labelled as work to do (`+ Các nhiệm vụ trọng tâm trong thời gian tới: ...`) ends such a section.
INCLUDED_LABEL = re.compile(r"^\W*(?:(?:các|một\s+số|những)\s+)?(?:nhiệm\s+vụ|giải\s+pháp|phương\s+hướng|kiến\s+nghị|"
                            r"đề\s+xuất)[^:.;]{0,80}:", re.I)


def _lead_title_excluded(line: str) -> bool:
    """A lead-in titled as an assessment (`b) Một số hạn chế của các đơn vị qua kết quả đánh giá:`)."""
    m = TITLED_LEAD.match(re.sub(r"\s+", " ", _strip_markup(line)).strip())
    return bool(m) and EXCLUDED_SECTIONS.match(m.group("title")) is not None and not INCLUDED_SECTIONS.search(line)


def _close_lead_sections(sections: list[_Section], marker: str, flat: str) -> None:
    """Pop the sections opened by lead-ins that a paragraph (opened by `marker`) ends: one at their level
    or above, or one labelled as work to do (`+ Các nhiệm vụ trọng tâm trong thời gian tới: ...`)."""
    reopens = INCLUDED_LABEL.match(flat) is not None
    while sections and sections[-1].lead_marker is not None and (reopens or _closes_lead(sections[-1].lead_marker, marker)):
        sections.pop()


def _closes_lead(lead_marker: str, marker: str) -> bool:
    """Whether a paragraph opened by `marker` ends the section of a lead-in opened by `lead_marker`:
    a plain paragraph ends a plain lead-in; else a marker of a higher level, or of the same kind."""
    if not lead_marker:
        return not marker
    lead_level, level = _marker_level(lead_marker), _marker_level(marker) if marker else 8
    same_kind = re.sub(r"[\dIVXa-zđ]+", "0", lead_marker) == re.sub(r"[\dIVXa-zđ]+", "0", marker)
    return level < lead_level or (level == lead_level and same_kind)


def _marker_level(marker: str) -> int:
    if re.fullmatch(r"[IVX]{1,5}\.", marker):
        return 1
    if re.fullmatch(r"Điều\s+\d+\s*\.?", marker):
        return 1
    if re.fullmatch(r"\d{1,2}\.?", marker):
        return 2
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})+\.?", marker):
        return 2 + marker.rstrip(".").count(".")
    if re.fullmatch(r"[a-zđ][).]", marker):
        return 5
    if re.fullmatch(r"\(?\d{1,2}\)|" + _ROMAN_IN_BRACKETS, marker):
        return 6
    return 7


def find_units(text: str, entities: list[Entity] | None = None, kind: str | None = None) -> list[tuple[Unit, str, list[str]]]:
    """Units that are tasks, with their status and the ORG ids of the lead-in above them."""
    kind = kind or document_kind(text)
    if kind in NO_TASK_KINDS:
        return []
    paras, all_units = layout(text)
    body_start = _body_start(text, paras, kind)
    orgs = sorted((e for e in entities or [] if e.label == "ORG"), key=lambda e: e.start)
    sections: list[_Section] = []
    found: list[tuple[Unit, str, list[str]]] = []
    lead: tuple[int, list[str]] | None = None  # (level, org ids)
    legal = kind in LEGAL_KINDS
    # a legal document is gated by its articles' titles; one without articles (a resolution of numbered
    # points after `QUYẾT NGHỊ:`) sets out work throughout
    article_ok = not legal or not any(_opens_article(u, paras) for u in all_units if u.start >= body_start)
    closed = False
    attribute_list: str | None = None  # the marker of an attribute line that ends in `:` (`- Thời gian thực hiện:`)
    closing_para = -1  # the paragraph of `Trên đây là ...`: its `Trong quá trình thực hiện, nếu ...` sentence is a task
    skip_until = 0  # the end of a titled item that took in the lines below it
    para_lead: tuple[int, list[str]] | None = None  # (paragraph, org ids) of the last inline lead-in
    for i, u in enumerate(all_units):
        if u.start < body_start:
            continue
        line = text[u.start : u.end]
        if legal and _opens_article(u, paras):
            article_ok = bool(TASK_ARTICLE.search(line[:90])) and not EXECUTION_FORMULA.search(line[:60])
        if closed:
            if u.heading and APPENDED_TITLE.match(_strip_markup(line).strip()):
                closed, sections, lead = False, [], None
                article_ok = True
            if u.para != closing_para or not REPORT_DIFFICULTIES.match(line):
                continue
        elif CLOSING.match(text[_line_start(text, u.start) : u.end]):
            closed, closing_para = True, u.para
            continue
        level = _marker_level(u.marker) if u.marker else 8
        if u.heading and APPENDED_TITLE.match(_strip_markup(line).strip()):
            article_ok = True  # a plan or rules appended to a decision: their items are not articles
        if u.start < skip_until:
            continue
        if u.heading and _titled_item(text, u, all_units[i + 1 : i + 2]):
            if not next((s.excluded for s in reversed(sections) if s.excluded is not None), False):
                skip_until = _item_end(text, all_units[i + 1 :], paras)
                item = Unit(u.start, max(skip_until, u.end), u.marker, para=u.para)
                found.append((item, _status(kind, sections, line), list(lead[1]) if lead else []))
            continue
        if u.heading:
            title = _strip_markup(line)
            level = 0 if PART_HEADING.match(title.strip()) else level
            while sections and sections[-1].level >= level:
                sections.pop()
            sections.append(_Section(level, _section_excluded(title, kind), _section_status(title)))
            lead, attribute_list = None, None
            continue
        if lead is not None and level <= lead[0]:
            lead = None
        if sections and sections[-1].lead_marker is not None and u.start == paras[u.para].text_start:
            _close_lead_sections(sections, u.marker, _strip_markup(line))
        absorbed = (u.attribute or _under_attribute(u, attribute_list, paras)) and bool(found) and (
            found[-1][0].para < u.para and _near(text, found[-1][0].end, u.start))
        if absorbed:
            prev, status, actors = found[-1]
            found[-1] = (Unit(prev.start, u.end, prev.marker, para=u.para), status, actors)
            if u.attribute:
                attribute_list = _list_marker(text, u)
        if absorbed or u.attribute:
            continue
        attribute_list = None
        if next((s.excluded for s in reversed(sections) if s.excluded is not None), False):
            continue
        if u.lead_in and u.start == paras[u.para].text_start and _lead_title_excluded(line):
            sections.append(_Section(level, True, None, lead_marker=u.marker))
            continue
        if u.lead_in:
            ids = [o.id for o in _lead_actors(text, u.start, [o for o in orgs if u.start <= o.start < u.end])]
            lead = (level, ids) if ids and len(line) < 300 else lead
            continue
        inline = _inline_lead(text, u, paras[u.para], orgs)
        if inline:
            u, para_lead = Unit(inline[0], u.end, "", para=u.para), (u.para, inline[1])
            line = text[u.start : u.end]
        elif (after := _after_kind_label(text, u)) is not None:
            u = Unit(after, u.end, u.marker if u.start == paras[u.para].text_start else "", para=u.para)
            line = text[u.start : u.end]
        if not is_task(line):
            continue
        if legal and (EXECUTION_FORMULA.search(line) or SANCTION.match(_strip_markup(line).lstrip())
                      or not (article_ok or STRONG_TASK.search(line) or _named_body_acts(text, u, orgs))):
            continue
        status = _status(kind, sections, line)
        # the bodies of an inline lead-in do each task of its paragraph (`Bộ Y tế: Nghiên cứu ... Đánh giá ...`)
        inline_orgs = para_lead[1] if para_lead and para_lead[0] == u.para else []
        found.append((u, status, (list(lead[1]) if lead else []) + inline_orgs))
    return found


def _list_marker(text: str, u: Unit) -> str | None:
    """The marker of an attribute line that ends in `:` and so lists its contents below it; else None."""
    return u.marker if text[u.start : u.end].rstrip().endswith(":") else None


def _under_attribute(u: Unit, attribute_marker: str | None, paras: Sequence[Paragraph]) -> bool:
    """`u` is a sub-item of an attribute line that ends in `:` (`- Thời gian thực hiện:` then `+ Các bộ ... gửi
    kết quả rà soát ...`), or a later sentence of one: it belongs to the item of that line."""
    if attribute_marker is None:
        return False
    if u.start != paras[u.para].text_start:
        return True
    return u.marker in ("-", "+", "•") and u.marker != attribute_marker


def _named_body_acts(text: str, u: Unit, orgs: list[Entity]) -> bool:
    """The unit opens with a named body and then its verb (`Văn phòng Ban Chỉ đạo xây dựng kế hoạch kiểm
    tra ...`): a clause that assigns work to that body, in whatever article it stands."""
    first = next((o for o in orgs if u.start <= o.start < u.end), None)
    if first is None or not _body_opens(text, u.start, first):
        return False
    after = _after_body(text, first)
    return not COMPETENCE.match(after) and _subject_verb(after)


# After a body: the promulgation formula (`Ủy ban nhân dân tỉnh ban hành Quyết định ...`) or a competence
# (`Sở Tài chính quyết định phê duyệt ...`), not work assigned.
COMPETENCE = re.compile(r"\s*(?:ban\s+hành\s+(?:Quyết\s+định|Nghị\s+quyết|Thông\s+tư|Nghị\s+định|Chỉ\s+thị)|"
                        r"quyết\s+(?:định|nghị)|phân\s+cấp|chịu\s+trách\s+nhiệm\s+về)\b")


def _opens_article(u: Unit, paras: Sequence[Paragraph]) -> bool:
    """The unit is the start of an article (`Điều 5. ...` opening its paragraph)."""
    return u.marker.startswith("Điều") and u.start == paras[u.para].text_start


# Words that may stand beside the bodies of an inline lead-in (`Đề nghị Sở Y tế và các cơ quan: ...`).
LEAD_FILLER = re.compile(r"(?i)\b(?:giao|đề\s+nghị|yêu\s+cầu|các|và|đối\s+với)\b|[\W\d_]+")


def _inline_lead(text: str, u: Unit, para: Paragraph, orgs: list[Entity]) -> tuple[int, list[str]] | None:
    """`Sở Văn hóa, Thể thao và Du lịch: Tiếp tục chỉ đạo ...`: a lead-in naming only bodies, with the
    action on the same line. The task starts after the colon; the bodies are its ACTORs."""
    if u.start != para.text_start:
        return None
    m = re.search(r":\s+", text[u.start : min(u.end, u.start + 200)])
    if not m:
        return None
    colon, after = u.start + m.start(), u.start + m.end()
    inside = [o for o in orgs if u.start <= o.start and o.end <= colon]
    if not inside or after >= u.end:
        return None
    if LEAD_FILLER.sub("", _outside(text, u.start, colon, inside)).strip():
        return None
    tail = text[after : u.end]
    if not (_ACTION_RX.match(tail) or _opens_with_action(tail)):
        return None
    return after, [o.id for o in inside]


# A label naming what follows as a solution, task or proposal (`Đề xuất giải pháp khắc phục: Giao Sở ...`).
KIND_LABEL = re.compile(r"(?:(?:đề\s+xuất\s+)?giải\s+pháp(?:\s+khắc\s+phục)?|nhiệm\s+vụ|kiến\s+nghị|đề\s+xuất)\s*:\s+", re.I)


def _after_kind_label(text: str, u: Unit) -> int | None:
    """Where the action starts after a label that only names it as a solution or task (the label is
    outside the task, like a lead-in); None when the unit opens with no such label or no action follows."""
    m = KIND_LABEL.match(text, u.start, u.end)
    if not m or m.end() >= u.end:
        return None
    tail = text[m.end() : u.end]
    return m.end() if _ACTION_RX.match(tail) or _opens_with_action(tail) else None


def _outside(text: str, start: int, end: int, spans: list[Entity]) -> str:
    """The text of `start:end` outside `spans` (ordered, not overlapping, inside it), pieces joined."""
    rest, pos = [], start
    for o in spans:
        rest.append(text[pos : o.start])
        pos = o.end
    rest.append(text[pos:end])
    return "".join(rest)


# The first line under a plan's item that describes it (`- Nội dung: ...`), like an attribute line.
CONTENT_LINE = re.compile(r"^(?:[-+•]\s*)?Nội\s+dung\s*:", re.I)


def _titled_item(text: str, u: Unit, following: Sequence[Unit]) -> bool:
    """A numbered item without a stop whose next lines are its attributes (`5. Xây dựng Cổng thông tin ...`
    / `- Cơ quan chủ trì: Bộ Công an.`): a task, not a heading."""
    if not (u.marker and following and _ACTION_RX.match(_strip_markup(text[u.start : u.end]).strip())):
        return False
    nxt = following[0]
    return nxt.attribute or bool(CONTENT_LINE.match(text[_line_start(text, nxt.start) : nxt.end]))


def _item_end(text: str, below: Sequence[Unit], paras: Sequence[Paragraph]) -> int:
    """Where a titled item's attribute and content lines (`- Nội dung: ...`, `- Cơ quan chủ trì: ...`,
    `- Thời gian thực hiện: ...`) end: the span of the item runs to the end of the last one."""
    end, para = 0, -1
    listed: str | None = None  # the marker of an attribute line that ends in `:`
    for v in below:
        first = text[_line_start(text, v.start) : v.end]
        if v.attribute or CONTENT_LINE.match(first) or (v.para == para and not v.heading) or (
                not v.heading and _under_attribute(v, listed, paras)):
            end, para = v.end, v.para
            if v.attribute:
                listed = _list_marker(text, v)
            continue
        break
    return end


def _near(text: str, a: int, b: int) -> bool:
    return b - a < 400 and "|" not in text[a:b]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# The requirements a conclusion or directive sets (`II. MỘT SỐ YÊU CẦU`) are its instructions, unlike
# the aims and requirements of a plan (`MỤC ĐÍCH, YÊU CẦU`).
DIRECTIVE_KINDS: frozenset[str] = frozenset({"thong_bao_ket_luan", "cong_dien", "chi_thi"})
REQUIREMENTS_TITLE = re.compile(r"^\W*(?:(?:một\s+số|những|các)\s+)?yêu\s+cầu\b(?!\s+(?:đối\s+với|về))", re.I)


_ITEM_NOISE = re.compile(r"^[\W\d_]+")


def _section_excluded(title: str, kind: str) -> bool | None:
    head = title[:80]
    if INCLUDED_SECTIONS.search(head) or (kind in DIRECTIVE_KINDS and REQUIREMENTS_TITLE.match(head)):
        return False
    m = EXCLUDED_SECTIONS.search(head)
    # a heading that opens with an action and only mentions an aim names work (`Hoàn thành mục tiêu đưa vào ...`)
    if m and not (m.start() > 0 and _opens_with_action(_ITEM_NOISE.sub("", head))):
        return True
    return None


def _section_status(title: str) -> bool | None:
    if DONE_SECTIONS.search(title):
        return False
    if PLANNED_SECTIONS.search(title):
        return True
    return None


def _status(kind: str, sections: list[_Section], line: str) -> str:
    if kind in PLANNED_KINDS:
        return "planned"
    for s in reversed(sections):
        if s.planned is not None:
            return "planned" if s.planned else ("planned" if re.match(r"(?i)\W*(?:thời gian tới|sẽ)", line) else "done")
    if FUTURE_CUES.search(line[:80]) and not re.search(r"\bđã\b", line[:80]):
        return "planned"
    return "done"


def _body_start(text: str, paras: Sequence[Paragraph], kind: str) -> int:
    """After the header, title and preamble (`Căn cứ ...`, `QUYẾT ĐỊNH:`, `Kính gửi:`)."""
    m = re.search(r"\n\s*(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ)\s*:\s*\n", text)
    if m:
        return m.end()
    title = re.search(r"(?m)^\W*(?:KẾ HOẠCH|BÁO CÁO|THÔNG BÁO|CÔNG ĐIỆN|CHỈ THỊ|TỜ TRÌNH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|QUYẾT ĐỊNH)\W*$", text[:4000])
    start = title.end() if title else 0
    kg = re.search(r"Kính\s+gửi\s*:[^\n]*\n", text[:4000])
    if kg and kg.end() > start:
        start = kg.end()
    return start


def is_task(line: str) -> bool:
    """Whether a unit's predicate is an action (not a preamble line, assessment, definition or table row)."""
    flat = re.sub(r"\s+", " ", _strip_markup(line)).strip()
    if len(flat) < 12 or " | " in line or _bracketed_note(flat) or _table_rows(line):
        return False
    if CLOSING_SENTENCE.search(flat):
        return False
    first = _strip_markup(line.split("\n", 1)[0]).strip()
    if len(first) > 10 and first.isupper():
        return False  # the title of an appended document (`TRIỂN KHAI THI HÀNH LUẬT ...`)
    m = NOT_TASK_START.match(flat)
    if m and not (m.group(0).endswith(": ") and LABEL_OK.match(flat)) and not _grounded_action(flat):
        return False
    words = re.findall(r"\w+", flat[:40].lower())
    if " ".join(words[:2]) not in SPLIT_VERBS and COPULA.search(flat[:90]) and not _standing_body_acts(flat):
        return False
    if ROLE_COPULA.match(flat):
        return False  # `Bảo đảm an toàn, an ninh mạng là điều kiện tiên quyết ...`: a view, not an action
    if lists_contents(flat) or ATTRIBUTE_SENTENCE.match(flat) or _states_a_shortcoming(flat):
        return False
    return has_action(flat)


# `Tỉnh chưa hoàn thành ...`, `Hiện nay Văn phòng UBND tỉnh chưa theo dõi ...`: a subject with no action of
# its own, then `chưa` / `còn chậm`: a shortcoming, not a task (not after a condition or a topic).
SHORTCOMING = re.compile(r"^(?!(?:theo|trong|về|trường\s+hợp|nếu|khi|đối\s+với|sau|trước|để)\b)(?P<subject>[^;:()]{2,100}?)"
                         r"\s(?:chưa|còn\s+(?:chậm|thấp|hạn\s+chế))\b", re.I)


def _states_a_shortcoming(flat: str) -> bool:
    m = SHORTCOMING.match(flat)
    return bool(m) and not has_action(m.group("subject")) and not _opens_with_action(flat)


# Action words used as nouns or inside a noun: `cấp xã`, `quy trình`, `toàn trình`, `thu nhập`,
# `Nền tảng quản lý dược`, `sự phát triển`, `không gian phát triển`.
NOUN_USE_BEFORE: dict[str, re.Pattern[str]] = {
    "trình": re.compile(r"(?:quy|toàn|lộ|chương|công|hành|tiến|tờ)\s+$", re.I),
    "cấp": re.compile(r"(?:các|mọi|từng|cùng|nhiều|hai|ba|bốn|theo)\s+$", re.I),
    "quản lý": re.compile(r"(?:nền\s+tảng|phần\s+mềm|hệ\s+thống|cơ\s+sở\s+dữ\s+liệu|phạm\s+vi|chức\s+năng)\s+$", re.I),
    "lập": re.compile(r"(?:công|độc)\s+$", re.I),
    "yêu cầu": re.compile(r"(?:đạt|theo|đáp\s+ứng|các|mọi|có)\s+$", re.I),
    "phát triển": re.compile(r"(?:sự|mục\s+tiêu|chiến\s+lược|đầu\s+tàu|khoảng\s+cách|hệ\s+sinh\s+thái|không\s+gian|"
                             r"động\s+lực|xu\s+thế|quỹ\s+đầu\s+tư|ngân\s+hàng)\s+$", re.I),
}
NOUN_USE_AFTER: dict[str, re.Pattern[str]] = {
    "cấp": re.compile(r"^\s+(?:xã|tỉnh|huyện|bộ|sở|trung\s+ương|cơ\s+sở|phường|học|độ|(?:có\s+)?thẩm\s+quyền|trên|dưới|"
                      r"ủy|ngành|quận|thành\s+phố|quốc\s+gia|[IV]+\b|\d)", re.I),
    "thu": re.compile(r"^\s+nhập\b", re.I),
    "chi": re.compile(r"^\s+(?:cục|nhánh|bộ|phí|tiết)\b", re.I),
    "giao": re.compile(r"^\s+(?:thông|tiếp|dịch)\b", re.I),
}


def has_action(flat: str) -> bool:
    """An action word used as a verb somewhere in the flat text (see `NOUN_USE_BEFORE`)."""
    for m in _ACTION_RX.finditer(flat):
        word = m.group(0).lower()
        before, after = NOUN_USE_BEFORE.get(word), NOUN_USE_AFTER.get(word)
        if before and before.search(flat[max(0, m.start() - 25) : m.start()]):
            continue
        if after and after.match(flat[m.end() : m.end() + 25]):
            continue
        return True
    return False


# `Căn cứ kế hoạch này, Sở Y tế xây dựng ...`: a short ground (no document number) then an action; unlike
# the preamble's `Căn cứ Nghị định số ...;`, a task.
GROUNDED_ACTION = re.compile(r"(?i)^căn\s+cứ\b[^;:,\d]{0,60}?(?:,[^;:,\d]{0,30}?)?,\s+(?P<rest>.+[^;])$")


# A longer ground (`Căn cứ vào khả năng cân đối ngân sách hàng năm, phối hợp ...`, `Căn cứ nội dung Thỏa thuận
# ... giai đoạn 2026 - 2030, giao Trung tâm chủ trì ...`): a task where a clause after one of its commas opens
# with an action or with `giao` / `đề nghị`; not where the ground cites a numbered text, whose title has commas.
GROUND_OPENING = re.compile(r"(?i)(?:căn\s+cứ|trên\s+cơ\s+sở\s+đề\s+nghị)\b(?![^,;:]{0,40}?\b(?:số|khoản|điểm|điều)\s+\d)")
GROUND_ASKS = re.compile(r"(?i)(?:giao|đề\s+nghị|yêu\s+cầu)\s+\S")


def _grounded_action(flat: str) -> bool:
    """A unit opening with a ground (`Căn cứ ...,`) whose main clause is an action (see `GROUND_OPENING`)."""
    m = GROUNDED_ACTION.match(flat)
    if m and _ACTION_RX.search(m.group("rest")[:120]):
        return True
    if not GROUND_OPENING.match(flat):
        return False
    for comma in re.finditer(r",\s+", flat[:250]):
        rest = flat[comma.end() :]
        if GROUND_ASKS.match(rest) or _opens_with_action(rest):
            return True
    return False


# Closing sentences: the last line of a letter or notice (`... để X được biết./.`, `... thực hiện./.`),
# a reply's formula (`Cục Thuế trả lời để ... biết`), a meeting notice's opening (`... họp nghe ... báo cáo`).
CLOSING_SENTENCE = re.compile(r"^(?!.*\b(?:nếu|trường\s+hợp)\s+(?:có\s+|thấy\s+)?(?:phát\s+sinh|khó\s+khăn|vướng\s+mắc|cần\b)).*\./\.?$|\btrả\s+lời\s+(?:để|cho)\b.{0,120}\bbiết|\bhọp\s+(?:nghe|với)\b.{0,200}\bbáo\s+cáo", re.I)
# Labels before a colon that still open a task (`Kết quả: ...`, `Giao Sở Y tế: ...`).
LABEL_OK = re.compile(r"(?:Kết\s+quả|Giao|Đề\s+nghị|Yêu\s+cầu|Đối\s+với|Về|Trong|Sau|Trước|Giai\s+đoạn|"
                      r"Thực\s+hiện|Triển\s+khai|Tổ\s+chức|Chủ\s+trì)\b", re.I)
# `Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi ...`: the body's standing role, then its work.
STANDING_ROLE = re.compile(r"(?i)\blà\s+(?:cơ\s+quan\s+)?(?:thường\s+trực|đầu\s+mối)\b[^,;:]{0,80},")


def _standing_body_acts(flat: str) -> bool:
    """A body named with its standing role, then an action after the comma (see `STANDING_ROLE`)."""
    m = STANDING_ROLE.search(flat[:160])
    return bool(m) and has_action(flat[m.end() : m.end() + 120])


# `X là ...`: a definition or description, not an action.
COPULA = re.compile(r"^[^,;:]{2,120}?\s(?:là|được\s+xác\s+định\s+là|giữ\s+vai\s+trò)\s", re.I)
# An action named as the subject of `là điều kiện / nền tảng / trụ cột` (not after `xác định`, `coi`, which
# set it as a task).
ROLE_COPULA = re.compile(r"^(?!xác\s+định|coi\b)[^;:]{2,100}?[^,]\slà\s+(?:một\s+)?(?:điều\s+kiện|nền\s+tảng|trụ\s+cột)\b", re.I)
# A line of a table flattened to text: a name, then two figures or more, at its end (`UBND xã Ninh Gia 10,00 7,98 79,80%`).
TABLE_LINE = re.compile(r"(?:\d[\d.,]*%?\s+){1,}\d[\d.,]*%?(?:\s+[A-ZĐÀ-Ỹ]{2,10})?\s*$")


def _bracketed_note(flat: str) -> bool:
    """A note in brackets (`(Kết quả điểm thẩm định ... tại Phụ lục I đính kèm).`): the bracket that opens
    the unit closes at its end."""
    if not flat.startswith("("):
        return False
    depth = 0
    for i, ch in enumerate(flat):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return flat[i + 1 :] in ("", ".")
    return False


def _table_rows(line: str, least: int = 3) -> bool:
    """Three lines or more of the unit end in figures: rows of a table, not a task."""
    return sum(bool(TABLE_LINE.search(row.strip())) for row in line.split("\n")) >= least


# Legal documents: articles that set out work (`Tổ chức thực hiện`, `Trách nhiệm của ...`, `Nhiệm vụ ...`).
TASK_ARTICLE = re.compile(
    r"tổ\s+chức\s+thực\s+hiện|trách\s+nhiệm(?!\s+thi\s+hành\s*$)|nhiệm\s+vụ|giao|biện\s+pháp|lộ\s+trình|"
    r"thực\s+hiện|triển\s+khai|hiệu\s+lực\s+(?:và\s+trách\s+nhiệm\s+)?thi\s+hành|điều\s+khoản\s+thi\s+hành",
    re.I,
)
LEGAL_KINDS: frozenset[str] = frozenset({"quyet_dinh", "nghi_quyet", "nghi_dinh", "thong_tu"})
STRONG_TASK = re.compile(r"^(?:Giao|Yêu\s+cầu|Đề\s+nghị)\s|\b(?:có\s+trách\s+nhiệm|chủ\s+trì)\b", re.I)
EXECUTION_FORMULA = re.compile(r"chịu\s+trách\s+nhiệm\s+thi\s+hành|có\s+hiệu\s+lực|thi\s+hành\s+(?:Quyết\s+định|Nghị\s+quyết)\s+này", re.I)
# A penalty or remedy that a legal text imposes on whoever breaks it (`Buộc nộp lại giấy tờ ...`, `Tịch thu ...`,
# `Phạt tiền từ ...`): a rule, not work that a body sets out to do.
SANCTION = re.compile(r"(?:Buộc|Tịch\s+thu|Phạt\s+(?:tiền|cảnh\s+cáo)|Tước\s+quyền)\b")


# --- the public verbs ----------------------------------------------------------------------------


def find_tasks(text: str, entities: list[Entity], kind: str | None = None, prefix: str = "K",
               learned_filter: bool = True) -> FoundTasks:
    """Tasks of one document with their BASED_ON / RESULT / ACTOR / TIME links. With `learned_filter`
    the units the rules propose pass `vngov_ie.task_filter` first (a dropped unit takes its links with it)."""
    result = FoundTasks()
    proposed = find_units(text, entities, kind)
    if learned_filter:
        from vngov_ie.task_filter import filter_units  # lazy: task_filter reads this module's units

        proposed = filter_units(text, entities, kind or document_kind(text), proposed)
    for n, (u, status, lead_orgs) in enumerate(proposed, start=1):
        task = Task(f"{prefix}{n}", u.start, u.end, status)
        result.tasks.append(task)
        result.lead_actors[task.id] = lead_orgs
    result.relations = link_tasks(result, entities, text, lead_scopes(text, entities, kind))
    return result


# --- links ---------------------------------------------------------------------------------------

PRODUCED_CUE = re.compile(
    r"(?:ban\s+hành|xây\s+dựng|dự\s+thảo|phát\s+hành|ký|(?:đã\s+)?có|trình|tham\s+mưu(?:\s+ban\s+hành)?|"
    r"sửa\s+đổi(?:,\s*bổ\s+sung)?|bãi\s+bỏ|thay\s+thế)\s*(?:các\s+[\w\s]{0,20}?:?\s*)?:?\s*$",
    re.I,
)
# Words between two references that make the second one a basis even after a produced one.
BASIS_CUE = re.compile(r"(?i)\b(?:thực\s+hiện|triển\s+khai|theo|căn\s+cứ|tại|hướng\s+dẫn|áp\s+dụng)\b")
# Cue words before a body that does the work (`giao Sở Y tế`, `phối hợp với Công an tỉnh`, `chỉ đạo Công an xã`).
ACTOR_BEFORE = re.compile(
    r"(?:giao|đề\s+nghị|yêu\s+cầu|khuyến\s+khích|chủ\s+trì|phối\s+hợp(?:\s+(?:với|chặt\s+chẽ\s+với))?|cùng(?:\s+với)?|"
    r"chỉ\s+đạo|đồng\s+chí|ủy\s+quyền\s+cho|cơ\s+quan\s+(?:thực\s+hiện|chủ\s+trì)\s*:|"
    r"đơn\s+vị\s+(?:thực\s+hiện|chủ\s+trì|phối\s+hợp)\s*:|chủ\s+trì\s*:|phối\s+hợp\s*:)"
    r"\s*(?:các\s+|lực\s+lượng\s+)?$",
    re.I,
)
# Cue words before a body that is reported or submitted to, or that only owns something.
NOT_ACTOR_BEFORE = re.compile(
    r"(?:báo\s+cáo|trình|tham\s+mưu(?:\s+cho)?|gửi|của|thuộc|tại|cho|đến|về|kiến\s+nghị|xin\s+ý\s+kiến|giúp|"
    r"theo|đối\s+với|trước|với\s+sự\s+tham\s+gia\s+của)\s*(?:các\s+|đồng\s+chí\s+)?$",
    re.I,
)
# A verb right after a body: the body is the subject (`UBND tỉnh đã ban hành`, `Sở Y tế chủ trì`).
SUBJECT_VERB = re.compile(
    r"^\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*)?(?:đã|sẽ|đang|cũng|tiếp\s+tục|thường\s+xuyên|chủ\s+động|kịp\s+thời|"
    r"chủ\s+trì|chỉ\s+đạo|ban\s+hành|tổ\s+chức|thực\s+hiện|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|phối\s+hợp|"
    r"triển\s+khai|hướng\s+dẫn|rà\s+soát|xây\s+dựng|tham\s+mưu|khẩn\s+trương|theo\s+dõi|kiểm\s+tra|căn\s+cứ|"
    r"dự\s+kiến|hiện\s+đang|phân\s+tích|đề\s+xuất|tiếp\s+nhận|"
    r"có\s+(?:Công\s+văn|văn\s+bản|Tờ\s+trình|Báo\s+cáo|Kế\s+hoạch|Quyết\s+định))\b",
    re.I,
)
# A span of time or a tier (`90 ngày đêm`, `05 năm`, `02 cấp`): a figure that names the work, not a result of it.
DURATION = re.compile(r"(?i)\d{1,3}\s+(?:ngày(?:\s+đêm)?|tháng|năm|giờ|cấp|tuần|quý|phút)")
COORDINATION = re.compile(r"^\s*(?:,|và|,\s*và)\s*(?:các\s+)?$", re.I)
# The unit of the subject named in brackets after it (`Giao Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính
# công tỉnh) tham mưu ...`, `Giao Sở Nông nghiệp và Môi trường (Chi cục Kiểm lâm) chủ trì ...`): it does the work too.
UNIT_OF = re.compile(r"^\s*\(\s*$")
WIDE_BEFORE = 200  # characters before a body read for its cue past a list of bodies named by kind


@dataclass(frozen=True)
class LeadScope:
    """The bodies a lead-in names (`1. Sở Y tế:`) and the stretch of text it governs."""

    start: int
    end: int
    orgs: tuple[str, ...]


def link_tasks(found: FoundTasks, entities: list[Entity], text: str, scopes: list[LeadScope] | None = None) -> list[Relation]:
    """BASED_ON, RESULT, ACTOR and TIME for each task, from the entities inside its span."""
    ordered = sorted(entities, key=lambda e: e.start)
    cited, titled = _cited_parts(ordered, text)
    relations: list[Relation] = []
    paras = layout(text)[0]
    para_starts = [p.start for p in paras]
    orgs = [e for e in ordered if e.label == "ORG"]
    previous: tuple[Task, list[Entity]] | None = None  # the task before and its subject
    for task in found.tasks:
        inside = [e for e in ordered if task.start <= e.start and e.end <= task.end]
        actors: list[Entity] = []
        produced: Entity | None = None  # the last reference the task produces (`đã ban hành: Kế hoạch số ...`)
        for e in inside:
            before = text[max(task.start, e.start - 60) : e.start]
            if e.label == "METRIC":
                if not DURATION.fullmatch(" ".join(e.text.split())):
                    relations.append(Relation("RESULT", task.id, e.id))
            elif e.label == "LEGAL_REF":
                if PRODUCED_CUE.search(before) or _listed_after(produced, e, text):
                    produced = e
                elif not _titled(e, titled, inside):
                    relations.append(Relation("BASED_ON", task.id, e.id))
            elif e.label == "DATE" and e.id not in cited and _places_work(e, before, text, task):
                relations.append(Relation("TIME", task.id, e.id))
            elif e.label == "ORG" and e.id not in cited and _actor(e, text, task, actors):
                for o in _coordinated_before(e, inside, text, cited, actors, task.start):
                    relations.append(Relation("ACTOR", task.id, o.id))
                actors.append(e)
                relations.append(Relation("ACTOR", task.id, e.id))
        subject = _subject(actors, text, task.start)
        if not subject and task.status == "planned" and previous and _continues_part(previous[0], task, text, para_starts):
            # a later part or sentence of a planned task whose subject is dropped does the first part's subject's
            # work; reports of done work are annotated without it
            subject = previous[1]
            relations += [Relation("ACTOR", task.id, o.id) for o in subject]
        elif not subject and task.status == "planned" and _opens_with_action(text[task.start : task.end]):
            # the same for a later `;` part whose first part is no task of its own
            # (`1. Chính phủ, Hội đồng nhân dân ... có trách nhiệm tổ chức thi hành Nghị quyết này; sắp xếp ...`)
            relations += [Relation("ACTOR", task.id, o.id) for o in _first_part_subject(task, paras, para_starts, orgs, text)]
        previous = (task, subject)
        lead = list(found.lead_actors.get(task.id, []))
        # the nearest heading or lead-in that names bodies: an inner `1. Trách nhiệm của Sở Y tế` narrows an
        # outer `Điều 2. Trách nhiệm của Sở Y tế; Ủy ban nhân dân các xã`
        around = [scope for scope in scopes or [] if scope.start <= task.start < scope.end]
        if around:
            lead += list(max(around, key=lambda scope: scope.start).orgs)
        relations += [Relation("ACTOR", task.id, o) for o in lead]
    return list(dict.fromkeys(relations))


# What may stand before the first body of a lead-in or of a task's subject (`1. Giao các sở:`, `Đề nghị Sở Y tế ...`).
BODY_OPENING = re.compile(r"\W*(?:(?:giao|đề\s+nghị|yêu\s+cầu)\s+)?(?:các\s+)?", re.I)


def _subject(actors: list[Entity], text: str, start: int) -> list[Entity]:
    """The actors that open the task (`Sở Nội vụ hướng dẫn ...`, `Giao Sở Y tế, Sở Tài chính ...`)."""
    if not actors or not _body_opens(text, start, actors[0]):
        return []
    out = [actors[0]]
    for a in actors[1:]:
        if not COORDINATION.match(text[out[-1].end : a.start]):
            break
        out.append(a)
    return out


def _body_opens(text: str, start: int, body: Entity) -> bool:
    """Only an opening (`Giao`, `Đề nghị`, `các`) and bodies named by kind (`Các sở, ban, ngành,`) stand
    between `start` and `body`."""
    return BODY_OPENING.fullmatch(GENERIC_LIST_BEFORE.sub("", text[start : body.start])) is not None


def _after_body(text: str, body: Entity) -> str:
    """The words right after `body`, past bodies named by kind listed with it (`, các sở, ngành`)."""
    return GENERIC_LIST_AFTER.sub("", text[body.end : body.end + 80])[:40]


def _subject_verb(after: str) -> bool:
    """A verb opens the words after a body: the body is its subject."""
    return bool(SUBJECT_VERB.match(after) or _verb_after(after))


def _first_part_subject(task: Task, paras: tuple[Paragraph, ...], para_starts: list[int], orgs: list[Entity],
                        text: str) -> list[Entity]:
    """The subject of the first `;` part of the sentence that `task`, a later part, continues."""
    i = bisect.bisect_right(para_starts, task.start) - 1
    # the `;` before the task is looked for within its paragraph, not over a copy of all the text before it
    if i < 0 or not text[paras[i].start : task.start].rstrip().endswith(";"):
        return []
    sentence = next((s for s, e in _sentence_spans(text, paras[i]) if s < task.start < e), None)
    if sentence is None:
        return []
    first_end = text.find(";", sentence, task.start)
    return _subject([o for o in orgs if sentence <= o.start and o.end <= first_end], text, sentence) if first_end > 0 else []


def _continues_part(before: Task, task: Task, text: str, para_starts: list[int]) -> bool:
    """`task` is the next `;` part or sentence of the same paragraph as `before` and opens with a verb."""
    same_paragraph = bisect.bisect_right(para_starts, before.start) == bisect.bisect_right(para_starts, task.start)
    return same_paragraph and not text[before.end : task.start].strip() and _opens_with_action(text[task.start : task.end])


def lead_scopes(text: str, entities: list[Entity], kind: str | None = None) -> list[LeadScope]:
    """Lead-ins that name bodies (`1. Sở Y tế:`, `Giao Văn phòng UBND tỉnh:`, a heading that is a body)
    and the items below them, up to the next heading or lead-in of the same or a higher level."""
    _, all_units = layout(text)
    orgs = sorted((e for e in entities if e.label == "ORG"), key=lambda e: e.start)
    scopes: list[LeadScope] = []
    for n, u in enumerate(all_units):
        if not (u.lead_in or u.heading):
            continue
        line = text[u.start : u.end]
        inside = [o for o in orgs if u.start <= o.start < u.end]
        if not inside or len(line) > 400:
            continue
        first = inside[0]
        if u.heading and (len(line) > 250 or not _names_bodies(text, u, inside)):
            continue
        if not u.heading and not (len(line) <= 250 and BODY_OPENING.fullmatch(text[u.start : first.start])):
            inside = _asked_bodies(text, u.start, inside)
            if not inside:
                continue
        level = _marker_level(u.marker) if u.marker else 8
        end = len(text)
        for v in all_units[n + 1 :]:
            v_level = _marker_level(v.marker) if v.marker else 8
            if (v.heading or v.lead_in) and v_level <= level or CLOSING.match(text[v.start : v.end]):
                end = v.start
                break
        scopes.append(LeadScope(u.end, end, tuple(o.id for o in _lead_actors(text, u.start, inside))))
    return scopes


# The words before a body that a lead-in sentence asks to do the work (`đề nghị UBND các xã, phường`).
ASKS_BODY = re.compile(r"(?:\bgiao|\bđề\s+nghị|\byêu\s+cầu)\s+(?:các\s+)?$", re.I)


def _asked_bodies(text: str, start: int, inside: list[Entity]) -> list[Entity]:
    """The bodies a lead-in sentence asks to do the items below it (`..., Sở Giáo dục và Đào tạo đề nghị UBND
    các xã, phường; các đơn vị ... thực hiện ... Cụ thể:`): the first body after `giao` / `đề nghị` /
    `yêu cầu` and those listed with it."""
    for n, o in enumerate(inside):
        if ASKS_BODY.search(text[max(start, o.start - 30) : o.start]):
            out = [o]
            for a in inside[n + 1 :]:
                between = GENERIC_LIST_BEFORE.sub("", text[out[-1].end : a.start])
                if not re.fullmatch(r"\s*(?:,|;|và|,\s*và)?\s*(?:các\s+)?", between):
                    break
                out.append(a)
            return out
    return []


def _lead_actors(text: str, start: int, inside: list[Entity]) -> list[Entity]:
    """The bodies of a lead-in that do the work: not those reported or submitted to (`Sở Nội vụ có trách
    nhiệm giúp Ủy ban nhân dân tỉnh:` gives `Sở Nội vụ` alone), helped or issuing a cited document, nor those
    listed with a body left out; none for a dispatch's sender."""
    if inside and TELEGRAM_HEAD.match(text, inside[-1].end):
        return []  # `THỦ TƯỚNG CHÍNH PHỦ điện:` opens a dispatch: its sender does none of the items
    asked = _asked_bodies(text, start, inside)
    if asked and asked[0] is not inside[0]:
        return asked  # `3. Về ... thỏa thuận giữa UBND tỉnh và VCCI, giao Trung tâm Xúc tiến ...:` names the topic first
    out: list[Entity] = []
    dropped: Entity | None = None
    for o in inside:
        before = text[max(start, o.start - 60) : o.start]
        joined = dropped is not None and COORDINATION.match(text[dropped.end : o.start])
        not_actor = NOT_ACTOR_BEFORE if out or dropped is not None else FIRST_NOT_ACTOR_BEFORE
        if not_actor.search(before) or joined:
            dropped = o  # `Giúp Thủ tướng Chính phủ:`, `Tại Kế hoạch số ... của Bộ Công an và Bộ Y tế, ...:`
        else:
            out.append(o)
            dropped = None
    return out


# Before the first body of a lead-in: it is helped (`Giúp Thủ tướng Chính phủ:`) or issued a cited document
# (`Tại Kế hoạch số 515/KH-BCA ngày 31/8/2025 của Bộ Công an ...:`); `Trách nhiệm của Sở Y tế` stays an actor.
FIRST_NOT_ACTOR_BEFORE = re.compile(
    r"(?:\bgiúp|/[\w.&-]+(?:\s+ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?\s+của)\s+$", re.I)
TELEGRAM_HEAD = re.compile(r"\s*điện\s*:", re.I)


# Words that may stand beside the named bodies of a heading (`Các sở, ban, ngành, UBND các xã, phường`,
# `Công an tỉnh và các địa phương`, `Sở Y tế có trách nhiệm chủ trì`, `Trách nhiệm của Ủy ban nhân dân các xã`).
BODY_FILLER = re.compile(
    r"(?i)\b(?:giao|đề\s+nghị|yêu\s+cầu|các|và|cùng|sở|ban|ngành|cơ\s+quan(?:\s+thường\s+trực)?|đơn\s+vị|địa\s+phương|(?:có\s+)?liên\s+quan|trực\s+thuộc|đoàn\s+thể|"
    r"tổ\s+chức\s+chính\s+trị\s*-\s*xã\s+hội|doanh\s+nghiệp|có\s+trách\s+nhiệm|chủ\s+trì|phối\s+hợp|"
    r"(?:trách\s+nhiệm|nhiệm\s+vụ)(?:\s+của)?|thủ\s+trưởng|người\s+đứng\s+đầu|(?:của\s+)?(?:tỉnh|thành\s+phố)|nội\s+dung|"
    r"công\s+tác(?:\s+(?:tham\s+mưu|chỉ\s+đạo|điều\s+hành)(?:\s*,\s*(?:chỉ\s+đạo|điều\s+hành))?)?\s+của|"
    r"cơ\s+quan\s+thường\s+trực)\b|[\W_]+"
)


def _names_bodies(text: str, u: Unit, inside: list[Entity]) -> bool:
    """A heading that names only bodies: its words outside the ORG spans are all `BODY_FILLER` (the
    issuer's name in the document header, over its rule `-------`, is not one)."""
    if "---" in text[u.start : u.end + 4]:
        return False
    return not BODY_FILLER.sub("", _outside(text, u.start, u.end, inside)).strip()


def _cited_parts(ordered: list[Entity], text: str) -> tuple[set[str], dict[str, set[str]]]:
    """Dates and issuers written after a cited document (`... ngày 23/4/2018 của Chính phủ`):
    never TIME or ACTOR. An issuer or a date written before it (`Ngày 01/10/2025, Sở Nội vụ đã ban hành
    Công văn ...`) places and does the work."""
    from vngov_ie.link import link_relations

    pos = {e.id: e.start for e in ordered}
    rels = link_relations(ordered, text)
    cited = {r.tail for r in rels if r.type in ("ISSUED_ON", "ISSUED_BY") and pos[r.tail] > pos[r.head]}
    titled: dict[str, set[str]] = {}
    for r in rels:
        if r.type in ("IMPLEMENTS", "AMENDS") and pos[r.head] < pos[r.tail]:
            titled.setdefault(r.tail, set()).add(r.head)
    return cited, titled


def _listed_after(produced: Entity | None, e: Entity, text: str) -> bool:
    """`đã ban hành: Kế hoạch số 538/KH-UBND ...; Kế hoạch số 270/KH-UBND ...`: a reference listed after
    one the task produces, in the same sentence, is produced too when it opens the next `;` item or when
    no word of basis stands between them."""
    if produced is None:
        return False
    between = text[produced.end : e.start]
    if "." in between:
        return False
    if re.search(r";\s*$", between):
        return True  # the next item of a list of documents, whatever the title of the item before says
    return not BASIS_CUE.search(between) and bool(re.search(r"[;,]\s*$|\svà\s*$", between))


def _titled(e: Entity, titled: dict[str, set[str]], inside: list[Entity]) -> bool:
    """A reference named in the title of another reference of the same task (`Kế hoạch số 105/KH-UBND
    ... thực hiện Chương trình hành động số 38-CTr/TU`) is that document's basis, not the task's."""
    heads = titled.get(e.id, set())
    return any(o.id in heads for o in inside)


# Words before a date that places the work (`trong quý III`, `trước ngày 15/12`, `Ngày 30/6/2025, ...`).
TIME_BEFORE = re.compile(
    r"(?:^|[,;:(]|\b(?:trong|trước|đến|từ|vào|dịp|đầu|cuối|giữa|hết|sau|ngay|hằng|hàng|chậm\s+nhất|kể\s+từ|"
    r"thời\s+gian(?:\s+thực\s+hiện)?|tháng|quý|kết\s+quả|lũy\s+kế|tính\s+đến|thời\s+hạn|hoàn\s+thành|xong|"
    r"nhiệm\s+vụ|chỉ\s+tiêu|dự\s+toán|đợt\s+\d+))\s*"
    r"(?:các\s+|ngày\s+)?$",
    re.I,
)


def _places_work(e: Entity, before: str, text: str, task: Task) -> bool:
    if _inside_title(e, text, task) or re.search(r"(?i)(?:so\s+với|hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+(?:kể\s+)?từ)?)\s*$", before):
        return False
    lead = text[task.start : e.start]
    return not lead.strip() or bool(TIME_BEFORE.search(before[-40:]))


# The horizon in the name of a programme or strategy (`Chương trình ... phòng, chống ma túy đến năm 2030`,
# `Quy hoạch ... thời kỳ 2021 - 2030, tầm nhìn đến năm 2050`).
PROGRAMME_HORIZON = re.compile(
    r"(?:Chương\s+trình|Chiến\s+lược|Đề\s+án|Quy\s+hoạch|Kế\s+hoạch|Dự\s+án)\b[^.;:]{0,200}?"
    r"(?:đến|tầm\s+nhìn(?:\s+đến)?|định\s+hướng(?:\s+đến)?|giai\s+đoạn|thời\s+kỳ)\s*$"
)


def _inside_title(e: Entity, text: str, task: Task) -> bool:
    """A date inside a cited document's title (`Kế hoạch ... giai đoạn 2016-2020`) or inside the name of a
    programme (`Chương trình ... đến năm 2030`) does not place the task."""
    before = text[max(task.start, e.start - 80) : e.start]
    if PROGRAMME_HORIZON.search(text[max(task.start, e.start - 240) : e.start]):
        return True
    return bool(re.search(r"(?:về\s+việc|về|phê\s+duyệt|ban\s+hành)\s[^.;]*$", before)) and bool(
        re.search(r"(?:Quyết\s+định|Nghị\s+quyết|Kế\s+hoạch|Chương\s+trình|Đề\s+án|Chỉ\s+thị)\s+số", before))


def _coordinated_before(e: Entity, inside: list[Entity], text: str, cited: set[str], actors: list[Entity],
                        task_start: int) -> list[Entity]:
    """The bodies listed before an actor in the same subject (`Tỉnh ủy, Ủy ban nhân dân tỉnh đã lãnh đạo`,
    `HĐND tỉnh và UBND tỉnh đã`): each is an actor too. The chain stops at any other word."""
    if not SUBJECT_VERB.match(text[e.end : e.end + 40]):
        return []
    chain: list[Entity] = []
    nxt = e
    for o in reversed([x for x in inside if x.end <= e.start]):
        if o.label != "ORG" or o.id in cited or not COORDINATION.match(text[o.end : nxt.start]):
            break
        if o not in actors:
            chain.append(o)
        nxt = o
    if not chain:
        return []
    head = chain[-1]
    lead = text[max(task_start, head.start - 60) : head.start]
    if NOT_ACTOR_BEFORE.search(lead) or not re.search(r"(?:^|[,;:.]|\bvà|đồng\s+thời)\s*(?:các\s+)?$", lead):
        return []  # the list is what is reported to or given to (`báo cáo Bộ Chính trị, Ban Bí thư ...`)
    return chain


# Bodies named by kind rather than by name, in a list beside named ones (`phối hợp với các sở, ngành,
# UBND các xã`, `Các sở, ban, ngành, UBND xã, phường và các đơn vị liên quan có trách nhiệm`).
GENERIC_BODY = (r"(?:các\s+)?(?:sở|ban|ngành|bộ|cơ\s+quan(?:\s+ngang\s+bộ|\s+thuộc\s+Chính\s+phủ|\s+chuyên\s+môn)?|"
                r"đơn\s+vị|địa\s+phương|đoàn\s+thể|tổ\s+chức(?:\s+chính\s+trị\s*-\s*xã\s+hội)?|doanh\s+nghiệp|nhà\s+mạng)(?:\s+(?:có\s+)?liên\s+quan)?")
GENERIC_LIST_BEFORE = re.compile(r"(?:(?=(?-i:[a-zđ]|Các\s))" + GENERIC_BODY + r"\s*(?:,|và|;)\s*)+$", re.I)
# after a body, a kind in lower case or after `các` (`, các sở, ngành`); `, Ban chỉ đạo tỉnh` names another body
GENERIC_LIST_AFTER = re.compile(r"^(?:\s*(?:,|và)\s*(?=(?-i:[a-zđ]|Các\s))" + GENERIC_BODY + r")+", re.I)


# `Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân Thành phố, ...`: the committees of a body
# listed among the actors; the body (the span) stands for them.
MEMBERS_OF = re.compile(r"^\s*,\s*(?:các\s+)?(?:Ban|Ủy\s+ban|Tổ\s+đại\s+biểu)\s+của\s*$")


def _actor(e: Entity, text: str, task: Task, actors: list[Entity]) -> bool:
    if actors:
        between = text[actors[-1].end : e.start]
        if COORDINATION.match(between) or MEMBERS_OF.match(between):
            return True
        if UNIT_OF.match(between) and " " in e.text.strip() and actors[-1] in _subject(actors, text, task.start):
            return True  # not an acronym of the body (`(VCCI)`), and the body is the task's subject
    # the cue before the body, read past bodies named by kind that may stand between them (`Cơ quan phối hợp: các
    # bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân ...`)
    before = GENERIC_LIST_BEFORE.sub("", text[max(task.start, e.start - WIDE_BEFORE) : e.start])
    if NOT_ACTOR_BEFORE.search(before):
        return False
    if ACTOR_BEFORE.search(before):
        return True
    lead = GENERIC_LIST_BEFORE.sub("", text[task.start : e.start])
    at_start = not lead.strip() or re.fullmatch(r"\s*(?:Các|các|Giao|Đề\s+nghị|Yêu\s+cầu|Riêng)\s*", lead)
    clause_start = re.search(r"(?:^|[,;:]|\bvà|\bthì|^\s*(?:Hiện\s+nay|Hiện|Đến\s+nay|(?:Trong\s+)?[Nn]ăm\s+\d{4}))\s*(?:các\s+)?$",
                             lead)
    return bool(at_start or (clause_start and _subject_verb(_after_body(text, e))))


def _verb_after(after: str) -> bool:
    """A verb of two syllables or more right after the body (`Công an tỉnh trực tiếp tiếp nhận`,
    `Hội đồng nhân dân tỉnh quyết nghị`): the body is the subject."""
    verb = after.lstrip()
    m = _ACTION_RX.match(verb) or SUBJECT_ADVERB.match(verb)
    return bool(m) and " " in m.group(0)


SUBJECT_ADVERB = re.compile(r"(?i)trực\s+tiếp|quyết\s+nghị|lãnh\s+đạo|quyết\s+định")
