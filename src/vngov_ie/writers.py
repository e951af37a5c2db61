"""Output formats of `vngov-ie extract`: annotation JSON, CoNLL IOB2, displaCy HTML."""

from __future__ import annotations

import re
from typing import Callable

from vngov_ie.annotation import dumps_annotation
from vngov_ie.labels import ENTITY_LABELS
from vngov_ie.types import Annotation, Document

TOKEN = re.compile(r"\w+(?:[./,-]\w+)*|[^\w\s]", re.UNICODE)

LABEL_COLOURS: dict[str, str] = {
    "LEGAL_REF": "#f4a261",
    "ORG": "#8ecae6",
    "LOC": "#b5e48c",
    "PER": "#ffafcc",
    "DATE": "#ffd166",
    "METRIC": "#cdb4db",
}


def tokens_with_offsets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def iob2_tags(text: str, ann: Annotation, tokens: list[tuple[int, int]]) -> list[str]:
    """B-/I- for tokens that overlap an entity (B on the first), O elsewhere."""
    tags = ["O"] * len(tokens)
    ents = sorted(ann.entities, key=lambda e: e.start)
    j = 0
    for i, (start, end) in enumerate(tokens):
        while j < len(ents) and ents[j].end <= start:
            j += 1
        if j < len(ents) and ents[j].start < end:
            prefix = "B" if i == 0 or tags[i - 1] == "O" or tokens[i - 1][1] <= ents[j].start else "I"
            tags[i] = f"{prefix}-{ents[j].label}"
    return tags


def to_conll(doc: Document, ann: Annotation) -> str:
    """One token per line (`token<TAB>start<TAB>end<TAB>tag`), a blank line between lines of text."""
    tokens = tokens_with_offsets(doc.text)
    tags = iob2_tags(doc.text, ann, tokens)
    out: list[str] = [f"# doc_id = {doc.doc_id}"]
    for i, ((start, end), tag) in enumerate(zip(tokens, tags)):
        if i and "\n" in doc.text[tokens[i - 1][1] : start] and out[-1] != "":
            out.append("")
        out.append(f"{doc.text[start:end]}\t{start}\t{end}\t{tag}")
    return "\n".join(out) + "\n"


def to_html(doc: Document, ann: Annotation) -> str:
    """A self-contained displaCy entity view."""
    from spacy import displacy

    data = {
        "text": doc.text,
        "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in ann.entities],
        "title": doc.doc_id,
    }
    options = {"ents": list(ENTITY_LABELS), "colors": LABEL_COLOURS}
    return displacy.render(data, style="ent", manual=True, page=True, options=options)


def to_json(doc: Document, ann: Annotation) -> str:
    return dumps_annotation(ann)


WRITERS: dict[str, tuple[str, Callable[[Document, Annotation], str]]] = {
    "json": (".json", to_json),
    "conll": (".conll", to_conll),
    "html": (".html", to_html),
}
