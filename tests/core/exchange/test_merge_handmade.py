"""Folding a hand-made sheet (no base) into records: blanks never erase, our records are held, undo restores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from gzdesk.core import audit, batches
from gzdesk.core.errors import InputRefused
from gzdesk.core.exchange.undo import apply_undo, plan_undo
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store


def sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    wb.active.append(["项目名称", "所属区", "当前阶段", "协议投资额（万元）", "备注"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def dump(store: Store) -> list[dict[str, object]]:
    """Every record's field values (not the bookkeeping columns), for before/after comparisons."""
    drop = {"rid", "revision", "updated_at", "updated_by", "created_at"}
    return sorted(({k: v for k, v in r.items() if k not in drop} for r in store.iter_records("investment")),
                  key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True))


@pytest.fixture
def foreign_records(store: Store) -> Store:
    """Two records owned by another office (as if imported from it earlier) and one of our own."""
    store.create_many("investment", [
        {"name": "甲项目", "district": "440106", "stage": "在谈", "agreed_investment": 100.0, "notes": "旧备注",
         "owner_office": "440112-tzj"},
        {"name": "乙项目", "district": "440106", "stage": "在谈", "owner_office": "440112-tzj"},
    ], source="test")
    store.create("investment", {"name": "我们的项目", "district": "440106", "stage": "签约"})
    return store


def test_blanks_never_erase_and_foreign_records_take_changes(foreign_records: Store, tmp_path: Path) -> None:
    store = foreign_records
    plan = plan_import(store, sheet(tmp_path / "a.xlsx", [["甲项目", "天河区", "签约", None, None],
                                                           ["乙项目", "天河区", "在谈", None, "新备注"],
                                                           ["丙项目", "天河区", "线索", 50, None]]))
    assert plan.counts()["new"] == 1 and plan.counts()["updated"] == 2 and plan.counts()["held"] == 0
    report = apply_import(store, plan)
    records = {r["name"]: r for r in store.iter_records("investment")}
    assert records["甲项目"]["stage"] == "签约" and records["甲项目"]["agreed_investment"] == 100
    assert records["甲项目"]["notes"] == "旧备注"  # a blank in a hand-made sheet never erases
    assert records["乙项目"]["notes"] == "新备注"
    entries = [e for e in audit.entries_for_batch(store.conn, report.batch or "") if e.action == "update"]
    assert {(e.field, e.old, e.new) for e in entries} == {("stage", "在谈", "签约"), ("notes", None, "新备注")}
    assert all(e.origin and e.origin.startswith("a.xlsx!Sheet!") for e in entries)


def test_changes_to_our_own_records_are_held_unless_accepted(foreign_records: Store, tmp_path: Path) -> None:
    store = foreign_records
    source = sheet(tmp_path / "b.xlsx", [["我们的项目", "天河区", "开工", None, None]])
    plan = plan_import(store, source)
    assert plan.counts()["held"] == 1 and plan.updates[0].held
    assert apply_import(store, plan).no_op
    assert {r["name"]: r["stage"] for r in store.iter_records("investment")}["我们的项目"] == "签约"
    report = apply_import(store, plan_import(store, source), accept_foreign=True)
    assert {r["name"]: r["stage"] for r in store.iter_records("investment")}["我们的项目"] == "开工"
    (entry,) = [e for e in audit.entries_for_batch(store.conn, report.batch or "") if e.action == "update"]
    assert entry.source == "import-accepted"


def test_undo_restores_the_database_and_keeps_later_edits(foreign_records: Store, tmp_path: Path) -> None:
    store = foreign_records
    before = dump(store)
    report = apply_import(store, plan_import(store, sheet(tmp_path / "c.xlsx", [
        ["甲项目", "天河区", "开工", 300, "改了"], ["新项目一", "天河区", "线索", None, None],
        ["新项目二", "天河区", "线索", None, None]])))
    batch = report.batch or ""
    plan = plan_undo(store, batch)
    assert len(plan.delete) == 2 and {r.field for r in plan.restore} == {"stage", "agreed_investment", "notes"}
    apply_undo(store, plan)
    assert dump(store) == before
    assert batches.get(store, batch).status == "undone"  # type: ignore[union-attr]
    with pytest.raises(InputRefused):
        plan_undo(store, batch)


def test_undo_asks_before_overwriting_later_edits(foreign_records: Store, tmp_path: Path) -> None:
    store = foreign_records
    report = apply_import(store, plan_import(store, sheet(tmp_path / "d.xlsx", [
        ["甲项目", "天河区", "开工", None, None], ["新项目", "天河区", "线索", None, None]])))
    records = {r["name"]: r for r in store.iter_records("investment")}
    store.update("investment", str(records["甲项目"]["id"]), {"stage": "投产"})  # edited after the import
    store.update("investment", str(records["新项目"]["id"]), {"notes": "后来补充"})
    plan = plan_undo(store, report.batch or "")
    assert plan.restore == () and plan.delete == ()
    assert {(r.field, r.current) for r in plan.edited_since} == {("stage", "投产"), ("", None)}
    apply_undo(store, plan)
    after = {r["name"]: r for r in store.iter_records("investment")}
    assert after["甲项目"]["stage"] == "投产" and "新项目" in after  # later edits kept
