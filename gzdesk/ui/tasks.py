"""The one place that starts threads: long core work runs on a worker with a progress dialog that can cancel.

A task is a plain core function ``work(progress) -> result``; it must open its own Store (one connection per
thread). The GUI gets the result or the error back on its own thread through signals (STYLE.md rule 2).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class TaskProgress(QObject):
    """The core's Progress protocol, safe to call from the worker thread."""

    stepped = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.stepped.emit(done, total or 0, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Runner(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[TaskProgress], Any], progress: TaskProgress) -> None:
        super().__init__()
        self._work = work
        self._progress = progress

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # every error goes back to the GUI thread to be shown
            self.failed.emit(error)
        else:
            self.finished.emit(result)


class Worker(QObject):
    """``work(progress)`` on its own thread, no dialog; ``on_done`` / ``on_error`` are called on the GUI thread."""

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QObject, work: Callable[[TaskProgress], Any], *,
                 on_done: Callable[[Any], Any] | None = None, on_error: Callable[[BaseException], Any] | None = None,
                 progress: TaskProgress | None = None) -> None:
        super().__init__(parent)
        self.progress = progress or TaskProgress()
        self.running = True
        self._thread = QThread(self)
        self._runner = _Runner(work, self.progress)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.finished.connect(self._finish_ok)
        self._runner.failed.connect(self._finish_error)
        if on_done is not None:
            self.done.connect(on_done)
        if on_error is not None:
            self.error.connect(on_error)
        self._thread.start()

    def _stop(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.running = False

    def cancel_and_wait(self) -> None:
        """Ask the work to stop and wait until its thread has ended (before the owner goes away); the result or
        error may still arrive afterwards."""
        self.progress.cancel()
        self._stop()

    @Slot(object)
    def _finish_ok(self, result: object) -> None:
        self._stop()
        self.done.emit(result)

    @Slot(object)
    def _finish_error(self, error: object) -> None:
        self._stop()
        self.error.emit(error)


def stop_workers(owner: QObject) -> None:
    """Cancel every worker ``owner`` holds and wait until their threads have ended: before the app closes its
    database, so no reading connection outlives it (its -wal file would stay behind)."""
    for worker in owner.findChildren(Worker):
        if worker.running:
            worker.cancel_and_wait()


class Task(QObject):
    """A worker with a cancellable progress dialog that closes when the work reports back."""

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QWidget, title: str, work: Callable[[TaskProgress], Any]) -> None:
        super().__init__(parent)
        self.progress = TaskProgress()
        self.dialog = QProgressDialog(title, _cancel_label(parent), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.progress.cancel)
        self.progress.stepped.connect(self._stepped)
        self._work = work
        self.worker: Worker | None = None

    def start(self) -> None:
        self.worker = Worker(self, self._work, on_done=self._finish_ok, on_error=self._finish_error,
                             progress=self.progress)

    @Slot(int, int, str)
    def _stepped(self, done: int, total: int, message: str) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if message:
            self.dialog.setLabelText(message)

    def _finish_ok(self, result: object) -> None:
        self.dialog.close()
        self.done.emit(result)

    def _finish_error(self, error: BaseException) -> None:
        self.dialog.close()
        self.error.emit(error)


def _cancel_label(parent: QWidget) -> str:
    return QCoreApplication.translate("Task", "Cancel")


def run_task(parent: QWidget, title: str, work: Callable[[TaskProgress], Any], *,
             on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> Task:
    """Run ``work`` on a worker thread with a cancellable progress dialog; call back on the GUI thread."""
    task = Task(parent, title, work)
    task.done.connect(on_done)
    task.error.connect(on_error)
    task.start()
    return task
