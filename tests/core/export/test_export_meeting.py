"""The meeting workbook: title, unit line, 序号, 合计 (formula and value), lag colours, print setup, the summary with
hand-computed numbers and a chart, and our own importer reading it back as a messy sheet."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from gzdesk.core import batches, schema
from gzdesk.core.demo import fill_demo
from gzdesk.core.excel.export_meeting import MEETING_COLUMNS, export_meeting
from gzdesk.core.store import Store
from tests.core.export.helpers import (
    calamine_sheets,
    expected_cell,
    filled_store,
    libreoffice_csv,
    sheet_xml,
    workbook_xml,
)

AS_OF = dt.date(2026, 11, 27)
OFFICE = "天河区投资促进局"


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Store]:
    store = filled_store(tmp_path / "small.db")
    yield store
    store.close()


@pytest.fixture
def meeting(small: Store, tmp_path: Path) -> Path:
    return export_meeting(small, tmp_path / "会议表.xlsx", as_of=AS_OF, office_name=OFFICE).path


def test_list_sheet_layout(small: Store, meeting: Path) -> None:
    sheets = calamine_sheets(meeting)
    assert list(sheets) == ["汇总", "招商引资项目", "科技成果转化项目", "增资扩产项目", "进度统计", "滞后排名", "红黄灯",
                            "逾期未报", "本轮变化"]  # the statistics sheets: test_meeting_statistics.py
    rows = sheets["招商引资项目"]
    entity = schema.INVESTMENT
    columns = [entity.field(key) for key in MEETING_COLUMNS["investment"]]
    assert rows[0][0] == "天河区投资促进局招商引资项目台账（截至2026年11月27日）"
    assert rows[1][0] == "填报单位：天河区投资促进局    单位：万元"
    assert rows[2] == ["序号", *(f.header("zh") for f in columns)]
    records = list(small.iter_records("investment"))
    for number, record in enumerate(records, start=1):
        expected = [expected_cell(f, record[f.key], small.reference) for f in columns]
        assert rows[2 + number] == [float(number), *expected]
    total = rows[3 + len(records)]
    assert total[0] == "合计"
    for index, field in enumerate(columns, start=1):
        if field.type is schema.FieldType.MONEY:
            amounts = [r[field.key] for r in records]
            assert total[index] == pytest.approx(sum(a for a in amounts if isinstance(a, float))), field.key
        else:
            assert total[index] == ""
    assert total[columns.index(entity.field("total_investment")) + 1] == pytest.approx(207000.5)


def test_total_row_holds_formulas_with_their_values(meeting: Path) -> None:
    xml = sheet_xml(meeting, "招商引资项目")
    formulas = re.findall(r'<c r="([A-Z]+)9"[^>]*><f>(SUM\([A-Z]+4:[A-Z]+8\))</f><v>([^<]+)</v></c>', xml)
    money = [key for key in MEETING_COLUMNS["investment"]
             if schema.INVESTMENT.field(key).type is schema.FieldType.MONEY]
    assert len(formulas) == len(money)
    assert ("I", "SUM(I4:I8)", "207000.5") in formulas  # 总投资 is the 8th meeting column
    assert xml.count("<f>") == len(money) and 't="e"' not in xml


def test_print_setup(meeting: Path) -> None:
    xml = sheet_xml(meeting, "招商引资项目")
    assert re.search(r'<pageSetup paperSize="8" fitToHeight="0" orientation="landscape"/>', xml)  # A3
    assert '<pageSetUpPr fitToPage="1"/>' in xml and "fitToWidth" not in xml  # fitToWidth defaults to 1
    assert '<pane xSplit="2" ySplit="3" topLeftCell="C4" activePane="bottomRight" state="frozen"/>' in xml
    assert '<autoFilter ref="A3:T8"/>' in xml
    assert '<mergeCell ref="A1:T1"/>' in xml and '<mergeCell ref="A2:T2"/>' in xml
    assert "<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>" in xml
    assert '<definedName name="_xlnm.Print_Titles" localSheetId="1">招商引资项目!$1:$3</definedName>' in (
        workbook_xml(meeting))
    sheet = openpyxl.load_workbook(meeting)["招商引资项目"]
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$3" and sheet.freeze_panes == "C4"
    assert sheet.cell(4, 2).alignment.wrap_text  # 项目名称 wraps
    assert '<pageSetup paperSize="8"' in sheet_xml(meeting, "科技成果转化项目")  # 18 columns: A3


def test_lagging_projects_are_coloured(meeting: Path) -> None:
    sheet = openpyxl.load_workbook(meeting)["招商引资项目"]
    status = [c.value for c in sheet[3]].index("推进状态") + 1
    fills = {sheet.cell(row, status).value: {sheet.cell(row, c).fill.fgColor.rgb for c in range(1, 21)}
             for row in range(4, 9)}
    assert fills["进度滞后"] == {"FFFFEB9C"} and fills["停滞"] == {"FFFFC7CE"}
    assert all(color not in fills["正常推进"] for color in ("FFFFEB9C", "FFFFC7CE"))


def find(rows: list[list[object]], label: str, start: int = 0) -> list[object]:
    return next(row for row in rows[start:] if row and row[0] == label)


def test_summary_numbers(meeting: Path) -> None:
    rows = calamine_sheets(meeting)["汇总"]
    assert rows[0][0] == "天河区投资促进局重点项目汇总（截至2026年11月27日）"
    start = rows.index(find(rows, "一、招商引资项目"))
    assert find(rows, "项目总数", start)[1] == 5
    assert find(rows, "总投资合计（万元）", start)[1] == pytest.approx(207000.5)
    assert find(rows, "协议投资额合计（万元）", start)[1] == pytest.approx(166000)
    assert find(rows, "累计到资合计（万元）", start)[1] == pytest.approx(78000.25)
    assert find(rows, "开工率", start)[1] == pytest.approx(0.75)  # 开工, 投产, 达产 of 4 signed or later
    assert find(rows, "投产率", start)[1] == pytest.approx(0.5)
    assert find(rows, "资金到位率", start)[1] == pytest.approx(78000.25 / 166000)
    header = rows.index(find(rows, "按所属区", start))
    assert rows[header][:3] == ["按所属区", "项目数（个）", "总投资合计（万元）"]
    assert rows[header + 1][:3] == ["天河区", 2, pytest.approx(122000.5)]
    assert rows[header + 2][:3] == ["黄埔区", 1, 5000]
    assert rows[header + 3][:3] == ["南沙区", 2, 80000]
    stages = rows.index(find(rows, "按当前阶段", start))
    assert [row[0] for row in rows[stages + 1:stages + 6]] == ["在谈", "签约", "开工", "投产", "达产"]
    tech = rows.index(find(rows, "二、科技成果转化项目"))
    assert find(rows, "项目总数", tech)[1] == 2
    assert find(rows, "产业化率", tech)[1] == pytest.approx(0.5)  # 产业化 of 签约, 产业化
    expansion = rows.index(find(rows, "三、增资扩产项目"))
    assert find(rows, "开工率", expansion)[1] == pytest.approx(1.0)
    xml = sheet_xml(meeting, "汇总")
    assert "<f>" not in xml and 't="e"' not in xml


def test_summary_has_charts(meeting: Path) -> None:
    with zipfile.ZipFile(meeting) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    charts = [chart for chart in charts if "<c:f>汇总!" in chart]  # the statistics sheets' own: elsewhere
    assert len(charts) == 3
    assert all("<c:barChart>" in c and '<c:barDir val="col"/>' in c for c in charts)
    assert "<c:f>汇总!$A$" in charts[0] and "<c:f>汇总!$C$" in charts[0]


def test_ledger_and_defaults(small: Store, tmp_path: Path) -> None:
    report = export_meeting(small, tmp_path / "m.xlsx")
    batch = batches.get(small, report.batch or "")
    assert batch is not None and batch.kind == "export_meeting" and batch.status == "done"
    rows = calamine_sheets(report.path)["招商引资项目"]
    today = dt.date.today()
    assert rows[0][0] == f"广州市招商引资项目台账（截至{today.year}年{today.month}月{today.day}日）"
    assert rows[1][0] == "填报单位：    单位：万元"  # the database has no office name yet


def test_empty_lists(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        path = export_meeting(store, tmp_path / "m.xlsx", lists=["expansion"]).path
    rows = calamine_sheets(path)["增资扩产项目"]
    assert rows[3][0] == "合计" and len(rows) == 4
    assert "<f>" not in sheet_xml(path, "增资扩产项目")


def test_importer_reads_a_meeting_workbook_back(small: Store, tmp_path: Path) -> None:
    importer = pytest.importorskip("gzdesk.core.importer", reason="the importer is being written")
    path = export_meeting(small, tmp_path / "m.xlsx", as_of=AS_OF, office_name=OFFICE).path
    with Store.open(tmp_path / "fresh.db") as fresh:
        plan = importer.plan_import(fresh, path)
    assert plan.problems == ()
    assert len(plan.new) == 8
    assert {t.sheet_name: len(t.data_rows) for t in plan.tables} == {
        "招商引资项目": 5, "科技成果转化项目": 2, "增资扩产项目": 1}
    assert all(t.office == OFFICE and t.unit == "万元" for t in plan.tables)


def test_importer_reads_a_demo_meeting_workbook_back(tmp_path: Path) -> None:
    importer = pytest.importorskip("gzdesk.core.importer", reason="the importer is being written")
    with Store.open(tmp_path / "demo.db") as store:
        fill_demo(store, projects=300, evaluation_months=2)
        path = export_meeting(store, tmp_path / "m.xlsx").path
        total = sum(store.count(kind) for kind in MEETING_COLUMNS)
        names = {str(r["name"]) for kind in MEETING_COLUMNS for r in store.iter_records(kind)}
    with Store.open(tmp_path / "fresh.db") as fresh:
        plan = importer.plan_import(fresh, path)
    assert plan.problems == () and len(plan.new) == total == 300
    assert {str(row.values["name"]) for row in plan.new} == names


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_reads_the_meeting_workbook(meeting: Path, tmp_path: Path) -> None:
    rows = libreoffice_csv(meeting, tmp_path / "csv", 2)
    assert rows[0][0] == "天河区投资促进局招商引资项目台账（截至2026年11月27日）"
    total = next(row for row in rows if row[0] == "合计")
    assert "207000.5" in total
