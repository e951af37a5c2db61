"""A logistic regression over sparse binary features, as the task stage's learned steps use it.

`task_split` (cut a sentence at `;`) and `task_filter` (keep a candidate unit) each
ship one as JSON (`weights`, `bias`, `threshold`), written by their training scripts
in `eval/`. Scoring is a plain dot product: no third-party library at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LogisticModel:
    """Weights over feature names, a bias, and the probability at or above which the answer is yes."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def keep(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold


def read_model(path: Path) -> LogisticModel:
    """The model stored at `path`; raises if the file is missing."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return LogisticModel(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))
