"""Training the token classifier from a config: seeded, checkpointed, resumable.

The run folder holds `checkpoint/` (weights, optimiser, scheduler, RNG states
and position, rewritten atomically every `checkpoint_every` steps and at each
epoch end), `train_log.jsonl` (loss and dev F1 per epoch) and `model/` (the
best model by dev F1, a Hugging Face folder).
"""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from datasets import Dataset
from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast, get_linear_schedule_with_warmup

from vngov_ie.annotation import atomic_write_text, read_annotation
from vngov_ie.corpus import corpus_text, read_manifest
from vngov_ie.labels import BIO_LABELS, ID2LABEL, LABEL2ID
from vngov_ie.model.config import TrainConfig
from vngov_ie.model.data import IGNORE, WordDoc, make_word_doc, windows
from vngov_ie.model.features import CRF_FILE, CrfPlan, Progress, crf_feature_spans, train_crfs
from vngov_ie.model.default import META_FILE
from vngov_ie.model.infer import predict_word_labels
from vngov_ie.model.tokenizer import train_tokenizer
from vngov_ie.normalise import normalise
from vngov_ie.splits import ids_in, read_splits
from vngov_ie.types import Span


@dataclass(frozen=True)
class Prepared:
    doc_id: str
    text: str  # normalised
    doc: WordDoc


@dataclass
class EpochLog:
    epoch: int
    step: int
    train_loss: float
    dev_f1: float
    seconds: float


def set_determinism(seed: int, threads: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True, warn_only=True)


def gold_spans_normalised(doc_id: str, annotations: Path) -> tuple[str, list[Span]]:
    """The normalised text of a corpus document and its gold spans in it."""
    import bisect

    original = corpus_text(doc_id)
    norm = normalise(original)
    ann = read_annotation(annotations / f"{doc_id}.json")
    offsets = norm.offsets
    spans = [
        Span(bisect.bisect_left(offsets, e.start), bisect.bisect_left(offsets, e.end), e.label) for e in ann.entities
    ]
    return norm.text, spans


FeatureSpans = Callable[[str, str], list[Span]]  # (doc id, normalised text) -> the feature tagger's spans


def rule_feature_spans() -> FeatureSpans:
    from vngov_ie.rules import RuleTagger

    rules = RuleTagger()
    return lambda doc_id, text: rules.tag(text)


def prepare(tokenizer: PreTrainedTokenizerFast, doc_ids: list[str], annotations: Path,
            features: FeatureSpans | None = None) -> list[Prepared]:
    features = features or rule_feature_spans()
    out = []
    for doc_id in doc_ids:
        text, gold = gold_spans_normalised(doc_id, annotations)
        out.append(Prepared(doc_id, text, make_word_doc(tokenizer, doc_id, text, gold, features(doc_id, text))))
    return out


def crf_plan(cfg: TrainConfig, run: Path, train_ids: list[str]) -> CrfPlan:
    return CrfPlan(tuple(train_ids), Path(cfg.annotations), cfg.crf_folds, cfg.crf_iterations, run / "crf")


def trained_crf_feature_spans(cfg: TrainConfig, run: Path, train_ids: list[str],
                              progress: Progress | None) -> FeatureSpans:
    """Train the CRFs (those already in `run/crf` are kept), then tag with them: out of fold for training documents."""
    from vngov_ie.rules import RuleTagger

    plan = crf_plan(cfg, run, train_ids)
    train_crfs(plan, workers=max(1, cfg.threads), progress=progress)
    return crf_feature_spans(plan, RuleTagger())


def to_dataset(tokenizer, docs: list[Prepared], cfg: TrainConfig) -> Dataset:
    rows = [
        {"input_ids": w.input_ids, "token_type_ids": w.token_type_ids, "labels": w.labels}
        for d in docs
        for w in windows(tokenizer, d.doc, d.text, cfg.max_len, cfg.stride)
    ]
    return Dataset.from_list(rows)


