"""Where the shipped default model lives (inside the package, loaded from disk only), and the meta file
every model folder carries, readable without loading the model."""

from __future__ import annotations

import json
from pathlib import Path

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "default"
META_FILE = "vngov_ie.json"


def read_meta(model_dir: Path) -> dict:
    """The folder's `vngov_ie.json` (features, window sizes, dev F1)."""
    path = Path(model_dir) / META_FILE
    if not path.is_file():
        raise OSError(f"{model_dir} is not a vngov-ie model folder (no {META_FILE})")
    return json.loads(path.read_text(encoding="utf-8"))


def default_model_dir() -> Path:
    if not (DEFAULT_MODEL_DIR / "config.json").is_file():
        raise OSError(f"no default model at {DEFAULT_MODEL_DIR}; train one with `vngov-ie train` or pass --model DIR")
    return DEFAULT_MODEL_DIR
