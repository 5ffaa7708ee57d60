"""Reading any workbook a clerk receives: .xlsx/.xlsm, .xls, .ods and .csv, into :class:`Workbook`.

Contract of :func:`read_workbook`:

* The kind comes from the content (:mod:`gzdesk.core.excel.sniff`); text with a workbook name (.xlsx, .xls …)
  is refused (``excel.text_not_workbook``), a .csv file is read as text.
* Nothing reaches calamine before its gates: zip limits, every XML part's true size and CRC and no DTDs before
  calamine opens the file, and each sheet scanned for its used area (its part's size, CRC and prolog verified on
  the way) before calamine reads that sheet. The area must fit :data:`MAX_SHEET_ROWS` × :data:`MAX_SHEET_COLUMNS`
  and :data:`MAX_SHEET_CELLS` (``excel.sheet_too_large``) — calamine aborts the process on areas it cannot
  allocate. The rest of each sheet's scan (hidden rows and columns, error and date cells: ``xlsx_scan``) is made
  while calamine reads, as are the next sheets' area scans. A sheet refused by its gate (area or the rest of its
  scan) is reported before any refusal of calamine's; of several, the first in the workbook.
* Values: calamine's, with empty cells as None; error cells become ``CellError("#N/A")`` etc., formulas
  without a saved result ``CellError("no_cached_value")``, date-formatted numbers that are no valid date
  ``CellError("bad_date")`` (the rule is in :mod:`gzdesk.core.excel.xlsx_dates`); durations (``[h]:mm``) become
  their number of days (float). Text is left as read (NUL from ``_x0000_`` included): the coercion layer cleans.
* Structural damage in any sheet refuses the whole file (``excel.damaged_sheet`` naming it); no partial result.
* Only :class:`gzdesk.core.errors.InputRefused` (or :class:`Cancelled`) escapes for a bad file.
"""

from __future__ import annotations

import datetime as dt
import io
import queue
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import python_calamine

from gzdesk.core.errors import GzdeskError, InputRefused
from gzdesk.core.excel.gates import check_prolog, iter_part, open_zip
from gzdesk.core.excel.model import CellValue, FileKind, Merge, Sheet, Workbook
from gzdesk.core.excel.read_csv import read_csv
from gzdesk.core.excel.refusals import MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, refuse
from gzdesk.core.excel.sniff import detect
from gzdesk.core.excel.xlsx_exact import SheetXmlError, scan_exact
from gzdesk.core.excel.xlsx_parts import SheetPart, Structure, missing_part, read_structure
from gzdesk.core.excel.xlsx_scan import NeedsExactScan, SheetScan, scan_area, scan_details
from gzdesk.core.progress import NoProgress, Progress, check_cancelled

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".et", ".ett", ".ods", ".xlsb"})


def read_workbook(path: Path | str, *, progress: Progress | None = None) -> Workbook:
    """Read every sheet of the workbook at ``path`` (see the module contract)."""
    path = Path(path)
    progress = progress or NoProgress()
    try:
        detection = detect(path)
        if detection.kind is FileKind.CSV:
            if path.suffix.lower() in WORKBOOK_SUFFIXES:
                raise refuse("excel.text_not_workbook", path)
            sheets: tuple[Sheet, ...] = (read_csv(path, detection.encoding or "utf-8", progress=progress),)
        elif detection.kind is FileKind.XLSX:
            sheets = _read_xlsx(path, progress)
        else:
            from gzdesk.core.excel.read_other import read_ods, read_xls

            reader = read_xls if detection.kind is FileKind.XLS else read_ods
            sheets = reader(path, progress)
    except (GzdeskError, KeyboardInterrupt, SystemExit):
        raise
    except MemoryError as error:
        raise refuse("excel.out_of_memory", path, size_mb=_size_mb(path)) from error
    except BaseException as error:  # a parser failed as we did not foresee (a Rust panic is a BaseException)
        raise refuse("excel.damaged", path) from error
    return Workbook(path, detection.kind, sheets, detection.notices)


def _read_xlsx(path: Path, progress: Progress) -> tuple[Sheet, ...]:
    with open_zip(path) as archive:
        structure = read_structure(archive, path)
        scanned = {sheet.part for sheet in structure.sheets}
        for info in archive.infolist():  # every other XML part calamine may read: true size, CRC, no DTD
            if info.filename not in scanned and info.filename.lower().endswith((".xml", ".rels")):
                for _ in _checked(iter_part(archive, info, path), path):
                    pass
        sheets = structure.sheets
        # Smallest part first: calamine starts on a sheet early and its longest parse overlaps the other scans.
        order = sorted(range(len(sheets)), key=lambda i: _part_size(archive, sheets[i]))
        guarded: dict[int, _Guarded] = {}
        current = 0
        with _CalamineReader(path, structure) as reader:
            try:
                for step, current in enumerate(order):  # calamine reads a sheet only after its area passed
                    check_cancelled(progress)
                    progress.step(step, 2 * len(sheets), sheets[current].name)
                    guarded[current] = _gate(path, archive, sheets[current], structure)
                    reader.read(current, guarded[current])
                for current in order:  # the rest of each sheet's scan, while calamine reads
                    check_cancelled(progress)
                    guarded[current].complete()
            except InputRefused:  # the sheet named is the first one in the workbook that its gate refuses
                for earlier in range(current):
                    (guarded.get(earlier) or _gate(path, archive, sheets[earlier], structure)).complete()
                raise
            return reader.sheets(progress, guarded)


