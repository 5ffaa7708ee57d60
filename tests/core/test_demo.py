"""fill_demo: realistic, valid, consistent and reproducible sample data in a real SQLite file."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from gzdesk.core import batches, records, schema
from gzdesk.core.demo import DemoReport, fill_demo, judge
from gzdesk.core.errors import Cancelled, InputRefused
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store
from gzdesk.core.validate import credit_code_problem

TODAY = dt.date(2026, 11, 28)  # evaluations for 2026-01 … 2026-10
PROJECTS = 1200
TIMESTAMPS = ("created_at", "updated_at")
ACTIVE = {
    "investment": {"签约", "注册", "供地", "开工", "投产"},
    "tech_transfer": {"签约", "登记认定", "概念验证/中试", "小批量试产"},
    "expansion": {"备案", "开工", "设备安装", "竣工投产"},
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoReport]]:
    store = Store.open(tmp_path_factory.mktemp("demo") / "x.db")
    report = fill_demo(store, projects=PROJECTS, today=TODAY)
    yield store, report
    store.close()


def rows(store: Store, kind: str) -> list[dict[str, object]]:
    return list(store.iter_records(kind))


def stage_rank(kind: str, stage: object) -> int:
    """The index of a main stage in its list's order; -1 for 暂缓/终止."""
    vocabulary = schema.entity(kind).stages
    assert vocabulary is not None
    path = [s for s in vocabulary.values if s not in ("暂缓", "终止")]
    return path.index(str(stage)) if stage in path else -1


def not_after(earlier: object, later: object) -> bool:
    """Date order that respects month precision: "2025-07" is neither before nor after "2025-07-15"."""
    a, b = str(earlier), str(later)
    size = min(len(a), len(b))
    return a[:size] <= b[:size]


def in_order(dates: list[object]) -> bool:
    return all(not_after(earlier, later) for earlier, later in itertools.pairwise(dates))


def schedule(period: str) -> float:
    year, month = int(period[:4]), int(period[5:7])
    end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    start = dt.date(year, 1, 1)
    return (end - start).days / (dt.date(year + 1, 1, 1) - start).days * 100


def expected_light(done_ytd: float, annual_plan: float, period: str) -> tuple[str, str]:
    gap = done_ytd / annual_plan * 100 - schedule(period)
    if gap >= 10:
        return "超前", "绿"
    if gap > -10:
        return "正常", "绿"
    if gap >= -30:
        return "滞后", "黄"
    return "严重滞后", "红"


# ------------------------------------------------------------------------------------------------- counts
def test_counts_per_list_add_up_and_match_the_store(filled: tuple[Store, DemoReport]) -> None:
    store, report = filled
    assert report.projects == PROJECTS
    assert (report.investment, report.tech_transfer, report.expansion) == (600, 240, 360)
    assert report.counts == {kind: store.count(kind) for kind in report.counts}
    assert (report.office, report.official, report.enterprise) == (11, 14, 500)
    assert report.evaluation > 0
    batch = batches.get(store, report.batch)
    assert batch is not None and (batch.kind, batch.status) == ("demo", "done")
    assert batch.summary["investment"] == 600 and batch.summary["seed"] == 2026
    assert {entry.batch for entry in store.history(str(rows(store, "investment")[0]["id"]))} == {report.batch}


