"""Training configuration, validated at the edge (a JSON file) and trusted inside."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from vngov_ie.model.features import FEATURE_SOURCES


@dataclass(frozen=True)
class TrainConfig:
    # data
    annotations: str = "annotations"
    splits: str = "data/splits.tsv"
    train_splits: tuple[str, ...] = ("train",)
    dev_split: str = "dev"
    # tokenizer
    vocab_size: int = 12000
    # model (BERT family, from scratch)
    hidden_size: int = 256
    num_layers: int = 4
    num_heads: int = 4
    intermediate_size: int = 1024
    dropout: float = 0.1
    max_len: int = 256
    stride: int = 64
    rule_features: bool = True  # tags of another tagger in token_type_ids
    features: str = "rules"  # whose tags: "rules", or "crf" (a CRF stacked on the rules; see model/features.py)
    crf_folds: int = 5  # out-of-fold CRFs that tag the training documents
    crf_iterations: int = 100  # L-BFGS iterations of each CRF
    feature_dropout: float = 0.2
    # optimisation
    epochs: int = 6
    batch_size: int = 16
    lr: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    seed: int = 13
    threads: int = 2
    checkpoint_every: int = 200  # optimiser steps
    # masked-LM pretraining on all corpus text (0 epochs: off)
    mlm_epochs: int = 0
    mlm_probability: float = 0.15
    mlm_held_back: tuple[str, ...] = ("test",)  # splits whose texts pretraining never sees

    def __post_init__(self) -> None:
        if self.hidden_size % self.num_heads:
            raise ValueError("hidden_size must be a multiple of num_heads")
        if not 0 <= self.stride < self.max_len - 2:
            raise ValueError("stride must be smaller than max_len - 2")
        if self.features not in FEATURE_SOURCES:
            raise ValueError(f"features must be one of {', '.join(FEATURE_SOURCES)}, not '{self.features}'")
        if self.features == "crf" and self.crf_folds < 2:
            raise ValueError("crf_folds must be at least 2")
        for name in ("epochs", "batch_size", "vocab_size", "max_len"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")

    @classmethod
    def load(cls, path: Path) -> "TrainConfig":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{path}: unknown config keys {sorted(unknown)}")
        for key in ("train_splits", "mlm_held_back"):
            if key in data:
                data[key] = tuple(data[key])
        return cls(**data)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)
