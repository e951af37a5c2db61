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
from contextlib import nullcontext
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

    def fold_of(self) -> dict[str, int]:
        """Training document -> the fold that holds it out."""
        return {d: i % self.folds for i, d in enumerate(self.doc_ids)}

    def held_out(self, fold: int) -> list[str]:
        return [d for d, k in self.fold_of().items() if k == fold]

    def training(self, fold: int | None) -> list[str]:
        return [d for d, k in self.fold_of().items() if fold is None or k != fold]


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
    if progress:
        progress("crf", 0, len(jobs))
    pool_or_none = (ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
                    if workers > 1 else nullcontext())
    with pool_or_none as pool:
        trained = (pool.map if pool else map)(_train_one, [plan] * len(jobs), jobs)
        for done, _ in enumerate(trained, 1):
            if progress:
                progress("crf", done, len(jobs))


def crf_feature_spans(plan: CrfPlan, rules: Tagger) -> Callable[[str, str], list[Span]]:
    """(doc id, text) -> CRF spans: a training document's from the fold CRF that did not see it, any other
    document's from the CRF trained on all of them."""
    from vngov_ie.tag.crf import CrfTagger

    taggers = {fold: CrfTagger(plan.model_path(fold), rules=rules) for fold in (None, *range(plan.folds))}
    fold_of = plan.fold_of()
    return lambda doc_id, text: taggers[fold_of.get(doc_id)].tag(text)


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
        return CrfTagger(path, rules=rules)
    raise ValueError(f"{model_dir}: unknown feature source '{source}' (known: {', '.join(FEATURE_SOURCES)})")


def folder_crf(model_dir: Path, rules: Tagger) -> Tagger:
    """The CRF of a model folder as a tagger of its own, without loading the transformer beside it."""
    from vngov_ie.model.default import read_meta

    meta = read_meta(model_dir)
    if not meta.get("rule_features") or meta.get("features") != "crf":
        raise ValueError(f"{model_dir} reads the rules' tags, not a CRF's: it has no CRF to tag with")
    return feature_tagger(model_dir, meta, rules)
