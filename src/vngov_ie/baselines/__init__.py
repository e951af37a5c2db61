"""Baseline taggers for the leaderboard, each behind the `Tagger` protocol.

- `underthesea_ner`: underthesea's off-the-shelf `ner` (PER/ORG/LOC only);
- `crf`: a linear-chain CRF (python-crfsuite) over regex word tokens, in
  `vngov_ie.tag.crf` because the product uses it too (stacked on the rules);
- `spacy_ner`: a spaCy NER pipeline trained with `spacy train`.

The CRF and spaCy baselines train on (normalised text, gold spans) pairs from
`tokens.training_examples`, the same view of the data the tagger gets at
prediction time inside `pipeline.extract`.
"""
