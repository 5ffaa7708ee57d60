"""Schema-driven value coercion: every cell of a found table to the Python form ``records.check_field`` expects.

MONEY → float 万元 · DATE → "2026-03" / "2026-03-15" · ENUM → canonical vocabulary value · REFERENCE → district or
industry code (an unknown industry stays as written, with a note) · BOOLEAN → bool · TAGS → list · INTEGER → int ·
NUMBER/AREA/PERCENT → float · TEXT → str. Blank cells give None. A value that cannot be read is a problem (a message
code and params carrying the raw value), never a guess. The rules per type live in coerce_money, coerce_dates and
coerce_text; this module picks a coercer per column once and runs it over every row.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping, Sequence, Set
from typing import Final

from gzdesk.core.excel.coerce_base import Coerced, Coercer, ColumnCoercer, Issue
from gzdesk.core.excel.coerce_dates import date_coercer
from gzdesk.core.excel.coerce_money import money_coercer, number_coercer, plain_money_column
from gzdesk.core.excel.coerce_text import (
    boolean_coercer,
    enum_coercer,
    plain_text_column,
    reference_coercer,
    tags_coercer,
    text_coercer,
)
from gzdesk.core.excel.model import CellValue
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table import FoundTable
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Entity, Field, FieldType

__all__ = ["Coerced", "Issue", "Problem", "RowCoercer", "coerce_row", "coerce_value", "make_coercer"]

T = FieldType
_MEMO_LIMIT: Final = 20_000  # distinct raw strings remembered per vocabulary/reference column


def make_coercer(field: Field, *, unit: str | None, reference: Reference, date1904: bool = False,
                 is_percent_format: bool = False, learned: Mapping[str, str] | None = None) -> Coercer:
    """The coercer for one column: ``CellValue -> value | Coerced`` (a :class:`Coerced` only for problems/notes).

    ``unit`` is the column's unit (header or sheet line); ``learned`` maps folded raw words to the values a clerk
    chose earlier for this field (vocabulary values or district/industry codes)."""
    kind = field.type
    coercer: Coercer
    if kind is T.MONEY:
        return _memoised(money_coercer(field, unit), column=plain_money_column(unit))
    if kind in (T.NUMBER, T.AREA, T.PERCENT, T.INTEGER):
        return _memoised(number_coercer(field, unit, is_percent_format=is_percent_format))
    if kind is T.DATE:
        return _memoised(date_coercer(date1904=date1904))
    if kind is T.TAGS:
        return tags_coercer(field, learned)
    if kind is T.ENUM:
        coercer = enum_coercer(field, learned)
    elif kind is T.REFERENCE:
        coercer = reference_coercer(field, reference, learned)
    elif kind is T.BOOLEAN:
        coercer = boolean_coercer(field)
    else:  # parks, units, officials, stock phrases repeat
        return _memoised(text_coercer(field), column=plain_text_column(field))
    return _memoised(coercer)


class _Memoised:
    """A coercer with its results for text and date cells remembered: district, stage, month, date and amount-as-text
    columns repeat a few values. Results are immutable (str, float, int, bool, None or a frozen Coerced), so sharing
    is safe; tags (lists) are never memoised. Numbers are not (1, 1.0 and True are equal keys but different cells).
    :meth:`RowCoercer.coerce_many` reads :attr:`memo` directly, and first tries :attr:`column` (the coercer's
    :data:`ColumnCoercer`, when it has one) on a whole column."""

    __slots__ = ("coercer", "column", "memo")

    def __init__(self, coercer: Coercer, column: ColumnCoercer | None = None) -> None:
        self.coercer, self.column = coercer, column
        self.memo: dict[object, object] = {}

    def __call__(self, raw: CellValue) -> object:
        kind = type(raw)
        if kind is str or kind is dt.date or kind is dt.datetime:
            found = self.memo.get(raw, _MISSING)
            if found is not _MISSING:
                return found
            result = self.coercer(raw)
            if len(self.memo) < _MEMO_LIMIT:
                self.memo[raw] = result
            return result
        return self.coercer(raw)


_MISSING = object()


def _memoised(coercer: Coercer, *, column: ColumnCoercer | None = None) -> Coercer:
    return _Memoised(coercer, column)


def _coerce_column(coercer: Coercer, column: Sequence[CellValue]) -> list[object]:
    """``[coercer(raw) for raw in column]``, cheaper: a column its :data:`ColumnCoercer` takes at once; a blank cell
    is None for every field type (no problem, no note), and a remembered value is looked up without calling the
    coercer (only text and dates are ever remembered, so a number never finds one)."""
    if isinstance(coercer, _Memoised):
        if coercer.column is not None and (whole := coercer.column(column)) is not None:
            return whole
        get = coercer.memo.get
        return [None if raw is None else found if (found := get(raw, _MISSING)) is not _MISSING else coercer(raw)
                for raw in column]
    if None in column:
        return [None if raw is None else coercer(raw) for raw in column]
    return list(map(coercer, column))


def coerce_value(field: Field, raw: CellValue, *, unit: str | None, reference: Reference, date1904: bool = False,
                 is_percent_format: bool = False, learned: Mapping[str, str] | None = None) -> Coerced:
    """One cell: its value, or the problem with it, and any notes (see the module docstring)."""
    result = make_coercer(field, unit=unit, reference=reference, date1904=date1904,
                          is_percent_format=is_percent_format, learned=learned)(raw)
    return result if isinstance(result, Coerced) else Coerced(result)


class RowCoercer:
    """The per-column coercers of one found table, built once and run on every data row."""

    def __init__(self, entity: Entity, table: FoundTable, *, reference: Reference, file: str = "",
                 date1904: bool = False, percent_columns: Set[int] = frozenset(),
                 learned: Mapping[str, Mapping[str, str]] | None = None) -> None:
        if entity.key != table.list_key:
            raise ValueError(f"the table holds {table.list_key!r}, not {entity.key!r}")
        self.entity, self.table, self.reference, self.file = entity, table, reference, file
        self.date1904, self.percent_columns, self.learned = date1904, percent_columns, learned
        self.plan: list[tuple[int, str, Coercer, str]] = []
        for column in table.field_columns:
            field = entity.field(column.field)  # type: ignore[arg-type]
            coercer = make_coercer(field, unit=column.unit, reference=reference, date1904=date1904,
                                   is_percent_format=column.index in percent_columns,
                                   learned=(learned or {}).get(field.key))
            label = f"{column.letter} {column.header}".strip()
            self.plan.append((column.index, field.key, coercer, label))

    def coerce(self, row_values: list[CellValue], *, row: int,
               notes: list[Problem] | None = None) -> tuple[dict[str, object], list[Problem]]:
        """``(values, problems)`` for one data row (sheet row ``row``, 1-based). ``values`` holds every mapped field
        (None for a blank cell) except those with a problem; notes go to ``notes`` when a list is given."""
        values: dict[str, object] = {}
        problems: list[Problem] = []
        width = len(row_values)
        for index, key, coercer, label in self.plan:
            raw = row_values[index] if index < width else None
            result = coercer(raw)
            if not isinstance(result, Coerced):
                values[key] = result
                continue
            if result.problem is None:
                values[key] = result.value
            else:
                problems.append(self._problem(row, label, raw, key, result.problem, "error"))
            if notes is not None:
                notes.extend(self._problem(row, label, raw, key, issue, "note") for issue in result.notes)
        return values, problems

    def coerce_many(self, rows: Sequence[Sequence[CellValue]], numbers: Sequence[int], *,
                    notes: list[Problem] | None = None) -> tuple[list[dict[str, object]], list[list[Problem]]]:
        """:meth:`coerce` for many rows at once (``rows[i]`` is sheet row ``numbers[i]``): the values of each row
        and the problems of each row, with the notes appended to ``notes`` in the order :meth:`coerce` gives them.

        Column by column: each column's cells go through its coercer in one ``map`` and the rows are assembled
        with ``zip``, so the per-cell cost is the coercer alone (about half the time of row-by-row calls)."""
        problems: list[list[Problem]] = [[] for _ in rows]
        if not self.plan:
            return [{} for _ in rows], problems
        positions = [index for index, _, _, _ in self.plan]
        width = max(positions) + 1
        padded = [row if len(row) >= width else [*row, *([None] * (width - len(row)))] for row in rows]
        columns: list[Sequence[CellValue]] = [[row[positions[0]] for row in padded]] if len(positions) == 1 else \
            list(zip(*map(operator.itemgetter(*positions), padded), strict=True)) if padded else [() for _ in positions]
        results = [_coerce_column(coercer, column) for (_, _, coercer, _), column in zip(self.plan, columns, strict=True)]
        keys = [key for _, key, _, _ in self.plan]
        values = [dict(zip(keys, row, strict=True)) for row in zip(*results, strict=True)] if rows else []
        found: list[tuple[int, int, Problem]] = []  # notes, to be put in row order
        for column_position, column_results in enumerate(results):
            if not any(issubclass(kind, Coerced) for kind in set(map(type, column_results))):
                continue
            _, key, _, label = self.plan[column_position]
            for position, result in enumerate(column_results):
                if not isinstance(result, Coerced):
                    continue
                raw, number = columns[column_position][position], numbers[position]
                if result.problem is None:
                    values[position][key] = result.value
                else:
                    del values[position][key]
                    problems[position].append(self._problem(number, label, raw, key, result.problem, "error"))
                if notes is not None:
                    found.extend((position, column_position, self._problem(number, label, raw, key, issue, "note"))
                                 for issue in result.notes)
        if notes is not None:
            found.sort(key=lambda item: (item[0], item[1]))  # stable: a cell's notes keep their order
            notes.extend(problem for _, _, problem in found)
        return values, problems  # a row's problems were gathered column by column: in plan order

    def _problem(self, row: int, label: str, raw: CellValue, key: str, issue: Issue, severity: str) -> Problem:
        return Problem(self.file, self.table.sheet_name, row, label, raw, issue.code, issue.params, key, severity)


_last: list[RowCoercer] = []


def coerce_row(entity: Entity, table: FoundTable, row_values: list[CellValue], *, row: int, reference: Reference,
               file: str = "", date1904: bool = False, percent_columns: Set[int] = frozenset(),
               learned: Mapping[str, Mapping[str, str]] | None = None,
               notes: list[Problem] | None = None) -> tuple[dict[str, object], list[Problem]]:
    """``(values, problems)`` for one data row of ``table``; see :meth:`RowCoercer.coerce`.

    The column coercers are built once and reused while the same table, entity, reference and options are passed
    (identity), so calling this for each of 50,000 rows costs no more than holding a :class:`RowCoercer`."""
    cached = _last[0] if _last else None
    if (cached is None or cached.table is not table or cached.entity is not entity or cached.reference is not reference
            or cached.file != file or cached.date1904 != date1904 or cached.percent_columns != percent_columns
            or cached.learned is not learned):
        cached = RowCoercer(entity, table, reference=reference, file=file, date1904=date1904,
                            percent_columns=percent_columns, learned=learned)
        _last[:] = [cached]
    return cached.coerce(row_values, row=row, notes=notes)
