"""Train the learned task filter (`vngov_ie.task_filter`) and write `src/vngov_ie/task_filter.json`.

    python eval/train_task_filter.py            # cross-validate C and the threshold, fit on train + dev, write weights
    python eval/train_task_filter.py --dry-run  # the same, print only

Candidates are the units `tasks.find_units` proposes on each document with its gold
entities; a candidate is positive when it overlaps a gold task span (`--labels overlap`: a unit that
is a task with a boundary error still looks like a task, and dropping it gains nothing under
exact-offset scoring; `exact` and `skip_near` are the alternatives tried). Each candidate
also sees some features of its neighbours (`task_filter.with_context`).

A logistic regression (scikit-learn, liblinear, deterministic) is fitted in 5 folds
grouped by document over the train and dev splits together; C and the keep threshold
are the pair whose out-of-fold predictions give the best task span F1 + task-link F1
over all those documents (ties: span F1, then the lower threshold). The final weights
are fitted on train + dev. Figures printed for dev are out-of-fold, so they are not
in-sample; the test split is never read. Each candidate is weighted by 1 + the entities
inside it, since the links of a task hang on those.

Run `eval/train_task_split.py` first: the candidates depend on its `;` splits. The split
model is fitted on train, so a train document's candidates are cut by a split model fitted
on the other folds of train (`eval/train_task_split.py`'s folds), as an unseen document's
would be; dev documents are cut by the shipped one. scikit-learn is needed here, not at
run time: the weights are written as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vngov_ie import task_split, tasks
from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.evaluate import split_doc_ids
from vngov_ie.labels import TASK_RELATIONS
from vngov_ie.logistic import LogisticModel
from vngov_ie.scoring import PRF
from vngov_ie.splits import read_splits
from vngov_ie.task_filter import WEIGHTS_PATH, TaskFilter, document_features
from vngov_ie.tasks import FoundTasks, LeadScope, document_kind, find_units, lead_scopes, link_tasks
from vngov_ie.types import Annotation, Task

import train_task_split  # beside this script: its folds and fit

REPO = Path(__file__).resolve().parents[1]
C_GRID: tuple[float, ...] = (0.1, 0.3, 1.0)
FOLDS = 5
THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(1, 19))
MIN_COUNT = 2  # features seen in fewer train candidates are dropped
WEIGHT_PER_ENTITY = 1.0  # a candidate's sample weight: 1 + this x the entities inside it (links hang on them)


@dataclass
class DocCandidates:
    """One document's candidates, their features and labels, and what scoring needs."""

    gold: Annotation
    text: str
    kind: str
    found: list  # tasks.find_units output
    features: list[dict[str, float]]
    labels: list[int]
    near: list[bool]  # a negative that overlaps a gold task (a boundary error, not a non-task)
    weights: list[float]  # 1 + the entities inside the span: link-rich units count more
    scopes: list[LeadScope]  # tasks.lead_scopes output, cut by the same split model as the candidates


@contextmanager
def cut_by(model: LogisticModel | None) -> Iterator[None]:
    """Units are cut at `;` by `model` (None: the shipped split model) inside the block."""
    shipped = task_split.load_split_model
    if model is not None:
        task_split.load_split_model = lambda path=task_split.WEIGHTS_PATH: model  # type: ignore[assignment]
    tasks.layout.cache_clear()
    try:
        yield
    finally:
        task_split.load_split_model = shipped  # type: ignore[assignment]
        tasks.layout.cache_clear()


def out_of_fold_split_models(annotations: Path) -> dict[str, LogisticModel]:
    """Each train document's split model, fitted (at the shipped C) on the train documents of the other folds."""
    shipped = json.loads(task_split.WEIGHTS_PATH.read_text(encoding="utf-8"))
    examples = train_task_split.load_examples("train", annotations)
    fold = train_task_split.folds_of(examples)
    models = {}
    for k in sorted(set(fold.values())):
        weights, bias = train_task_split.fit([ex for ex in examples if fold[ex.doc_id] != k], shipped["C"])
        models.update({d: LogisticModel(weights, bias, shipped["threshold"]) for d, f in fold.items() if f == k})
    return models


def load_split(split: str, annotations: Path, split_models: dict[str, LogisticModel] | None = None) -> list[DocCandidates]:
    """The candidates of a split's documents; a document in `split_models` is cut by its model there."""
    docs = []
    for doc_id in split_doc_ids(read_splits(REPO / "data" / "splits.tsv"), split, annotations):
        gold, text = read_annotation(annotations / f"{doc_id}.json"), corpus_text(doc_id)
        kind = document_kind(text)
        with cut_by((split_models or {}).get(doc_id)):
            found = find_units(text, gold.entities, kind)
            features = document_features(text, gold.entities, kind, found)
            scopes = lead_scopes(text, gold.entities, kind)
        gold_spans = {(t.start, t.end) for t in gold.tasks}
        docs.append(DocCandidates(gold, text, kind, found, features,
                                  [int((u.start, u.end) in gold_spans) for u, _, _ in found],
                                  [any(a < u.end and u.start < b for a, b in gold_spans) for u, _, _ in found],
                                  [1.0 + WEIGHT_PER_ENTITY * sum(u.start <= e.start and e.end <= u.end
                                                                 for e in gold.entities) for u, _, _ in found],
                                  scopes))
    return docs


def _link_keys(ann: Annotation) -> set[tuple]:
    spans = {e.id: (e.start, e.end, e.label) for e in ann.entities}
    tasks = {t.id: (t.start, t.end) for t in ann.tasks}
    return {(r.type, tasks[r.head], spans[r.tail]) for r in ann.relations
            if r.type in TASK_RELATIONS and r.head in tasks and r.tail in spans}


