"""A found table's data rows coerced in chunks: each row's values, its problems, its record id and natural key.

This is what an import needs from a table before it can match rows to records, and what the reading worker
(:mod:`gzdesk.core.excel.read_worker`) sends to the importer while it goes on reading. Problems come in row order,
each row's cell problems first (in column order) and then its missing required fields; notes are appended to the
caller's list in the same order. A chunk holds plain data only (it crosses a process boundary).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass

from gzdesk.core import matching, records, schema
from gzdesk.core.excel.coerce import RowCoercer
from gzdesk.core.excel.model import CellValue, Sheet
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table import FoundTable, iter_data
from gzdesk.core.exchange.meta import ID_HEADER, ID_HEADER_EN
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Field, fold

CHUNK_ROWS = 5000
_ID_WORDS = {fold(ID_HEADER), fold(ID_HEADER_EN), fold("记录编号"), fold("Record ID")}


@dataclass(frozen=True)
class CoercedRows:
    """Consecutive data rows of one table: ``numbers[i]`` (the sheet row) has ``values[i]``, ``record_ids[i]`` (from
    an exchange workbook's id column) and ``natural_keys[i]``; ``problems`` are the errors of these rows."""

    sheet: str
    list_key: str
    numbers: list[int]
    values: list[dict[str, object]]
    record_ids: list[str | None]
    natural_keys: list[str | None]
    problems: list[Problem]


def id_column(table: FoundTable) -> int | None:
    """The index of the exchange workbook's record-id column in ``table``, or None."""
    for column in table.columns:
        if column.field is None and fold(column.header) in _ID_WORDS:
            return column.index
    return None


def _cell_text(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _rows_to_report(values: list[dict[str, object]], problems: list[list[Problem]],
                    required: list[Field]) -> list[int]:
    """The positions of the rows that have problems or lack a required value, in order."""
    positions = {i for i, row_problems in enumerate(problems) if row_problems}
    for field in required:
        positions.update(itertools.compress(itertools.count(),
                                            map(records.is_blank, map(operator.methodcaller("get", field.key), values))))
    return sorted(positions)


def coerce_table(sheet: Sheet, table: FoundTable, *, reference: Reference, file: str, notes: list[Problem],
                 chunk_rows: int = CHUNK_ROWS) -> Iterator[CoercedRows]:
    """The table's data rows (vertically merged cells filled down), coerced, ``chunk_rows`` at a time."""
    entity = schema.entity(table.list_key)
    coercer = RowCoercer(entity, table, reference=reference, file=file)
    labels = {c.field: f"{c.letter} {c.header}".strip() for c in table.field_columns}
    required = [f for f in entity.fields if f.required]
    id_index = id_column(table)
    numbers: list[int] = []
    cells: list[list[CellValue]] = []

    def chunk() -> CoercedRows:
        values, problems = coercer.coerce_many(cells, numbers, notes=notes)
        found: list[Problem] = []
        for position in _rows_to_report(values, problems, required):  # the others have nothing to report
            row_values, row_problems = values[position], problems[position]
            reported = {p.field for p in row_problems} if row_problems else set()
            found += row_problems
            found += [Problem(file, table.sheet_name, numbers[position], labels.get(f.key, f.zh), None,
                              "record.required", {"field": f.zh}, f.key)
                      for f in required if f.key not in reported and records.is_blank(row_values.get(f.key))]
        ids: list[str | None] = [None] * len(cells)
        if id_index is not None:
            ids = [_cell_text(row[id_index]) if id_index < len(row) else None for row in cells]
        keys = [matching.natural_key(entity, row_values) for row_values in values]
        return CoercedRows(table.sheet_name, table.list_key, list(numbers), values, ids, keys, found)

    for number, row in iter_data(sheet, table):
        numbers.append(number)
        cells.append(row)
        if len(numbers) >= chunk_rows:
            yield chunk()
            numbers.clear()
            cells.clear()
    if numbers:
        yield chunk()
