"""`vngov-ie evaluate --quick` through CliRunner into a tmp folder, checked against a direct call of the scorer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vngov_ie.cli import app
from vngov_ie.evaluate import entity_relation_micro, load_pairs, score_system
from vngov_ie.labels import ENTITY_LABELS
from vngov_ie.leaderboard import (
    Board, BoardConfig, SystemRun, logged_training_seconds, parse_model_option, seed_group, table_rows, evaluation_subsets,
)
from vngov_ie.leaderboard_report import cell, duration

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def board_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("board")
    result = runner.invoke(app, [
        "evaluate", "--quick", "--out", str(out),
        "--annotations", str(REPO / "annotations"), "--splits", str(REPO / "data" / "splits.tsv"),
    ])
    assert result.exit_code == 0, result.output
    return out


def _markdown_rows(md: str, heading: str) -> dict[str, list[str]]:
    section = md.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[1:]}


def test_quick_run_writes_tables_for_every_subset(board_dir: Path) -> None:
    md = (board_dir / "leaderboard.md").read_text(encoding="utf-8")
    for heading in ("All test documents", "Clean documents", "Noisy (OCR) documents"):
        rows = _markdown_rows(md, heading)
        assert set(rows) == {"rules", "crf"}
        assert all(len(cells) == 12 for cells in rows.values())
    assert "| system | LEGAL_REF | ORG | LOC | PER | DATE | METRIC | micro F1 (seqeval) | span-exact F1 |" in md


def test_numbers_equal_a_direct_call_of_the_scorer(board_dir: Path) -> None:
    config = BoardConfig.quick(annotations=REPO / "annotations", splits=REPO / "data" / "splits.tsv")
    subsets = evaluation_subsets(config)
    md = (board_dir / "leaderboard.md").read_text(encoding="utf-8")
    for subset, heading in (("all", "All test documents"), ("clean", "Clean documents")):
        for system in ("rules", "crf"):
            pairs = load_pairs(subsets[subset], REPO / "annotations", board_dir / "predictions" / system)
            scores = score_system(system, pairs)
            row = _markdown_rows(md, heading)[system]
            expected = [f"{scores.seqeval.per_label[label][2]:.3f}" for label in ENTITY_LABELS]
            expected += [f"{scores.seqeval.micro[2]:.3f}", f"{scores.exact.entity_micro.f1:.3f}",
                         f"{entity_relation_micro(scores.exact).f1:.3f}"]
            got = [c if c != "—" else "0.000" for c in row[:9]]  # "—": a label neither in gold nor predicted
            assert got == expected, (subset, system)


def test_predictions_are_annotation_files_of_the_test_documents(board_dir: Path) -> None:
    config = BoardConfig.quick(annotations=REPO / "annotations", splits=REPO / "data" / "splits.tsv")
    ids = evaluation_subsets(config)["all"]
    for system in ("rules", "crf"):
        files = sorted(p.stem for p in (board_dir / "predictions" / system).glob("*.json"))
        assert files == sorted(ids)
    data = json.loads((board_dir / "predictions" / "rules" / f"{ids[0]}.json").read_text(encoding="utf-8"))
    assert data["doc_id"] == ids[0] and data["entities"]
    results = json.loads((board_dir / "predictions" / "results.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in results["systems"]] == ["rules", "crf"]


def test_html_has_tables_charts_and_error_analysis(board_dir: Path) -> None:
    page = (board_dir / "leaderboard.html").read_text(encoding="utf-8")
    assert page.count("<table>") >= 3 + 2 * 2  # three score tables; errors and confusion per system
    assert page.count("<svg") == 2 and "F1 per label" in page and "words/s, log scale" in page
    assert page.count("<details") == 2 and "false positives" in page and "Label confusion" in page
    assert re.search(r"<li>\d+× <b>", page)  # an error with its count and context
    assert "<mark>" in page
    # self-contained: no scripts, no style sheets or images fetched (URLs quoted from the reports are text)
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_cli_rejects_a_missing_model_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--out", str(tmp_path), "--model", f"m={tmp_path / 'nope'}"])
    assert result.exit_code == 2
    assert "no model folder" in result.output


@pytest.mark.parametrize(("value", "expected"), [
    ("model (seed 13)=/runs/seed13/model", ("model (seed 13)", Path("/runs/seed13/model"))),
    ("/runs/seed13/model", ("model", Path("/runs/seed13/model"))),
])
def test_parse_model_option(value: str, expected) -> None:
    assert parse_model_option(value) == expected


def test_seed_names() -> None:
    assert seed_group("model (seed 13)") == "model" and seed_group("crf") is None


def test_training_seconds_come_from_the_last_epoch(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    assert logged_training_seconds(tmp_path / "model") is None
    (tmp_path / "train_log.jsonl").write_text('{"epoch": 1, "seconds": 10.5}\n{"epoch": 2, "seconds": 21.0}\n')
    assert logged_training_seconds(tmp_path / "model") == 21.0
    from vngov_ie.leaderboard import run_progress

    assert run_progress(tmp_path / "model") == ""  # no config.json
    (tmp_path / "config.json").write_text('{"epochs": 5}')
    assert run_progress(tmp_path / "model") == "epochs 2 of 5 (an unfinished run)"


def test_seeds_are_aggregated_as_mean_and_sd() -> None:
    def run(name: str, size: float) -> SystemRun:
        return SystemRun(name, name, size_mb=size, train_seconds=size * 10, seconds={"d": 1.0}, words={"d": int(size * 100)})

    runs = [run("rules", 0.0), run("model (seed 13)", 1.0), run("model (seed 14)", 2.0), run("model (seed 15)", 3.0)]
    board = Board(BoardConfig(), {"all": ["d"], "clean": ["d"], "noisy": []}, runs, "now", 1.0)
    rows = table_rows(board, "all")
    assert [r.name for r in rows] == ["rules", "model (seed 13)", "model (seed 14)", "model (seed 15)",
                                      "model (mean ± sd, 3 seeds)"]
    agg = rows[-1]
    # sizes 1, 2, 3: mean 2, sample sd 1; words/s 100, 200, 300: mean 200, sd 100
    assert agg.values["size_mb"] == 2.0 and agg.spread["size_mb"] == 1.0
    assert agg.values["words_per_s"] == 200.0 and agg.spread["words_per_s"] == 100.0
    assert cell("words_per_s", 200.0, 100.0) == "200 ± 100"
    assert cell("micro_f1", 0.91234, 0.0041) == "0.912 ± 0.004"


@pytest.mark.parametrize(("seconds", "text"), [(3.14, "3.1 s"), (42, "42 s"), (312, "5 min 12 s"), (4000, "1 h 07 min")])
def test_duration(seconds: float, text: str) -> None:
    assert duration(seconds) == text


def test_options_are_checked_at_the_edge(tmp_path: Path) -> None:
    from vngov_ie.leaderboard import board_config

    args = (REPO / "annotations", REPO / "data" / "splits.tsv", 2, 100)
    with pytest.raises(ValueError, match="unknown baseline"):
        board_config(tmp_path, [], ["bert"], False, *args)
    with pytest.raises(ValueError, match="share a prediction folder"):  # both would write predictions/a-b
        board_config(tmp_path, [f"a b={tmp_path}", f"a-b={tmp_path}"], [], False, *args)
    config = board_config(tmp_path, [f"model (seed 13)={tmp_path}"], ["rules"], False, *args)
    assert config.baselines == ("rules",) and config.models == (("model (seed 13)", tmp_path),)
    assert board_config(tmp_path, [], [], True, *args).baselines == ("rules", "crf")


def test_a_timed_pass_starts_with_the_text_caches_empty() -> None:
    """Systems are timed one after another on the same documents: what one of them cached about a text
    (its layout, the parts of speech of its units) must not speed up the next, nor change its output."""
    from vngov_ie import task_filter, tasks
    from vngov_ie.corpus import corpus_text
    from vngov_ie.pipeline import clear_text_caches, extract, get_tagger
    from vngov_ie.types import Document

    doc_id = "vbai-ubnd-bc-tuyen-diaban-trongdiem-matuy-2025"  # a dev report with tasks
    doc, tagger = Document(doc_id, corpus_text(doc_id)), get_tagger("rules")
    first = extract(doc, tagger)
    assert tasks.layout.cache_info().currsize and task_filter._pos_tags.cache_info().currsize
    clear_text_caches()
    assert tasks.layout.cache_info().currsize == task_filter._pos_tags.cache_info().currsize == 0
    again = extract(doc, tagger)
    assert first.tasks and again.tasks == first.tasks and again.relations == first.relations
