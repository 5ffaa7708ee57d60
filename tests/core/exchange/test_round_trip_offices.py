"""Two offices, real databases, real files: A exports, B edits the workbook like a colleague, A folds it in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gzdesk.core import batches
from gzdesk.core.errors import DecisionNeeded
from gzdesk.core.exchange.meta import ID_HEADER
from gzdesk.core.exchange.undo import apply_undo, plan_undo
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store

export_exchange = pytest.importorskip("gzdesk.core.excel.export_exchange").export_exchange
SHEET = "招商引资项目"


def dump(store: Store, kind: str = "investment") -> list[dict[str, object]]:
    drop = {"rid", "revision", "updated_at", "updated_by", "created_at"}
    return sorted(({k: v for k, v in r.items() if k not in drop} for r in store.iter_records(kind)),
                  key=lambda r: str(r["id"]))


@pytest.fixture
def office_a(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "a.db")
    store.set_setting("office_code", "440106-tzj")
    store.create_many("investment", [
        {"name": f"项目{i:02d}", "district": "440106", "stage": "在谈", "agreed_investment": 100.0 * (i + 1),
         "signed_on": "2026-03" if i % 2 else "2026-03-15", "notes": f"备注{i}", "enterprise": f"广州企业{i}有限公司"}
        for i in range(8)], source="test")
    return store


def columns(ws: object) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in ws[1] if cell.value}  # type: ignore[index]


def row_of(ws: object, name: str) -> int:
    name_column = columns(ws)["项目名称"]
    for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
        if row[name_column - 1].value == name:
            return int(row[0].row)
    raise KeyError(name)


def test_untouched_round_trip_changes_nothing_and_same_file_twice_is_a_no_op(office_a: Store, tmp_path: Path) -> None:
    path = tmp_path / "交换表.xlsx"
    export_exchange(office_a, path, lists=("investment",))
    plan = plan_import(office_a, path)
    assert plan.trusted_export and plan.counts()["unchanged"] == 8
    assert {k: v for k, v in plan.counts().items() if k not in ("unchanged", "non_data_rows")} == dict.fromkeys(
        ["new", "updated", "conflicts", "held", "invalid", "skipped", "duplicates", "not_in_file"], 0)
    assert apply_import(office_a, plan).no_op


def test_colleague_edits_fold_in_exactly(office_a: Store, tmp_path: Path) -> None:
    path = tmp_path / "交换表.xlsx"
    export_exchange(office_a, path, lists=("investment",))
    before = {r["name"]: r for r in office_a.iter_records("investment")}

    # office B keeps its own copy: the records arrive with A's ids and stay owned by A
    office_b = Store.open(tmp_path / "b.db")
    office_b.set_setting("office_code", "440112-tzj")
    b_plan = plan_import(office_b, path)
    apply_import(office_b, b_plan)
    assert {r["owner_office"] for r in office_b.iter_records("investment")} == {"440106-tzj"}
    assert {r["id"] for r in office_b.iter_records("investment")} == {r["id"] for r in before.values()}

    # B's clerk edits the workbook in Excel: sorts, moves a column, edits, clears, deletes a row, adds one
    wb = load_workbook(path)
    ws = wb[SHEET]
    header = columns(ws)
    ws.cell(row_of(ws, "项目01"), header["当前阶段"]).value = "签约"  # only they change it
    ws.cell(row_of(ws, "项目02"), header["备注"]).value = None  # a deliberate clear
    ws.cell(row_of(ws, "项目03"), header["当前阶段"]).value = "开工"  # both change it differently → conflict
    ws.cell(row_of(ws, "项目04"), header["协议投资额（万元）"]).value = 999  # both change it the same way
    ws.delete_rows(row_of(ws, "项目05"))  # a deleted row deletes nothing
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    data.reverse()  # re-sorted
    for r, values in enumerate(data, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    ws.append([None] * (header["项目名称"] - 1) + ["新增项目"])
    ws.cell(ws.max_row, header["所属区"]).value = "天河区"
    name_column, last = header["项目名称"], ws.max_column + 1
    for r in range(1, ws.max_row + 1):  # move the name column to the far right
        ws.cell(r, last).value = ws.cell(r, name_column).value
        ws.cell(r, name_column).value = None
    wb.save(path)

    # meanwhile office A edits some of the same fields
    ids = {name: str(r["id"]) for name, r in before.items()}
    office_a.update("investment", ids["项目03"], {"stage": "签约"})
    office_a.update("investment", ids["项目04"], {"agreed_investment": 999.0})
    office_a.update("investment", ids["项目06"], {"notes": "A 的新备注"})

    plan = plan_import(office_a, path)
    counts = plan.counts()
    assert (counts["new"], counts["updated"], counts["conflicts"], counts["not_in_file"]) == (1, 2, 1, 1)
    (conflict,) = plan.conflicts
    (change,) = conflict.conflicts
    assert (conflict.record_id, change.field, change.base, change.theirs, change.ours) == (
        ids["项目03"], "stage", "在谈", "开工", "签约")
    with pytest.raises(DecisionNeeded):
        apply_import(office_a, plan)
    report = apply_import(office_a, plan, choices={(ids["项目03"], "stage"): "theirs"})
    after = {r["name"]: r for r in office_a.iter_records("investment")}
    assert after["项目01"]["stage"] == "签约" and after["项目02"]["notes"] is None
    assert after["项目03"]["stage"] == "开工" and after["项目04"]["agreed_investment"] == 999
    assert after["项目06"]["notes"] == "A 的新备注"  # ours kept
    assert after["项目05"]["name"] == "项目05"  # not deleted
    assert after["新增项目"]["owner_office"] == "440106-tzj" and len(after) == 9
    for name in ("项目00", "项目07"):
        assert {k: v for k, v in after[name].items() if k not in ("rid",)} == {
            k: v for k, v in before[name].items() if k not in ("rid",)}
    assert report.batch is not None and batches.get(office_a, report.batch).export_id == plan.export.export_id  # type: ignore[union-attr]


def test_stale_copy_gives_conflicts_not_overwrites(office_a: Store, tmp_path: Path) -> None:
    path = tmp_path / "旧副本.xlsx"
    export_exchange(office_a, path, lists=("investment",))
    record_id = str(next(r for r in office_a.iter_records("investment") if r["name"] == "项目00")["id"])
    office_a.update("investment", record_id, {"stage": "开工"})
    wb = load_workbook(path)
    ws = wb[SHEET]
    ws.cell(row_of(ws, "项目00"), columns(ws)["当前阶段"]).value = "签约"
    wb.save(path)
    plan = plan_import(office_a, path)
    assert [u.record_id for u in plan.conflicts] == [record_id]
    apply_import(office_a, plan, on_conflict="keep-mine")
    assert office_a.record("investment", record_id)["stage"] == "开工"  # type: ignore[index]


def test_deleted_id_column_refuses_updates_and_inserts_only_after_confirmation(office_a: Store, tmp_path: Path) -> None:
    path = tmp_path / "无编号.xlsx"
    export_exchange(office_a, path, lists=("investment",))
    wb = load_workbook(path)
    ws = wb[SHEET]
    assert ws.cell(1, 1).value == ID_HEADER
    ws.cell(row_of(ws, "项目00"), columns(ws)["当前阶段"]).value = "投产"
    ws.delete_cols(1)
    ws.append([None] * (columns(ws)["项目名称"] - 1) + ["无编号新项目", "天河区"])
    wb.save(path)
    plan = plan_import(office_a, path)
    assert plan.id_column_missing and plan.updates == () and len(plan.new) == 1
    with pytest.raises(DecisionNeeded):
        apply_import(office_a, plan)
    apply_import(office_a, plan, insert_only=True)
    names = {r["name"]: r["stage"] for r in office_a.iter_records("investment")}
    assert names["项目00"] == "在谈" and "无编号新项目" in names


def test_undo_restores_the_full_dump(office_a: Store, tmp_path: Path) -> None:
    path = tmp_path / "撤销.xlsx"
    export_exchange(office_a, path, lists=("investment",))
    before = dump(office_a)
    wb = load_workbook(path)
    ws = wb[SHEET]
    header = columns(ws)
    ws.cell(row_of(ws, "项目01"), header["当前阶段"]).value = "投产"
    ws.cell(row_of(ws, "项目02"), header["签约时间"]).value = dt.datetime(2026, 9, 9)
    ws.append([None] * (header["项目名称"] - 1) + ["撤销测试新项目", None, "天河区"][: 1])
    ws.cell(ws.max_row, header["所属区"]).value = "天河区"
    wb.save(path)
    report = apply_import(office_a, plan_import(office_a, path))
    assert dump(office_a) != before
    apply_undo(office_a, plan_undo(office_a, report.batch or ""))
    assert json.dumps(dump(office_a), ensure_ascii=False, sort_keys=True) == json.dumps(
        before, ensure_ascii=False, sort_keys=True)
