"""Task finding on real reports: segmentation, status, skipped parts, and links."""

from __future__ import annotations

import pytest

from conftest import REPO, snippet
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.tasks import document_kind, find_tasks, is_task, paragraphs

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
        (PLAN, "Căn cứ"),
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


def test_paragraphs_undo_hard_wraps_and_page_breaks() -> None:
    text = corpus_text(KG)
    paras = paragraphs(text)
    start = text.index("Công tác tuyên truyền thực hiện nhiệm vụ CCHC")
    para = next(p for p in paras if p.start <= start < p.end)
    assert "chúng của tỉnh như" in text[para.start : para.end]  # `đại\n\n\n\nchúng`: one sentence


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
