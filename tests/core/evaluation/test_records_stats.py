"""Evaluation records, overrides, overdue detection, meeting statistics (hand-computed) and the changes list."""

from __future__ import annotations

import datetime as dt

import pytest

from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.evaluation import changes, listing, records, stats
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store

PROJECTS = [
    {"id": "p1", "name": "甲项目", "district": "440106", "stage": "开工", "official": "张", "agreed_investment": 1000,
     "funds_arrived": 500, "total_investment": 2000, "planned_start": "2026-03", "actual_start": "2026-02-10"},
    {"id": "p2", "name": "乙项目", "district": "440106", "stage": "签约", "official": "李", "agreed_investment": 3000,
     "funds_arrived": 0, "total_investment": 4000, "planned_start": "2026-02"},
    {"id": "p3", "name": "丙项目", "district": "440112", "stage": "注册", "official": "张", "total_investment": 1000},
    {"id": "p4", "name": "丁项目", "district": "440112", "stage": "线索"},
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.create_many("investment", PROJECTS, source="test")
    return store


def add(store: Store, project_id: str, period: str, plan: object, done: object, **extra: object) -> str:
    write = records.add_evaluation(store, {"project_kind": "investment", "project_id": project_id, "period": period,
                                           "annual_plan": plan, "done_ytd": done, "reported_on": "2026-04-02",
                                           **extra})
    return write.evaluation_id


def test_add_judges_and_refuses_duplicate(filled: Store) -> None:
    evaluation_id = add(filled, "p1", "2026-03", 1000, 50)  # 5 % vs 序时 from its Feb start 59/334 = 17.7 %
    row = filled.record("evaluation", evaluation_id)
    assert row is not None and (row["judgement"], row["light"]) == ("滞后", "黄")
    with pytest.raises(InputRefused) as caught:
        add(filled, "p1", "2026-03", 1000, 100)
    assert caught.value.code == "evaluation.duplicate"
    with pytest.raises(NotFound):
        add(filled, "nope", "2026-03", 1, 1)


def test_cannot_judge_is_stored_blank(filled: Store) -> None:
    row = filled.record("evaluation", add(filled, "p2", "2026-03", 0, 5))
    assert row is not None and row["judgement"] is None and row["light"] is None


def test_override_needs_reason_and_is_kept(filled: Store) -> None:
    with pytest.raises(InputRefused) as caught:
        add(filled, "p2", "2026-03", 1000, 10, light="绿")
    assert caught.value.code == "evaluation.reason_required"
    evaluation_id = add(filled, "p2", "2026-03", 1000, 10, judgement="正常", light="绿", override_reason="土地已摘牌")
    records.update_evaluation(filled, evaluation_id, {"done_ytd": 20})
    row = filled.record("evaluation", evaluation_id)
    assert row is not None and (row["light"], row["override_reason"], row["done_ytd"]) == ("绿", "土地已摘牌", 20)
    assert records.computed_verdict(filled, row).light == "黄"  # 2 % vs 24.7 %
    records.update_evaluation(filled, evaluation_id, {"override_reason": None})
    row = filled.record("evaluation", evaluation_id)
    assert row is not None and (row["light"], row["override_reason"]) == ("黄", None)


def test_ratio_rule_setting(filled: Store) -> None:
    records.set_office_rule(filled, "ratio")
    row = filled.record("evaluation", add(filled, "p3", "2026-Q2", 1000, 300))  # 30 / 49.6 = 0.60 → 滞后
    assert row is not None and row["light"] == "黄"
    with pytest.raises(InputRefused):
        records.set_office_rule(filled, "median")


def test_overdue_timeline_and_lights(filled: Store) -> None:
    add(filled, "p1", "2026-02", 1000, 50)
    add(filled, "p1", "2026-03", 1000, 50)
    assert [p.project_id for p in listing.overdue(filled, "2026-03")] == ["p2", "p3"]  # p4 is a lead: not due
    assert [row["period"] for row in listing.timeline(filled, "p1")] == ["2026-03", "2026-02"]
    assert [p.project_id for p, _ in listing.lights(filled, "2026-03")] == ["p1"]
    assert len(listing.for_period(filled, "2026-03", kind="investment")) == 1


def test_meeting_stats_hand_computed(filled: Store) -> None:
    add(filled, "p1", "2026-02", 1000, 50)
    add(filled, "p1", "2026-03", 1000, 50)
    add(filled, "p2", "2026-03", 1000, 400)
    result = stats.meeting_stats(filled, as_of=dt.date(2026, 4, 15), queries={"investment": Query()})
    numbers = result.lists[0]
    assert numbers.count == 4 and numbers.totals == (7000.0, 4000.0, 500.0)
    by_district = {g.key: (g.count, g.amounts[0]) for g in numbers.groups["district"]}
    assert by_district == {"440106": (2, 6000.0), "440112": (2, 1000.0)}
    assert {g.key: g.count for g in numbers.groups["official"]} == {"张": 2, "李": 1, None: 1}
    rates = {r.key: r.value for r in numbers.rates}
    assert rates["start_rate"] == pytest.approx(1 / 3)  # 开工 of 签约/注册/开工
    assert rates["landing_rate"] == pytest.approx(2 / 3)  # 注册, 开工
    assert rates["funds_rate"] == pytest.approx(500 / 4000)
    assert rates["performance_rate"] == pytest.approx(1 / 2)  # p1 started Feb ≤ planned Mar; p2 planned Feb, not started
    assert result.due_period == "2026-03"
    assert [p.project_id for p in result.overdue] == ["p3"] and result.overdue_count == 1
    assert stats.meeting_stats(filled, as_of=dt.date(2026, 4, 15), overdue_limit=0).overdue_count == 1
    # p1: 5 % done vs 序时 from its February start (28+31)/(365-31) = 17.7 % → 滞后 黄; p2: 40 % vs 24.7 % → 超前
    ranking = [(b.project.project_id, round(b.gap, 1)) for b in result.ranking]
    assert ranking == [("p1", round(5 - 59 / 334 * 100, 1)), ("p2", round(40 - 90 / 365 * 100, 1))]
    assert [b.project.project_id for b in result.yellow] == ["p1"] and result.red == ()
    assert numbers.lights == {"黄": 1, "绿": 1} and numbers.evaluated == 2
    filtered = stats.meeting_stats(filled, as_of=dt.date(2026, 4, 15),
                                   queries={"investment": Query(filters=(Filter("official", "=", "李"),))})
    assert filtered.lists[0].count == 1 and [b.project.project_id for b in filtered.ranking] == ["p2"]
    assert filtered.overdue == () and filtered.overdue_count == 0


def test_changed_since_from_audit(filled: Store) -> None:
    filled.update("investment", "p2", {"stage": "注册"}, source="import")
    found = changes.changed_between(filled, "2000-01-01")
    stage = [c for c in found if c.field == "stage"]
    assert len(stage) == 1 and (stage[0].old, stage[0].new, stage[0].source) == ("签约", "注册", "import")
    assert changes.changed_between(filled, "2999-01-01") == []
    reporters = {(r.source, r.entity): r.records for r in changes.reporters_between(filled, "2000-01-01")}
    assert reporters[("test", "investment")] == 4 and reporters[("import", "investment")] == 1
