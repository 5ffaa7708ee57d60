"""The round (who is due, reported, overdue), bulk entry in one batch, and the projects behind each meeting number —
without Qt, on the small dataset the evaluation screens use."""

from __future__ import annotations

import pytest

from gzdesk.core import batches
from gzdesk.core.evaluation import drilldown, listing, rounds, stats
from gzdesk.core.evaluation.drilldown import Bar
from gzdesk.core.evaluation.rounds import RoundEntry, RoundFilter
from gzdesk.core.store import Store
from tests.ui import evaluation_data as data


@pytest.fixture
def filled(store: Store) -> Store:
    return data.fill(store)


def test_the_round_counts_what_listing_counts(filled: Store) -> None:
    index = rounds.round_index(filled, data.ROUND)
    assert (index.reported, index.overdue) == (len(listing.for_period(filled, data.ROUND)),
                                               len(listing.overdue(filled, data.ROUND))) == (4, 3)
    overdue = {p.project_id for p in listing.overdue(filled, data.ROUND)}
    rows = rounds.round_rows(filled, data.ROUND, index.keys)
    assert {r.project.project_id for r in rows[:3]} == overdue and not any(r.reported for r in rows[:3])
    assert [r.carried_plan for r in rows if r.project.project_id == "t1"] == [100]  # from February
    only = rounds.round_index(filled, data.ROUND, RoundFilter(kind="investment", status="red"))
    assert [r.project.project_id for r in rounds.round_rows(filled, data.ROUND, only.keys)] == ["p5"]
    assert rounds.officials(filled) == ["张", "李", "王"]


def test_cells_are_read_like_imported_cells(filled: Store) -> None:
    assert rounds.read_cell(filled, "investment", "done_ytd", "1.2亿") == (12000.0, None)
    value, problem = rounds.read_cell(filled, "investment", "done_ytd", "-3")
    assert value is None and problem is not None and problem.code == "coerce.money.negative"
    assert rounds.read_cell(filled, "expansion", "stage_to", "Construction started") == ("开工", None)
    assert rounds.read_cell(filled, "expansion", "stage_to", "签约")[1] is not None  # not an expansion stage
    assert rounds.check_entry({"done_this_period": 5, "done_ytd": 2})[0].code == "round.ytd_below_period"


def test_save_round_is_one_batch_or_nothing(filled: Store) -> None:
    before = filled.count("evaluation")
    with pytest.raises(rounds.CellsRefused) as refused:
        rounds.save_round(filled, data.ROUND, [RoundEntry("investment", "p3", {"done_this_period": 9, "done_ytd": 1}),
                                               RoundEntry("expansion", "e2", {"done_ytd": 5})])
    assert len(refused.value.problems) == 1 and filled.count("evaluation") == before
    entries = [RoundEntry("investment", "p3", {"done_ytd": 100, "annual_plan": 1000}),
               RoundEntry("investment", "p1", {"done_ytd": 300})]
    saved = rounds.save_round(filled, data.ROUND, entries)
    assert (len(saved.created), len(saved.updated)) == (1, 1)
    batch = batches.get(filled, saved.batch)
    assert batch is not None and batch.status == "done" and batch.summary["created"] == 1
    touched = {row[0] for row in filled.conn.execute("SELECT record_id FROM audit WHERE batch = ?", [saved.batch])}
    assert len(touched) == 2
    by_project = {row["project_id"]: row for row in listing.for_period(filled, data.ROUND)}
    assert (by_project["p3"]["judgement"], by_project["p1"]["judgement"]) == ("滞后", "超前")


def test_every_bar_opens_the_projects_it_counts(filled: Store) -> None:
    numbers = drilldown.dashboard_numbers(filled, as_of=data.AS_OF)
    assert numbers.stats == stats.meeting_stats(filled, as_of=data.AS_OF)
    for item in numbers.stats.lists:
        for light, count in item.lights.items():
            bar = Bar(item.list_key, "light", None if light == "none" else light)
            assert len(drilldown.projects_behind(filled, bar, as_of=data.AS_OF)) == count
        for group in item.groups["stage"]:
            assert len(drilldown.projects_behind(filled, Bar(item.list_key, "stage", group.key),
                                                 as_of=data.AS_OF)) == group.count
        for group in item.groups["district"]:
            assert len(drilldown.projects_behind(filled, Bar(item.list_key, "district", group.key),
                                                 as_of=data.AS_OF)) == group.count
        for rate in item.rates:
            found = drilldown.projects_behind(filled, Bar(item.list_key, "rate", rate.key), as_of=data.AS_OF)
            if rate.key != "funds_rate":  # an amount rate: its projects, not its sum
                assert len(found) == rate.numerator
    behind = drilldown.projects_behind(filled, Bar("investment", "behind"), as_of=data.AS_OF)
    assert [row["id"] for row in filled.rows("investment", behind)] == [
        b.project.project_id for b in numbers.stats.ranking if b.project.kind == "investment" and b.gap < 0]
    completion = numbers.completion["investment"]
    assert completion.percent == pytest.approx(550 / 4000 * 100) and completion.projects == 3
