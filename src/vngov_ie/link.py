"""Relations between entities from cue words: ISSUED_ON, ISSUED_BY, AMENDS, IMPLEMENTS.

Each rule looks at the text between a LEGAL_REF and the entities around it;
the gaps and cue words it accepts are patterns, not code. The rules:

- `<ref> [ngày ...] của <ORG>`: ISSUED_ON to the date, ISSUED_BY to the body,
  shared by every reference of a coordinated list (`A ngày X và B ngày Y của
  Chính phủ`, `217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025`);
- the issuer before the reference (`UBND tỉnh đã ban hành Kế hoạch số ...`,
  `đề nghị của Sở Nội vụ tại Tờ trình số ...`, `Ngày 25/9/2025, UBND tỉnh
  ban hành ...`);
- the document's own number (`Số: 597/KH-UBND` in the header): ISSUED_ON to
  the header date, ISSUED_BY to the header body, AMENDS to what its title or
  its articles amend or replace (one link per amended document, a repeal
  `bãi bỏ` gives none), IMPLEMENTS to what its title or opening says it
  carries out;
- AMENDS / IMPLEMENTS between cited documents from the title of the first
  (`... sửa đổi, bổ sung ... B`, `A được sửa đổi, bổ sung bởi B, C`,
  `A (sửa đổi, bổ sung tại B)`), across wrapped lines; an amending law cited
  by its name (`Luật sửa đổi, bổ sung một số điều của Luật A`) AMENDS the
  mention of `Luật A` just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from vngov_ie.types import Entity, Relation

# Gaps allowed between a reference and its date, and between those and its issuer.
DATE_GAP = re.compile(r"[\s,]*(?:(?:được\s+)?ban\s+hành[\s,]*|dated\s+)?")
ISSUER_GAP = re.compile(r"\s*,?\s*(?:của|do|of\s+the|of|by\s+the)\s+(?:các\s+)?", re.I)
# `<ref> của <ORG> ngày <date>`: the date after the issuer.
ISSUER_DATE_GAP = re.compile(r"\s*,?\s*")
# Between two references of a coordinated list.
LIST_GAP = re.compile(r"\s*(?:,|và|,\s*và)\s*(?:các\s+)?", re.I)
# An issue date names a day (`ngày 23/4/2018`, `23/4/2018`), not a period.
ISSUE_DATE = re.compile(
    r"^(?:ngày|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d)",
    re.I,
)
# Text that stays inside one clause: no full stop or `;`, and line breaks only where a line is wrapped
# (not a blank line).
IN_CLAUSE = r"(?:[^.;\n]|\n(?![^\S\n]*\n))"
# Cue words before a second LEGAL_REF, within the first one's title. A repeal (`bãi bỏ`) is no cue
# (GUIDELINES: only `sửa đổi, bổ sung`, `thay thế` and `điều chỉnh` of the same act give AMENDS); a bare
# `bổ sung` (`phê duyệt bổ sung danh sách`, `hướng dẫn bổ sung`) adds to something, it amends nothing.
AMEND_CUE = (r"(?:sửa\s+đ[ổố]i|thay\s+thế|điều\s+chỉnh|bổ\s+sung\s+(?:vào\s+)?(?:Điều|khoản|điểm)\s"
             r"|amendments?\s+to|amending|replac(?:es|ing))")
AMEND_CUES = re.compile(AMEND_CUE + IN_CLAUSE + r"{0,120}$", re.I)
# `A (được) sửa đổi, bổ sung tại/bởi/theo B`: B amends A. Passive only after `được` or where nothing but cue
# words stands before the agent marker: `sửa đổi, bổ sung một số nội dung tại B` is active (B is amended).
_CUE_WORDS = r"(?:sửa\s+đ[ổố]i|bổ\s+sung|điều\s+chỉnh)(?:[\s,]+(?:và\s+)?(?:sửa\s+đ[ổố]i|bổ\s+sung|điều\s+chỉnh))*"
_AGENT = r"\s+(?:tại|bởi|theo)\s*:?\s+(?:(?:điểm|khoản|Điều|Mục|Phụ\s+lục)\s+[\w.]+[\s,]*(?:(?:của|và)\s+)?)*"
AMENDED_BY = re.compile(
    r"(?:được\s+(?:sửa\s+đ[ổố]i|điều\s+chỉnh|bổ\s+sung)(?:(?!của|kèm)" + IN_CLAUSE + r"){0,60}?" + _AGENT
    + r"|(?:^|[(,]\s*)" + _CUE_WORDS + _AGENT
    + r"|(?:amended|replaced)\s+by\s+(?:the\s+)?)$",
    re.I,
)
# A document named before the cue is the one that amends (`Tờ trình ... về dự thảo Nghị quyết sửa đổi ... B`,
# `đề nghị ban hành Quyết định thay thế B`): the cited reference itself does not. After the cue, such a
# document is the amended one (`sửa đổi ... của các Nghị định quy định chi tiết ... Luật B`): B is not.
OTHER_DOCUMENT = re.compile(
    r"dự\s+thảo|\b(?:Nghị\s+quyết|Quyết\s+định|Nghị\s+định|Thông\s+tư|Luật|Kế\s+hoạch|Chỉ\s+thị)\b"
    r"(?!\s+(?:này|số|\d))",
    re.I,
)
# `A sửa đổi ... của Nghị định B ... và Nghị định C`: a later reference of the first target's type, joined by
# `và` after the first target's title, is amended too.
AND_SAME_TYPE = re.compile(r"\s(?:và|,)\s*$")
# A bullet item (`- Luật A;\n- Luật sửa đổi ...`) stands alone: no amending-law link across items.
BULLET_GAP = re.compile(r"[;\n]\s*[-+•]\s")
# The target opens the next item of a list (`số 87/... về việc điều chỉnh dự toán ..., số 208/...`).
NEXT_LIST_ITEM = re.compile(r"(?:,|\bvà)\s*(?:các\s+)?$")
# An amending law cited by its name: `Luật sửa đổi, bổ sung một số điều của Luật A (và Luật B)`.
AMENDING_LAW = re.compile(
    r"^(?:Bộ\s+)?Luật\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?(?:của\s+)?(?P<laws>(?:Bộ\s+)?Luật\s.*)$",
    re.I | re.S,
)
LAW_SPLIT = re.compile(r",?\s+và\s+(?=(?:Bộ\s+)?luật\b)|,\s*(?=(?:Bộ\s+)?luật\b)", re.I)
# How far back the separate mention of the amended law may stand (`Căn cứ Luật A ...; Luật sửa đổi ... Luật A`).
AMENDED_LAW_WINDOW = 200
IMPLEMENT_CUES = re.compile(r"(?:thực hiện|triển khai|hướng dẫn|quy định chi tiết|thi hành)[^.;\n]{0,80}$", re.I)
LINK_BLOCK = regex.compile(
    r"[;\n]\s*(?:Căn cứ|-|\+|\d+\.|[a-zđ]\)|Thực hiện|Triển khai)|\n\s*\n|\.\s+(?:\(|\p{Lu})|\(\d+\)")
# `Thực hiện A ..., <ORG> đã ban hành B`: B carries out A.
SENTENCE_IMPLEMENT = re.compile(r"(?:^|\n|\.\s)[\W]*(?:Thực\s+hiện|Triển\s+khai|Để\s+triển\s+khai|Để\s+thực\s+hiện)\s")
PRODUCE_VERB = re.compile(r"(?:đã\s+)?(?:ban\s+hành|xây\s+dựng|có)\b")
# The document's own number: `Số: 597/KH-UBND`.
NUMBER_LABEL = re.compile(r"(?:^|\n|>)[^\S\n]*(?:S[ốô]|No\.?)\s*:?\s*$", re.I)
# The title line that ends the header (`KẾ HOẠCH`, `QUYẾT ĐỊNH`, ...).
TITLE_LINE = re.compile(
    r"^\W*(?:KẾ HOẠCH|BÁO CÁO|QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG BÁO|THÔNG TƯ|CÔNG ĐIỆN|TỜ TRÌNH|CHỈ THỊ|"
    r"CHƯƠNG TRÌNH|HƯỚNG DẪN|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|KẾT LUẬN|PHƯƠNG ÁN)\W*$",
    re.M,
)
TITLE_END = re.compile(
    r"\n\s*(?:Căn\s+cứ|Thực\s+hiện|Triển\s+khai|Kính\s+gửi|Theo\s|Xét\s|Trên\s+cơ\s+sở|Ngày\s+\d|I\s*\.|1\s*\.|Điều\s+1|"
    r"\(Thực\s+hiện|Sau\s+khi|Nhằm|Để\s)|\n\s*\n\s*\n"
)
HEADER_END = re.compile(r"Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|V/v", re.I)
# A heading that ends the opening of a plan (`I. MỤC ĐÍCH`, `1. Mục đích`).
FIRST_HEADING = re.compile(r"\n\W*(?:[IVX]+|1)\s*[.)]\s*\S", re.I)
# Own-number cues: the title or an article repeals, amends or carries out another document.
OWN_AMEND_TITLE = re.compile(r"sửa\s+đổi|bổ\s+sung|thay\s+thế|điều\s+chỉnh", re.I)
# A repeal in the title (`BÃI BỎ QUYẾT ĐỊNH SỐ ...`) ends the reach of an earlier cue and gives no AMENDS.
OWN_REPEAL_TITLE = re.compile(r"bãi\s+bỏ|hết\s+hiệu\s+lực", re.I)
# `NGHỊ QUYẾT VỀ DỰ THẢO NGHỊ QUYẾT ... SỬA ĐỔI ...`, `TỜ TRÌNH về việc đề nghị ... sửa đổi`: the draft amends.
OWN_DRAFT = re.compile(r"dự\s+thảo|đề\s+nghị", re.I)
OWN_IMPLEMENT_TITLE = re.compile(r"(?:triển\s+khai|thực\s+hiện|quy\s+định\s+chi\s+tiết|hướng\s+dẫn|thi\s+hành)", re.I)
ARTICLE_AMEND_LEAD = re.compile(r"(?:^|\n)\W*Điều\s+\d+\s*\.?\s*(?:Sửa\s+đổi|Thay\s+thế)", re.I)
NEXT_ARTICLE = re.compile(r"\n\W*Điều\s+\d+\s*\.")
LIST_ITEM_START = re.compile(r"\n\W*(?:\d+|[a-zđ])\s*[.)]\s*$")
# `Quyết định này có hiệu lực ... và thay thế <ref>`, `This Circular replaces the Circular No. ...`.
THIS_REPLACES = re.compile(
    r"(?:(?:Nghị\s+quyết|Quyết\s+định|Thông\s+tư|Nghị\s+định|Chỉ\s+thị|Kế\s+hoạch)\s+này|This\s+\w+)\s"
    r"(?:[^.;]|\.(?=\d)){0,100}?\b(?:thay\s+thế|sửa\s+đổi|replaces)\s" + IN_CLAUSE + r"{0,100}$",
    re.I,
)
# An article or item of the own document that amends another: `Điều 3. Sửa đổi khoản 9 Điều 1 Quyết định số ...`,
# `a) Sửa đổi, bổ sung: 01 thủ tục hành chính ... tại Quyết định ...`, `Thay thế ... tại Quyết định số ...`.
# The article or item opens a sentence (after `.`, `:`, `;` or a blank line, or after its own marker), so it is
# not the title of a document listed on the line above; `Thay thế cụm từ "... Nghị định số ..."` replaces words.
ARTICLE_AMENDS = re.compile(
    r"(?:(?:^|[.:;]\s*\n|\n[^\S\n]*\n)[^\S\n]*|\n[^\S\n]*(?:Điều\s+\d+|\d+|[a-zđ])\s*[.)]\s*)"
    r"(?:Sửa\s+đổi|Thay\s+thế|Điều\s+chỉnh)\b(?!\s+(?:cụm\s+)?từ\b)(?:[^.;\n“”\"]|\n(?![^\S\n]*\n)){0,150}$",
)
# The articles of a decision or circular: from `Điều 1.` to the recipients (annexes come after them).
FIRST_ARTICLE = re.compile(r"(?:^|\n)\W*Điều\s+1\s*[.:]")
RECIPIENTS = re.compile(r"Nơi\s+nhận")
OPENING_PARAGRAPH = re.compile(r"(?:^|\n)\W*(?:Thực\s+hiện|Triển\s+khai)\s")
OPENING_END = re.compile(r"[.:]\s*\n")
OPENING_IMPLEMENT = re.compile(r"(?:Thực\s+hiện|Triển\s+khai|thực\s+hiện|triển\s+khai|;|\bvà|,)\s*(?:các\s+)?$")
TITLE_OF_OTHER = re.compile(r"về\s+(?:việc\s+)?(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai)\s*$", re.I)

# The issuer written before the reference: `<ORG> (đã) ban hành <ref>`,
# `(đề nghị|chỉ đạo) của <ORG> (nêu) tại <ref>`, `các Quyết định của <ORG>: số <ref>`.
ISSUER_BEFORE_RX = regex.compile(
    r"^\s*(?:(?:đã|vừa|cũng)\s+)*(?:(?:ký\s+)?ban\s+hành|có|phát\s+hành|thông\s+qua)\s*"
    r"(?:các\s+[\p{Ll} ]{2,25})?\s*:?\s*$"
    r"|^\s*(?:(?:đã\s+)?(?:có\s+ý\s+kiến|thẩm\s+định|nêu))?\s*tại\s+(?:các\s+[\p{Ll}\p{Lu} ]{2,25}:\s*)?$"
    r"|^\s*:\s*$",
    regex.I,
)
# What must come right before `<ORG>` for ISSUER_BEFORE's `tại` and `:` forms.
OF_BEFORE_ORG = re.compile(r"(?:của|Xét|Theo)\s+$", re.I)
# The place before a header date: `Hà Nội, `, `Thành phố Huế,\n`, `Hà Nội ` (comma forgotten).
PLACE_BEFORE_DATE = regex.compile(
    r"(?:^|\n|\s{2,}|/[\p{L}\d&.\-]+\s+)[^\S\n]*(?:Thành\s+phố\s+|TP\.?\s*)?"
    r"\p{Lu}[\p{L}\p{M}]*(?:[^\S\n]+\p{Lu}[\p{L}\p{M}]*){0,4}[^\S\n]*,?[^\S\n]*\n?[^\S\n]*$"
)


def link_relations(entities: list[Entity], text: str) -> list[Relation]:
    """Relations between the document's entities, from the cues between them."""
    ordered = sorted(entities, key=lambda e: e.start)
    relations: list[Relation] = []
    for i, ref in enumerate(ordered):
        if ref.label != "LEGAL_REF":
            continue
        relations += _issue_relations(i, ordered, text)
        relations += _issuer_before(i, ordered, text)
        relations += _document_links(i, ordered, text)
        relations += _amending_law_links(i, ordered, text)
    relations += _sentence_implements(ordered, text)
    relations += own_number_relations(ordered, text)
    own = header(ordered, text).number
    return _one_amends_per_document(_unique(relations), ordered, own.id if own else None)


