"""Batch extraction: many inputs, one output file each, failures reported and skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from vngov_ie.annotation import atomic_write_text
from vngov_ie.ingest import IngestError, iter_input_paths, read_document
from vngov_ie.pipeline import extract
from vngov_ie.tag import Tagger
from vngov_ie.writers import WRITERS


@dataclass
class ExtractReport:
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def extract_files(
    inputs: Iterable[str | Path],
    out_dir: Path,
    tagger: Tagger,
    fmt: str = "json",
    encoding: str | None = None,
    on_done: Callable[[int, int], None] | None = None,
) -> ExtractReport:
    """Extract every input into `out_dir`; a bad input is recorded and the rest go on."""
    suffix, render = WRITERS[fmt]
    paths = iter_input_paths(inputs)
    report = ExtractReport()
    seen: dict[str, str] = {}
    for n, path in enumerate(paths, start=1):
        try:
            doc = read_document(path, encoding)
            if doc.doc_id in seen:
                raise IngestError(path, f"doc_id '{doc.doc_id}' already taken by {seen[doc.doc_id]}")
            seen[doc.doc_id] = str(path)
            target = Path(out_dir) / f"{doc.doc_id}{suffix}"
            atomic_write_text(target, render(doc, extract(doc, tagger)))
            report.written.append(target)
        except IngestError as exc:
            report.failures.append(str(exc))
        if on_done:
            on_done(n, len(paths))
    return report
