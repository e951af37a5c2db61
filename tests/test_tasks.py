"""Task finding on real reports: segmentation, status, skipped parts, and links."""

from __future__ import annotations

import pytest

from conftest import REPO, snippet
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.tasks import document_kind, find_tasks, find_units, is_task, layout, paragraphs
from vngov_ie.types import Entity

KG = "kiengiang-cchc-q3-2020"  # a report: results are done
PLAN = "tnt-24c7124ec6b2bf61"  # a plan: every task is planned
RELIEF = "tnt-62f25a030c183151"  # a plan with lead-ins naming the body (`1. Sở Công Thương:`)


def _found(doc_id: str):
    gold = read_annotation(REPO / "annotations" / f"{doc_id}.json")
    text = corpus_text(doc_id)
    found = find_tasks(text, gold.entities)
    entities = {e.id: e for e in gold.entities}
    return text, found, entities


def _task_starting(text: str, found, prefix: str):
    return next(t for t in found.tasks if text[t.start : t.end].startswith(prefix))


def _links(found, entities, task_id: str, rel_type: str) -> set[str]:
    return {" ".join(entities[r.tail].text.split()) for r in found.relations if r.head == task_id and r.type == rel_type}


@pytest.mark.parametrize(
    ("doc_id", "kind"),
    [(KG, "bao_cao"), (PLAN, "ke_hoach"), ("tnt-1813348fc14ac2b7", "quyet_dinh"), ("tnt-91035abb77ae0a1b", "cong_van"),
     ("dx-cong-dien-46-2026-cd-ttg-phong-chong-duoi-nuoc-tre-em", "cong_dien")],
)
def test_document_kind_from_the_title(doc_id: str, kind: str) -> None:
    assert document_kind(corpus_text(doc_id)) == kind


@pytest.mark.parametrize(
    ("doc_id", "task_text"),
    [
        # a whole sentence is one task, final stop included
        (KG, "Tổ chức thi tuyển công chức năm 2020."),
        # split at `;` where each part has an action of its own; each part ends with its `;`
        (KG, "Thực hiện cơ chế một cửa liên thông lĩnh vực đăng ký kinh doanh và lĩnh vực đầu tư dự án tại "
             "Trung tâm Phục vụ hành chính công của tỉnh;"),
        (KG, "chuyển Trường Cao đẳng Y tế trực thuộc UBND tỉnh về trực thuộc Sở Y tế Kiên Giang;"),
        # a bullet item starts after its marker
        (PLAN, "Tăng cường công tác kiểm tra, giám sát,\nđôn đốc thực hiện Chương trình tại đơn vị, địa phương "
               "đạt hiệu quả cao nhất."),
        (RELIEF, "Chủ trì điều phối toàn\nbộ nguồn hàng hỗ trợ từ nguồn ngân sách nhà nước và của các đơn vị lực "
                 "lượng vũ\ntrang;"),
        # a short ground, then an action: a task, unlike the preamble's `Căn cứ Nghị định số ...`
        (PLAN, "Căn cứ chức năng, nhiệm vụ\nđược giao và Kế hoạch này, xây dựng kế hoạch cụ thể, chỉ đạo các đơn vị "
               "trực\nthuộc tổ chức các hoạt động phòng, chống ma túy lồng ghép các hoạt động chuyên\nmôn của đơn vị."),
    ],
)
def test_real_tasks_are_found_with_their_exact_span(doc_id: str, task_text: str) -> None:
    text, found, _ = _found(doc_id)
    snippet(doc_id, task_text)
    spans = {text[t.start : t.end] for t in found.tasks}
    assert task_text in spans


@pytest.mark.parametrize(
    ("doc_id", "not_a_task"),
    [
        (KG, "Thực hiện kế hoạch công tác cải cách hành chính năm 2020"),  # the opening formula
        (KG, "Kính gửi"),
        (RELIEF, "Căn cứ Nghị định số\n200/2023/NĐ-CP"),  # a ground naming a document, in the body
        (PLAN, "Triển khai nghiêm túc, chất\nlượng và hiệu quả Nghị quyết số 163/2024/QH15"),  # under `Mục đích`
        (PLAN, "Nâng cao nhận thức về\nphòng, chống ma túy"),  # under `Mục tiêu`
        (RELIEF, "Sở Công Thương:"),  # a lead-in naming a body
        ("tnt-817cf0e3de96bc43", "Công bố 02 danh mục"),  # promulgation in a decision
    ],
)
def test_preamble_aims_lead_ins_and_promulgation_are_not_tasks(doc_id: str, not_a_task: str) -> None:
    text, found, _ = _found(doc_id)
    snippet(doc_id, not_a_task)
    assert not any(text[t.start : t.end].startswith(not_a_task) for t in found.tasks)


def test_status_follows_the_document_and_its_sections() -> None:
    text, found, _ = _found(KG)
    assert _task_starting(text, found, "Tổ chức thi tuyển công chức").status == "done"
    plan_text, plan, _ = _found(PLAN)
    assert {t.status for t in plan.tasks} == {"planned"}


def test_links_inside_a_task() -> None:
    text, found, entities = _found(KG)
    first = _task_starting(text, found, "Tiếp tục quán triệt và tổ chức thực hiện Nghị quyết số 30c/NQ-CP")
    assert _links(found, entities, first.id, "BASED_ON") == {
        "Nghị quyết số 30c/NQ-CP", "Quyết định số 225/QĐ-TTg", "Kế hoạch số 64/KH-UBND"}
    assert _links(found, entities, first.id, "ACTOR") == set()  # issuers of cited documents are not actors
    assert "ngày 08/11/2011" not in _links(found, entities, first.id, "TIME")  # nor their dates
    centre = _task_starting(text, found, "Trung tâm Phục vụ hành chính công của tỉnh trong quý III")
    assert _links(found, entities, centre.id, "ACTOR") == {"Trung tâm Phục vụ hành chính công của tỉnh"}
    assert _links(found, entities, centre.id, "TIME") == {"quý III"}
    assert _links(found, entities, centre.id, "RESULT") == {"11.093 hồ sơ", "8.469 hồ sơ", "2.031 hồ sơ", "593 hồ sơ"}


def test_a_document_the_task_produces_is_not_its_basis() -> None:
    text, found, entities = _found(KG)
    task = _task_starting(text, found, "Chủ tịch Ủy ban nhân dân tỉnh ban hành Quyết định số 195/QĐ-UBND")
    assert _links(found, entities, task.id, "BASED_ON") == set()
    assert _links(found, entities, task.id, "ACTOR") == {"Chủ tịch Ủy ban nhân dân tỉnh"}