# --- issue date and issuer -------------------------------------------------------------------


def _issue_relations(i: int, ordered: list[Entity], text: str) -> list[Relation]:
    """`<ref> [ngày ...] [, <ref> [ngày ...]]* của <ORG>`: dates and a shared issuer."""
    ref = ordered[i]
    if i > 0 and ordered[i - 1].label == "LEGAL_REF" and _list_gap(ordered[i - 1], ref, text):
        return []  # not the head of its list: the head links the whole list
    chain: list[tuple[Entity, Entity | None]] = []
    j = i
    while j < len(ordered) and ordered[j].label == "LEGAL_REF":
        cur = ordered[j]
        date = None
        nxt = ordered[j + 1] if j + 1 < len(ordered) else None
        if nxt is not None and nxt.label == "DATE" and DATE_GAP.fullmatch(text[cur.end : nxt.start]) and _is_issue_date(nxt, text):
            date, j = nxt, j + 1
        chain.append((cur, date))
        end = (date or cur).end
        nxt = ordered[j + 1] if j + 1 < len(ordered) else None
        if nxt is None or nxt.label != "LEGAL_REF" or not LIST_GAP.fullmatch(text[end : nxt.start]):
            break
        j += 1
    found: list[Relation] = []
    last_date = chain[-1][1]
    carry: Entity | None = None  # `A và B ngày X`: an undated reference shares the next one's date
    for cur, date in reversed(chain):
        if date is not None:
            carry = date
            found.append(Relation("ISSUED_ON", cur.id, date.id))
        elif carry is not None and re.search(r"\d", cur.text):  # not a law cited by name
            found.append(Relation("ISSUED_ON", cur.id, carry.id))
    end = (chain[-1][1] or chain[-1][0]).end
    nxt = ordered[j + 1] if j + 1 < len(ordered) else None
    if nxt is not None and nxt.label == "ORG" and ISSUER_GAP.fullmatch(text[end : nxt.start]):
        found += [Relation("ISSUED_BY", cur.id, nxt.id) for cur, _ in chain]
        after = ordered[j + 2] if j + 2 < len(ordered) else None
        if (last_date is None and len(chain) == 1 and after is not None and after.label == "DATE"
                and ISSUER_DATE_GAP.fullmatch(text[nxt.end : after.start]) and _is_issue_date(after, text)):
            found.append(Relation("ISSUED_ON", ref.id, after.id))
    return found


