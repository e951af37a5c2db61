"""Inter-annotator agreement: a second, independent annotation against the gold files.

    python eval/agreement.py --gold data/agreement/first     # before adjudication (22 documents)
    python eval/agreement.py                                 # second annotator vs the adjudicated gold

Entity agreement is the span-exact F1 of one annotation against the other
(symmetric), per label and micro; relations match by type and endpoint spans;
tasks by span. The task finder is scored on the same documents, for comparison.
`data/agreement/first` keeps the first annotator's version of
22 of the 25 documents as it stood before adjudication (three were lost when
they were overwritten); `data/agreement/second` the second annotator's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.scoring import score_corpus, task_span_prf
from vngov_ie.tasks import find_tasks
from vngov_ie.types import Annotation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--second", type=Path, default=Path("data/agreement/second"))
    parser.add_argument("--gold", type=Path, default=Path("annotations"))
    args = parser.parse_args()
    pairs = [
        (read_annotation(args.gold / p.name), read_annotation(p))
        for p in sorted(args.second.glob("*.json"))
        if (args.gold / p.name).is_file()
    ]
    scores = score_corpus(pairs)
    print(f"{len(pairs)} documents annotated twice\n")
    print("| label | gold | second | agreed | F1 |\n|---|---|---|---|---|")
    for label, prf in [*scores.entities.items(), ("entities (micro)", scores.entity_micro)]:
        print(f"| {label} | {prf.tp + prf.fn} | {prf.tp + prf.fp} | {prf.tp} | {prf.f1:.3f} |")
    for rel, prf in [*scores.relations.items(), ("relations (micro)", scores.relation_micro)]:
        print(f"| {rel} | {prf.tp + prf.fn} | {prf.tp + prf.fp} | {prf.tp} | {prf.f1:.3f} |")
    tasks = task_span_prf(pairs)
    print(f"| task spans | {tasks.tp + tasks.fn} | {tasks.tp + tasks.fp} | {tasks.tp} | {tasks.f1:.3f} |")
    found = task_span_prf((gold, _found_tasks(gold)) for gold, _ in pairs)
    print(f"\nThe task finder on the same documents (gold entities as input), against `--gold`: "
          f"task span F1 {found.f1:.3f} ({found.tp} of {found.tp + found.fn} gold tasks, {found.tp + found.fp} found)")


def _found_tasks(gold: Annotation) -> Annotation:
    """`gold` with its tasks replaced by those `tasks.find_tasks` finds from its entities."""
    found = find_tasks(corpus_text(gold.doc_id), gold.entities)
    return Annotation(gold.doc_id, gold.text_sha256, gold.entities, found.relations, found.tasks)


if __name__ == "__main__":
    main()