def test_lead_in_gives_actor_to_the_items_below() -> None:
    text, found, entities = _found(RELIEF)
    for prefix in ("Chủ trì điều phối toàn", "cập nhật thường xuyên số lượng"):
        assert _links(found, entities, _task_starting(text, found, prefix).id, "ACTOR") == {"Sở Công Thương"}


def test_heading_naming_bodies_beside_generic_words_gives_actor() -> None:
    """`11. Các sở,\nban, ngành, UBND các xã, phường`: generic words beside the named body still make the
    heading a lead for the items below it."""
    doc_id = "tnt-ad5aff6c13929815"
    snippet(doc_id, "11. Các sở,\nban, ngành, UBND các xã, phường\n\na) Chủ động công bố dữ liệu mở")
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, "Chủ động công bố dữ liệu mở")
    assert "UBND các xã, phường" in _links(found, entities, task.id, "ACTOR")


@pytest.mark.parametrize(
    ("doc_id", "heading", "item", "body"),
    [
        ("vbai-bcd-bc-dean06-thang9-2025", "1. Công tác chỉ đạo của Ban chỉ đạo tỉnh\n",
         "Tham mưu Tỉnh ủy ban hành 02 văn bản chỉ đạo", "Ban chỉ đạo tỉnh"),
        ("tnt-db769f685bf6bb23", "Điều 5. Nội\ndung Sở Dân tộc và Tôn giáo có trách nhiệm chủ trì\n",
         "Xây dựng, ban hành, đánh giá\nviệc thực hiện chính sách", "Sở Dân tộc và Tôn giáo"),
    ],
)
def test_heading_of_a_body_s_work_gives_actor(doc_id: str, heading: str, item: str, body: str) -> None:
    """`Công tác chỉ đạo của <body>`, `Nội dung <body> có trách nhiệm chủ trì`: the body does the items below."""
    snippet(doc_id, heading)
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, item))
    assert body in _links(found, entities, task.id, "ACTOR")


def test_notes_in_brackets_table_rows_and_assessment_items_are_not_tasks() -> None:
    doc_id = "vbai-hdtd-bc-thamdinh-chiso-cchc-2025"  # a report appraising an index: notes, score tables, shortcomings
    note = snippet(doc_id, "(Kết quả điểm thẩm định, đánh giá ở các nội dung công tác chỉ đạo điều\nhành CCHC")
    table = snippet(doc_id, "UBND xã Thuận Hạnh 10,00 8,00 80,00%\n100 UBND xã Ninh Gia 10,00 7,98 79,80%\n"
                            "101 UBND xã Tà Năng 10,00 7,97 79,70%")
    shortcoming = snippet(doc_id, "Chưa ban hành đầy đủ, kịp thời các kế hoạch liên quan đến triển khai")
    snippet(doc_id, "b) Một số hạn chế của các đơn vị qua kết quả đánh giá:\n- " + shortcoming)
    assert is_task("Tổ chức thi tuyển công chức năm 2020.")
    assert not is_task(note + " tại Phụ lục I đính kèm).") and not is_task(table)
    text, found, _ = _found(doc_id)
    assert not any(text[t.start : t.end].startswith((note[:30], shortcoming)) for t in found.tasks)


def test_paragraphs_undo_hard_wraps_and_page_breaks() -> None:
    text = corpus_text(KG)
    paras = paragraphs(text)
    start = text.index("Công tác tuyên truyền thực hiện nhiệm vụ CCHC")
    para = next(p for p in paras if p.start <= start < p.end)
    assert "chúng của tỉnh như" in text[para.start : para.end]  # `đại\n\n\n\nchúng`: one sentence


@pytest.mark.parametrize(
    ("doc_id", "joined"),
    [
        ("tnt-28219392db3ee2e0", "ngày\n28 tháng 02 năm 2022"),  # a bare number after a line cut mid-sentence
        ("vbai-ubnd-bc-cchc-nam-2025-329", "ngày\n19\n22/8/2025"),  # a page number inside a sentence
        ("tnt-fcc6947614833898", "phối hợp với\nSở Tài chính"),  # a line ending in a function word
        ("tnt-05729ab54fc07c39", "giai đoạn 2021\n- 2025"),  # a dash between two years
    ],
)
def test_paragraphs_go_on_across_wrapped_lines_that_look_like_items(doc_id: str, joined: str) -> None:
    text = corpus_text(doc_id)
    at = text.index(snippet(doc_id, joined))
    para = next(p for p in paragraphs(text) if p.start <= at < p.end)
    assert para.end >= at + len(joined), text[para.start : para.end]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("Tổ chức thi tuyển công chức năm 2020.", True), ("Nhìn chung, công tác CCHC còn hạn chế.", False),
     ("Dữ liệu là yếu tố sản xuất, nguồn tài nguyên chiến lược.", False),
     ("Số TT | Nội dung | Đơn vị chủ trì", False), ("Căn cứ Luật Tổ chức chính quyền địa phương;", False)],
)
def test_is_task(unit: str, expected: bool) -> None:
    assert is_task(unit) is expected


def test_found_tasks_score_on_the_spec_example() -> None:
    """The spec's example document: most gold tasks of the report are found exactly."""
    gold = read_annotation(REPO / "annotations" / f"{KG}.json")
    text, found, _ = _found(KG)
    gold_spans = {(t.start, t.end) for t in gold.tasks}
    hits = sum((t.start, t.end) in gold_spans for t in found.tasks)
    assert hits / len(gold_spans) > 0.5


# --- short texts for each segmentation rule ------------------------------------------------------

PLAN_HEAD = "KẾ HOẠCH\n\nTriển khai công tác năm 2026\n\n"
REPORT_HEAD = "BÁO CÁO\n\nKết quả công tác năm 2025\n\n"


def _org(text: str, name: str, n: int = 1) -> Entity:
    start = text.index(name)
    return Entity(f"T{n}", "ORG", start, start + len(name), name)


def _spans(text: str, entities: list[Entity] | None = None) -> list[str]:
    """The rules' units of a short fixture (segmentation), before the learned filter, which is
    trained on documents with their entities and is tested in test_task_filter.py."""
    return [text[t.start : t.end] for t in find_tasks(text, entities or [], learned_filter=False).tasks]


