"""The drop-down choices of a schema field — enumerations, districts, yes/no — as (label, value) pairs, for every
editor that offers them (the record form, bulk edit): labels in the clerk's language, values canonical."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gzdesk.core.schema import Field, FieldType
from gzdesk.core.store import Store


def field_choices(field: Field, store: Store, lang: str) -> list[tuple[str, object]]:
    """The choices of ``field``, or [] when it is typed as text."""
    if field.type is FieldType.ENUM and field.vocabulary:
        return [(field.vocabulary.english(v) if lang == "en" else v, v) for v in field.vocabulary.values]
    if field.type is FieldType.REFERENCE and field.reference == "district":
        return [(store.reference.district_name(code, lang), code) for code in store.reference.districts]
    if field.type is FieldType.BOOLEAN:
        return [(QCoreApplication.translate("FieldChoices", "Yes"), True),
                (QCoreApplication.translate("FieldChoices", "No"), False)]
    return []
