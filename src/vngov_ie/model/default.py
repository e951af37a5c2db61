"""Where the shipped default model lives: inside the package, loaded from disk only."""

from __future__ import annotations

from pathlib import Path

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "default"


def default_model_dir() -> Path:
    if not (DEFAULT_MODEL_DIR / "config.json").is_file():
        raise OSError(f"no default model at {DEFAULT_MODEL_DIR}; train one with `vngov-ie train` or pass --model DIR")
    return DEFAULT_MODEL_DIR
