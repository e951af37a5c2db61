"""Dataclasses shared by every stage of the pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def sha256_text(text: str) -> str:
    """The spec's `text_sha256`: sha256 of the UTF-8 encoded text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A labelled character span [start, end) proposed by a tagger."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Relation:
    type: str
    head: str
    tail: str


@dataclass(frozen=True)
class Task:
    id: str
    start: int
    end: int
    status: str


@dataclass
class Annotation:
    """One annotation (gold or predicted) of one document, as in the spec."""

    doc_id: str
    text_sha256: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    """A document's text as given (`text`), ready for tagging.

    `source` names where it came from (a path or `-`).
    """

    doc_id: str
    text: str
    source: str = ""

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)
