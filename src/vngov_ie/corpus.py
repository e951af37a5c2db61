"""Where the corpus lives and how its documents are listed."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

CORPUS_ENV = "VNGOV_CORPUS"


def corpus_root(explicit: Path | None = None) -> Path:
    """`explicit`, else $VNGOV_CORPUS, else ../shared/corpus (from the cwd, then from the repo)."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(CORPUS_ENV)
    if env:
        return Path(env)
    here = Path("../shared/corpus")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "shared" / "corpus"


@dataclass(frozen=True)
class ManifestRow:
    doc_id: str
    doc_type: str
    chars: int
    sha256: str
    note: str


def read_manifest(root: Path | None = None) -> list[ManifestRow]:
    path = corpus_root(root) / "MANIFEST.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            ManifestRow(r["doc_id"], r["doc_type"], int(r["chars"]), r["sha256"], r.get("note") or "")
            for r in reader
        ]


def corpus_text(doc_id: str, root: Path | None = None) -> str:
    path = corpus_root(root) / f"{doc_id}.txt"
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()
