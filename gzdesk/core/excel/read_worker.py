"""Reading a workbook for an import, handing the importer what it needs as it goes — in this process, or in a
worker process (``isolate=True``).

:func:`read_for_import` yields, in this order: one :class:`WorkbookRead` (the file's kind, notices, the raw rows of
the exchange metadata sheet if any, and the evaluation sheets), one :class:`TablesFound` (the tables after the
clerk's column mapping), then :class:`~gzdesk.core.excel.coerce_table.CoercedRows` chunks table by table, and
finally one :class:`NotesRead`. Its refusals are the same :class:`~gzdesk.core.errors.GzdeskError` (code and
parameters: file, sheet, row, column …) wherever the reading ran.

The worker process isolates the parser (calamine can abort the process it runs in on a hostile file; a worker that
dies takes only itself down and the clerk gets ``excel.reader_stopped``) and lets the importer parse the exchange
metadata and fetch records while the worker coerces. Measured on the 2-core reference machine (shared, interleaved
runs, medians) it does not make importing faster: 50,000 new rows 4.23 s isolated vs 3.96 s here, re-importing an
exchange workbook of 50,000 records 6.83 s vs 6.61 s — sending the rows across costs about what the overlap gains.
So it is opt-in, for callers that want the isolation. Contract of the worker:

* started as ``python -I -c …``; in a frozen app as the app's own executable with ``GZDESK_READ_WORKER=1`` in its
  environment, which its entry point must answer by calling :func:`serve` (and say so with a module-level
  ``SERVES_READ_WORKER = True`` in ``__main__``); it gets the request on stdin, answers on stdout, only reads;
* cancelling (``progress.cancelled()``, checked while waiting) kills it and raises ``Cancelled``;
* an unexpected error in it is raised here as :class:`WorkerFailed` with its traceback (a bug, not the file's
  fault); if it ends without a word after it started reading, the file is refused (``excel.reader_stopped``);
* if it cannot start at all (a frozen app whose entry point does not serve, no interpreter, no processes), the
  reading happens in this process instead, exactly as without ``isolate``.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from gzdesk.core import errors, messages
from gzdesk.core.excel.coerce_table import CoercedRows, coerce_table
from gzdesk.core.excel.mapping import ColumnMapping, apply_mapping
from gzdesk.core.excel.model import FileKind, Sheet
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.read import read_workbook
from gzdesk.core.excel.table import WorkbookTables, scan_workbook
from gzdesk.core.exchange.evaluation_rows import split_sheets
from gzdesk.core.exchange.meta import META_SHEET
from gzdesk.core.progress import NoProgress, Progress, check_cancelled
from gzdesk.core.reference import Reference

__all__ = ["NotesRead", "ReadRequest", "TablesFound", "WorkbookRead", "WorkerFailed", "read_for_import", "serve"]

messages.register({
    "excel.reader_stopped": ("读取“{file}”的程序意外退出（文件可能已损坏，或大到内存不够），未导入任何数据；"
                             "请在 Excel/WPS 中打开并另存后再导入",
                             "The reader stopped unexpectedly while reading {file} (the file may be damaged, or too "
                             "large for the memory available); nothing was imported. Open it in Excel/WPS, save it "
                             "again and import it"),
})

_POLL_SECONDS = 0.05
_START_SECONDS = 60.0  # a worker that has not said "ready" by then did not start
_EXIT_SECONDS = 0.5  # after its last message the worker leaves at once (os._exit: no clean-up of the workbook)
_LENGTH = struct.Struct("<Q")
_WORKER_ENV = "GZDESK_READ_WORKER"


@dataclass(frozen=True)
class ReadRequest:
    """What to read and how: the file, the reference data coercion resolves names with, the list to read the sheets
    as (None: guess), the clerk's column corrections and how many rows go in one chunk."""

    path: Path
    reference: Reference
    list_hint: str | None = None
    column_mapping: ColumnMapping | None = None
    chunk_rows: int = 5000


