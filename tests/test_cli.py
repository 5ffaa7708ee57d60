"""The command line contract: names, exit codes, canonical output (through click's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from gzdesk.cli import cli
from gzdesk.core import migrations
from gzdesk.core.store import Store
from tests.conftest import project


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_records_json_uses_canonical_keys_and_forms(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project("岚舟数字科技总部大楼项目", "440106", industry="C05", stage="开工",
                                           agreed_investment=85000.0, signed_on="2025-09-03", planned_start="2026-03",
                                           foreign=False, tags=["上市公司"]))
        store.create("investment", project("未知产业项目", "440112", industry="量子科技"))
    code, out, _ = invoke("records", "--list", "investment", "--db", str(db_path), "--format", "json")
    assert code == 0
    first, second = json.loads(out)
    assert first["name"] == "岚舟数字科技总部大楼项目"
    assert first["district"] == {"code": "440106", "name": "天河区"}
    assert first["industry"] == {"code": "C05", "name": "软件与互联网"}
    assert first["agreed_investment"] == 85000 and first["signed_on"] == "2025-09-03"
    assert first["planned_start"] == "2026-03" and first["stage"] == "开工" and first["tags"] == ["上市公司"]
    assert first["foreign"] is False and len(first["id"]) == 36 and first["revision"] == 1
    assert second["industry"] == {"code": None, "name": "量子科技"}


def test_records_csv(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("expansion", project("扩产项目", "440115", new_investment=12000.0))
    code, out, err = invoke("--db", str(db_path), "records", "--list", "expansion", "--format", "csv")
    assert code == 0, err
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["name"] == "扩产项目" and row["district"] == "南沙区" and row["district_code"] == "440115"
    assert float(row["new_investment"]) == 12000


def test_demo_fills_all_three_lists_and_check_passes(db_path: Path) -> None:
    code, out, err = invoke("--db", str(db_path), "demo", "--projects", "300")
    assert code == 0, err
    counts = [len(json.loads(invoke("--db", str(db_path), "records", "--list", kind)[1]))
              for kind in ("investment", "tech_transfer", "expansion")]
    assert sum(counts) == 300 and all(counts)
    code, out, err = invoke("--db", str(db_path), "--lang", "en", "check")
    assert (code, err) == (0, ""), out
    assert "passed" in out


def test_check_reports_broken_rules_with_exit_1(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE investment SET stage = '胡乱阶段', district = '999999'")
    conn.execute("INSERT INTO evaluation (id, owner_office, created_at, updated_at, project_kind, project_id, period)"
                 " VALUES ('e1', 'local', 't', 't', 'investment', 'gone', '2026-10')")
    conn.commit()
    conn.close()
    code, out, _ = invoke("--db", str(db_path), "check", "--json")
    assert code == 1
    problems = [p["code"] for p in json.loads(out)["problems"]]
    assert problems.count("check.invalid_value") == 1
    assert "check.unknown_district" in problems and "check.orphan_evaluation" in problems


def test_backup_and_restore_from_the_command_line(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project("原有项目"))
    code, out, _ = invoke("--db", str(db_path), "backup")
    assert code == 0 and "已备份到" in out
    backup_file = Path(out.strip().split("已备份到 ")[1])
    with Store.open(db_path) as store:
        store.create("investment", project("之后的项目"))
    code, out, _ = invoke("--db", str(db_path), "--lang", "en", "backup", "--list")
    assert code == 0 and str(backup_file) in out
    code, out, _ = invoke("--db", str(db_path), "--lang", "en", "restore", str(backup_file))
    assert code == 0 and "Restored" in out
    with Store.open(db_path) as store:
        assert [r["name"] for r in store.iter_records("investment")] == ["原有项目"]


def test_refusals_are_one_clear_line_with_exit_1(db_path: Path, tmp_path: Path) -> None:
    code, _, err = invoke("--db", str(tmp_path / "missing.db"), "records", "--list", "investment")
    assert code == 1 and "找不到数据库" in err and "Traceback" not in err
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    code, _, err = invoke("--db", str(db_path), "--lang", "en", "demo", "--projects", "5")
    assert code == 1 and "newer gzdesk" in err
    code, _, err = invoke("--db", str(db_path), "restore", str(tmp_path / "nope.db"))
    assert code == 1 and "找不到备份" in err


def test_usage_errors_exit_2() -> None:
    assert invoke("records", "--list", "nonsense")[0] == 2
    assert invoke("no-such-command")[0] == 2


def test_office_is_shown_and_set_and_heads_the_meeting_workbook(db_path: Path, tmp_path: Path) -> None:
    import openpyxl

    Store.open(db_path).close()
    code, out, _ = invoke("office", "--db", str(db_path), "--json")
    assert code == 0 and json.loads(out)["name"] == ""
    code, _, err = invoke("export", str(tmp_path / "before.xlsx"), "--for", "meeting", "--db", str(db_path))
    assert code == 0 and "gzdesk office --name" in err  # a newcomer is told how to fill 填报单位
    code, out, _ = invoke("office", "--name", "天河区投资促进局", "--code", "440106-tz", "--db", str(db_path))
    assert code == 0 and "天河区投资促进局" in out and "440106-tz" in out
    with Store.open(db_path) as store:
        assert store.office == "440106-tz"
        assert store.conn.execute("SELECT name FROM office WHERE code = '440106-tz'").fetchone()[0] == "天河区投资促进局"
    code, _, err = invoke("export", str(tmp_path / "after.xlsx"), "--for", "meeting", "--db", str(db_path))
    assert code == 0 and err == ""
    sheet = openpyxl.load_workbook(tmp_path / "after.xlsx").worksheets[1]
    assert str(sheet.cell(2, 1).value).startswith("填报单位：天河区投资促进局")
    code, _, err = invoke("office", "--code", "  ", "--db", str(db_path))
    assert code == 1 and err.strip() == "本单位代码不能为空"
