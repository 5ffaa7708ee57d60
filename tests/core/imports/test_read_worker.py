"""Reading for an import in a worker process (``isolate=True``): the same plan as reading here, the same refusals,
a worker that dies refuses the file without taking this process along, and cancelling leaves no worker behind."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from gzdesk.core.errors import Cancelled, InputRefused
from gzdesk.core.importer import ImportPlan, plan_import
from gzdesk.core.store import Store
from tests.core.excel import hostile
from tests.core.imports import messy


def _workers() -> list[int]:
    """The pids of this process's reading workers still running (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"read_worker" in command:
                found.append(int(pid))
    return found


def _summary(plan: ImportPlan) -> tuple[object, ...]:
    return (plan.counts(), [(r.sheet, r.row, r.values, r.natural_key, r.record_id) for r in plan.new],
            plan.problems, plan.notes, plan.tables, plan.skipped_sheets, plan.workbook_notices)


@pytest.mark.parametrize("build", [messy.district_ledger, messy.two_lists_and_instructions, messy.with_bad_rows])
def test_the_worker_plans_exactly_what_reading_here_plans(store: Store, tmp_path: Path, build: object) -> None:
    path = build(tmp_path / "台账.xlsx")  # type: ignore[operator]
    assert _summary(plan_import(store, path, isolate=True)) == _summary(plan_import(store, path))
    assert _workers() == []


def test_a_hostile_file_is_refused_alike_in_the_worker(store: Store, tmp_path: Path) -> None:
    path = hostile.one_sheet(tmp_path / "角落.xlsx", '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v>'
                                                  "</c></row>")
    with pytest.raises(InputRefused) as here:
        plan_import(store, path)
    with pytest.raises(InputRefused) as isolated:
        plan_import(store, path, isolate=True)
    assert (isolated.value.code, isolated.value.params) == (here.value.code, here.value.params)
    assert isolated.value.message("zh") == here.value.message("zh")


class _KillTheWorker:
    """Kills the worker (SIGKILL, as an abort or the OOM killer would) when it reports its first step."""

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        for pid in _workers():
            os.kill(pid, signal.SIGKILL)

    def cancelled(self) -> bool:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the worker through /proc")
def test_a_worker_that_dies_refuses_the_file_and_this_process_goes_on(store: Store, tmp_path: Path) -> None:
    path = messy.district_ledger(tmp_path / "台账.xlsx")
    with pytest.raises(InputRefused) as refused:
        plan_import(store, path, isolate=True, progress=_KillTheWorker())
    assert refused.value.code == "excel.reader_stopped" and refused.value.params == {"file": "台账.xlsx"}
    assert plan_import(store, path).counts()["new"] == 7  # this process is fine, and so is the file read here
    assert _workers() == []


class _CancelAtOnce:
    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return True


def test_cancelling_stops_the_worker(store: Store, tmp_path: Path) -> None:
    path = messy.district_ledger(tmp_path / "台账.xlsx")
    with pytest.raises(Cancelled):
        plan_import(store, path, isolate=True, progress=_CancelAtOnce())
    assert _workers() == []


def test_a_frozen_app_that_cannot_start_a_worker_reads_here(store: Store, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # and its entry point does not serve
    path = messy.district_ledger(tmp_path / "台账.xlsx")
    assert plan_import(store, path, isolate=True).counts()["new"] == 7