def _list_gap(a: Entity, b: Entity, text: str) -> bool:
    return bool(LIST_GAP.fullmatch(text[a.end : b.start]))


def _is_issue_date(date: Entity, text: str) -> bool:
    return bool(ISSUE_DATE.match(date.text))


def _issuer_before(i: int, ordered: list[Entity], text: str) -> list[Relation]:
    """`<ORG> (đã) ban hành <ref>`, `đề nghị của <ORG> tại <ref>`, `Ngày <date>, <ORG> ban hành <ref>`."""
    ref = ordered[i]
    if i == 0 or ordered[i - 1].label != "ORG":
        return []
    org = ordered[i - 1]
    gap = text[org.end : ref.start]
    if "\n\n" in gap or not ISSUER_BEFORE_RX.match(gap):
        return []
    if ("tại" in gap or gap.strip() == ":") and not OF_BEFORE_ORG.search(text[max(0, org.start - 8) : org.start]) \
            and not re.search(r"\b(?:thẩm định|nêu|có ý kiến)\b", gap):
        return []
    found = [Relation("ISSUED_BY", ref.id, org.id)]
    if i >= 2 and ordered[i - 2].label == "DATE" and re.fullmatch(r"\s*,\s*", text[ordered[i - 2].end : org.start]):
        if not _has_own_date(i, ordered, text) and _is_issue_date(ordered[i - 2], text):
            found.append(Relation("ISSUED_ON", ref.id, ordered[i - 2].id))
    # `đã ban hành: <ref> ...; <ref> ...`: each item of the list shares the issuer.
    if gap.rstrip().endswith(":") or re.search(r"ban\s+hành\s*:\s*$|các\s+[\w ]+:\s*$", gap):
        found += _colon_list_items(i, ordered, text, org)
    return found