@dataclass(frozen=True)
class WorkbookRead:
    kind: FileKind
    notices: tuple[str, ...]
    meta_rows: list[list[object]] | None  # the exchange metadata sheet as read (the importer parses it)
    evaluation_sheets: tuple[Sheet, ...] = ()  # 工作评估/节点/问题 (gzdesk.core.exchange.evaluation_sheets), never tables


@dataclass(frozen=True)
class TablesFound:
    found: WorkbookTables


@dataclass(frozen=True)
class NotesRead:
    notes: list[Problem]


Message = WorkbookRead | TablesFound | CoercedRows | NotesRead


class WorkerFailed(RuntimeError):
    """The worker raised something that is not a refusal of the file: a bug. Carries the worker's traceback."""


@dataclass(frozen=True)
class _Ready:
    pass


@dataclass(frozen=True)
class _Step:
    done: int
    total: int | None
    message: str


@dataclass(frozen=True)
class _Refused:
    kind: str
    code: str
    params: dict[str, object]


@dataclass(frozen=True)
class _Crashed:
    text: str


@dataclass(frozen=True)
class _Done:
    pass


@dataclass(frozen=True)
class _Ended:
    """The pipe ended: the worker exited (or died) without another word."""


def produce(request: ReadRequest, progress: Progress) -> Iterator[Message]:
    """The messages of :func:`read_for_import`, computed in this process (the worker runs exactly this)."""
    workbook = read_workbook(request.path, progress=progress)
    meta = next((sheet.rows for sheet in workbook.sheets if sheet.name == META_SHEET), None)
    workbook, evaluation_sheets = split_sheets(workbook)
    yield WorkbookRead(workbook.kind, workbook.notices, meta, evaluation_sheets)  # type: ignore[arg-type]
    found = scan_workbook(workbook, reference=request.reference, list_hint=request.list_hint)
    if request.column_mapping:  # the clerk's corrections to the column guess (gzdesk.core.excel.mapping)
        found = WorkbookTables(apply_mapping(found.tables, request.column_mapping), found.skipped_sheets)
    yield TablesFound(found)
    sheets = {table.sheet_name: next(s for s in workbook.sheets if s.name == table.sheet_name) for table in found.tables}
    file = workbook.path.name
    del workbook, meta, evaluation_sheets  # only the tables' sheets are still needed
    notes: list[Problem] = []
    for table in found.tables:
        yield from coerce_table(sheets[table.sheet_name], table, reference=request.reference,
                                file=file, notes=notes, chunk_rows=request.chunk_rows)
    yield NotesRead(notes)


def read_for_import(request: ReadRequest, *, progress: Progress | None = None,
                    isolate: bool = False) -> Generator[Message, None, None]:
    """Read ``request.path`` for an import (see the module docstring), in a worker process when ``isolate``."""
    progress = progress or NoProgress()
    if isolate:
        worker = _Worker(request)
        try:
            if worker.start(progress):
                yield from worker.messages(progress)
                return
        finally:
            worker.stop()
    yield from produce(request, progress)


class _ChildProgress:
    """The worker's progress: steps go to the parent (at most one per 1 % or per new message)."""

    def __init__(self, send: Callable[[object], None]) -> None:
        self.send = send
        self.last: tuple[int, int | None, str] = (-1, None, "")

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        last_done, last_total, last_message = self.last
        if message == last_message and total == last_total and total and done - last_done < total / 100:
            return
        self.last = (done, total, message)
        self.send(_Step(done, total, message))

    def cancelled(self) -> bool:
        return False  # the parent terminates the worker instead


