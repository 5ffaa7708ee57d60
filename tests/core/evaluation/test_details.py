"""An evaluation's milestones and problems: add, edit, status rules, audit, and deletion with the evaluation."""

from __future__ import annotations

import pytest

from gzdesk.core import audit
from gzdesk.core.errors import InputRefused, InvalidValues, NotFound
from gzdesk.core.evaluation import details, records
from gzdesk.core.store import Store


@pytest.fixture
def evaluation_id(store: Store) -> str:
    store.create_many("investment", [{"id": "p1", "name": "甲项目", "district": "440106", "stage": "开工"}],
                      source="test")
    write = records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                                           "annual_plan": 1000, "done_ytd": 300})
    return write.evaluation_id


def test_milestones_added_completed_and_audited(store: Store, evaluation_id: str) -> None:
    first = details.add_milestone(store, evaluation_id, {"name": "主体结构封顶", "planned_on": "2026-06"})
    done = details.add_milestone(store, evaluation_id, {"name": "取得施工许可证", "planned_on": "2026-02-28",
                                                        "done_on": "2026-02-20"})
    rows = details.details_of(store, details.MILESTONES, [evaluation_id])
    assert [(r["name"], r["status"]) for r in rows] == [("主体结构封顶", None), ("取得施工许可证", "已完成")]
    milestone_id = first.created[0]
    change = details.complete_milestone(store, milestone_id, done_on="2026-05-30")
    assert set(change.updated[milestone_id]) == {"status", "done_on"}
    row = details.detail(store, details.MILESTONES, milestone_id)
    assert (row["status"], row["done_on"], row["revision"]) == ("已完成", "2026-05-30", 2)
    actions = [(e.action, e.field) for e in audit.history(store.conn, milestone_id)]
    assert actions[0] == ("create", None) and sorted(actions[1:]) == [("update", "done_on"), ("update", "status")]
    assert done.entity == "evaluation_milestone"


def test_problem_status_rules(store: Store, evaluation_id: str) -> None:
    problem_id = details.add_problem(store, evaluation_id, {"description": "用地指标未落实", "category": "用地",
                                                            "responsible_unit": "区规划和自然资源局",
                                                            "due_on": "2026-04-30", "needs_leader": True}).created[0]
    assert details.detail(store, details.PROBLEMS, problem_id)["status"] == "未解决"
    details.resolve_problem(store, problem_id, resolved_on="2026-04-20", resolution="已完成土地摘牌")
    row = details.detail(store, details.PROBLEMS, problem_id)
    assert (row["status"], row["resolved_on"], row["resolution"]) == ("已解决", "2026-04-20", "已完成土地摘牌")
    assert details.open_problems(store) == []
    details.reopen_problem(store, problem_id)
    row = details.detail(store, details.PROBLEMS, problem_id)
    assert (row["status"], row["resolved_on"]) == ("未解决", None)
    assert [p["id"] for p in details.open_problems(store)] == [problem_id]
    with pytest.raises(InputRefused) as refused:
        details.update_detail(store, details.PROBLEMS, problem_id, {"resolved_on": "2026-05-01"})
    assert refused.value.code == "problem.resolved_open"
    resolved = details.add_problem(store, evaluation_id, {"description": "资金到位慢", "resolved_on": "2026-03-01"})
    assert details.detail(store, details.PROBLEMS, resolved.created[0])["status"] == "已解决"


def test_refusals(store: Store, evaluation_id: str) -> None:
    with pytest.raises(NotFound):
        details.add_problem(store, "missing", {"description": "x"})
    with pytest.raises(InvalidValues):
        details.add_problem(store, evaluation_id, {"description": "x", "category": "天气"})
    with pytest.raises(InvalidValues):
        details.add_milestone(store, evaluation_id, {"name": "x", "planned_on": "明年"})
    milestone_id = details.add_milestone(store, evaluation_id, {"name": "开工"}).created[0]
    with pytest.raises(InputRefused) as refused:
        details.update_detail(store, details.MILESTONES, milestone_id, {"evaluation_id": "other"})
    assert refused.value.code == "detail.fixed_evaluation"
    with pytest.raises(NotFound):
        details.detail(store, details.PROBLEMS, milestone_id)


def test_deleting_an_evaluation_deletes_its_details_audited(store: Store, evaluation_id: str) -> None:
    milestone_id = details.add_milestone(store, evaluation_id, {"name": "开工"}).created[0]
    problem_id = details.add_problem(store, evaluation_id, {"description": "缺电"}).created[0]
    changes = records.delete_evaluation(store, evaluation_id)
    assert [(c.entity, c.deleted) for c in changes] == [("evaluation_milestone", (milestone_id,)),
                                                        ("evaluation_problem", (problem_id,)),
                                                        ("evaluation", (evaluation_id,))]
    assert store.record("evaluation", evaluation_id) is None
    assert details.details_of(store, details.PROBLEMS, [evaluation_id]) == []
    deleted = audit.history(store.conn, problem_id)[-1]
    assert deleted.action == "delete" and isinstance(deleted.old, dict) and deleted.old["description"] == "缺电"
    with pytest.raises(NotFound):
        records.delete_evaluation(store, evaluation_id)


def test_details_are_found_by_search(store: Store, evaluation_id: str) -> None:
    from gzdesk.core.query import Query

    details.add_problem(store, evaluation_id, {"description": "征地拆迁进度慢"})
    found = store.rows("evaluation_problem", store.ordered_ids("evaluation_problem", Query(search="拆迁")))
    assert [row["description"] for row in found] == ["征地拆迁进度慢"]