def _has_own_date(i: int, ordered: list[Entity], text: str) -> bool:
    nxt = ordered[i + 1] if i + 1 < len(ordered) else None
    return nxt is not None and nxt.label == "DATE" and bool(DATE_GAP.fullmatch(text[ordered[i].end : nxt.start]))


def _colon_list_items(i: int, ordered: list[Entity], text: str, org: Entity) -> list[Relation]:
    """The references that open each `;`/`,` item of a list after `ban hành:`, up to the sentence end."""
    found = []
    stop = _sentence_end(text, ordered[i].end)
    for ent in ordered[i + 1 :]:
        if ent.start >= stop:
            break
        if ent.label == "LEGAL_REF" and re.search(r"(?:[;,]|\bvà)\s*(?:số\s*)?$", text[max(0, ent.start - 6) : ent.start]) \
                and not re.search(r"(?:của|tại|theo)\s*$", text[max(0, ent.start - 12) : ent.start]):
            found.append(Relation("ISSUED_BY", ent.id, org.id))
    return found


SENTENCE_BREAK = regex.compile(r"\.\s*\n|\n\s*\n|\.\s+(?=\p{Lu})")


def _sentence_end(text: str, pos: int) -> int:
    m = SENTENCE_BREAK.search(text, pos)
    return m.start() if m else len(text)


