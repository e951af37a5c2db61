"""What the model reads in `token_type_ids`: the rule tagger's tags, or a CRF's tags stacked on them.

A CRF over lexical, gazetteer and rule-tag features (`vngov_ie.tag.crf`) is
much stronger than the rules alone, so the model can read its tags instead
(`"features": "crf"` in the training config). On the training documents those
tags come from CRFs that never saw the document (k folds, "jackknife"): a CRF
tagging its own training text is nearly perfect, and a model trained on such
tags would learn to trust them blindly. Dev documents, and every text at
prediction time, get the CRF trained on all training documents; it is saved
in the model folder beside the weights.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from vngov_ie.tag import Tagger
from vngov_ie.types import Span

FEATURE_SOURCES: tuple[str, ...] = ("rules", "crf")
CRF_FILE = "features.crfsuite"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CrfPlan:
    """What to train: `folds` out-of-fold CRFs plus one on everything, each on `doc_ids` from `annotations`."""

    doc_ids: tuple[str, ...]
    annotations: Path
    folds: int
    iterations: int
    work: Path

    def model_path(self, fold: int | None) -> Path:
        return self.work / ("all.crfsuite" if fold is None else f"fold{fold}.crfsuite")

    def held_out(self, fold: int) -> list[str]:
        return [d for i, d in enumerate(self.doc_ids) if i % self.folds == fold]

    def training(self, fold: int | None) -> list[str]:
        return [d for i, d in enumerate(self.doc_ids) if fold is None or i % self.folds != fold]


def _train_one(plan: CrfPlan, fold: int | None) -> Path:
    from vngov_ie.baselines.tokens import training_examples
    from vngov_ie.rules import RuleTagger
    from vngov_ie.tag.crf import train_crf

    target = plan.model_path(fold)
    if not target.is_file():  # a resumed run keeps the CRFs it already has
        partial = target.with_suffix(".partial")
        train_crf(training_examples(plan.training(fold), plan.annotations), partial, plan.iterations, RuleTagger())
        partial.replace(target)
    return target


def train_crfs(plan: CrfPlan, workers: int = 1, progress: Progress | None = None) -> None:
    """Train the fold CRFs and the full one (in `workers` processes); each lands atomically in `plan.work`."""
    plan.work.mkdir(parents=True, exist_ok=True)
    jobs: list[int | None] = [None, *range(plan.folds)]
    done = 0
    if progress:
        progress("crf", done, len(jobs))
    if workers <= 1:
        for fold in jobs:
            _train_one(plan, fold)
            done += 1
            if progress:
                progress("crf", done, len(jobs))
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for _ in pool.map(_train_one, [plan] * len(jobs), jobs):
            done += 1
            if progress:
                progress("crf", done, len(jobs))


def out_of_fold_spans(plan: CrfPlan, texts: dict[str, str]) -> dict[str, list[Span]]:
    """Each training document tagged by the fold CRF that did not see it."""
    from vngov_ie.rules import RuleTagger
    from vngov_ie.tag.crf import CrfTagger

    rules = RuleTagger()
    out: dict[str, list[Span]] = {}
    for fold in range(plan.folds):
        tagger = CrfTagger(plan.model_path(fold), rules=rules)
        for doc_id in plan.held_out(fold):
            out[doc_id] = tagger.tag(texts[doc_id])
    return out


def feature_tagger(model_dir: Path, meta: dict, rules: Tagger) -> Tagger:
    """The tagger whose tags a trained model reads: the rules, or the CRF saved beside it."""
    source = meta.get("features", "rules")
    if source == "rules":
        return rules
    if source == "crf":
        from vngov_ie.tag.crf import CrfTagger

        path = Path(model_dir) / CRF_FILE
        if not path.is_file():
            raise OSError(f"{model_dir} reads CRF features but has no {CRF_FILE}")
        return CrfTagger(path, name="crf", rules=rules)
    raise ValueError(f"{model_dir}: unknown feature source '{source}' (known: {', '.join(FEATURE_SOURCES)})")
