"""One declarative definition of every list and entity; everything else reads it (STYLE.md rule 5)."""

from __future__ import annotations

from gzdesk.core.schema.entities import ENTERPRISE, EVALUATION, MILESTONE, OFFICE, OFFICIAL, PROBLEM
from gzdesk.core.schema.lists import EXPANSION, INVESTMENT, PROJECT_LISTS, TECH_TRANSFER
from gzdesk.core.schema.types import Choice, Entity, Field, FieldType, Vocabulary, fold

ENTITIES: tuple[Entity, ...] = (*PROJECT_LISTS, ENTERPRISE, OFFICIAL, OFFICE, EVALUATION)
#: An evaluation's milestones and problems (migration 6): kept apart from ENTITIES, whose tables the first migrations
#: created, and looked up by :func:`entity` like any other.
CHILD_ENTITIES: tuple[Entity, ...] = (MILESTONE, PROBLEM)
LIST_KEYS: tuple[str, ...] = tuple(entity.key for entity in PROJECT_LISTS)
_BY_KEY = {entity.key: entity for entity in (*ENTITIES, *CHILD_ENTITIES)}


def entity(key: str) -> Entity:
    """The entity named ``key`` ("investment", "tech_transfer", "expansion", "enterprise", …)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown list or entity {key!r}; expected one of {', '.join(_BY_KEY)}") from None


__all__ = [
    "CHILD_ENTITIES", "ENTERPRISE", "ENTITIES", "EVALUATION", "EXPANSION", "INVESTMENT", "LIST_KEYS", "MILESTONE",
    "OFFICE", "OFFICIAL", "PROBLEM", "PROJECT_LISTS", "TECH_TRANSFER", "Choice", "Entity", "Field", "FieldType",
    "Vocabulary", "entity", "fold",
]
