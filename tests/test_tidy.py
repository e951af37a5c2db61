"""The span fixes every tagger's output goes through (`tag.tidy`), on real reports."""

from __future__ import annotations

from functools import lru_cache

import pytest

from vngov_ie.corpus import corpus_text
from vngov_ie.normalise import normalise
from vngov_ie.rules.tagger import table_row_numbers
from vngov_ie.tag import tidy
from vngov_ie.types import Span

SCORES = "vbai-hdtd-bc-thamdinh-chiso-cchc-2025"  # assessment scores, one commune per line
INDICES = "vbai-snv-bc-chiso-par-sipas-papi-pci-766-06-11"  # a `|` table of scores out of a maximum
ASSOCIATIONS = "vbai-snv-ttr3367-baocao-hoi-quanchung-binhthuan"  # lists of associations
PRICES = "tnt-d5ffa6afac124d52"  # a price table citing `QĐ 66`
HIGHWAYS = "tnt-50f694478a35aefd"  # `Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang, ...`


@lru_cache(maxsize=None)
def text_of(doc_id: str) -> str:
    return normalise(corpus_text(doc_id)).text


def span_of(text: str, phrase: str, label: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), label)


def texts(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in spans]


def test_figures_side_by_side_are_one_metric_each() -> None:
    text = text_of(SCORES)
    row = span_of(text, "74,00 70,43 56,50 76,35%", "METRIC")
    name = span_of(text, "UBND xã Đam Rông 2", "ORG")
    assert texts(text, tidy.split_number_runs(text, [name, row])) == [
        ("UBND xã Đam Rông 2", "ORG"), ("74,00", "METRIC"), ("70,43", "METRIC"), ("56,50", "METRIC"), ("76,35%", "METRIC"),
    ]


def test_row_numbers_at_line_starts_are_found() -> None:
    """`43 UBND xã Hàm Thuận Nam 11,855 79,035%`: the 43 counts rows; the figures after the name do not."""
    text = text_of(SCORES)
    rows = table_row_numbers(text)
    forty_three = span_of(text, "\n43 UBND xã Hàm Thuận Nam", "O")
    assert (forty_three.start + 1, forty_three.start + 3) in rows
    score = span_of(text, "11,855", "METRIC")
    assert (score.start, score.end) not in rows
    assert len(rows) > 100 and all(text[s:e].isdigit() for s, e in rows)


def test_a_figure_after_a_name_is_split_off() -> None:
    text = text_of(SCORES)
    swallowed = span_of(text, "UBND xã Quảng Tín 12,106", "ORG")
    assert texts(text, tidy.split_trailing_figures(text, [swallowed])) == [
        ("UBND xã Quảng Tín", "ORG"), ("12,106", "METRIC"),
    ]
    numbered_name = span_of(text, "UBND xã Đam Rông 2", "ORG")  # an integer can end a name
    assert tidy.split_trailing_figures(text, [numbered_name]) == [numbered_name]


def test_a_score_over_its_maximum_is_one_metric_across_a_line_break() -> None:
    text = text_of(INDICES)
    score = span_of(text, "9,49/\n9,5", "METRIC")
    halves = [Span(score.start, score.start + 4, "METRIC"), Span(score.end - 3, score.end, "METRIC")]
    assert tidy.join_fractions(text, halves) == [score]
    numerator_only = span_of(text, "11,24/\n13", "METRIC")
    assert tidy.join_fractions(text, [Span(numerator_only.start, numerator_only.start + 5, "METRIC")]) == [numerator_only]
    percent = span_of(text, "99,9%", "METRIC")
    assert tidy.join_fractions(text, [score, percent]) == [score, percent]  # `| 99,9%` is another cell