def _part_size(archive: zipfile.ZipFile, sheet: SheetPart) -> int:
    try:
        return archive.getinfo(sheet.part).file_size if sheet.part is not None else 0
    except KeyError:
        return 0


def _gate(path: Path, archive: zipfile.ZipFile, sheet: SheetPart, structure: Structure) -> _Guarded:
    """The sheet's part must exist and pass :func:`_guard`."""
    if sheet.part is None:
        raise missing_part(path, sheet)
    return _guard(path, sheet, _part_chunks(archive, archive.getinfo(sheet.part), path), structure)


class _Guarded:
    """A sheet whose used area passed its gate, and the rest of its scan (hidden rows and columns, overrides):
    known already when the gate had to scan exactly, otherwise made by :meth:`complete` (while calamine reads)."""

    def __init__(self, path: Path, part: SheetPart, chunks: Callable[[], Iterator[bytes]], structure: Structure,
                 scan: SheetScan | None = None) -> None:
        self.path, self.part, self.chunks, self.structure = path, part, chunks, structure
        self.scan = scan

    def complete(self) -> SheetScan:
        """The sheet's whole scan; refuses the sheet (``excel.damaged_sheet``) when its XML turns out malformed."""
        if self.scan is None:
            styles, date1904 = self.structure.styles, self.structure.date1904
            try:
                try:
                    self.scan = scan_details(self.chunks(), styles=styles, date1904=date1904)
                except NeedsExactScan:
                    self.scan = scan_exact(self.chunks(), styles=styles, date1904=date1904)
                    check_area(self.path, self.part.name, self.scan.rows, self.scan.columns)
            except SheetXmlError as error:
                raise refuse("excel.damaged_sheet", self.path, sheet=self.part.name, detail=str(error)) from error
        return self.scan


def _part_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> Callable[[], Iterator[bytes]]:
    """A function giving the part's verified chunks afresh each time it is called."""
    return lambda: _checked(iter_part(archive, info, path), path)


def _checked(chunks: Iterator[bytes], path: Path) -> Iterator[bytes]:
    """The chunks of a part, the first one checked for a DTD."""
    first = True
    for chunk in chunks:
        if first:
            check_prolog(chunk, path)
            first = False
        yield chunk


def _guard(path: Path, sheet: SheetPart, chunks: Callable[[], Iterator[bytes]], structure: Structure) -> _Guarded:
    """Find the sheet's used area (exactly when the fast area scan cannot, or when its loose bound is over the
    limits) and refuse the sheet when it does not fit. An exact scan gives the whole scan at once."""
    scan = None
    try:
        try:
            area = scan_area(chunks())
            done = fits(area.rows, area.columns)
        except NeedsExactScan:
            done = False
        if not done:
            scan = area = scan_exact(chunks(), styles=structure.styles, date1904=structure.date1904)
    except SheetXmlError as error:
        raise refuse("excel.damaged_sheet", path, sheet=sheet.name, detail=str(error)) from error
    check_area(path, sheet.name, area.rows, area.columns)
    return _Guarded(path, sheet, chunks, structure, scan)


def fits(rows: int, columns: int) -> bool:
    """True when a used area of ``rows`` × ``columns`` (from A1) is within the sheet limits."""
    return rows <= MAX_SHEET_ROWS and columns <= MAX_SHEET_COLUMNS and rows * columns <= MAX_SHEET_CELLS


