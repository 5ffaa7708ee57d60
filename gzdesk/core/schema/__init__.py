"""One declarative definition of every list and entity; everything else reads it (STYLE.md rule 5)."""

from __future__ import annotations

from gzdesk.core.schema.entities import ENTERPRISE, EVALUATION, OFFICE, OFFICIAL
from gzdesk.core.schema.lists import EXPANSION, INVESTMENT, PROJECT_LISTS, TECH_TRANSFER
from gzdesk.core.schema.types import Choice, Entity, Field, FieldType, Vocabulary, fold

ENTITIES: tuple[Entity, ...] = (*PROJECT_LISTS, ENTERPRISE, OFFICIAL, OFFICE, EVALUATION)
LIST_KEYS: tuple[str, ...] = tuple(entity.key for entity in PROJECT_LISTS)
_BY_KEY = {entity.key: entity for entity in ENTITIES}


def entity(key: str) -> Entity:
    """The entity named ``key`` ("investment", "tech_transfer", "expansion", "enterprise", …)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown list or entity {key!r}; expected one of {', '.join(_BY_KEY)}") from None


__all__ = [
    "ENTERPRISE", "ENTITIES", "EVALUATION", "EXPANSION", "INVESTMENT", "LIST_KEYS", "OFFICE", "OFFICIAL",
    "PROJECT_LISTS", "TECH_TRANSFER", "Choice", "Entity", "Field", "FieldType", "Vocabulary", "entity", "fold",
]
