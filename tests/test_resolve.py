"""Value resolution on real corpus text: legal ids, metrics, dates, places, bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, snippet
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.link import link_relations
from vngov_ie.resolve import (
    LegalId,
    normalise_org,
    parse_date,
    parse_legal_ref,
    parse_metric,
    probable_aliases,
    resolve_document,
    resolve_place,
    with_issue_date,
)
from vngov_ie.types import Annotation

KG = "kiengiang-cchc-q3-2020"


@pytest.mark.parametrize(
    ("doc_id", "surface", "canonical"),
    [
        (KG, "Nghị định số 61/2018/NĐ-CP", "nghi_dinh/61/2018/ND-CP"),
        (KG, "Quyết định số 846/QĐ-TTg", "quyet_dinh/846/QD-TTG"),
        (KG, "Chương trình hành động số 38-CTr/TU", "chuong_trinh/38/CTR-TU"),
        (KG, "Nghị quyết số 30c/NQ-CP", "nghi_quyet/30c/NQ-CP"),
        (KG, "Luật Ban hành văn bản quy phạm pháp luật năm 2015", "luat/ban_hanh_van_ban_quy_pham_phap_luat/2015"),
        (KG, "TCVN ISO 9001:2015", "tieu_chuan/tcvn_iso_9001_2015"),
        ("tnt-005d8820eb95c1cb", "Luật Doanh nghiệp", "luat/doanh_nghiep"),
        ("tnt-24c7124ec6b2bf61", "Quyết định số\n7619/QĐ-BCA", "quyet_dinh/7619/QD-BCA"),
        ("tnt-24c7124ec6b2bf61", "Nghị quyết số 163/2024/QH15", "nghi_quyet/163/2024/QH15"),
    ],
)
def test_legal_ids_of_real_references(doc_id: str, surface: str, canonical: str) -> None:
    assert parse_legal_ref(snippet(doc_id, surface)).canonical == canonical


@pytest.mark.parametrize(
    "variant",
    ["Nghị định số 61/2018/NĐ-CP", "NĐ 61/2018/NĐ-CP", "Nghị định 61/2018/NĐ-CP", "Nghị định số\n61/2018/NĐ-CP",
     "Nghị định số 61/2018/NĐ- CP", "61/2018/NĐ-CP"],
)
def test_variants_of_one_reference_give_one_id(variant: str) -> None:
    assert parse_legal_ref(variant).canonical == "nghi_dinh/61/2018/ND-CP"


@pytest.mark.parametrize(
    ("surface", "doc_type"),
    [("846/QĐ-TTg", "quyet_dinh"), ("08/NQ-CP", "nghi_quyet"), ("65/2024/TT-BCA", "thong_tu"), ("27/CT-TTg", "chi_thi"),
     ("597/KH-UBND", "ke_hoach"), ("365/TB-VPCP", "thong_bao"), ("215/BC-UBND", "bao_cao"), ("4625/BNV-CCHC", "cong_van"),
     ("46/CĐ-TTg", "cong_dien"), ("19-NQ/TW", "nghi_quyet"), ("02-TT/TU", "thong_tri"), ("Luật số 59/2020/QH14", "luat"),
     ("Kế hoạch số 6159/UBND-NC", "ke_hoach"), ("Nghị quyết số 60/2024/UBTVQH15", "nghi_quyet")],
)
def test_type_from_the_symbol_when_the_word_is_missing(surface: str, doc_type: str) -> None:
    assert parse_legal_ref(surface).doc_type == doc_type


def test_laws_by_name_and_number() -> None:
    assert parse_legal_ref("Luật Doanh nghiệp năm 2020").canonical == "luat/doanh_nghiep/2020"
    numbered = parse_legal_ref("Luật Doanh nghiệp\nsố 59/2020/QH14")
    assert numbered.canonical == "luat/59/2020/QH14" and numbered.name == "doanh_nghiep"
    assert parse_legal_ref("Luật Ban hành văn bản QPPL").canonical == "luat/ban_hanh_van_ban_quy_pham_phap_luat"


def test_same_symbol_two_years_gives_two_ids() -> None:
    """`846/QĐ-TTg` of 2017 and of 2018 (kiengiang-cchc-q3-2020): the ISSUED_ON year tells them apart."""
    gold = read_annotation(REPO / "annotations" / f"{KG}.json")
    text = corpus_text(KG)
    pred = Annotation(gold.doc_id, gold.text_sha256, gold.entities, link_relations(gold.entities, text))
    res = resolve_document(pred, text)
    ids = {res.legal[e.id].canonical for e in gold.entities if "846/QĐ-TTg" in e.text}
    assert ids == {"quyet_dinh/846/2017/QD-TTG", "quyet_dinh/846/2018/QD-TTG"}
    # a year-less mention of a symbol the document dates once takes that year
    sixty_one = {res.legal[e.id].canonical for e in gold.entities if "61/2018/NĐ-CP" in e.text}
    assert sixty_one == {"nghi_dinh/61/2018/ND-CP"}


def test_issue_date_fills_the_year() -> None:
    legal = with_issue_date(parse_legal_ref("Nghị quyết số 30c/NQ-CP"), parse_date("ngày 08/11/2011"))
    assert legal.canonical == "nghi_quyet/30c/2011/NQ-CP" and legal.date == "2011-11-08"


def test_misspelt_symbols_are_flagged_not_merged() -> None:
    a = with_issue_date(parse_legal_ref(snippet(KG, "Chương trình hành động số 38-Tr/TU")), parse_date("ngày 11/4/2018"))
    b = with_issue_date(parse_legal_ref(snippet(KG, "Chương trình hành động số 38-CTr/TU")), parse_date("ngày 11/4/2018"))
    assert a.canonical != b.canonical
    assert probable_aliases([a, b]) == [("chuong_trinh/38/2018/CTR-TU", "chuong_trinh/38/2018/TR-TU")]
    other = LegalId("thong_bao", "38", 2018, "TB-TU")
    assert probable_aliases([b, other]) == []  # two known types: two documents


@pytest.mark.parametrize(
    ("surface", "value", "unit", "total"),
    [("11.093 hồ sơ", 11093, "hồ sơ", None), ("63,26%", 0.6326, "%", None), ("145/145 xã, phường, thị trấn", 145,
     "xã, phường, thị trấn", 145), ("01 kỳ/15 phút", 1, "kỳ/15 phút", None), ("46 điểm", 46, "điểm", None),
     ("2.100 triệu đồng", 2.1e9, "VND", None), ("96.5%", 0.965, "%", None), ("hai cấp", 2, "cấp", None),
     ("03\n(ba) nhân viên", 3, "nhân viên", None), ("9,38/ 10", 9.38, "", 10)],
)
def test_metric_values(surface: str, value: float, unit: str, total: float | None) -> None:
    metric = parse_metric(surface)
    assert metric.value == pytest.approx(value) and metric.unit == unit and metric.total == total


def test_metric_from_corpus() -> None:
    assert parse_metric("1,5 tỷ đồng").value == 1.5e9
    assert parse_metric(snippet(KG, "11.093 hồ sơ")).value == 11093
    assert parse_metric(snippet(KG, "63,26%")).value == pytest.approx(0.6326)


@pytest.mark.parametrize(
    ("surface", "iso"),
    [("ngày 23/4/2018", "2018-04-23"), ("ngày 14 tháng 9 năm 2020", "2020-09-14"),
     ("quý III năm 2020", "2020-07-01/2020-09-30"), ("năm 2020", "2020"), ("giai đoạn 2016-2020", "2016/2020"),
     ("giai đoạn 2016 - 2020", "2016/2020"), ("tháng 12 năm 2025", "2025-12"), ("tháng 01/2025", "2025-01"),
     ("ngày\n27 tháng 11 năm 2025", "2025-11-27"), ("6 tháng đầu năm 2025", "2025-01-01/2025-06-30"),
     ("ngày 17 đến ngày 20 tháng 11 năm 2025", "2025-11-17/2025-11-20"), ("Quí IV-2025", "2025-10-01/2025-12-31"),
     ("ngày 25/12", "--12-25"), ("quý IV", "--10/--12")],
)
def test_dates(surface: str, iso: str) -> None:
    assert parse_date(surface).iso == iso


def test_yearless_dates_take_the_documents_year() -> None:
    assert parse_date("ngày 25/12", doc_year=2025).iso == "2025-12-25"
    assert parse_date(snippet(KG, "quý IV"), doc_year=2020).iso == "2020-10-01/2020-12-31"
    assert parse_date("ngày 22 tháng 1] năm 20109") is None  # OCR noise is not a date


@pytest.mark.parametrize("surface", ["tỉnh Kien Giang", "tỉnh Kiên Giang", "Kiên Giang", "TỈNH KIÊN GIANG"])
def test_place_before_and_after_the_merger(surface: str) -> None:
    place = resolve_place(surface)
    assert place.key == "tinhkiengiang"
    assert (place.before, place.after) == ("Tỉnh Kiên Giang", "Tỉnh An Giang")


def test_places_of_a_real_report() -> None:
    assert resolve_place(snippet(KG, "tỉnh Kien Giang")).after == "Tỉnh An Giang"
    ward = resolve_place("xã Bình Sơn", "tinhkiengiang")
    assert ward.level == "ward" and ward.after == "Xã Bình Sơn, Tỉnh An Giang"
    assert resolve_place(snippet("tnt-24c7124ec6b2bf61", "CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM")).key == "country/viet_nam"


def test_bodies_are_normalised_against_the_documents_province() -> None:
    lam_dong = resolve_place("Lâm Đồng")
    assert normalise_org("UBND tỉnh", lam_dong).name == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert normalise_org("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG").key == normalise_org("UBND tỉnh", lam_dong).key
    assert normalise_org("TT HĐND tỉnh", lam_dong).name == "Thường trực Hội đồng nhân dân tỉnh Lâm Đồng"
    assert normalise_org("BỘ TÀI CHÍNH").name == "Bộ Tài chính"


def test_document_province_and_date_from_the_header() -> None:
    doc = "tnt-24c7124ec6b2bf61"
    gold = read_annotation(Path(REPO / "annotations" / f"{doc}.json"))
    res = resolve_document(gold, corpus_text(doc))
    assert res.doc_date.iso == "2025-11-17"
    assert res.province.key == "thanhphocantho"
    assert res.legal[res.own_number].canonical == "ke_hoach/153/2025/KH-UBND"
