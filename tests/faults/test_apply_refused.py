"""T02: SQLite refuses a value in the apply step at row 550 of a real 1,000-row workbook.

The refusals are real SQLite ones, set up in the database the way a later schema or another tool might: a UNIQUE
index, and triggers that ``RAISE(ABORT)`` with a message that names no column. The import must change nothing
(a ``failed`` ledger entry is the only new row), and its error must name the file, sheet, row 550 and the column,
in Chinese and English, through the core and through the ``gzdesk import`` command without a traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from gzdesk.core.errors import WriteRefused
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store
from tests.conftest import project

ROOT = Path(__file__).resolve().parents[2]
REFUSED_ROW = 550  # the sheet's row number, as the clerk sees it in Excel
SHEET = "重点项目"


def workbook(path: Path, *, names: str = "新项目{}") -> Path:
    """1,000 projects under one header row (sheet rows 2–1001); row 550 has code GZ-0550 and 5500 万元."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["项目编号", "项目名称", "所属区", "协议投资额（万元）"])
    for row in range(2, 1002):
        sheet.append([f"GZ-{row:04d}", names.format(row), "天河区", 10 * row])
    book.save(path)
    return path


def dump(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Every table's content except the import ledger, and the ledger's (file, status) rows, read without writing."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        content = [line for line in conn.iterdump() if not line.startswith('INSERT INTO "batch"')]
        ledger = conn.execute("SELECT coalesce(file_name, ''), status FROM batch ORDER BY started_at").fetchall()
    finally:
        conn.close()
    return content, ledger


def _unique_code_taken(db_path: Path) -> None:
    """A record already holds code GZ-0550 and codes are made unique: the new row 550 is refused at apply."""
    with Store.open(db_path) as store:
        store.create("investment", project("早已登记的项目", code="GZ-0550"))
        store.conn.execute("CREATE UNIQUE INDEX investment_code_unique ON investment(code)")


def _amount_refused_by_trigger(db_path: Path) -> None:
    """A trigger refuses 5500 万元 with a message that names no column: the column is found by trying the row."""
    with Store.open(db_path) as store:
        store.create("investment", project("早已登记的项目"))
        store.conn.execute("CREATE TRIGGER refuse_amount BEFORE INSERT ON investment"
                           " WHEN NEW.agreed_investment = 5500 BEGIN SELECT RAISE(ABORT, '超出核定额度'); END")


@pytest.mark.parametrize(("refuse", "column", "value", "why_en"), [
    (_unique_code_taken, "A 项目编号", "GZ-0550", "repeats a record already in the database"),
    (_amount_refused_by_trigger, "D 协议投资额（万元）", "5500", "超出核定额度"),
], ids=["unique-index", "trigger"])
def test_t02_refused_value_at_row_550_changes_nothing_and_names_row_and_column(
        db_path: Path, tmp_path: Path, refuse: object, column: str, value: str, why_en: str) -> None:
    refuse(db_path)  # type: ignore[operator]
    source = workbook(tmp_path / "全市项目.xlsx")
    before, ledger_before = dump(db_path)
    with Store.open(db_path) as store:
        plan = plan_import(store, source)
        assert plan.counts()["new"] == 1000 and not plan.problems
        with pytest.raises(WriteRefused) as refused:
            apply_import(store, plan)
    error = refused.value
    assert error.code == "import.value_refused" and error.exit_code == 1
    zh, en = error.message("zh"), error.message("en")
    assert f"全市项目.xlsx「{SHEET}」第 {REFUSED_ROW} 行，{column} 列" in zh and value in zh, zh
    assert f"全市项目.xlsx, sheet {SHEET}, row {REFUSED_ROW}, column {column}" in en and value in en, en
    assert why_en in en and "Nothing was imported" in en and "未导入任何数据" in zh
    after, ledger_after = dump(db_path)
    assert after == before  # records, audit, search index, settings: all unchanged
    assert ledger_after == [*ledger_before, ("全市项目.xlsx", "failed")]  # the attempt is in the ledger, not running


def test_t02_refused_update_at_row_550_is_located_too(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"新项目{row}", agreed_investment=1.0) for row in range(2, 1002)],
                          source="test")
        store.conn.execute("CREATE TRIGGER refuse_amount BEFORE UPDATE ON investment"
                           " WHEN NEW.agreed_investment = 5500 BEGIN SELECT RAISE(ABORT, '超出核定额度'); END")
    source = workbook(tmp_path / "更新.xlsx")
    before, _ = dump(db_path)
    with Store.open(db_path) as store:
        plan = plan_import(store, source)
        assert len(plan.updates) == 1000
        with pytest.raises(WriteRefused) as refused:
            apply_import(store, plan, accept_foreign=True)
    assert f"row {REFUSED_ROW}, column D 协议投资额（万元）" in refused.value.message("en")
    assert dump(db_path)[0] == before


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", f"「{SHEET}」第 {REFUSED_ROW} 行，A 项目编号 列"),
    ("en", f"sheet {SHEET}, row {REFUSED_ROW}, column A 项目编号"),
])
def test_t02_gzdesk_import_command_reports_the_row_and_column_without_a_traceback(
        db_path: Path, tmp_path: Path, lang: str, expected: str) -> None:
    _unique_code_taken(db_path)
    source = workbook(tmp_path / "全市项目.xlsx")
    before, _ = dump(db_path)
    done = subprocess.run([sys.executable, "-m", "gzdesk", "import", str(source), "--db", str(db_path),
                           "--lang", lang], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert expected in done.stderr and "GZ-0550" in done.stderr
    assert "Traceback" not in done.stderr and "sqlite3" not in done.stderr
    assert dump(db_path)[0] == before


def test_t02_the_same_exchange_file_applied_twice_from_two_plans_names_the_record_id_column(
        tmp_path: Path) -> None:
    """Two windows planned the same exchange workbook; the first applied it. The second plan's new records now
    repeat record ids in the database (the UNIQUE id column refuses them): located, and nothing changes."""
    from gzdesk.core.excel.export_exchange import export_exchange

    with Store.open(tmp_path / "other-office.db") as other:
        other.create_many("investment", [project(f"兄弟区项目{i}") for i in range(30)], source="test")
        source = export_exchange(other, tmp_path / "交换.xlsx").path
    database = tmp_path / "office.db"
    with Store.open(database) as store:
        first, second = plan_import(store, source), plan_import(store, source)
        apply_import(store, first)
        before, _ = dump(database)
        with pytest.raises(WriteRefused) as refused:
            apply_import(store, second)
    message = refused.value.message("en")
    assert refused.value.field == "id" and "column A 记录编号" in message and "repeats a record" in message, message
    assert dump(database)[0] == before