def test_inline_lead_in_naming_a_body_starts_the_task_after_its_colon() -> None:
    text = PLAN_HEAD + "1. Sở Văn hóa, Thể thao và Du lịch: Tiếp tục chỉ đạo các cơ quan truyền thông đẩy mạnh tuyên truyền.\n"
    org = _org(text, "Sở Văn hóa, Thể thao và Du lịch")
    found = find_tasks(text, [org])
    assert [text[t.start : t.end] for t in found.tasks] == [
        "Tiếp tục chỉ đạo các cơ quan truyền thông đẩy mạnh tuyên truyền."]
    assert [r.tail for r in found.relations if r.type == "ACTOR"] == [org.id]


def test_inline_enumerators_open_tasks_after_the_marker() -> None:
    text = REPORT_HEAD + ("- Các nhiệm vụ trọng tâm trong thời gian tới: (1) Duy trì thu nhận hồ sơ cấp thẻ căn cước; "
                          "(2) Đẩy mạnh công tác số hóa, làm sạch dữ liệu dân cư.\n")
    assert _spans(text) == ["Duy trì thu nhận hồ sơ cấp thẻ căn cước;",
                            "Đẩy mạnh công tác số hóa, làm sạch dữ liệu dân cư."]


def test_an_article_marker_broken_over_two_lines_still_opens_the_article() -> None:
    text = ("QUYẾT ĐỊNH\n\nBan hành Quy chế phối hợp\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n\n"
            "Điều\n12. Trách nhiệm của Sở Khoa học và Công nghệ\n\n"
            "a) Chỉ đạo tổ chức quản trị, vận hành kỹ thuật ứng dụng phản ánh kiến nghị.\n")
    assert _spans(text) == ["Chỉ đạo tổ chức quản trị, vận hành kỹ thuật ứng dụng phản ánh kiến nghị."]


def test_a_titled_item_runs_to_the_end_of_its_attribute_lines() -> None:
    text = PLAN_HEAD + ("II. NỘI DUNG\n\n1. Tổ chức tập huấn chuyên sâu về bảo vệ dữ liệu cá nhân\n\n"
                        "- Cơ quan chủ trì: Bộ Công an.\n\n- Thời gian thực hiện: năm 2026.\n\n"
                        "2. Rà soát văn bản quy phạm pháp luật\n\n- Nội dung: rà soát các văn bản có liên quan.\n\n"
                        "- Cơ quan thực hiện: các bộ, ngành.\n")
    assert _spans(text) == [
        "Tổ chức tập huấn chuyên sâu về bảo vệ dữ liệu cá nhân\n\n- Cơ quan chủ trì: Bộ Công an.\n\n"
        "- Thời gian thực hiện: năm 2026.",
        "Rà soát văn bản quy phạm pháp luật\n\n- Nội dung: rà soát các văn bản có liên quan.\n\n"
        "- Cơ quan thực hiện: các bộ, ngành."]


def test_a_part_heading_closes_the_excluded_section_above_it() -> None:
    text = REPORT_HEAD + ("IV. ĐÁNH GIÁ CHUNG\n\n1. Ưu điểm\n\nCông tác phối hợp đã được triển khai đồng bộ.\n\n"
                          "Phần thứ hai\n\nDỰ BÁO TÌNH HÌNH\n\n- Tiếp tục đẩy mạnh công tác tuyên truyền.\n")
    assert _spans(text) == ["Tiếp tục đẩy mạnh công tác tuyên truyền."]


def test_funding_and_proposal_sections_hold_tasks() -> None:
    text = PLAN_HEAD + ("III. KINH PHÍ THỰC HIỆN\n\n- Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.\n\n"
                        "IV. KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ, ĐỀ XUẤT\n\n- Đề nghị Bộ Công an hỗ trợ trang thiết bị.\n")
    assert _spans(text) == ["Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.",
                            "Đề nghị Bộ Công an hỗ trợ trang thiết bị."]


@pytest.mark.parametrize(
    "unit",
    ["Cục Thuế trả lời để Thuế tỉnh Phú Thọ được biết./.",
     "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
     "Phó Chủ tịch UBND tỉnh họp nghe Công ty báo cáo một số vấn đề liên quan đến dự án."],
)
def test_closing_sentences_are_not_tasks(unit: str) -> None:
    assert is_task(unit) is False


def test_semicolon_split_before_a_verb_that_names_a_document_type_or_follows_da() -> None:
    text = PLAN_HEAD + ("- Lập, giao kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030; thông báo tổng mức vốn "
                        "sự nghiệp theo quy định.\n- Cập nhật thông tin người sử dụng đất 1.156.846 trường hợp; "
                        "đã xây dựng cơ sở dữ liệu 2.993.927 thửa đất.\n")
    assert _spans(text) == ["Lập, giao kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030;",
                            "thông báo tổng mức vốn sự nghiệp theo quy định.",
                            "Cập nhật thông tin người sử dụng đất 1.156.846 trường hợp;",
                            "đã xây dựng cơ sở dữ liệu 2.993.927 thửa đất."]


def test_bodies_listed_before_the_subject_verb_are_all_actors() -> None:
    """`Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ...: Hà Tĩnh, ..., Lâm Đồng chủ động ...`: each body of
    the list is an ACTOR, not only the last one before the verb."""
    doc_id = "tnt-44aeb2fd86d07d4a"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố\ntrực thuộc Trung ương: Hà Tĩnh"))
    assert {"Hà Tĩnh", "Huế", "Đà Nẵng", "Khánh Hòa", "Lâm Đồng"} <= _links(found, entities, task.id, "ACTOR")


def test_a_span_of_time_is_not_a_result() -> None:
    """`đợt cao điểm 60 ngày đêm` names the campaign; `01 đợt` beside it would be what was done."""
    doc_id = "vbai-bcd-bc-dean06-thang9-2025"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "Phát động đợt cao điểm 60 ngày đêm cấp tài khoản"))
    assert "60 ngày đêm" in {entities[e].text for e in entities if task.start <= entities[e].start < task.end}
    assert "60 ngày đêm" not in _links(found, entities, task.id, "RESULT")


def test_block_quote_marks_are_markup() -> None:
    """A decision quoted as a block (`> a) ...`): the item starts after the quote mark and its marker."""
    doc_id = "dx-25-2026-tt-byt-quan-ly-chat-luong-xet-nghiem"
    text = corpus_text(doc_id)
    at = text.index(snippet(doc_id, "Cục Quản lý Khám, chữa bệnh có trách nhiệm:\n>\n> a) "))
    paras = [p for p in paragraphs(text) if p.start > at][:2]
    assert paras[0].marker == "a)" and text[paras[0].text_start] not in "> "


