"""The model tagger, re-exported under `vngov_ie.tag`."""

from vngov_ie.model.infer import ModelTagger, load_model_tagger

__all__ = ["ModelTagger", "load_model_tagger"]