def check_area(path: Path, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose used area does not fit (``excel.sheet_too_large``)."""
    if not fits(rows, columns):
        raise refuse("excel.sheet_too_large", path, sheet=sheet, rows=rows, columns=columns,
                     max_rows=MAX_SHEET_ROWS, max_columns=MAX_SHEET_COLUMNS, max_cells=MAX_SHEET_CELLS)


class _CalamineReader:
    """calamine reading each sheet on a thread of its own as soon as the sheet's area has passed its gate, while the
    other scans go on: calamine parses without holding the GIL, so the scans and the parsing run on both cores (an
    exchange workbook of 50,000 records: about 40 % less time to read; a one-sheet workbook of 50,000 rows × 20
    columns: read in 1.16 s instead of 1.30 s, the rest of its scan hidden behind calamine's parse).

    Refusals keep their precedence: a sheet refused by its gate is reported even when calamine failed on another
    sheet meanwhile; then calamine's refusal of the first sheet in workbook order. Only the calling thread reports
    progress."""

    def __init__(self, path: Path, structure: Structure) -> None:
        self.path, self.structure = path, structure
        self.waiting: queue.SimpleQueue[tuple[int, _Guarded] | None] = queue.SimpleQueue()
        self.done: dict[int, tuple[list[list[object]], tuple[Merge, ...]]] = {}  # rows and merges as read
        self.finished: list[str] = []  # names of the sheets read, in the order they were read
        self.errors: dict[int, BaseException] = {}
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="gzdesk-calamine", daemon=True)

    def __enter__(self) -> _CalamineReader:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping = True  # after an error here: leave the sheets still waiting unread
        self.waiting.put(None)
        self.thread.join()

    def read(self, index: int, sheet: _Guarded) -> None:
        """Read the sheet at ``index`` (its position in the workbook), which has passed its gate."""
        self.waiting.put((index, sheet))

    def sheets(self, progress: Progress, guarded: dict[int, _Guarded]) -> tuple[Sheet, ...]:
        """Every sheet handed over, in workbook order, once calamine has read them all (or its refusal), with the
        rest of its scan (``guarded``, complete) applied."""
        count = len(self.structure.sheets)
        self.waiting.put(None)
        reported = 0
        while True:
            running = self.thread.is_alive()
            for name in self.finished[reported:]:  # one step per sheet read, named
                progress.step(count + reported, 2 * count, name)
                reported += 1
            if not running:
                break
            self.thread.join(0.05)
            if progress.cancelled():
                self.stopping = True
                self.thread.join()
                check_cancelled(progress)
        if self.errors:
            raise self.errors[min(self.errors)]
        durations = bool(self.structure.styles.durations)
        found = []
        for index in sorted(self.done):
            part, scan = guarded[index].part, guarded[index].complete()
            rows, merges = self.done.pop(index)
            found.append(Sheet(part.name, clean_rows(rows, scan.overrides, check_types=durations), visible=part.visible,
                               merges=merges, hidden_rows=frozenset(scan.hidden_rows),
                               hidden_columns=frozenset(scan.hidden_columns)))
        return tuple(found)

    def _run(self) -> None:
        workbook: python_calamine.CalamineWorkbook | None = None
        try:
            while (item := self.waiting.get()) is not None and not self.stopping:
                index, sheet = item
                try:
                    if workbook is None:
                        workbook = open_calamine(self.path, FileKind.XLSX)
                    self.done[index] = calamine_rows(workbook, self.path, sheet.part.name)
                except BaseException as error:  # handed to the calling thread, which refuses the file as before
                    self.errors[index] = error
                self.finished.append(sheet.part.name)
        finally:
            if workbook is not None:
                workbook.close()


_SUFFIXES = {FileKind.XLSX: (".xlsx", ".xlsm", ".xltx", ".xltm"), FileKind.XLS: (".xls", ".xlt"),
             FileKind.ODS: (".ods",)}


def open_calamine(path: Path, kind: FileKind) -> python_calamine.CalamineWorkbook:
    """calamine's workbook for a file of ``kind`` (calamine goes by the name, so a renamed file is handed
    over as bytes); a password gives ``excel.encrypted``, other failures ``excel.damaged``."""
    try:
        if path.suffix.lower() in _SUFFIXES[kind]:
            return python_calamine.CalamineWorkbook.from_path(str(path))
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    except python_calamine.PasswordError as error:
        raise refuse("excel.encrypted", path) from error
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise refuse("excel.damaged", path) from error


def calamine_rows(workbook: python_calamine.CalamineWorkbook, path: Path,
                  name: str) -> tuple[list[list[object]], tuple[Merge, ...]]:
    """One sheet's rows from A1 and its merges; any calamine failure names the sheet (``excel.damaged_sheet``).
    The caller has checked the sheet's used area first."""
    try:
        sheet = workbook.get_sheet_by_name(name)
        rows: list[list[object]] = sheet.to_python(skip_empty_area=False)  # type: ignore[assignment]
        ranges = sheet.merged_cell_ranges or []
    except python_calamine.PasswordError as error:
        raise refuse("excel.encrypted", path) from error
    except (python_calamine.CalamineError, ValueError, OverflowError) as error:
        raise refuse("excel.damaged_sheet", path, sheet=name, detail=str(error)) from error
    merges = tuple(Merge(first[0], first[1], last[0], last[1]) for first, last in ranges)
    return rows, merges


def clean_rows(rows: list[list[object]], overrides: dict[tuple[int, int], CellValue], *,
               check_types: bool) -> list[list[CellValue]]:
    """calamine's rows with empty cells as None, ``overrides`` applied and (``check_types``) durations as days."""
    for (row, column), value in overrides.items():
        while len(rows) <= row:
            rows.append([])
        cells = rows[row]
        if len(cells) <= column:
            cells.extend([""] * (column + 1 - len(cells)))
        cells[column] = value
    if check_types:
        return [[_plain(value) for value in row] for row in rows]
    return [list(map(_BLANK_TO_NONE.get, row, row)) if "" in row else row  # type: ignore[arg-type,misc]
            for row in rows]  # "" → None, anything else itself (a dict lookup per cell, in C)


_BLANK_TO_NONE: dict[object, None] = {"": None}


def _plain(value: object) -> CellValue:
    if value == "":
        return None
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86_400
    return value  # type: ignore[return-value]


def _size_mb(path: Path) -> int:
    try:
        return path.stat().st_size >> 20
    except OSError:
        return 0
