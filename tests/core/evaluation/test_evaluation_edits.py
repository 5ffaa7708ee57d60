"""The evaluation timeline's undoable steps on a real SQLite store: each applies, reverts and applies again to the
expected rows (bookkeeping columns aside), evaluation_latest always equals a rebuild, undo and redo are audited as
``undo``, and a step is refused — nothing written — when somebody else changed its record in between."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gzdesk.core.edits import RecordEdit, RevisionLedger
from gzdesk.core.errors import GzdeskError
from gzdesk.core.evaluation import details, latest_table, records
from gzdesk.core.evaluation.edits import AddDetail, AddEvaluation, DeleteDetail, EditDetail, EditEvaluation
from gzdesk.core.store import Store

M, P = details.MILESTONES, details.PROBLEMS
TABLES = ("evaluation", M, P)
BOOKKEEPING = ("updated_at", "updated_by", "revision")
State = dict[str, list[dict[str, object]]]


@pytest.fixture
def store(store: Store) -> Store:
    """Project p1 (开工 since February) with its 2026-02 evaluation (on schedule by the rule)."""
    store.create_many("investment", [{"id": "p1", "name": "甲芯片项目", "district": "440106", "stage": "开工",
                                      "actual_start": "2026-02-10"}], source="test")
    records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1", "period": "2026-02",
                                   "annual_plan": 1000, "done_ytd": 100, "reported_on": "2026-03-05"}, source="test")
    return store


def state(store: Store) -> State:
    """Every evaluation, milestone and problem, whole but for the bookkeeping columns."""
    found: State = {}
    for table in TABLES:
        cursor = store.conn.execute(f"SELECT * FROM [{table}] ORDER BY id")
        names = [column[0] for column in cursor.description]
        found[table] = [{key: value for key, value in zip(names, row, strict=True) if key not in BOOKKEEPING}
                        for row in cursor]
    return found


def latest_matches_rebuild(store: Store) -> None:
    kept = store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall()
    with store.transaction() as conn:
        latest_table.rebuild(conn)
    assert store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall() == kept


def round_trip(store: Store, step: RecordEdit) -> tuple[State, State]:
    """Apply, revert, apply: the rows before and after, checked to come back exactly each time."""
    before = state(store)
    step.apply(store)
    after = state(store)
    assert after != before
    latest_matches_rebuild(store)
    step.revert(store)
    assert state(store) == before
    latest_matches_rebuild(store)
    step.apply(store)
    assert state(store) == after
    latest_matches_rebuild(store)
    return before, after


def sources(store: Store, record_id: str) -> list[tuple[str, str]]:
    return [(entry.action, entry.source) for entry in store.history(record_id)]


def refused(store: Store, write: Callable[[Store], object], code: str) -> None:
    """``write`` is refused with ``code`` and changes nothing."""
    kept = state(store)
    with pytest.raises(GzdeskError) as error:
        write(store)
    assert error.value.code == code
    assert state(store) == kept
    latest_matches_rebuild(store)


def evaluation(store: Store, period: str = "2026-03") -> dict[str, object]:
    found = store.record("evaluation", records.existing_id(store, "p1", period) or "")
    assert found is not None
    return found


def test_an_added_evaluation_is_judged_taken_back_and_brought_back_with_its_id(store: Store) -> None:
    step = AddEvaluation({"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                          "annual_plan": 1000, "done_ytd": 50, "reported_on": "2026-04-03"})
    before, after = round_trip(store, step)
    assert step.record_id is not None
    added = evaluation(store)
    assert added["id"] == step.record_id and (added["judgement"], added["light"]) == ("滞后", "黄")
    assert [row["period"] for row in before["evaluation"]] == ["2026-02"]
    assert {row["id"]: row["period"] for row in after["evaluation"]}[added["id"]] == "2026-03"
    assert store.conn.execute("SELECT period FROM evaluation_latest WHERE project_id = 'p1'").fetchone()[0] == "2026-03"
    assert sources(store, step.record_id) == [("create", "form"), ("delete", "undo"), ("create", "undo")]


def test_undoing_an_added_evaluation_takes_the_historys_own_details_along(store: Store) -> None:
    ledger = RevisionLedger()
    add = AddEvaluation({"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                         "annual_plan": 1000, "done_ytd": 50}, ledger=ledger)
    before = state(store)
    add.apply(store)
    assert add.record_id is not None
    milestone = AddDetail(M, add.record_id, {"name": "主体封顶", "planned_on": "2026-06"}, ledger=ledger)
    milestone.apply(store)
    assert milestone.record_id is not None
    done = EditDetail(M, details.detail(store, M, milestone.record_id), details.completing(done_on="2026-04-10"),
                      ledger=ledger)
    done.apply(store)
    after = state(store)
    for step in (done, milestone, add):  # undone newest first: the history's own writes never block it
        step.revert(store)
        latest_matches_rebuild(store)
    assert state(store) == before
    for step in (add, milestone, done):
        step.apply(store)
        latest_matches_rebuild(store)
    assert state(store) == after
    add_step = AddEvaluation({"project_kind": "investment", "project_id": "p1", "period": "2026-Q1",
                              "annual_plan": 1000, "done_ytd": 50}, ledger=ledger)
    add_step.apply(store)
    assert add_step.record_id is not None
    kept = AddDetail(P, add_step.record_id, {"description": "用地指标未落实"}, ledger=ledger)
    kept.apply(store)
    add_step.revert(store)  # its detail still there, but left by this history as it is: it goes along
    assert store.record(P, str(kept.record_id)) is None
    add_step.apply(store)  # and comes back with it
    assert details.detail(store, P, str(kept.record_id))["description"] == "用地指标未落实"
    kept.revert(store)  # the history still knows its revision
    latest_matches_rebuild(store)


def test_an_added_evaluation_is_not_undone_when_it_or_its_details_changed_elsewhere(store: Store) -> None:
    step = AddEvaluation({"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                          "annual_plan": 1000, "done_ytd": 50})
    evaluation_id = step.apply(store).created[0]
    problem_id = details.add_problem(store, evaluation_id, {"description": "资金到位慢"}).created[0]  # elsewhere
    refused(store, step.revert, "evaluation.details_changed")
    details.delete_details(store, P, [problem_id])
    records.update_evaluation(store, evaluation_id, {"progress_text": "别处改过"})
    refused(store, step.revert, "record.stale")
    assert store.record("evaluation", evaluation_id) is not None


def test_an_added_evaluation_is_not_redone_over_a_new_one_for_the_same_period(store: Store) -> None:
    step = AddEvaluation({"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                          "annual_plan": 1000, "done_ytd": 50})
    step.apply(store)
    step.revert(store)
    records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                                   "annual_plan": 1000, "done_ytd": 80})
    refused(store, step.apply, "evaluation.duplicate")
    assert evaluation(store)["done_ytd"] == 80


def test_an_evaluation_edit_is_undone_through_the_rule(store: Store) -> None:
    original = evaluation(store, "2026-02")
    assert (original["judgement"], original["light"], original["override_reason"]) == ("正常", "绿", None)
    step = EditEvaluation(original, {"done_ytd": 300, "judgement": None, "light": "红", "override_reason": "设备未到货"})
    before, after = round_trip(store, step)
    [edited] = after["evaluation"]
    assert (edited["done_ytd"], edited["judgement"], edited["light"], edited["override_reason"]) == \
        (300, "超前", "红", "设备未到货")
    assert before["evaluation"] == [{**edited, "done_ytd": 100, "judgement": "正常", "light": "绿",
                                     "override_reason": None}]
    changed = ("done_ytd", "judgement", "light", "override_reason")
    assert [(entry.field, entry.source) for entry in store.history(str(original["id"]))][1:] == \
        [(field, source) for source in ("form", "undo", "undo") for field in changed]  # do, undo, redo
    # the undo passes the old values to the rule again: judged by the office's rule as it is now
    step.revert(store)
    step.apply(store)
    records.set_office_rule(store, "ratio")
    step.revert(store)
    restored = evaluation(store, "2026-02")
    verdict = records.computed_verdict(store, restored)
    assert (restored["done_ytd"], restored["override_reason"]) == (100, None)
    assert (restored["judgement"], restored["light"]) == (verdict.judgement, verdict.light) == ("超前", "绿")
    latest_matches_rebuild(store)


def test_undoing_an_edit_gives_the_clerks_override_back(store: Store) -> None:
    overridden = evaluation(store, "2026-02")
    records.update_evaluation(store, str(overridden["id"]), {"light": "红", "override_reason": "设备未到货"})
    step = EditEvaluation(evaluation(store, "2026-02"), {"done_ytd": 400, "override_reason": None})
    before, after = round_trip(store, step)
    assert [(row["judgement"], row["light"], row["override_reason"]) for row in (*before["evaluation"],
                                                                                 *after["evaluation"])] == \
        [("正常", "红", "设备未到货"), ("超前", "绿", None)]


def test_an_evaluation_edit_is_refused_when_changed_elsewhere(store: Store) -> None:
    original = evaluation(store, "2026-02")
    step = EditEvaluation(original, {"done_ytd": 20})
    records.update_evaluation(store, str(original["id"]), {"reporter": "别人"})  # since the clerk opened the form
    refused(store, step.apply, "record.stale")
    step = EditEvaluation(evaluation(store, "2026-02"), {"done_ytd": 20})
    step.apply(store)
    records.update_evaluation(store, str(original["id"]), {"reporter": "又是别人"})
    refused(store, step.revert, "record.stale")
    assert evaluation(store, "2026-02")["done_ytd"] == 20


def test_milestone_steps_add_edit_mark_done_delete(store: Store) -> None:
    evaluation_id = str(evaluation(store, "2026-02")["id"])
    ledger = RevisionLedger()
    add = AddDetail(M, evaluation_id, {"name": "主体封顶", "planned_on": "2026-06"}, ledger=ledger)
    _, after = round_trip(store, add)
    milestone_id = str(add.record_id)
    assert [(row["id"], row["name"], row["status"]) for row in after[M]] == [(milestone_id, "主体封顶", None)]
    edit = EditDetail(M, details.detail(store, M, milestone_id), {"planned_on": "2026-07", "note": "推迟"},
                      ledger=ledger)
    before, after = round_trip(store, edit)
    assert [(row["planned_on"], row["note"]) for row in (*before[M], *after[M])] == \
        [("2026-06", None), ("2026-07", "推迟")]
    done = EditDetail(M, details.detail(store, M, milestone_id), {"done_on": "2026-04-20"}, ledger=ledger)
    before, after = round_trip(store, done)  # the status rule: a done date makes it 已完成, and undo takes both back
    assert [(row["status"], row["done_on"]) for row in (*before[M], *after[M])] == \
        [(None, None), ("已完成", "2026-04-20")]
    delete = DeleteDetail(M, details.detail(store, M, milestone_id), ledger=ledger)
    before, after = round_trip(store, delete)
    assert after[M] == [] and before[M][0]["status"] == "已完成"
    assert [source for _, source in sources(store, milestone_id)].count("undo") >= 8


def test_problem_steps_add_resolve_reopen_edit_delete(store: Store) -> None:
    evaluation_id = str(evaluation(store, "2026-02")["id"])
    ledger = RevisionLedger()
    add = AddDetail(P, evaluation_id, {"description": "用地指标未落实", "category": "用地",
                                       "needs_leader": True}, ledger=ledger)
    _, after = round_trip(store, add)
    problem_id = str(add.record_id)
    assert [(row["description"], row["status"], row["needs_leader"]) for row in after[P]] == \
        [("用地指标未落实", "未解决", 1)]
    resolve = EditDetail(P, details.detail(store, P, problem_id),
                         details.resolving(resolved_on="2026-04-15", resolution="已摘牌"), ledger=ledger)
    before, after = round_trip(store, resolve)
    assert [(row["status"], row["resolved_on"], row["resolution"]) for row in (*before[P], *after[P])] == \
        [("未解决", None, None), ("已解决", "2026-04-15", "已摘牌")]
    reopen = EditDetail(P, details.detail(store, P, problem_id), details.reopening(), ledger=ledger)
    before, after = round_trip(store, reopen)
    assert [(row["status"], row["resolved_on"]) for row in (*before[P], *after[P])] == \
        [("已解决", "2026-04-15"), ("未解决", None)]
    edit = EditDetail(P, details.detail(store, P, problem_id), {"due_on": "2026-05-31"}, ledger=ledger)
    round_trip(store, edit)
    delete = DeleteDetail(P, details.detail(store, P, problem_id), ledger=ledger)
    round_trip(store, delete)
    assert store.record(P, problem_id) is None
    entries = store.history(problem_id)
    assert entries[0].source == "form" and {entry.source for entry in entries if entry.source != "form"} == {"undo"}


def test_detail_steps_refused_when_changed_elsewhere_or_their_evaluation_is_gone(store: Store) -> None:
    evaluation_id = str(evaluation(store, "2026-02")["id"])
    add = AddDetail(P, evaluation_id, {"description": "资金到位慢"})
    problem_id = add.apply(store).created[0]
    details.update_detail(store, P, problem_id, {"responsible_unit": "区财政局"})  # elsewhere
    refused(store, add.revert, "record.stale")
    stale = details.detail(store, P, problem_id)
    details.update_detail(store, P, problem_id, {"due_on": "2026-05-31"})
    refused(store, EditDetail(P, stale, details.reopening()).apply, "record.stale")
    refused(store, EditDetail(P, stale, {"resolved_on": "2026-04-01", "status": "未解决"}).apply,
            "problem.resolved_open")
    resolve = EditDetail(P, details.detail(store, P, problem_id), details.resolving(resolved_on="2026-04-15"))
    resolve.apply(store)
    details.update_detail(store, P, problem_id, {"resolution": "别处写的"})
    refused(store, resolve.revert, "record.stale")
    delete = DeleteDetail(P, details.detail(store, P, problem_id))
    delete.apply(store)
    records.delete_evaluation(store, evaluation_id)  # the evaluation goes meanwhile: nothing comes back orphaned
    refused(store, delete.revert, "detail.no_evaluation")
    other = str(records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1", "period": "2026-03",
                                               "annual_plan": 1000, "done_ytd": 50}).evaluation_id)
    milestone = AddDetail(M, other, {"name": "竣工"})
    milestone.apply(store)
    milestone.revert(store)
    records.delete_evaluation(store, other)
    refused(store, milestone.apply, "detail.no_evaluation")
