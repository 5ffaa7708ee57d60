"""Coercing cell values to the Python form of each field type, and whole rows with located problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gzdesk.core import messages, schema
from gzdesk.core.excel.coerce import Coerced, RowCoercer, coerce_row, coerce_value
from gzdesk.core.excel.model import CellError, CellValue, FileKind, Sheet, Workbook
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table import FoundTable, find_tables, iter_data
from gzdesk.core.records import check_field
from gzdesk.core.reference import Reference, seed_districts, seed_industries
from gzdesk.core.validate import credit_code_check_digit

REFERENCE = Reference(seed_districts(), seed_industries())
INVESTMENT = schema.INVESTMENT
TECH = schema.TECH_TRANSFER
EXPANSION = schema.EXPANSION


def coerce(field_key: str, raw: CellValue, *, unit: str | None = None, entity: schema.Entity = INVESTMENT,
           **options: object) -> Coerced:
    field = entity.field(field_key)
    result = coerce_value(field, raw, unit=unit, reference=REFERENCE, **options)  # type: ignore[arg-type]
    if result.problem is None and result.value is not None:
        assert check_field(field, result.value) is None, (raw, result)
    return result


def value(field_key: str, raw: CellValue, **options: object) -> object:
    result = coerce(field_key, raw, **options)  # type: ignore[arg-type]
    assert result.problem is None, result.problem
    return result.value


def problem(field_key: str, raw: CellValue, **options: object) -> str:
    result = coerce(field_key, raw, **options)  # type: ignore[arg-type]
    assert result.problem is not None, result
    assert result.value is None
    assert result.problem.code in messages.known_codes()
    return result.problem.code


def note_codes(result: Coerced) -> list[str]:
    return [n.code for n in result.notes]


# --- money -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "unit", "expected"), [
    (12000, None, 12000.0),
    (8.5, "亿元", 85000.0),
    (3.2, "亿元", 32000.0),
    (128.2, "亿元", 1282000.0),
    ("1.2亿元", "万元", 12000.0),
    ("1.2亿元", None, 12000.0),
    ("3000万", "亿元", 3000.0),
    ("约5亿", None, 50000.0),
    ("27,000", None, 27000.0),
    ("４２６００", None, 42600.0),
    ("1,500", "万元", 1500.0),
    ("5000元", None, 0.5),
    (5000, "元", 0.5),
    ("  18000 ", None, 18000.0),
    ("3000万元左右", None, 3000.0),
    ("人民币2亿元", None, 20000.0),
    ("￥3,000万", None, 3000.0),
    ("0", None, 0.0),
    ("1.5e3", None, 1500.0),
    ("1,234.5", None, 1234.5),
    ("50千万", None, 50000.0),
    (" 12 亿 ", None, 120000.0),
])
def test_money_converts_to_wan(raw: CellValue, unit: str | None, expected: float) -> None:
    assert value("agreed_investment", raw, unit=unit) == expected


def test_money_notes_approximation_and_full_width_digits() -> None:
    assert note_codes(coerce("agreed_investment", "约5亿")) == ["coerce.note.approximate"]
    assert note_codes(coerce("agreed_investment", "４２６００")) == ["coerce.note.normalised"]
    assert note_codes(coerce("agreed_investment", 42600)) == []


@pytest.mark.parametrize(("raw", "unit", "code"), [
    ("500万美元", None, "coerce.money.foreign_currency"),
    (500, "万美元", "coerce.money.foreign_currency"),
    ("2亿美元", "万元", "coerce.money.foreign_currency"),
    (-5, None, "coerce.money.negative"),
    ("-3000万", None, "coerce.money.negative"),
    ("3000-5000万", None, "coerce.number.range"),
    ("待核实", None, "coerce.number.unrecognised"),
    ("1,2", None, "coerce.number.unrecognised"),
    ("3000人", None, "coerce.number.unit"),
    ("20亩", None, "coerce.number.unit"),
    (float("nan"), None, "coerce.number.not_finite"),
    (float("inf"), None, "coerce.number.not_finite"),
    (True, None, "coerce.type"),
    (dt.date(2026, 1, 1), None, "coerce.type"),
    (CellError("#REF!"), None, "coerce.cell.error"),
    ("#N/A", None, "coerce.cell.error"),
    (CellError("no_cached_value"), None, "coerce.cell.no_cached_value"),
])
def test_money_problems(raw: CellValue, unit: str | None, code: str) -> None:
    assert problem("agreed_investment", raw, unit=unit) == code


def test_money_problem_params_carry_the_raw_value() -> None:
    result = coerce("agreed_investment", "500万美元")
    assert result.problem is not None
    assert result.problem.params["raw"] == "500万美元"
    assert "万美元" in result.problem.message("zh")
    assert "currency" in result.problem.message("en")


@pytest.mark.parametrize("raw", [None, "", "   ", "\u200b", "-", "—", "/", "无", "待定"])
def test_blank_and_placeholder_money_is_none(raw: CellValue) -> None:
    assert value("agreed_investment", raw) is None


def test_placeholder_is_noted() -> None:
    assert note_codes(coerce("agreed_investment", "-")) == ["coerce.note.placeholder_blank"]


# --- numbers, area, percent, integer -----------------------------------------------------------------------------
@pytest.mark.parametrize(("field_key", "raw", "options", "expected"), [
    ("land_area", 18, {}, 18.0),
    ("land_area", "18亩", {}, 18.0),
    ("land_area", "2公顷", {}, 30.0),
    ("land_area", "约30亩", {}, 30.0),
    ("jobs", "1,200人", {}, 1200),
    ("jobs", 350.0, {}, 350),
    ("jobs", "３５０", {}, 350),
    ("jobs", 0, {}, 0),
])
def test_numbers(field_key: str, raw: CellValue, options: dict[str, object], expected: object) -> None:
    result = value(field_key, raw, **options)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(("field_key", "raw", "code"), [
    ("jobs", 12.5, "coerce.number.not_whole"),
    ("jobs", "12.5人", "coerce.number.not_whole"),
    ("jobs", -3, "coerce.number.negative"),
    ("land_area", "-1", "coerce.number.negative"),
    ("land_area", "3万元", "coerce.number.unit"),
    ("land_area", "很多", "coerce.number.unrecognised"),
])
def test_number_problems(field_key: str, raw: CellValue, code: str) -> None:
    assert problem(field_key, raw) == code


def test_percent() -> None:
    from gzdesk.core.schema import Field, FieldType

    share = Field("share", FieldType.PERCENT, "完成率", "Share done")
    assert coerce_value(share, "35%", unit=None, reference=REFERENCE).value == 35.0
    assert coerce_value(share, "35.5％", unit=None, reference=REFERENCE).value == 35.5
    assert coerce_value(share, 35, unit=None, reference=REFERENCE).value == 35.0
    assert coerce_value(share, 0.35, unit=None, reference=REFERENCE, is_percent_format=True).value == 35.0
    assert coerce_value(share, 0.35, unit=None, reference=REFERENCE).value == 0.35
    over = coerce_value(share, "120%", unit=None, reference=REFERENCE)
    assert over.problem is not None and over.problem.code == "coerce.percent.out_of_range"


# --- dates -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "expected"), [
    (dt.date(2025, 6, 18), "2025-06-18"),
    (dt.datetime(2025, 6, 18), "2025-06-18"),
    (dt.datetime(2025, 6, 18, 14, 30), "2025-06-18"),
    ("2026年3月", "2026-03"),
    ("2026年3月份", "2026-03"),
    ("2026年3月15日", "2026-03-15"),
    ("2026年03月15号", "2026-03-15"),
    ("2026/3/15", "2026-03-15"),
    ("2026-3-15", "2026-03-15"),
    ("2026.03", "2026-03"),
    ("2026.3.15", "2026-03-15"),
    ("2026-03", "2026-03"),
    ("2026/03", "2026-03"),
    ("202603", "2026-03"),
    ("20260315", "2026-03-15"),
    ("2026-03-15", "2026-03-15"),
    ("2026-03-15T00:00:00", "2026-03-15"),
    ("2026-03-15 09:30", "2026-03-15"),
    ("２０２６年３月", "2026-03"),
    ("2026年3月底", "2026-03"),
    ("25/12/2024", "2024-12-25"),
    (202603, "2026-03"),
    (20260315.0, "2026-03-15"),
    (46096.0, "2026-03-15"),
    (46096, "2026-03-15"),
    (46096.75, "2026-03-15"),
    (59, "1900-02-28"),
    (61, "1900-03-01"),
    (1, "1900-01-01"),
])
def test_dates(raw: CellValue, expected: str) -> None:
    assert value("signed_on", raw) == expected


def test_1904_serials() -> None:
    assert value("signed_on", 44634.0, date1904=True) == "2026-03-15"
    assert value("signed_on", 44634.0) == "2022-03-14"


def test_date_notes() -> None:
    assert note_codes(coerce("signed_on", dt.datetime(2025, 6, 18, 14, 30))) == ["coerce.note.time_dropped"]
    assert note_codes(coerce("signed_on", dt.datetime(2025, 6, 18))) == []
    assert note_codes(coerce("signed_on", 46096.75)) == ["coerce.note.time_dropped"]
    assert note_codes(coerce("signed_on", "2026年3月底")) == ["coerce.note.month_part_dropped"]
    assert note_codes(coerce("signed_on", "25/12/2024")) == ["coerce.note.date_order_inferred"]


@pytest.mark.parametrize(("raw", "code"), [
    ("3/1/2024", "coerce.date.ambiguous"),
    ("01/02/2026", "coerce.date.ambiguous"),
    ("3/1/24", "coerce.date.ambiguous"),
    ("25/12/24", "coerce.date.ambiguous"),
    ("2024-13-45", "coerce.date.invalid"),
    ("2024-02-30", "coerce.date.invalid"),
    ("2026年13月", "coerce.date.invalid"),
    ("202613", "coerce.date.invalid"),
    ("20241345", "coerce.date.invalid"),
    (20241345, "coerce.date.invalid"),
    (-5, "coerce.date.serial_invalid"),
    (0, "coerce.date.serial_invalid"),
    (0.5, "coerce.date.serial_invalid"),
    (60, "coerce.date.fake_leap_day"),
    (3_000_000, "coerce.date.out_of_range"),
    (1e308, "coerce.date.out_of_range"),
    (float("nan"), "coerce.date.serial_invalid"),
    (2026, "coerce.date.year_only"),
    ("2026", "coerce.date.year_only"),
    ("2026年", "coerce.date.year_only"),
    ("2024-2026", "coerce.date.range"),
    ("2024年-2026年", "coerce.date.range"),
    ("1850-01-01", "coerce.date.out_of_range"),
    (dt.date(1850, 1, 1), "coerce.date.out_of_range"),
    (dt.time(9, 30), "coerce.date.time_only"),
    ("下个月", "coerce.date.unrecognised"),
    ("#VALUE!", "coerce.cell.error"),
    (CellError("#N/A"), "coerce.cell.error"),
    (CellError("bad_date"), "coerce.cell.bad_date"),
    (True, "coerce.date.unrecognised"),
])
def test_date_problems(raw: CellValue, code: str) -> None:
    assert problem("signed_on", raw) == code


def test_a_bad_date_message_names_the_value() -> None:
    result = coerce("signed_on", "3/1/2024")
    assert result.problem is not None
    assert "3/1/2024" in result.problem.message("zh")
    assert "day/month" in result.problem.message("en")


# --- vocabularies and references -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("field_key", "raw", "expected", "entity"), [
    ("stage", "洽谈中", "在谈", INVESTMENT),
    ("stage", "动工", "开工", INVESTMENT),
    ("stage", "已开业", "投产", INVESTMENT),
    ("stage", " 开工 ", "开工", INVESTMENT),
    ("stage", "Construction started", "开工", INVESTMENT),
    ("stage", "Small-batch production", "小批量试产", TECH),
    ("stage", "Proof of concept", "概念验证/中试", TECH),
    ("transfer_mode", "License", "许可", TECH),
    ("expansion_type", "技改", "技术改造", EXPANSION),
    ("maturity", "TRL 7", "成熟", TECH),
    ("investor_origin", "港澳台", "港澳台", INVESTMENT),
])
def test_enums(field_key: str, raw: CellValue, expected: str, entity: schema.Entity) -> None:
    assert value(field_key, raw, entity=entity) == expected


def test_unknown_enum_is_a_problem_carrying_the_raw_value_until_the_clerk_maps_it() -> None:
    result = coerce("stage", "基本完成")
    assert result.problem is not None
    assert result.problem.code == "coerce.enum.unknown"
    assert result.problem.params["raw"] == "基本完成"
    assert "在谈" in result.problem.message("zh")
    assert value("stage", "基本完成", learned={"基本完成": "投产"}) == "投产"


@pytest.mark.parametrize(("raw", "code"), [
    ("天河区", "440106"), ("天河", "440106"), ("Huangpu District", "440112"), ("huangpu", "440112"),
    ("广州市天河区", "440106"), ("广州开发区", "440112"), ("增城市", "440118"), ("萝岗区", "440112"),
    (440106, "440106"), ("440106", "440106"), ("番禺", "440113"),
])
def test_districts(raw: CellValue, code: str) -> None:
    assert value("district", raw) == code


def test_unknown_district_is_a_problem() -> None:
    assert problem("district", "深圳市南山区") == "coerce.district.unknown"


@pytest.mark.parametrize(("raw", "code"), [
    ("软件和信息服务", "C05"), ("低空经济", "C10"), ("美妆日化", "C12"), ("AI", "C07"),
    ("Rail transit", "C13"), ("现代金融业", "S01"), ("半导体与集成电路", "C08"),
])
def test_industries(raw: CellValue, code: str) -> None:
    assert value("industry", raw) == code


def test_unknown_industry_is_kept_as_written_with_a_note() -> None:
    result = coerce("industry", " 元宇宙 ")
    assert (result.value, result.problem) == ("元宇宙", None)
    assert note_codes(result) == ["coerce.industry.unknown_kept"]


# --- booleans and tags ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "expected"), [
    ("是", True), ("否", False), ("Y", True), ("n", False), ("√", True), ("×", False), ("有", True), ("无", False),
    ("True", True), ("FALSE", False), (1, True), (0, False), (1.0, True), (True, True), (False, False), (None, None),
])
def test_booleans(raw: CellValue, expected: bool | None) -> None:
    assert value("foreign", raw) == expected


def test_boolean_problem() -> None:
    assert problem("foreign", "部分") == "coerce.boolean.unknown"
    assert problem("foreign", 2) == "coerce.boolean.unknown"


def test_tags() -> None:
    assert value("tags", "世界500强、上市公司") == ["世界500强", "上市公司"]
    assert value("tags", "世界五百强，链主企业;外资企业/央企") == ["世界500强", "链主", "外资", "央企"]
    assert value("tags", "上市公司、上市企业") == ["上市公司"]
    assert value("tags", "") is None
    result = coerce("tags", "上市公司、独角兽")
    assert result.problem is not None and result.problem.params["tag"] == "独角兽"


# --- text and keys -------------------------------------------------------------------------------------------------
def test_free_text_is_kept_as_written_apart_from_the_end_trim() -> None:
    assert value("name", "  岚舟数字科技总部大楼项目 \u3000") == "岚舟数字科技总部大楼项目"
    assert value("latest_progress", "1. 签约；\n2. 注册\u00a0完成") == "1. 签约；\n2. 注册\u00a0完成"
    assert value("name", "ＡＢＣ项目（一期）") == "ＡＢＣ项目（一期）"
    assert value("name", "   ") is None


def test_controls_zero_width_and_bom_are_removed_with_notes() -> None:
    result = coerce("name", "\ufeff甲\u200b项目\x00\x07")
    assert result.value == "甲项目"
    assert note_codes(result) == ["coerce.note.controls_removed", "coerce.note.invisible_removed"]
    result = coerce("latest_progress", "一\r\n二\t三\ud800")
    assert result.value == "一\n二\t三"
    assert note_codes(result) == ["coerce.note.line_breaks", "coerce.note.invalid_removed"]


def test_numbers_and_dates_in_text_fields() -> None:
    result = coerce("name", 2026.0)
    assert result.value == "2026"
    assert note_codes(result) == ["coerce.note.from_number"]
    assert value("notes", 1.5) == "1.5"
    assert value("notes", dt.datetime(2026, 3, 15)) == "2026-03-15"
    assert problem("notes", CellError("#DIV/0!")) == "coerce.cell.error"


def test_text_over_the_limit_is_refused_with_its_length_never_cut() -> None:
    result = coerce("name", "项" * 201)
    assert result.problem is not None
    assert (result.problem.code, result.problem.params["length"], result.problem.params["limit"]) == (
        "coerce.text.too_long", 201, 200)
    huge = coerce("latest_progress", "x" * 32_768)
    assert huge.problem is not None and huge.problem.params["length"] == 32_768
    assert len(str(huge.problem.params["raw"])) <= 60


def _credit_code(first17: str) -> str:
    return first17 + credit_code_check_digit(first17)


def test_credit_code_normalised_and_validated() -> None:
    good = _credit_code("91440101MA5CXXXX0")
    assert value("credit_code", good) == good
    result = coerce("credit_code", " " + good.lower().replace("9", "９", 1) + " ")
    assert result.value == good
    assert note_codes(result) == ["coerce.note.normalised"]
    assert problem("credit_code", good[:17] + ("0" if good[17] != "0" else "1")) == "validate.credit_code.check_digit"
    assert problem("credit_code", "123") == "validate.credit_code.length"


def test_numbers_in_key_columns_are_problems_never_strings() -> None:
    assert problem("credit_code", 1.10105194912310e17) == "coerce.key.number_too_long"
    assert problem("code", 12) == "coerce.key.leading_zeros"
    assert problem("code", 12.0) == "coerce.key.leading_zeros"
    assert problem("patent_no", 2.0231e14, entity=TECH) == "coerce.key.leading_zeros"
    assert problem("patent_no", 2.02310001e16, entity=TECH) == "coerce.key.number_too_long"
    assert value("code", " ＧＺ－２０２６－００１ ") == "GZ-2026-001"
    assert value("filing_no", "2601-440112-04-02-123456", entity=EXPANSION) == "2601-440112-04-02-123456"


# --- whole rows ----------------------------------------------------------------------------------------------------
HEAD: list[CellValue] = ["序号", "项目名称", "所属区", "产业分类", "协议投资额", "当前阶段", "签约时间", "统一社会信用代码"]


def _table(rows: list[list[CellValue]]) -> tuple[Sheet, FoundTable]:
    target = Sheet("台账", [["单位：亿元"], HEAD, *rows])
    workbook = Workbook(Path("天河.xlsx"), FileKind.XLSX, (target,))
    (table,) = find_tables(workbook, reference=REFERENCE)
    return target, table


def test_coerce_row_gives_values_and_located_problems() -> None:
    target, table = _table([
        [1, "甲项目", "天河", "软件和信息服务", 8.5, "动工", dt.date(2025, 9, 3), None],
        [2, "乙项目", "深圳", "元宇宙", "3000万美元", "洽谈中", "3/1/2024", 9.1440101e17],
    ])
    rows = list(iter_data(target, table))
    values, problems = coerce_row(INVESTMENT, table, rows[0][1], row=rows[0][0], reference=REFERENCE, file="天河.xlsx")
    assert values == {"name": "甲项目", "district": "440106", "industry": "C05", "agreed_investment": 85000.0,
                      "stage": "开工", "signed_on": "2025-09-03", "credit_code": None}
    assert problems == []
    notes: list[Problem] = []
    values, problems = coerce_row(INVESTMENT, table, rows[1][1], row=rows[1][0], reference=REFERENCE,
                                  file="天河.xlsx", notes=notes)
    assert values == {"name": "乙项目", "industry": "元宇宙", "stage": "在谈"}
    assert [(p.row, p.column, p.code, p.field) for p in problems] == [
        (4, "C 所属区", "coerce.district.unknown", "district"),
        (4, "E 协议投资额", "coerce.money.foreign_currency", "agreed_investment"),
        (4, "G 签约时间", "coerce.date.ambiguous", "signed_on"),
        (4, "H 统一社会信用代码", "coerce.key.number_too_long", "credit_code"),
    ]
    assert all(p.is_error and p.sheet == "台账" and p.file == "天河.xlsx" for p in problems)
    assert problems[0].raw == "深圳"
    assert problems[0].message("zh") == "天河.xlsx「台账」第 4 行，C 所属区 列：「深圳」不是广州市的区"
    assert problems[0].message("en") == "天河.xlsx, sheet 台账, row 4, column C 所属区: 深圳 is not a district of Guangzhou"
    assert [(n.code, n.severity) for n in notes] == [("coerce.industry.unknown_kept", "note")]


def test_coerce_row_handles_short_rows_and_reuses_its_plan() -> None:
    _, table = _table([[1, "甲项目"]])
    values, problems = coerce_row(INVESTMENT, table, [1, "甲项目"], row=3, reference=REFERENCE)
    assert values["name"] == "甲项目" and values["district"] is None and problems == []
    coercer = RowCoercer(INVESTMENT, table, reference=REFERENCE)
    assert coercer.coerce([1, "乙项目", "黄埔"], row=4)[0]["district"] == "440112"
    with pytest.raises(ValueError, match="holds 'investment'"):
        RowCoercer(EXPANSION, table, reference=REFERENCE)


def test_percent_columns_and_learned_choices_reach_the_row() -> None:
    target, table = _table([[1, "甲项目", "天河区", "人工智能", 1, "快完成了", None, None]])
    learned = {"stage": {"快完成了": "投产"}}
    values, problems = coerce_row(INVESTMENT, table, target.rows[2], row=3, reference=REFERENCE, learned=learned)
    assert values["stage"] == "投产" and problems == []


def test_every_registered_coerce_and_table_message_renders_in_both_languages() -> None:
    codes = [code for code in messages.known_codes() if code.startswith(("coerce.", "table."))]
    assert len(codes) > 40
    for code in codes:
        for lang in ("zh", "en"):
            text = messages.render(code, lang, raw="x", count=1, unit="万美元", length=1, limit=1, choices="a",
                                   tag="t", value="v", error="#N/A", sheet="S", column="C", header="H", file="f",
                                   row=1, reason="r", expected="e")
            assert text and "{" not in text, (code, lang, text)
