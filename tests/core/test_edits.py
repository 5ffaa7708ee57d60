"""Undoable record edits through the store: apply, revert, re-apply; audited; refused when changed meanwhile."""

from __future__ import annotations

import pytest

from gzdesk.core.edits import CreateRecord, DeleteRecords, UpdateRecords
from gzdesk.core.errors import InputRefused
from gzdesk.core.store import Store
from tests.conftest import project


def _fields(record: dict[str, object] | None) -> dict[str, object]:
    assert record is not None
    return {k: v for k, v in record.items() if k not in ("updated_at", "updated_by", "revision")}


def test_update_many_is_one_transaction_guarded_by_revisions(store: Store) -> None:
    ids = list(store.create_many("investment", [project(f"项目{i}") for i in range(3)], source="test").created)
    store.update("investment", ids[2], {"stage": "开工"})  # revision 2 now
    with pytest.raises(InputRefused) as refused:
        store.update_many("investment", {record_id: {"stage": "签约"} for record_id in ids},
                          expected_revisions=dict.fromkeys(ids, 1))
    assert refused.value.code == "record.stale"
    assert [store.record("investment", i)["stage"] for i in ids] == [None, None, "开工"]  # type: ignore[index]
    changes = store.update_many("investment", {record_id: {"stage": "签约"} for record_id in ids})
    assert set(changes.updated) == set(ids) and store.revisions("investment", ids) == dict(zip(ids, [2, 2, 3], strict=True))


def test_delete_then_restore_brings_back_the_same_record_in_its_place(store: Store) -> None:
    ids = list(store.create_many("investment", [project(f"芯片项目{i}", tags=["外资"], foreign=True)
                                                for i in range(3)], source="test").created)
    before = store.record("investment", ids[1])
    edit = DeleteRecords("investment", [ids[1]], revisions={ids[1]: 1})
    assert edit.apply(store).deleted == (ids[1],) and store.record("investment", ids[1]) is None
    assert edit.revert(store).created == (ids[1],)
    after = store.record("investment", ids[1])
    assert _fields(after) == _fields(before) and after["revision"] == 2  # type: ignore[index]
    assert store.ordered_ids("investment") == [1, 2, 3]  # the same rid: back in its place
    assert store.count("investment", _search("芯片")) == 3  # indexed for search again
    actions = [(e.action, e.source, e.revision) for e in store.history(ids[1])]
    assert actions == [("create", "test", 1), ("delete", "form", None), ("create", "undo", 2)]
    edit.apply(store)  # redo: guarded by the restored revision
    assert store.record("investment", ids[1]) is None


def _search(text: str) -> object:
    from gzdesk.core.query import Query

    return Query(search=text)


def test_restore_refuses_a_record_that_exists(store: Store) -> None:
    record_id = store.create("investment", project()).created[0]
    snapshot = store.record("investment", record_id)
    assert snapshot is not None
    with pytest.raises(InputRefused) as refused:
        store.restore("investment", [snapshot])
    assert refused.value.code == "record.exists"


def test_edit_undo_redo_and_a_refused_undo(store: Store) -> None:
    record_id = store.create("investment", project(stage="在谈", total_investment=100.0)).created[0]
    original = store.record("investment", record_id)
    assert original is not None
    edit = UpdateRecords("investment", [original], {record_id: {"stage": "签约", "total_investment": 250.0}})
    assert edit.apply(store).updated == {record_id: ("stage", "total_investment")}
    assert edit.revert(store).updated == {record_id: ("stage", "total_investment")}
    assert store.record("investment", record_id)["stage"] == "在谈"  # type: ignore[index]
    edit.apply(store)
    store.update("investment", record_id, {"notes": "别处改过"})  # somebody changes it meanwhile
    with pytest.raises(InputRefused) as refused:
        edit.revert(store)
    assert refused.value.code == "record.stale"
    assert store.record("investment", record_id)["stage"] == "签约"  # type: ignore[index]
    sources = [e.source for e in store.history(record_id) if e.action == "update"]
    assert sources == ["form", "form", "undo", "undo", "undo", "undo", "form"]  # apply, undo, redo, elsewhere


def test_create_undo_redo_keeps_the_id(store: Store) -> None:
    edit = CreateRecord("investment", project("新建项目"))
    record_id = edit.apply(store).created[0]
    assert edit.revert(store).deleted == (record_id,)
    assert edit.apply(store).created == (record_id,)
    assert store.record("investment", record_id)["name"] == "新建项目"  # type: ignore[index]
    store.update("investment", record_id, {"stage": "开工"})
    with pytest.raises(InputRefused):
        edit.revert(store)  # changed since: the undo would throw that away
    assert store.record("investment", record_id) is not None


def test_a_history_undoes_its_own_later_steps_first_without_calling_them_foreign(store: Store) -> None:
    from gzdesk.core.edits import RevisionLedger

    ledger = RevisionLedger()
    create = CreateRecord("investment", project("历史项目"), ledger=ledger)
    record_id = create.apply(store).created[0]
    edit = UpdateRecords("investment", [store.record("investment", record_id) or {}], {record_id: {"stage": "签约"}},
                         ledger=ledger)
    edit.apply(store)
    edit.revert(store)  # revision 3 now, written by the history itself
    create.revert(store)  # so undoing the create is allowed
    assert store.record("investment", record_id) is None
    create.apply(store)
    edit.apply(store)
    assert store.record("investment", record_id)["stage"] == "签约"  # type: ignore[index]


def test_deleting_an_evaluation_takes_its_milestones_and_problems_along_and_undo_brings_them_back(
        store: Store) -> None:
    from gzdesk.core.check import check_database
    from gzdesk.core.evaluation import details, records

    project_id = store.create("investment", project("甲项目"), source="test").created[0]
    evaluation = records.add_evaluation(store, {"project_kind": "investment", "project_id": project_id,
                                                "period": "2026-03", "annual_plan": 1000, "done_ytd": 300})
    details.add_milestone(store, evaluation.evaluation_id, {"name": "主体封顶", "planned_on": "2026-06"})
    details.add_problem(store, evaluation.evaluation_id, {"description": "用地指标未落实", "category": "用地"})

    def dump() -> dict[str, list[tuple[object, ...]]]:
        return {table: store.conn.execute(f"SELECT * FROM [{table}] ORDER BY rid").fetchall()
                for table in ("evaluation", "evaluation_milestone", "evaluation_problem")}

    def without_bookkeeping(rows: dict[str, list[tuple[object, ...]]]) -> dict[str, list[dict[str, object]]]:
        return {table: [_fields(store.record(table, str(row[1]))) for row in found] for table, found in rows.items()}

    before = without_bookkeeping(dump())
    latest = store.conn.execute("SELECT * FROM evaluation_latest").fetchall()
    delete = DeleteRecords("evaluation", [evaluation.evaluation_id])
    delete.apply(store)
    assert all(rows == [] for rows in dump().values())  # nothing left orphaned
    assert check_database(store) == []
    delete.revert(store)
    assert without_bookkeeping(dump()) == before
    assert store.conn.execute("SELECT * FROM evaluation_latest").fetchall() == latest