# --- AMENDS / IMPLEMENTS between cited documents ----------------------------------------------


def _document_links(i: int, ordered: list[Entity], text: str) -> list[Relation]:
    """AMENDS / IMPLEMENTS from `ref` to later LEGAL_REFs named in its title (and their list)."""
    ref = ordered[i]
    following = ordered[i + 1 :]
    for k, ent in enumerate(following[:10]):
        if ent.label != "LEGAL_REF":
            continue
        between = text[ref.end : ent.start]
        if len(between) > 300 or LINK_BLOCK.search(between):
            return []
        targets = [t for t in [ent] + _coordinated(ent, following[k + 1 :], text) if not same_document(ref, t)]
        if AMENDED_BY.search(between):
            amended = _clause_head(i, ordered, text)
            return [Relation("AMENDS", t.id, amended.id) for t in targets if not same_document(amended, t)]
        amend, implement = AMEND_CUES.search(between), IMPLEMENT_CUES.search(between)
        if amend and not (implement and implement.start() > amend.start()):
            if OTHER_DOCUMENT.search(between) or NEXT_LIST_ITEM.search(between):
                return []
            targets += _same_type_after_title(targets[-1] if targets else ent, following[k + 1 :], text)
            return [Relation("AMENDS", ref.id, t.id) for t in targets]
        if implement and ";" not in between:
            if NEXT_LIST_ITEM.search(between) or (
                    amend and OTHER_DOCUMENT.search(between[amend.start() : implement.start()])):
                return []  # `A sửa đổi ... các Nghị định quy định chi tiết ... Luật B`: B is not A's
            return [Relation("IMPLEMENTS", ref.id, t.id) for t in targets]
        return []
    return []


def _same_type_after_title(last: Entity, following: list[Entity], text: str) -> list[Entity]:
    """`sửa đổi ... Nghị định số 78/2025/NĐ-CP ... hướng dẫn thi hành Luật X và Nghị định số 79/2025/NĐ-CP`:
    the later references of the amended one's type joined by `và`/`,` in the same clause (its title may name
    other documents between)."""
    kind = _doc_type(last.text)
    found: list[Entity] = []
    if not kind:
        return found
    for ent in following:
        gap = text[last.end : ent.start]
        if len(gap) > 300 or LINK_BLOCK.search(gap) or ";" in gap or AMEND_CUES.search(gap) or AMENDED_BY.search(gap):
            break
        if ent.label == "LEGAL_REF" and _doc_type(ent.text) == kind and AND_SAME_TYPE.search(gap) and \
                re.search(r"\d", ent.text):
            found.append(ent)
            last = ent
    return found


def _doc_type(surface: str) -> str:
    """The type word a reference opens with (`nghị định` of `Nghị định số 78/2025/NĐ-CP`), or ``."""
    m = re.match(r"(Nghị\s+quyết|Quyết\s+định|Nghị\s+định|Thông\s+tư|Chỉ\s+thị|Kế\s+hoạch|Luật)\b", surface, re.I)
    return " ".join(m.group(1).split()).casefold() if m else ""


def _clause_head(i: int, ordered: list[Entity], text: str) -> Entity:
    """The reference a clause is about: `Nghị định A quy định chi tiết Luật B được sửa đổi bởi C` is about A;
    `A ... (sau đây gọi là A), được sửa đổi bởi C` is about the first mention of A."""
    ref = ordered[i]
    for prev in reversed(ordered[:i]):
        if prev.label != "LEGAL_REF":
            continue
        between = text[prev.end : ref.start]
        if len(between) > 300 or LINK_BLOCK.search(between) or ";" in between:
            break
        if IMPLEMENT_CUES.search(between) or same_document(prev, ref):
            return prev
        break
    return ref


