"""AMENDS and IMPLEMENTS from the relation linker, on short sentences written as the corpus writes them and on a
real report."""

from __future__ import annotations

from conftest import REPO
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.link import link_relations
from vngov_ie.types import Entity


def _entities(text: str, spans: list[tuple[str, str]]) -> list[Entity]:
    """Entities for `(label, surface)` pairs, found in text order (each after the previous one)."""
    found, cursor = [], 0
    for n, (label, surface) in enumerate(spans, 1):
        start = text.index(surface, cursor)
        found.append(Entity(f"T{n}", label, start, start + len(surface), surface))
        cursor = start + len(surface)
    return found


def _amends(text: str, spans: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """AMENDS as (head surface, tail surface) pairs."""
    ents = _entities(text, spans)
    by_id = {e.id: e.text for e in ents}
    return {(by_id[r.head], by_id[r.tail]) for r in link_relations(ents, text) if r.type == "AMENDS"}


def test_amending_decree_across_a_wrapped_line() -> None:
    text = ("Căn cứ Nghị định số\n187/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ sửa đổi, bổ sung một số\n"
            "điều của Nghị định số 78/2025/NĐ-CP ngày 01/4/2025 của Chính phủ;\n")
    spans = [("LEGAL_REF", "Nghị định số\n187/2025/NĐ-CP"), ("DATE", "ngày 01 tháng 7 năm 2025"), ("ORG", "Chính phủ"),
             ("LEGAL_REF", "Nghị định số 78/2025/NĐ-CP"), ("DATE", "ngày 01/4/2025"), ("ORG", "Chính phủ")]
    assert _amends(text, spans) == {("Nghị định số\n187/2025/NĐ-CP", "Nghị định số 78/2025/NĐ-CP")}


def test_passive_amendment_points_from_the_amender() -> None:
    text = ("Căn cứ khoản 3 Điều 18 Thông tư số\n219/2013/TT-BTC ngày 31/12/2013 của Bộ Tài chính (được sửa đổi, bổ sung\n"
            "tại khoản 3 Điều 1 Thông tư số 130/2016/TT-BTC ngày\n12/8/2016 của Bộ Tài chính);\n")
    spans = [("LEGAL_REF", "Thông tư số\n219/2013/TT-BTC"), ("DATE", "ngày 31/12/2013"), ("ORG", "Bộ Tài chính"),
             ("LEGAL_REF", "Thông tư số 130/2016/TT-BTC"), ("DATE", "ngày\n12/8/2016"), ("ORG", "Bộ Tài chính")]
    assert _amends(text, spans) == {("Thông tư số 130/2016/TT-BTC", "Thông tư số\n219/2013/TT-BTC")}


def test_amending_law_cited_by_name_amends_the_law_before_it() -> None:
    text = ("Căn cứ Luật Ban hành văn bản\nquy phạm pháp luật số 64/2025/QH15;\n\nCăn cứ Luật sửa đổi, bổ sung\n"
            "một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;\n")
    old = "Luật Ban hành văn bản\nquy phạm pháp luật số 64/2025/QH15"
    new = "Luật sửa đổi, bổ sung\nmột số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15"
    assert _amends(text, [("LEGAL_REF", old), ("LEGAL_REF", new)]) == {(new, old)}


def test_repeal_is_no_amendment() -> None:
    text = ("Số: 74/2025/NQ-HĐND\nHà Nội, ngày 27 tháng 11 năm 2025\nNGHỊ QUYẾT\nBÃI BỎ NGHỊ QUYẾT SỐ\n"
            "30/2013/NQ-HĐND NGÀY 06 THÁNG 12 NĂM 2013\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
            "Điều 1. Bãi bỏ toàn bộ Nghị quyết số 30/2013/NQ-HĐND.\n")
    spans = [("LEGAL_REF", "74/2025/NQ-HĐND"), ("DATE", "ngày 27 tháng 11 năm 2025"),
             ("LEGAL_REF", "NGHỊ QUYẾT SỐ\n30/2013/NQ-HĐND"), ("LEGAL_REF", "Luật Tổ chức chính quyền địa phương"),
             ("LEGAL_REF", "Nghị quyết số 30/2013/NQ-HĐND")]
    assert _amends(text, spans) == set()


def test_own_number_amends_each_document_of_its_title_once() -> None:
    text = ("Số: 54/2025/TT-BCT\nHà Nội, ngày 21 tháng 11 năm 2025\n\nTHÔNG TƯ\n\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA "
            "THÔNG TƯ SỐ 09/2025/TT-BCT HƯỚNG DẪN THỰC HIỆN KHUNG GIÁ PHÁT ĐIỆN, THÔNG TƯ SỐ 12/2025/TT-BCT QUY ĐỊNH GIÁ "
            "DỊCH VỤ PHÁT ĐIỆN\n\nCăn cứ Luật Điện lực số 61/2024/QH15;\n\n"
            "Điều 2. Sửa đổi, bổ sung một số điều của Thông tư số 12/2025/TT-BCT như sau:\n")
    spans = [("LEGAL_REF", "54/2025/TT-BCT"), ("DATE", "ngày 21 tháng 11 năm 2025"),
             ("LEGAL_REF", "THÔNG TƯ SỐ 09/2025/TT-BCT"), ("LEGAL_REF", "THÔNG TƯ SỐ 12/2025/TT-BCT"),
             ("LEGAL_REF", "Luật Điện lực số 61/2024/QH15"), ("LEGAL_REF", "Thông tư số 12/2025/TT-BCT")]
    assert _amends(text, spans) == {("54/2025/TT-BCT", "THÔNG TƯ SỐ 09/2025/TT-BCT"),
                                    ("54/2025/TT-BCT", "THÔNG TƯ SỐ 12/2025/TT-BCT")}


def test_draft_named_before_the_cue_is_the_amender() -> None:
    text = ("Xét Tờ trình số 16481/TTr-UBND ngày 14 tháng 11 năm 2025 của Ủy ban nhân dân thành phố về dự\n"
            "thảo Nghị quyết sửa đổi, bổ sung một số điều của Quy định kèm theo Nghị quyết số\n09/2022/NQ-HĐND;\n")
    spans = [("LEGAL_REF", "Tờ trình số 16481/TTr-UBND"), ("DATE", "ngày 14 tháng 11 năm 2025"),
             ("ORG", "Ủy ban nhân dân thành phố"), ("LEGAL_REF", "Nghị quyết số\n09/2022/NQ-HĐND")]
    assert _amends(text, spans) == set()


def test_own_decision_that_replaces_another_in_its_articles() -> None:
    text = ("Số: 170/QĐ-BCĐNNDL\nHà Nội, ngày 21 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\nBAN HÀNH QUY CHẾ HOẠT ĐỘNG\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động.\n\nĐiều 2. Quyết định này có\n"
            "hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 167/QĐ-BCĐNNDL ngày\n29 tháng 7 năm 2013.\n")
    spans = [("LEGAL_REF", "170/QĐ-BCĐNNDL"), ("DATE", "ngày 21 tháng 11 năm 2025"),
             ("LEGAL_REF", "Quyết định số 167/QĐ-BCĐNNDL"), ("DATE", "ngày\n29 tháng 7 năm 2013")]
    assert _amends(text, spans) == {("170/QĐ-BCĐNNDL", "Quyết định số 167/QĐ-BCĐNNDL")}


def test_a_lettered_item_blocks_links_from_the_heading_above_it() -> None:
    """`4. Kết quả ... liên quan đến Đề án 06\na) Cao điểm ... (Báo cáo số 15/BC-CAT-PC06 ...)`: the item's
    report does not carry out the document named in the heading (the block once held only because the
    range [À-Ỹ] took the lower-case `đ` of `đ)` for a capital)."""
    doc_id = "vbai-bcd-bc-dean06-thang9-2025"
    gold, text = read_annotation(REPO / "annotations" / f"{doc_id}.json"), corpus_text(doc_id)
    by_id = {e.id: e.text for e in gold.entities}
    pairs = {(by_id[r.head], by_id[r.tail]) for r in link_relations(gold.entities, text) if r.type == "IMPLEMENTS"}
    assert ("Đề án 06", "Báo cáo số 15/BC-CAT-PC06") not in pairs
    assert ("văn bản số 6084/TCT", "Đề án 06") not in pairs
