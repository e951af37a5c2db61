"""The learned `;` split: its weights file, its features, and its decisions on unseen reports."""

from __future__ import annotations

import json


from conftest import REPO, snippet
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.splits import read_splits
from vngov_ie.task_split import WEIGHTS_PATH, load_split_model, sentence_features, split_features, splits_at
from vngov_ie.tasks import document_kind, semicolon_points

DRUGS = "vbai-ubnd-bc-tuyen-diaban-trongdiem-matuy-2025"  # a dev report with 68 gold-labelled `;`


def _gold_points(doc_id: str) -> tuple[str, str, list[tuple[int, int, tuple[int, int], bool]]]:
    """The cut points of a document that its gold tasks decide: (the `;`, the next part, the sentence,
    split or not)."""
    gold, text = read_annotation(REPO / "annotations" / f"{doc_id}.json"), corpus_text(doc_id)
    ends = {t.end for t in gold.tasks}
    points = []
    for semicolon, after, sentence in semicolon_points(text):
        if semicolon + 1 in ends:
            points.append((semicolon, after, sentence, True))
        elif any(t.start <= semicolon and after < t.end for t in gold.tasks):
            points.append((semicolon, after, sentence, False))
    return text, document_kind(text), points


def test_weights_file_is_small_and_loads() -> None:
    assert WEIGHTS_PATH.stat().st_size < 200_000
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    model = load_split_model()
    assert model.threshold == data["threshold"] == 0.5
    assert "rule" in model.weights and model.weights["rule"] > 0  # the verb rule is kept as evidence


def test_points_are_semicolons_inside_sentences() -> None:
    text, _, points = _gold_points(DRUGS)
    assert len(points) >= 50
    for semicolon, after, (start, end), _ in points:
        assert text[semicolon] == ";" and not text[semicolon + 1 : after].strip()
        assert start < semicolon < after < end


def test_features_read_both_sides_of_the_semicolon() -> None:
    text = "Tổ chức tập huấn cho cán bộ; hoàn thành trong tháng 02/2026."
    f = split_features(text, text.index(";"), text.index(";") + 2, "ke_hoach")
    assert f["p1=tổ"] == f["a1=hoàn"] == f["kind=ke_hoach"] == 1.0
    assert "after_digit" not in f


def test_the_next_part_s_parts_of_speech_tell_an_object_from_an_action() -> None:
    """A part that goes on listing objects (`...; tài liệu hướng dẫn, tuyên truyền ...`) opens with a noun,
    a part of its own (`...; hoàn thành trong tháng 02/2026.`) with a verb."""
    doc_id = "tnt-86367f2ddb2225cd"
    text = corpus_text(doc_id)
    semicolon = text.index(snippet(doc_id, "hướng\ndẫn thi hành; tài liệu hướng dẫn")) + len("hướng\ndẫn thi hành")
    assert split_features(text, semicolon, semicolon + 2, "quyet_dinh")["after_pos1=N"] == 1.0
    own = "Tổ chức tập huấn cho cán bộ; hoàn thành trong tháng 02/2026."
    assert split_features(own, own.index(";"), own.index(";") + 2, "ke_hoach")["after_pos1=V"] == 1.0


def test_a_sentence_listing_things_reads_apart_from_a_run_of_tasks() -> None:
    """Every `;` of a sentence sees how many parts it has and what share of them open with an action:
    figures listed one after another stay together, a run of verb-led parts is cut."""
    text = corpus_text(DRUGS)
    sentences = {sentence for _, _, sentence in semicolon_points(text)}

    def sentence_of(opening: str) -> tuple[int, int]:
        start = text.index(snippet(DRUGS, opening))
        return next(s for s in sentences if s[0] <= start < s[1])

    listing = sentence_of("Số liệu đầu kỳ 10 đối tượng; số phát sinh trong kỳ 01 đối tượng;")
    run = sentence_of("Giải quyết những khó khăn, vướng mắc và nâng cao hiệu quả công tác cai nghiện")
    assert sentence_features(text, *listing) == {"parts=1": 1.0, "action_share=0": 1.0}  # 3 parts, none an action
    assert sentence_features(text, *run)["action_share=4"] == 1.0
    weights = load_split_model().weights
    assert weights["action_share=4"] > weights.get("action_share=0", 0.0)
    kind = document_kind(text)
    cuts = [splits_at(text, a, b, kind, s) for a, b, s in semicolon_points(text) if s in (listing, run)]
    assert cuts[:2] == [False, False] and all(cuts[2:])


def test_the_model_agrees_with_gold_on_unseen_reports() -> None:
    """The model was fitted on train only: on dev and on test it is right at 4 of 5 gold-labelled points
    or more (about 0.85 on dev), and over both together no worse than the verb rule alone. (Dev alone
    holds 142 points, four fifths of them from four documents: there the two differ by a few points
    either way from one retraining to the next.)"""
    right = rule = total = 0
    for split in ("dev", "test"):
        split_right = split_total = 0
        for row in read_splits(REPO / "data" / "splits.tsv"):
            if row.split != split or not (REPO / "annotations" / f"{row.doc_id}.json").is_file():
                continue
            text, kind, points = _gold_points(row.doc_id)
            for semicolon, after, sentence, y in points:
                split_total += 1
                split_right += splits_at(text, semicolon, after, kind, sentence) == y
                rule += bool(split_features(text, semicolon, after, kind).get("rule")) == y
        assert split_total > 100 and split_right / split_total >= 0.8, split
        right, total = right + split_right, total + split_total
    assert right >= rule
