"""``evaluation_latest``: its SQL agrees with the Python period arithmetic, the triggers keep it equal to a
from-scratch rebuild through adds, edits, deletes, project changes and an import undo, a migrated database is
filled, and meeting statistics read from it equal those read from every evaluation."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from gzdesk.core import migrations
from gzdesk.core.evaluation import completion, details, latest_numbers, latest_scan, latest_table, records, stats
from gzdesk.core.evaluation.periods import Period, schedule_percent
from gzdesk.core.exchange.undo import apply_undo, plan_undo
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store
from tests.conftest import project

RANKS = {"quarter": 0, "dekad": 1, "month": 2}


def all_periods(year: int) -> list[Period]:
    return ([Period(year, "month", m) for m in range(1, 13)] + [Period(year, "quarter", q) for q in range(1, 5)]
            + [Period(year, "dekad", m, d) for m in range(1, 13) for d in range(3)])


@pytest.mark.parametrize("year", [2023, 2024, 2026, 2100])
def test_sql_period_arithmetic_equals_python(year: int) -> None:
    conn = sqlite3.connect(":memory:")
    end, rank = latest_table.period_end_sql("?1"), latest_table.period_rank_sql("?1")
    schedule = latest_table.schedule_from_january_sql(latest_table.period_end_sql("?1"))
    for period in all_periods(year):
        found = conn.execute(f"SELECT {end}, {rank}, {schedule}", [str(period)]).fetchone()
        assert found == (period.end.isoformat(), RANKS[period.kind], schedule_percent(period)), period  # bit-equal


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-Q5", "2026-q1", "2026-3", "2026-03-x", "２０２６-03", "",
                                  None, "2026-03-上旬"])
def test_sql_period_end_is_null_for_anything_else(text: str | None) -> None:
    conn = sqlite3.connect(":memory:")
    assert conn.execute(f"SELECT {latest_table.period_end_sql('?1')}", [text]).fetchone() == (None,)


def snapshot(store: Store) -> list[tuple[object, ...]]:
    return store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall()


def rebuilt(store: Store) -> list[tuple[object, ...]]:
    """The table computed from scratch (in a transaction rolled back, so the store is left as it was)."""
    store.conn.execute("BEGIN")
    try:
        latest_table.rebuild(store.conn)
        return snapshot(store)
    finally:
        store.conn.execute("ROLLBACK")


def add(store: Store, project_id: str, period: str, plan: object = 1000, done: object = 100, *,
        kind: str = "investment", **extra: object) -> str:
    return records.add_evaluation(store, {"project_kind": kind, "project_id": project_id, "period": period,
                                          "annual_plan": plan, "done_ytd": done, **extra}).evaluation_id


def test_triggers_keep_the_table_equal_to_a_rebuild(store: Store) -> None:
    store.create_many("investment", [project("甲", id="p1", stage="开工", actual_start="2026-02-10"),
                                     project("乙", id="p2", stage="签约")], source="test")
    store.create_many("expansion", [project("丙", id="e1", stage="开工")], source="test")
    march = add(store, "p1", "2026-03", 1000, 50)
    q1 = add(store, "p1", "2026-Q1", 1000, 60)  # ends the same day: the month stays the latest
    assert snapshot(store)[0][2] == march and snapshot(store) == rebuilt(store)
    add(store, "p1", "2026-03-下", 1000, 70)
    add(store, "p2", "2026-02", 0, 5)  # cannot be judged: completion NULL
    add(store, "e1", "2026-04-上", 500, 100, kind="expansion")
    assert snapshot(store) == rebuilt(store)
    row = {r[1]: r for r in snapshot(store)}
    assert row["p1"][3] == "2026-03" and row["p2"][8] is None and row["e1"][3:6] == ("2026-04-上", "2026-04-10", 1)
    records.update_evaluation(store, march, {"done_ytd": 400})  # an edit: numbers, judgement, light follow
    store.update("investment", "p1", {"stage": "投产", "actual_start": "2026-01-05"})  # copied project fields
    assert snapshot(store) == rebuilt(store)
    records.delete_evaluation(store, march)  # the 旬 ending the same day takes over
    assert {r[1]: r[3] for r in snapshot(store)}["p1"] == "2026-03-下" and snapshot(store) == rebuilt(store)
    store.conn.execute("UPDATE evaluation SET period = '2026-05' WHERE id = ?", [q1])  # any write path
    assert {r[1]: r[3] for r in snapshot(store)}["p1"] == "2026-05" and snapshot(store) == rebuilt(store)
    store.delete("investment", ["p2"])  # a deleted project leaves the table …
    assert "p2" not in {r[1] for r in snapshot(store)}
    store.create_many("investment", [project("乙", id="p2", stage="签约")], source="test")  # … and comes back
    assert "p2" in {r[1] for r in snapshot(store)} and snapshot(store) == rebuilt(store)


def test_an_undone_import_leaves_the_table_equal_to_a_rebuild(store: Store, tmp_path: Path) -> None:
    import openpyxl

    from gzdesk.core.excel.export_exchange import export_exchange
    from gzdesk.core.importer import apply_import, plan_import

    store.create_many("investment", [project("甲", id="p1", stage="开工"), project("乙", id="p2", stage="签约")],
                      source="test")
    evaluation_id = add(store, "p1", "2026-03", 1000, 300)
    details.add_problem(store, evaluation_id, {"description": "缺电"})
    path = export_exchange(store, tmp_path / "x.xlsx", evaluation_periods=["2026-03"]).path
    book = openpyxl.load_workbook(path)
    sheet = book["工作评估"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("年初至今累计（万元）") + 1, 20)
    new: list[object] = [None] * len(headers)
    new[headers.index("项目名称")], new[headers.index("报告期")] = "乙", "2026-04"
    new[headers.index("年度计划投资（万元）")], new[headers.index("年初至今累计（万元）")] = 100, 90
    sheet.append(new)
    book.save(path)
    before = snapshot(store)
    report = apply_import(store, plan_import(store, path))
    assert snapshot(store) == rebuilt(store) and snapshot(store) != before
    apply_undo(store, plan_undo(store, report.batch or ""))
    assert snapshot(store) == rebuilt(store) == before


def test_migration_fills_the_table_from_existing_evaluations(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(sqlite_utils.Database(conn, execute_plugins=False), stop_before=migrations.migration_names()[5])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    conn.execute("INSERT INTO investment (id, owner_office, created_at, updated_at, name, district, stage)"
                 " VALUES ('p1', 'local', 't', 't', '甲', '440106', '开工')")
    for rid, period, done in ((1, "2026-02", 10), (2, "2026-03", 30), (3, "2026-Q1", 40), (4, "垃圾", 99)):
        conn.execute("INSERT INTO evaluation (rid, id, owner_office, created_at, updated_at, project_kind, project_id,"
                     " period, annual_plan, done_ytd, light) VALUES (?, ?, 'local', 't', 't', 'investment', 'p1', ?,"
                     " 100, ?, '绿')", [rid, f"e{rid}", period, done])
    conn.close()
    with Store.open(path) as store:
        assert store.version == migrations.latest_version()
        rows = snapshot(store)
        assert [(r[1], r[2], r[3], r[7]) for r in rows] == [("p1", "e2", "2026-03", 30.0)]
        assert rows == rebuilt(store)


# ------------------------------------------------------- meeting statistics, both ways
def random_store(path: Path, seed: int) -> Store:
    """Projects of every list with random stages and start dates, and evaluations of every period kind over two
    years — some ending after the as-of dates tried, some overridden, some that cannot be judged."""
    dice = random.Random(seed)
    store = Store.open(path)
    stages = {"investment": ["签约", "开工", "投产", "线索"], "tech_transfer": ["签约", "登记认定", "产业化"],
              "expansion": ["备案", "开工", "竣工投产"]}
    start_field = {"investment": "actual_start", "tech_transfer": "contract_date", "expansion": "actual_start"}
    officials = ["张", "李", None]
    for kind, choices in stages.items():
        rows = []
        for index in range(40):
            start = dice.choice([None, f"2026-{dice.randint(1, 12):02d}-05", f"2025-{dice.randint(1, 12):02d}"])
            rows.append({**project(f"{kind}{index}", id=f"{kind}-{index}", stage=dice.choice(choices),
                                   official=dice.choice(officials)), start_field[kind]: start})
        store.create_many(kind, rows, source="test")
        for index in range(40):
            periods = dice.sample([*all_periods(2025), *all_periods(2026)], dice.randint(0, 8))
            for period in periods:
                extra = {"light": "红", "override_reason": "现场核实"} if dice.random() < 0.1 else {}
                plan = dice.choice([0, None, 100.0, 1000.0, 5000.5])
                add(store, f"{kind}-{index}", str(period), plan, round(dice.uniform(0, 1200), 1), kind=kind, **extra)
    return store


@pytest.fixture(scope="module", params=[1, 2, 3])
def random_evaluations(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = random_store(tmp_path_factory.mktemp("random") / "random.db", request.param)
    yield store
    store.close()


@pytest.mark.parametrize("as_of", ["2026-04-15", "2026-06-30", "2026-11-28", "2026-12-31", "2025-08-10",
                                   "2027-01-05"])
def test_meeting_stats_from_the_table_equal_a_scan(random_evaluations: Store, as_of: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = random_evaluations
    day = dt.date.fromisoformat(as_of)
    for queries, top in ((None, 20), (None, 3), ({"investment": Query(filters=(Filter("official", "=", "张"),))}, 5),
                         ({"expansion": Query(search="expansion1")}, 20)):
        fast = stats.meeting_stats(store, as_of=day, queries=queries, top=top)
        monkeypatch.setattr(latest_numbers, "FEW", 0)  # the previous evaluations walked on their index, not sorted
        walked = stats.meeting_stats(store, as_of=day, queries=queries, top=top)
        monkeypatch.undo()
        monkeypatch.setattr(stats, "USE_LATEST_TABLE", False)
        scanned = stats.meeting_stats(store, as_of=day, queries=queries, top=top)
        monkeypatch.undo()
        assert fast == walked == scanned
    for item in completion.plan_completion(store, as_of=day):  # table + later projects = scanning them all
        count, plan, done = latest_scan.plan_sums(store, item.list_key, Query(), day, later_only=False)
        assert (item.projects, item.annual_plan, item.done_ytd) == (count, pytest.approx(plan), pytest.approx(done))
    assert snapshot(store) == rebuilt(store)


def test_reports_entered_before_their_period_ended(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """As of 20 November, a November report already entered does not count yet: October's does (the previous
    evaluation on the row); as of 15 October, September's (older than both: read by the scan)."""
    store.create_many("investment", [project("甲", id="p1", stage="开工"), project("乙", id="p2", stage="开工")],
                      source="test")
    add(store, "p1", "2026-09", 1000, 700)  # 70 % vs 74.8 %: 正常
    add(store, "p1", "2026-10", 1000, 100)  # 10 % vs 83.3 %: 严重滞后
    add(store, "p1", "2026-11", 1000, 900)  # 90 % vs 91.5 %: 正常
    add(store, "p2", "2026-10", 1000, 800)  # 80 % vs 83.3 %: 正常
    for as_of, lights in (("2026-11-20", {"红": 1, "绿": 1}), ("2026-10-15", {"绿": 1}), ("2026-12-01", {"绿": 2})):
        day = dt.date.fromisoformat(as_of)
        fast = stats.meeting_stats(store, as_of=day)
        monkeypatch.setattr(stats, "USE_LATEST_TABLE", False)
        assert stats.meeting_stats(store, as_of=day) == fast
        monkeypatch.setattr(stats, "USE_LATEST_TABLE", True)
        assert fast.lists[0].lights == lights, as_of
    assert [b.period for b in stats.meeting_stats(store, as_of=dt.date(2026, 11, 20)).ranking] == ["2026-10", "2026-10"]