def score(docs: list[DocCandidates], keep: list[list[bool]]) -> tuple[PRF, PRF]:
    """Task span and task-link P/R/F1 when only the kept candidates are tasks (as `eval/graph_scores.py`)."""
    spans, links = PRF(), PRF()
    for d, mask in zip(docs, keep):
        found = FoundTasks()
        for n, ((u, status, lead), k) in enumerate(zip(d.found, mask), start=1):
            if k:
                found.tasks.append(Task(f"K{n}", u.start, u.end, status))
                found.lead_actors[f"K{n}"] = lead
        rels = link_tasks(found, d.gold.entities, d.text, d.scopes)
        pred = Annotation(d.gold.doc_id, d.gold.text_sha256, d.gold.entities, rels, found.tasks)
        spans.add({(t.start, t.end) for t in d.gold.tasks}, {(t.start, t.end) for t in pred.tasks})
        links.add(_link_keys(d.gold), _link_keys(pred))
    return spans, links


def training_rows(train: list[DocCandidates], labels: str) -> list[tuple[dict[str, float], int, float]]:
    """(features, label, weight) of each train candidate. `exact`: positive when the span equals a gold
    task's; `skip_near`: as exact, without the negatives that overlap a gold task; `overlap`: positive when
    it overlaps one."""
    rows = []
    for d in train:
        for f, y, near, w in zip(d.features, d.labels, d.near, d.weights):
            if labels == "skip_near" and near and not y:
                continue
            rows.append((f, int(y or (labels == "overlap" and near)), w))
    return rows


def fit(train: list[DocCandidates], c: float, labels: str = "exact") -> TaskFilter:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = training_rows(train, labels)
    counts: dict[str, int] = {}
    for f, _, _ in data:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    kept = {k for k, n in counts.items() if n >= MIN_COUNT}
    rows = [{k: v for k, v in f.items() if k in kept} for f, _, _ in data]
    y = [y for _, y, _ in data]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).toarray()  # dense: small, and avoids sparse index-width checks
    model = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=1000, random_state=0)
    model.fit(x, y, sample_weight=[w for _, _, w in data])
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-6}
    return TaskFilter(weights, round(float(model.intercept_[0]), 5), 0.5)


def masks(docs: list[DocCandidates], model: TaskFilter, threshold: float) -> list[list[bool]]:
    return [[model.probability(f) >= threshold for f in d.features] for d in docs]


def _fmt(name: str, spans: PRF, links: PRF) -> str:
    return (f"{name:<28} spans P {spans.precision:.3f} R {spans.recall:.3f} F1 {spans.f1:.3f}"
            f"  (tp {spans.tp}, fp {spans.fp}, fn {spans.fn})   links F1 {links.f1:.3f} (P {links.precision:.3f} R {links.recall:.3f})")


def out_of_fold(docs: list[DocCandidates], c: float, labels: str) -> list[list[float]]:
    """Each candidate's probability from a model fitted on the other folds (grouped by document)."""
    ranked = sorted(range(len(docs)), key=lambda i: hash_id(docs[i].gold.doc_id))
    fold = {i: n % FOLDS for n, i in enumerate(ranked)}
    probs: list[list[float]] = [[] for _ in docs]
    for k in range(FOLDS):
        model = fit([d for i, d in enumerate(docs) if fold[i] != k], c, labels)
        for i, d in enumerate(docs):
            if fold[i] == k:
                probs[i] = [model.probability(f) for f in d.features]
    return probs


def hash_id(doc_id: str) -> str:
    """A fixed, arbitrary order of documents for the folds (stable across runs and machines)."""
    import hashlib

    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=REPO / "annotations")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--labels", choices=("overlap", "exact", "skip_near"), default="overlap",
                        help="what makes a train candidate positive (see training_rows)")
    args = parser.parse_args(argv)
    train = load_split("train", args.annotations, out_of_fold_split_models(args.annotations))
    dev = load_split("dev", args.annotations)
    docs = train + dev
    print(f"train + dev: {len(docs)} docs, {sum(len(d.labels) for d in docs)} candidates, "
          f"{sum(sum(d.labels) for d in docs)} exactly a gold task")
    print(_fmt("dev, rules only", *score(dev, [[True] * len(d.labels) for d in dev])))
    best: tuple[tuple[float, float, float], float, float, list[list[float]]] | None = None
    for c in C_GRID:
        probs = out_of_fold(docs, c, args.labels)
        for t in THRESHOLDS:
            spans, links = score(docs, [[p >= t for p in ps] for ps in probs])
            key = (round(spans.f1 + links.f1, 4), round(spans.f1, 4), -t)
            if best is None or key > best[0]:
                best = (key, c, t, probs)
        print(f"C={c:<5} best so far: C={best[1]} t={best[2]} out-of-fold span F1 + link F1 = {best[0][0]:.3f}")
    assert best is not None
    _, c, t, probs = best
    print(_fmt(f"train + dev, out of fold (C={c}, t={t})", *score(docs, [[p >= t for p in ps] for ps in probs])))
    print(_fmt(f"dev, out of fold (C={c}, t={t})", *score(dev, [[p >= t for p in ps] for ps in probs[len(train):]])))
    model = fit(docs, c, args.labels)
    chosen = TaskFilter(model.weights, model.bias, t)
    print(_fmt("dev, final weights (in-sample)", *score(dev, masks(dev, chosen, t))))
    if not args.dry_run:
        payload = {"about": "vngov_ie.task_filter weights; retrain with eval/train_task_filter.py",
                   "labels": args.labels, "C": c, "threshold": t, "bias": chosen.bias,
                   "weights": dict(sorted(chosen.weights.items()))}
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({len(chosen.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
