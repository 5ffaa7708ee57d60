"""The meeting workbook's statistics sheets (进度统计, 滞后排名, 红黄灯, 逾期未报, 本轮变化) on a small dataset computed
by hand, read back with openpyxl and python-calamine and held to meeting_stats; native charts; print setup; and our
own importer never taking a statistics sheet for a project list."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from gzdesk.core import schema
from gzdesk.core import store as store_module
from gzdesk.core.evaluation import records, stats
from gzdesk.core.excel.export_meeting import export_meeting
from gzdesk.core.excel.read import read_workbook
from gzdesk.core.excel.table import scan_workbook
from gzdesk.core.store import Store
from tests.conftest import project
from tests.core.export.helpers import calamine_sheets, sheet_xml

AS_OF = dt.date(2026, 5, 15)  # due period 2026-04; 序时 at 30 April from January = 120/365
SCHEDULE = 120 / 365 * 100
FROM_FEBRUARY = 89 / 334 * 100  # p1 started in February: 1 Feb … 30 Apr over 1 Feb … 31 Dec


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(store_module, "now", lambda: "2026-05-10T09:30:00+08:00")  # written in the round
    with Store.open(tmp_path / "stats.db") as opened:
        opened.create_many("investment", [
            project("甲项目", id="p1", stage="开工", official="张", total_investment=2000, agreed_investment=1000,
                    funds_arrived=500, planned_start="2026-03", actual_start="2026-02-10"),
            project("乙项目", id="p2", stage="签约", official="李", total_investment=4000, agreed_investment=3000,
                    funds_arrived=0, planned_start="2026-02"),
            project("丙项目", "440112", id="p3", stage="注册", official="张", total_investment=1000),
            project("丁项目", "440112", id="p4", stage="线索")], source="test")
        opened.create_many("tech_transfer", [project("戊成果转化", id="t1", stage="签约", total_investment=800)],
                           source="test")
        opened.create_many("expansion", [project("己扩产项目", "440115", id="e1", stage="开工", official="张",
                                                 total_investment=500, new_investment=300)], source="test")
        for kind, project_id, period, plan, done in (
                ("investment", "p1", "2026-04", 1000, 100), ("investment", "p2", "2026-04", 1000, 500),
                ("tech_transfer", "t1", "2026-04", 100, 0), ("expansion", "e1", "2026-03", 200, 5),
                ("expansion", "e1", "2026-04", 200, 10)):
            records.add_evaluation(opened, {"project_kind": kind, "project_id": project_id, "period": period,
                                            "annual_plan": plan, "done_ytd": done})
        opened.update("investment", "p4", {"notes": "新线索"}, source="import")
        yield opened


@pytest.fixture
def workbook(store: Store, tmp_path: Path) -> Path:
    return export_meeting(store, tmp_path / "会议表.xlsx", as_of=AS_OF, office_name="天河区投资促进局",
                          changes_since="2000-01-01").path


def section(rows: list[list[object]], heading: str) -> list[list[object]]:
    """The rows after ``heading`` up to the next blank row (the header first)."""
    start = next(index for index, row in enumerate(rows) if row and row[0] == heading) + 1
    end = next((index for index in range(start, len(rows)) if not any(cell not in ("", None) for cell in rows[index])),
               len(rows))
    return [trimmed(row) for row in rows[start:end]]


def trimmed(row: list[object]) -> list[object]:
    """Without the blank cells after the last value (calamine pads rows to the sheet's width)."""
    end = len(row)
    while end and row[end - 1] in ("", None):
        end -= 1
    return row[:end]


def test_hand_computed_numbers_in_both_readers(store: Store, workbook: Path) -> None:
    expected = stats.meeting_stats(store, as_of=AS_OF, top=50, overdue_limit=1000)
    assert [n.lights for n in expected.lists] == [{"黄": 1, "绿": 1}, {"红": 1}, {"黄": 1}]
    book = openpyxl.load_workbook(workbook, data_only=True)
    for rows in (calamine_sheets(workbook)["进度统计"],
                 [[cell if cell is not None else "" for cell in row] for row in book["进度统计"].iter_rows(values_only=True)]):
        assert rows[0][0] == "天河区投资促进局重点项目进度统计（截至2026年5月15日）"
        assert rows[1][0] == "应报期：2026-04    逾期未报：1 个项目    单位：万元"
        overview = section(rows, "一、各清单概况")
        assert overview[0][:8] == ["清单", "项目数（个）", "总投资合计（万元）", "已评价（个）", "绿灯", "黄灯", "红灯",
                                   "未能评价"]
        assert [row[:8] for row in overview[1:]] == [
            ["招商引资项目", 4, 7000, 2, 1, 1, 0, 0], ["科技成果转化项目", 1, 800, 1, 0, 0, 1, 0],
            ["增资扩产项目", 1, 500, 1, 0, 1, 0, 0], ["合计", 6, 8300, 4, 1, 2, 1, 0]]
        completion = section(rows, "二、完成年度计划与序时进度")
        assert [row[:4] for row in completion[1:]] == [["招商引资项目", 2, 2000, 600], ["科技成果转化项目", 1, 100, 0],
                                                       ["增资扩产项目", 1, 200, 10]]
        assert [row[4] for row in completion[1:]] == pytest.approx([0.30, 0.0, 0.05])
        assert all(row[5] == pytest.approx(SCHEDULE / 100) for row in completion[1:])
        assert completion[1][6] == pytest.approx(30 - SCHEDULE)
        rates = {(row[0], row[1]): row[2] for row in section(rows, "三、主要比率")[1:]}
        assert rates[("招商引资项目", "开工率")] == pytest.approx(1 / 3)  # 开工 of 签约, 注册, 开工
        assert rates[("招商引资项目", "落地率")] == pytest.approx(2 / 3)
        assert rates[("招商引资项目", "资金到位率")] == pytest.approx(500 / 4000)
        assert rates[("招商引资项目", "履约率")] == pytest.approx(1 / 2)  # p1 on time; p2 planned Feb, not started
        assert rates[("科技成果转化项目", "产业化率")] == 0 and rates[("增资扩产项目", "履约率")] == "—"
        for numbers in expected.lists:  # every rate as meeting_stats has it
            for rate in numbers.rates:
                shown = rates[(store_label(numbers.list_key), rate.zh)]
                assert shown == ("—" if rate.value is None else pytest.approx(rate.value))
        districts = section(rows, "四、按区县")
        assert districts[0] == ["区县", "招商引资项目（个）", "招商引资项目总投资（万元）", "科技成果转化项目（个）",
                                "科技成果转化项目总投资（万元）", "增资扩产项目（个）", "增资扩产项目总投资（万元）", "合计（个）"]
        assert districts[1:] == [["天河区", 2, 6000, 1, 800, 0, 0, 3], ["黄埔区", 2, 1000, 0, 0, 0, 0, 2],
                                 ["南沙区", 0, 0, 0, 0, 1, 500, 1]]
        officials = {row[0]: row[-1] for row in section(rows, "六、按挂点")[1:]}
        assert officials == {"张": 3, "李": 1, "（未填写）": 2}
        stages = [(row[0], row[1], row[2]) for row in section(rows, "七、按进度阶段")[1:]]
        assert ("招商引资项目", "线索", 1) in stages and ("增资扩产项目", "开工", 1) in stages


def store_label(key: str) -> str:
    return {"investment": "招商引资项目", "tech_transfer": "科技成果转化项目", "expansion": "增资扩产项目"}[key]


def test_ranking_lights_and_overdue(store: Store, workbook: Path) -> None:
    expected = stats.meeting_stats(store, as_of=AS_OF, top=50)
    sheets = calamine_sheets(workbook)
    ranking = sheets["滞后排名"]
    assert ranking[2] == ["排名", "清单", "重点项目", "区县", "产业方向", "进度阶段", "挂点", "报告期", "完成年度计划%",
                          "序时进度%", "差距（百分点）", "进度评价", "灯色"]
    assert [row[2] for row in ranking[3:]] == ["戊成果转化", "己扩产项目", "甲项目", "乙项目"]
    assert [row[2] for row in ranking[3:]] == [b.project.name for b in expected.ranking]
    gaps = [row[10] for row in ranking[3:]]
    assert gaps == pytest.approx([0 - SCHEDULE, 5 - SCHEDULE, 10 - FROM_FEBRUARY, 50 - SCHEDULE])
    assert gaps == pytest.approx([b.gap for b in expected.ranking])
    assert [(row[11], row[12]) for row in ranking[3:]] == [("严重滞后", "红"), ("滞后", "黄"), ("滞后", "黄"),
                                                           ("超前", "绿")]
    lights = sheets["红黄灯"]
    assert lights[1][0] == "红灯 1 个、黄灯 2 个（各列出最滞后的前 50 个）"
    assert [row[2] for row in section(lights, "红灯项目（1 个）")] == ["戊成果转化"]
    assert [row[2] for row in section(lights, "黄灯项目（2 个）")] == ["己扩产项目", "甲项目"]
    overdue = sheets["逾期未报"]
    assert overdue[1][0] == "应报期 2026-04：1 个处于报送阶段的项目未报送进展评估"
    assert [row[:5] for row in overdue[3:]] == [[1, "招商引资项目", "丙项目", "黄埔区", "（未填写）"]]
    assert [p.name for p in expected.overdue] == ["丙项目"] and expected.overdue_count == 1
    fills = openpyxl.load_workbook(workbook)["滞后排名"]
    assert fills.cell(4, 3).fill.fgColor.rgb == "FFFFC7CE" and fills.cell(5, 3).fill.fgColor.rgb == "FFFFEB9C"
    assert fills.cell(7, 3).fill.fgColor.rgb in (None, "00000000")


def test_changes_since_the_last_round(workbook: Path) -> None:
    rows = calamine_sheets(workbook)["本轮变化"]
    assert rows[1][0].startswith("统计时段：2000-01-01 至 2026-05-15")
    reporters = section(rows, "一、报送情况")
    assert reporters[0] == ["报送单位", "来源", "类别", "记录数", "修改处数"]
    assert ["local", "导入", "招商引资项目", 1, 1] in reporters
    assert ["local", "进展评估", "进展评估", 5, 5] in reporters
    details = section(rows, "二、变更明细")
    assert details[0] == ["时间", "类别", "记录名称", "变更内容", "修改前", "修改后", "报送单位", "来源", "次数"]
    change = next(row for row in details[1:] if row[3] == "备注")
    assert change[1:] == ["招商引资项目", "丁项目", "备注", "", "新线索", "local", "导入", 1]
    assert any(row[2] == "己扩产项目 2026-04" and row[3] == "新增记录" for row in details[1:])


def test_charts_and_print_setup(workbook: Path) -> None:
    with zipfile.ZipFile(workbook) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    progress = [c for c in charts if "<c:f>进度统计!" in c]
    assert len(progress) == 3  # lights per list (stacked), completion against 序时 (bars), projects by area
    assert sum('<c:grouping val="stacked"/>' in c for c in progress) == 2
    assert any('<c:barDir val="bar"/>' in c for c in progress)
    assert len([c for c in charts if "<c:f>滞后排名!" in c]) == 1
    for name in ("进度统计", "滞后排名", "红黄灯", "逾期未报", "本轮变化"):
        xml = sheet_xml(workbook, name)
        assert 'orientation="landscape"' in xml and '<pageSetUpPr fitToPage="1"/>' in xml, name
        assert "&amp;C第 &amp;P 页，共 &amp;N 页" in xml and 't="e"' not in xml and "<f>" not in xml, name
    sheet = openpyxl.load_workbook(workbook)["滞后排名"]
    assert sheet.print_title_rows == "$1:$3" and sheet.freeze_panes == "A4"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_our_importer_never_takes_a_statistics_sheet_for_a_list(store: Store, tmp_path: Path, lang: str) -> None:
    path = export_meeting(store, tmp_path / "m.xlsx", as_of=AS_OF, lang=lang, changes_since="2000-01-01").path
    found = scan_workbook(read_workbook(path), reference=store.reference)
    assert len(found.tables) == 3 and len(found.skipped_sheets) == 6
    assert {table.sheet_name for table in found.tables} == {e.label(lang) for e in schema.PROJECT_LISTS}
