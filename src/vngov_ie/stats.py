"""Corpus statistics of a folder of annotations, per split and for clean and noisy texts.

`corpus_stats` counts documents, tokens, entities per label, relations per
type and tasks per status for each group of documents: all of them, each
split of the splits file (``doc_id<TAB>split<TAB>doc_type<TAB>noisy``, when
there is one), the clean and the noisy ones. Noisy texts (OCR, conversion
debris) are those whose ids start with `NOISY_PREFIXES`, unless the splits
file says otherwise in its ``noisy`` column. `table_rows` and `to_markdown`
lay the numbers out; the CLI draws them.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from vngov_ie.annotation import AnnotationFormatError, read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.labels import ENTITY_LABELS, RELATION_TYPES, TASK_STATUSES
from vngov_ie.types import Annotation

NOISY_PREFIXES: tuple[str, ...] = ("dx-", "qng-")
SPLIT_ORDER: tuple[str, ...] = ("train", "dev", "test")
DEFAULT_SPLITS = Path("data/splits.tsv")
_TRUE = {"1", "true", "yes", "y", "noisy"}
_FALSE = {"0", "false", "no", "n", "clean"}


def _whitespace_tokens(text: str) -> int:
    return len(text.split())


def _underthesea_words(text: str) -> int:
    from vngov_ie.convert import word_tokens

    return sum(len(line) for line in word_tokens(text))


# unit name -> (what the header says, counter)
TOKEN_UNITS: dict[str, tuple[str, Callable[[str], int]]] = {
    "whitespace": ("whitespace tokens", _whitespace_tokens),
    "words": ("underthesea words", _underthesea_words),
}


@dataclass(frozen=True)
class SplitRow:
    doc_id: str
    split: str
    doc_type: str
    noisy: bool | None  # None where the file leaves it empty or unreadable


def read_splits(path: Path) -> dict[str, SplitRow]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not {"doc_id", "split"} <= set(reader.fieldnames or ()):
            raise ValueError(f"{path}: header needs doc_id and split columns")
        rows = [
            SplitRow(r["doc_id"], r["split"], r.get("doc_type") or "", _flag(r.get("noisy") or ""))
            for r in reader
        ]
    return {row.doc_id: row for row in rows}


def splits_file(explicit: Path | None = None) -> Path | None:
    """`explicit` (which must exist), else `DEFAULT_SPLITS` where there is one, else None."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise FileNotFoundError(f"splits file {explicit} not found")
        return Path(explicit)
    return DEFAULT_SPLITS if DEFAULT_SPLITS.is_file() else None


def _flag(value: str) -> bool | None:
    value = value.strip().lower()
    return True if value in _TRUE else False if value in _FALSE else None


def is_noisy(doc_id: str) -> bool:
    return doc_id.startswith(NOISY_PREFIXES)


@dataclass(frozen=True)
class DocStats:
    doc_id: str
    split: str | None
    noisy: bool
    tokens: int
    entities: dict[str, int]  # label -> count
    relations: dict[str, int]  # type -> count
    tasks: dict[str, int]  # status -> count


def doc_stats(ann: Annotation, text: str, split: SplitRow | None = None, unit: str = "whitespace") -> DocStats:
    noisy = split.noisy if split is not None and split.noisy is not None else is_noisy(ann.doc_id)
    return DocStats(
        doc_id=ann.doc_id,
        split=split.split if split else None,
        noisy=noisy,
        tokens=TOKEN_UNITS[unit][1](text),
        entities=dict(Counter(e.label for e in ann.entities)),
        relations=dict(Counter(r.type for r in ann.relations)),
        tasks=dict(Counter(t.status for t in ann.tasks)),
    )


@dataclass(frozen=True)
class GroupStats:
    name: str
    documents: int
    tokens: int
    entities: dict[str, int]
    relations: dict[str, int]
    tasks: dict[str, int]


