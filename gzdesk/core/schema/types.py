"""The building blocks of the declarative schema: field types, vocabularies, fields and entities.

Everything that handles records — store, importer, exporter, validator, diff, form, table — reads these
declarations; nothing else lists fields by hand.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class FieldType(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    MONEY = "money"  # 万元, a decimal
    NUMBER = "number"
    INTEGER = "integer"
    AREA = "area"  # 亩
    PERCENT = "percent"  # 0–100
    DATE = "date"  # ISO "2026-03-15", or "2026-03" with month precision
    ENUM = "enum"
    REFERENCE = "reference"  # district or industry code
    BOOLEAN = "boolean"
    TAGS = "tags"  # a list of vocabulary values, stored as JSON

    @property
    def sql_type(self) -> str:
        if self in (FieldType.MONEY, FieldType.NUMBER, FieldType.AREA, FieldType.PERCENT):
            return "REAL"
        if self in (FieldType.INTEGER, FieldType.BOOLEAN):
            return "INTEGER"
        return "TEXT"

    @property
    def is_numeric(self) -> bool:
        return self.sql_type in ("REAL", "INTEGER") and self is not FieldType.BOOLEAN


UNITS: dict[FieldType, str] = {FieldType.MONEY: "万元", FieldType.AREA: "亩", FieldType.PERCENT: "%"}
UNITS_EN: dict[FieldType, str] = {FieldType.MONEY: "10k CNY", FieldType.AREA: "mu", FieldType.PERCENT: "%"}


def fold(text: str) -> str:
    """The comparison form of a label or vocabulary word: NFKC, no blanks or joining punctuation, lower case."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "_-·•:：\u200b\ufeff")


@dataclass(frozen=True)
class Choice:
    """One value of a vocabulary: its canonical Chinese form, English label and the synonyms seen in sheets."""

    value: str
    en: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values (stages, statuses, modes …) with their synonyms."""

    key: str
    choices: tuple[Choice, ...]

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    @cached_property
    def _lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for choice in self.choices:
            for word in (choice.value, choice.en, *choice.synonyms):
                table.setdefault(fold(word), choice.value)
        return table

    def canonical(self, raw: str) -> str | None:
        """The canonical value for ``raw`` (a value, English label or synonym), or None when unknown."""
        return self._lookup.get(fold(raw))

    def english(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.en
        return value


@dataclass(frozen=True)
class Field:
    """One field of an entity, with everything every layer needs to know about it."""

    key: str
    type: FieldType
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    vocabulary: Vocabulary | None = None
    reference: str | None = None  # "district" or "industry"
    validator: str | None = None  # "credit_code" or "phone"
    max_length: int | None = None
    indexed: bool = False
    searchable: bool = False
    since: int = 1  # the migration number that added this field's column

    @property
    def unit(self) -> str | None:
        return UNITS.get(self.type)

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def header(self, lang: str = "zh") -> str:
        """The column header the app writes: the label with its unit ("总投资（万元）")."""
        if lang == "en":
            unit = UNITS_EN.get(self.type)
            return f"{self.en} ({unit})" if unit else self.en
        return f"{self.zh}（{self.unit}）" if self.unit else self.zh

    @cached_property
    def header_words(self) -> tuple[str, ...]:
        """Every folded wording that names this field in a header row."""
        words = {fold(word) for word in (self.zh, self.en, self.header("zh"), self.header("en"), *self.aliases)}
        return tuple(sorted(words))


@dataclass(frozen=True)
class Entity:
    """A kind of record: one of the three project lists, or enterprises, officials, offices, evaluations."""

    key: str
    zh: str
    en: str
    fields: tuple[Field, ...]
    is_project_list: bool = False
    stages: Vocabulary | None = None
    natural_key: tuple[str, ...] = ("name",)
    aliases: tuple[str, ...] = field(default=())  # sheet titles / names that suggest this entity

    @property
    def table(self) -> str:
        return self.key

    @cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    def field(self, key: str) -> Field:
        return self.by_key[key]

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    @property
    def searchable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.searchable)

    @property
    def indexed_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.indexed)

    def fields_since(self, migration: int) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.since == migration)

    def fields_up_to(self, migration: int) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.since <= migration)
