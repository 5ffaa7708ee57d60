"""Importing real and messy workbooks end to end into real databases."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gzdesk.cli import cli
from gzdesk.core import batches
from gzdesk.core.errors import DecisionNeeded
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store
from tests.core.imports import messy

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"  # shared/ lies beside the clone, in CI too


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def by_name(store: Store, kind: str) -> dict[str, dict[str, object]]:
    return {str(r["name"]): r for r in store.iter_records(kind)}


def test_messy_district_ledger(store: Store, tmp_path: Path) -> None:
    plan = plan_import(store, messy.district_ledger(tmp_path / "黄埔台账.xlsx"))
    (table,) = plan.tables
    assert table.list_key == "investment" and table.header_rows == (3, 4)
    assert table.office == "黄埔区投资促进局" and table.unit == "亿元"
    assert plan.problems == () and len(plan.collapsed) == 1  # rows 10 and 11 are identical
    apply_import(store, plan)
    records = by_name(store, "investment")
    assert sorted(records) == sorted(["粤芯芯片制造项目（一期）", "粤芯芯片制造项目（二期）", "小鹏汽车智造基地",
                                      "百济神州生物药基地", "隐藏行项目", "量子计算研究院", "穗港智造合作园"])
    one, two = records["粤芯芯片制造项目（一期）"], records["粤芯芯片制造项目（二期）"]
    assert (one["district"], one["industry"], one["agreed_investment"], one["funds_arrived"]) == (
        "440112", "C08", 125000, 30000)
    assert (one["signed_on"], one["stage"]) == ("2026-03-15", "签约")
    assert (two["agreed_investment"], two["signed_on"], two["stage"], two["district"]) == (80000, "2026-05", "在谈", "440112")
    car = records["小鹏汽车智造基地"]
    assert (car["agreed_investment"], car["funds_arrived"], car["signed_on"], car["stage"], car["industry"]) == (
        3000, 1200, "2025-11", "开工", "C01")
    assert records["百济神州生物药基地"]["signed_on"] == "2023-03-15"  # Excel serial 45000
    assert records["隐藏行项目"]["signed_on"] == "2026-04"
    assert records["量子计算研究院"]["industry"] == "量子科技"  # unknown industry kept as written
    assert any(n.code == "coerce.industry.unknown_kept" for n in plan.notes)
    assert records["穗港智造合作园"]["signed_on"] is None
    reasons = {s.reason_code for s in table.skipped}
    assert {"table.row.section", "table.row.total", "table.row.note"} <= reasons


def test_two_lists_on_two_sheets_and_an_instructions_sheet(store: Store, tmp_path: Path) -> None:
    plan = plan_import(store, messy.two_lists_and_instructions(tmp_path / "两张清单.xlsx"))
    assert sorted(t.list_key for t in plan.tables) == ["expansion", "tech_transfer"]
    assert [s.reason_code for s in plan.skipped_sheets] == ["table.sheet.instructions"]
    apply_import(store, plan)
    (tech,) = store.iter_records("tech_transfer")  # the example row is not data
    assert (tech["transfer_mode"], tech["contract_amount"], tech["stage"], tech["contract_date"]) == (
        "许可", 500, "概念验证/中试", "2026-02-01")
    expansion = by_name(store, "expansion")
    assert expansion["立白智能工厂扩产"]["new_investment"] == 22000
    assert expansion["立白智能工厂扩产"]["expansion_type"] == "技术改造"
    assert expansion["立白研发中心提容"]["district"] == "440113"
    assert expansion["立白研发中心提容"]["planned_start"] == "2026-07"


def test_invalid_rows_stop_the_import_and_change_nothing(db_path: Path, tmp_path: Path) -> None:
    Store.open(db_path).close()
    before = digest(db_path)
    source = messy.with_bad_rows(tmp_path / "坏行.xlsx")
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(db_path), "--json"])
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert document["counts"]["invalid"] == 3 and document["counts"]["new"] == 2
    located = {(p["row"], p["column"].split()[0], p["code"]) for p in document["problems"]}
    assert ("3", "B", "coerce.district.unknown") in {(str(r), c, code) for r, c, code in located}
    assert {p["row"] for p in document["problems"]} == {3, 4, 5}
    assert all(p["reason"] and p["sheet"] == "招商" for p in document["problems"])
    assert digest(db_path) == before
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(db_path), "--skip-invalid"])
    assert result.exit_code == 0, result.stderr
    with Store.open(db_path) as store:
        assert sorted(by_name(store, "investment")) == ["好项目乙", "好项目甲"]
        assert by_name(store, "investment")["好项目乙"]["agreed_investment"] == 50000


def test_differing_duplicates_are_errors_on_both_rows(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "所属区", "企业名称", "当前阶段"])
    ws.append(["数据中心项目", "白云区", "广州云数科技有限公司", "在谈"])
    ws.append(["数据中心项目", "白云区", "广州云数科技有限公司", "签约"])  # same project, other stage
    ws.append(["数据中心项目", "白云区", "广州另一家科技有限公司", "签约"])  # other enterprise: another project
    ws.append(["数据中心项目（二期）", "白云区", "广州云数科技有限公司", "在谈"])
    wb.save(tmp_path / "dups.xlsx")
    plan = plan_import(store, tmp_path / "dups.xlsx")
    assert sorted((p.row, p.code) for p in plan.problems) == [(2, "import.duplicate_differs"),
                                                              (3, "import.duplicate_differs")]
    assert sorted(r.row for r in plan.new) == [4, 5]


def test_reimport_is_a_no_op_and_matching_rows_are_left_untouched(db_path: Path, tmp_path: Path) -> None:
    source = messy.with_bad_rows(tmp_path / "a.xlsx")
    with Store.open(db_path) as store:
        first = apply_import(store, plan_import(store, source), skip_invalid=True)
        assert first.backup_file is not None and first.backup_file.exists()
        again = plan_import(store, source)
        assert again.already_imported is not None and again.already_imported.id == first.batch
        assert apply_import(store, again, skip_invalid=True).no_op
        source.write_bytes(source.read_bytes() + b"\0")  # same rows, another file
        plan = plan_import(store, source)
        assert plan.already_imported is None and plan.counts()["unchanged"] == 2 and plan.new == ()
        assert apply_import(store, plan, skip_invalid=True).no_op
        assert store.count("investment") == 2
        entries = store.conn.execute("SELECT DISTINCT batch, origin FROM audit WHERE action = 'create'").fetchall()
        assert {origin for _, origin in entries} == {"a.xlsx!招商!2", "a.xlsx!招商!6"}
        assert batches.get(store, first.batch or "") is not None


def test_decision_needed_without_skip(store: Store, tmp_path: Path) -> None:
    plan = plan_import(store, messy.with_bad_rows(tmp_path / "b.xlsx"))
    with pytest.raises(DecisionNeeded) as raised:
        apply_import(store, plan)
    assert "3" in raised.value.message("zh") and raised.value.exit_code == 3
    assert store.count("investment") == 0 and batches.recent(store) == []


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared/samples not beside the repository")
@pytest.mark.parametrize("name", ["天河区招商引资项目台账样例.xlsx", "增资扩产项目清单样例.csv", "tech_transfer_sample_en.xlsx"])
def test_samples_import_as_expected_json_says(db_path: Path, name: str) -> None:
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"][name]
    result = CliRunner().invoke(cli, ["import", str(SAMPLES / name), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["new"] == expected["record_count"]
    out = CliRunner().invoke(cli, ["records", "--list", expected["list"], "--db", str(db_path)]).stdout
    records = {r["name"]: r for r in json.loads(out)}
    assert len(records) == expected["record_count"]
    amount_field = {"investment": "agreed_investment", "expansion": "new_investment",
                    "tech_transfer": "contract_amount"}[expected["list"]]
    date_field = {"investment": "signed_on", "expansion": "planned_start", "tech_transfer": "contract_date"}
    for want in expected["records"]:
        got = records[want["name"]]
        assert got["enterprise"] == want["enterprise"]
        assert got["district"]["name"] == want["district"]
        assert (got["industry"] or {}).get("name") == want["industry"]
        assert got[amount_field] == want["amount_wan"]
        assert got["stage"] == want["stage"]
        assert got[date_field[expected["list"]]] == want["date"]
