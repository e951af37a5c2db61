"""Scores of the knowledge-graph stage on gold entities, per split.

    python eval/graph_scores.py                 # dev and test
    python eval/graph_scores.py --splits train  # what the rules were tuned on
    python eval/graph_scores.py --splits test --entities eval/predictions/crf  # tasks from a tagger's entities

For every document of a split the gold entities are the input:

- canonical-id accuracy: the resolver (with the linker's ISSUED_ON on gold entities)
  against `data/legal_ids_gold.tsv`, span by span;
- ISSUED_ON / ISSUED_BY / AMENDS / IMPLEMENTS: the linker against the gold relations
  (`vngov_ie.scoring.score_corpus`);
- tasks: span P/R/F1 (offsets), with status, and task-link F1 (BASED_ON, RESULT,
  ACTOR, TIME matched through the task and entity spans). With `--entities DIR`
  the task finder reads the entities of the prediction files in DIR instead of the
  gold ones (documents without a file there are left out of the task rows), so a
  link counts only where the tagger found the entity's exact span.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.labels import TASK_RELATIONS
from vngov_ie.link import link_relations
from vngov_ie.resolve import resolve_document
from vngov_ie.scoring import PRF, score_corpus
from vngov_ie.splits import read_splits
from vngov_ie.tasks import find_tasks
from vngov_ie.types import Annotation

REPO = Path(__file__).resolve().parents[1]
ENTITY_RELATIONS = ("ISSUED_ON", "ISSUED_BY", "AMENDS", "IMPLEMENTS")


@dataclass
class SplitScores:
    docs: int
    ids_correct: int
    ids_total: int
    ids_missing: int  # gold LEGAL_REF spans of the split with no row in the gold id file
    relations: dict[str, PRF]
    task_spans: PRF
    task_status: PRF
    task_links: PRF
    task_link_types: dict[str, PRF]
    task_docs: int  # documents whose tasks were scored
    task_input: str  # where the task finder's entities came from


def read_gold_ids(path: Path) -> dict[tuple[str, int, int], str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(r["doc_id"], int(r["start"]), int(r["end"])): r["canonical_id"] for r in rows}


def _link_keys(ann: Annotation, types: tuple[str, ...]) -> set[tuple]:
    spans = {e.id: (e.start, e.end, e.label) for e in ann.entities}
    tasks = {t.id: (t.start, t.end) for t in ann.tasks}
    return {(r.type, tasks[r.head], spans[r.tail]) for r in ann.relations
            if r.type in types and r.head in tasks and r.tail in spans}


def score_split(split: str, annotations: Path, gold_ids: dict[tuple[str, int, int], str],
                entities: Path | None = None) -> SplitScores:
    rows = [r for r in read_splits(REPO / "data" / "splits.tsv") if r.split == split]
    pairs = []
    correct = total = missing = 0
    spans, status, links = PRF(), PRF(), PRF()
    link_types = {t: PRF() for t in TASK_RELATIONS}
    task_docs = 0
    for row in rows:
        path = annotations / f"{row.doc_id}.json"
        if not path.is_file():
            continue
        gold = read_annotation(path)
        text = corpus_text(row.doc_id)
        linked = Annotation(gold.doc_id, gold.text_sha256, gold.entities, link_relations(gold.entities, text))
        pairs.append((gold, linked))
        resolved = resolve_document(linked, text).legal
        for e in gold.entities:
            if e.label != "LEGAL_REF":
                continue
            key = (row.doc_id, e.start, e.end)
            if key not in gold_ids:
                missing += 1
                continue
            total += 1
            correct += resolved[e.id].canonical == gold_ids[key]
        source = gold if entities is None else _predicted(entities, row.doc_id)
        if source is None:
            continue
        task_docs += 1
        found = find_tasks(text, source.entities)
        pred = Annotation(gold.doc_id, gold.text_sha256, source.entities, found.relations, found.tasks)
        spans.add({(t.start, t.end) for t in gold.tasks}, {(t.start, t.end) for t in pred.tasks})
        status.add({(t.start, t.end, t.status) for t in gold.tasks}, {(t.start, t.end, t.status) for t in pred.tasks})
        links.add(_link_keys(gold, TASK_RELATIONS), _link_keys(pred, TASK_RELATIONS))
        for t, prf in link_types.items():
            prf.add(_link_keys(gold, (t,)), _link_keys(pred, (t,)))
    relations = score_corpus(pairs).relations
    return SplitScores(len(pairs), correct, total, missing, {t: relations[t] for t in ENTITY_RELATIONS},
                       spans, status, links, link_types, task_docs,
                       "gold entities" if entities is None else f"the entities of {entities}")


def _predicted(folder: Path, doc_id: str) -> Annotation | None:
    path = folder / f"{doc_id}.json"
    return read_annotation(path) if path.is_file() else None


def _prf(prf: PRF) -> str:
    return f"{prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}  (tp {prf.tp}, fp {prf.fp}, fn {prf.fn})"


def print_table(name: str, s: SplitScores) -> None:
    print(f"== {name}: {s.docs} documents, gold entities as input")
    if s.ids_total:
        print(f"canonical id accuracy      {s.ids_correct / s.ids_total:6.3f}  ({s.ids_correct}/{s.ids_total} LEGAL_REF spans"
              + (f"; {s.ids_missing} spans not in the gold id file)" if s.ids_missing else ")"))
    else:
        print(f"canonical id accuracy         n/a  (no gold ids for this split's {s.ids_missing} LEGAL_REF spans)")
    print(f"{'':27}{'P':>6} {'R':>6} {'F1':>6}")
    for t, prf in s.relations.items():
        print(f"{t:<27}{_prf(prf)}")
    print(f"tasks of {s.task_docs} documents from {s.task_input}:")
    print(f"{'task spans':<27}{_prf(s.task_spans)}")
    print(f"{'task spans + status':<27}{_prf(s.task_status)}")
    print(f"{'task links (all)':<27}{_prf(s.task_links)}")
    for t, prf in s.task_link_types.items():
        print(f"{'  ' + t:<27}{_prf(prf)}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--annotations", type=Path, default=REPO / "annotations")
    parser.add_argument("--gold-ids", type=Path, default=REPO / "data" / "legal_ids_gold.tsv")
    parser.add_argument("--entities", type=Path, help="find tasks from the entities of the prediction files here")
    args = parser.parse_args(argv)
    if args.entities is not None and not args.entities.is_dir():
        parser.error(f"--entities: {args.entities} is not a folder of prediction files")
    gold_ids = read_gold_ids(args.gold_ids) if args.gold_ids.is_file() else {}
    for split in args.splits:
        print_table(split, score_split(split, args.annotations, gold_ids, args.entities))
    return 0


if __name__ == "__main__":
    sys.exit(main())
