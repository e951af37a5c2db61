"""The scorer against hand-counted cases on a real report (kiengiang-cchc-q3-2020, offsets as in the spec).

The sentence used (offsets into the corpus text; regex word tokens in brackets):

    552 Nghị quyết số 30c/NQ-CP 575 | 576 ngày 08/11/2011 591 | của | 596 Chính phủ 605 | về ... |
    654 giai đoạn 2011-2020 673 | ; | 675 Quyết định số 225/QĐ-TTg 699 | 700 ngày 04/02/2016 715 | của |
    720 Thủ tướng Chính phủ 739

Every expected number is counted by hand in the comment beside it: tp / fp / fn, then
P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R); 0 wherever a denominator is 0.
"""

from __future__ import annotations

from collections import Counter

import pytest

from vngov_ie.corpus import corpus_text
from vngov_ie.evaluate import entity_relation_micro, score_system, word_tags
from vngov_ie.types import Annotation, Entity, Relation, Task, sha256_text
from vngov_ie.writers import tokens_with_offsets

DOC = "kiengiang-cchc-q3-2020"
OTHER = "dx-105-2026-tt-bca"  # a second real document, used empty
TEXT = corpus_text(DOC)

SPANS = {  # name -> (label, start, end)
    "LR1": ("LEGAL_REF", 552, 575),  # Nghị quyết số 30c/NQ-CP
    "D1": ("DATE", 576, 591),  # ngày 08/11/2011
    "O1": ("ORG", 596, 605),  # Chính phủ
    "D_PERIOD": ("DATE", 654, 673),  # giai đoạn 2011-2020
    "LR2": ("LEGAL_REF", 675, 699),  # Quyết định số 225/QĐ-TTg
    "D2": ("DATE", 700, 715),  # ngày 04/02/2016
    "O2": ("ORG", 720, 739),  # Thủ tướng Chính phủ
}


def ent(id_: str, label: str, start: int, end: int, doc: str = DOC) -> Entity:
    return Entity(id_, label, start, end, corpus_text(doc)[start:end])


def named(*names: str, prefix: str = "T") -> list[Entity]:
    return [ent(f"{prefix}{i}", *SPANS[n]) for i, n in enumerate(names, start=1)]


def ann(entities: list[Entity], relations: list[Relation] | None = None, tasks: list[Task] | None = None,
        doc: str = DOC) -> Annotation:
    return Annotation(doc, sha256_text(corpus_text(doc)), entities, relations or [], tasks or [])


def test_the_spans_are_the_words_they_claim() -> None:
    assert TEXT[552:575] == "Nghị quyết số 30c/NQ-CP"
    assert TEXT[576:591] == "ngày 08/11/2011"
    assert TEXT[720:739] == "Thủ tướng Chính phủ"


def prf3(prf) -> tuple[float, float, float]:
    return prf.precision, prf.recall, prf.f1