def build_model(cfg: TrainConfig, vocab_size: int) -> BertForTokenClassification:
    config = BertConfig(
        vocab_size=vocab_size, hidden_size=cfg.hidden_size, num_hidden_layers=cfg.num_layers,
        num_attention_heads=cfg.num_heads, intermediate_size=cfg.intermediate_size,
        hidden_dropout_prob=cfg.dropout, attention_probs_dropout_prob=cfg.dropout,
        max_position_embeddings=cfg.max_len, type_vocab_size=len(BIO_LABELS) if cfg.rule_features else 2,
        num_labels=len(BIO_LABELS), id2label=dict(ID2LABEL), label2id=dict(LABEL2ID),
    )
    return BertForTokenClassification(config)


def collate(rows: list[dict], use_features: bool, feature_drop: torch.Tensor) -> dict[str, torch.Tensor]:
    """Pad a batch; rule features go in token_type_ids unless off or dropped for that row."""
    width = max(len(r["input_ids"]) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    types = torch.zeros_like(ids)
    labels = torch.full_like(ids, IGNORE)
    for i, r in enumerate(rows):
        n = len(r["input_ids"])
        ids[i, :n] = torch.tensor(r["input_ids"])
        mask[i, :n] = 1
        labels[i, :n] = torch.tensor(r["labels"])
        if use_features and not feature_drop[i]:
            types[i, :n] = torch.tensor(r["token_type_ids"])
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types, "labels": labels}


def dev_f1(model, tokenizer, docs: list[Prepared], cfg: TrainConfig) -> float:
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    gold, pred = [], []
    for d in docs:
        gold.append(list(d.doc.labels))
        pred.append(predict_word_labels(model, tokenizer, d.doc, d.text, cfg.max_len, cfg.stride, cfg.rule_features))
    return float(f1_score(gold, pred, mode="strict", scheme=IOB2)) if docs else 0.0


def feature_files(cfg: TrainConfig, run: Path, train_docs: list[Prepared]) -> dict[str, Path]:
    """Files the model folder needs besides the weights (the full CRF when the model reads its tags)."""
    if cfg.features != "crf":
        return {}
    return {CRF_FILE: crf_plan(cfg, run, [d.doc_id for d in train_docs]).model_path(None)}


def save_model(model, tokenizer, cfg: TrainConfig, target: Path, extra: dict, files: dict[str, Path] | None = None) -> None:
    """A Hugging Face folder plus our meta file (and `files`, name -> source), swapped in whole."""
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    for name, source in (files or {}).items():
        shutil.copyfile(source, tmp / name)
    tokenizer.model_max_length = cfg.max_len  # what a plain transformers pipeline may feed
    tokenizer.save_pretrained(tmp)
    tokenizer.model_max_length = 10**9
    meta = {"rule_features": cfg.rule_features, "features": cfg.features, "max_len": cfg.max_len, "stride": cfg.stride,
            **extra}
    (tmp / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def save_checkpoint(run: Path, model, optimizer, scheduler, state: dict) -> None:
    tmp = run / "checkpoint.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    torch.save(
        {
            "model": model.state_dict(), "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
            "torch_rng": torch.get_rng_state(), "state": state,
        },
        tmp / "state.pt",
    )
    final = run / "checkpoint"
    old = run / "checkpoint.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def load_data(cfg: TrainConfig, run: Path, resume: bool,
              progress: Progress | None = None) -> tuple[PreTrainedTokenizerFast, list[Prepared], list[Prepared]]:
    rows = read_splits(Path(cfg.splits))
    annotations = Path(cfg.annotations)
    tok_dir = run / "tokenizer"
    if resume and tok_dir.is_dir():
        tokenizer = PreTrainedTokenizerFast.from_pretrained(tok_dir)
    else:
        texts = [normalise(corpus_text(r.doc_id)).text for r in read_manifest()]
        tokenizer = train_tokenizer(texts, cfg.vocab_size)
        tokenizer.save_pretrained(tok_dir)
    tokenizer.model_max_length = 10**9  # documents are windowed, never fed whole
    train_ids = [d for d in ids_in(rows, *cfg.train_splits) if (annotations / f"{d}.json").is_file()]
    dev_ids = [d for d in ids_in(rows, cfg.dev_split) if (annotations / f"{d}.json").is_file()]
    features = trained_crf_feature_spans(cfg, run, train_ids, progress) if cfg.features == "crf" else rule_feature_spans()
    return tokenizer, prepare(tokenizer, train_ids, annotations, features), prepare(tokenizer, dev_ids, annotations, features)


