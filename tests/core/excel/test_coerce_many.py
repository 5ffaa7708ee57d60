"""RowCoercer.coerce_many (column by column) gives exactly what RowCoercer.coerce gives row by row: the same values,
the same problems per row and the same notes in the same order — for any cells."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gzdesk.core import schema
from gzdesk.core.excel.coerce import RowCoercer
from gzdesk.core.excel.model import CellError, CellValue, Sheet
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table import FoundTable, find_table
from gzdesk.core.reference import Reference, seed_districts, seed_industries

REFERENCE = Reference(seed_districts(), seed_industries())
HEADER = ["序号", "项目名称", "所属区", "产业分类", "协议投资额（万元）", "签约时间", "当前阶段", "是否外资", "企业标签",
          "就业", "用地（亩）", "项目编号", "统一社会信用代码", "最新进展"]

_TEXTS = ["", " ", "-", "无", "#N/A", "天河区", "黄埔", "火星区", "集成电路", "元宇宙", "1.2亿", "3000万", "约5亿元",
          "５００万美元", "2026年3月", "2026/3/15", "3/1/2024", "签约", "洽谈中", "基本完成", "是", "否", "x",
          "上市公司、链主", "上市公司/不存在", "18亩", "2公顷", "12人", "GZ-0001", "ＧＺ－０００２",
          "91440101MA59UQXX1K", "一\r\n二\x00", "\ufeff项目\u200b", "1e400", "-5"]
CELLS = st.one_of(
    st.none(), st.sampled_from(_TEXTS), st.text(max_size=6),
    st.floats(allow_nan=True, allow_infinity=True, width=32), st.integers(-10, 10**16), st.booleans(),
    st.dates(dt.date(1890, 1, 1), dt.date(2300, 1, 1)),
    st.datetimes(dt.datetime(1899, 1, 1), dt.datetime(2300, 1, 1)),
    st.sampled_from([CellError("#N/A"), CellError("no_cached_value"), CellError("bad_date")]),
)


def _table() -> FoundTable:
    found = find_table(Sheet("招商", [list(HEADER), [1, "甲项目", "天河区"]]), reference=REFERENCE)
    assert isinstance(found, FoundTable) and found.list_key == "investment"
    assert len(found.field_columns) == len(HEADER) - 1
    return found


TABLE = _table()


def _one_by_one(rows: list[list[CellValue]], numbers: list[int]
                ) -> tuple[list[dict[str, object]], list[list[Problem]], list[Problem]]:
    coercer = RowCoercer(schema.entity("investment"), TABLE, reference=REFERENCE, file="f.xlsx")
    notes: list[Problem] = []
    values, problems = [], []
    for row, number in zip(rows, numbers, strict=True):
        row_values, row_problems = coercer.coerce(row, row=number, notes=notes)
        values.append(row_values)
        problems.append(row_problems)
    return values, problems, notes


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), min_size=0, max_size=12))
def test_column_by_column_equals_row_by_row(rows: list[list[CellValue]]) -> None:
    numbers = list(range(2, 2 + len(rows)))
    expected_values, expected_problems, expected_notes = _one_by_one(rows, numbers)
    coercer = RowCoercer(schema.entity("investment"), TABLE, reference=REFERENCE, file="f.xlsx")
    notes: list[Problem] = []
    values, problems = coercer.coerce_many(rows, numbers, notes=notes)
    assert values == expected_values
    assert problems == expected_problems
    assert notes == expected_notes


def test_remembered_texts_are_shared_between_chunks_but_tags_are_not() -> None:
    coercer = RowCoercer(schema.entity("investment"), TABLE, reference=REFERENCE, file="f.xlsx")
    tags = HEADER.index("企业标签")
    rows: list[list[CellValue]] = [[None] * len(HEADER) for _ in range(2)]
    for row in rows:
        row[HEADER.index("所属区")] = "天河区"
        row[tags] = "上市公司、链主"
    first, _ = coercer.coerce_many(rows[:1], [2])
    second, _ = coercer.coerce_many(rows[1:], [3])
    assert first[0]["district"] == second[0]["district"] == "440106"
    assert first[0]["tags"] == second[0]["tags"] and first[0]["tags"] is not second[0]["tags"]
