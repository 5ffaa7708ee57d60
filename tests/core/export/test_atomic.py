"""T39: a failed or cancelled export leaves the previous file byte-identical and no temporary file behind."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import xlsxwriter

from gzdesk.core import batches
from gzdesk.core.demo import fill_demo
from gzdesk.core.errors import Cancelled, InputRefused
from gzdesk.core.excel.atomic import check_xlsx, write_atomically
from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.excel.export_meeting import export_meeting
from gzdesk.core.store import Store
from tests.core.export.helpers import filled_store

ROOT = Path(__file__).resolve().parents[3]
PREVIOUS = b"PK\x03\x04 the colleague's previous workbook"


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(".~gzdesk-*"))


def simple_workbook(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("a").write_string(0, 0, "新内容")
    book.close()


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(PREVIOUS)
    return target


def test_success_replaces_the_target(previous: Path) -> None:
    write_atomically(previous, simple_workbook, self_check=check_xlsx)
    assert previous.read_bytes() != PREVIOUS and leftovers(previous.parent) == []
    check_xlsx(previous)


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    write_atomically(target, simple_workbook, self_check=None)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_locked_target(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def sharing_violation(source: object, target: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", sharing_violation)
    with pytest.raises(InputRefused) as caught:
        write_atomically(previous, simple_workbook, self_check=check_xlsx)
    assert caught.value.code == "export.target_locked"
    assert "Excel/WPS" in caught.value.message("zh") and "台账.xlsx" in caught.value.message("zh")
    assert "Close the file in Excel/WPS or choose another name" in caught.value.message("en")
    assert previous.read_bytes() == PREVIOUS and leftovers(previous.parent) == []


def test_locked_target_during_an_export_marks_the_batch_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              ) -> None:
    store = filled_store(tmp_path / "x.db")
    target = tmp_path / "交换表.xlsx"
    target.write_bytes(PREVIOUS)

    def sharing_violation(source: object, target: object) -> None:
        raise PermissionError(13, "sharing violation")

    monkeypatch.setattr(os, "replace", sharing_violation)
    with pytest.raises(InputRefused, match="Excel/WPS"):
        export_exchange(store, target)
    assert target.read_bytes() == PREVIOUS and leftovers(tmp_path) == []
    (batch,) = [b for b in batches.recent(store) if b.kind == "export"]
    assert batch.status == "failed" and batch.file_name == "交换表.xlsx"
    store.close()


def test_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(InputRefused) as caught:
        write_atomically(blocker / "x.xlsx", simple_workbook, self_check=check_xlsx)
    assert caught.value.code == "export.cannot_write"
    assert "cannot write" in caught.value.message("en").lower() and "不能在" in caught.value.message("zh")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputRefused) as caught:
        write_atomically(tmp_path / "gone" / "x.xlsx", simple_workbook, self_check=None)
    assert caught.value.code == "export.cannot_write"


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").mkdir()
    with pytest.raises(InputRefused) as caught:
        write_atomically(tmp_path / "x.xlsx", simple_workbook, self_check=None)
    assert caught.value.code == "export.cannot_write"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "x.xlsx").write_bytes(PREVIOUS)
    folder.chmod(0o555)
    try:
        with pytest.raises(InputRefused) as caught:
            write_atomically(folder / "x.xlsx", simple_workbook, self_check=check_xlsx)
        assert caught.value.code == "export.cannot_write"
        assert (folder / "x.xlsx").read_bytes() == PREVIOUS
    finally:
        folder.chmod(0o755)


def test_failure_mid_save(previous: Path) -> None:
    def timezone_aware(path: Path) -> None:
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        sheet = book.add_worksheet("a")
        for row in range(1000):
            sheet.write_string(row, 0, "行")
        sheet.write_datetime(1000, 0, dt.datetime(2026, 3, 15, tzinfo=dt.UTC))
        book.close()

    with pytest.raises(TypeError):
        write_atomically(previous, timezone_aware, self_check=check_xlsx)
    assert previous.read_bytes() == PREVIOUS and leftovers(previous.parent) == []


def test_export_refused_mid_way_keeps_the_previous_file(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "x.db")
    store.create_many("expansion", [{"name": "最后一个坏项目", "district": "440106", "notes": "\x00"}], source="t")
    target = tmp_path / "交换表.xlsx"
    target.write_bytes(PREVIOUS)
    with pytest.raises(InputRefused, match="最后一个坏项目"):
        export_exchange(store, target)
    assert target.read_bytes() == PREVIOUS and leftovers(tmp_path) == []
    store.close()


def write_garbage(path: Path) -> None:
    path.write_bytes(b"not a workbook")


def test_file_that_does_not_read_back(previous: Path) -> None:
    with pytest.raises(InputRefused) as caught:
        write_atomically(previous, write_garbage, self_check=check_xlsx)
    assert caught.value.code == "export.self_check_failed"
    assert previous.read_bytes() == PREVIOUS and leftovers(previous.parent) == []


class CancelAfter:
    """Asks to stop at the ``calls``-th check."""

    def __init__(self, calls: int) -> None:
        self.calls = calls
        self.steps: list[int] = []

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.steps.append(done)

    def cancelled(self) -> bool:
        self.calls -= 1
        return self.calls <= 0


@pytest.mark.parametrize("exporter", [export_exchange, export_meeting])
def test_cancel_mid_way(tmp_path: Path, exporter: object) -> None:
    store = Store.open(tmp_path / "x.db")
    fill_demo(store, projects=1200, evaluation_months=0)
    target = tmp_path / "out.xlsx"
    target.write_bytes(PREVIOUS)
    progress = CancelAfter(2)
    with pytest.raises(Cancelled):
        exporter(store, target, progress=progress)  # type: ignore[operator]
    assert progress.steps == [] or progress.steps[-1] < 1200
    assert target.read_bytes() == PREVIOUS and leftovers(tmp_path) == []
    assert {b.status for b in batches.recent(store)} >= {"failed"}
    store.close()


DISK_FULL = textwrap.dedent("""
    import json, resource, signal, sys
    from pathlib import Path
    from gzdesk.core.errors import InputRefused
    from gzdesk.core.excel.export_exchange import export_exchange
    from gzdesk.core.store import Store
    store = Store.open(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
    try:
        export_exchange(store, Path(sys.argv[2]))
        print(json.dumps({"code": None}))
    except InputRefused as error:
        print(json.dumps({"code": error.code, "message": error.message("zh")}))
""")


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE simulates a full disk on Linux")
def test_disk_full(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.db")
    fill_demo(store, projects=300, evaluation_months=0)
    store.close()
    target = tmp_path / "out.xlsx"
    target.write_bytes(PREVIOUS)
    out = subprocess.run([sys.executable, "-c", DISK_FULL, str(tmp_path / "x.db"), str(target)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["code"] == "export.disk_full", result
    assert "磁盘空间不足" in result["message"]
    assert target.read_bytes() == PREVIOUS and leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["out.xls", "out.xlsm", "out", "out.csv"])
def test_only_xlsx_names(tmp_path: Path, name: str) -> None:
    with Store.open(tmp_path / "x.db") as store:
        with pytest.raises(InputRefused) as caught:
            export_meeting(store, tmp_path / name)
        assert caught.value.code == "export.not_xlsx" and batches.recent(store) == []
    assert list(tmp_path.glob("out*")) == []


def test_progress_is_reported(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.db")
    fill_demo(store, projects=1200, evaluation_months=0)
    progress = CancelAfter(10**9)
    export_exchange(store, tmp_path / "out.xlsx", progress=progress)
    assert progress.steps == [500, 1000, 1200]
    store.close()


def test_self_check_reads_any_name(tmp_path: Path) -> None:
    simple_workbook(tmp_path / "a.xlsx")
    (tmp_path / "a.xlsx").rename(tmp_path / "a.tmp")
    check_xlsx(tmp_path / "a.tmp")
