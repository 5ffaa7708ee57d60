"""履约率 on a small dataset worked out by hand: only projects with an agreement (investment 签约 or later, expansion
备案 or later; not 暂缓/终止, not 线索/在谈/谋划) whose planned start month has come count; of those, the ones that
started by their planned month. The meeting statistics and the drill-down list agree."""

from __future__ import annotations

import datetime as dt

import pytest

from gzdesk.core.evaluation import drilldown, stats
from gzdesk.core.evaluation.drilldown import Bar
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store

AS_OF = dt.date(2026, 4, 15)  # the as-of month is 2026-04
INVESTMENT = [  # (id, stage, planned start, actual start): counted? on time?
    ("a", "签约", "2026-02", "2026-02-10"),  # yes, on time (same month)
    ("b", "开工", "2026-01", "2026-03-01"),  # yes, late
    ("c", "在谈", "2026-02", None),  # no agreement yet: not counted
    ("d", "终止", "2026-01", None),  # terminated: not counted
    ("e", "暂缓", "2026-02", None),  # on hold: not counted
    ("f", "投产", "2026-06", "2026-05-01"),  # planned month still to come: not counted
    ("g", "注册", "2026-03", "2026-02-20"),  # yes, early
    ("h", "线索", "2026-01", "2026-01-05"),  # a lead that "started": not counted
    ("i", "供地", "2026-04-30", None),  # yes (April has come, compared by month), not started
    ("j", "开工", None, "2026-01-01"),  # no planned start: not counted
]
EXPANSION = [
    ("x", "备案", "2026-03", "2026-03-05"),  # yes, on time
    ("y", "谋划", "2026-02", "2026-02-01"),  # not filed: not counted
    ("z", "竣工投产", "2026-01", "2026-02"),  # yes, late
]


@pytest.fixture
def projects(store: Store) -> Store:
    for kind, rows, district in (("investment", INVESTMENT, "440106"), ("expansion", EXPANSION, "440112")):
        store.create_many(kind, [{"id": i, "name": f"{i}项目", "district": district, "stage": stage,
                                  "planned_start": planned, "actual_start": actual}
                                 for i, stage, planned, actual in rows], source="test")
    return store


def rate(store: Store, kind: str, query: Query = Query()) -> tuple[float, float]:
    result = stats.meeting_stats(store, as_of=AS_OF, queries={kind: query})
    found = next(r for r in result.lists[0].rates if r.key == "performance_rate")
    return found.numerator, found.denominator


def drilled(store: Store, kind: str, query: Query = Query()) -> list[str]:
    rids = drilldown.projects_behind(store, Bar(kind, "rate", "performance_rate"), as_of=AS_OF, query=query)
    return sorted(str(r["id"]) for r in store.rows(kind, rids))


def test_only_projects_with_an_agreement_whose_planned_month_has_come(projects: Store) -> None:
    assert rate(projects, "investment") == (2, 4)  # a, g of a, b, g, i
    assert drilled(projects, "investment") == ["a", "g"]
    assert rate(projects, "expansion") == (1, 2)  # x of x, z
    assert drilled(projects, "expansion") == ["x"]


def test_a_filter_applies_to_both(projects: Store) -> None:
    query = Query(filters=(Filter("stage", "in", ("签约", "开工", "线索")),))
    assert rate(projects, "investment", query) == (1, 2)  # a of a, b (h is a lead, j has no plan)
    assert drilled(projects, "investment", query) == ["a"]


def test_the_explanation_says_the_same(projects: Store) -> None:
    result = stats.meeting_stats(projects, as_of=AS_OF, queries={"investment": Query(), "expansion": Query()})
    explain = {numbers.list_key: next(r for r in numbers.rates if r.key == "performance_rate")
               for numbers in result.lists}
    assert explain["investment"].explain_zh.startswith("签约及以后阶段（不含暂缓、终止）")
    assert explain["expansion"].explain_en.startswith("of the projects filed or later (not on hold or terminated)")
