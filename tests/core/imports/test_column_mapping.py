"""A clerk's column corrections: applied to the found tables, used by plan_import, remembered per sending office."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gzdesk.core.excel.mapping import (
    apply_mapping,
    corrections,
    header_key,
    load_mapping,
    remember_mapping,
    sending_office,
    setting_key,
)
from gzdesk.core.excel.read import read_workbook
from gzdesk.core.excel.table import scan_workbook
from gzdesk.core.import_review import ImportDecision, apply_decision, review_import
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store


def ledger(path: Path, *, office: str | None = "天河区投资促进局", names: tuple[str, ...] = ("甲项目", "乙项目")) -> Path:
    """A hand-made sheet: 手机号码 is no header the schema knows, 投资规模 is an amount under an unusual name, and
    备注 is guessed as notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目"
    if office:
        ws.append([f"填报单位：{office}    单位：万元"])
    ws.append(["项目名称", "所属区", "投资规模", "手机号码", "备注"])
    for n, name in enumerate(names):
        ws.append([name, "天河区", 100 * (n + 1), f"1380000000{n}", f"备注{n}"])
    wb.save(path)
    return path


def by_name(store: Store) -> dict[str, dict[str, object]]:
    return {str(r["name"]): r for r in store.iter_records("investment")}


def found(store: Store, path: Path) -> tuple:
    return scan_workbook(read_workbook(path), reference=store.reference).tables


def test_a_correction_maps_an_unknown_header_and_ignores_a_guessed_one(store: Store, tmp_path: Path) -> None:
    path = ledger(tmp_path / "天河.xlsx")
    (guessed,) = found(store, path)
    kinds = {c.header: (c.field, c.kind) for c in guessed.columns}
    assert kinds["手机号码"] == (None, "unmapped") and kinds["备注"] == ("notes", "field")
    mapping = {"investment": {"手机号码": "phone", "投资规模": "agreed_investment", "备注": None}}
    (table,) = apply_mapping([guessed], mapping)
    fields = {c.header: (c.field, c.kind, c.unit) for c in table.columns}
    assert fields["手机号码"] == ("phone", "field", None)
    assert fields["投资规模"] == ("agreed_investment", "field", "万元")  # money takes the sheet's unit line
    assert fields["备注"] == (None, "ignored", None)
    assert table.unmapped_columns == () and table.data_rows == guessed.data_rows
    assert apply_mapping([guessed], {}) == (guessed,) and apply_mapping([guessed], None) == (guessed,)

    apply_import(store, plan_import(store, path, column_mapping=mapping))
    one = by_name(store)["甲项目"]
    assert (one["phone"], one["agreed_investment"], one["notes"]) == ("13800000000", 100, None)


def test_giving_a_guessed_field_to_another_column_drops_the_guess(store: Store, tmp_path: Path) -> None:
    (guessed,) = found(store, ledger(tmp_path / "天河.xlsx"))
    (table,) = apply_mapping([guessed], {"investment": {"手机号码": "notes", "投资规模": "nonsense"}})
    fields = {c.header: (c.field, c.kind) for c in table.columns}
    assert fields["手机号码"] == ("notes", "field") and fields["备注"] == (None, "duplicate")
    assert fields["投资规模"] == (guessed.columns[2].field, guessed.columns[2].kind)  # unknown field: skipped
    (twice,) = apply_mapping([guessed], {"investment": {"手机号码": "phone", "备注": "phone"}})
    assert [(c.field, c.kind) for c in twice.columns][3:] == [("phone", "field"), (None, "duplicate")]


def test_corrections_are_only_what_differs_from_the_guess(store: Store, tmp_path: Path) -> None:
    (guessed,) = found(store, ledger(tmp_path / "天河.xlsx"))
    index = {c.header: c.index for c in guessed.columns}
    chosen = {("项目", index["项目名称"]): "name", ("项目", index["手机号码"]): "phone", ("项目", index["备注"]): None}
    assert corrections([guessed], chosen) == {"investment": {"手机号码": "phone", "备注": None}}
    assert corrections([guessed], {("项目", index["项目名称"]): "name"}) == {}
    assert header_key(guessed.columns[0]) == "项目名称"


