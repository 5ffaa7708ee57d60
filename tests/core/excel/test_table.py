"""Finding the table in messy sheets built in code as model.Sheet objects (no files needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gzdesk.core.excel.model import CellValue, FileKind, Merge, Sheet, Workbook
from gzdesk.core.excel.table import (
    FoundTable,
    SkippedRow,
    SkippedSheet,
    find_table,
    find_tables,
    iter_data,
    scan_workbook,
)
from gzdesk.core.reference import Reference, seed_districts, seed_industries

REFERENCE = Reference(seed_districts(), seed_industries())
INVESTMENT_HEAD: list[CellValue] = ["序号", "项目名称", "企业名称", "所属区", "产业分类", "协议投资额", "当前阶段", "签约时间", "备注"]


def sheet(rows: list[list[CellValue]], name: str = "Sheet1", **options: object) -> Sheet:
    return Sheet(name, rows, **options)  # type: ignore[arg-type]


def found(target: Sheet, **options: object) -> FoundTable:
    result = find_table(target, reference=REFERENCE, **options)  # type: ignore[arg-type]
    assert isinstance(result, FoundTable), result
    return result


def project(seq: int, name: str = "", district: str = "天河区", amount: CellValue = 1.5) -> list[CellValue]:
    return [seq, name or f"项目{seq}", f"企业{seq}", district, "人工智能", amount, "在谈", dt.date(2025, 6, seq), None]


def reasons(table: FoundTable) -> dict[int, str]:
    return {skipped.row: skipped.reason_code.removeprefix("table.row.") for skipped in table.skipped}


def test_ledger_with_title_office_unit_totals_and_notes() -> None:
    rows: list[list[CellValue]] = [
        ["天河区2026年招商引资重点项目台账"] + [None] * 8,
        ["填报单位：天河区投资促进局    单位：亿元"] + [None] * 8,
        INVESTMENT_HEAD,
        ["合计", None, None, None, None, 4.5, None, None, None],
        project(1), project(2), project(3),
        ["合 计", None, None, None, None, 4.5, None, None, None],
        ["填报说明：", None, None, None, None, None, None, None, None],
        ["1. 金额单位为亿元", None, None, None, None, None, None, None, None],
        ["填表人：张三    审核人：李四    联系电话：020-12345678"] + [None] * 8,
    ]
    merges = (Merge(0, 0, 0, 8), Merge(1, 0, 1, 8), Merge(3, 0, 3, 1))
    table = found(sheet(rows, "2026年招商项目", merges=merges))
    assert table.list_key == "investment"
    assert table.header_rows == (3,)
    assert table.data_rows == (5, 6, 7)
    assert reasons(table) == {4: "total", 8: "total", 9: "note", 10: "note", 11: "note"}
    assert table.office == "天河区投资促进局"
    assert table.unit == "亿元"
    assert table.title == "天河区2026年招商引资重点项目台账"
    assert table.column("agreed_investment").unit == "亿元"  # type: ignore[union-attr]
    assert table.column("signed_on").unit is None  # type: ignore[union-attr]
    sequence = table.columns[0]
    assert (sequence.kind, sequence.field) == ("sequence", None)
    assert table.unmapped_columns == ()
    assert table.score == 8


def test_two_level_merged_header_flattens_and_inherits_the_unit() -> None:
    rows: list[list[CellValue]] = [
        ["海珠区重点项目进度表（单位：亿元）", None, None, None, None, None, None],
        ["序号", "项目名称", "所属区", "投资额（万元）", None, None, "项目进展"],
        [None, None, None, "计划总投资", "年度计划", "累计完成投资", None],
        [1, "甲项目", "海珠区", 1000, 200, 150, "已开工"],
        [2, "乙项目", "海珠区", 3000, 500, 0, "在谈"],
    ]
    merges = (Merge(0, 0, 0, 6), Merge(1, 0, 2, 0), Merge(1, 1, 2, 1), Merge(1, 2, 2, 2), Merge(1, 3, 1, 5),
              Merge(1, 6, 2, 6))
    table = found(sheet(rows, merges=merges))
    assert table.header_rows == (2, 3)
    assert table.data_rows == (4, 5)
    total = table.column("total_investment")
    assert total is not None
    assert total.header == "投资额（万元）/计划总投资"
    assert total.unit == "万元"  # the top header's unit beats the title's 亿元
    assert table.column("annual_plan").unit == "万元"  # type: ignore[union-attr]
    assert table.column("completed_investment").letter == "F"  # type: ignore[union-attr]
    assert table.column("latest_progress").header == "项目进展"  # type: ignore[union-attr]
    assert table.unit == "亿元"


def test_two_level_header_without_merge_information_uses_top_plus_sub() -> None:
    rows: list[list[CellValue]] = [
        ["项目名称", "所在区", "计划", None, "实际", None],
        [None, None, "开工", "投产", "开工", "投产"],
        ["扩产项目", "黄埔区", "2026-05", "2027-03", None, None],
    ]
    table = found(sheet(rows), list_hint="expansion")
    assert table.header_rows == (1, 2)
    assert [c.field for c in table.columns] == ["name", "district", "planned_start", "planned_production",
                                                "actual_start", "actual_production"]
    assert table.columns[3].header == "计划/投产"
    assert table.data_rows == (3,)


def test_sections_blank_rows_examples_and_repeated_header() -> None:
    rows: list[list[CellValue]] = [
        INVESTMENT_HEAD,
        ["示例", "XX智能制造项目", "XX公司", "天河区", "人工智能", 1, "在谈", None, None],
        ["一、续建项目", None, None, None, None, None, None, None, None],
        project(1),
        [None, "", "  ", None, None, None, None, None, None],
        ["（一）新开工项目", None, None, None, None, 2.0, None, None, None],
        project(2),
        ["黄埔区", None, None, None, None, None, None, None, None],
        INVESTMENT_HEAD,
        project(3, district="黄埔区"),
        ["小计", None, None, None, None, 3.0, None, None, None],
        [4, None, None, None, None, None, None, None, None],
        ["例：", "某某项目（示例）", None, None, None, None, None, None, None],
        ["其中：外资项目", None, None, None, None, None, None, None, None],
        project(5, name="外资项目（一期）"),
    ]
    table = found(sheet(rows))
    assert table.data_rows == (4, 7, 10, 15)
    assert reasons(table) == {2: "example", 3: "section", 5: "blank", 6: "section", 8: "section",
                              9: "repeated_header", 11: "total", 12: "blank", 13: "example", 14: "section"}


def test_merged_group_row_is_a_section_inside_and_a_note_below_the_data() -> None:
    rows: list[list[CellValue]] = [
        INVESTMENT_HEAD,
        ["续建项目"] + [None] * 8,
        project(1),
        ["本表数据截至2026年3月31日，由区投资促进局汇总"] + [None] * 8,
    ]
    merges = (Merge(1, 0, 1, 8), Merge(3, 0, 3, 8))
    table = found(sheet(rows, merges=merges))
    assert reasons(table) == {2: "section", 4: "note"}
    assert table.data_rows == (3,)


def test_total_row_in_english_and_total_with_count() -> None:
    rows: list[list[CellValue]] = [
        ["Project", "District", "Industry", "Contract amount (10k CNY)", "Contract date", "Stage", "Transfer mode"],
        ["Total", None, None, 2000, None, None, None],
        ["Robot hand", "Huangpu", "AI", 1500, dt.date(2025, 8, 21), "Pilot", "License"],
        ["合计（共1个项目）", None, None, 1500, None, None, None],
    ]
    table = found(sheet(rows, "Tech transfer"))
    assert table.list_key == "tech_transfer"
    assert reasons(table) == {2: "total", 4: "total"}
    assert table.column("contract_amount").unit == "万元"  # type: ignore[union-attr]


def test_hidden_rows_are_taken_and_counted() -> None:
    rows: list[list[CellValue]] = [INVESTMENT_HEAD, project(1), project(2), project(3)]
    table = found(sheet(rows, hidden_rows=frozenset({2}), hidden_columns=frozenset({4})))
    assert table.data_rows == (2, 3, 4)
    assert table.hidden_rows == 1
    assert table.hidden_data_rows == (3,)
    assert table.hidden_columns == (4,)


def test_vertically_merged_data_cells_are_filled_down_and_listed() -> None:
    rows: list[list[CellValue]] = [INVESTMENT_HEAD, project(1), project(2, district=""), project(3, district="")]
    rows[2][3] = rows[3][3] = None
    target = sheet(rows, merges=(Merge(1, 3, 3, 3),))
    table = found(target)
    assert [(c.row, c.column, c.source_row) for c in table.filled_cells] == [(3, 3, 2), (4, 3, 2)]
    districts = [values[3] for _, values in iter_data(target, table)]
    assert districts == ["天河区", "天河区", "天河区"]
    assert target.rows[2][3] is None  # the sheet itself is not changed


def test_header_below_a_block_of_text_and_a_units_row() -> None:
    rows: list[list[CellValue]] = [
        ["关于报送2026年第一季度增资扩产项目的通知"],
        ["请各单位于4月5日前报送。"],
        [],
        ["填报单位（盖章）：黄埔区科技工业和信息化局", None, None, "填报日期：2026年4月1日"],
        ["企业名称", "项目名称", "所在区", "新增投资", "新增用地", "计划开工"],
        [None, None, None, "亿元", "亩", None],
        ["甲公司", "甲项目", "黄埔区", 1.2, 30, "2026年5月"],
    ]
    table = found(sheet(rows))
    assert table.list_key == "expansion"
    assert table.header_rows == (5,)
    assert reasons(table) == {6: "units"}
    assert table.data_rows == (7,)
    assert table.office == "黄埔区科技工业和信息化局"
    assert table.column("new_investment").unit == "亿元"  # type: ignore[union-attr]
    assert table.column("land_area").unit == "亩"  # type: ignore[union-attr]
    assert table.title == "关于报送2026年第一季度增资扩产项目的通知"


@pytest.mark.parametrize(("header", "field", "unit"), [
    ("总投资（万元）", "total_investment", "万元"),
    ("总投资[亿元]", "total_investment", "亿元"),
    ("总投资【亿元】", "total_investment", "亿元"),
    ("计划总投资(亿元)", "total_investment", "亿元"),
    ("*项目名称", "name", None),
    ("项目名称\n（全称）", "name", None),
    ("签约时间(年月日)", "signed_on", None),
    ("协议投资额/亿元", "agreed_investment", "亿元"),
    ("协议投资额（单位：万元）", "agreed_investment", "万元"),
    ("Total investment (10k CNY)", "total_investment", "万元"),
    ("累计到资（万美元）", "funds_arrived", "万美元"),
    ("用地（公顷）", "land_area", "公顷"),
    ("协议投资额\nAgreed investment (10k CNY)", "agreed_investment", "万元"),
    ("所属区 / District", "district", None),
])
def test_header_wordings_and_units(header: str, field: str, unit: str | None) -> None:
    rows: list[list[CellValue]] = [["项目名称", "企业名称", "当前阶段", "投资方属地", header] if field != "name"
                                   else [header, "企业名称", "当前阶段", "投资方属地"]]
    table = found(sheet([*rows, ["甲项目", "甲公司", "在谈", "省外", 1]]), list_hint="investment")
    column = table.column(field)
    assert column is not None
    assert (column.header, column.unit) == (header, unit)


def test_sheet_unit_applies_to_money_columns_without_their_own_unit() -> None:
    rows: list[list[CellValue]] = [
        ["单位：亿元", None, None, None],
        ["项目名称", "所属区", "总投资（万元）", "协议投资额", "用地"],
        ["甲项目", "天河区", 5000, 1.2, 30],
    ]
    table = found(sheet(rows), list_hint="investment")
    assert table.column("total_investment").unit == "万元"  # type: ignore[union-attr]
    assert table.column("agreed_investment").unit == "亿元"  # type: ignore[union-attr]
    assert table.column("land_area").unit is None  # type: ignore[union-attr]


def test_unmapped_duplicate_and_headerless_columns_are_reported() -> None:
    rows: list[list[CellValue]] = [
        ["项目名称", "所属区", "当前阶段", "自定义指标", "项目名称", None],
        ["甲项目", "天河区", "在谈", "x", "甲项目", "无表头的数据"],
    ]
    table = found(sheet(rows), list_hint="investment")
    kinds = {c.letter: c.kind for c in table.columns}
    assert kinds == {"A": "field", "B": "field", "C": "field", "D": "unmapped", "E": "duplicate", "F": "unmapped"}
    assert table.unmapped_columns == (3, 4, 5)


def test_list_is_chosen_by_its_own_columns_and_list_hint_forces_one() -> None:
    rows: list[list[CellValue]] = [
        ["企业名称", "项目名称", "所在区", "扩产类型", "新增投资（万元）", "计划开工"],
        ["甲公司", "甲项目", "黄埔区", "技改", 4800, "2026-04"],
    ]
    assert found(sheet(rows)).list_key == "expansion"
    forced = found(sheet(rows), list_hint="investment")
    assert forced.list_key == "investment"
    assert forced.column("new_investment") is None
    with pytest.raises(KeyError):
        find_table(sheet(rows), reference=REFERENCE, list_hint="enterprise")


def test_sheet_name_breaks_a_tie_between_lists() -> None:
    rows: list[list[CellValue]] = [["项目名称", "所属区", "企业名称"], ["甲项目", "黄埔区", "甲公司"]]
    assert found(sheet(rows, "增资扩产项目")).list_key == "expansion"
    assert found(sheet(rows, "成果转化")).list_key == "tech_transfer"


def test_workbook_with_two_lists_instructions_hidden_and_meta_sheets() -> None:
    investment = sheet([INVESTMENT_HEAD, project(1)], "招商项目")
    expansion = sheet([["企业名称", "项目名称", "所在区", "扩产类型", "新增投资"],
                       ["甲公司", "甲项目", "黄埔区", "技改", 4800]], "增资扩产")
    instructions = sheet([["填报说明"], ["项目名称", "填写项目全称"], ["所属区", "填写所在区"]], "填报说明")
    hidden = sheet([INVESTMENT_HEAD, project(1)], "旧表", visible=False)
    meta = sheet([["format_version", 1]], "_meta", visible=False)
    chart = sheet([["图表数据"], [1, 2, 3]], "图表")
    empty = sheet([[None, ""]], "Sheet3")
    workbook = Workbook(Path("x.xlsx"), FileKind.XLSX,
                        (instructions, investment, expansion, hidden, meta, chart, empty))
    result = scan_workbook(workbook, reference=REFERENCE)
    assert [(t.sheet_name, t.list_key) for t in result.tables] == [("招商项目", "investment"),
                                                                   ("增资扩产", "expansion")]
    assert {s.sheet_name: s.reason_code for s in result.skipped_sheets} == {
        "填报说明": "table.sheet.instructions", "旧表": "table.sheet.hidden", "_meta": "table.sheet.hidden",
        "图表": "table.sheet.no_header", "Sheet3": "table.sheet.empty"}
    assert [t.sheet_name for t in find_tables(workbook, reference=REFERENCE)] == ["招商项目", "增资扩产"]
    assert "填报说明" in SkippedSheet("填报说明", "table.sheet.instructions").message("zh")
    assert "instructions" in SkippedSheet("填报说明", "table.sheet.instructions").message("en")


def test_visible_meta_sheet_is_skipped_as_metadata() -> None:
    result = find_table(sheet([["export_id", "abc"]], "_meta"), reference=REFERENCE)
    assert result == SkippedSheet("_meta", "table.sheet.metadata")


def test_instruction_lines_never_look_like_a_header() -> None:
    rows: list[list[CellValue]] = [["字段", "说明"], ["项目名称", "填写全称"], ["所属区", "填写区名"], ["总投资", "万元"]]
    assert find_table(sheet(rows, "Sheet2"), reference=REFERENCE) == SkippedSheet("Sheet2", "table.sheet.no_header")


def test_a_lone_name_row_is_data_but_a_lone_sequence_number_is_blank() -> None:
    rows: list[list[CellValue]] = [INVESTMENT_HEAD, [1, "只有名称的项目"], [2], project(3)]
    table = found(sheet(rows))
    assert table.data_rows == (2, 4)
    assert table.skipped == (SkippedRow(3, "table.row.blank"),)


def test_header_repeated_on_every_printed_page_keeps_the_first() -> None:
    rows: list[list[CellValue]] = [INVESTMENT_HEAD, project(1), INVESTMENT_HEAD, project(2)]
    table = found(sheet(rows))
    assert table.header_rows == (1,)
    assert table.data_rows == (2, 4)


def test_iter_data_yields_row_numbers_and_values() -> None:
    target = sheet([INVESTMENT_HEAD, project(1), [], project(2)])
    table = found(target)
    assert [(number, values[1]) for number, values in iter_data(target, table)] == [(2, "项目1"), (4, "项目2")]


def test_bilingual_header_second_row_is_skipped_and_gives_units() -> None:
    rows: list[list[CellValue]] = [
        ["项目名称", "所属区", "合同金额", "签订日期", "当前阶段"],
        ["Project", "District", "Contract amount (10k CNY)", "Contract date", "Stage"],
        ["机器人灵巧手", "黄埔区", 1500, dt.date(2025, 8, 21), "小批量试产"],
    ]
    table = found(sheet(rows), list_hint="tech_transfer")
    assert table.header_rows == (1,)
    assert reasons(table) == {2: "repeated_header"}
    assert table.data_rows == (3,)
    assert table.column("contract_amount").unit == "万元"  # type: ignore[union-attr]


cells = st.one_of(st.none(), st.text(max_size=8), st.sampled_from([*INVESTMENT_HEAD, "合计", "一、", "注：", "示例"]),
                  st.floats(allow_nan=True), st.integers(-5, 10**6), st.dates(), st.booleans())
merges = st.builds(lambda r, c, h, w: Merge(r, c, r + h, c + w), st.integers(0, 12), st.integers(0, 8),
                   st.integers(0, 3), st.integers(0, 3))


@given(st.lists(st.lists(cells, max_size=10), max_size=14), st.lists(merges, max_size=4),
       st.frozensets(st.integers(0, 14), max_size=3))
@settings(max_examples=300, deadline=None)
def test_any_sheet_gives_a_table_or_a_reason_never_an_exception(
        rows: list[list[CellValue]], merged: list[Merge], hidden: frozenset[int]) -> None:
    target = sheet(rows, merges=tuple(merged), hidden_rows=hidden)
    result = find_table(target, reference=REFERENCE)
    assert isinstance(result, FoundTable | SkippedSheet)
    if isinstance(result, FoundTable):
        assert set(result.data_rows).isdisjoint(s.row for s in result.skipped)
        assert all(number > max(result.header_rows) for number in result.data_rows)
        assert len(list(iter_data(target, result))) == len(result.data_rows)
