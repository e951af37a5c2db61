"""The rule tagger on real corpus text, one table row per pattern family."""

from __future__ import annotations

import pytest

from conftest import snippet

# (doc_id, real text from that document, expected (label, surface) spans in order)
CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # LEGAL_REF: numbered references and symbol shapes
    ("kiengiang-cchc-q3-2020", "Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ",
     [("LEGAL_REF", "Nghị quyết số 30c/NQ-CP"), ("DATE", "ngày 08/11/2011"), ("ORG", "Chính phủ")]),
    ("kiengiang-cchc-q3-2020", "Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ tướng Chính phủ",
     [("LEGAL_REF", "Quyết định số 225/QĐ-TTg"), ("DATE", "ngày 04/02/2016"), ("ORG", "Thủ tướng Chính phủ")]),
    ("kiengiang-cchc-q3-2020", "Nghị quyết số 19-NQ/TW", [("LEGAL_REF", "Nghị quyết số 19-NQ/TW")]),
    ("kiengiang-cchc-q3-2020", "Chương trình hành động số 38-CTr/TU",
     [("LEGAL_REF", "Chương trình hành động số 38-CTr/TU")]),
    ("qng-bc-cctthc-thang01-2025", "Công văn số 5633/VPCP-KSTT ngày 25/7/2023",
     [("LEGAL_REF", "Công văn số 5633/VPCP-KSTT"), ("DATE", "ngày 25/7/2023")]),
    ("tnt-2d563450d5a57ad1", "2000/QĐ-BNN-KL", [("LEGAL_REF", "2000/QĐ-BNN-KL")]),
    ("tnt-1796a553dfee88ef", "22/2016/TTLT-BNNPTNT-BTNMT", [("LEGAL_REF", "22/2016/TTLT-BNNPTNT-BTNMT")]),
    ("kiengiang-cchc-q3-2020", "Chỉ thị số 13/CT-TTg", [("LEGAL_REF", "Chỉ thị số 13/CT-TTg")]),
    # a reference broken by a line break is one span
    ("dx-254-2026-nd-cp-huong-dan-luat-quan-ly-thue-ve-hoa-don-dien-t", "Nghị định số\n347/2025/NĐ-CP",
     [("LEGAL_REF", "Nghị định số\n347/2025/NĐ-CP")]),
    ("tnt-83652dd19c6fef24", "Căn cứ Nghị định số\n78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ",
     [("LEGAL_REF", "Nghị định số\n78/2025/NĐ-CP"), ("DATE", "ngày 01 tháng 4 năm 2025"), ("ORG", "Chính phủ")]),
    # elliptical list: the second symbol is its own span
    ("tnt-db39a42d7d789171", "Quyết định 09/2022/QĐ-UBND và 08/2025/QĐ-UBND",
     [("LEGAL_REF", "Quyết định 09/2022/QĐ-UBND"), ("LEGAL_REF", "08/2025/QĐ-UBND")]),
    # laws and standards cited by name
    ("kiengiang-cchc-q3-2020", "Luật Ban hành văn bản quy phạm pháp luật năm 2015",
     [("LEGAL_REF", "Luật Ban hành văn bản quy phạm pháp luật năm 2015")]),
    ("dx-215-2026-nd-cp-an-ninh-hang-khong", "Luật Tổ chức Chính phủ số 63/2025/QH15",
     [("LEGAL_REF", "Luật Tổ chức Chính phủ số 63/2025/QH15")]),
    ("kiengiang-cchc-q3-2020", "TCVN ISO 9001:2015", [("LEGAL_REF", "TCVN ISO 9001:2015")]),
    # the header number line: the symbol without `Số:`; a blank draft number is nothing
    ("dx-thong-bao-365-2026-tb-vpcp-ket-luan-pho-thuong-tuong-tai-ho-", "Số: 365/TB-VPCP",
     [("LEGAL_REF", "365/TB-VPCP")]),
    ("vbai-ubnd-bc-cchc-quy1-2026", "Số:         /BC-UBND", []),
    # DATE
    ("dx-284-2026-nd-cp-tai-san-ma-hoa", "ngày\n09 tháng 9 năm 2025", [("DATE", "ngày\n09 tháng 9 năm 2025")]),
    ("kiengiang-cchc-q3-2020", "quý IV năm 2020", [("DATE", "quý IV năm 2020")]),
    ("dx-243-2026-nd-cp", "giai đoạn 2026 - 2030", [("DATE", "giai đoạn 2026 - 2030")]),
    ("vbai-bcd-bc-dean06-thang10-2025", "ngày       tháng 11 năm 2025", [("DATE", "tháng 11 năm 2025")]),
    # METRIC
    ("kiengiang-cchc-q3-2020", "11.093 hồ sơ", [("METRIC", "11.093 hồ sơ")]),
    ("kiengiang-cchc-q3-2020", "7.019 tài khoản", [("METRIC", "7.019 tài khoản")]),
    ("kiengiang-cchc-q3-2020", "145/145 xã, phường, thị trấn", [("METRIC", "145/145 xã, phường, thị trấn")]),
    ("kiengiang-cchc-q3-2020", "01 kỳ/15 phút", [("METRIC", "01 kỳ/15 phút")]),
    ("dx-nghi-dinh-137-2026-nd-cp-kinh-doanh-da-cap", "01 tỷ đồng", [("METRIC", "01 tỷ đồng")]),
    ("dx-215-2026-nd-cp-an-ninh-hang-khong", "1,5%", [("METRIC", "1,5%")]),
    # LOC, with and without diacritics; ORG with a place inside
    ("kiengiang-cchc-q3-2020", "tỉnh Kien Giang", [("LOC", "tỉnh Kien Giang")]),
    ("kiengiang-cchc-q3-2020", "Ủy ban nhân dân tỉnh Kien Giang", [("ORG", "Ủy ban nhân dân tỉnh Kien Giang")]),
    ("kiengiang-cchc-q3-2020", "Sở Y tế Kiên Giang", [("ORG", "Sở Y tế Kiên Giang")]),
    ("tnt-83652dd19c6fef24", "ỦY BAN NHÂN DÂN\n\nTỈNH QUẢNG TRỊ", [("ORG", "ỦY BAN NHÂN DÂN\n\nTỈNH QUẢNG TRỊ")]),
    ("tnt-83652dd19c6fef24", "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM", [("LOC", "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM")]),
    ("tnt-3066a06b520a2418", "Hội đồng nhân dân thành phố Huế khóa VIII",
     [("ORG", "Hội đồng nhân dân thành phố Huế")]),
    ("kiengiang-cchc-q3-2020", "Chủ tịch Ủy ban nhân dân tỉnh", [("ORG", "Chủ tịch Ủy ban nhân dân tỉnh")]),
    # PER: a signature name
    ("tnt-83652dd19c6fef24", "PHÓ CHỦ TỊCH\nPhan Phong Phú", [("PER", "Phan Phong Phú")]),
]