def test_roman_numerals_in_brackets_open_items() -> None:
    """`đề nghị:\n(i) Tập đoàn ... báo cáo ...\n(ii) Chủ đầu tư phối hợp ...`: one task per item, after its marker."""
    doc_id = "tnt-ad0066b8d39e5c85"
    text, found, _ = _found(doc_id)
    item = snippet(doc_id, "Chủ đầu tư phối hợp chặt chẽ với các đơn vị liên\nquan hoàn thành nghiệm thu")
    task = _task_starting(text, found, item)
    assert text[task.start - 5 : task.start] == "(ii) "
    assert "(iii)" not in text[task.start : task.end]


@pytest.mark.parametrize(
    ("doc_id", "task_start", "body"),
    [
        # a named body after `phối hợp với` and bodies named by kind only
        ("vbai-ubnd-kh-tuyentruyen-cchc-2026", "Phối hợp với các sở, ngành, UBND các xã", "UBND các xã, phường, đặc khu"),
        # a subject listed among bodies named by kind, its verb after `và các đơn vị liên quan`
        ("tnt-192068354fd1ffe5", "Các sở, ban, ngành, Ủy ban\nnhân dân xã, phường và các đơn vị liên quan có trách nhiệm",
         "Ủy ban nhân dân xã, phường"),
        # `Từ ngày 01/3/2026 đến nay, Công an tỉnh trực tiếp tiếp nhận ...`: the subject after a time phrase
        ("vbai-bcd-bc-dean06-thang3-2026", "Từ ngày 01/3/2026 đến nay, Công an tỉnh trực tiếp tiếp nhận", "Công an tỉnh"),
        # `Bộ Nông nghiệp và Phát triển nông thôn: Nghiên cứu ... . Đánh giá và công bố ...`: the body of an
        # inline lead-in does every task of its paragraph, the second sentence's too
        ("dx-nghi-quyet-29-2026-nq-cp-thi-diem-xang-e10", "Đánh giá và công bố các chỉ số về giảm phát thải",
         "Bộ Nông nghiệp và Phát triển nông thôn"),
        # `Bộ Nội vụ chịu trách nhiệm toàn diện ...; ...; kịp thời báo cáo ...`: a later part whose subject is
        # dropped takes the first part's subject
        ("tnt-7f4621fd812c6ff9", "kịp thời báo cáo Thủ tướng Chính phủ những vấn đề phát sinh", "Bộ Nội vụ"),
        # `1. Chính phủ, Hội đồng nhân dân, Ủy ban nhân dân tỉnh Đồng Tháp ... có trách nhiệm tổ chức thi hành Nghị
        # quyết này; sắp xếp ...`: the same, where the first part is no task of its own (an execution formula)
        ("tnt-284dd97bc14e3aeb", "sắp xếp, ổn định bộ máy các cơ quan, tổ chức ở địa phương;", "Ủy ban nhân dân tỉnh Đồng Tháp"),
        # the body encouraged to do the work
        ("tnt-f20b8af669b140e9", "Khuyến khích Ủy ban nhân dân cấp xã lập vùng", "Ủy ban nhân dân cấp xã"),
        # a heading naming bodies beside `có liên quan`
        ("tnt-bffd9da6f0d38031", "tuyên truyền nâng cao nhận thức, ý thức về chủ quyền", "Ủy ban nhân dân các xã, phường"),
        # a heading naming the body beside `Công tác tham mưu, chỉ đạo của ... - Cơ quan thường trực`
        ("vbai-bcd-bc-dean06-thang11-2025", "Đẩy mạnh triển khai đợt cao điểm 60 ngày đêm", "Công an tỉnh"),
        # the subject after an opening phrase and a comma, with a verb the subject list lacked
        ("vbai-hdtd-bc-thamdinh-chiso-cchc-2025", "Trên cơ sở tổng hợp phiếu khảo sát, Sở Nội vụ phân tích", "Sở Nội vụ"),
        # after a time phrase with no comma
        ("vbai-snv-bc-chiso-par-sipas-papi-pci-2025-28-11", "Hiện nay Sở Nội vụ đang phối hợp", "Sở Nội vụ"),
        ("vbai-snv-bc-chiso-par-sipas-papi-pci-766-06-11", "Năm 2025, Bộ Nội vụ dự kiến tổ chức", "Bộ Nội vụ"),
        # the unit of the subject named in brackets after it
        ("vbai-ubnd-kh-cchc-2026-2030", "Giao Văn phòng Ủy ban nhân dân tỉnh (Trung tâm Phục vụ hành chính công tỉnh)",
         "Trung tâm Phục vụ hành chính công tỉnh"),
        # a body after `Cơ quan phối hợp:` and a long list of bodies named by kind
        ("tnt-86367f2ddb2225cd", "Tổ chức tập huấn chuyên\nsâu, bồi dưỡng kiến thức",
         "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"),
        # the subject after `Riêng`
        ("vbai-bcd-bc-dean06-thang11-2025", "Riêng UBND đặc khu Phú Quý tập trung", "UBND đặc khu Phú Quý"),
    ],
)
def test_the_body_that_does_the_work_is_an_actor(doc_id: str, task_start: str, body: str) -> None:
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, task_start))
    assert body in _links(found, entities, task.id, "ACTOR")


def test_a_dropped_subject_in_a_report_of_done_work_gives_no_actor() -> None:
    """In a report, `Trung tâm Phục vụ hành chính công tỉnh và cấp xã bố trí ...; bố trí quầy ưu tiên ...` leaves
    the later part without an actor, as the annotated reports do; a plan's or an instruction's later part
    takes the subject."""
    doc_id = "vbai-ubnd-bc-cchc-nam-2025-329"
    text, found, entities = _found(doc_id)
    first = _task_starting(text, found, snippet(doc_id, "Trung tâm Phục vụ hành chính công\ntỉnh và cấp xã bố trí đầy đủ"))
    later = _task_starting(text, found, snippet(doc_id, "bố trí quầy ưu tiên tiếp nhận hồ sơ cho người già"))
    assert first.status == later.status == "done" and not text[first.end : later.start].strip()
    assert "Trung tâm Phục vụ hành chính công tỉnh" in _links(found, entities, first.id, "ACTOR")
    assert not _links(found, entities, later.id, "ACTOR")


def test_a_part_that_only_sets_a_deadline_stays_with_the_part_before() -> None:
    """`...; hoàn thành và gửi ... trong tháng 4/2026.` adds a deadline to the work before the `;`."""
    doc_id = "vbai-ubnd-tbkl-hop-tapdoan-sonhai"
    text, found, _ = _found(doc_id)
    deadline = snippet(doc_id, "hoàn thành và gửi Ban Quản lý dự án đầu tư xây dựng số 1 và Sở Xây dựng trong tháng 4/2026.")
    at = text.index(deadline)
    holder = next(t for t in found.tasks if t.start <= at < t.end)
    assert holder.start < at and text[holder.start : holder.end].endswith(deadline)


