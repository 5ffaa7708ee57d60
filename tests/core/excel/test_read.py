"""read_workbook on real workbooks (written by XlsxWriter and openpyxl) and on odd ones (T18–T19, T22–T24, T26–T29)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from gzdesk.core.errors import Cancelled, InputRefused
from gzdesk.core.excel.model import CellError, FileKind, Merge, Workbook
from gzdesk.core.excel.read import read_workbook
from tests.core.excel import hostile
from tests.core.excel.child import read_in_child


def _refusal(path: Path) -> InputRefused:
    with pytest.raises(InputRefused) as caught:
        read_workbook(path)
    return caught.value


def _cells(workbook: Workbook, sheet: int = 0) -> dict[tuple[int, int], object]:
    """Non-empty cells by 0-based (row, column)."""
    return {(r, c): value for r, row in enumerate(workbook.sheets[sheet].rows)
            for c, value in enumerate(row) if value is not None}


# ---- real workbooks --------------------------------------------------------------------------------------

def test_xlsxwriter_values_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("项目")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["项目名称", "金额（万元）", "签约日期", "是否开工"])
    sheet.write_row(1, 0, ["黄埔区新能源项目", 12345.5])
    sheet.write_datetime(1, 2, dt.datetime(2026, 3, 15), date_format)
    sheet.write_boolean(1, 3, True)
    sheet.write_string(2, 0, "  前后空格  ")
    sheet.write_number(2, 1, 7)
    sheet.write_formula(3, 1, "=B2+B3", None, 12352.5)
    book.close()
    workbook = read_workbook(path)
    assert workbook.kind is FileKind.XLSX and workbook.notices == ()
    assert [sheet.name for sheet in workbook.sheets] == ["项目"]
    assert _cells(workbook) == {
        (0, 0): "项目名称", (0, 1): "金额（万元）", (0, 2): "签约日期", (0, 3): "是否开工",
        (1, 0): "黄埔区新能源项目", (1, 1): 12345.5, (1, 2): dt.date(2026, 3, 15), (1, 3): True,
        (2, 0): "  前后空格  ", (2, 1): 7, (3, 1): 12352.5}


def test_openpyxl_values_and_formula_without_cached_value(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["名称", "数量", "时间"])
    sheet.append(["甲", 3, dt.datetime(2024, 2, 29, 13, 30)])
    sheet["B3"] = "=B2*2"  # openpyxl saves no cached result
    book.save(path)
    cells = _cells(read_workbook(path))
    assert cells[(1, 0)] == "甲" and cells[(1, 1)] == 3
    assert cells[(1, 2)] == dt.datetime(2024, 2, 29, 13, 30)
    assert cells[(2, 1)] == CellError("no_cached_value")


def test_openpyxl_1904_dates_are_right(tmp_path: Path) -> None:
    path = tmp_path / "mac.xlsx"
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active.append([dt.datetime(2026, 11, 27), dt.datetime(1904, 1, 2), dt.datetime(1999, 12, 31, 18, 0)])
    book.save(path)
    assert list(read_workbook(path).sheets[0].rows[0]) == [
        dt.date(2026, 11, 27), dt.date(1904, 1, 2), dt.datetime(1999, 12, 31, 18, 0)]


def test_hidden_rows_columns_sheets_and_merges(tmp_path: Path) -> None:
    path = tmp_path / "h.xlsx"
    book = xlsxwriter.Workbook(path)
    data = book.add_worksheet("数据")
    data.merge_range("A1:C1", "XX区招商引资项目台账")
    data.write_row(1, 0, ["名称", "区", "金额"])
    data.write_row(2, 0, ["甲", "黄埔", 1])
    data.write_row(3, 0, ["乙", "南沙", 2])
    data.set_row(3, None, None, {"hidden": True})
    data.set_column("B:B", None, None, {"hidden": True})
    hidden = book.add_worksheet("隐藏")
    hidden.write("A1", "x")
    hidden.hide()
    very = book.add_worksheet("_meta")
    very.write("A1", "export-id")
    very.very_hidden()
    book.close()
    workbook = read_workbook(path)
    first, second, third = workbook.sheets
    assert (first.visible, second.visible, third.visible) == (True, False, False)
    assert first.merges == (Merge(0, 0, 0, 2),)
    assert first.hidden_rows == frozenset({3}) and first.hidden_columns == frozenset({1})
    assert third.rows == [["export-id"]]


def test_chart_sheets_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "chart.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet("数据").write_column("A1", [1, 2, 3])
    chart = book.add_chart({"type": "line"})
    chart.add_series({"values": "=数据!$A$1:$A$3"})
    book.add_chartsheet("图").set_chart(chart)
    book.close()
    workbook = read_workbook(path)
    assert [(sheet.name, sheet.rows) for sheet in workbook.sheets] == [("数据", [[1], [2], [3]])]


# ---- T19: dimensions written wrong by WPS ------------------------------------------------------------------

@pytest.mark.parametrize("dimension", ["A1:A1", None])
def test_lying_or_missing_dimension_reads_every_value(tmp_path: Path, dimension: str | None) -> None:
    path = hostile.one_sheet(tmp_path / "wps.xlsx", hostile.grid_body(100, 4), dimension=dimension)
    cells = _cells(read_workbook(path))
    with zipfile.ZipFile(path) as archive:
        rows_in_xml = len(re.findall(rb"<row\b", archive.read("xl/worksheets/sheet1.xml")))
    assert len(cells) == 400 and rows_in_xml == 100
    assert cells[(99, 3)] == 100_003


def test_cells_without_references_are_placed_like_calamine(tmp_path: Path) -> None:
    body = "<row><c><v>1</v></c><c><v>2</v></c></row><row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
    workbook = read_workbook(hostile.one_sheet(tmp_path / "norefs.xlsx", body))
    assert workbook.sheets[0].rows == [[1, 2], ["x", None]]


# ---- T18: areas calamine cannot allocate -------------------------------------------------------------------

CORNERS = {
    "corner": '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
    "lowercase": '<row r="1"><c r="a1"><v>1</v></c><c r="xfd1048576"><v>2</v></c></row>',
    "out_of_order": '<row r="1"><c r="XFD1"><v>1</v></c><c r="A1"><v>1</v></c></row>'
                    '<row r="1048576"><c r="A1048576"><v>3</v></c></row>',
    "no_refs": '<row r="1">' + "<c><v>1</v></c>" * 20 + '</row><row r="1048576"><c><v>2</v></c></row>',
    "no_ref_after_ref": '<row r="5000000"><c r="C2"><v>1</v></c><c s="0"><v>1</v></c><c r="XFD1"><v>1</v></c></row>',
    "duplicate_r": '<row r="1"><c r="A1" r="XFD1048576"><v>1</v></c></row>',
    "prefixed": f'<row r="1"><x:c xmlns:x="{hostile.MAIN_NS}" r="XFD1048576"><x:v>1</x:v></x:c></row>',
    "single_quotes": "<row r='1'><c r='A1'><v>1</v></c><c r='XFD1048576'><v>1</v></c></row>",
    "entity_in_ref": '<row r="1"><c r="A1"><v>1</v></c><c r="X&#70;D1048576"><v>1</v></c></row>',
    "spaces_around_equals": '<row r="1"><c r = "XFD1048576"><v>1</v></c></row>',
    "other_attribute_first": '<row r="1"><c vm="1" r="XFD1048576"><v>1</v></c></row>',
}


@pytest.mark.parametrize("case", sorted(CORNERS))
def test_huge_used_area_is_refused_and_the_process_survives(tmp_path: Path, case: str) -> None:
    path = hostile.one_sheet(tmp_path / f"{case}.xlsx", CORNERS[case])
    assert path.stat().st_size < 4096
    result = read_in_child(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.outcome["code"] in ("excel.sheet_too_large", "excel.damaged_sheet")
    assert "Sheet1" in str(result.outcome["message"])


def test_rich_value_attributes_are_read(tmp_path: Path) -> None:
    body = '<row r="1"><c r="A1" cm="1"><f>1</f><v>1</v></c><c r="B1" vm="1"><v>2</v></c></row>'
    assert read_workbook(hostile.one_sheet(tmp_path / "cm.xlsx", body)).sheets[0].rows == [[1, 2]]


def test_corner_cells_message(tmp_path: Path) -> None:
    error = _refusal(hostile.one_sheet(tmp_path / "c.xlsx", CORNERS["corner"]))
    assert error.code == "excel.sheet_too_large"
    assert error.params["sheet"] == "Sheet1" and error.params["rows"] == 1_048_576
    assert error.params["columns"] == 16_384
    assert "1048576 行 × 16384 列" in error.message("zh")


def test_sparse_xls_and_ods_are_refused_before_calamine(tmp_path: Path) -> None:
    xls = hostile.xls_file(tmp_path / "sparse.xls", [("S", 0, [(0, 0, 1.0), (65535, 255, 2.0)])])
    ods = hostile.ods_file(tmp_path / "rep.ods", '<table:table table:name="S"><table:table-row '
                           'table:number-rows-repeated="100000"><table:table-cell office:value-type="float" '
                           'office:value="1" table:number-columns-repeated="1000"/></table:table-row></table:table>')
    for path in (xls, ods):
        result = read_in_child(path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.outcome["code"] == "excel.sheet_too_large"
        assert float(result.outcome["max_rss_mb"]) < 300  # type: ignore[arg-type]


# ---- T24: structural damage refuses the whole file ----------------------------------------------------------

def test_missing_sheet_part_names_the_sheet(tmp_path: Path) -> None:
    path = hostile.write_xlsx(tmp_path / "m.xlsx", [("好表", hostile.sheet_xml(hostile.grid_body(2, 2)), "visible"),
                                                     ("坏表", None, "visible")])
    error = _refusal(path)
    assert (error.code, error.params["sheet"]) == ("excel.damaged_sheet", "坏表")
    assert "坏表" in error.message("zh")


def test_shared_string_index_out_of_range(tmp_path: Path) -> None:
    path = hostile.write_xlsx(tmp_path / "s.xlsx", [
        ("A", hostile.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), "visible"),
        ("B", hostile.sheet_xml('<row r="1"><c r="A1" t="s"><v>5</v></c></row>'), "visible")],
        shared=hostile.shared_strings_xml(["甲", "乙"]))
    result = read_in_child(path)
    assert result.returncode == 0
    assert (result.outcome["code"], result.outcome["params"]["sheet"]) == ("excel.damaged_sheet", "B")  # type: ignore[index]


@pytest.mark.parametrize("xml", [
    hostile.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></x></row>'),
    hostile.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')[:-40],
    hostile.sheet_xml('<row r="1"><c r="A1" t="b"><v>7</v></c></row>'),
])
def test_malformed_sheet_refuses_whole_file(tmp_path: Path, xml: str) -> None:
    path = hostile.write_xlsx(tmp_path / "bad.xlsx", [("好", hostile.sheet_xml(hostile.grid_body(3, 3)), "visible"),
                                                       ("坏", xml, "visible")])
    error = _refusal(path)
    assert error.code == "excel.damaged_sheet" and error.params["sheet"] == "坏"


# ---- T27: formulas and errors ------------------------------------------------------------------------------

FORMULAS = ('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>1+1</f></c>'
            '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="e"><v>#N/A</v></c>'
            '<c r="E1" t="e"><v>#REF!</v></c><c r="F1" t="str"><f>""</f><v></v></c><c r="G1"><f>A1</f><v></v></c>'
            '<c r="H1" t="s"><v>0</v></c></row>')


@pytest.mark.parametrize("exact", [False, True])
def test_formula_cells(tmp_path: Path, exact: bool) -> None:
    body = FORMULAS.replace('r="H1" ', "") + ("<row><c><v>1</v></c></row>" if exact else "")
    path = hostile.one_sheet(tmp_path / "f.xlsx", body, shared=hostile.shared_strings_xml(["#N/A"]))
    row = read_workbook(path).sheets[0].rows[0]
    assert row[:7] == [2, CellError("no_cached_value"), CellError("#DIV/0!"), CellError("#N/A"),
                       CellError("#REF!"), None, CellError("no_cached_value")]
    assert row[7] == "#N/A"  # the text "#N/A" stays text


# ---- T26: dates ------------------------------------------------------------------------------------------

def _date_cells(values: list[str], style: int = hostile.DATE_STYLE) -> str:
    return '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" s="{style}"><v>{v}</v></c>'
                                   for i, v in enumerate(values)) + "</row>"


BAD = CellError("bad_date")


@pytest.mark.parametrize("exact", [False, True])
def test_bad_date_serials_are_per_cell_errors(tmp_path: Path, exact: bool) -> None:
    body = _date_cells(["-5", "0", "60", "3000000", "1E+308", "45000", "59", "61", "45000.5", "2958465", "NaN"])
    body += '<row r="2"><c r="A2" t="d"><v>2024-13-45</v></c><c r="B2" t="d"><v>2024-03-01</v></c></row>'
    if exact:
        body += "<row><c><v>1</v></c></row>"
    row1, row2 = read_workbook(hostile.one_sheet(tmp_path / "d.xlsx", body)).sheets[0].rows[:2]
    assert row1 == [BAD, BAD, BAD, BAD, BAD, dt.date(2023, 3, 15), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
                    dt.datetime(2023, 3, 15, 12, 0), dt.date(9999, 12, 31), BAD]
    assert row2[:2] == [BAD, dt.date(2024, 3, 1)]


def test_time_formatted_fractions_stay_times(tmp_path: Path) -> None:
    body = _date_cells(["0.5", "0", "-0.25"], style=hostile.TIME_STYLE)
    row = read_workbook(hostile.one_sheet(tmp_path / "t.xlsx", body)).sheets[0].rows[0]
    assert row == [dt.time(12, 0), dt.time(0, 0), BAD]


def test_1904_small_serials_are_dates(tmp_path: Path) -> None:
    body = _date_cells(["0", "1", "45000", "-1", "2957004"])
    path = hostile.one_sheet(tmp_path / "mac.xlsx", body, workbook_pr='<workbookPr date1904="1"/>')
    assert read_workbook(path).sheets[0].rows[0] == [
        dt.date(1904, 1, 1), dt.date(1904, 1, 2), dt.date(1904, 1, 1) + dt.timedelta(days=45000), BAD, BAD]


# ---- T29: dirty strings are left as read, never crash --------------------------------------------------------

def test_dirty_strings_are_kept(tmp_path: Path) -> None:
    texts = ["a_x0000_b", "\ufeff编号", "名\u200b称", "\u3000全角空格\u3000", "尾空格  ", "ａｂｃ１２３", "x\x01y"]
    items = "".join(f'<si><t xml:space="preserve">{t.replace(chr(1), "_x0001_")}</t></si>' for t in texts)
    body = '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(texts))) + "</row>"
    path = hostile.one_sheet(tmp_path / "dirty.xlsx", body, shared=hostile.shared_strings_xml(texts, raw_items=items))
    row = read_workbook(path).sheets[0].rows[0]
    assert row == ["a\x00b", "\ufeff编号", "名\u200b称", "\u3000全角空格\u3000", "尾空格  ", "ａｂｃ１２３", "x\x01y"]


# ---- T22/T23: legacy and renamed formats, macros ------------------------------------------------------------

def test_xls_renamed_xlsx_is_read(tmp_path: Path) -> None:
    path = hostile.xls_file(tmp_path / "old.xlsx", [
        ("数据", 0, [(0, 0, "名称"), (0, 1, "金额"), (1, 0, "项目甲"), (1, 1, 12.5), (2, 1, ("error", 0x2A)),
                   (3, 1, True)]),
        ("隐藏", 1, [(0, 0, "h")])])
    workbook = read_workbook(path)
    assert workbook.kind is FileKind.XLS
    assert workbook.sheets[0].rows == [["名称", "金额"], ["项目甲", 12.5], [None, CellError("#N/A")], [None, True]]
    assert (workbook.sheets[0].visible, workbook.sheets[1].visible) == (True, False)


def test_small_xls_in_the_mini_stream(tmp_path: Path) -> None:
    path = tmp_path / "small.xls"
    path.write_bytes(hostile.cfb_mini({"Workbook": hostile.biff8([("表", 0, [(0, 0, "名称"), (1, 0, 3.0),
                                                                             (1, 1, ("error", 0x07))])])}))
    assert len(hostile.biff8([("表", 0, [])])) < 4096
    workbook = read_workbook(path)
    assert workbook.sheets[0].rows == [["名称", None], [3, CellError("#DIV/0!")]]


def test_ods_renamed_xlsx_is_read(tmp_path: Path) -> None:
    row = "<table:table-row>" + hostile.ods_cell("名称") + hostile.ods_cell(12.5) + "</table:table-row>"
    hidden = '<table:table-row table:visibility="collapse">' + hostile.ods_cell("乙") + "</table:table-row>"
    padding = ('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
               'table:number-columns-repeated="1024"/></table:table-row>')
    path = hostile.ods_file(tmp_path / "x.xlsx", f'<table:table table:name="表一">{row}{hidden}{padding}</table:table>')
    workbook = read_workbook(path)
    assert workbook.kind is FileKind.ODS
    assert workbook.sheets[0].name == "表一"
    assert workbook.sheets[0].rows == [["名称", 12.5], ["乙", None]]
    assert workbook.sheets[0].hidden_rows == frozenset({1})


def test_xlsm_data_read_and_macros_ignored(tmp_path: Path) -> None:
    source = hostile.one_sheet(tmp_path / "a.xlsx", hostile.grid_body(2, 2))
    workbook = read_workbook(hostile.with_macros(tmp_path / "m.xlsm", source))
    assert workbook.notices == ("excel.macros_ignored",)
    assert len(_cells(workbook)) == 4


def test_encrypted_workbook(tmp_path: Path) -> None:
    assert _refusal(hostile.encrypted_ooxml(tmp_path / "pw.xlsx")).code == "excel.encrypted"


def test_xls_with_password_record(tmp_path: Path) -> None:
    path = tmp_path / "pw.xls"
    path.write_bytes(hostile.cfb({"Workbook": hostile.biff8([("S", 0, [(0, 0, 1.0)])], password=True)}))
    assert _refusal(path).code == "excel.encrypted"


@pytest.mark.parametrize(("content", "code"), [
    ("名称,金额\n甲,1\n".encode(), "excel.text_not_workbook"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "excel.web_page"),
    (b"", "excel.empty_file"),
])
def test_text_with_a_workbook_name_is_refused(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(content)
    assert _refusal(path).code == code


# ---- CSV ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "encoding"), [
    ('名称,备注,金额\n项目甲,"第一行\n第二行",1200\n项目乙,,3\n', "gbk"),
    ('名称,备注,金额\n项目甲,"第一行\n第二行",1200\n项目乙,,3\n', "utf-8-sig"),
    ('名称\t备注\t金额\n项目甲\t"第一行\n第二行"\t1200\n项目乙\t\t3\n', "utf-8"),
    ('名称;备注;金额\n项目甲;"第一行\n第二行";1200\n项目乙;;3\n', "utf-8"),
])
def test_csv_encodings_delimiters_and_quoted_newlines(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "清单.csv"
    path.write_bytes(text.encode(encoding))
    workbook = read_workbook(path)
    assert workbook.kind is FileKind.CSV and workbook.sheets[0].name == "清单"
    assert workbook.sheets[0].rows == [["名称", "备注", "金额"], ["项目甲", "第一行\n第二行", "1200"],
                                       ["项目乙", None, "3"]]


# ---- progress and cancelling -------------------------------------------------------------------------------

class _Recorder:
    def __init__(self, cancel: bool = False) -> None:
        self.steps: list[tuple[int, int | None, str]] = []
        self.cancel = cancel

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.steps.append((done, total, message))

    def cancelled(self) -> bool:
        return self.cancel


def test_progress_reported_and_cancel_honoured(tmp_path: Path) -> None:
    path = hostile.write_xlsx(tmp_path / "p.xlsx", [("A", hostile.sheet_xml(hostile.grid_body(2, 2)), "visible"),
                                                     ("B", hostile.sheet_xml(hostile.grid_body(2, 2)), "visible")])
    recorder = _Recorder()
    read_workbook(path, progress=recorder)
    assert [message for _, _, message in recorder.steps] == ["A", "B", "A", "B"]
    with pytest.raises(Cancelled):
        read_workbook(path, progress=_Recorder(cancel=True))


# ---- byte-mutation fuzzing: only our refusals, never a crash (T40) --------------------------------------------

_FUZZ = r"""
import random, sys
from gzdesk.core.errors import GzdeskError
from gzdesk.core.excel.read import read_workbook
source = open(sys.argv[1], "rb").read()
target = sys.argv[2]
outcomes = set()
for seed in range(int(sys.argv[3])):
    rng = random.Random(seed)
    data = bytearray(source)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    open(target, "wb").write(data)
    try:
        read_workbook(target)
        outcomes.add("ok")
    except GzdeskError as error:
        outcomes.add(error.code)
print(sorted(outcomes))
"""


@pytest.mark.slow
def test_byte_mutations_give_only_clear_refusals(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.core.excel.child import ROOT

    source = hostile.one_sheet(tmp_path / "ok.xlsx", hostile.grid_body(30, 5) + FORMULAS.replace("H1", "H2")
                               .replace('r="1"', 'r="31"').replace("1\"", "31\""),
                               shared=hostile.shared_strings_xml(["甲"]))
    stored = tmp_path / "stored.xlsx"  # an uncompressed copy, so mutations hit the XML itself
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
    for path in (source, stored):
        done = subprocess.run([sys.executable, "-c", _FUZZ, str(path), str(tmp_path / "m.xlsx"), "150"],
                              capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        assert all(code == "ok" or code.startswith("excel.") for code in eval(done.stdout))
