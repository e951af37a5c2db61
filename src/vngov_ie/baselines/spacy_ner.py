"""A spaCy NER pipeline (blank "xx", tok2vec + ner) trained with `spacy train`.

Docs are built from our regex word tokens with `Doc(vocab, words, spaces)`;
the whitespace between tokens that is not one plain space becomes a token of
its own, so `doc.text` is the input text and character offsets carry over
unchanged. Training documents are cut at line ends that no gold span
crosses into pieces of about `CHUNK_CHARS` characters, so batches mix many
documents. The training run is capped by steps and by wall-clock time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from vngov_ie.baselines.tokens import Example, regex_tokens
from vngov_ie.types import Span

CHUNK_CHARS = 2000
# Overrides of spaCy's own "efficiency" CPU config (init_config).
CONFIG_OVERRIDES: dict[str, object] = {
    "training.patience": 0,  # stop on max_steps (or the wall-clock cap), not on a plateau
    "components.tok2vec.model.embed.rows": [10000, 2000, 4000, 2500],
}


@dataclass(frozen=True)
class SpacyRun:
    model_dir: Path
    seconds: float
    steps: int
    note: str


def make_doc(vocab, text: str):
    """A Doc over `text` whose tokens are our regex tokens plus the odd whitespace between them."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    at = 0
    for start, end in regex_tokens(text):
        gap = text[at:start]
        if gap == " " and words:
            spaces[-1] = True
        elif gap:
            words.append(gap)
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        at = end
    if text[at:]:
        words.append(text[at:])
        spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


def chunks(example: Example, max_chars: int = CHUNK_CHARS) -> Iterable[tuple[str, list[Span]]]:
    """Pieces of an example cut at line ends outside every span, with spans moved into them."""
    inside = [False] * (len(example.text) + 1)
    for span in example.spans:
        for i in range(span.start, span.end):
            inside[i] = True
    start = 0
    spans = sorted(example.spans, key=lambda s: s.start)
    for i, char in enumerate(example.text):
        if char == "\n" and not inside[i] and i - start >= max_chars or i == len(example.text) - 1:
            end = i + 1
            yield example.text[start:end], [Span(s.start - start, s.end - start, s.label) for s in spans if start <= s.start and s.end <= end]
            start = end


def doc_bin(examples: Iterable[Example], path: Path) -> int:
    """Write a DocBin of `examples` (chunked); returns the number of docs."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    nlp = spacy.blank("xx")
    out = DocBin(store_user_data=False)
    n = 0
    for example in examples:
        for text, spans in chunks(example):
            doc = make_doc(nlp.vocab, text)
            ents = [doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand") for s in spans]
            doc.ents = filter_spans([e for e in ents if e is not None])  # two spans inside one token: keep one
            out.add(doc)
            n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(path)
    return n


def write_config(path: Path, max_steps: int) -> Path:
    from spacy.cli.init_config import init_config

    config = init_config(lang="xx", pipeline=["ner"], optimize="efficiency", gpu=False)
    overrides = {
        **CONFIG_OVERRIDES, "training.max_steps": max_steps, "training.max_epochs": 0,
        # evaluate four times, the last at max_steps, so model-best has seen the whole run
        "training.eval_frequency": max(1, max_steps // 4) if max_steps % 4 == 0 else max_steps,
    }
    for dotted, value in overrides.items():
        *parents, key = dotted.split(".")
        section = config
        for name in parents:
            section = section[name]
        section[key] = value
    config["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    path.parent.mkdir(parents=True, exist_ok=True)
    config.to_disk(path)
    return path


def train_spacy(train: list[Example], dev: list[Example], workdir: Path, max_steps: int = 3000,
                max_seconds: float = 600, threads: int = 2) -> SpacyRun:
    """`spacy train` in a child process with `threads` BLAS/OpenMP threads; the best model by dev F."""
    workdir = Path(workdir)
    doc_bin(train, workdir / "train.spacy")
    doc_bin(dev, workdir / "dev.spacy")
    config = write_config(workdir / "config.cfg", max_steps)
    output = workdir / "output"
    limits = {name: str(threads) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    command = [
        sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
        "--paths.train", str(workdir / "train.spacy"), "--paths.dev", str(workdir / "dev.spacy"),
    ]
    log = (workdir / "train.log").open("w", encoding="utf-8")
    started = time.perf_counter()
    note = f"stopped at {max_steps} steps"
    try:
        subprocess.run(command, env={**os.environ, **limits}, stdout=log, stderr=subprocess.STDOUT,
                       timeout=max_seconds, check=True)
    except subprocess.TimeoutExpired:
        note = f"stopped by the {max_seconds:.0f} s cap"
    finally:
        log.close()
    seconds = time.perf_counter() - started
    best = output / "model-best"
    if not (best / "meta.json").is_file():
        raise RuntimeError(f"spacy train left no model-best ({workdir / 'train.log'})")
    return SpacyRun(best, seconds, _last_step(workdir / "train.log"), note)


def _last_step(log: Path) -> int:
    """The step column of the last evaluation row spaCy's console logger printed."""
    step = 0
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) > 2 and parts[0].isdigit() and parts[1].isdigit():
            step = int(parts[1])
    return step


@dataclass
class SpacyTagger:
    """A trained spaCy pipeline behind the Tagger protocol (our tokens, its components)."""

    path: Path
    name: str = "spacy"
    _nlp: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import spacy

        self._nlp = spacy.load(self.path)

    def tag(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        doc = make_doc(self._nlp.vocab, text)  # type: ignore[attr-defined]
        for _, component in self._nlp.pipeline:  # type: ignore[attr-defined]
            doc = component(doc)
        return [Span(e.start_char, e.end_char, e.label_) for e in doc.ents]
