"""A clerk's corrections to the column guess, remembered per sending office.

Table finding guesses which schema field each column holds (``table_header.py``). When a guess is wrong the clerk
corrects it; the corrections are a :data:`ColumnMapping`: for each list key, a *header key* (the folded header
text, or ``"#F"`` for a column without a header) → the field key, or None for "ignore this column".
:func:`apply_mapping` puts them onto the found tables (``plan_import(column_mapping=…)`` does so right after table
finding); :func:`remember_mapping` / :func:`load_mapping` keep them in the database's settings under
``column_mapping:<office>``, so the next file from the same office is read the same way.

Only corrections are stored — a column the clerk left as guessed is not — so a better guess later still helps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from gzdesk.core import schema
from gzdesk.core.excel.model import Workbook
from gzdesk.core.excel.table import ColumnMap, FoundTable
from gzdesk.core.excel.table_header import header_unit
from gzdesk.core.exchange.meta import META_SHEET, parse_meta
from gzdesk.core.schema import FieldType, fold
from gzdesk.core.store import Store

__all__ = ["ColumnMapping", "apply_mapping", "corrections", "header_key", "load_mapping", "remember_mapping",
           "sending_office", "setting_key"]

ColumnMapping = Mapping[str, Mapping[str, str | None]]  # list key → header key → field key (None: ignore)
SETTING_PREFIX = "column_mapping:"
IGNORED = "ignored"  # ColumnMap.kind of a column the clerk chose to ignore


def header_key(column: ColumnMap) -> str:
    """How a column is known across files: its folded header, or ``#<letter>`` when it has no header text."""
    return fold(column.header) if column.header.strip() else f"#{column.letter}"


def setting_key(office: str) -> str:
    return SETTING_PREFIX + office.strip()


def apply_mapping(tables: Sequence[FoundTable], mapping: ColumnMapping | None) -> tuple[FoundTable, ...]:
    """``tables`` with the clerk's corrections applied; tables without a correction come back unchanged.

    A column mapped to a field takes it (kind "field", the header's unit or, for money, the sheet's unit line); a
    column mapped to None is ignored. A column whose guessed field the clerk gave to another column, and a second
    column corrected to the same field, become "duplicate" (ignored). Keys naming no field of the list are skipped.
    """
    return tuple(_apply_one(table, (mapping or {}).get(table.list_key) or {}) for table in tables)


def _apply_one(table: FoundTable, overrides: Mapping[str, str | None]) -> FoundTable:
    fields = schema.entity(table.list_key).by_key
    chosen: dict[int, str | None] = {}
    for column in table.columns:
        key = header_key(column)
        if key in overrides and (overrides[key] is None or overrides[key] in fields):
            chosen[column.index] = overrides[key]
    given = {field for field in chosen.values() if field is not None}
    claimed: set[str] = set()
    columns: list[ColumnMap] = []
    for column in table.columns:
        field = chosen.get(column.index)
        if column.index not in chosen:
            if column.field in given:  # the clerk gave this column's guessed field to another column
                column = replace(column, field=None, kind="duplicate")
        elif field is None:
            column = replace(column, field=None, kind=IGNORED)
        elif field in claimed:
            column = replace(column, field=None, kind="duplicate")
        else:
            claimed.add(field)
            column = replace(column, field=field, kind="field", unit=_unit(table, column, field))
        columns.append(column)
    if tuple(columns) == table.columns:
        return table
    mapped = {c.index for c in columns if c.field}
    return replace(table, columns=tuple(columns),
                   unmapped_columns=tuple(c.index for c in columns if c.kind in ("unmapped", "duplicate")),
                   hidden_columns=tuple(i for i in table.hidden_columns if i in mapped), score=float(len(mapped)))


def _unit(table: FoundTable, column: ColumnMap, field: str) -> str | None:
    if column.field == field:
        return column.unit
    unit = column.unit or header_unit(column.header)
    if unit is None and schema.entity(table.list_key).field(field).type is FieldType.MONEY:
        return table.unit
    return unit


def corrections(guessed: Sequence[FoundTable], chosen: Mapping[tuple[str, int], str | None]) -> dict[str, dict[str, str | None]]:
    """The :data:`ColumnMapping` that turns the ``guessed`` tables into the clerk's ``chosen`` fields.

    ``chosen[(sheet name, column index)]`` is the field (None: ignore) the clerk picked; a choice equal to the guess
    is no correction. A guessed "sequence" (序号) or unmapped column left alone stays as it was."""
    result: dict[str, dict[str, str | None]] = {}
    for table in guessed:
        for column in table.columns:
            key = (table.sheet_name, column.index)
            if key in chosen and chosen[key] != column.field:
                result.setdefault(table.list_key, {})[header_key(column)] = chosen[key]
    return result


def sending_office(workbook: Workbook, tables: Sequence[FoundTable]) -> str:
    """Who sent the file: the exporting office of an exchange workbook (its ``_meta`` sheet), else the first
    "填报单位" line table finding read, else the file name without its suffix."""
    for sheet in workbook.sheets:
        if sheet.name == META_SHEET:
            try:
                info, _ = parse_meta(sheet.rows, file=workbook.path.name)
            except Exception:  # a damaged sheet is the importer's to report; here it only names no office
                break
            if info.office.strip():
                return info.office.strip()
    for table in tables:
        if table.office and table.office.strip():
            return table.office.strip()
    return Path(workbook.path).stem


def load_mapping(store: Store, office: str) -> dict[str, dict[str, str | None]]:
    """The corrections remembered for ``office`` ({} when none, or when the setting is not a mapping)."""
    stored = store.setting(setting_key(office), {})
    if not isinstance(stored, dict):
        return {}
    return {str(list_key): {str(k): (None if v is None else str(v)) for k, v in entries.items()}
            for list_key, entries in stored.items() if isinstance(entries, dict)}


def remember_mapping(store: Store, office: str, guessed: Sequence[FoundTable], mapping: ColumnMapping) -> None:
    """Keep ``mapping`` as ``office``'s corrections: for the headers of this file (``guessed``) the new choice
    replaces the old one (a header set back to the guess is forgotten); corrections for headers this file does
    not have are kept. Nothing is written when nothing changes."""
    stored = load_mapping(store, office)
    merged = {list_key: dict(entries) for list_key, entries in stored.items()}
    for table in guessed:
        entries = merged.setdefault(table.list_key, {})
        for column in table.columns:
            entries.pop(header_key(column), None)
    for list_key, chosen in mapping.items():
        merged.setdefault(list_key, {}).update(chosen)
    merged = {k: v for k, v in merged.items() if v}
    if merged != stored:
        store.set_setting(setting_key(office), merged)
