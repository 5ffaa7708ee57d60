"""Workbooks for the import wizard tests, written in code with openpyxl the way offices send them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook, load_workbook

from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.store import Store

OFFICE = "天河区投资促进局"
UNKNOWN_HEADER = "对接人手机"


def messy_ledger(path: Path) -> Path:
    """A title row, a 填报单位/单位：万元 line, a two-level merged header, 序号, a section row, a bad date, an amount
    "约1.2亿元", a header no field has (对接人手机), a 合计 row and notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "重点项目"
    ws["A1"] = "天河区2026年招商引资重点项目进度表"
    ws.merge_cells("A1:I1")
    ws["A2"] = f"填报单位：{OFFICE}    单位：万元"
    ws.merge_cells("A2:I2")
    ws.append(["序号", "项目名称", "所属区", "投资额", None, "签约时间", "当前阶段", UNKNOWN_HEADER, "备注"])
    ws.append([None, None, None, "计划总投资", "协议投资额", None, None, None, None])
    ws.merge_cells("D3:E3")
    for column in "ABCFGHI":
        ws.merge_cells(f"{column}3:{column}4")
    ws.append(["一、新签约项目"])
    ws.merge_cells("A5:I5")
    ws.append([1, "天河智算中心", "天河区", 50000, "约1.2亿元", dt.date(2026, 3, 15), "签约", "13800000001", "重点"])
    ws.append([2, "琶洲数字港", "海珠区", 30000, 20000, "2026年13月", "在谈", "13800000002", None])
    ws.append([3, "珠江新城总部楼", "天河", 8000, 6000, "2026.05", "洽谈中", None, "新增"])
    ws.append(["二、续建项目"])
    ws.merge_cells("A9:I9")
    ws.append([4, "黄埔氢能基地", "黄埔区", 120000, 100000, 45000, "动工", "13800000004", None])
    ws.append(["合计", None, None, "=SUM(D6:D10)", "=SUM(E6:E10)"])
    ws.append([])
    ws.append(["注：金额单位为万元，签约时间填到月。"])
    ws.merge_cells("A13:I13")
    wb.save(path)
    return path


def exchange_with_conflict(store: Store, path: Path) -> Path:
    """Our export of three projects, edited by a colleague: 协议投资额, 当前阶段 and 备注 of 智能网联示范区 (which we
    change here too, so they conflict) and its 累计到资 (changed only in the file); 生物岛实验室's 当前阶段 and
    协议投资额 (a plain change)."""
    store.set_setting("office_code", "440106-tzj")
    store.create_many("investment", [
        {"name": "智能网联示范区", "district": "440106", "agreed_investment": 1000.0, "stage": "在谈",
         "notes": "原备注", "funds_arrived": 100.0},
        {"name": "生物岛实验室", "district": "440112", "agreed_investment": 500.0, "stage": "签约"},
        {"name": "南沙港物流园", "district": "440115", "agreed_investment": 800.0, "stage": "开工"},
    ], source="test")
    export_exchange(store, path)
    book = load_workbook(path)
    sheet = book["招商引资项目"]
    headers = {str(cell.value): cell.column for cell in sheet[1] if cell.value}
    name_column = headers["项目名称"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, name_column).value == "智能网联示范区")
    edits = {"协议投资额（万元）": 3000, "当前阶段": "签约", "备注": "对方备注", "累计到资（万元）": 900}
    for header, value in edits.items():
        sheet.cell(row, headers[header]).value = value
    other = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, name_column).value == "生物岛实验室")
    sheet.cell(other, headers["当前阶段"]).value = "开工"
    sheet.cell(other, headers["协议投资额（万元）"]).value = 650
    book.save(path)
    return path


def change_here(store: Store) -> None:
    """Our own edits to the same three fields after the export."""
    record = next(r for r in store.iter_records("investment") if r["name"] == "智能网联示范区")
    store.update("investment", str(record["id"]), {"agreed_investment": 2000.0, "stage": "开工", "notes": "我方备注"},
                 expected_revision=int(record["revision"]))  # type: ignore[call-overload]


EVALUATION_PERIOD = "2026-03"


def _column(sheet: object, header: str) -> int:
    return [cell.value for cell in sheet[1]].index(header) + 1  # type: ignore[index]


def exchange_with_evaluations(store: Store, path: Path) -> Path:
    """Our export of 甲/乙/丙项目 with 甲项目's 2026-03 evaluation (one milestone, one problem), edited by a colleague:
    甲's 形象进度 (which we change here too, so it conflicts) and 下步计划 (changed only in the file), a new evaluation
    of 丙项目, 甲's problem marked 已解决 and a new problem of 丙项目. The milestone is left as sent."""
    from gzdesk.core.evaluation import details, records

    store.set_setting("office_code", "440106-tzj")
    store.create_many("investment", [
        {"id": "p1", "name": "甲项目", "district": "440106", "stage": "开工"},
        {"id": "p2", "name": "乙项目", "district": "440106", "stage": "签约"},
        {"id": "p3", "name": "丙项目", "district": "440112", "stage": "注册"}], source="test")
    first = records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1",
                                           "period": EVALUATION_PERIOD, "annual_plan": 1000, "done_ytd": 300,
                                           "progress_text": "基础施工"})
    details.add_milestone(store, first.evaluation_id, {"name": "主体封顶", "planned_on": "2026-06"})
    details.add_problem(store, first.evaluation_id, {"description": "用地指标未落实", "category": "用地"})
    export_exchange(store, path, evaluation_periods=[EVALUATION_PERIOD])
    records.update_evaluation(store, first.evaluation_id, {"progress_text": "主体施工（我方）"})
    book = load_workbook(path)
    sheet = book["工作评估"]
    sheet.cell(2, _column(sheet, "形象进度")).value = "主体施工（对方）"
    sheet.cell(2, _column(sheet, "下步计划")).value = "加快主体施工"
    new = [None] * sheet.max_column
    for header, value in (("项目清单", "招商引资项目"), ("项目名称", "丙项目"), ("报告期", EVALUATION_PERIOD),
                          ("年度计划投资（万元）", 800), ("年初至今累计（万元）", 400)):
        new[_column(sheet, header) - 1] = value
    sheet.append(new)
    problems = book["问题"]
    problems.cell(2, _column(problems, "解决状态")).value = "已解决"
    added = [None] * problems.max_column
    for header, value in (("项目名称", "丙项目"), ("报告期", EVALUATION_PERIOD), ("问题描述", "环评批复未下达"),
                          ("问题类型", "审批")):
        added[_column(problems, header) - 1] = value
    problems.append(added)
    book.save(path)
    return path