def _amending_law_links(i: int, ordered: list[Entity], text: str) -> list[Relation]:
    """`Luật A ...; Luật sửa đổi, bổ sung một số điều của Luật A`: the amending law, cited by its name, AMENDS
    the separate mention of the law it names just before it (other amending laws may stand between)."""
    ref = ordered[i]
    m = AMENDING_LAW.match(ref.text)
    if m is None:
        return []
    names = {_law_name(part) for part in LAW_SPLIT.split(m.group("laws"))}
    found = []
    start = ref.start
    for prev in reversed(ordered[:i]):
        if prev.label != "LEGAL_REF":
            continue
        if start - prev.end > AMENDED_LAW_WINDOW or BULLET_GAP.search(text[prev.end : start]):
            break
        if AMENDING_LAW.match(prev.text):
            start = prev.start
            continue
        if _law_name(prev.text) not in names:
            break
        found.append(Relation("AMENDS", ref.id, prev.id))
        names.discard(_law_name(prev.text))
        start = prev.start
    return found


def _law_name(surface: str) -> str:
    """A law's name without its number or year: `Luật Đê điều số\n79/2006/QH11` -> `luật đê điều`."""
    name = re.split(r"\s+(?:số|năm|ngày)\s|\s+\d", surface, maxsplit=1)[0]
    return " ".join(name.split()).casefold()


def _coordinated(first: Entity, following: list[Entity], text: str) -> list[Entity]:
    """LEGAL_REFs listed right after `first` (`B, C và D`); after a comma only those without their own date."""
    found: list[Entity] = []
    cursor = first.end
    for n, ent in enumerate(following):
        gap = text[cursor : ent.start]
        if ent.label in ("DATE", "ORG") and re.fullmatch(r"[\s,]*(?:(?:của|do)\s+)?", gap):
            cursor = ent.end
            continue
        if ent.label == "LEGAL_REF" and LIST_GAP.fullmatch(gap):
            after = following[n + 1] if n + 1 < len(following) else None
            own_date = after is not None and after.label == "DATE" and DATE_GAP.fullmatch(text[ent.end : after.start])
            if "và" not in gap and own_date:
                break
            found.append(ent)
            cursor = ent.end
            continue
        break
    return found


def same_document(a: Entity, b: Entity) -> bool:
    """Two mentions of one document (`CHỈ THỊ SỐ 32/CT-TTG`, `Chỉ thị số 32/CT-TTg`)."""
    return _mention_key(a.text) == _mention_key(b.text)


def _mention_key(surface: str) -> str:
    m = re.search(r"\d[\w.]*\s*[/-]\s*[\w/.&-]*", surface)
    core = m.group(0) if m else surface
    return re.sub(r"\W+", "", core).casefold()


def _sentence_implements(ordered: list[Entity], text: str) -> list[Relation]:
    """`Thực hiện A (, B và C), UBND tỉnh đã ban hành D`: D IMPLEMENTS A, B, C."""
    found = []
    orgs = [e for e in ordered if e.label == "ORG"]
    for m in SENTENCE_IMPLEMENT.finditer(text):
        stop = _sentence_end(text, m.end())
        verb = next((v for v in PRODUCE_VERB.finditer(text, m.end(), stop)
                     if any(re.fullmatch(r"\s*", text[o.end : v.start()]) for o in orgs if o.end <= v.start())), None)
        if verb is None:
            continue
        inside = [e for e in ordered if e.label == "LEGAL_REF" and m.start() <= e.start < stop]
        bases = [e for e in inside if e.start < verb.start() and OPENING_IMPLEMENT.search(text[max(0, e.start - 40) : e.start])
                 and not TITLE_OF_OTHER.search(text[max(0, e.start - 40) : e.start])]
        after = [e for e in inside if e.start >= verb.end()]
        if not after or not re.fullmatch(r"[\s:]*(?:các\s+[\w ]+:\s*)?", text[verb.end() : after[0].start]):
            continue
        produced = [after[0]] + [q for q in after[1:] if re.search(r"(?:[;,]|\bvà)\s*$", text[max(0, q.start - 6) : q.start])]
        for p in produced:
            found += [Relation("IMPLEMENTS", p.id, b.id) for b in bases if not same_document(p, b)]
    return found


# --- the document's own number ------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The header of a document: its own number, date and issuing body (entity ids or None)."""

    number: Entity | None
    date: Entity | None
    body: Entity | None
    title_start: int
    title_end: int


def header(ordered: list[Entity], text: str) -> Header:
    """The document's own number (`Số: 597/KH-UBND`), header date and header body."""
    limit = _header_limit(text)
    number = next(
        (e for e in ordered if e.label == "LEGAL_REF" and e.start < limit + 200
         and NUMBER_LABEL.search(text[max(0, e.start - 12) : e.start])),
        None,
    )
    title_start, title_end = _title_span(text, limit)
    zone_end = max(limit, number.end + 120 if number else 0)
    date = next((e for e in ordered if e.label == "DATE" and e.start < zone_end and _place_date(e, text)), None)
    if date is None:  # the place-and-date line above the signature (`Hà Nội, ngày 16 tháng 6 năm 2025`)
        date = next((e for e in reversed(ordered) if e.label == "DATE" and e.start > len(text) - 2500
                     and (_place_date(e, text) or re.search(r"thông\s+qua\s*$", text[max(0, e.start - 20) : e.start]))),
                    None)
    body = None
    if number is not None:
        before = [e for e in ordered if e.label == "ORG" and e.end <= number.start and e.start < limit]
        body = before[-1] if before else _enacting_body(ordered, text, title_end)
    return Header(number, date, body, title_start, title_end)


