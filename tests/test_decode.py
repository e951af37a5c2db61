"""Constrained IOB2 decoding of per-word label scores."""

from __future__ import annotations

import numpy as np

from vngov_ie.labels import LABEL2ID
from vngov_ie.model.infer import viterbi_iob2


def scores_for(rows: list[dict[str, float]]) -> np.ndarray:
    """Log-probability rows built from {label: probability}; the remainder is spread over the other labels."""
    out = np.full((len(rows), len(LABEL2ID)), 0.0)
    for i, row in enumerate(rows):
        rest = (1.0 - sum(row.values())) / (len(LABEL2ID) - len(row))
        out[i, :] = rest
        for label, p in row.items():
            out[i, LABEL2ID[label]] = p
    return np.log(out)


def decode(rows: list[dict[str, float]]) -> list[str]:
    inverse = {i: label for label, i in LABEL2ID.items()}
    return [inverse[i] for i in viterbi_iob2(scores_for(rows))]


def test_argmax_when_it_is_already_valid():
    rows = [{"B-LEGAL_REF": 0.9}, {"I-LEGAL_REF": 0.9}, {"O": 0.9}, {"B-DATE": 0.8}]
    assert decode(rows) == ["B-LEGAL_REF", "I-LEGAL_REF", "O", "B-DATE"]


def test_a_stray_inside_tag_is_joined_to_the_span_before_when_that_scores_better():
    # "Nghị định 61": argmax would say B-LEGAL_REF, O, I-LEGAL_REF (two fragments); the path must be valid
    rows = [{"B-LEGAL_REF": 0.9}, {"O": 0.5, "I-LEGAL_REF": 0.45}, {"I-LEGAL_REF": 0.9}]
    assert decode(rows) == ["B-LEGAL_REF", "I-LEGAL_REF", "I-LEGAL_REF"]


def test_no_inside_tag_at_the_start_or_after_another_label():
    rows = [{"I-ORG": 0.6, "B-ORG": 0.3}, {"I-LOC": 0.6, "B-LOC": 0.3}]
    assert decode(rows) == ["B-ORG", "B-LOC"]


def test_every_decoded_sequence_is_well_formed():
    rng = np.random.default_rng(0)
    inverse = {i: label for label, i in LABEL2ID.items()}
    for _ in range(50):
        logits = rng.normal(size=(30, len(LABEL2ID)))
        logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
        tags = [inverse[i] for i in viterbi_iob2(logp)]
        for prev, tag in zip(["O", *tags], tags):
            if tag.startswith("I-"):
                assert prev[2:] == tag[2:] and prev != "O", (prev, tag)


def test_empty_document():
    assert viterbi_iob2(np.zeros((0, len(LABEL2ID)))) == []