@pytest.mark.parametrize(("doc_id", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_rule_tagger_on_corpus_text(rule_tagger, doc_id: str, text: str, expected) -> None:
    real = snippet(doc_id, text)
    found = [(s.label, real[s.start : s.end]) for s in rule_tagger.tag(real)]
    assert found == expected


@pytest.mark.parametrize(
    ("doc_id", "text", "surface"),
    [
        ("tnt-83652dd19c6fef24", "Điều 1. Bãi bỏ", "1"),
        ("kiengiang-cchc-q3-2020", "Khóa XII", "XII"),
        ("tnt-83652dd19c6fef24", "ngày\n18 tháng 11 năm 2025", "18"),
    ],
)
def test_numbers_that_are_not_metrics(rule_tagger, doc_id: str, text: str, surface: str) -> None:
    """Article numbers, ordinals and numbers inside dates never come out as METRIC."""
    from vngov_ie.corpus import corpus_text

    full = corpus_text(doc_id)
    assert text in full
    labels = [(s.label, full[s.start : s.end]) for s in rule_tagger.tag(full)]
    assert not any(label == "METRIC" and span == surface for label, span in labels)


def test_row_numbers_of_a_table_are_no_metric_but_its_values_are(rule_tagger) -> None:
    """`| 1 | Xã Phan Rí Cửa | II |  | 2 | ...`: the counting column numbers rows; a value column stays METRIC."""
    rows = snippet("vbai-ubnd-bc-tuyen-diaban-trongdiem-matuy-2025",
                   "STT | Đơn vị | Phân loại |  | 1 | Xã Phan Rí Cửa | II |  | 2 | Phường Xuân Hương - Đà Lạt | III |  | 3 | Phường Cam Ly")
    assert not [s for s in rule_tagger.tag(rows) if s.label == "METRIC"]
    values = snippet("vbai-ubnd-bc-cchc-quy1-2026", "Nhiệm vụ | 21 | Có 6/21")
    assert ("METRIC", "21") in [(s.label, values[s.start : s.end]) for s in rule_tagger.tag(values)]


def test_spans_are_ordered_and_disjoint(rule_tagger, corpus_dir) -> None:
    from vngov_ie.corpus import corpus_text

    spans = rule_tagger.tag(corpus_text("kiengiang-cchc-q3-2020"))
    assert len(spans) > 200
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
