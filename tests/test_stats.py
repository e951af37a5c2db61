"""Corpus statistics of the real gold annotations against counts made here from the raw JSON."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from vngov_ie.cli import app
from vngov_ie.corpus import corpus_text
from vngov_ie.stats import corpus_stats, read_splits, table_rows, to_markdown

runner = CliRunner()
GOLD_DIR = REPO / "annotations"
SPLITS = ("train", "dev", "test")
OVERRIDE = "kiengiang-cchc-q3-2020"  # a clean id that the splits file below calls noisy


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory) -> Path:
    """A snapshot of the gold folder, so that files arriving during the run do not move the numbers."""
    folder = tmp_path_factory.mktemp("gold")
    for path in sorted(GOLD_DIR.glob("*.json")):
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def raw(gold_dir: Path) -> list[dict]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    assert len(docs) >= 3 and any(d["tasks"] for d in docs) and any(d["doc_id"].startswith("dx-") for d in docs)
    return docs


@pytest.fixture(scope="module")
def splits_file(raw: list[dict], tmp_path_factory) -> Path:
    """Every third document to train/dev/test in turn; the last one left out of the file."""
    lines = ["doc_id\tsplit\tdoc_type\tnoisy"]
    for i, doc in enumerate(raw[:-1]):
        noisy = "yes" if doc["doc_id"] == OVERRIDE or doc["doc_id"].startswith(("dx-", "qng-")) else "no"
        lines.append(f"{doc['doc_id']}\t{SPLITS[i % 3]}\tbao_cao\t{noisy}")
    path = tmp_path_factory.mktemp("splits") / "splits.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected(raw: list[dict], splits: dict[str, str]) -> dict[str, dict[str, int]]:
    """Group -> row name -> count, counted straight from the JSON and the texts."""
    groups: dict[str, list[dict]] = {"all": raw}
    for name in SPLITS:
        groups[name] = [d for d in raw if splits.get(d["doc_id"]) == name]
    noisy = {d["doc_id"] for d in raw if d["doc_id"].startswith(("dx-", "qng-")) or d["doc_id"] == OVERRIDE}
    groups["clean"] = [d for d in raw if d["doc_id"] not in noisy]
    groups["noisy"] = [d for d in raw if d["doc_id"] in noisy]
    out = {}
    for name, docs in groups.items():
        counts: Counter[str] = Counter()
        for d in docs:
            counts["documents"] += 1
            counts["whitespace tokens"] += len(corpus_text(d["doc_id"]).split())
            counts["entities"] += len(d["entities"])
            counts["relations"] += len(d["relations"])
            counts["tasks"] += len(d["tasks"])
            counts.update(f"entity {e['label']}" for e in d["entities"])
            counts.update(f"relation {r['type']}" for r in d["relations"])
            counts.update(f"task {t['status']}" for t in d["tasks"])
        out[name] = counts
    return out


def parse_markdown(table: str) -> dict[str, dict[str, int]]:
    lines = table.strip().split("\n")
    names = [c.strip() for c in lines[0].strip("|").split("|")][1:]
    assert lines[1].startswith("|---|")
    rows: dict[str, dict[str, int]] = {name: {} for name in names}
    for line in lines[2:]:
        label, *cells = [c.strip() for c in line.strip("|").split("|")]
        for name, cell in zip(names, cells):
            rows[name][label] = int(cell.replace(",", ""))
    return rows


def test_counts_match_the_json(gold_dir: Path, raw: list[dict], splits_file: Path) -> None:
    stats = corpus_stats(gold_dir, splits_file)
    assignment = {doc_id: row.split for doc_id, row in read_splits(splits_file).items()}
    want = expected(raw, assignment)
    assert [g.name for g in stats.groups] == ["all", *SPLITS, "clean", "noisy"]
    for group in stats.groups:
        rows = {name: values[stats.groups.index(group)] for section in table_rows(stats) for name, values in section}
        assert {k: v for k, v in rows.items() if v} == {k: v for k, v in want[group.name].items() if v}, group.name
    assert stats.unsplit == (raw[-1]["doc_id"],)
    assert stats.skipped == ()


def test_markdown_from_the_command(gold_dir: Path, raw: list[dict], splits_file: Path) -> None:
    result = runner.invoke(app, ["stats", str(gold_dir), "--splits", str(splits_file), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    table = result.stdout
    got = parse_markdown(table)
    want = expected(raw, {d: r.split for d, r in read_splits(splits_file).items()})
    for name, counts in want.items():
        assert {k: v for k, v in got[name].items() if v} == {k: v for k, v in counts.items() if v}, name
    assert "whitespace tokens" in table
    assert table == to_markdown(corpus_stats(gold_dir, splits_file))


def test_rich_table_from_the_command(gold_dir: Path, raw: list[dict]) -> None:
    result = runner.invoke(app, ["stats", str(gold_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "whitespace tokens" in result.stdout and "entity LEGAL_REF" in result.stdout
    total = sum(len(d["entities"]) for d in raw)
    assert f"{total:,}" in result.stdout


def test_without_splits_noisy_is_the_id_prefix(gold_dir: Path, raw: list[dict]) -> None:
    stats = corpus_stats(gold_dir)
    assert [g.name for g in stats.groups] == ["all", "clean", "noisy"]
    noisy = [d for d in raw if d["doc_id"].startswith(("dx-", "qng-"))]
    assert stats.group("noisy").documents == len(noisy)
    assert stats.group("noisy").entities == dict(Counter(e["label"] for d in noisy for e in d["entities"]))
    assert stats.unsplit == ()


def test_underthesea_words(tmp_path: Path) -> None:
    from underthesea import word_tokenize

    doc_id = "tnt-b7a1f12e746ba1bb"
    shutil.copy(GOLD_DIR / f"{doc_id}.json", tmp_path)
    text = corpus_text(doc_id)
    words = sum(len(word_tokenize(line)) for line in text.split("\n") if line.strip())
    stats = corpus_stats(tmp_path, unit="words")
    assert stats.token_unit == "underthesea words"
    assert stats.group("all").tokens == words
    assert words < len(text.split())  # syllables join into words


def test_unreadable_file_is_skipped_and_named(tmp_path: Path) -> None:
    shutil.copy(GOLD_DIR / "kiengiang-cchc-q3-2020.json", tmp_path)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    stats = corpus_stats(tmp_path)
    assert stats.group("all").documents == 1
    assert len(stats.skipped) == 1 and "broken.json" in stats.skipped[0]


def test_bad_splits_file(tmp_path: Path) -> None:
    bad = tmp_path / "s.tsv"
    bad.write_text("id\tpart\nx\ttrain\n", encoding="utf-8")
    with pytest.raises(ValueError, match="doc_id and split"):
        read_splits(bad)
    result = runner.invoke(app, ["stats", str(GOLD_DIR), "--splits", str(tmp_path / "missing.tsv")])
    assert result.exit_code == 2