def test_a_resolution_without_articles_sets_out_work_in_its_numbered_points() -> None:
    doc_id = "dx-nghi-quyet-29-2026-nq-cp-thi-diem-xang-e10"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "Bộ Công Thương, Bộ Tài chính xác định các yếu tố cấu thành"))
    assert {"Bộ Công Thương", "Bộ Tài chính"} <= _links(found, entities, task.id, "ACTOR")


def test_the_requirements_of_a_conclusion_are_its_instructions_and_an_opening_ordinal_is_a_marker() -> None:
    """`II. MỘT SỐ YÊU CẦU` of a conclusion holds tasks (the aims and requirements of a plan do not);
    `Thứ tư, các địa phương cần ...`: the task starts after the ordinal."""
    doc_id = "tnt-50f694478a35aefd"
    text, found, _ = _found(doc_id)
    starts = [text[t.start : t.end] for t in found.tasks]
    assert any(s.startswith(snippet(doc_id, "Yêu cầu các địa phương chủ động triển\nkhai các giải pháp")) for s in starts)
    assert any(s.startswith(snippet(doc_id, "các địa phương cần chủ động,\nquyết liệt hơn nữa")) for s in starts)
    assert not any(s.startswith("Thứ ") for s in starts)


def test_every_item_of_a_list_of_issued_documents_is_produced_not_a_basis() -> None:
    """`UBND tỉnh ... đã ban hành: Chương trình hành động số 102-CTr/TU ... thực hiện Nghị quyết số 57 ...;
    Kế hoạch số 677/KH-UBND ...; Kế hoạch số 270/KH-UBND ...`: the titles speak of bases, but each item
    after a `;` is one more document the task issued."""
    doc_id = "vbai-ubnd-bc-cchc-nam-2025-329"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "UBND tỉnh Bình Thuận đã ban hành: Chương trình hành động số 102-CTr/TU"))
    assert not _links(found, entities, task.id, "BASED_ON")


def test_a_lettered_heading_in_hard_wrapped_text_ends_at_its_line() -> None:
    """`b) Kết quả tổ chức thi hành pháp luật ...\nTrước sáp nhập tỉnh, ...`: no stop ends the heading, yet
    the capital after a heading's first words starts its text; an inline title with a colon runs on."""
    doc_id = "vbai-ubnd-bc-cchc-nam-2025-329"
    text, found, _ = _found(doc_id)
    spans = [text[t.start : t.end] for t in found.tasks]
    snippet(doc_id, "b) Kết quả tổ chức thi hành pháp luật và theo dõi, thi hành pháp luật\nTrước sáp nhập tỉnh")
    assert any(s.startswith("Trước sáp nhập tỉnh, Ủy ban nhân dân các tỉnh Bình Thuận") for s in spans)
    assert not any("Kết quả tổ chức thi hành pháp luật" in s for s in spans)
    run_on = snippet(doc_id, "- Công tác hệ thống hóa văn bản QPPL: Tỉnh đã cập nhật 36 Nghị quyết\nQPPL")
    assert any(p.end > text.index(run_on) + run_on.index("\n") for p in paragraphs(text) if p.start <= text.index(run_on) < p.end)


def test_a_version_number_does_not_end_a_sentence() -> None:
    """`... cấp tỉnh 2.0 (PCI).`: the `0` after the stop is no footnote number (those never start with 0)."""
    doc_id = "vbai-ttxt-cv-baocao-moitruong-dautu-pci-ddci"
    text = corpus_text(doc_id)
    sentence = snippet(doc_id, "Qua thông tin, hiện nay, VCCI đang hoàn thành Báo cáo\nphương pháp luận chỉ số năng lực "
                               "cạnh tranh cấp tỉnh 2.0 (PCI).")
    assert sentence in [text[u.start : u.end] for u in layout(text)[1]]


def test_a_lower_case_word_with_a_diacritic_does_not_open_a_sentence() -> None:
    """`... tài sản trí tuệ... được đẩy mạnh`: `đ` is lower case, so the ellipsis ends no sentence."""
    doc_id = "tnt-24701a1c97c8c368"
    text = corpus_text(doc_id)
    at = text.index(snippet(doc_id, "tài sản trí tuệ... được đẩy mạnh"))
    unit = next(u for u in layout(text)[1] if u.start <= at < u.end)
    assert unit.end > at + len("tài sản trí tuệ... được")


def test_an_action_named_as_a_precondition_is_a_view_not_a_task() -> None:
    doc_id = "tnt-ad5aff6c13929815"
    view = snippet(doc_id, "Bảo đảm an toàn, an ninh mạng\nlà điều kiện tiên quyết để phát triển hạ tầng số")
    assert is_task(view + ", nền tảng số.") is False
    # an apposition after a comma still leaves the action a task
    task = snippet(doc_id, "Ứng dụng nền tảng mở của quốc\ngia về văn hóa số (MyCulture), là nền tảng tích hợp tra cứu thông tin")
    assert is_task(task + ".") is True


def test_an_instruction_to_raise_problems_is_a_task_and_a_rule_about_cited_texts_is_not() -> None:
    """The guidelines' adjudication: `Trong quá trình thực hiện, nếu có khó khăn ..., đề nghị ... phản ánh về
    ...` is a planned task, also as a plan's last sentence (`./.`); a rule on amended cited texts is not."""
    doc_id = "tnt-8718801c503045f9"
    instruction = snippet(doc_id, "Trong quá trình thực hiện nếu\ncó khó khăn, vướng mắc đề nghị các cơ quan, đơn vị, địa phương phản ánh")
    assert is_task(instruction + " về Sở Khoa học và Công nghệ.") is True
    text = corpus_text("tnt-c81379258ef3a44f")
    units = [text[u.start : u.end] for u, _, _ in find_units(text)]
    closing = snippet("tnt-c81379258ef3a44f", "Trong quá trình thực hiện, nếu phát sinh vướng mắc\nđề nghị phản ánh")
    assert any(u.startswith(closing) and u.endswith("./.") for u in units)
    rule = snippet("dx-thong-tu-31-2026-tt-bct-truy-xuat-nguon-goc-san-pham",
                   "Trong quá trình thực hiện, nếu các văn bản quy phạm pháp luật được viện dẫn trong Thông tư này được sửa đổi")
    assert is_task(rule + ", bổ sung hoặc thay thế thì áp dụng theo văn bản mới.") is False