def test_the_sending_office_comes_from_the_file(store: Store, tmp_path: Path) -> None:
    path = ledger(tmp_path / "天河.xlsx")
    assert sending_office(read_workbook(path), found(store, path)) == "天河区投资促进局"
    bare = ledger(tmp_path / "无单位的表.xlsx", office=None)
    assert sending_office(read_workbook(bare), found(store, bare)) == "无单位的表"


def test_the_exchange_workbook_names_its_office(store: Store, tmp_path: Path) -> None:
    from gzdesk.core.excel.export_exchange import export_exchange

    store.set_setting("office_code", "440106-tzj")
    store.create("investment", {"name": "导出项目", "district": "440106"})
    target = tmp_path / "交换表.xlsx"
    export_exchange(store, target)
    assert sending_office(read_workbook(target), found(store, target)) == "440106-tzj"


def test_corrections_are_remembered_per_office_and_used_for_the_next_file(store: Store, tmp_path: Path) -> None:
    first = review_import(store, ledger(tmp_path / "第一批.xlsx"))
    assert first.office == "天河区投资促进局" and first.mapping == {}
    index = {c.header: c.index for c in first.guessed[0].columns}
    mapping = corrections(first.guessed, {("项目", index["手机号码"]): "phone", ("项目", index["备注"]): None})
    corrected = review_import(store, first.path, mapping=mapping)
    assert {c.header: c.field for c in corrected.plan.tables[0].columns}["手机号码"] == "phone"
    assert load_mapping(store, "天河区投资促进局") == {}  # nothing is remembered before an import
    apply_decision(store, corrected, ImportDecision(True))
    assert load_mapping(store, "天河区投资促进局") == {"investment": {"手机号码": "phone", "备注": None}}
    assert store.setting(setting_key("天河区投资促进局")) == {"investment": {"手机号码": "phone", "备注": None}}

    second = review_import(store, ledger(tmp_path / "第二批.xlsx", names=("丙项目",)))
    assert second.mapping == {"investment": {"手机号码": "phone", "备注": None}}
    apply_decision(store, second, ImportDecision(True))
    assert (by_name(store)["丙项目"]["phone"], by_name(store)["丙项目"]["notes"]) == ("13800000000", None)

    other = review_import(store, ledger(tmp_path / "海珠.xlsx", office="海珠区商务局", names=("丁项目",)))
    assert other.mapping == {} and {c.header: c.field for c in other.plan.tables[0].columns}["手机号码"] is None


def test_remembering_keeps_other_headers_and_forgets_a_correction_set_back(store: Store, tmp_path: Path) -> None:
    store.set_setting(setting_key("天河区投资促进局"), {"investment": {"手机号码": "phone", "旧表头": "notes"},
                                                        "expansion": {"扩产": "content"}})
    (guessed,) = found(store, ledger(tmp_path / "天河.xlsx"))
    remember_mapping(store, "天河区投资促进局", [guessed], {"investment": {"投资规模": "total_investment"}})
    assert load_mapping(store, "天河区投资促进局") == {
        "investment": {"旧表头": "notes", "投资规模": "total_investment"}, "expansion": {"扩产": "content"}}
    store.set_setting(setting_key("坏的"), ["not", "a", "mapping"])
    assert load_mapping(store, "坏的") == {}


def test_review_keeps_the_cells_a_clerk_looks_at(store: Store, tmp_path: Path) -> None:
    review = review_import(store, ledger(tmp_path / "天河.xlsx"))
    assert review.row("项目", 2) == ("项目名称", "所属区", "投资规模", "手机号码", "备注")
    assert review.row("项目", 3)[:2] == ("甲项目", "天河区") and review.table("项目") is not None
