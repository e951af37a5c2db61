"""Relations between entities from cue words: ISSUED_ON, ISSUED_BY, AMENDS, IMPLEMENTS.

Each rule looks at the text between a LEGAL_REF and the entities after it;
the gaps and cue words it accepts are patterns, not code.
"""

from __future__ import annotations

import re

from vngov_ie.types import Entity, Relation

# Gaps allowed between a reference and its date, and between those and its issuer.
DATE_GAP = re.compile(r"[\s,]*(?:(?:được\s+)?ban\s+hành[\s,]*)?")
ISSUER_GAP = re.compile(r"\s*,?\s*(?:của|do)\s+(?:các\s+)?", re.I)
# Cue words before a second LEGAL_REF, within the first one's title.
AMEND_CUES = re.compile(r"(?:sửa đổi|bổ sung|thay thế|bãi bỏ)[^.;\n]{0,120}$", re.I)
IMPLEMENT_CUES = re.compile(r"(?:thực hiện|triển khai|hướng dẫn|quy định chi tiết|thi hành)[^.;\n]{0,80}$", re.I)
AMENDED_BY = re.compile(r"được\s+sửa\s+đổi[^.;\n]{0,60}$", re.I)


def link_relations(entities: list[Entity], text: str) -> list[Relation]:
    """Relations between the document's entities, from the cues between them."""
    ordered = sorted(entities, key=lambda e: e.start)
    relations: list[Relation] = []
    for i, ref in enumerate(ordered):
        if ref.label != "LEGAL_REF":
            continue
        relations += _issue_relations(ref, ordered[i + 1 :], text)
        relations += _document_links(ref, ordered[i + 1 :], text)
    return _unique(relations)


def _issue_relations(ref: Entity, following: list[Entity], text: str) -> list[Relation]:
    """`<ref> [ngày ...] của <ORG>`: ISSUED_ON to the date, ISSUED_BY to the body."""
    found: list[Relation] = []
    cursor = ref.end
    rest = iter(following)
    ent = next(rest, None)
    if ent is not None and ent.label == "DATE" and DATE_GAP.fullmatch(text[cursor : ent.start]):
        found.append(Relation("ISSUED_ON", ref.id, ent.id))
        cursor, ent = ent.end, next(rest, None)
    if ent is not None and ent.label == "ORG" and ISSUER_GAP.fullmatch(text[cursor : ent.start]):
        found.append(Relation("ISSUED_BY", ref.id, ent.id))
    return found


def _document_links(ref: Entity, following: list[Entity], text: str) -> list[Relation]:
    """AMENDS / IMPLEMENTS from `ref` to a later LEGAL_REF named in its title."""
    for ent in following[:6]:
        if ent.label != "LEGAL_REF":
            continue
        between = text[ref.end : ent.start]
        if len(between) > 200 or re.search(r"[;\n]\s*(?:Căn cứ|-|\d+\.)", between):
            return []
        if AMENDED_BY.search(between):
            return [Relation("AMENDS", ent.id, ref.id)]
        if AMEND_CUES.search(between):
            return [Relation("AMENDS", ref.id, ent.id)]
        if IMPLEMENT_CUES.search(between):
            return [Relation("IMPLEMENTS", ref.id, ent.id)]
        return []
    return []


def _unique(relations: list[Relation]) -> list[Relation]:
    return list(dict.fromkeys(relations))
