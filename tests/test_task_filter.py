"""The learned task filter: its weights file, its features, and what it drops from the rules' units."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, snippet
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.task_filter import (
    CONTEXT_FEATURES,
    WEIGHTS_PATH,
    Candidate,
    TaskFilter,
    candidate_features,
    candidates_of,
    document_context,
    filter_units,
    load_filter,
    marker_type,
    with_context,
)
from vngov_ie.tasks import FoundTasks, document_kind, find_tasks, find_units
from vngov_ie.types import Entity

LETTER = "tnt-947faf570b64de0a"  # a tax letter quoting the law: `Trường hợp ... thì ...`
DECREE = "dx-244-2026-nd-cp"  # a decree: `X có trách nhiệm ...` rules, two gold tasks
PLAN = "tnt-24c7124ec6b2bf61"  # a plan: nearly every unit the rules find is a task


def _both(doc_id: str) -> tuple[str, FoundTasks, FoundTasks, set[tuple[int, int]]]:
    gold = read_annotation(REPO / "annotations" / f"{doc_id}.json")
    text = corpus_text(doc_id)
    rules = find_tasks(text, gold.entities, learned_filter=False)
    kept = find_tasks(text, gold.entities)
    return text, rules, kept, {(t.start, t.end) for t in gold.tasks}


def _spans(found: FoundTasks) -> set[tuple[int, int]]:
    return {(t.start, t.end) for t in found.tasks}


def _link_keys(found: FoundTasks) -> set[tuple[str, tuple[int, int], str]]:
    spans = {t.id: (t.start, t.end) for t in found.tasks}
    return {(r.type, spans[r.head], r.tail) for r in found.relations}


def test_weights_file_is_small_and_loads() -> None:
    assert WEIGHTS_PATH.stat().st_size < 1_000_000
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    model = load_filter()
    assert 0.0 < model.threshold < 1.0 and model.threshold == data["threshold"]
    assert len(model.weights) > 100 and not any(k.startswith(("doc=", "id=")) for k in model.weights)


def test_rule_statements_of_a_letter_are_dropped() -> None:
    text, rules, kept, _ = _both(LETTER)
    opening = "Trường hợp đã hoàn thành nghĩa vụ về tiền thuê đất thì"
    assert any(" ".join(text[s:e].split()).startswith(opening) for s, e in _spans(rules))
    assert not any(" ".join(text[s:e].split()).startswith(opening) for s, e in _spans(kept))


def test_duties_set_out_by_a_decree_are_mostly_dropped() -> None:
    text, rules, kept, _ = _both(DECREE)
    duties = [s for s, e in _spans(rules) if "có trách nhiệm" in text[s : s + 80]]
    assert len(duties) >= 5
    assert len(_spans(kept)) <= len(_spans(rules)) // 4


def test_the_tasks_of_a_plan_are_kept() -> None:
    _, rules, kept, gold = _both(PLAN)
    assert _spans(kept) <= _spans(rules)
    assert len(_spans(kept) & gold) >= 0.95 * len(_spans(rules) & gold) > 100


def test_dropped_tasks_take_their_links_with_them() -> None:
    _, rules, kept, _ = _both(DECREE)
    ids = {t.id for t in kept.tasks}
    assert all(r.head in ids for r in kept.relations)
    assert [t.id for t in kept.tasks] == [f"K{n}" for n in range(1, len(kept.tasks) + 1)]
    kept_spans = _spans(kept)
    assert _link_keys(kept) == {k for k in _link_keys(rules) if k[1] in kept_spans}
    assert len(_link_keys(kept)) < len(_link_keys(rules))


def test_threshold_bounds_keep_all_or_nothing() -> None:
    gold = read_annotation(REPO / "annotations" / f"{PLAN}.json")
    text = corpus_text(PLAN)
    kind = document_kind(text)
    found = find_units(text, gold.entities, kind)
    model = load_filter()
    keep_all = TaskFilter(model.weights, model.bias, 0.0)
    keep_none = TaskFilter(model.weights, model.bias, 1.01)
    assert filter_units(text, gold.entities, kind, found, keep_all) == found
    assert filter_units(text, gold.entities, kind, found, keep_none) == []


def test_features_of_a_conditional_rule() -> None:
    text = ("II. QUY ĐỊNH CHUNG\n\n- Trường hợp chưa hoàn thành nghĩa vụ thì Sở Tài chính phải thu hồi "
            "trước ngày 15/12/2025;\n")
    start = text.index("Trường")
    end = text.index(";") + 1
    org = text.index("Sở Tài chính")
    date = text.index("15/12/2025")
    entities = [Entity("T1", "ORG", org, org + len("Sở Tài chính"), "Sở Tài chính"),
                Entity("T2", "DATE", date, date + 10, "15/12/2025")]
    ctx = document_context(text, entities, "cong_van")
    f = candidate_features(ctx, Candidate(start, end, "planned", "-", 0))
    for name in ("kind=cong_van", "status=planned", "marker=dash", "w1=trường", "w2=trường hợp", "cue=truong_hop",
                 "cue=thi", "cue=phai", "ent_ORG=1", "ent_DATE=1", "ent_METRIC=0", "end=;", "section=quy định"):
        assert f.get(name) == 1.0, name
    assert "cue=da" not in f and "starts_with=ORG" not in f


@pytest.mark.parametrize(
    ("item", "opening"),
    [
        ("Nền tảng quản lý dược;", {"pos1=N", "verb_at=1"}),  # a listed platform: a noun, not an action
        ("Xây dựng và tổ chức triển khai Nền tảng hồ sơ sức\nkhỏe cá nhân.", {"pos1=V", "verb_at=0"}),  # capitalised verb
        ("Tài sản số như một không gian phát triển mới cho\nkinh tế số.", {"pos1=N", "verb_at=3"}),
    ],
)
def test_the_parts_of_speech_of_the_opening_words_are_features(item: str, opening: set[str]) -> None:
    """Plan items that name a thing (`Nền tảng quản lý dược;`) and items that set out work (`Xây dựng ...`)
    differ in the part of speech of their first word."""
    doc_id = "tnt-f004d93b21e7fc5f"
    text = corpus_text(doc_id)
    start = text.index(snippet(doc_id, item))
    f = candidate_features(document_context(text, [], "ke_hoach"), Candidate(start, start + len(item), "planned", "-", 0))
    assert opening <= set(f)
    assert len([k for k in f if k.startswith("pos1=")]) == 1


@pytest.mark.parametrize(("marker", "kind"), [("", "none"), ("-", "dash"), ("+", "plus"), ("1.", "number"),
                                              ("2.3.", "subnumber"), ("II.", "roman"), ("a)", "letter"),
                                              ("(1)", "paren"), ("Điều 5.", "article")])
def test_marker_types(marker: str, kind: str) -> None:
    assert marker_type(marker) == kind


def test_probability_is_deterministic_and_follows_the_weights() -> None:
    model = TaskFilter({"cue=truong_hop": -3.0, "w1=tổ": 2.0}, 0.0, 0.5)
    assert model.probability({"w1=tổ": 1.0}) == model.probability({"w1=tổ": 1.0}) > 0.5
    assert not model.keep({"cue=truong_hop": 1.0}) and model.keep({"w1=tổ": 1.0})
    assert model.probability({}) == 0.5


def test_each_candidate_sees_its_neighbours() -> None:
    gold = read_annotation(REPO / "annotations" / f"{PLAN}.json")
    text = corpus_text(PLAN)
    kind = document_kind(text)
    found = find_units(text, gold.entities, kind)
    ctx = document_context(text, gold.entities, kind)
    own = [candidate_features(ctx, c) for c in candidates_of(found)]
    seen = with_context(own)
    assert seen[0]["-1:edge"] == seen[-1]["1:edge"] == 1.0
    middle = len(own) // 2
    assert {k for k in own[middle]} <= set(seen[middle])
    shared = {f"1:{k}" for k in own[middle + 1] if k.startswith(CONTEXT_FEATURES)}
    assert shared and shared <= set(seen[middle])
    assert not any(k.startswith("1:ent_") for k in seen[middle])  # only the listed kinds of features travel