def group_stats(name: str, docs: Iterable[DocStats]) -> GroupStats:
    docs = list(docs)
    return GroupStats(
        name=name,
        documents=len(docs),
        tokens=sum(d.tokens for d in docs),
        entities=dict(sum((Counter(d.entities) for d in docs), Counter())),
        relations=dict(sum((Counter(d.relations) for d in docs), Counter())),
        tasks=dict(sum((Counter(d.tasks) for d in docs), Counter())),
    )


@dataclass(frozen=True)
class CorpusStats:
    token_unit: str  # what a token is, for the header
    groups: tuple[GroupStats, ...]
    docs: tuple[DocStats, ...]
    skipped: tuple[str, ...]  # files that could not be counted, with why
    unsplit: tuple[str, ...]  # doc_ids missing from the splits file, when there is one

    def group(self, name: str) -> GroupStats:
        return next(g for g in self.groups if g.name == name)


def corpus_stats(
    annotations_dir: Path, splits: Path | None = None, corpus: Path | None = None, unit: str = "whitespace"
) -> CorpusStats:
    """Counts for the `*.json` annotations directly inside `annotations_dir`, with their corpus texts."""
    if unit not in TOKEN_UNITS:
        raise ValueError(f"unknown token unit {unit!r}; known: {', '.join(TOKEN_UNITS)}")
    table = read_splits(splits) if splits is not None else {}
    docs: list[DocStats] = []
    skipped: list[str] = []
    for path in sorted(Path(annotations_dir).glob("*.json")):
        try:
            ann = read_annotation(path)
            text = corpus_text(ann.doc_id, corpus)
        except (AnnotationFormatError, OSError) as exc:
            skipped.append(f"{path}: {exc}")
            continue
        docs.append(doc_stats(ann, text, table.get(ann.doc_id), unit))
    names = [s for s in SPLIT_ORDER if any(d.split == s for d in docs)]
    names += sorted({d.split for d in docs if d.split and d.split not in SPLIT_ORDER})
    groups = [group_stats("all", docs)]
    groups += [group_stats(name, (d for d in docs if d.split == name)) for name in names]
    groups += [group_stats("clean", (d for d in docs if not d.noisy)), group_stats("noisy", (d for d in docs if d.noisy))]
    unsplit = tuple(d.doc_id for d in docs if d.split is None) if splits is not None else ()
    return CorpusStats(TOKEN_UNITS[unit][0], tuple(groups), tuple(docs), tuple(skipped), unsplit)


def _keys(known: tuple[str, ...], counts: Iterable[dict[str, int]]) -> list[str]:
    """The spec's names in its order, then any others found (misspelt labels show up this way)."""
    extra = sorted({k for c in counts for k in c} - set(known))
    return [*known, *extra]


Row = tuple[str, list[int]]


def table_rows(stats: CorpusStats) -> list[list[Row]]:
    """Sections of rows (name, one count per group): sizes, entities, relations, tasks."""
    g = stats.groups

    def section(title: str, what: str, known: tuple[str, ...], pick: Callable[[GroupStats], dict[str, int]]) -> list[Row]:
        rows: list[Row] = [(title, [sum(pick(x).values()) for x in g])]
        return rows + [(f"{what} {k}", [pick(x).get(k, 0) for x in g]) for k in _keys(known, map(pick, g))]

    return [
        [("documents", [x.documents for x in g]), (stats.token_unit, [x.tokens for x in g])],
        section("entities", "entity", ENTITY_LABELS, lambda x: x.entities),
        section("relations", "relation", RELATION_TYPES, lambda x: x.relations),
        section("tasks", "task", TASK_STATUSES, lambda x: x.tasks),
    ]


def to_markdown(stats: CorpusStats) -> str:
    """A GitHub-flavoured Markdown table of `table_rows`, counts right-aligned."""
    names = [g.name for g in stats.groups]
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for section in table_rows(stats):
        lines += [f"| {name} | " + " | ".join(f"{v:,}" for v in values) + " |" for name, values in section]
    return "\n".join(lines) + "\n"
