"""Train the `;` split model (`vngov_ie.task_split`) and write `src/vngov_ie/task_split.json`.

    python eval/train_task_split.py            # train on train, pick C by grouped cross-validation, write weights
    python eval/train_task_split.py --dry-run  # the same, print only

Examples are the cut points `tasks.semicolon_points` finds in each document (a `;`
inside a sentence of the body). A point is a split (1) where a gold task ends at its
`;`, and no split (0) where a gold task runs across it; points outside every gold
task (headings, preambles, tables) say nothing and are left out. A logistic
regression (scikit-learn, liblinear, deterministic) is fitted on the train split; C is
chosen by 5-fold cross-validation grouped by document, on train only. Dev accuracy is
reported against the rule (`tasks._opens_with_action`) for comparison.

Run this before `eval/train_task_filter.py`: the filter learns from the units these
splits make. scikit-learn is needed here, not at run time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.evaluate import split_doc_ids
from vngov_ie.logistic import LogisticModel
from vngov_ie.splits import read_splits
from vngov_ie.task_split import WEIGHTS_PATH, split_features
from vngov_ie.tasks import document_kind, semicolon_points

REPO = Path(__file__).resolve().parents[1]
C_GRID: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0)
FOLDS = 5
MIN_COUNT = 2  # features seen at fewer train points are dropped


@dataclass
class Example:
    doc_id: str
    features: dict[str, float]
    label: int


def load_examples(split: str, annotations: Path) -> list[Example]:
    out = []
    for doc_id in split_doc_ids(read_splits(REPO / "data" / "splits.tsv"), split, annotations):
        gold, text = read_annotation(annotations / f"{doc_id}.json"), corpus_text(doc_id)
        kind = document_kind(text)
        ends = {t.end for t in gold.tasks}
        for semicolon, after, sentence in semicolon_points(text):
            if semicolon + 1 in ends:
                label = 1
            elif any(t.start <= semicolon and after < t.end for t in gold.tasks):
                label = 0
            else:
                continue
            out.append(Example(doc_id, split_features(text, semicolon, after, kind, sentence), label))
    return out


def fit(examples: list[Example], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for ex in examples:
        for k in ex.features:
            counts[k] = counts.get(k, 0) + 1
    rows = [{k: v for k, v in ex.features.items() if counts[k] >= MIN_COUNT} for ex in examples]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).toarray()
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(x, [ex.label for ex in examples])
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-6}
    return weights, round(float(model.intercept_[0]), 5)


def accuracy(examples: list[Example], weights: dict[str, float], bias: float, threshold: float = 0.5) -> float:
    model = LogisticModel(weights, bias, threshold)
    return sum((model.probability(ex.features) >= threshold) == bool(ex.label) for ex in examples) / max(1, len(examples))


def rule_accuracy(examples: list[Example]) -> float:
    return sum(bool(ex.features.get("rule")) == bool(ex.label) for ex in examples) / max(1, len(examples))


def folds_of(examples: list[Example]) -> dict[str, int]:
    """Each document's fold (0 .. FOLDS-1), in a fixed shuffled order of the documents."""
    docs = sorted({ex.doc_id for ex in examples})
    random.Random(0).shuffle(docs)
    return {d: i % FOLDS for i, d in enumerate(docs)}


def cross_validate(examples: list[Example], c: float) -> float:
    fold = folds_of(examples)
    right = 0
    for k in range(FOLDS):
        held = [ex for ex in examples if fold[ex.doc_id] == k]
        weights, bias = fit([ex for ex in examples if fold[ex.doc_id] != k], c)
        right += round(accuracy(held, weights, bias) * len(held))
    return right / len(examples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=REPO / "annotations")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    train, dev = load_examples("train", args.annotations), load_examples("dev", args.annotations)
    print(f"train: {len(train)} points, {sum(ex.label for ex in train)} splits; "
          f"dev: {len(dev)} points, {sum(ex.label for ex in dev)} splits")
    print(f"rule accuracy: train {rule_accuracy(train):.3f}, dev {rule_accuracy(dev):.3f}")
    scores = {c: cross_validate(train, c) for c in C_GRID}
    for c, acc in scores.items():
        print(f"C={c:<4} cross-validated accuracy on train {acc:.3f}")
    c = max(C_GRID, key=lambda v: (scores[v], -v))
    weights, bias = fit(train, c)
    print(f"model (C={c}): train {accuracy(train, weights, bias):.3f}, dev {accuracy(dev, weights, bias):.3f}")
    if not args.dry_run:
        payload = {"about": "vngov_ie.task_split weights; retrain with eval/train_task_split.py",
                   "C": c, "threshold": 0.5, "bias": bias, "weights": dict(sorted(weights.items()))}
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