def _header_limit(text: str) -> int:
    m = TITLE_LINE.search(text[:3000])
    h = HEADER_END.search(text[:3000])
    ends = [x.start() for x in (m, h) if x]
    return min(ends) if ends else min(len(text), 800)


def _title_span(text: str, limit: int) -> tuple[int, int]:
    """The title: the type line and its subject, up to the preamble (`Căn cứ`, `Thực hiện`, ...)."""
    m = TITLE_LINE.search(text[:3000])
    if not m:
        return limit, limit
    end = TITLE_END.search(text, m.end())
    return m.start(), end.start() if end else min(len(text), m.end() + 600)


def _place_date(date: Entity, text: str) -> bool:
    """A date on the place-and-date line (`Đồng Tháp, ngày 27 tháng 11 năm 2025`, `Huế,\nngày 21 ...`,
    `Số: 22 /BC-UBND Quảng Ngãi, ngày ...`): only a place name (and maybe the number line) before it."""
    return bool(PLACE_BEFORE_DATE.search(text[max(0, date.start - 80) : date.start]))


def _enacting_body(ordered: list[Entity], text: str, title_end: int) -> Entity | None:
    """A body standing alone on a line after the title (`ỦY BAN THƯỜNG VỤ QUỐC HỘI`)."""
    for e in ordered:
        if e.label == "ORG" and title_end - 200 <= e.start < title_end + 300 and e.text.isupper():
            line_start = text.rfind("\n", 0, e.start) + 1
            line_end = text.find("\n", e.end)
            if not text[line_start : e.start].strip() and not text[e.end : line_end if line_end >= 0 else len(text)].strip():
                return e
    return None


def own_number_relations(ordered: list[Entity], text: str) -> list[Relation]:
    """ISSUED_ON / ISSUED_BY / AMENDS / IMPLEMENTS from the document's own number."""
    head = header(ordered, text)
    if head.number is None:
        return []
    own = head.number
    found = []
    if head.date is not None:
        found.append(Relation("ISSUED_ON", own.id, head.date.id))
    if head.body is not None:
        found.append(Relation("ISSUED_BY", own.id, head.body.id))
    amends = _own_title_links(own, head, ordered, text) + _own_article_amends(own, ordered, text)
    found += _first_per_document(amends, ordered)
    found += _own_opening_implements(own, head, ordered, text)
    return found


def _own_title_links(own: Entity, head: Header, ordered: list[Entity], text: str) -> list[Relation]:
    """AMENDS / IMPLEMENTS to the references the title amends or carries out (the last cue before each one).
    An item of a list after an amended reference is amended too (`Sửa đổi ... Thông tư số A hướng dẫn ...,
    Thông tư số B ...`); a reference the title names as an amender (`đã được sửa đổi bởi B`) or one whose
    cue belongs to another reference in between (`... Quyết định A về việc sửa đổi Quyết định B`) is not."""
    found: list[Relation] = []
    previous: tuple[Entity, str] | None = None
    amended: Entity | None = None  # the last reference the title amends
    for e in ordered:
        if e.label != "LEGAL_REF" or e is own or not (head.title_start <= e.start < head.title_end):
            continue
        before = text[head.title_start : e.start]
        last_cue = max(
            [(m.end(), "AMENDS") for m in OWN_AMEND_TITLE.finditer(before)]
            + [(m.end(), "IMPLEMENTS") for m in OWN_IMPLEMENT_TITLE.finditer(before)]
            + [(m.end(), "REPEAL") for m in OWN_REPEAL_TITLE.finditer(before)],
            default=None,
        )
        if previous is not None and amended is not None and _next_of_type(amended, previous[0], e, text):
            kind: str | None = "AMENDS"  # `Sửa đổi ... Thông tư số A <its title>, (và) Thông tư số B`
        else:
            kind = _own_title_cue(before, last_cue, previous)
        if kind is not None:
            found.append(Relation(kind, own.id, e.id))
        amended = e if kind == "AMENDS" else amended
        previous = (e, kind or "")
    return found


def _next_of_type(amended: Entity, previous: Entity, e: Entity, text: str) -> bool:
    """`e` is the next item of a list that opened with `amended`: joined by `,`/`và`, of the same type, with no
    amend cue of its own in between (`A (đã được sửa đổi bởi B và C)`: B and C amend A)."""
    return bool(re.search(r"(?:,|\bvà)\s*$", text[previous.end : e.start], re.I)) and \
        _doc_type(e.text) == _doc_type(amended.text) != "" and not OWN_AMEND_TITLE.search(text[amended.end : e.start])


