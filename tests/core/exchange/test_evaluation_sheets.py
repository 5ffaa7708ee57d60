"""Evaluations with their milestones and problems through a real exchange workbook: exported, edited in openpyxl
(as a colleague would in Excel), imported back (new rows inserted, existing ones matched and merged), undone."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gzdesk.core import audit
from gzdesk.core.errors import DecisionNeeded
from gzdesk.core.evaluation import details, latest_table, records
from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.exchange.undo import apply_undo, plan_undo
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store

PERIOD = "2026-03"


@pytest.fixture
def evaluated(store: Store) -> Store:
    store.create_many("investment", [
        {"id": "p1", "name": "甲项目", "district": "440106", "stage": "开工"},
        {"id": "p2", "name": "乙项目", "district": "440106", "stage": "签约"},
        {"id": "p3", "name": "丙项目", "district": "440112", "stage": "注册"}], source="test")
    first = records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1", "period": PERIOD,
                                           "annual_plan": 1000, "done_ytd": 300, "progress_text": "基础施工"})
    records.add_evaluation(store, {"project_kind": "investment", "project_id": "p2", "period": "2026-02",
                                   "annual_plan": 500, "done_ytd": 10})
    details.add_milestone(store, first.evaluation_id, {"name": "主体封顶", "planned_on": "2026-06"})
    details.add_problem(store, first.evaluation_id, {"description": "用地指标未落实", "category": "用地"})
    return store


def rows_of(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def blank(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[object]:
    return [None] * sheet.max_column


def column(sheet: openpyxl.worksheet.worksheet.Worksheet, header: str) -> int:
    return [cell.value for cell in sheet[1]].index(header) + 1


def latest_matches_rebuild(store: Store) -> None:
    kept = store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall()
    with store.transaction() as conn:
        latest_table.rebuild(conn)
    assert store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall() == kept


def test_sheets_hold_the_periods_evaluations_and_their_details(evaluated: Store, tmp_path: Path) -> None:
    path = export_exchange(evaluated, tmp_path / "交换表.xlsx", evaluation_periods=[PERIOD]).path
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:7] == ["填报说明", "招商引资项目", "科技成果转化项目", "增资扩产项目", "工作评估", "节点",
                                   "问题"]
    evaluations = rows_of(book["工作评估"])
    assert evaluations[0][:6] == ["评估编号（请勿修改）", "项目清单", "项目名称", "项目标识", "报告期", "填报日期"]
    assert len(evaluations) == 2  # only the period asked for
    row = dict(zip(evaluations[0], evaluations[1], strict=True))
    assert (row["项目清单"], row["项目名称"], row["报告期"], row["年初至今累计（万元）"], row["灯色"]) == \
        ("招商引资项目", "甲项目", PERIOD, 300, "绿")
    problems = rows_of(book["问题"])
    assert problems[0][:5] == ["问题编号（请勿修改）", "项目名称", "报告期", "评估编号", "问题类型"]
    assert problems[1][1:6] == ["甲项目", PERIOD, row["评估编号（请勿修改）"], "用地", "用地指标未落实"]
    assert rows_of(book["节点"])[1][4:6] == ["主体封顶", "2026-06"]
    plan = plan_import(evaluated, path)  # the untouched file: nothing to do, and no evaluation taken for a list
    assert plan.counts()["new"] == 0 and plan.problems == () and not plan.evaluations.has_changes(accept_foreign=True)
    assert plan.not_in_file == ()


def test_edited_sheets_fold_in_and_undo_restores(evaluated: Store, tmp_path: Path) -> None:
    store = evaluated
    path = export_exchange(store, tmp_path / "交换表.xlsx", evaluation_periods=[PERIOD]).path
    book = openpyxl.load_workbook(path)
    sheet = book["工作评估"]
    sheet.cell(2, column(sheet, "年初至今累计（万元）"), 100)  # 10 % vs 序时 24.7 % → 滞后 黄
    sheet.cell(2, column(sheet, "下步计划")).value = "加快主体施工"
    new = blank(sheet)
    new[column(sheet, "项目清单") - 1] = "招商引资项目"
    new[column(sheet, "项目名称") - 1] = "丙项目"
    new[column(sheet, "报告期") - 1] = "2026-03"
    new[column(sheet, "年度计划投资（万元）") - 1] = 800
    new[column(sheet, "年初至今累计（万元）") - 1] = 400
    new[column(sheet, "灯色") - 1] = "红"  # another office's light, without a reason: our rule judges again
    sheet.append(new)
    problems = book["问题"]
    problems.cell(2, column(problems, "解决状态"), "已解决")
    problems.cell(2, column(problems, "解决日期"), "2026-04-10")
    added = blank(problems)
    added[column(problems, "项目名称") - 1] = "丙项目"
    added[column(problems, "报告期") - 1] = "2026-03"
    added[column(problems, "问题描述") - 1] = "环评批复未下达"
    added[column(problems, "问题类型") - 1] = "审批手续"  # a synonym of 审批
    added[column(problems, "需领导协调") - 1] = "是"
    problems.append(added)
    book.save(path)

    plan = plan_import(store, path)
    assert plan.problems == ()
    assert plan.evaluations.counts()["evaluation"] == {"new": 1, "updated": 1, "unchanged": 0, "conflicts": 0,
                                                       "held": 0}
    assert plan.evaluations.counts()["evaluation_problem"]["new"] == 1
    report = apply_import(store, plan)
    first = store.record("evaluation", records.existing_id(store, "p1", PERIOD) or "")
    assert first is not None and (first["done_ytd"], first["next_steps"], first["light"]) == (100, "加快主体施工", "黄")
    third = store.record("evaluation", records.existing_id(store, "p3", PERIOD) or "")
    assert third is not None and third["light"] == "绿" and third["override_reason"] is None  # 50 % vs 24.7 %
    found = details.details_of(store, details.PROBLEMS, [str(first["id"]), str(third["id"])])
    assert [(p["description"], p["status"], p["category"], p["needs_leader"]) for p in found] == [
        ("用地指标未落实", "已解决", "用地", None), ("环评批复未下达", "未解决", "审批", True)]
    entries = audit.entries_for_batch(store.conn, report.batch or "")
    assert {e.entity for e in entries} == {"evaluation", "evaluation_problem"}
    assert all(e.origin and e.origin.startswith("交换表.xlsx!") for e in entries)
    latest_matches_rebuild(store)

    undo = plan_undo(store, report.batch or "")
    apply_undo(store, undo)
    first = store.record("evaluation", str(first["id"]))
    assert first is not None and (first["done_ytd"], first["light"]) == (300, "绿")
    assert records.existing_id(store, "p3", PERIOD) is None
    assert [p["status"] for p in details.details_of(store, details.PROBLEMS, [str(first["id"])])] == ["未解决"]
    latest_matches_rebuild(store)


def test_conflicts_and_refused_rows(evaluated: Store, tmp_path: Path) -> None:
    store = evaluated
    path = export_exchange(store, tmp_path / "交换表.xlsx", evaluation_periods=[PERIOD]).path
    evaluation_id = records.existing_id(store, "p1", PERIOD) or ""
    records.update_evaluation(store, evaluation_id, {"progress_text": "我们改的"})
    book = openpyxl.load_workbook(path)
    sheet = book["工作评估"]
    sheet.cell(2, column(sheet, "形象进度"), "他们改的")
    orphan = blank(sheet)
    orphan[column(sheet, "项目名称") - 1] = "不存在的项目"
    orphan[column(sheet, "报告期") - 1] = "2026-03"
    sheet.append(orphan)
    bad_period = blank(sheet)
    bad_period[column(sheet, "项目名称") - 1] = "乙项目"
    bad_period[column(sheet, "报告期") - 1] = "2026年3月上旬吧"
    sheet.append(bad_period)
    book.save(path)
    plan = plan_import(store, path)
    assert {(p.sheet, p.row, p.code) for p in plan.problems} == {
        ("工作评估", 3, "evaluation_import.no_project"), ("工作评估", 4, "evaluation.bad_period")}
    assert [c.field for u in plan.evaluations.conflicts for c in u.conflicts] == ["progress_text"]
    with pytest.raises(DecisionNeeded):
        apply_import(store, plan, skip_invalid=True)
    apply_import(store, plan, skip_invalid=True, choices={(evaluation_id, "progress_text"): "theirs"})
    row = store.record("evaluation", evaluation_id)
    assert row is not None and row["progress_text"] == "他们改的"


def test_english_sheets_fold_in_too(evaluated: Store, tmp_path: Path) -> None:
    path = export_exchange(evaluated, tmp_path / "exchange.xlsx", evaluation_periods=[PERIOD], lang="en").path
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[4:7] == ["Evaluations", "Milestones", "Problems"]
    sheet = book["Evaluations"]
    assert sheet.cell(2, column(sheet, "Project list")).value == "Investment promotion"
    sheet.cell(2, column(sheet, "Next steps"), "Pour the second floor")
    milestones = book["Milestones"]
    added = blank(milestones)
    added[column(milestones, "Evaluation id") - 1] = sheet.cell(2, 1).value
    added[column(milestones, "Milestone") - 1] = "二层浇筑"
    added[column(milestones, "Planned date") - 1] = "2026-05"
    milestones.append(added)
    book.save(path)
    plan = plan_import(evaluated, path)
    assert plan.problems == ()
    apply_import(evaluated, plan)
    evaluation_id = str(sheet.cell(2, 1).value)
    row = evaluated.record("evaluation", evaluation_id)
    assert row is not None and row["next_steps"] == "Pour the second floor"
    assert [m["name"] for m in details.details_of(evaluated, details.MILESTONES, [evaluation_id])] == ["主体封顶", "二层浇筑"]


def test_a_project_new_in_the_file_gets_its_evaluation_and_problem_in_the_same_import(evaluated: Store,
                                                                                       tmp_path: Path) -> None:
    store = evaluated
    path = export_exchange(store, tmp_path / "交换表.xlsx", evaluation_periods=[PERIOD]).path
    book = openpyxl.load_workbook(path)
    projects = book["招商引资项目"]
    for name, district in (("丁项目", "天河区"), ("戊项目", "没有这个区")):  # the second row is invalid
        added = blank(projects)
        added[column(projects, "项目名称") - 1] = name
        added[column(projects, "所属区") - 1] = district
        projects.append(added)
    evaluations = book["工作评估"]
    for name in ("丁项目", "戊项目"):
        new = blank(evaluations)
        new[column(evaluations, "项目清单") - 1] = "招商引资项目"
        new[column(evaluations, "项目名称") - 1] = name
        new[column(evaluations, "报告期") - 1] = PERIOD
        new[column(evaluations, "年度计划投资（万元）") - 1] = 1000
        new[column(evaluations, "年初至今累计（万元）") - 1] = 100
        evaluations.append(new)
    problems = book["问题"]
    added = blank(problems)
    added[column(problems, "项目名称") - 1] = "丁项目"
    added[column(problems, "报告期") - 1] = PERIOD
    added[column(problems, "问题描述") - 1] = "施工许可待办"
    problems.append(added)
    book.save(path)

    plan = plan_import(store, path)
    refused = {(p.sheet, p.row, p.code) for p in plan.problems}
    assert ("工作评估", 4, "evaluation_import.no_project") in refused  # 戊项目's own row is invalid: not created
    assert all(sheet != "工作评估" or row == 4 for sheet, row, _ in refused)
    assert plan.evaluations.counts()["evaluation"]["new"] == 1
    assert plan.evaluations.counts()["evaluation_problem"]["new"] == 1
    apply_import(store, plan, skip_invalid=True)
    project = store.conn.execute("SELECT id FROM investment WHERE name = '丁项目'").fetchone()
    assert project is not None
    evaluation_id = records.existing_id(store, project[0], PERIOD)
    assert evaluation_id is not None
    evaluation = store.record("evaluation", evaluation_id)
    assert evaluation is not None and (evaluation["done_ytd"], evaluation["light"]) == (100, "黄")
    found = details.details_of(store, details.PROBLEMS, [evaluation_id])
    assert [p["description"] for p in found] == ["施工许可待办"]
    assert store.conn.execute("SELECT count(*) FROM investment WHERE name = '戊项目'").fetchone()[0] == 0
    latest_matches_rebuild(store)
