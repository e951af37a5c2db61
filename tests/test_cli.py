"""The `vngov-ie` commands through typer's CliRunner, on real corpus text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vngov_ie.cli import app
from vngov_ie.corpus import corpus_text

runner = CliRunner()
DOC = "kiengiang-cchc-q3-2020"


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{DOC}.txt").write_text(corpus_text(DOC), encoding="utf-8")
    return folder


def test_extract_json_then_validate(inbox: Path, tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(inbox), "--out", str(out), "--tagger", "rules"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / f"{DOC}.json").read_text(encoding="utf-8"))
    labels = {e["label"] for e in data["entities"]}
    assert labels == {"LEGAL_REF", "ORG", "LOC", "PER", "DATE", "METRIC"}
    assert any(r["type"] == "ISSUED_ON" for r in data["relations"])
    checked = runner.invoke(app, ["validate", str(out), "--corpus", str(corpus_dir)])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(("fmt", "marker"), [("conll", "B-LEGAL_REF"), ("html", "<mark")])
def test_extract_other_formats(inbox: Path, tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(inbox / f"{DOC}.txt"), "--out", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    body = (out / f"{DOC}.{fmt}").read_text(encoding="utf-8")
    assert marker in body


def test_conll_tags_follow_the_entities(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(inbox), "--out", str(out), "--format", "conll"])
    rows = [line.split("\t") for line in (out / f"{DOC}.conll").read_text(encoding="utf-8").splitlines() if "\t" in line]
    i = next(i for i, r in enumerate(rows) if r[0] == "30c/NQ-CP")
    assert [r[3] for r in rows[i - 3 : i + 1]] == ["B-LEGAL_REF", "I-LEGAL_REF", "I-LEGAL_REF", "I-LEGAL_REF"]


def test_bad_file_in_a_folder_is_reported_and_the_rest_go_on(inbox: Path, tmp_path: Path) -> None:
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "utf16.txt").write_bytes(corpus_text(DOC)[:2000].encode("utf-16"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(inbox), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "utf16.txt" in result.output and "--encoding" in result.output
    assert (out / f"{DOC}.json").is_file()
    assert sorted(p.name for p in out.iterdir()) == [f"{DOC}.json"]


def test_stdin(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", "-", "--out", str(out)], input=corpus_text(DOC)[:3000])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "stdin.json").read_text(encoding="utf-8"))["entities"]


def test_validate_reports_problems(tmp_path: Path, corpus_dir: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"doc_id": "kiengiang-cchc-q3-2020", "text_sha256": "00", "entities": []}', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad), "--corpus", str(corpus_dir)])
    assert result.exit_code == 1
    assert "x.json: - [-]: text_sha256" in result.output


def test_unknown_tagger_is_a_clear_error(inbox: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(inbox), "--out", str(tmp_path / "o"), "--tagger", "magic"])
    assert result.exit_code == 2
    assert "unknown tagger 'magic'" in result.output


def test_a_model_folder_with_the_rule_tagger_is_a_clear_error(inbox: Path, tmp_path: Path) -> None:
    from vngov_ie.model.default import default_model_dir

    args = ["extract", str(inbox), "--out", str(tmp_path / "o"), "--tagger", "rules", "--model", str(default_model_dir())]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "needs a model tagger" in result.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