def test_coordinated_bodies_are_split_at_each_head() -> None:
    text = text_of(ASSOCIATIONS)
    pair = span_of(text, "Hội Y học, Hiệp Hội Du lịch", "ORG")
    assert texts(text, tidy.split_coordinated_bodies(text, [pair])) == [("Hội Y học", "ORG"), ("Hiệp Hội Du lịch", "ORG")]
    joined = span_of(text, "Liên đoàn cầu lông và Hội Golf", "ORG")
    assert texts(text, tidy.split_coordinated_bodies(text, [joined])) == [
        ("Liên đoàn cầu lông", "ORG"), ("Hội Golf", "ORG"),
    ]


@pytest.mark.parametrize("doc_id, name", [
    ("tnt-db39a42d7d789171", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),  # one office of two bodies
    ("kiengiang-cchc-q3-2020", "PCT, UBND tỉnh"),  # a position before its body
])
def test_one_body_with_and_in_its_name_stays_whole(doc_id: str, name: str) -> None:
    text = text_of(doc_id)
    span = span_of(text, name, "ORG")
    assert tidy.split_coordinated_bodies(text, [span]) == [span]


def test_a_type_abbreviation_with_a_number_is_a_reference() -> None:
    text = text_of(PRICES)
    ref = span_of(text, "QĐ 66", "LEGAL_REF")
    number = Span(ref.end - 2, ref.end, "METRIC")
    fixed = tidy.short_references(text, [number])
    assert ref in fixed and number not in fixed
    overlong = Span(ref.start, text.index("\n", ref.end + 1), "LEGAL_REF")  # `QĐ 66\n7`
    fixed = tidy.short_references(text, [overlong])
    assert ref in fixed and overlong not in fixed
    assert len(tidy.SHORT_REFERENCE.findall(text)) > 50


def test_names_listed_after_a_plural_body_are_bodies() -> None:
    text = text_of(SCORES)
    head = text.index("UBND các\nxã:")
    listed = Span(text.index("Hòa Thắng", head), text.index("Hòa Thắng", head) + len("Hòa Thắng"), "LOC")
    assert tidy.bodies_in_lists(text, [listed]) == [Span(listed.start, listed.end, "ORG")]


def test_the_list_of_bodies_ends_at_its_predicate() -> None:
    """`UBND các tỉnh, thành phố: Tuyên Quang, Đồng Nai, ... quyết liệt chỉ đạo ... Vành đai 3 Thành phố
    Hồ Chí Minh`: the provinces name bodies; the city in the project's name stays a place."""
    text = text_of(HIGHWAYS)
    head = text.index("Ủy ban nhân dân các tỉnh, thành phố:")
    listed = Span(text.index("Đồng Nai", head), text.index("Đồng Nai", head) + 8, "LOC")
    city_start = text.index("Vành đai 3 Thành phố Hồ Chí Minh", head) + len("Vành đai 3 ")
    city = Span(city_start, city_start + len("Thành phố Hồ Chí Minh"), "LOC")
    assert [s.label for s in tidy.bodies_in_lists(text, [listed, city])] == ["ORG", "LOC"]


def test_the_pipeline_applies_the_fixes_to_the_default_tagger() -> None:
    from vngov_ie.pipeline import extract, get_tagger
    from vngov_ie.types import Document

    raw = corpus_text(SCORES)
    found = extract(Document(SCORES, raw), get_tagger("crf")).entities
    metrics = [raw[e.start : e.end] for e in found if e.label == "METRIC"]
    assert metrics and not any(" " in m and all(part[0].isdigit() for part in m.split()) for m in metrics)
    assert normalise(raw).text == raw  # so offsets into the normalised text are offsets into `raw`
    rows = table_row_numbers(raw)
    assert not {(e.start, e.end) for e in found if e.label == "METRIC"} & rows