def test_enterprise_count_follows_the_number_of_projects(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.db") as store:
        report = fill_demo(store, projects=5, today=TODAY)
        assert report.projects == 5 and report.enterprise == 20
        assert store.count("enterprise") == 20
    with Store.open(tmp_path / "y.db") as store:
        report = fill_demo(store, projects=0, today=TODAY)
        assert (report.projects, report.evaluation, report.enterprise) == (0, 0, 20)


# -------------------------------------------------------------------------------------------------- values
@pytest.mark.parametrize("kind", [e.key for e in schema.ENTITIES])
def test_every_entity_passes_check_record(filled: tuple[Store, DemoReport], kind: str) -> None:
    store, _ = filled
    entity = schema.entity(kind)
    sample = rows(store, kind)[:2000]
    assert len(sample) >= (200 if entity.is_project_list or kind in ("enterprise", "evaluation") else 11)
    for row in sample:
        values = {f.key: row[f.key] for f in entity.fields}
        assert records.check_record(entity, values) == [], row


def test_credit_codes_are_valid_and_shared_with_the_enterprise(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    enterprises = {row["name"]: row for row in rows(store, "enterprise")}
    for row in enterprises.values():
        code = str(row["credit_code"])
        assert credit_code_problem(code) is None and code.startswith("91" + str(row["district"]))
    for kind in schema.LIST_KEYS:
        for row in rows(store, kind):
            assert enterprises[row["enterprise"]]["credit_code"] == row["credit_code"]


def test_enterprises_look_like_guangzhou_companies(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    enterprises = rows(store, "enterprise")
    assert len({row["name"] for row in enterprises}) == len(enterprises)
    assert all(str(row["name"]).endswith("有限公司") for row in enterprises)
    assert sum(str(row["name"]).startswith("广州") for row in enterprises) > 400
    key = [row for row in enterprises if row["key_enterprise"]]
    assert len(key) == 90 and all(row["official"] for row in key)
    assert 50 < sum(bool(row["tags"]) for row in enterprises) < 300


def test_officials_support_two_or_three_industries_covering_all(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    names = {industry.name_zh for industry in store.reference.industries.values()}
    covered: set[str] = set()
    for row in rows(store, "official"):
        industries = str(row["industries"]).split("、")
        assert 2 <= len(industries) <= 3 and set(industries) <= names and row["title"]
        covered |= set(industries)
    assert covered == names


def test_projects_have_realistic_money(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    for kind in schema.LIST_KEYS:
        for row in rows(store, kind):
            total = float(row["total_investment"])  # type: ignore[arg-type]
            assert 2_000 <= total <= 2_000_000
            assert row["completed_investment"] is None or row["completed_investment"] <= total  # type: ignore[operator]
    for row in rows(store, "investment"):
        if row["funds_arrived"] is not None:
            assert row["funds_arrived"] <= row["agreed_investment"]  # type: ignore[operator]


def test_list_split_officials_and_phones(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    projects = [row for kind in schema.LIST_KEYS for row in rows(store, kind)]
    with_official = sum(bool(row["official"]) for row in projects) / len(projects)
    assert 0.3 < with_official < 0.5
    assert all(str(row["phone"]).startswith(("020-8", "1")) for row in projects)
    assert len({row["name"] for row in projects}) > 0.95 * len(projects)


# ----------------------------------------------------------------------------------------- stages and dates
def test_investment_dates_follow_the_stage(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    milestones = (("signed_on", 2), ("registered_on", 3), ("actual_start", 5), ("actual_production", 6))
    for row in rows(store, "investment"):
        rank = stage_rank("investment", row["stage"])
        dates = [row[key] for key, _ in milestones if row[key] is not None]
        if rank >= 0:
            for key, needed in milestones:
                assert (row[key] is not None) == (rank >= needed), (key, row)
        else:
            assert row["stop_reason"]
        assert in_order([*dates, row["stage_date"]]), row
        assert str(row["stage_date"]) >= "2023-01" and not_after(row["stage_date"], TODAY.isoformat())
        if row["stage"] == "签约":
            assert row["signed_on"] == row["stage_date"]


def test_tech_transfer_and_expansion_dates_follow_the_stage(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    for row in rows(store, "tech_transfer"):
        rank = stage_rank("tech_transfer", row["stage"])
        if rank >= 0:
            assert (row["contract_date"] is not None) == (rank >= 1)
            assert (row["contract_no"] is not None) == (rank >= 2)
        if row["contract_date"]:
            assert not_after(row["contract_date"], row["stage_date"])
    for row in rows(store, "expansion"):
        rank = stage_rank("expansion", row["stage"])
        if rank >= 0:
            assert (row["filed_on"] is not None) == (rank >= 1)
            assert (row["actual_start"] is not None) == (rank >= 2)
            assert (row["actual_production"] is not None) == (rank >= 4)
        dates = [row[key] for key in ("filed_on", "actual_start", "actual_production") if row[key] is not None]
        assert in_order([*dates, row["stage_date"]]), row


def test_some_dates_have_month_precision(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    signed = [str(row["signed_on"]) for row in rows(store, "investment") if row["signed_on"]]
    month_only = sum(len(text) == 7 for text in signed)
    assert 0.03 * len(signed) < month_only < 0.2 * len(signed)


# -------------------------------------------------------------------------------------------- evaluations
def evaluations_by_project(store: Store) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows(store, "evaluation"):
        grouped[str(row["project_id"])].append(row)
    return {key: sorted(found, key=lambda r: str(r["period"])) for key, found in grouped.items()}


def projects_by_id(store: Store) -> dict[str, tuple[str, dict[str, object]]]:
    return {str(row["id"]): (kind, row) for kind in schema.LIST_KEYS for row in rows(store, kind)}


def test_evaluations_add_up_and_lights_follow_the_rule(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    projects = projects_by_id(store)
    for project_id, history in evaluations_by_project(store).items():
        kind, project = projects[project_id]
        assert history[0]["project_kind"] == kind and project["stage"] in ACTIVE[kind]
        months = [int(str(row["period"])[5:]) for row in history]
        assert months == list(range(months[0], months[-1] + 1)) and months[-1] <= 10
        running = 0.0
        before_year = float(history[0]["done_since_start"]) - float(history[0]["done_ytd"])  # type: ignore[arg-type]
        for row in history:
            running += float(row["done_this_period"])  # type: ignore[arg-type]
            ytd = float(row["done_ytd"])  # type: ignore[arg-type]
            assert ytd == pytest.approx(running, abs=0.05)
            assert float(row["done_since_start"]) == pytest.approx(before_year + ytd, abs=0.1)  # type: ignore[arg-type]
            assert row["annual_plan"] == project["annual_plan"]
            assert (row["judgement"], row["light"]) == expected_light(ytd, float(row["annual_plan"]),  # type: ignore[arg-type]
                                                                      str(row["period"]))
            period = str(row["period"])
            assert str(row["reported_on"]) > period and str(row["reported_on"]) <= TODAY.isoformat()
        last = history[-1]
        assert last["done_since_start"] == pytest.approx(project["completed_investment"], abs=0.05)
        assert last["stage_to"] == project["stage"] or str(project["stage_date"])[:7] > str(last["period"])
        wanted = "正常推进" if last["judgement"] in ("超前", "正常") else "进度滞后"
        assert project["status"] == wanted


def test_active_projects_are_evaluated_some_overdue_some_lagging(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    history = evaluations_by_project(store)
    inactive = {pid for pid, (kind, row) in projects_by_id(store).items() if row["stage"] not in ACTIVE[kind]}
    assert not inactive & set(history)
    latest = [found[-1] for found in history.values()]
    overdue = sum(row["period"] != "2026-10" for row in latest) / len(latest)
    lagging = sum(row["judgement"] in ("滞后", "严重滞后") for row in latest) / len(latest)
    assert 0.02 < overdue < 0.1
    assert 0.1 < lagging < 0.22
    assert {row["light"] for row in latest} == {"绿", "黄", "红"}


@pytest.mark.parametrize(("gap", "expected"), [(10, ("超前", "绿")), (9.9, ("正常", "绿")), (-9.9, ("正常", "绿")),
                                             (-10, ("滞后", "黄")), (-30, ("滞后", "黄")), (-30.1, ("严重滞后", "红"))])
def test_the_default_rule_at_its_edges(gap: float, expected: tuple[str, str]) -> None:
    assert judge(50 + gap, 50) == expected


def test_evaluation_months_caps_the_history(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.db") as store:
        report = fill_demo(store, projects=200, today=TODAY, evaluation_months=3)
        periods = {row[0] for row in store.conn.execute("SELECT DISTINCT period FROM evaluation")}
        assert report.evaluation > 0 and periods == {"2026-08", "2026-09", "2026-10"}
    with Store.open(tmp_path / "y.db") as store:
        assert fill_demo(store, projects=200, today=TODAY, evaluation_months=0).evaluation == 0
        assert store.count("evaluation") == 0
    with Store.open(tmp_path / "z.db") as store:
        assert fill_demo(store, projects=200, today=dt.date(2026, 1, 20)).evaluation == 0


# ------------------------------------------------------------------------------------- search and key projects
def test_chinese_two_character_search_finds_names(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    entity = schema.entity("investment")
    hits = store.rows("investment", store.ordered_ids("investment", Query(search="芯片")))
    named = {row["id"] for row in rows(store, "investment") if "芯片" in str(row["name"])}
    assert named and named <= {row["id"] for row in hits}
    for row in hits:
        assert any("芯片" in str(row[f.key] or "") for f in entity.searchable_fields)
    for word in ("机器人", "新能源", "生物医药", "数据中心"):
        assert store.count("investment", Query(search=word)) > 0


def test_ninety_key_projects_on_the_investment_list(filled: tuple[Store, DemoReport]) -> None:
    store, _ = filled
    key = store.rows("investment", store.ordered_ids("investment", Query((Filter("level", "=", "市重点"),))))
    assert len(key) == 90
    assert all(row["official"] and stage_rank("investment", row["stage"]) >= 2 for row in key)
    assert store.count("tech_transfer", Query((Filter("level", "=", "市重点"),))) == 0


# ---------------------------------------------------------------------------------- determinism and safety
def comparable(store: Store, kind: str) -> list[dict[str, object]]:
    return [{k: v for k, v in row.items() if k not in TIMESTAMPS} for row in store.iter_records(kind)]


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    stores = [Store.open(tmp_path / f"{name}.db") for name in ("a", "b", "c")]
    try:
        for store, seed in zip(stores, (7, 7, 8), strict=True):
            fill_demo(store, projects=300, seed=seed, today=TODAY)
        for entity in schema.ENTITIES:
            assert comparable(stores[0], entity.key) == comparable(stores[1], entity.key)
        assert comparable(stores[0], "investment") != comparable(stores[2], "investment")
    finally:
        for store in stores:
            store.close()


def test_same_seed_twice_is_refused_and_offices_are_not_repeated(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.db") as store:
        fill_demo(store, projects=50, today=TODAY)
        before = {kind: store.count(kind) for kind in ("official", "investment", "evaluation")}
        with pytest.raises(InputRefused) as refused:
            fill_demo(store, projects=50, today=TODAY)
        assert "2026" in refused.value.message()
        assert {kind: store.count(kind) for kind in before} == before
        second = fill_demo(store, projects=50, seed=1, today=TODAY)
        assert second.office == 0 and store.count("office") == 11


class CancelAfterFirstChunk:
    def __init__(self) -> None:
        self.steps: list[tuple[int, int | None, str]] = []

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.steps.append((done, total, message))

    def cancelled(self) -> bool:
        return len(self.steps) > 4


def test_cancel_leaves_the_database_unchanged(tmp_path: Path) -> None:
    progress = CancelAfterFirstChunk()
    with Store.open(tmp_path / "x.db") as store:
        with pytest.raises(Cancelled):
            fill_demo(store, projects=10_000, today=TODAY, evaluation_months=0, progress=progress)
        assert all(store.count(entity.key) == 0 for entity in schema.ENTITIES)
        assert [batch.status for batch in batches.recent(store)] == ["failed"]
    assert ("招商引资项目" in {message for _, _, message in progress.steps})


def test_demo_module_never_imports_qt() -> None:
    code = "import sys, gzdesk.core.demo; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
