"""Deleting an evaluation from the timeline as an undoable step, on a real SQLite store: it takes its milestones and
problems along, undo brings back every row (bookkeeping columns aside) and evaluation_latest, redo deletes them
again; it is refused — nothing written — when the evaluation changed since the clerk saw it, or (undo) when its
period was evaluated again meanwhile; the history's earlier steps on its details still undo after it. Also the
counts the confirmation names and the evaluation of a milestone or problem that is gone."""

from __future__ import annotations

from gzdesk.core.edits import DeleteRecords, RevisionLedger
from gzdesk.core.evaluation import details, records
from gzdesk.core.evaluation.edits import DeleteDetail, DeleteEvaluation, EditDetail
from gzdesk.core.store import Store
from tests.core.evaluation.test_evaluation_edits import (
    M,
    P,
    evaluation,
    latest_matches_rebuild,
    refused,
    round_trip,
    sources,
    state,
)
from tests.core.evaluation.test_evaluation_edits import store as store  # the fixture: p1, 2026-02


def march_with_details(store: Store) -> str:
    """A 2026-03 evaluation of p1 with two milestones and one problem; returns its id."""
    evaluation_id = str(records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1",
                                                       "period": "2026-03", "annual_plan": 1000,
                                                       "done_ytd": 50}).evaluation_id)
    details.add_milestone(store, evaluation_id, {"name": "主体封顶", "planned_on": "2026-06"})
    details.add_milestone(store, evaluation_id, {"name": "设备进场", "done_on": "2026-03-20"})
    details.add_problem(store, evaluation_id, {"description": "用地指标未落实", "category": "用地"})
    return evaluation_id


def latest_period(store: Store) -> str:
    return str(store.conn.execute("SELECT period FROM evaluation_latest WHERE project_id = 'p1'").fetchone()[0])


def test_an_evaluation_goes_with_its_details_and_comes_back_whole(store: Store) -> None:
    march = march_with_details(store)
    assert details.detail_counts(store, march) == {M: 2, P: 1}
    assert latest_period(store) == "2026-03"
    step = DeleteEvaluation(evaluation(store, "2026-03"))
    assert isinstance(step, DeleteRecords)  # the table's delete, with its cascade
    before, after = round_trip(store, step)
    assert sorted(str(row["period"]) for row in before["evaluation"]) == ["2026-02", "2026-03"]
    assert [row["period"] for row in after["evaluation"]] == ["2026-02"] and after[M] == [] and after[P] == []
    assert sorted(str(row["name"]) for row in before[M]) == ["主体封顶", "设备进场"]
    assert [row["description"] for row in before[P]] == ["用地指标未落实"]
    assert latest_period(store) == "2026-02" and details.detail_counts(store, march) == {M: 0, P: 0}
    step.revert(store)
    assert state(store) == before and latest_period(store) == "2026-03"
    assert sources(store, march) == [("create", "evaluation"), ("delete", "form"), ("create", "undo"),
                                     ("delete", "undo"), ("create", "undo")]
    latest_matches_rebuild(store)


def test_a_changed_evaluation_is_not_deleted_and_a_re_evaluated_period_not_restored(store: Store) -> None:
    march = march_with_details(store)
    seen = evaluation(store, "2026-03")
    records.update_evaluation(store, march, {"reporter": "别人"})  # another window, since the clerk saw it
    refused(store, DeleteEvaluation(seen).apply, "record.stale")
    step = DeleteEvaluation(evaluation(store, "2026-03"))
    step.apply(store)
    again = records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                                           "annual_plan": 1000, "done_ytd": 80}).evaluation_id
    refused(store, step.revert, "evaluation.duplicate")  # never two evaluations of one period
    assert [row["id"] for row in store.iter_records("evaluation") if row["period"] == "2026-03"] == [again]
    assert details.detail_counts(store, march) == {M: 0, P: 0}


def test_the_historys_earlier_detail_steps_undo_after_the_delete_is_undone(store: Store) -> None:
    march = march_with_details(store)
    ledger = RevisionLedger()
    [first, second] = details.details_of(store, M, [march])
    note = EditDetail(M, first, {"note": "已进场"}, ledger=ledger)
    note.apply(store)
    removed = DeleteDetail(M, second, ledger=ledger)
    removed.apply(store)
    delete = DeleteEvaluation(evaluation(store, "2026-03"), ledger=ledger)
    delete.apply(store)
    delete.revert(store)  # every detail back one revision on: the history knows, so it does not call it foreign
    removed.revert(store)
    note.revert(store)
    assert [(row["name"], row["note"]) for row in details.details_of(store, M, [march])] == \
        [("主体封顶", None), ("设备进场", None)]
    for step in (note, removed, delete):  # and redone in order
        step.apply(store)
    assert store.record("evaluation", march) is None and details.detail_counts(store, march) == {M: 0, P: 0}
    latest_matches_rebuild(store)


def test_the_evaluation_of_a_detail_even_once_deleted(store: Store) -> None:
    march = march_with_details(store)
    [problem] = details.details_of(store, P, [march])
    problem_id = str(problem["id"])
    assert details.evaluation_of(store, P, problem_id) == march
    details.delete_details(store, P, [problem_id])
    assert store.record(P, problem_id) is None
    assert details.evaluation_of(store, P, problem_id) == march  # read from the audit log's copy
    assert details.evaluation_of(store, M, problem_id) is None  # not a milestone
    assert details.evaluation_of(store, P, "no-such-problem") is None
    assert details.detail_counts(store, "no-such-evaluation") == {M: 0, P: 0}