def test_small_figures_alone_on_their_lines_are_table_cells() -> None:
    """`3\\n1\\n18\\n54\\n97.211`: sample counts in a price table flattened one cell per line."""
    text = text_of(PRICES)
    run = text.index("\n3\n1\n18\n54\n") + 1
    cells = tidy.figure_cells(text, [])
    found = {text[s.start : s.end] for s in cells if run <= s.start < run + 10}
    assert found == {"3", "1", "18", "54"} and all(s.label == "METRIC" for s in cells)
    tagged = Span(run, run + 1, "ORG")  # a tagger's own span is kept as it is
    assert not [s for s in tidy.figure_cells(text, [tagged]) if s.start == run and s.label == "METRIC"]


def test_a_row_number_before_a_procedure_code_is_no_cell() -> None:
    """`7\\n1014217\\nLấy ý kiến ...`: the row number sits above a procedure code, not a figure."""
    text = text_of("tnt-f08ec790b7b2c9c5")
    row = text.index("\n7\n1014217\n") + 1
    assert not [s for s in tidy.figure_cells(text, []) if s.start in (row, row + 2)]


def test_coordinated_references_are_split_but_not_an_amending_law() -> None:
    text = text_of("tnt-2f6f80b9918e52de")  # a plan implementing the Employment Law
    pair = span_of(text, "Luật Ngân sách nhà nước và Luật Việc làm", "LEGAL_REF")
    assert texts(text, tidy.split_coordinated_references(text, [pair])) == [
        ("Luật Ngân sách nhà nước", "LEGAL_REF"), ("Luật Việc làm", "LEGAL_REF"),
    ]
    text = text_of("tnt-86367f2ddb2225cd")
    overrun = span_of(text, "Luật Đầu tư công và pháp luật", "LEGAL_REF")
    assert texts(text, tidy.split_coordinated_references(text, [overrun])) == [("Luật Đầu tư công", "LEGAL_REF")]
    text = text_of("tnt-150d48a05ed57aa3")
    amending = span_of(text, "Luật sửa\nđổi, bổ sung một số điều của luật đấu thầu, luật đầu tư", "LEGAL_REF")
    assert tidy.split_coordinated_references(text, [amending]) == [amending]


def test_a_name_cut_at_its_apostrophe_is_joined() -> None:
    text = text_of(SCORES)
    name = "UBND phường B’Lao" if "UBND phường B’Lao" in text else "UBND phường B'Lao"
    whole = span_of(text, name, "ORG")
    cut = Span(whole.start, whole.end - 4, "ORG")
    joined = tidy.join_apostrophe_names(text, [cut, Span(cut.end + 1, cut.end + 4, "LOC")])
    assert joined == [whole]


def test_a_rank_among_the_provinces_is_no_metric() -> None:
    text = text_of(INDICES)
    rank = span_of(text, "12/63", "METRIC")
    score = span_of(text, "99,9%", "METRIC")
    assert tidy.drop_province_ranks(text, [score, rank]) == [score]
    counted = span_of(text_of("vbai-hdtd-bc-thamdinh-chiso-cchc-2025"), "15 cơ quan", "METRIC")
    assert tidy.drop_province_ranks(text_of("vbai-hdtd-bc-thamdinh-chiso-cchc-2025"), [counted]) == [counted]


def test_grouped_figures_alone_on_their_lines_are_cells_but_codes_are_not() -> None:
    text = text_of(PRICES)
    pair = text.index("\n48.440\n2.615.760\n") + 1
    found = {text[s.start : s.end] for s in tidy.figure_cells(text, []) if pair <= s.start < pair + 17}
    assert found == {"48.440", "2.615.760"}
    text = text_of("tnt-ca72de8fb3033d5c")  # procedure codes `1.014190` below their row numbers
    code = text.index("\n1\n1.014190\n") + 1
    assert not [s for s in tidy.figure_cells(text, []) if code <= s.start < code + 10]


