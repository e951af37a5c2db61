"""One scorer for every system: seqeval strict IOB2, the spec's span-exact scores,
relations, tasks, split by clean and noisy (OCR) documents, with error analysis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.labels import ENTITY_LABELS, ENTITY_RELATIONS
from vngov_ie.scoring import PRF, Scores, score_pair, task_span_prf
from vngov_ie.splits import SplitRow
from vngov_ie.types import Annotation
from vngov_ie.writers import iob2_tags, tokens_with_offsets


@dataclass
class SeqevalScores:
    per_label: dict[str, tuple[float, float, float, int]]  # P, R, F1, support
    micro: tuple[float, float, float]


@dataclass
class ErrorExample:
    label: str
    surface: str
    context: str


@dataclass
class SystemScores:
    name: str
    docs: int
    seqeval: SeqevalScores
    exact: Scores
    tasks: PRF
    task_links: PRF
    false_positives: dict[str, Counter] = field(default_factory=dict)
    false_negatives: dict[str, Counter] = field(default_factory=dict)
    examples: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (kind, label, surface) -> context
    confusion: Counter = field(default_factory=Counter)  # (gold label, predicted label) on overlapping spans


def word_tags(text: str, ann: Annotation) -> list[str]:
    return iob2_tags(text, ann, tokens_with_offsets(text))


def seqeval_scores(golds: list[list[str]], preds: list[list[str]]) -> SeqevalScores:
    """seqeval's strict IOB2 report as plain floats; a label absent from gold and prediction scores 0."""
    import warnings

    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    with warnings.catch_warnings():  # macro averages over no labels warn (mean of an empty slice)
        warnings.simplefilter("ignore", RuntimeWarning)
        report = classification_report(golds, preds, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    per_label = {
        label: (
            float(report[label]["precision"]), float(report[label]["recall"]), float(report[label]["f1-score"]),
            int(report[label]["support"]),
        ) if label in report else (0.0, 0.0, 0.0, 0)
        for label in ENTITY_LABELS
    }
    micro = report.get("micro avg", {"precision": 0.0, "recall": 0.0, "f1-score": 0.0})
    return SeqevalScores(per_label, (float(micro["precision"]), float(micro["recall"]), float(micro["f1-score"])))


def entity_relation_micro(scores: Scores) -> PRF:
    """Relations between entities only (ISSUED_ON, ISSUED_BY, AMENDS, IMPLEMENTS), summed over types."""
    total = PRF()
    for rel in ENTITY_RELATIONS:
        prf = scores.relations[rel]
        total.tp, total.fp, total.fn = total.tp + prf.tp, total.fp + prf.fp, total.fn + prf.fn
    return total


def _flat(s: str) -> str:
    return " ".join(s.split())


def _task_link_keys(ann: Annotation) -> set[tuple]:
    spans = {e.id: (e.start, e.end, e.label) for e in ann.entities}
    tasks = {t.id: (t.start, t.end) for t in ann.tasks}
    return {(r.type, tasks[r.head], spans[r.tail]) for r in ann.relations if r.head in tasks and r.tail in spans}


def score_system(name: str, pairs: Iterable[tuple[Annotation, Annotation]]) -> SystemScores:
    """Score (gold, predicted) pairs of one system."""
    golds, preds = [], []
    exact = Scores()
    fps: dict[str, Counter] = {label: Counter() for label in ENTITY_LABELS}
    fns: dict[str, Counter] = {label: Counter() for label in ENTITY_LABELS}
    examples: dict[tuple[str, str, str], str] = {}
    confusion: Counter = Counter()
    links = PRF()
    pair_list = list(pairs)
    for gold, pred in pair_list:
        text = corpus_text(gold.doc_id)
        golds.append(word_tags(text, gold))
        preds.append(word_tags(text, pred))
        score_pair(gold, pred, exact)
        links.add(_task_link_keys(gold), _task_link_keys(pred))
        _collect_errors(text, gold, pred, fps, fns, examples, confusion)
    return SystemScores(
        name, len(pair_list), seqeval_scores(golds, preds), exact, task_span_prf(pair_list), links,
        fps, fns, examples, confusion,
    )


def _collect_errors(text, gold, pred, fps, fns, examples, confusion) -> None:
    g = {(e.start, e.end): e.label for e in gold.entities}
    p = {(e.start, e.end): e.label for e in pred.entities}
    for (s, e), label in p.items():
        if g.get((s, e)) != label:
            surface = _flat(text[s:e])
            fps[label][surface] += 1
            examples.setdefault(("fp", label, surface), _flat(text[max(0, s - 40) : e + 40]))
    for (s, e), label in g.items():
        if p.get((s, e)) != label:
            surface = _flat(text[s:e])
            fns[label][surface] += 1
            examples.setdefault(("fn", label, surface), _flat(text[max(0, s - 40) : e + 40]))
    pred_sorted = sorted(p.items())
    for (s, e), label in g.items():
        hit = [pl for (ps, pe), pl in pred_sorted if ps < e and s < pe]
        confusion[(label, hit[0] if hit else "—")] += 1
    for (s, e), label in p.items():
        if not any(gs < e and s < ge for (gs, ge) in g):
            confusion[("—", label)] += 1


def load_pairs(doc_ids: Iterable[str], gold_dir: Path, pred_dir: Path) -> list[tuple[Annotation, Annotation]]:
    """Gold and predicted annotations of `doc_ids`; a missing prediction counts as empty."""
    pairs = []
    for doc_id in doc_ids:
        gold = read_annotation(Path(gold_dir) / f"{doc_id}.json")
        path = Path(pred_dir) / f"{doc_id}.json"
        pred = read_annotation(path) if path.is_file() else Annotation(doc_id, gold.text_sha256)
        pairs.append((gold, pred))
    return pairs


def split_doc_ids(rows: Iterable[SplitRow], split: str, gold_dir: Path, noisy: bool | None = None) -> list[str]:
    return [
        r.doc_id for r in rows
        if r.split == split and (noisy is None or r.noisy == noisy) and (Path(gold_dir) / f"{r.doc_id}.json").is_file()
    ]
