"""Train the token classifier from a config file (a thin wrapper over `vngov-ie train`).

    python training/train.py --config training/configs/default.json --out runs/default [--device cpu|cuda] [--resume]
"""

from vngov_ie.cli import app

if __name__ == "__main__":
    import sys

    app(["train", *sys.argv[1:]])
