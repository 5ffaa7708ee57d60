"""Check database: safe repairs in one transaction after a backup; a second run repairs nothing."""

from __future__ import annotations

from pathlib import Path

from gzdesk.core import backup
from gzdesk.core.check import repair_database
from gzdesk.core.query import Query
from gzdesk.core.store import Store
from tests.conftest import project


def test_repair_rebuilds_a_broken_index_and_audit_trigger_then_reports_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_many("investment", [project(f"芯片项目{i}") for i in range(300)], source="test")
        store.conn.execute("INSERT INTO investment_fts(investment_fts) VALUES ('delete-all')")
        store.conn.execute("DROP TRIGGER audit_no_delete")
        report = repair_database(store, lang="en")
        assert sorted(f.code for f in report.repaired) == ["repair.audit_guard", "repair.search_index"]
        assert report.backup is not None and backup.verify_backup(report.backup) >= 1
        assert report.remaining == []
        assert store.count("investment", Query(search="芯片")) == 300
        again = repair_database(store)
        assert again.repaired == [] and again.backup is None and again.remaining == []

