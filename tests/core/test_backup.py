"""Backups with the SQLite backup API; restore backs up first and refuses newer or damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gzdesk.core import backup, migrations
from gzdesk.core.errors import Cancelled, InputRefused
from gzdesk.core.store import Store
from tests.conftest import project


def test_backup_then_restore_brings_back_the_earlier_state(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project("备份前项目"))
        taken = backup.backup(store.conn, store.path)
        store.create("investment", project("备份后项目"))
    assert backup.list_backups(db_path)[0].path == taken
    safety = backup.restore(db_path, taken)
    with Store.open(db_path) as store:
        assert [r["name"] for r in store.iter_records("investment")] == ["备份前项目"]
    with Store.open(safety) as before_restore:
        assert before_restore.count("investment") == 2


def test_backups_never_overwrite_each_other(db_path: Path) -> None:
    with Store.open(db_path) as store:
        paths = {backup.backup(store.conn, store.path) for _ in range(3)}
    assert len(paths) == 3 and all(p.exists() for p in paths)


def test_backup_during_another_writer_is_a_committed_state(db_path: Path) -> None:
    with Store.open(db_path) as store, Store.open(db_path) as writer:
        writer.create_many("investment", [project(f"项目{i}") for i in range(300)], source="test")
        with writer.transaction():
            writer.create("investment", project("未提交"))
            taken = backup.backup(store.conn, store.path)
    conn = sqlite3.connect(taken)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM investment").fetchone()[0] == 300
    conn.close()


def test_restore_refuses_a_newer_or_damaged_backup_and_keeps_the_data(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create("investment", project())
        newer = backup.backup(store.conn, store.path)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    conn.close()
    with pytest.raises(InputRefused) as raised:
        backup.restore(db_path, newer)
    assert raised.value.code == "backup.newer_version"
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    with pytest.raises(InputRefused):
        backup.restore(db_path, damaged)
    with Store.open(db_path) as store:
        assert store.count("investment") == 1


# ---- a backup before an import is cheap when nothing changed; otherwise a stepped copy with progress/cancel ----
class Recorder:
    """A progress object that records each step and cancels after ``cancel_after`` steps."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.steps: list[tuple[int, int | None, str]] = []
        self.cancel_after = cancel_after

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.steps.append((done, total, message))

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.steps) >= self.cancel_after


def _filled(db_path: Path, rows: int = 3000) -> Store:
    store = Store.open(db_path)
    store.create_many("investment", [project(f"项目{i}", notes="备注" * 40) for i in range(rows)], source="test")
    return store


def _folder_names(db_path: Path) -> list[str]:
    return sorted(p.name for p in backup.paths.backups_dir(db_path).iterdir())


def test_backup_before_import_reuses_the_newest_backup_when_nothing_changed(db_path: Path) -> None:
    with _filled(db_path) as store:
        automatic = backup.backup(store.conn, db_path, reason="auto")
        recorder = Recorder()
        before_import = backup.backup(store.conn, db_path, reason="before-import", progress=recorder, reuse=True)
        assert recorder.steps == []  # nothing was copied
        assert before_import != automatic and before_import.samefile(automatic)  # a hard link, named for its reason
        assert backup.list_backups(db_path)[0].reason == "before-import"
        again = backup.backup(store.conn, db_path, reason="before-import", progress=recorder, reuse=True)
        assert again == before_import and recorder.steps == []
    automatic.unlink()  # thinning the automatic backup leaves the one taken before the import
    assert backup.verify_backup(before_import) >= 1


@pytest.mark.parametrize("change", ["create", "update", "delete", "setting", "ledger", "schema"])
def test_any_change_since_the_newest_backup_makes_a_new_copy_in_steps(
        db_path: Path, change: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 64)
    with _filled(db_path) as store:
        first = backup.backup(store.conn, db_path, reason="before-import")
        record_id = next(store.iter_records("investment"))["id"]
        if change == "create":
            store.create("investment", project("新项目"))
        elif change == "update":
            store.update("investment", str(record_id), {"stage": "签约"})
        elif change == "delete":
            store.delete("investment", [str(record_id)])
        elif change == "setting":
            store.set_setting("office_code", "440106")
        elif change == "ledger":
            from gzdesk.core import batches

            batches.start(store, "import", file_name="a.xlsx")
        else:
            store.conn.execute("CREATE INDEX investment_notes ON investment(notes)")
        recorder = Recorder()
        second = backup.backup(store.conn, db_path, reason="before-import", progress=recorder, reuse=True)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    assert second != first and not second.samefile(first)
    done = [d for d, _, _ in recorder.steps]
    assert len(done) >= pages // 64 and done == sorted(done) and recorder.steps[-1][:2] == (pages, pages)
    assert recorder.steps[0][2] in ("正在备份数据库…", "Backing up the database…")
    assert backup.verify_backup(second) >= 1