def test_the_nearest_heading_naming_bodies_gives_the_actor() -> None:
    """`Điều 2. Trách nhiệm của Sở VHTTDL; Uỷ ban nhân dân các xã, phường` then `1. Trách nhiệm của Sở VHTTDL`:
    the items of point 1 are the department's alone."""
    doc_id = "tnt-e83d7b60c0b1d639"
    snippet(doc_id, "Điều 2. Trách nhiệm của Sở Văn\nhóa, Thể thao và Du lịch; Uỷ ban nhân dân các xã, phường")
    text, found, entities = _found(doc_id)
    heading = text.index("1. Trách nhiệm của Sở Văn hóa")
    below = [t for t in found.tasks if heading < t.start < text.index("2. Trách nhiệm", heading)]
    assert below
    for task in below:
        actors = _links(found, entities, task.id, "ACTOR")
        assert "Sở Văn hóa, Thể thao và Du lịch" in actors and "Uỷ ban nhân dân các xã, phường" not in actors


@pytest.mark.parametrize(
    ("doc_id", "lead_in", "not_actor"),
    [
        ("tnt-322358d6040a153b", "1. Giúp Thủ tướng Chính phủ:", "Thủ tướng Chính phủ"),
        ("vbai-bcd-bc-dean06-thang11-2025", "Tại Kế hoạch số 515/KH-BCA-BNN&MT ngày 31/8/2025 của Bộ Công an và Bộ Nông nghiệp và Môi trường",
         "Bộ Nông nghiệp và Môi trường"),
        ("dx-cong-dien-47-2026-cd-ttg-tai-nan-phu-quoc", "THỦ TƯỚNG CHÍNH PHỦ điện:", "THỦ TƯỚNG CHÍNH PHỦ"),
    ],
)
def test_a_body_helped_issuing_a_cited_text_or_sending_a_dispatch_is_no_lead_actor(doc_id: str, lead_in: str,
                                                                                   not_actor: str) -> None:
    snippet(doc_id, lead_in)
    text, found, entities = _found(doc_id)
    start = text.index(lead_in)
    in_lead_in = {" ".join(entities[r.tail].text.split()) for r in found.relations
                  if r.type == "ACTOR" and start <= entities[r.tail].start < start + len(lead_in)}
    assert not_actor not in in_lead_in


def test_a_sentence_that_lists_contents_is_no_task_and_stays_with_the_item_it_describes() -> None:
    """`X bao gồm: A; B` says what X is made of: neither it nor its `;` parts are tasks; after an item's
    action it stays with that item; an action before the list keeps the sentence a task."""
    doc_id = "tnt-f004d93b21e7fc5f"
    funds = snippet(doc_id, "Kinh phí thực hiện Kế hoạch này bao gồm: Ngân\nsách nhà nước; nguồn đầu tư của doanh nghiệp")
    item = snippet(doc_id, "Sử dụng khung tiêu chuẩn, quy chuẩn đánh giá chất lượng các nền tảng\nsố. Khung tiêu chuẩn, "
                           "quy chuẩn kinh tế số bao gồm các tiêu chuẩn")
    text, found, _ = _found(doc_id)
    spans = [text[t.start : t.end] for t in found.tasks]
    assert not any(s.startswith(("Kinh phí thực hiện Kế hoạch này", "nguồn đầu tư của doanh nghiệp")) for s in spans)
    assert funds.startswith("Kinh phí")
    task = next(s for s in spans if s.startswith("Sử dụng khung tiêu chuẩn"))
    assert task.startswith(item) and task.endswith("theo từng ngành, lĩnh vực.")
    checked = snippet("vbai-bcd-bc-dean06-thang9-2025", "Trong tháng, phối hợp các phòng nghiệp vụ có liên quan kiểm tra, "
                                                       "dán tem an ninh, an toàn thông tin 160 bộ máy gồm: máy tính")
    assert is_task(checked + ", máy in.") is True


@pytest.mark.parametrize(
    ("doc_id", "unit", "expected"),
    [
        # an attribute label opening a sentence inside a paragraph
        ("vbai-snv-bc-chiso-par-sipas-papi-pci-766-06-11", "Cơ quan chủ trì theo dõi: Văn phòng UBND tỉnh.", False),
        # action words inside a noun: a platform's name, `cấp xã`, `công lập`
        ("tnt-f004d93b21e7fc5f", "Nền tảng quản lý dược;", False),
        ("vbai-ubnd-kh-cchc-2026-2030", "vị trí việc làm và cơ cấu viên chức theo chức danh nghề nghiệp của đơn vị "
                                        "sự nghiệp công lập theo quy định.", False),
        # the same words as verbs
        ("tnt-f004d93b21e7fc5f", "quản lý môi⏎trường sử dụng dữ liệu hình ảnh vệ tinh", True),
    ],
)
def test_action_words_used_as_nouns_do_not_make_a_task(doc_id: str, unit: str, expected: bool) -> None:
    unit = snippet(doc_id, unit.replace("⏎", "\n"))
    assert is_task(unit + ("." if expected else "")) is expected


def test_problems_and_their_remedies_section_after_a_wrapped_capital_heading() -> None:
    """`III. CÁC VẤN ĐỀ TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN VÀ GIẢI\\nPHÁP KHẮC PHỤC ...` is one heading, and a
    section that joins problems with remedies holds tasks: the remedy after its label (`Đề xuất giải pháp
    khắc phục: Giao ...`) is one, the statement of the shortcoming (`... chưa theo dõi ...`) is not."""
    doc_id = "vbai-snv-bc-chiso-par-sipas-papi-pci-2025-28-11"
    snippet(doc_id, "III. CÁC VẤN ĐỀ TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN VÀ GIẢI\nPHÁP KHẮC PHỤC TRONG THÁNG 12/2025")
    shortcoming = snippet(doc_id, "Hiện nay Văn phòng UBND tỉnh chưa theo dõi, thống kê, báo cáo đánh\ngiá được")
    remedy = snippet(doc_id, "Đề xuất giải pháp khắc phục: Giao Văn phòng UBND tỉnh rà soát thống\nkê")
    text, found, _ = _found(doc_id)
    spans = [text[t.start : t.end] for t in found.tasks]
    assert any(s.startswith(remedy.split(": ", 1)[1]) for s in spans)
    assert not any(s.startswith(("Đề xuất giải pháp", shortcoming)) for s in spans)
    assert is_task(shortcoming + " tình hình thực hiện các nhiệm vụ.") is False


