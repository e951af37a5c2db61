"""The leaderboard: every system on the test split, one scorer, one timing method.

    board = run_leaderboard(BoardConfig(models=(("model (seed 13)", Path("runs/seed13/model")),)))
    write_board(board)                      # eval/leaderboard.md and eval/leaderboard.html

Each system is trained on the train split only (the CRF and spaCy baselines
here, in a temporary folder; a model folder brings its own run), then
`pipeline.extract` runs it over every test document: normalisation, tagging,
mapping back, relation linking, task finding. That pass is the timed one
(after one untimed warm-up document, with the stages' caches of text already
seen emptied, under `threads` CPU threads) and its output is
written to `<out>/predictions/<system>/<doc_id>.json`; the scores are read
back from those files, for all test documents and again for the clean and
the noisy (OCR) ones. Nothing is cached between runs except that folder,
which each run empties first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from vngov_ie.annotation import write_annotation
from vngov_ie.baselines.tokens import Example, folder_megabytes, training_examples
from vngov_ie.corpus import corpus_text
from vngov_ie.evaluate import SystemScores, entity_relation_micro, load_pairs, score_system, split_doc_ids
from vngov_ie.pipeline import clear_text_caches, extract, get_tagger
from vngov_ie.splits import read_splits
from vngov_ie.tag import Tagger
from vngov_ie.types import Document

BASELINES: tuple[str, ...] = ("rules", "underthesea", "crf", "crf+rules", "spacy")
QUICK_BASELINES: tuple[str, ...] = ("rules", "crf")
SUBSETS: tuple[str, ...] = ("all", "clean", "noisy")
SEED_MARK = " (seed"


@dataclass(frozen=True)
class BoardConfig:
    """What to run and where; validated by the CLI, trusted here."""

    out: Path = Path("eval")
    annotations: Path = Path("annotations")
    splits: Path = Path("data/splits.tsv")
    baselines: tuple[str, ...] = BASELINES
    models: tuple[tuple[str, Path], ...] = ()  # (name, model folder); each also runs as `<name>+rules`
    threads: int = 2
    test_docs: int | None = None  # only the first N test documents (quick mode)
    train_docs: int | None = None  # only the first N training documents (quick mode)
    crf_iterations: int = 100
    spacy_max_steps: int = 1600
    spacy_max_seconds: float = 600.0

    @classmethod
    def quick(cls, **changes) -> "BoardConfig":
        """Rules and CRF only, on a handful of test documents (the CRF trained on a handful too)."""
        base = cls(baselines=QUICK_BASELINES, models=(), test_docs=5, train_docs=10, crf_iterations=25)
        return replace(base, **changes)


@dataclass
class SystemRun:
    """One system's run: its cost columns, per-document timings and its scores per subset."""

    name: str
    slug: str
    size_mb: float | None = None
    train_seconds: float | None = None
    train_source: str = ""
    note: str = ""
    seconds: dict[str, float] = field(default_factory=dict)  # doc_id -> extract seconds
    words: dict[str, int] = field(default_factory=dict)  # doc_id -> whitespace words
    cpu_seconds: float = 0.0  # CPU time of this process over the timed pass (all its threads)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after the timed pass
    scores: dict[str, SystemScores] = field(default_factory=dict)  # subset -> scores
    error: str | None = None

    def words_per_second(self, doc_ids: list[str]) -> float | None:
        seconds = sum(self.seconds[d] for d in doc_ids if d in self.seconds)
        return sum(self.words[d] for d in doc_ids if d in self.words) / seconds if seconds else None


@dataclass
class Board:
    config: BoardConfig
    subsets: dict[str, list[str]]
    runs: list[SystemRun]
    started: str
    seconds: float


@dataclass(frozen=True)
class Prepared:
    """A tagger ready to run, with what it cost to get there."""

    tagger: Tagger
    size_mb: float | None
    train_seconds: float | None
    train_source: str
    note: str = ""


def parse_model_option(value: str) -> tuple[str, Path]:
    """`NAME=DIR` (or a bare `DIR`, named after its folder) -> (name, folder)."""
    name, sep, path = value.partition("=")
    if not sep:
        name, path = Path(value).name or "model", value
    if not name.strip() or not path.strip():
        raise ValueError(f"--model wants NAME=DIR, not {value!r}")
    return name.strip(), Path(path.strip())


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "system"


