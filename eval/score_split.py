"""Score one tagger on one split of the gold annotations (seqeval strict IOB2 and span-exact).

    python eval/score_split.py --split dev --tagger rules
    python eval/score_split.py --split test --tagger model --model runs/seed13/model [--noisy yes|no]

Prints a Markdown table: per label precision, recall, F1 (seqeval strict, IOB2
over regex word tokens) and span-exact F1; then micro averages and relation F1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vngov_ie.annotation import read_annotation
from vngov_ie.corpus import corpus_text
from vngov_ie.evaluate import score_system, split_doc_ids
from vngov_ie.pipeline import extract, get_tagger
from vngov_ie.splits import read_splits
from vngov_ie.types import Document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--tagger", default="rules")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--noisy", choices=("yes", "no"), default=None)
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    parser.add_argument("--splits", type=Path, default=Path("data/splits.tsv"))
    args = parser.parse_args()
    noisy = None if args.noisy is None else args.noisy == "yes"
    ids = split_doc_ids(read_splits(args.splits), args.split, args.annotations, noisy)
    tagger = get_tagger(args.tagger, args.model)
    pairs = [
        (read_annotation(args.annotations / f"{d}.json"), extract(Document(d, corpus_text(d)), tagger)) for d in ids
    ]
    scores = score_system(args.tagger, pairs)
    print(f"{args.tagger} on {args.split} ({len(ids)} documents)\n")
    print("| label | P | R | F1 (seqeval) | support | F1 (span-exact) |\n|---|---|---|---|---|---|")
    for label, (p, r, f, n) in scores.seqeval.per_label.items():
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n} | {scores.exact.entities[label].f1:.3f} |")
    p, r, f = scores.seqeval.micro
    print(f"| micro | {p:.3f} | {r:.3f} | {f:.3f} | | {scores.exact.entity_micro.f1:.3f} |")
    rel = " ".join(f"{k} {v.f1:.3f}" for k, v in scores.exact.relations.items() if k in ("ISSUED_ON", "ISSUED_BY", "AMENDS", "IMPLEMENTS"))
    print(f"\nrelation F1: {rel}")


if __name__ == "__main__":
    main()