def test_an_article_title_with_a_full_stop_naming_a_body_gives_actor_to_its_clauses() -> None:
    """`Điều 9. Trách nhiệm của Cục Đăng kiểm Việt Nam.` is a title, though it ends with a full stop: each
    numbered clause below it is work of that body."""
    doc_id = "dx-thong-tu-28-2026-tt-bxd-dang-kiem-phuong-tien-thuy-noi-dia"
    snippet(doc_id, "Điều 9. Trách nhiệm của Cục Đăng kiểm Việt Nam.\n1. Tổ chức, hướng dẫn")
    text, found, entities = _found(doc_id)
    assert not any(text[t.start : t.end].startswith("Trách nhiệm của Cục") for t in found.tasks)
    for prefix in ("Tổ chức, hướng dẫn, quản lý thống nhất", "Xem xét, chấp thuận áp dụng tương đương"):
        assert _links(found, entities, _task_starting(text, found, prefix).id, "ACTOR") == {"Cục Đăng kiểm Việt Nam"}


def test_bodies_asked_in_a_lead_in_sentence_do_the_items_below_it() -> None:
    """`..., Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường; ... thực hiện nghiêm túc ... Cụ thể:`: the
    bodies asked (not the one asking) are ACTOR of each item below."""
    doc_id = "tnt-d97b35347d17f96f"
    snippet(doc_id, "Giáo dục và Đào tạo đề nghị UBND các xã, phường; các đơn vị, cơ sở giáo dục")
    text = corpus_text(doc_id)
    gold = read_annotation(REPO / "annotations" / f"{doc_id}.json")
    found = find_tasks(text, gold.entities, learned_filter=False)  # the links of every unit the rules find
    entities = {e.id: e for e in gold.entities}
    actors = _links(found, entities, _task_starting(text, found, "Thường xuyên cập nhật thông").id, "ACTOR")
    assert "UBND các xã, phường" in actors and "Sở Giáo dục và Đào tạo" not in actors


def test_a_later_part_takes_the_subject_named_after_generic_bodies() -> None:
    """`2. Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các xã, phường chủ động bố trí ...;
    sắp xếp ...`: the later part's dropped subject is the body after the generic words."""
    doc_id = "tnt-c5d930a5fc8373cd"
    snippet(doc_id, "2. Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy\nban nhân dân các xã, phường chủ động bố trí")
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, "sắp xếp các nhiệm vụ theo thứ tự ưu tiên")
    assert _links(found, entities, task.id, "ACTOR") == {"Ủy ban nhân dân các xã, phường"}


def test_committees_of_a_listed_body_keep_the_list_of_actors_going() -> None:
    """`Giao Thường trực Hội đồng nhân dân Thành phố, các Ban của Hội đồng nhân dân Thành phố, các Tổ đại biểu
    và các đại biểu ... giám sát`: every body of the list is an actor, the one the committees belong to too."""
    doc_id = "tnt-e09bc3b35c473bea"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "Giao Thường trực Hội đồng nhân dân Thành phố,\ncác Ban của"))
    assert {"Hội đồng nhân dân Thành phố", "Tổ đại biểu"} <= _links(found, entities, task.id, "ACTOR")


def test_a_heading_that_names_a_task_is_not_an_aims_section() -> None:
    """`1. Hoàn thành mục tiêu đưa vào khai thác trên 3.000 km đường bộ cao tốc ...` names work to do, though it
    mentions `mục tiêu`: the instructions below it are tasks."""
    doc_id = "tnt-50f694478a35aefd"
    snippet(doc_id, "1. Hoàn thành mục tiêu đưa vào\nkhai thác trên 3.000 km đường bộ cao tốc")
    text, found, _ = _found(doc_id)
    assert _task_starting(text, found, snippet(doc_id, "Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ\nđạo"))


def test_a_clause_that_sets_a_named_body_to_work_is_a_task_in_any_article() -> None:
    """In a regulation, `Văn phòng Ban Chỉ đạo xây dựng kế hoạch kiểm tra trình ...` (article `Kiểm tra hoạt
    động`) is a task though its article's title names no duty; the promulgation formula of a decision
    (`Ủy ban nhân dân thành phố ban hành Quyết định ...`) is not."""
    doc_id = "tnt-322358d6040a153b"
    text, found, _ = _found(doc_id)
    assert _task_starting(text, found, snippet(doc_id, "Văn phòng Ban Chỉ đạo xây dựng kế hoạch kiểm tra"))
    formula = "tnt-317a61c94fc776ca"
    text, found, _ = _found(formula)
    start = snippet(formula, "Ủy ban nhân dân thành phố\nban hành Quyết định phân cấp")
    assert not any(text[t.start : t.end].startswith(start) for t in found.tasks)


@pytest.mark.parametrize(
    ("doc_id", "unit", "expected"),
    [
        # a ground, then a clause that opens with its action or with `giao`: a task
        ("tnt-a83fffe08d7aeed7", "Căn cứ vào khả năng cân đối⏎ngân sách hàng năm, phối hợp với Sở Y tế tham mưu bố trí "
                                 "kinh phí theo phân cấp⏎ngân sách thực hiện các chiến lược, kế hoạch, chương trình, dự án "
                                 "về công tác⏎dân số theo quy định;", True),
        ("vbai-ubnd-tbkl-pci-dautu-20-4-2026", "Căn cứ nội dung Thỏa thuận hợp tác giữa UBND tỉnh Lâm Đồng với VCCI giai "
                                               "đoạn 2026 - 2030, giao Trung tâm chủ trì phối hợp với VCCI", True),
        # a numbered document cited as the ground: its title's commas open no clause
        ("tnt-81eea34d32eed810", "Căn⏎cứ Thông tư số 14/2015/TT-BTC ngày⏎30/01/2015 của Bộ trưởng Bộ Tài chính hướng⏎dẫn "
                                 "về phân loại hàng hóa, phân tích để phân loại hàng hóa, phân tích để kiểm tra chất lượng",
         False),
    ],
)
def test_a_ground_then_an_action_is_a_task(doc_id: str, unit: str, expected: bool) -> None:
    unit = snippet(doc_id, unit.replace("⏎", "\n"))
    assert is_task(unit if unit.endswith(";") else unit + ".") is expected