def seed_group(name: str) -> str | None:
    """`model (seed 13)` -> `model`; None for a name without a seed."""
    return name.split(SEED_MARK, 1)[0] if SEED_MARK in name else None


def evaluation_subsets(config: BoardConfig) -> dict[str, list[str]]:
    rows = read_splits(config.splits)
    ids = split_doc_ids(rows, "test", config.annotations)
    if config.test_docs is not None:
        noisy = [d for d in ids if _noisy(rows, d)]
        clean = [d for d in ids if not _noisy(rows, d)]
        keep = set(noisy[: max(1, config.test_docs // 3)])  # a few OCR documents too, if any
        keep |= set(clean[: config.test_docs - len(keep)])
        ids = [d for d in ids if d in keep]
    return {
        "all": ids,
        "clean": [d for d in ids if not _noisy(rows, d)],
        "noisy": [d for d in ids if _noisy(rows, d)],
    }


def _noisy(rows, doc_id: str) -> bool:
    return any(r.doc_id == doc_id and r.noisy for r in rows)


class _Training:
    """Training data, read once and shared by the baselines that learn from it."""

    def __init__(self, config: BoardConfig) -> None:
        self.config = config
        self._cache: dict[str, list[Example]] = {}

    def examples(self, split: str) -> list[Example]:
        if split not in self._cache:
            rows = read_splits(self.config.splits)
            ids = split_doc_ids(rows, split, self.config.annotations)
            if self.config.train_docs is not None:
                ids = ids[: self.config.train_docs]
            self._cache[split] = training_examples(ids, self.config.annotations)
        return self._cache[split]


def _prepare_rules(config: BoardConfig, data: _Training, work: Path) -> Prepared:
    return Prepared(get_tagger("rules"), None, None, "no training")


def _prepare_underthesea(config: BoardConfig, data: _Training, work: Path) -> Prepared:
    from vngov_ie.baselines.underthesea_ner import UndertheseaTagger, model_files

    tagger = UndertheseaTagger()
    tagger.tag("Ông Nguyễn Văn An làm việc tại Ủy ban nhân dân tỉnh Kiên Giang.")  # fails here if it cannot run offline
    return Prepared(tagger, folder_megabytes(*model_files()), None, "pretrained (ships in the wheel)",
                    "PER/ORG/LOC mapped to ours; MISC dropped; no LEGAL_REF, DATE or METRIC")


def _prepare_crf(config: BoardConfig, data: _Training, work: Path, with_rules: bool = False) -> Prepared:
    from vngov_ie.rules import RuleTagger
    from vngov_ie.tag.crf import CrfTagger, train_crf

    rules = RuleTagger() if with_rules else None
    started = time.perf_counter()
    folder = "crf-rules" if with_rules else "crf"
    path = train_crf(data.examples("train"), work / folder / "model.crfsuite", config.crf_iterations, rules)
    seconds = time.perf_counter() - started
    stacked = ("; the rule tagger's tags as features: the recipe of the default tagger (`vngov-ie extract --tagger crf`, "
               "the CRF of the shipped model folder)") if with_rules else ""
    return Prepared(CrfTagger(path, rules=rules), folder_megabytes(path), seconds, "measured here",
                    f"{len(data.examples('train'))} training documents, {config.crf_iterations} L-BFGS iterations{stacked}")


def _prepare_crf_rules(config: BoardConfig, data: _Training, work: Path) -> Prepared:
    return _prepare_crf(config, data, work, with_rules=True)


def _prepare_spacy(config: BoardConfig, data: _Training, work: Path) -> Prepared:
    from vngov_ie.baselines.spacy_ner import SpacyTagger, train_spacy

    started = time.perf_counter()
    run = train_spacy(data.examples("train"), data.examples("dev"), work / "spacy", config.spacy_max_steps,
                      config.spacy_max_seconds, config.threads)
    seconds = time.perf_counter() - started
    return Prepared(SpacyTagger(run.model_dir), folder_megabytes(run.model_dir), seconds, "measured here",
                    f"`spacy train` {run.note} (last evaluation at step {run.steps}); model-best by dev F")


BASELINE_BUILDERS: dict[str, Callable[[BoardConfig, _Training, Path], Prepared]] = {
    "rules": _prepare_rules,
    "underthesea": _prepare_underthesea,
    "crf": _prepare_crf,
    "crf+rules": _prepare_crf_rules,
    "spacy": _prepare_spacy,
}


def logged_training_seconds(model_dir: Path) -> float | None:
    """`seconds` of the last epoch in the run folder's train_log.jsonl (beside or inside the model folder)."""
    for log in (Path(model_dir).parent / "train_log.jsonl", Path(model_dir) / "train_log.jsonl"):
        if log.is_file():
            lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
            if lines:
                return float(json.loads(lines[-1])["seconds"])
    return None


def run_progress(model_dir: Path) -> str:
    """`epochs 5 of 5` from the run folder's train_log.jsonl and config.json; empty when they are missing."""
    run = Path(model_dir).parent
    try:
        logs = [json.loads(line) for line in (run / "train_log.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        planned = json.loads((run / "config.json").read_text(encoding="utf-8")).get("epochs")
    except (OSError, ValueError):
        return ""
    done = logs[-1]["epoch"] if logs else 0
    text = f"epochs {done} of {planned}" if planned else f"{done} epochs"
    return text + (" (an unfinished run)" if planned and done < planned else "")


def _model_builder(model_dir: Path) -> Callable[[BoardConfig, _Training, Path], Prepared]:
    def build(config: BoardConfig, data: _Training, work: Path) -> Prepared:
        seconds = logged_training_seconds(model_dir)
        source = "train_log.jsonl" if seconds is not None else "no train_log.jsonl"
        note = "; ".join(x for x in (str(model_dir), run_progress(model_dir)) if x)
        return Prepared(get_tagger("model", model_dir), folder_megabytes(model_dir), seconds, source, note)

    return build


def systems(config: BoardConfig) -> list[tuple[str, Callable[[BoardConfig, _Training, Path], Prepared]]]:
    """(name, builder) of every system, baselines first; names must give distinct prediction folders."""
    chosen: list[tuple[str, Callable[[BoardConfig, _Training, Path], Prepared]]] = [
        (name, BASELINE_BUILDERS[name]) for name in config.baselines
    ]
    chosen += [(name, _model_builder(Path(path))) for name, path in config.models]
    slugs = [slug(name) for name, _ in chosen]
    clashes = sorted({s for s in slugs if slugs.count(s) > 1})
    if clashes:
        raise ValueError(f"system names share a prediction folder: {', '.join(clashes)}")
    return chosen


def board_config(out: Path, models: list[str], baselines: list[str], quick: bool, annotations: Path, splits: Path,
                 threads: int, spacy_steps: int) -> BoardConfig:
    """A checked config from command-line values (`--model NAME=DIR` strings); ValueError names the problem."""
    parsed = tuple(parse_model_option(m) for m in models)
    unknown = [b for b in baselines if b not in BASELINES]
    if unknown:
        raise ValueError(f"unknown baseline(s) {', '.join(unknown)} (choose from {', '.join(BASELINES)})")
    missing = [str(path) for _, path in parsed if not path.is_dir()]
    if missing:
        raise ValueError(f"no model folder {', '.join(missing)}")
    if not Path(splits).is_file() or not Path(annotations).is_dir():
        raise ValueError(f"no split file {splits}" if not Path(splits).is_file() else f"no folder {annotations}")
    if threads < 1 or spacy_steps < 1:
        raise ValueError("--threads and --spacy-steps must be positive")
    common = {"out": Path(out), "annotations": Path(annotations), "splits": Path(splits), "threads": threads}
    if quick:
        return BoardConfig.quick(**common)
    config = BoardConfig(**common, models=parsed, spacy_max_steps=spacy_steps,
                         baselines=tuple(baselines) if baselines else BASELINES)
    systems(config)  # distinct prediction folders
    return config


def limit_threads(threads: int):
    """Cap BLAS/OpenMP pools (threadpoolctl) and torch at `threads`; returns the limiter to keep alive."""
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - comes with scikit-learn and spaCy's stack
        return None
    return threadpool_limits(threads)


@dataclass
class Timing:
    seconds: dict[str, float]  # doc_id -> wall-clock seconds of `extract`
    words: dict[str, int]  # doc_id -> whitespace words
    cpu_seconds: float  # this process's CPU time over the timed pass
    load: tuple[float, float]  # 1-minute load average before and after it (other processes share the CPU)


def predict(tagger: Tagger, doc_ids: list[str], pred_dir: Path, threads: int) -> Timing:
    """Extract every document (timed one by one after a warm-up) and write its prediction file."""
    shutil.rmtree(pred_dir, ignore_errors=True)
    pred_dir.mkdir(parents=True)
    docs = [Document(d, corpus_text(d)) for d in doc_ids]
    limiter = limit_threads(threads)
    seconds: dict[str, float] = {}
    try:
        if docs:
            extract(docs[0], tagger)  # warm-up: lazy loading, first-call overheads
        clear_text_caches()  # nothing cached from the warm-up or from the systems timed before
        load_before, cpu = os.getloadavg()[0], 0.0
        for doc in docs:
            started, cpu_started = time.perf_counter(), time.process_time()
            ann = extract(doc, tagger)
            seconds[doc.doc_id] = time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            write_annotation(ann, pred_dir / f"{doc.doc_id}.json")
    finally:
        if limiter is not None:
            limiter.restore_original_limits()
    load = (load_before, os.getloadavg()[0]) if docs else (0.0, 0.0)
    return Timing(seconds, {d.doc_id: len(d.text.split()) for d in docs}, cpu if docs else 0.0, load)


def score_run(run: SystemRun, subsets: dict[str, list[str]], annotations: Path, pred_dir: Path) -> None:
    for subset, ids in subsets.items():
        if ids:
            run.scores[subset] = score_system(run.name, load_pairs(ids, annotations, pred_dir))


def run_system(name: str, build, config: BoardConfig, data: _Training, work: Path,
               subsets: dict[str, list[str]], log: Callable[[str], None]) -> SystemRun:
    run = SystemRun(name, slug(name))
    pred_dir = Path(config.out) / "predictions" / run.slug
    try:
        log(f"{name}: preparing")
        prepared = build(config, data, work)
    except Exception as exc:  # the board reports a system that cannot run, and goes on
        run.error = f"{type(exc).__name__}: {exc}"
        shutil.rmtree(pred_dir, ignore_errors=True)
        log(f"{name}: not run ({run.error})")
        return run
    run.size_mb, run.train_seconds = prepared.size_mb, prepared.train_seconds
    run.train_source, run.note = prepared.train_source, prepared.note
    log(f"{name}: extracting {len(subsets['all'])} documents")
    try:
        timing = predict(prepared.tagger, subsets["all"], pred_dir, config.threads)
    except Exception as exc:
        run.error = f"failed while extracting: {type(exc).__name__}: {exc}"
        log(f"{name}: {run.error}")
        return run
    run.seconds, run.words, run.cpu_seconds, run.load = timing.seconds, timing.words, timing.cpu_seconds, timing.load
    score_run(run, subsets, config.annotations, pred_dir)
    return run


def run_leaderboard(config: BoardConfig, log: Callable[[str], None] = lambda _: None) -> Board:
    """Run every system of `config` on the test split and score it; see the module doc."""
    started_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    started = time.perf_counter()
    chosen = systems(config)
    subsets = evaluation_subsets(config)
    predictions = Path(config.out) / "predictions"
    shutil.rmtree(predictions, ignore_errors=True)
    predictions.mkdir(parents=True)
    data = _Training(config)
    runs: list[SystemRun] = []
    with tempfile.TemporaryDirectory(prefix="vngov-board-") as tmp:
        for name, build in chosen:
            runs.append(run_system(name, build, config, data, Path(tmp) / slug(name), subsets, log))
    board = Board(config, subsets, runs, started_at, time.perf_counter() - started)
    (predictions / "results.json").write_text(json.dumps(board_numbers(board), indent=1, ensure_ascii=False), encoding="utf-8")
    return board


# ---- the numbers of a row, and seed groups as mean ± sd ----------------------------------------------------

COLUMNS: tuple[str, ...] = (
    "LEGAL_REF", "ORG", "LOC", "PER", "DATE", "METRIC", "micro_f1", "exact_f1", "relation_f1",
    "words_per_s", "size_mb", "train_seconds",
)


def row_values(run: SystemRun, subset: str, doc_ids: list[str]) -> dict[str, float | None]:
    """The table's numbers for one system on one subset (None where there is nothing to show)."""
    values: dict[str, float | None] = dict.fromkeys(COLUMNS)
    scores = run.scores.get(subset)
    if scores is not None:
        for label, (_, _, f1, _) in scores.seqeval.per_label.items():
            counts = scores.exact.entities[label]
            values[label] = f1 if counts.tp + counts.fp + counts.fn else None  # neither in gold nor predicted
        values["micro_f1"] = scores.seqeval.micro[2]
        values["exact_f1"] = scores.exact.entity_micro.f1
        values["relation_f1"] = entity_relation_micro(scores.exact).f1
    values["words_per_s"] = run.words_per_second(doc_ids)
    values["size_mb"], values["train_seconds"] = run.size_mb, run.train_seconds
    return values


@dataclass
class Row:
    name: str
    values: dict[str, float | None]
    spread: dict[str, float | None] = field(default_factory=dict)  # sd over seeds, for aggregate rows
    members: int = 1
    error: str | None = None


def table_rows(board: Board, subset: str) -> list[Row]:
    """One row per system in run order; after the last seed of a group, its mean ± sd row."""
    ids = board.subsets[subset]
    rows: list[Row] = []
    groups: dict[str, list[SystemRun]] = {}
    for run in board.runs:
        group = seed_group(run.name)
        if group is not None and run.error is None:
            groups.setdefault(group, []).append(run)
    for i, run in enumerate(board.runs):
        rows.append(Row(run.name, row_values(run, subset, ids), error=run.error))
        group = seed_group(run.name)
        members = groups.get(group or "", [])
        later = [r for r in board.runs[i + 1 :] if seed_group(r.name) == group]
        if group is not None and len(members) >= 2 and not later:
            rows.append(aggregate_row(group, [row_values(r, subset, ids) for r in members]))
    return rows


def aggregate_row(group: str, values: list[dict[str, float | None]]) -> Row:
    mean: dict[str, float | None] = {}
    spread: dict[str, float | None] = {}
    for column in COLUMNS:
        numbers = [v[column] for v in values if v[column] is not None]
        mean[column] = statistics.fmean(numbers) if numbers else None
        spread[column] = statistics.stdev(numbers) if len(numbers) >= 2 else None
    return Row(f"{group} (mean ± sd, {len(values)} seeds)", mean, spread, members=len(values))


def board_numbers(board: Board) -> dict:
    """Everything the tables show, as JSON (written beside the predictions)."""
    return {
        "started": board.started, "seconds": round(board.seconds, 1),
        "subsets": {k: len(v) for k, v in board.subsets.items()},
        "systems": [
            {"name": r.name, "error": r.error, "train_source": r.train_source, "note": r.note,
             "timed_pass": {"wall_seconds": round(sum(r.seconds.values()), 2), "cpu_seconds": round(r.cpu_seconds, 2),
                            "load_average": r.load, "seconds_per_doc": {d: round(t, 4) for d, t in r.seconds.items()}},
             "subsets": {s: {**row_values(r, s, board.subsets[s]), **_task_values(r.scores[s])}
                         for s in SUBSETS if s in r.scores}}
            for r in board.runs
        ],
    }


def _task_values(scores: SystemScores) -> dict[str, float]:
    """Task spans and task links (from `tasks.find_tasks` inside `extract`): not table columns, kept here."""
    return {"task_span_f1": scores.tasks.f1, "task_link_f1": scores.task_links.f1}


def write_board(board: Board, out: Path | None = None) -> tuple[Path, Path]:
    """Write `<out>/leaderboard.md` and `<out>/leaderboard.html` (out: the config's folder)."""
    from vngov_ie.annotation import atomic_write_text
    from vngov_ie.leaderboard_report import to_html, to_markdown

    out = Path(out if out is not None else board.config.out)
    md, html = out / "leaderboard.md", out / "leaderboard.html"
    atomic_write_text(md, to_markdown(board))
    atomic_write_text(html, to_html(board))
    return md, html