def test_whole_bodies_on_consecutive_lines_are_split_but_a_position_is_not() -> None:
    text = text_of("tnt-31786b0833a4130d")  # a table of tasks with one body per line
    cells = span_of(text, "Ban Quản lý các khu công nghệ cao và khu công nghiệp\nSở Tài chính", "ORG")
    assert texts(text, tidy.split_coordinated_bodies(text, [cells])) == [
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "ORG"), ("Sở Tài chính", "ORG"),
    ]
    text = text_of("tnt-c81379258ef3a44f")
    minister = span_of(text, "Bộ trưởng\nBộ Tài chính", "ORG")
    assert tidy.split_coordinated_bodies(text, [minister]) == [minister]
    text = text_of("dx-32-2026-nq-cp")
    hospitals = span_of(text, "Bệnh viện Bạch Mai và Bệnh viện Hữu nghị Việt Đức", "ORG")
    assert len(tidy.split_coordinated_bodies(text, [hospitals])) == 2


def test_a_person_leaves_out_the_position_and_a_street_is_no_person() -> None:
    text = text_of("tnt-d97b35347d17f96f")  # `- Đ/c PGĐ Phạm Quốc Toản;` in the recipients
    titled = span_of(text, "PGĐ Phạm Quốc Toản", "PER")
    assert texts(text, tidy.person_spans(text, [titled])) == [("Phạm Quốc Toản", "PER")]
    text = text_of("tnt-ca72de8fb3033d5c")  # `Địa chỉ: 258 Võ Chí Công, phường Tây Hồ`
    street = span_of(text, "Võ Chí Công", "PER")
    assert tidy.person_spans(text, [street]) == []


def test_the_drafter_in_a_filing_line_is_a_person_and_the_codes_are_nothing() -> None:
    text = text_of("tnt-c5d930a5fc8373cd")  # `- Lưu: VT, NC (TP, Dũng).`
    line = span_of(text, "VT, NC (TP, Dũng)", "O")
    assert texts(text, tidy.filing_lines(text, [])) == [("Dũng", "PER")]
    code = span_of(text, "NC", "ORG", occurrence=text[: line.start].count("NC"))
    assert texts(text, tidy.filing_lines(text, [code])) == [("Dũng", "PER")]
    text = text_of("tnt-31fb08f34535fce3")  # `(MT.Tấn)`: the code's letters are no part of the name
    assert texts(text, tidy.filing_lines(text, [span_of(text, "MT.Tấn", "PER")])) == [("Tấn", "PER")]
    text = text_of("tnt-7bcbaa914bb254d9")  # initials stay with the name
    assert texts(text, tidy.filing_lines(text, [])) == [("N.Đ.Minh", "PER")]
    text = text_of("tnt-f004d93b21e7fc5f")  # `(Ch-CĐS15)`: a code, not a syllable
    assert tidy.filing_lines(text, [span_of(text, "Ch-CĐS15", "PER")]) == []
    text = text_of("tnt-f08cdc4c1a96afa2")  # `Hcc3` has no vowel
    assert tidy.filing_lines(text, []) == []
    written = "- Lưu: VT, Phòng KT, Sở Nội vụ, Trung tâm CNTT (2b), Trung.\n"  # bodies are no drafters
    assert texts(written, tidy.filing_lines(written, [])) == [("Trung", "PER")]
    text = text_of("tnt-71ce6a1744e0ae6c")  # `(3). ĐND`: initials a tagger found stay
    initials = span_of(text, "ĐND", "PER")
    assert tidy.filing_lines(text, [initials]) == [initials]


def test_a_name_after_a_unit_word_is_the_place_and_a_row_number_goes() -> None:
    text = text_of(SCORES)  # `18 UBND phường Tiến Thành 12,776 85,175%`
    row = span_of(text, "18 UBND phường", "METRIC")
    name = Span(row.end + 1, row.end + 1 + len("Tiến Thành"), "PER")
    assert texts(text, tidy.places_after_units(text, [row, name])) == [("UBND phường Tiến Thành", "ORG")]
    assert texts(text, tidy.places_after_units(text, [name])) == [("phường Tiến Thành", "LOC")]