def test_cancelling_a_backup_removes_the_partial_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 16)
    with _filled(db_path) as store:
        earlier = backup.backup(store.conn, db_path)
        store.create("investment", project("新项目"))
        with pytest.raises(Cancelled):
            backup.backup(store.conn, db_path, reason="before-import", progress=Recorder(cancel_after=3), reuse=True)
        assert not store.conn.in_transaction  # the snapshot's read transaction ended too
    assert _folder_names(db_path) == [earlier.name, earlier.name + ".json"]


def test_a_backup_changed_after_it_was_verified_is_not_reused(db_path: Path) -> None:
    with _filled(db_path) as store:
        first = backup.backup(store.conn, db_path)
        with first.open("r+b") as file:
            file.seek(0, 2)
            file.write(b"\0" * 4096)  # grown by something else since its quick_check
        second = backup.backup(store.conn, db_path, reason="before-import", reuse=True)
    assert not second.samefile(first)


def test_apply_import_reuses_an_unchanged_backup_and_a_cancelled_backup_changes_nothing(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from gzdesk.core import batches
    from gzdesk.core.importer import apply_import, plan_import

    def workbook(name: str) -> Path:
        book = openpyxl.Workbook()
        book.active.append(["项目名称", "所属区"])
        for i in range(50):
            book.active.append([f"{name}{i}", "天河区"])
        book.save(tmp_path / f"{name}.xlsx")
        return tmp_path / f"{name}.xlsx"

    monkeypatch.setattr(backup, "PAGES_PER_STEP", 16)
    with _filled(db_path) as store:
        automatic = backup.backup(store.conn, db_path, reason="auto")
        report = apply_import(store, plan_import(store, workbook("甲")), progress=Recorder())
        assert report.backup_file is not None and report.backup_file.samefile(automatic)
        plan = plan_import(store, workbook("乙"))
        names = _folder_names(db_path)
        with pytest.raises(Cancelled):
            apply_import(store, plan, progress=Recorder(cancel_after=2))
        assert _folder_names(db_path) == names  # no partial backup
        assert store.count("investment") == 3050 and batches.done_with_file(store, plan.sha256) is None
        assert [b.file_name for b in batches.recent(store)] == ["甲.xlsx"]  # the cancelled one left no ledger row
        report = apply_import(store, plan)
        assert report.backup_file is not None and not report.backup_file.samefile(automatic)
        assert store.count("investment") == 3100


def test_restore_refuses_while_another_connection_has_the_database_open(db_path: Path) -> None:
    from gzdesk.core.errors import DatabaseRefused

    with Store.open(db_path) as store:
        store.create("investment", project("恢复前"))
        taken = backup.backup(store.conn, store.path)
        store.create("investment", project("之后"))
        with pytest.raises(DatabaseRefused) as refused:
            backup.restore(db_path, taken)  # the app still has it open
        assert refused.value.code == "backup.restore_in_use" and "close it" in refused.value.message("en")
        assert store.count("investment") == 2
    assert [b.reason for b in backup.list_backups(db_path)] == ["manual"]  # refused before the safety backup
    backup.restore(db_path, taken)  # closed: the restore goes ahead
    with Store.open(db_path) as store:
        assert [r["name"] for r in store.iter_records("investment")] == ["恢复前"]
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith("office.db-")] == []


def test_a_backup_never_replaces_a_file_already_at_its_name(db_path: Path) -> None:
    import datetime as dt

    folder = backup.paths.backups_dir(db_path)
    folder.mkdir()
    now = dt.datetime.now()
    squatters = [folder / f"gzdesk-{(now + dt.timedelta(seconds=s)):%Y%m%d-%H%M%S}-manual.db" for s in range(3)]
    for path in squatters:
        path.write_bytes(b"someone else's file")
    with Store.open(db_path) as store:
        taken = backup.backup(store.conn, store.path)
    assert taken not in squatters and backup.verify_backup(taken) >= 1
    assert all(path.read_bytes() == b"someone else's file" for path in squatters)
