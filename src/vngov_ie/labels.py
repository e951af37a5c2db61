"""Label set, relation signatures and BIO tables: the spec's vocabulary as data."""

from __future__ import annotations

ENTITY_LABELS: tuple[str, ...] = ("LEGAL_REF", "ORG", "LOC", "PER", "DATE", "METRIC")

TASK = "TASK"
TASK_STATUSES: tuple[str, ...] = ("done", "planned")

# relation type -> (head label, tail label); TASK marks a task endpoint.
RELATION_SIGNATURES: dict[str, tuple[str, str]] = {
    "ISSUED_ON": ("LEGAL_REF", "DATE"),
    "ISSUED_BY": ("LEGAL_REF", "ORG"),
    "AMENDS": ("LEGAL_REF", "LEGAL_REF"),
    "IMPLEMENTS": ("LEGAL_REF", "LEGAL_REF"),
    "BASED_ON": (TASK, "LEGAL_REF"),
    "RESULT": (TASK, "METRIC"),
    "ACTOR": (TASK, "ORG"),
    "TIME": (TASK, "DATE"),
}

ENTITY_RELATIONS: tuple[str, ...] = ("ISSUED_ON", "ISSUED_BY", "AMENDS", "IMPLEMENTS")
TASK_RELATIONS: tuple[str, ...] = ("BASED_ON", "RESULT", "ACTOR", "TIME")
RELATION_TYPES: tuple[str, ...] = ENTITY_RELATIONS + TASK_RELATIONS

BIO_LABELS: tuple[str, ...] = ("O",) + tuple(
    f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in ("B", "I")
)
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(BIO_LABELS)}
ID2LABEL: dict[int, str] = {i: label for label, i in LABEL2ID.items()}