def test_ho_chi_minh_after_his_thought_is_the_person() -> None:
    text = text_of("tnt-99c7d8fff9e4572e")  # `tư tưởng, đạo đức, phong\ncách Hồ Chí Minh`
    person = span_of(text, "cách Hồ Chí Minh", "O")
    as_body = Span(person.start + 5, person.end, "ORG")
    assert texts(text, tidy.ho_chi_minh_the_person(text, [as_body])) == [("Hồ Chí Minh", "PER")]
    text = text_of(HIGHWAYS)  # `Vành đai 3 Thành phố Hồ Chí Minh`: the city
    assert "Thành phố Hồ Chí Minh" in text and tidy.ho_chi_minh_the_person(text, []) == []


def test_a_drafters_handle_leaves_its_file_code_out() -> None:
    text = text_of("tnt-cd648cfa4fdecfb2")  # `Tungnt.QĐ/T11/2025` on the line after `Lưu: VT, HCC.`
    handle = span_of(text, "Tungnt.QĐ/T11/2025", "PER")
    assert texts(text, tidy.person_spans(text, [handle])) == [("Tungnt", "PER")]


def test_the_bodies_of_all_provinces_are_one_org_but_not_as_a_list_head() -> None:
    text = text_of("tnt-86367f2ddb2225cd")  # `Ủy ban\nnhân dân các tỉnh, thành phố trực thuộc trung ương`
    whole = span_of(text, "Ủy ban\nnhân dân các tỉnh, thành phố trực thuộc trung ương", "ORG")
    cut = Span(whole.start, whole.start + len("Ủy ban\nnhân dân các tỉnh"), "ORG")
    joined = tidy.all_provinces_bodies(text, [cut])
    assert whole in joined and cut not in joined
    assert whole in tidy.all_provinces_bodies(text, [])
    text = text_of("tnt-a328fbb46798c2b5")  # `Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh, ...`
    head = text.index("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh")
    assert not [s for s in tidy.all_provinces_bodies(text, []) if s.start == head]


def test_a_reference_ends_at_a_semicolon_and_leaves_an_item_number_out() -> None:
    text = text_of("tnt-9d2bfa38605fbc89")
    both = span_of(text, "Luật Ban hành văn bản quy phạm pháp luật; số 79/2025/NĐ-CP", "LEGAL_REF")
    assert texts(text, tidy.reference_edges(text, [both])) == [
        ("Luật Ban hành văn bản quy phạm pháp luật", "LEGAL_REF"), ("số 79/2025/NĐ-CP", "LEGAL_REF"),
    ]
    text = text_of("qng-ttr09-baibo-nq39-2011-nq27-2017")  # OCR: `2.Nghị quyết số 27/2017/NQ-HĐND`
    numbered = span_of(text, "2.Nghị quyết số 27/2017/NQ-HĐND", "LEGAL_REF")
    assert texts(text, tidy.reference_edges(text, [numbered])) == [("Nghị quyết số 27/2017/NQ-HĐND", "LEGAL_REF")]
    text = text_of("tnt-f004d93b21e7fc5f")  # a table's `Kế hoạch` column over a row number `5.7`
    assert tidy.reference_edges(text, [span_of(text, "Kế hoạch\n5.7", "LEGAL_REF")]) == []


def test_a_range_of_percentages_is_one_metric() -> None:
    text = text_of("tnt-826ed569ec2ddaa1")  # `tăng trưởng kinh tế từ 8,3 - 8,5% của cả nước`
    whole = span_of(text, "8,3 - 8,5%", "METRIC")
    parts = [Span(whole.start, whole.start + 3, "METRIC"), Span(whole.end - 4, whole.end, "METRIC")]
    assert tidy.join_percent_ranges(text, parts) == [whole]
    text = text_of("tnt-69db23c781b2e9aa")  # `từ 06 tháng đến 36 tháng tuổi`: two quantities
    low, high = span_of(text, "06 tháng", "METRIC"), span_of(text, "36 tháng", "METRIC")
    assert tidy.join_percent_ranges(text, [low, high]) == [low, high]