def _write(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read(stream: IO[bytes]) -> object:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    size = _LENGTH.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # written by our own worker (see serve)


def serve() -> None:
    """The worker process's body (``python -c "from gzdesk.core.excel.read_worker import serve; serve()"``): read the
    request from stdin, say ready, then write every message, or the refusal, or the traceback, to stdout."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but messages may reach the pipe
    gc.disable()  # the workbook's cells stay alive to the end: full collections would only walk them again and again
    try:
        request = _read(sys.stdin.buffer)
        assert isinstance(request, ReadRequest)
        _write(out, _Ready())
        for message in produce(request, _ChildProgress(lambda step: _write(out, step))):
            _write(out, message)
        _write(out, _Done())
    except errors.GzdeskError as error:
        _write(out, _Refused(type(error).__name__, error.code, dict(error.params)))
    except BaseException:  # everything else is a bug: hand the traceback to the parent
        _write(out, _Crashed(traceback.format_exc()))
    out.flush()
    os._exit(0)  # everything is sent; freeing the workbook's million objects one by one would only cost time


def _command() -> list[str] | None:
    """How to start the worker: this interpreter with ``-c``, or a frozen app's own executable when its entry point
    serves (see the module docstring); None when neither is possible."""
    if getattr(sys, "frozen", False):
        serves = getattr(sys.modules.get("__main__"), "SERVES_READ_WORKER", False)
        return [sys.executable] if serves else None
    if not sys.executable:
        return None
    return [sys.executable, "-I", "-c", "import sys; sys.path[:0] = sys.argv[1:]; "
            "from gzdesk.core.excel.read_worker import serve; serve()", *sys.path]


class _Worker:
    """The worker process, and a thread here that receives its messages as soon as they are written (so the worker
    never waits for the importer, which is busy with the previous chunk meanwhile)."""

    def __init__(self, request: ReadRequest) -> None:
        self.request = request
        self.process: subprocess.Popen[bytes] | None = None
        self.received: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.errors: collections.deque[bytes] = collections.deque(maxlen=64)  # the tail of the worker's stderr

    def start(self, progress: Progress) -> bool:
        """Start the worker and wait for its "ready"; False when it cannot start (read in this process then)."""
        command = _command()
        if command is None:
            return False
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, env={**os.environ, _WORKER_ENV: "1"},
                                            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
            assert self.process.stdin is not None
            _write(self.process.stdin, self.request)
            self.process.stdin.close()
        except (OSError, ValueError, pickle.PicklingError):
            self.stop()
            return False
        threading.Thread(target=self._receive, name="gzdesk-reader-pipe", daemon=True).start()
        threading.Thread(target=self._keep_errors, name="gzdesk-reader-errors", daemon=True).start()
        waited = 0.0
        while True:
            try:
                first = self.received.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                check_cancelled(progress)
                waited += _POLL_SECONDS
                if waited > _START_SECONDS:
                    return False
                continue
            return isinstance(first, _Ready)  # _Ended: it could not start

    def _receive(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        try:
            while True:
                self.received.put(_read(self.process.stdout))
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            self.received.put(_Ended())

    def _keep_errors(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            self.errors.append(line)

    def messages(self, progress: Progress) -> Iterator[Message]:
        while True:
            try:
                message = self.received.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                check_cancelled(progress)
                continue
            check_cancelled(progress)
            if isinstance(message, _Step):
                progress.step(message.done, message.total, message.message)
            elif isinstance(message, _Done):
                return
            elif isinstance(message, _Ended):
                stopped = errors.InputRefused("excel.reader_stopped", file=self.request.path.name)
                stopped.add_note(b"".join(self.errors).decode("utf-8", "replace")[-4000:])
                raise stopped
            elif isinstance(message, _Refused):
                raise _refusal(message)
            elif isinstance(message, _Crashed):
                raise WorkerFailed(f"the reading worker failed:\n{message.text}")
            else:
                yield message  # type: ignore[misc]

    def stop(self) -> None:
        """End the worker (if it still runs: the caller stopped early, was cancelled, or failed)."""
        if self.process is None:
            return
        try:
            self.process.wait(_EXIT_SECONDS)  # it exits by itself right after its last message
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                with contextlib.suppress(OSError):
                    stream.close()


def _refusal(message: _Refused) -> errors.GzdeskError:
    """The worker's refusal as the same error class, when that class is built from a code and parameters."""
    kind = getattr(errors, message.kind, None)
    if not (isinstance(kind, type) and issubclass(kind, errors.GzdeskError)
            and kind.__init__ is errors.GzdeskError.__init__):
        kind = errors.InputRefused
    return kind(message.code, **message.params)
