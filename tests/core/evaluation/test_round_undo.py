"""Undoing a saved evaluation round (batch kind ``evaluation_round``) like an import: the evaluations it added go,
the fields it changed get their old values (the judgement and light with them), later edits are asked about, and
an evaluation given milestones or problems since is never deleted without them."""

from __future__ import annotations

import pytest

from gzdesk.core import batches
from gzdesk.core.errors import InputRefused
from gzdesk.core.evaluation import details, records, rounds
from gzdesk.core.evaluation.rounds import RoundEntry
from gzdesk.core.exchange.undo import apply_undo, plan_undo
from gzdesk.core.store import Store
from tests.ui import evaluation_data as data

ENTRIES = [RoundEntry("investment", "p3", {"done_this_period": 30, "done_ytd": 300, "annual_plan": 1000}),
           RoundEntry("investment", "p1", {"done_ytd": 120}),  # an existing evaluation: 滞后/黄 → 正常/绿
           RoundEntry("expansion", "e2", {"done_ytd": 5, "stage_to": "开工"})]


def evaluations(store: Store) -> list[tuple[object, ...]]:
    """Every evaluation's id and field values (revision and times change with any write), and evaluation_latest."""
    columns = [row[1] for row in store.conn.execute("PRAGMA table_info(evaluation)")
               if row[1] not in ("rid", "revision", "created_at", "updated_at", "updated_by")]
    rows = store.conn.execute(f"SELECT {', '.join(columns)} FROM evaluation ORDER BY id").fetchall()
    latest = store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall()
    return [*map(tuple, rows), ("latest",), *map(tuple, latest)]


@pytest.fixture
def filled(store: Store) -> Store:
    return data.fill(store)


def test_undo_puts_the_round_back(filled: Store) -> None:
    before = evaluations(filled)
    saved = rounds.save_round(filled, data.ROUND, ENTRIES, today=data.AS_OF)
    assert (len(saved.created), len(saved.updated)) == (2, 1)
    p1 = records.existing_id(filled, "p1", data.ROUND) or ""
    assert filled.record("evaluation", p1)["light"] == "绿"  # type: ignore[index]
    plan = plan_undo(filled, saved.batch)
    assert sorted(plan.delete) == sorted(("evaluation", i) for i in saved.created)
    assert {r.field for r in plan.restore} >= {"done_ytd", "judgement", "light"} and plan.edited_since == ()
    apply_undo(filled, plan)
    assert evaluations(filled) == before
    found = batches.get(filled, saved.batch)
    assert found is not None and found.status == "undone"
    with pytest.raises(InputRefused):  # once only
        plan_undo(filled, saved.batch)


def test_later_edits_are_kept_unless_overwritten(filled: Store) -> None:
    saved = rounds.save_round(filled, data.ROUND, ENTRIES, today=data.AS_OF)
    p1 = records.existing_id(filled, "p1", data.ROUND) or ""
    records.update_evaluation(filled, p1, {"done_ytd": 150})  # the clerk corrects it in the form afterwards
    plan = plan_undo(filled, saved.batch)
    assert {(r.record_id, r.field) for r in plan.edited_since} >= {(p1, "done_ytd")}
    apply_undo(filled, plan)
    assert filled.record("evaluation", p1)["done_ytd"] == 150  # type: ignore[index]
    assert all(filled.record("evaluation", i) is None for i in saved.created)


def test_an_evaluation_given_a_milestone_since_goes_only_with_it(filled: Store) -> None:
    saved = rounds.save_round(filled, data.ROUND, ENTRIES, today=data.AS_OF)
    p3 = records.existing_id(filled, "p3", data.ROUND) or ""
    details.add_milestone(filled, p3, {"name": "取得施工许可"})
    milestone = details.details_of(filled, details.MILESTONES, [p3])[0]["id"]
    plan = plan_undo(filled, saved.batch)
    assert ("evaluation", p3) not in plan.delete
    assert {(r.entity, r.record_id) for r in plan.edited_since if not r.field} == {
        ("evaluation", p3), ("evaluation_milestone", milestone)}
    apply_undo(filled, plan)  # keep later edits: the evaluation stays with its milestone
    assert filled.record("evaluation", p3) is not None and filled.record("evaluation_milestone", str(milestone))


def test_overwriting_deletes_the_evaluation_with_its_later_details(filled: Store) -> None:
    saved = rounds.save_round(filled, data.ROUND, ENTRIES, today=data.AS_OF)
    p3 = records.existing_id(filled, "p3", data.ROUND) or ""
    details.add_problem(filled, p3, {"description": "施工许可未办"})
    apply_undo(filled, plan_undo(filled, saved.batch), overwrite_edited=True)
    assert filled.record("evaluation", p3) is None
    assert filled.conn.execute("SELECT count(*) FROM evaluation_problem WHERE evaluation_id = ?", [p3]).fetchone()[0] == 0