def _own_title_cue(before: str, last_cue: tuple[int, str] | None, previous: tuple[Entity, str] | None) -> str | None:
    """The relation the title gives from the own number to the reference after `before`, or None."""
    if last_cue is None or last_cue[1] == "REPEAL":
        return None
    cue_end, kind = last_cue
    if kind == "IMPLEMENTS":
        return None if re.search(r"(?:ban\s+hành\s+)?(?:kèm\s+)?theo\s*$", before, re.I) else kind
    if AMENDED_BY.search(before) or OWN_DRAFT.search(before[:cue_end]):
        return None
    if previous is not None:
        return None  # the cue stands after another reference of the title: it is that reference's own
    return kind


# Items of a repeal article (`Điều 2. Bãi bỏ ...: 1. Quyết định số ...`) amended by the own number: off,
# the gold annotations do not link them (measured on the train split); a repeal is no AMENDS anyway.
ARTICLE_LISTS = False


def _own_article_amends(own: Entity, ordered: list[Entity], text: str) -> list[Relation]:
    """`Điều 2. Sửa đổi ...` followed by items `1. Quyết định số ...` (off); `... này thay thế <ref>`;
    an article or item that opens with `Sửa đổi` / `Thay thế` and names the amended reference."""
    found = []
    refs = [e for e in ordered if e.label == "LEGAL_REF" and e is not own]
    for lead in ARTICLE_AMEND_LEAD.finditer(text) if ARTICLE_LISTS else ():
        nxt = NEXT_ARTICLE.search(text, lead.end())
        stop = nxt.start() if nxt else len(text)
        for e in refs:
            if lead.end() <= e.start < stop and LIST_ITEM_START.search(text[max(0, e.start - 12) : e.start]):
                found.append(Relation("AMENDS", own.id, e.id))
    articles = FIRST_ARTICLE.search(text)
    recipients = RECIPIENTS.search(text, articles.end()) if articles else None
    articles_end = recipients.start() if recipients else len(text)
    previous_end = 0
    for n, e in enumerate(refs):
        before = text[max(previous_end, e.start - 250) : e.start]
        previous_end = e.end
        in_article = articles is not None and articles.start() < e.start < articles_end
        if THIS_REPLACES.search(before) or (in_article and ARTICLE_AMENDS.search(before)):
            found.append(Relation("AMENDS", own.id, e.id))
            found += [Relation("AMENDS", own.id, t.id) for t in _coordinated(e, refs[n + 1 :], text)]
    return found


def _first_per_document(relations: list[Relation], ordered: list[Entity]) -> list[Relation]:
    """One own-number AMENDS per amended document: the first found (title before articles)."""
    by_id = {e.id: e for e in ordered}
    seen: set[str] = set()
    out = []
    for rel in relations:
        if rel.type == "AMENDS":
            key = _mention_key(by_id[rel.tail].text)
            if key in seen:
                continue
            seen.add(key)
        out.append(rel)
    return out


def _own_opening_implements(own: Entity, head: Header, ordered: list[Entity], text: str) -> list[Relation]:
    """`Thực hiện <ref>...; <ref>...` in the paragraphs that open a document, before its first heading."""
    start = head.title_end
    m = FIRST_HEADING.search(text, start)
    stop = m.start() if m else min(len(text), start + 2000)
    found = []
    for para in OPENING_PARAGRAPH.finditer(text, start, stop):
        end = OPENING_END.search(text, para.end(), stop)
        para_end = end.end() if end else stop
        for e in ordered:
            if e.label != "LEGAL_REF" or not (para.start() <= e.start < para_end):
                continue
            before = text[max(0, e.start - 40) : e.start]
            if OPENING_IMPLEMENT.search(before) and not TITLE_OF_OTHER.search(before):
                found.append(Relation("IMPLEMENTS", own.id, e.id))
    return found


def _unique(relations: list[Relation]) -> list[Relation]:
    return list(dict.fromkeys(relations))


def _one_amends_per_document(relations: list[Relation], ordered: list[Entity], own_id: str | None) -> list[Relation]:
    """One AMENDS from a mention to each amended document: where a mention is linked to two mentions of one
    document (`A (sửa đổi tại B ... B sửa đổi ... của A)`), keep the one nearest to it; the first found for
    the own number (its title mention before its articles, as `own_number_relations` orders them)."""
    by_id = {e.id: e for e in ordered}
    kept: dict[tuple[str, str], Relation] = {}
    out = []
    for rel in relations:
        if rel.type != "AMENDS":
            out.append(rel)
            continue
        head, tail = by_id[rel.head], by_id[rel.tail]
        key = (rel.head, _mention_key(tail.text))
        old = kept.get(key)
        if old is None:
            kept[key] = rel
            out.append(rel)
        elif rel.head != own_id and abs(tail.start - head.start) < abs(by_id[old.tail].start - head.start):
            out[out.index(old)] = rel
            kept[key] = rel
    return out
