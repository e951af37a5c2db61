"""Bad input, odd input, interruption and determinism, each through the real CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import docx
import pymupdf
import pytest
from typer.testing import CliRunner

from vngov_ie.cli import app
from vngov_ie.corpus import corpus_text
from vngov_ie.types import sha256_text

runner = CliRunner()
DOC = "kiengiang-cchc-q3-2020"
VENV_BIN = Path(sys.executable).parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "vngov-ie"), *args], capture_output=True, text=True)


def _docx_bytes(tmp_path: Path) -> bytes:
    document = docx.Document()
    for line in corpus_text(DOC).split("\n")[:40]:
        document.add_paragraph(line)
    path = tmp_path / "full.docx"
    document.save(path)
    return path.read_bytes()


def _pdf_without_text() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 200, 200), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    return doc.tobytes()


BAD_FILES = {
    "empty.txt": (lambda tmp: b"", "empty file"),
    "binary.txt": (lambda tmp: bytes(range(256)) * 8, "binary"),
    "utf16.txt": (lambda tmp: corpus_text(DOC)[:3000].encode("utf-16"), "--encoding utf-16"),
    "cp1258.txt": (lambda tmp: unicodedata.normalize("NFD", corpus_text(DOC)[:3000]).encode("cp1258", errors="replace"), "--encoding"),
    "truncated.docx": (lambda tmp: _docx_bytes(tmp)[:2000], "corrupt or truncated .docx"),
    "truncated.pdf": (lambda tmp: _pdf_without_text()[:300], "corrupt or truncated .pdf"),
    "scanned.pdf": (lambda tmp: _pdf_without_text(), "needs OCR"),
}


def test_bad_inputs_each_get_one_line_and_the_rest_go_on(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / f"{DOC}.txt").write_text(corpus_text(DOC), encoding="utf-8")
    for name, (make, _) in BAD_FILES.items():
        (inbox / name).write_bytes(make(tmp_path))
    missing = tmp_path / "nowhere.txt"
    result = cli("extract", str(inbox), str(missing), "--out", str(tmp_path / "out"), "--tagger", "rules")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD_FILES) + 1, result.stderr
    for name, (_, reason) in BAD_FILES.items():
        line = next(l for l in errors if f"/{name}: " in l)
        assert reason in line, line
    assert any(str(missing) in l and "no such file" in l for l in errors)
    assert "Traceback" not in result.stderr
    assert [p.name for p in (tmp_path / "out").glob("*.json")] == [f"{DOC}.json"]


def test_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission; as root (permissions not enforced) a file whose read fails."""
    path = tmp_path / "locked.txt"
    path.write_text(corpus_text(DOC)[:500], encoding="utf-8")
    path.chmod(0)
    reason = "permission denied"
    if os.access(path, os.R_OK):
        path, reason = Path("/proc/self/mem"), "cannot read"
    good = _write_doc(tmp_path)
    result = cli("extract", str(path), str(good), "--out", str(tmp_path / "out"), "--tagger", "rules")
    assert result.returncode == 1
    assert f"error: {path}: {reason}" in result.stderr, result.stderr
    assert (tmp_path / "out" / f"{DOC}.json").is_file()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("malformed.json", lambda good: "{not json", "malformed JSON"),
        ("range.json", lambda good: good.replace('"end": 12,', '"end": 999999,', 1), "out of range"),
        ("hash.json", lambda good: good.replace(sha256_text(corpus_text(DOC)), "0" * 64), "does not match"),
    ],
)
def test_bad_annotation_files(tmp_path: Path, corpus_dir: Path, name: str, content, reason: str) -> None:
    out = tmp_path / "out"
    assert cli("extract", str(_write_doc(tmp_path)), "--out", str(out), "--tagger", "rules").returncode == 0
    good = (out / f"{DOC}.json").read_text(encoding="utf-8")
    assert '"end": 12,' in good
    bad = tmp_path / name
    bad.write_text(content(good), encoding="utf-8")
    result = cli("validate", str(bad), str(out), "--corpus", str(corpus_dir))
    assert result.returncode == 1
    assert reason in result.stdout and name in result.stdout
    assert f"{DOC}.json" not in result.stdout  # the good file has no problem


def _write_doc(tmp_path: Path, text: str | None = None, name: str = DOC) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_bytes((corpus_text(DOC) if text is None else text).encode("utf-8"))
    return path


ODD_TEXTS = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "eth": lambda t: t.replace("Đ", "\u00d0"),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nodiacritics": lambda t: "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D"),
    "long": lambda t: (t * 7)[:150_000],
}


@pytest.mark.parametrize("kind", sorted(ODD_TEXTS))
def test_odd_valid_input_spans_point_into_the_original(tmp_path: Path, kind: str) -> None:
    text = ODD_TEXTS[kind](corpus_text(DOC))
    path = _write_doc(tmp_path, text, f"odd-{kind}")
    result = cli("extract", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    ann = json.loads((tmp_path / "out" / f"odd-{kind}.json").read_text(encoding="utf-8"))
    assert ann["text_sha256"] == sha256_text(text)
    assert len(ann["entities"]) > 100
    for e in ann["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
        assert not e["text"][0].isspace() and not e["text"][-1].isspace()
    labels = {e["label"] for e in ann["entities"]}
    assert {"LEGAL_REF", "DATE", "ORG", "METRIC"} <= labels


def test_report_without_entities(tmp_path: Path) -> None:
    path = _write_doc(tmp_path, "kính gửi các đồng chí, đề nghị quan tâm thực hiện.\n", "plain")
    result = cli("extract", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    ann = json.loads((tmp_path / "out" / "plain.json").read_text(encoding="utf-8"))
    assert ann["entities"] == [] and ann["relations"] == []


def test_same_input_same_bytes(tmp_path: Path) -> None:
    path = _write_doc(tmp_path)
    for out in ("a", "b"):
        assert cli("extract", str(path), "--out", str(tmp_path / out)).returncode == 0
    assert (tmp_path / "a" / f"{DOC}.json").read_bytes() == (tmp_path / "b" / f"{DOC}.json").read_bytes()


@pytest.mark.slow
def test_killed_extract_leaves_outputs_complete_or_absent(tmp_path: Path, corpus_dir: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    text = corpus_text(DOC)
    for i in range(60):
        (inbox / f"copy-{i:03d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([str(VENV_BIN / "vngov-ie"), "extract", str(inbox), "--out", str(out), "--tagger", "rules"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = sorted(out.glob("*.json"))
    assert 3 <= len(written) < 60
    for path in written:
        ann = json.loads(path.read_text(encoding="utf-8"))
        assert ann["text_sha256"] == sha256_text(text) and ann["entities"]


@pytest.mark.slow
def test_memory_of_a_150k_character_report(tmp_path: Path) -> None:
    """Resident memory of the whole extract process (default tagger) stays under 1 GiB."""
    path = _write_doc(tmp_path, (corpus_text(DOC) * 7)[:150_000], "big")
    # VmHWM is the peak resident size of this process image; ru_maxrss would carry over
    # the parent's peak across fork and exec.
    code = (
        "import re, sys; from vngov_ie.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
        "status = open('/proc/self/status').read()\n"
        "print('MAXRSS', re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "extract", str(path), "--out", str(tmp_path / "o")],
                            capture_output=True, text=True)
    maxrss_kib = int(result.stdout.split("MAXRSS")[1])
    assert (tmp_path / "o" / "big.json").is_file(), result.stderr
    assert maxrss_kib < 1024 * 1024, f"{maxrss_kib / 1024:.0f} MiB"
