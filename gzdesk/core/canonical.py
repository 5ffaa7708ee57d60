"""Records in their canonical published form (DOMAIN.md keys): what `gzdesk records` prints.

Money is a number in 万元, dates ISO strings ("2026-03" keeps month precision), enumerations their canonical
Chinese values, district and industry ``{"code", "name"}`` (an industry kept as written has code null).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gzdesk.core.reference import Reference
from gzdesk.core.schema import Entity, FieldType

SYSTEM_KEYS = ("id", "owner_office", "created_at", "updated_at", "updated_by", "revision")


def canonical(entity: Entity, row: Mapping[str, object], reference: Reference) -> dict[str, object]:
    """One record as a JSON-ready dict: system keys first, then the schema's fields in order."""
    result: dict[str, object] = {key: row.get(key) for key in SYSTEM_KEYS}
    for field in entity.fields:
        value = row.get(field.key)
        if field.type is FieldType.REFERENCE and field.reference and value is not None:
            value = reference.describe(field.reference, str(value))
        result[field.key] = value
    return result


def csv_header(entity: Entity) -> list[str]:
    header = list(SYSTEM_KEYS)
    for field in entity.fields:
        header += [field.key, f"{field.key}_code"] if field.type is FieldType.REFERENCE else [field.key]
    return header


def csv_row(entity: Entity, row: Mapping[str, object], reference: Reference) -> Iterator[object]:
    """The CSV cells of one record, matching :func:`csv_header` (reference fields as name, code)."""
    for key in SYSTEM_KEYS:
        yield row.get(key)
    for field in entity.fields:
        value = row.get(field.key)
        if field.type is FieldType.REFERENCE and field.reference:
            described = reference.describe(field.reference, str(value)) if value is not None else None
            yield described["name"] if described else None
            yield described["code"] if described else None
        elif field.type is FieldType.TAGS:
            yield "、".join(map(str, value)) if isinstance(value, list) else value
        elif field.type is FieldType.BOOLEAN:
            yield None if value is None else ("是" if value else "否")
        else:
            yield value