@pytest.mark.parametrize(
    ("doc_id", "unit"),
    [("tnt-98be6e047028fade", "Giữ vững an ninh, quốc phòng;"),
     ("vbai-ubnd-bc-tongket-chienluoc-pcmt", "Tranh thủ các nguồn tài trợ quốc tế về tài chính, khoa học, kỹ thuật "
                                             "phục vụ phòng, chống tội phạm và vi phạm pháp luật.")],
)
def test_less_common_action_verbs_open_a_task(doc_id: str, unit: str) -> None:
    assert is_task(snippet(doc_id, unit)) is True


def test_the_instruction_after_the_closing_sentence_of_a_plan_is_a_task() -> None:
    """`Trên đây là Kế hoạch ... Trong quá trình tổ chức thực hiện nếu có khó khăn, vướng mắc, ... phản ánh về
    Sở Y tế ...`: the document's own closing is not a task; the instruction after it, in the same paragraph, is."""
    doc_id = "tnt-a83fffe08d7aeed7"
    text = corpus_text(doc_id)
    units = [text[u.start : u.end] for u, _, _ in find_units(text)]
    instruction = snippet(doc_id, "Trong quá trình tổ chức\nthực hiện nếu có khó khăn, vướng mắc, các cơ quan")
    assert any(u.startswith(instruction) and u.endswith("./.") for u in units)
    assert not any(u.startswith("Trên đây là") for u in units)


def test_sub_items_of_an_attribute_line_and_a_named_deadline_belong_to_the_item() -> None:
    """In a plan's item, `- Thời gian thực hiện:` followed by `+ ...` lines: those lines are the attribute's
    contents, not tasks; `+ Thời hạn ban hành: ...` is an attribute line like `Thời hạn:`."""
    doc_id = "tnt-86367f2ddb2225cd"
    text = corpus_text(doc_id)
    units = [text[u.start : u.end] for u, _, _ in find_units(text)]
    review = next(u for u in units if u.startswith(snippet(doc_id, "Rà soát văn bản quy phạm\npháp luật\n\n- Nội dung:")))
    assert review.endswith(snippet(doc_id, "báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2025."))
    assert not any(u.startswith("Bộ Công an tổng hợp kết quả") for u in units)
    decree = next(u for u in units if u.startswith(snippet(doc_id, "Nghị định quy định chi tiết\nmột số điều Luật")))
    assert decree.endswith(snippet(doc_id, "+ Thời hạn ban hành: trước\nngày 01 tháng 01 năm 2026."))


def test_a_named_body_after_a_comma_is_not_a_kind_of_body() -> None:
    """`... và chỉ đạo của Thủ tướng Chính phủ; Tổ Công tác triển khai Đề án 06 Chính phủ, Ban chỉ đạo tỉnh.`:
    `Ban chỉ đạo tỉnh` names a body (not `, ban` in `các sở, ban, ngành`), so `chỉ đạo` inside its name is no
    verb that makes the body before it a subject; neither is an actor."""
    doc_id = "vbai-bcd-bc-dean06-thang10-2025"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "Tập trung triển khai thực hiện các nhiệm vụ trọng tâm của Đề án 06 năm 2025"))
    assert not _links(found, entities, task.id, "ACTOR")


def test_a_lead_in_that_names_its_topic_before_giao_gives_only_the_asked_body() -> None:
    """`3. Về ... thỏa thuận hợp tác giữa UBND tỉnh Lâm Đồng và Liên đoàn ... (VCCI), giao Trung tâm Xúc tiến
    Đầu tư, Thương mại và Du lịch tỉnh:`: the parties of the agreement are the topic; the centre does the items."""
    doc_id = "vbai-ubnd-tbkl-pci-dautu-20-4-2026"
    text, found, entities = _found(doc_id)
    task = _task_starting(text, found, snippet(doc_id, "Chủ trì, phối hợp với các sở, ngành liên quan rà soát nội dung thỏa thuận hợp tác"))
    actors = _links(found, entities, task.id, "ACTOR")
    assert "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh" in actors
    assert not actors & {"VCCI", "UBND tỉnh Lâm Đồng", "Liên đoàn Thương mại và Công nghiệp Việt Nam"}


@pytest.mark.parametrize(
    ("doc_id", "unit", "expected"),
    [
        # a body's standing role, then its work: a task
        ("tnt-192068354fd1ffe5", "Sở Khoa học và Công nghệ\nlà cơ quan thường trực, chủ trì theo dõi, đôn đốc, kiểm tra "
                                 "việc thực hiện Kế\nhoạch;", True),
        ("vbai-ubnd-kh-chuongtrinh-pcmt-2030", "Giao Công an tỉnh là cơ quan thường trực, có trách nhiệm quản lý và "
                                               "giám sát tổng thể về kết quả thực hiện Chương trình", True),
        # a definition stays no task
        ("tnt-ad5aff6c13929815", "Bảo đảm an toàn, an ninh mạng\nlà điều kiện tiên quyết để phát triển hạ tầng số", False),
    ],
)
def test_a_standing_role_then_work_is_a_task_and_a_definition_is_not(doc_id: str, unit: str, expected: bool) -> None:
    unit = snippet(doc_id, unit)
    assert is_task(unit if unit.endswith(";") else unit + ".") is expected


def test_the_penalties_and_remedies_of_a_decree_are_rules_not_tasks() -> None:
    """`o) Buộc hoàn trả lại đất đã vi phạm;` in a decree on administrative penalties imposes a remedy on
    whoever breaks the rules: no body sets out to do it."""
    doc_id = "dx-nghi-dinh-281-2026-nd-cp-sua-doi-123-2024-xu-phat-hanh-chinh"
    text = corpus_text(doc_id)
    units = [text[u.start : u.end] for u, _, _ in find_units(text)]
    remedy = snippet(doc_id, "Buộc hoàn trả lại đất đã vi phạm;")
    assert is_task(remedy)  # an action by its words: the decree's kind is what rules it out
    assert not any(u.startswith(remedy) for u in units)


def test_the_date_a_cited_text_takes_effect_does_not_place_the_task() -> None:
    """`... Quyết định số 28/2025/QĐ-TTg ... có hiệu lực từ ngày 24/8/2025, ...`: the date belongs to the cited
    decision, not to the work; `Tính đến ngày 14/12/2025` at the task's start does place it."""
    doc_id = "vbai-ubnd-bc-tongket-pcmt-2025"
    text, found, entities = _found(doc_id)
    snippet(doc_id, "có hiệu lực từ ngày 24/8/2025")
    task = _task_starting(text, found, snippet(doc_id, "Tính đến ngày 14/12/2025, căn cứ Quyết định số 28/2025/QĐ-TTg"))
    times = _links(found, entities, task.id, "TIME")
    assert "ngày 14/12/2025" in times and "ngày 24/8/2025" not in times