def train(cfg: TrainConfig, run: Path, device: str = "cpu", resume: bool = False,
          progress: Progress | None = None, stop_after_steps: int | None = None) -> list[EpochLog]:
    """Train, checkpoint and keep the best model in `run/model`; returns the epoch log."""
    run = Path(run)
    run.mkdir(parents=True, exist_ok=True)
    set_determinism(cfg.seed, cfg.threads)
    tokenizer, train_docs, dev_docs = load_data(cfg, run, resume, progress)
    data = to_dataset(tokenizer, train_docs, cfg)
    model = build_model(cfg, len(tokenizer)).to(device)
    if cfg.mlm_epochs > 0:
        from vngov_ie.model.pretrain import pretrain_encoder, pretrain_texts

        held_back = set(ids_in(read_splits(Path(cfg.splits)), *cfg.mlm_held_back))
        encoder, _ = pretrain_encoder(cfg, model.config, tokenizer, pretrain_texts(cfg, held_back), run, device, progress)
        model.bert.load_state_dict(encoder.bert.state_dict())
        torch.manual_seed(cfg.seed)  # fine-tuning is seeded afresh after pretraining
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    steps_per_epoch = math.ceil(len(data) / cfg.batch_size)
    total = steps_per_epoch * cfg.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(total * cfg.warmup_ratio), total)
    state = {"epoch": 0, "step_in_epoch": 0, "global_step": 0, "best_f1": -1.0, "loss_sum": 0.0, "loss_n": 0}
    ckpt = run / "checkpoint" / "state.pt"
    if resume and ckpt.is_file():
        saved = torch.load(ckpt, weights_only=False, map_location="cpu")  # a GPU run also resumes on a CPU
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
        torch.set_rng_state(saved["torch_rng"])
        state = saved["state"]
    log_path = run / "train_log.jsonl"
    logs: list[EpochLog] = [EpochLog(**json.loads(l)) for l in log_path.read_text().splitlines()] if resume and log_path.is_file() else []
    atomic_write_text(run / "config.json", cfg.to_json())
    started = time.time()
    while state["epoch"] < cfg.epochs:
        epoch = state["epoch"]
        order = torch.randperm(len(data), generator=torch.Generator().manual_seed(cfg.seed * 1000 + epoch)).tolist()
        drops = torch.rand(len(data), generator=torch.Generator().manual_seed(cfg.seed * 7919 + epoch)) < cfg.feature_dropout
        model.train()
        for step in range(state["step_in_epoch"], steps_per_epoch):
            idx = order[step * cfg.batch_size : (step + 1) * cfg.batch_size]
            batch = collate([data[i] for i in idx], cfg.rule_features, drops[idx])
            loss = model(**{k: v.to(device) for k, v in batch.items()}).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            state.update(step_in_epoch=step + 1, global_step=state["global_step"] + 1,
                         loss_sum=state["loss_sum"] + loss.item(), loss_n=state["loss_n"] + 1)
            if progress:
                progress("train", state["global_step"], total)
            if state["global_step"] % cfg.checkpoint_every == 0:
                save_checkpoint(run, model, optimizer, scheduler, state)
            if stop_after_steps is not None and state["global_step"] >= stop_after_steps:
                save_checkpoint(run, model, optimizer, scheduler, state)
                return logs
        f1 = dev_f1(model, tokenizer, dev_docs, cfg)
        entry = EpochLog(epoch + 1, state["global_step"], state["loss_sum"] / max(1, state["loss_n"]), f1, time.time() - started)
        logs.append(entry)
        atomic_write_text(log_path, "".join(json.dumps(asdict(e)) + "\n" for e in logs))
        if f1 > state["best_f1"]:
            state["best_f1"] = f1
            save_model(model, tokenizer, cfg, run / "model", {"dev_f1": f1, "epoch": epoch + 1},
                       feature_files(cfg, run, train_docs))
        state.update(epoch=epoch + 1, step_in_epoch=0, loss_sum=0.0, loss_n=0)
        save_checkpoint(run, model, optimizer, scheduler, state)
    return logs
