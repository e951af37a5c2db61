"""The spec's span-exact scores: entities (label + offsets), relations (type + endpoint spans)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from vngov_ie.labels import ENTITY_LABELS, RELATION_TYPES
from vngov_ie.types import Annotation


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)


@dataclass
class Scores:
    entities: dict[str, PRF] = field(default_factory=lambda: {label: PRF() for label in ENTITY_LABELS})
    relations: dict[str, PRF] = field(default_factory=lambda: {rel: PRF() for rel in RELATION_TYPES})

    @property
    def entity_micro(self) -> PRF:
        return _sum(self.entities.values())

    @property
    def relation_micro(self) -> PRF:
        return _sum(self.relations.values())


def _sum(items: Iterable[PRF]) -> PRF:
    total = PRF()
    for item in items:
        total.tp, total.fp, total.fn = total.tp + item.tp, total.fp + item.fp, total.fn + item.fn
    return total


def entity_keys(ann: Annotation, label: str) -> set[tuple[int, int, str]]:
    return {(e.start, e.end, e.label) for e in ann.entities if e.label == label}


def relation_keys(ann: Annotation, rel_type: str) -> set[tuple]:
    """Relations keyed by type and the spans of their endpoints (tasks by span too)."""
    spans = {e.id: (e.start, e.end, e.label) for e in ann.entities}
    spans.update({t.id: (t.start, t.end, "TASK") for t in ann.tasks})
    return {
        (r.type, spans[r.head], spans[r.tail])
        for r in ann.relations
        if r.type == rel_type and r.head in spans and r.tail in spans
    }


def score_pair(gold: Annotation, pred: Annotation, scores: Scores | None = None) -> Scores:
    scores = scores or Scores()
    for label, prf in scores.entities.items():
        prf.add(entity_keys(gold, label), entity_keys(pred, label))
    for rel, prf in scores.relations.items():
        prf.add(relation_keys(gold, rel), relation_keys(pred, rel))
    return scores


def score_corpus(pairs: Iterable[tuple[Annotation, Annotation]]) -> Scores:
    scores = Scores()
    for gold, pred in pairs:
        score_pair(gold, pred, scores)
    return scores


def label_counts(annotations: Iterable[Annotation]) -> Counter[str]:
    return Counter(e.label for ann in annotations for e in ann.entities)


def task_keys(ann: Annotation) -> set[tuple[int, int, str]]:
    return {(t.start, t.end, t.status) for t in ann.tasks}


def task_span_prf(pairs: Iterable[tuple[Annotation, Annotation]]) -> PRF:
    """Task spans matched exactly (offsets); status is scored separately by the caller if needed."""
    prf = PRF()
    for gold, pred in pairs:
        prf.add({k[:2] for k in task_keys(gold)}, {k[:2] for k in task_keys(pred)})
    return prf
