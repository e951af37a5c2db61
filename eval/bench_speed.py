"""Extraction speed on CPU: the default tagger, the model and the rules, in the same run, as words/s and ratios.

    python eval/bench_speed.py [--threads 2] [--docs N] [--scaling]

Words are whitespace-separated tokens of the input. The whole pipeline is
timed (normalisation, tagging, mapping back, relation linking), after one
warm-up document per tagger. With --scaling, one report is repeated to
10k, 50k and 150k characters and the time and peak memory of each size are
printed, each in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import torch

from vngov_ie.corpus import corpus_text
from vngov_ie.pipeline import DEFAULT_TAGGER, clear_text_caches, extract, get_tagger
from vngov_ie.splits import read_splits
from vngov_ie.types import Document


def words_per_second(tagger, docs: list[Document]) -> tuple[float, int, float]:
    extract(docs[0], tagger)  # warm-up
    clear_text_caches()  # nothing cached from the warm-up or from the taggers timed before
    words = sum(len(d.text.split()) for d in docs)
    started = time.perf_counter()
    for doc in docs:
        extract(doc, tagger)
    seconds = time.perf_counter() - started
    return words / seconds, words, seconds


def speed(threads: int, n_docs: int) -> dict:
    torch.set_num_threads(threads)
    rows = [r for r in read_splits("data/splits.tsv") if r.split == "test"][:n_docs]
    docs = [Document(r.doc_id, corpus_text(r.doc_id)) for r in rows]
    out = {"threads": threads, "documents": len(docs)}
    for name in ("rules", "crf", "model"):
        wps, words, seconds = words_per_second(get_tagger(name), docs)
        out[name] = {"words_per_s": round(wps), "words": words, "seconds": round(seconds, 2)}
    for name in ("crf", "model"):
        out[f"{name}_vs_rules"] = round(out[name]["words_per_s"] / out["rules"]["words_per_s"], 3)
    out["default_tagger"] = DEFAULT_TAGGER
    return out


SCALING_CHILD = """
import re, sys, time, torch
torch.set_num_threads(int(sys.argv[2]))
from vngov_ie.corpus import corpus_text
from vngov_ie.pipeline import extract, get_tagger
from vngov_ie.types import Document
size = int(sys.argv[1])
text = (corpus_text("kiengiang-cchc-q3-2020") * (size // 20000 + 1))[:size]
tagger = get_tagger()  # the default tagger
started = time.perf_counter()
ann = extract(Document("scaling", text), tagger)
hwm = int(re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read()).group(1))  # peak of this image
print(size, round(time.perf_counter() - started, 3), hwm // 1024, len(ann.entities))
"""


def scaling(threads: int) -> list[dict]:
    rows = []
    for size in (10_000, 50_000, 150_000):
        out = subprocess.run([sys.executable, "-c", SCALING_CHILD, str(size), str(threads)], capture_output=True, text=True, check=True)
        chars, seconds, rss_mib, entities = out.stdout.split()
        rows.append({"chars": int(chars), "seconds": float(seconds), "max_rss_mib": int(rss_mib), "entities": int(entities)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--scaling", action="store_true")
    args = parser.parse_args()
    result = {"speed": speed(args.threads, args.docs)}
    if args.scaling:
        result["scaling"] = scaling(args.threads)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
