"""Whole-column coercion (a money column of plain floats, a text column of plain texts) and remembered dates give
exactly what coercing cell by cell gives — for any column, plain or not (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from gzdesk.core import schema
from gzdesk.core.excel.coerce import RowCoercer, _coerce_column, make_coercer
from gzdesk.core.excel.coerce_money import money_coercer, plain_money_column
from gzdesk.core.excel.coerce_text import plain_text_column, text_coercer
from gzdesk.core.excel.model import CellError, CellValue
from gzdesk.core.reference import Reference, seed_districts, seed_industries
from gzdesk.core.schema import FieldType
from tests.core.excel.test_coerce_many import CELLS, TABLE

REFERENCE = Reference(seed_districts(), seed_industries())
ENTITY = schema.entity("investment")
TEXT_FIELDS = [f for f in ENTITY.fields if f.type in (FieldType.TEXT, FieldType.LONG_TEXT)]
MONEY = next(f for f in ENTITY.fields if f.type is FieldType.MONEY)
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 1e308, 1e308, -1.0])
TEXTS = st.text(max_size=8) | st.sampled_from(["", " 天河区 ", "项目\u200b", "\x00", "a\r\nb", "x" * 300, "无", "\ufeff"])
RARE = st.sampled_from([1, True, "1.5", dt.date(2024, 1, 1), CellError("#N/A")])


def _same(one: list[object], other: list[object]) -> bool:
    return len(one) == len(other) and all(
        (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or
        (a == b and type(a) is type(b) and (not isinstance(a, float) or math.copysign(1, a) == math.copysign(1, b)))
        for a, b in zip(one, other, strict=True))


@settings(max_examples=400, deadline=None)
@given(cells=st.lists(st.none() | FLOATS | RARE, max_size=12) | st.lists(st.none() | FLOATS, max_size=12),
       unit=st.sampled_from([None, "万元", "亿元", "元", "万美元"]))
def test_a_money_column_at_once_equals_cell_by_cell(cells: list[CellValue], unit: str | None) -> None:
    column = plain_money_column(unit)
    whole = column(cells) if column is not None else None
    if whole is not None:
        assert _same(whole, [None if c is None else money_coercer(MONEY, unit)(c) for c in cells])
    if unit in (None, "万元") and cells and all(type(c) is float and 0 <= c < 1e15 for c in cells):
        assert whole is not None  # the plain case (no sum overflowing) is taken


@settings(max_examples=400, deadline=None)
@given(cells=st.lists(st.none() | TEXTS | RARE, max_size=12) | st.lists(st.none() | TEXTS, max_size=12),
       field=st.sampled_from(TEXT_FIELDS))
def test_a_text_column_at_once_equals_cell_by_cell(cells: list[CellValue], field: schema.Field) -> None:
    column = plain_text_column(field)
    whole = column(cells) if column is not None else None
    if whole is not None:
        assert whole == [None if c is None else text_coercer(field)(c) for c in cells]


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.none() | FLOATS | TEXTS | CELLS, max_size=12),
       field=st.sampled_from([MONEY, next(f for f in ENTITY.fields if f.type is FieldType.DATE), *TEXT_FIELDS[:3]]))
def test_a_column_through_its_memoised_coercer_equals_the_plain_coercer(cells: list[CellValue],
                                                                        field: schema.Field) -> None:
    memoised = make_coercer(field, unit=None, reference=REFERENCE)
    plain = make_coercer(field, unit=None, reference=REFERENCE).coercer  # type: ignore[attr-defined]
    assert _coerce_column(memoised, cells) == [None if c is None else plain(c) for c in cells]
    assert _coerce_column(memoised, cells) == [None if c is None else plain(c) for c in cells]  # remembered now


def test_dates_are_remembered_and_equal_dates_of_another_type_are_not_confused() -> None:
    coercer = make_coercer(next(f for f in ENTITY.fields if f.type is FieldType.DATE), unit=None, reference=REFERENCE)
    cells: list[CellValue] = [dt.date(2025, 1, 2), dt.datetime(2025, 1, 2, 9, 30), dt.date(2025, 1, 2),
                              dt.datetime(2025, 1, 2)]
    first, second = _coerce_column(coercer, cells), _coerce_column(coercer, cells)
    assert first == second and first[0] == first[3] == "2025-01-02" and first[1] != first[0]
    assert set(coercer.memo) == {dt.date(2025, 1, 2), dt.datetime(2025, 1, 2, 9, 30), dt.datetime(2025, 1, 2)}  # type: ignore[attr-defined]


def test_coerce_many_takes_plain_columns_at_once_with_the_same_result() -> None:
    rows: list[list[CellValue]] = [[i, f"项目{i}", "天河区", None, float(i), dt.date(2025, 1, 1 + i % 28)]
                                   for i in range(50)]
    coercer = RowCoercer(ENTITY, TABLE, reference=REFERENCE, file="f.xlsx")
    values, problems = coercer.coerce_many(rows, list(range(2, 52)))
    one = RowCoercer(ENTITY, TABLE, reference=REFERENCE, file="f.xlsx")
    assert (values, problems) == tuple(map(list, zip(*(one.coerce(r, row=n) for r, n in zip(rows, range(2, 52),
                                                                                            strict=True)),
                                                     strict=True)))