# Each row: name, gold entities, predicted entities, span-exact (P, R, F1), seqeval micro (P, R, F1).
ENTITY_CASES = [
    # 7 gold, the same 7 predicted under other ids: tp 7, fp 0, fn 0.
    ("exact match", named(*SPANS), named(*reversed(list(SPANS)), prefix="P"), (1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    # DATE predicted as `08/11/2011` (one word short of `ngày 08/11/2011`): tp 2 (LR1, O1), fp 1, fn 1
    # -> P 2/3, R 2/3, F1 2/3; seqeval sees [ngày]=O [08/11/2011]=B-DATE against B-DATE I-DATE: the same counts.
    ("boundary off by a word", named("LR1", "D1", "O1"),
     named("LR1", "O1") + [ent("P9", "DATE", 581, 591)], (2 / 3, 2 / 3, 2 / 3), (2 / 3, 2 / 3, 2 / 3)),
    # `Chính phủ` as LOC: tp 2, fp 1 (LOC), fn 1 (ORG) -> 2/3 each, in both scorers.
    ("wrong label", named("LR1", "D1", "O1"),
     named("LR1", "D1") + [ent("P9", "LOC", 596, 605)], (2 / 3, 2 / 3, 2 / 3), (2 / 3, 2 / 3, 2 / 3)),
    # ORG missed: tp 2, fp 0, fn 1 -> P 1, R 2/3, F1 2*(2/3)/(5/3) = 0.8.
    ("missing", named("LR1", "D1", "O1"), named("LR1", "D1"), (1.0, 2 / 3, 0.8), (1.0, 2 / 3, 0.8)),
    # ORG invented: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8.
    ("spurious", named("LR1", "D1"), named("LR1", "D1", "O1"), (2 / 3, 1.0, 0.8), (2 / 3, 1.0, 0.8)),
    # Gold empty, one prediction: tp 0, fp 1, fn 0 -> P 0, R 0 (no gold: defined 0), F1 0.
    ("gold empty", [], named("LR1"), (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)),
    # Prediction empty: tp 0, fp 0, fn 1 -> P 0 (defined), R 0, F1 0.
    ("prediction empty", named("LR1"), [], (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)),
    # Both empty: nothing to count; every score is 0 by convention (seqeval agrees).
    ("both empty", [], [], (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)),
    # LEGAL_REF ending one character early (`...30c/NQ-C`), inside the word token `30c/NQ-CP`:
    # span-exact tp 0, fp 1, fn 1 -> 0; seqeval tags whole tokens, so the tags are identical -> 1.
    ("boundary inside a token", named("LR1"), [ent("P1", "LEGAL_REF", 552, 574)], (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)),
]


@pytest.mark.parametrize(("gold", "pred", "exact", "seqeval"), [c[1:] for c in ENTITY_CASES], ids=[c[0] for c in ENTITY_CASES])
def test_entity_scores(gold, pred, exact, seqeval) -> None:
    scores = score_system("s", [(ann(gold), ann(pred))])
    assert prf3(scores.exact.entity_micro) == pytest.approx(exact)
    assert scores.seqeval.micro == pytest.approx(seqeval)


def test_empty_documents_add_nothing() -> None:
    # Exact doc (tp 7) + a second document empty on both sides: still tp 7, fp 0, fn 0 -> 1.0.
    pairs = [(ann(named(*SPANS)), ann(named(*SPANS))), (ann([], doc=OTHER), ann([], doc=OTHER))]
    scores = score_system("s", pairs)
    assert scores.docs == 2
    assert prf3(scores.exact.entity_micro) == (1.0, 1.0, 1.0)
    assert scores.seqeval.micro == pytest.approx((1.0, 1.0, 1.0))


def test_per_label_and_support() -> None:
    # The boundary case: LEGAL_REF and ORG right (1.0 each, support 1), DATE wrong (0.0, support 1).
    scores = score_system("s", [(ann(named("LR1", "D1", "O1")), ann(named("LR1", "O1") + [ent("P9", "DATE", 581, 591)]))])
    assert scores.seqeval.per_label["LEGAL_REF"] == (1.0, 1.0, 1.0, 1)
    assert scores.seqeval.per_label["ORG"] == (1.0, 1.0, 1.0, 1)
    assert scores.seqeval.per_label["DATE"] == (0.0, 0.0, 0.0, 1)
    assert scores.seqeval.per_label["PER"] == (0.0, 0.0, 0.0, 0)
    date = scores.exact.entities["DATE"]
    assert (date.tp, date.fp, date.fn) == (0, 1, 1)


def test_word_tags_are_iob2_over_regex_tokens() -> None:
    gold = ann(named("LR1", "D1"))
    first = [s for s, _ in tokens_with_offsets(TEXT)].index(552)
    words = ["Nghị", "quyết", "số", "30c/NQ-CP", "ngày", "08/11/2011", "của"]
    tags = dict(zip(words, word_tags(TEXT, gold)[first : first + len(words)]))
    assert tags == {
        "Nghị": "B-LEGAL_REF", "quyết": "I-LEGAL_REF", "số": "I-LEGAL_REF", "30c/NQ-CP": "I-LEGAL_REF",
        "ngày": "B-DATE", "08/11/2011": "I-DATE", "của": "O",
    }


def test_errors_and_confusion() -> None:
    gold = named("LR1", "D1", "O1")
    pred = [ent("P1", "LEGAL_REF", 552, 575), ent("P2", "DATE", 581, 591), ent("P3", "LOC", 596, 605),
            ent("P4", "METRIC", 664, 673)]  # `2011-2020` as METRIC: overlaps no gold span
    scores = score_system("s", [(ann(gold), ann(pred))])
    assert scores.false_positives["DATE"] == Counter({"08/11/2011": 1})
    assert scores.false_negatives["DATE"] == Counter({"ngày 08/11/2011": 1})
    assert scores.false_positives["LOC"] == Counter({"Chính phủ": 1})
    assert scores.false_negatives["ORG"] == Counter({"Chính phủ": 1})
    assert scores.false_positives["METRIC"] == Counter({"2011-2020": 1})
    assert not scores.false_positives["LEGAL_REF"] and not scores.false_negatives["LEGAL_REF"]
    # gold label -> label of the first overlapping prediction; "—" for nothing
    assert scores.confusion == Counter({
        ("LEGAL_REF", "LEGAL_REF"): 1, ("DATE", "DATE"): 1, ("ORG", "LOC"): 1, ("—", "METRIC"): 1,
    })
    context = scores.examples[("fp", "DATE", "08/11/2011")]
    assert "08/11/2011" in context and "\n" not in context


def test_relations_match_through_spans_not_ids() -> None:
    gold_ents = named(*SPANS)  # T1=LR1 T2=D1 T3=O1 T4=D_PERIOD T5=LR2 T6=D2 T7=O2
    gold_rels = [Relation("ISSUED_ON", "T1", "T2"), Relation("ISSUED_BY", "T1", "T3"),
                 Relation("ISSUED_ON", "T5", "T6"), Relation("ISSUED_BY", "T5", "T7")]
    # The prediction swaps ids: its T2 is at D2's span and its T6 at D1's span.
    pred_ents = [ent("T1", *SPANS["LR1"]), ent("T2", *SPANS["D2"]), ent("T3", *SPANS["O1"]),
                 ent("T4", *SPANS["D_PERIOD"]), ent("T5", *SPANS["LR2"]), ent("T6", *SPANS["D1"]), ent("T7", *SPANS["O2"])]
    pred_rels = [
        Relation("ISSUED_ON", "T1", "T6"),  # LR1 -> D1 by span: tp
        Relation("ISSUED_BY", "T1", "T3"),  # LR1 -> O1: tp
        Relation("ISSUED_ON", "T5", "T4"),  # LR2 -> the period, not D2: fp (and LR2 -> D2 is a fn)
    ]  # LR2 -> O2 missing: fn
    scores = score_system("s", [(ann(gold_ents, gold_rels), ann(pred_ents, pred_rels))])
    on, by = scores.exact.relations["ISSUED_ON"], scores.exact.relations["ISSUED_BY"]
    assert (on.tp, on.fp, on.fn) == (1, 1, 1)  # P 0.5, R 0.5, F1 0.5
    assert prf3(on) == (0.5, 0.5, 0.5)
    assert (by.tp, by.fp, by.fn) == (1, 0, 1)  # P 1, R 0.5, F1 2/3
    assert prf3(by) == pytest.approx((1.0, 0.5, 2 / 3))
    # micro over the entity relations: tp 2, fp 1, fn 2 -> P 2/3, R 1/2, F1 (2/3)/(7/6) = 4/7
    assert prf3(entity_relation_micro(scores.exact)) == pytest.approx((2 / 3, 0.5, 4 / 7))
    assert prf3(scores.exact.entity_micro) == (1.0, 1.0, 1.0)  # the entities themselves all match


def test_tasks_and_task_links() -> None:
    entities = named(*SPANS)  # T1 = LR1, T5 = LR2, both inside task 511-964
    gold = ann(entities, [Relation("BASED_ON", "K1", "T1"), Relation("BASED_ON", "K1", "T5")],
               [Task("K1", 511, 964, "done"), Task("K2", 965, 1338, "done")])
    pred = ann(entities, [Relation("BASED_ON", "Q1", "T1"), Relation("BASED_ON", "Q2", "T1")],
               [Task("Q1", 511, 964, "planned"),  # same span, other status: a span match
                Task("Q2", 965, 1300, "done"),  # end off: fp, and K2 a fn
                Task("Q3", 1340, 1655, "done")])  # spurious: fp
    scores = score_system("s", [(gold, pred)])
    # task spans: tp 1, fp 2, fn 1 -> P 1/3, R 1/2, F1 (1/3)/(5/6) = 0.4
    assert (scores.tasks.tp, scores.tasks.fp, scores.tasks.fn) == (1, 2, 1)
    assert prf3(scores.tasks) == pytest.approx((1 / 3, 0.5, 0.4))
    # links keyed by (type, task span, entity span): K1->LR1 tp; Q2->LR1 fp; K1->LR2 fn -> 0.5 each
    assert prf3(scores.task_links) == (0.5, 0.5, 0.5)
    based_on = scores.exact.relations["BASED_ON"]
    assert (based_on.tp, based_on.fp, based_on.fn) == (1, 1, 1)
    assert prf3(entity_relation_micro(scores.exact)) == (0.0, 0.0, 0.0)  # no entity relations here
