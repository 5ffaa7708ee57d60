"""RELIABILITY.md T25–T31 end to end: every bad cell is its own located problem, nothing partial is stored."""

from __future__ import annotations

import hashlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook

from gzdesk.core.errors import DecisionNeeded
from gzdesk.core.exchange.meta import ID_HEADER
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store
from tests.core.excel import hostile

HEADER = ["项目名称", "所属区", "签约时间", "协议投资额（万元）", "统一社会信用代码", "备注"]


def text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def number(ref: str, value: float, style: int | None = None) -> str:
    return f'<c r="{ref}"{f" s={chr(34)}{style}{chr(34)}" if style is not None else ""}><v>{value}</v></c>'


def row(number_: int, *cells: str) -> str:
    return f'<row r="{number_}">{"".join(cells)}</row>'


def header_row() -> str:
    return row(1, *(text(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)))


def problems_by_row(store: Store, path: Path) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for p in plan_import(store, path).problems:
        found.setdefault(p.row, set()).add(p.code)
    return found


def test_t25_over_long_cell_rejects_its_row_and_holds_the_rest(store: Store, tmp_path: Path) -> None:
    body = header_row() + row(2, text("A2", "好项目"), text("B2", "天河区")) + row(
        3, text("A3", "长项目"), text("B3", "天河区"), text("F3", "长" * 32_768))
    path = hostile.one_sheet(tmp_path / "long.xlsx", body)
    plan = plan_import(store, path)
    (problem,) = plan.problems
    assert (problem.row, problem.column.split()[0], problem.code) == (3, "F", "coerce.text.too_long")
    assert "32768" in problem.message("zh").replace(",", "")
    with pytest.raises(DecisionNeeded):
        apply_import(store, plan)
    assert store.count("investment") == 0


def test_t26_dates(store: Store, tmp_path: Path) -> None:
    date = hostile.DATE_STYLE
    cells = {
        2: number("C2", -5, date), 3: number("C3", 0, date), 4: number("C4", 3_000_000, date),
        5: number("C5", 1e308, date), 6: number("C6", 60, date), 7: '<c r="C7" t="d"><v>2024-13-45</v></c>',
        8: text("C8", "2024年3月1日"), 9: text("C9", "2024.3.1"), 10: text("C10", "3/1/2024"), 11: number("C11", 45000, date),
    }
    body = header_row() + "".join(row(r, text(f"A{r}", f"项目{r}"), text(f"B{r}", "天河区"), cell)
                                  for r, cell in cells.items())
    plan = plan_import(store, hostile.one_sheet(tmp_path / "dates.xlsx", body))
    bad = {p.row for p in plan.problems}
    assert bad == {2, 3, 4, 5, 6, 7, 10}
    assert all(p.column.startswith("C") for p in plan.problems)
    good = {r.row: r.values["signed_on"] for r in plan.new}
    assert good == {8: "2024-03-01", 9: "2024-03-01", 11: "2023-03-15"}
    assert "#VALUE!" not in str(good) and "00:00" not in str(good)


def test_t27_formula_cells(store: Store, tmp_path: Path) -> None:
    body = header_row() + "".join([
        row(2, text("A2", "缓存值"), text("B2", "天河区"), '<c r="D2"><f>100*2</f><v>200</v></c>'),
        row(3, text("A3", "无缓存"), text("B3", "天河区"), '<c r="D3"><f>100*2</f></c>'),
        row(4, text("A4", "错误值"), text("B4", "天河区"), '<c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        row(5, text("A5", "NA"), text("B5", "天河区"), '<c r="D5" t="e"><v>#N/A</v></c>'),
    ])
    plan = plan_import(store, hostile.one_sheet(tmp_path / "formulas.xlsx", body))
    assert {r.row: r.values["agreed_investment"] for r in plan.new} == {2: 200}
    messages = {p.row: p.message("zh") for p in plan.problems}
    assert set(messages) == {3, 4, 5} and "保存" in messages[3]
    assert "#DIV/0!" in messages[4] and "#N/A" in messages[5]


def test_t28_hidden_rows_are_imported_and_said_other_sheets_ignored(store: Store, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(HEADER)
    for i in range(5):
        ws.append([f"项目{i}", "天河区"])
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["F"].hidden = True
    hidden = wb.create_sheet("旧数据")
    hidden.append(HEADER)
    hidden.append(["不应导入", "天河区"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "hidden.xlsx")
    plan = plan_import(store, tmp_path / "hidden.xlsx")
    (table,) = plan.tables
    assert len(plan.new) == 5 and table.hidden_rows == 1
    assert [s.reason_code for s in plan.skipped_sheets] == ["table.sheet.hidden"]


def test_t29_dirty_strings_are_cleaned_and_said(store: Store, tmp_path: Path) -> None:
    body = header_row() + row(2, text("A2", "\u200b脏\u3000字符项目\ufeff "), text("B2", " 天河区\u00a0"),
                              text("D2", "１２３４"), text("F2", "备注_x0007_内_x0000_容"))
    plan = plan_import(store, hostile.one_sheet(tmp_path / "dirty.xlsx", body))
    (record,) = plan.new
    assert record.values["agreed_investment"] == 1234 and record.values["district"] == "440106"
    assert "\u200b" not in str(record.values["name"]) and "\ufeff" not in str(record.values["name"])
    assert record.values["notes"] == "备注内容"
    assert plan.notes  # every change is shown


def test_t30_long_numbers_and_lost_zeros_are_flagged_never_matched(store: Store, tmp_path: Path) -> None:
    store.create("investment", {"name": "已有项目", "district": "440106", "credit_code": "91350100M000100Y43"})
    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append(["已有项目", "天河区", None, None, 1.10105194912310e17])
    wb.save(tmp_path / "float.xlsx")
    plan = plan_import(store, tmp_path / "float.xlsx")
    (problem,) = plan.problems
    assert problem.code == "coerce.key.number_too_long" and problem.column.startswith("E")
    assert plan.updates == () and plan.matched == ()
    assert "15" in problem.message("zh")


def test_t31_same_id_twice_is_an_error_on_both_rows_and_same_file_twice_is_a_no_op(store: Store,
                                                                                     tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append([ID_HEADER, *HEADER])
    wb.active.append(["a1b2", "项目甲", "天河区"])
    wb.active.append(["a1b2", "项目乙", "天河区"])
    wb.active.append(["", "项目丙", "天河区"])
    wb.save(tmp_path / "ids.xlsx")
    plan = plan_import(store, tmp_path / "ids.xlsx")
    assert sorted((p.row, p.code) for p in plan.problems) == [(2, "import.duplicate_id"), (3, "import.duplicate_id")]
    first = apply_import(store, plan, skip_invalid=True)
    assert store.count("investment") == 1
    database = store.path.read_bytes()
    digest = hashlib.sha256(database).hexdigest()
    again = plan_import(store, tmp_path / "ids.xlsx")
    assert again.already_imported is not None and again.already_imported.id == first.batch
    assert apply_import(store, again, skip_invalid=True).no_op
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == digest
