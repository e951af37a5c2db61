"""The train/dev/test split: stratified by document type and source, templates kept together.

Near-duplicate documents (the same template filled for another month) share
word 5-grams; documents whose opening 3,000 characters overlap by more than
`NEAR_DUPLICATE` Jaccard are put in one group, and so are documents whose
names differ only in their digits (`...-thang8-2025`, `...-thang9-2025`).
A group goes to one split.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from vngov_ie.annotation import atomic_write_text

NEAR_DUPLICATE = 0.5
RATIOS: tuple[tuple[str, float], ...] = (("train", 0.7), ("dev", 0.1), ("test", 0.2))
NOISY_PREFIXES: tuple[str, ...] = ("dx-", "qng-")


@dataclass(frozen=True)
class SplitRow:
    doc_id: str
    split: str
    doc_type: str
    noisy: bool


def is_noisy(doc_id: str) -> bool:
    """OCR documents, scored apart from the clean ones."""
    return doc_id.startswith(NOISY_PREFIXES)


def source_of(doc_id: str) -> str:
    return doc_id.split("-", 1)[0]


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text[:3000].lower())
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


def _same_series(a: str, b: str) -> bool:
    """Named documents (not hashed crawl ids) whose names differ only in digits."""
    if a.startswith("tnt-") or b.startswith("tnt-"):
        return False
    key = re.sub(r"\d+", "#", a)
    return len(key.replace("#", "")) > 20 and key == re.sub(r"\d+", "#", b)


def near_duplicate_groups(texts: dict[str, str]) -> list[list[str]]:
    ids = sorted(texts)
    shingles = {d: _shingles(texts[d]) for d in ids}
    parent = {d: d for d in ids}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            sa, sb = shingles[a], shingles[b]
            if _same_series(a, b) or (sa and sb and len(sa & sb) / len(sa | sb) > NEAR_DUPLICATE):
                parent[find(b)] = find(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for d in ids:
        groups[find(d)].append(d)
    return sorted(groups.values())


def make_splits(texts: dict[str, str], doc_types: dict[str, str], seed: int = 2026) -> list[SplitRow]:
    """Deal groups to splits stratum by stratum (doc type x source), biggest deficit first."""
    rng = random.Random(seed)
    strata: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for group in near_duplicate_groups(texts):
        strata[(doc_types[group[0]], source_of(group[0]))].append(group)
    assigned: dict[str, str] = {}
    totals = {name: 0.0 for name, _ in RATIOS}
    for key in sorted(strata):
        groups = strata[key]
        rng.shuffle(groups)
        local = {name: 0 for name, _ in RATIOS}
        for group in sorted(groups, key=len, reverse=True):
            size = sum(len(texts[d]) for d in group)
            n = sum(local.values()) + 1
            name = max(RATIOS, key=lambda r: (r[1] * n - local[r[0]], r[1] * sum(totals.values()) - totals[r[0]]))[0]
            local[name] += 1
            totals[name] += size
            for d in group:
                assigned[d] = name
    return [SplitRow(d, assigned[d], doc_types[d], is_noisy(d)) for d in sorted(assigned)]


def write_splits(rows: Iterable[SplitRow], path: Path) -> None:
    lines = ["doc_id\tsplit\tdoc_type\tnoisy"]
    lines += [f"{r.doc_id}\t{r.split}\t{r.doc_type}\t{'yes' if r.noisy else 'no'}" for r in rows]
    atomic_write_text(path, "\n".join(lines) + "\n")


def read_splits(path: Path) -> list[SplitRow]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [SplitRow(r["doc_id"], r["split"], r["doc_type"], r["noisy"] == "yes") for r in reader]


def ids_in(rows: Iterable[SplitRow], *splits: str) -> list[str]:
    return [r.doc_id for r in rows if r.split in splits]
