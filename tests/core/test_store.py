"""The store: audited writes in one transaction, typed reads, revisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gzdesk.core.errors import InputRefused, InvalidValues, NotFound
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store
from tests.conftest import project


def audit_rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT record_id, action, field, old, new FROM audit ORDER BY seq").fetchall()
    finally:
        conn.close()


def test_create_update_delete_are_audited_with_old_and_new(store: Store, db_path: Path) -> None:
    created = store.create("investment", project(stage="在谈", total_investment=1200.0))
    (record_id,) = created.created
    changed = store.update("investment", record_id, {"stage": "签约", "total_investment": 1500.0, "notes": None})
    assert changed.updated == {record_id: ("stage", "total_investment")}  # notes was already empty
    record = store.record("investment", record_id)
    assert record is not None and record["revision"] == 2 and record["stage"] == "签约"
    store.delete("investment", [record_id])
    assert store.record("investment", record_id) is None
    assert audit_rows(db_path) == [
        (record_id, "create", None, None, None),
        (record_id, "update", "stage", '"在谈"', '"签约"'),
        (record_id, "update", "total_investment", "1200.0", "1500.0"),
        (record_id, "delete", None, audit_rows(db_path)[-1][3], None),
    ]
    assert '"芯片设计总部项目"' in str(audit_rows(db_path)[-1][3])  # the deleted record is kept whole


def test_a_failing_bulk_write_leaves_nothing_behind(store: Store, db_path: Path) -> None:
    rows = [project(f"项目{i}") for i in range(1000)]
    rows[549] = project("坏记录", stage="不存在的阶段")
    with pytest.raises(InvalidValues) as raised:
        store.create_many("investment", rows, source="import")
    assert "当前阶段" in raised.value.message("zh")
    assert store.count("investment") == 0
    assert audit_rows(db_path) == []
    assert store.ordered_ids("investment", Query(search="项目")) == []


def test_sqlite_error_mid_transaction_rolls_back_records_and_audit(store: Store, db_path: Path) -> None:
    first = store.create("investment", project("甲项目")).created[0]
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        store.update("investment", first, {"name": "乙项目"})
        conn.execute("INSERT INTO investment (rid, id, owner_office, created_at, updated_at, name, district)"
                     " VALUES (1, 'x', 'o', 't', 't', 'n', 'd')")  # duplicate rid
    record = store.record("investment", first)
    assert record is not None and record["name"] == "甲项目"
    assert [row[1] for row in audit_rows(db_path)] == ["create"]


def test_audit_log_refuses_update_and_delete(store: Store) -> None:
    store.create("investment", project())
    for statement in ("UPDATE audit SET new = 'x'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute(statement)


def test_stale_revision_is_refused(store: Store) -> None:
    record_id = store.create("investment", project()).created[0]
    store.update("investment", record_id, {"stage": "签约"})
    with pytest.raises(InputRefused) as raised:
        store.update("investment", record_id, {"stage": "开工"}, expected_revision=1)
    assert raised.value.code == "record.stale"
    with pytest.raises(NotFound):
        store.update("investment", "missing", {"stage": "开工"})


def test_filters_sorts_counts_and_sums(store: Store) -> None:
    store.create_many("investment", [
        project("甲", "440106", total_investment=300.0, stage="在谈"),
        project("乙", "440112", total_investment=100.0, stage="签约"),
        project("丙", "440112", total_investment=200.0, stage="签约"),
        project("丁", "440112", stage="线索"),
    ], source="test")
    by_money = store.rows("investment", store.ordered_ids("investment", Query(sort=(("total_investment", True),))))
    assert [r["name"] for r in by_money] == ["甲", "丙", "乙", "丁"]
    huangpu = Query(filters=(Filter("district", "=", "440112"),), sort=(("total_investment", False),))
    assert [r["name"] for r in store.rows("investment", store.ordered_ids("investment", huangpu))] == ["丁", "乙", "丙"]
    assert store.count("investment", Query(filters=(Filter("stage", "in", ("签约", "在谈")),))) == 3
    assert store.count("investment", Query(filters=(Filter("total_investment", "empty"),))) == 1
    assert store.sums("investment", ["total_investment"], huangpu) == {"total_investment": 300.0}
    assert len(store.ordered_ids("investment", Query(), limit=2)) == 2
    with pytest.raises(KeyError):
        store.ordered_ids("investment", Query(sort=(("name; DROP TABLE investment", False),)))


def test_rows_come_back_typed(store: Store) -> None:
    record_id = store.create("investment", project(foreign=True, tags=["世界500强", "外资"], jobs=120,
                                                   signed_on="2026-03")).created[0]
    record = store.record("investment", record_id)
    assert record is not None
    assert record["foreign"] is True and record["tags"] == ["世界500强", "外资"] and record["jobs"] == 120
    assert record["signed_on"] == "2026-03" and record["owner_office"] == "local"


def test_office_setting_owns_new_records(store: Store) -> None:
    store.set_setting("office_code", "440106-tzj")
    record_id = store.create("investment", project()).created[0]
    record = store.record("investment", record_id)
    assert record is not None and record["owner_office"] == "440106-tzj" and record["updated_by"] == "440106-tzj"


def test_natural_keys_ignore_form_but_keep_phases(store: Store) -> None:
    from gzdesk.core.matching import normalise_name

    assert normalise_name("芯片项目（一期）") == normalise_name(" 芯片项目 (一期) ") == "芯片项目一期"
    assert normalise_name("芯片项目（一期）") != normalise_name("芯片项目（二期）")
    assert normalise_name("ＡＩ芯片") == "ai芯片"
    one = store.create("investment", project("芯片项目（一期）", "440112")).created[0]
    store.create("investment", project("芯片项目（二期）", "440112"))
    found = store.records_by_natural_key("investment", ["芯片项目一期|440112", "芯片项目一期|440106"])
    assert [r["id"] for r in found["芯片项目一期|440112"]] == [one] and "芯片项目一期|440106" not in found
    store.update("investment", one, {"district": "440106"})
    assert [r["id"] for r in store.records_by_natural_key("investment", ["芯片项目一期|440106"])["芯片项目一期|440106"]
            ] == [one]
