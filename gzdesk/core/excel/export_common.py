"""What the exchange and the meeting exporters share: cell values of fields, columns, the run (ledger + atomic write).

Cell values of a field (:func:`converter`), the same in both workbooks: money and numbers as numbers; a full date
("2026-03-15") as a real date shown yyyy-mm-dd; a month-precision date ("2026-03") as the text "2026-03" (a real
date would invent a day); enumerations as their canonical Chinese value; district and industry as their Chinese
name (an industry kept as written stays its text); tags joined with "、"; booleans 是/否; free text as is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from gzdesk.core import batches, messages, schema
from gzdesk.core.errors import GzdeskError, InputRefused
from gzdesk.core.excel.atomic import check_xlsx, write_atomically
from gzdesk.core.excel.write_safe import (
    CellFormats,
    CellValue,
    RowPlace,
    write_link_or_text,
    write_number,
    write_text,
    write_value,
)
from gzdesk.core.progress import Progress, check_cancelled
from gzdesk.core.query import Filter, Query
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Entity, Field, FieldType
from gzdesk.core.store import Store

messages.register({
    "export.not_xlsx": ("导出的文件名应以 .xlsx 结尾（“{file}”）", "An exported workbook's name must end in .xlsx ({file})"),
})

T = FieldType
DEFAULT_FONT = "等线"
DATE_FORMAT = "yyyy-mm-dd"
FIRST_REAL_DATE = dt.date(1900, 3, 1)  # before it Excel's serials are off by one (its 1900-02-29)
NUMBER_FORMATS: dict[FieldType, str] = {T.MONEY: "#,##0.00", T.AREA: "0.00", T.PERCENT: "0.0", T.INTEGER: "0",
                                        T.DATE: DATE_FORMAT}
_WIDTHS: dict[FieldType, float] = {T.TEXT: 16, T.LONG_TEXT: 36, T.MONEY: 14, T.NUMBER: 11, T.INTEGER: 10, T.AREA: 10,
                                   T.PERCENT: 9, T.DATE: 12, T.ENUM: 12, T.REFERENCE: 16, T.BOOLEAN: 9, T.TAGS: 18}
YES, NO = "是", "否"
TAG_SEPARATOR = "、"


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: the file, its export id, the records per list, and its ledger batch (None when the
    database is read-only and the export could not be recorded)."""

    path: Path
    export_id: str
    counts: Mapping[str, int]
    batch: str | None = None


_NUMERIC = frozenset({T.MONEY, T.NUMBER, T.AREA, T.PERCENT, T.INTEGER})


@dataclass(frozen=True)
class FieldColumn:
    """One exported field column: its header, width, number format and value converter."""

    field: Field
    header: str
    width: float
    number_format: str | None
    convert: Callable[[object], CellValue]

    @property
    def links(self) -> bool:
        """Short text fields may hold a web or mail address that becomes a link (never long text)."""
        return self.field.type is T.TEXT

    @cached_property
    def plain_kind(self) -> type | None:
        """The Python type whose values this column writes unconverted (the fast path), if any."""
        if self.field.type in _NUMERIC:
            return float
        return str if self.field.type in (T.LONG_TEXT, T.ENUM) else None


def converter(field: Field, reference: Reference) -> Callable[[object], CellValue]:
    """The function turning a field's Python value (as the store returns it) into its cell value."""
    kind = field.type
    if kind in _NUMERIC:
        return _number
    if kind is T.DATE:
        return _date
    if kind is T.BOOLEAN:
        return _boolean
    if kind is T.TAGS:
        return _tags
    if kind is T.REFERENCE:
        name = reference.district_name if field.reference == "district" else reference.industry_name
        return lambda value: None if value is None or value == "" else name(str(value))
    return _text


def _number(value: object) -> CellValue:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _date(value: object) -> CellValue:
    if value is None or value == "":
        return None
    text = str(value)
    if len(text) == 10:
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(text)
            if day >= FIRST_REAL_DATE:
                return day
    return text


def _boolean(value: object) -> CellValue:
    return None if value is None else (YES if value else NO)


def _tags(value: object) -> CellValue:
    if value is None or value == [] or value == "":
        return None
    return TAG_SEPARATOR.join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def _text(value: object) -> CellValue:
    return None if value is None or value == "" else str(value)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width view: 2 for each wide (CJK) character, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def field_columns(entity: Entity, keys: Sequence[str], reference: Reference, lang: str) -> list[FieldColumn]:
    """The columns of ``keys`` (fields of ``entity``, in that order)."""
    columns = []
    for key in keys:
        field = entity.field(key)
        header = field.header(lang)
        width = _WIDTHS[field.type] + (12 if field.type is T.TEXT and (field.max_length or 0) >= 200 else 0)
        width = max(width, min(display_width(header) + 2, 20))
        columns.append(FieldColumn(field, header, width, NUMBER_FORMATS.get(field.type), converter(field, reference)))
    return columns


def write_field(sheet: Worksheet, row: int, column: int, spec: FieldColumn, value: object, formats: CellFormats,
                place: RowPlace) -> bool:
    """Write one field's value; False (nothing written) when it is blank."""
    if value is None or value == "":
        return False
    kind, plain = type(value), spec.plain_kind
    if plain is float and (kind is float or kind is int):
        write_number(sheet, row, column, value, formats, place, spec.header)  # type: ignore[arg-type]
        return True
    if plain is str and kind is str:
        write_text(sheet, row, column, value, formats, place, spec.header)  # type: ignore[arg-type]
        return True
    cell = spec.convert(value)
    if cell is None:
        return False
    if spec.links and type(cell) is str and cell[:1] in "hHmM":
        write_link_or_text(sheet, row, column, cell, formats, place, spec.header)
    else:
        write_value(sheet, row, column, cell, formats, place, spec.header)
    return True


def record_label(record: Mapping[str, object]) -> str:
    """How a refusal names a record: its name, else its id."""
    return str(record.get("name") or record.get("id") or "?")


def project_entities(lists: Sequence[str]) -> list[Entity]:
    entities = [schema.entity(key) for key in lists]
    for entity in entities:
        if not entity.is_project_list:
            raise ValueError(f"{entity.key!r} is not a project list")
    return entities


def office_display_name(store: Store) -> str:
    """The name of this database's own office (its office record), else its office code."""
    code = store.office
    for record in store.iter_records("office", Query(filters=(Filter("code", "=", code),)), chunk=1):
        return str(record.get("name") or code)
    return code


@contextlib.contextmanager
def new_workbook(path: Path) -> Iterator[xlsxwriter.Workbook]:
    """An XlsxWriter workbook in constant-memory mode (rows must be written in order) that never guesses types.

    Closed (written) when the block ends normally; after an exception its temporary row files are discarded
    without assembling a file (the caller's temporary target is removed by :func:`write_atomically`).
    """
    with tempfile.TemporaryDirectory(prefix="gzdesk-export-", ignore_cleanup_errors=True) as scratch:
        book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "tmpdir": scratch, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "default_format_properties": {"font_name": DEFAULT_FONT, "font_size": 11}})
        try:
            yield book
        except BaseException:
            _discard(book)
            raise
        book.close()


def _discard(book: xlsxwriter.Workbook) -> None:
    for sheet in book.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()


@contextlib.contextmanager
def read_snapshot(store: Store) -> Iterator[None]:
    """One read transaction around the export's reads, so counts and rows come from the same committed state
    (WAL: writers elsewhere are not blocked). Nothing is written inside it."""
    conn = store.conn
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


class Ticker:
    """Counts written records, reports progress and checks for cancellation every ``every`` records."""

    def __init__(self, progress: Progress, total: int, message: str, *, every: int = 500) -> None:
        self.progress, self.total, self.message, self.every = progress, total, message, every
        self.done = 0
        check_cancelled(progress)

    def tick(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            check_cancelled(self.progress)
            self.progress.step(self.done, self.total, self.message)

    def finish(self) -> None:
        """Report the final count (before the file is closed and checked)."""
        check_cancelled(self.progress)
        self.progress.step(self.done, self.total, self.message)


def run_export(store: Store, path: Path, *, kind: str, export_id: str,
               write: Callable[[Path], Mapping[str, int]]) -> ExportReport:
    """Record the export in the ledger, write the file atomically (checked by re-reading), then finish the batch.

    ``write(temporary)`` writes the workbook and returns the record counts per list. When anything fails or the
    clerk cancels, the batch is marked failed, nothing is left at ``path`` and a previous file there is unchanged.
    A read-only database cannot record the export; the file is still written (``ExportReport.batch`` is None).
    A target whose name does not end in .xlsx is refused (``export.not_xlsx``): Excel will not open an .xlsx
    workbook called .xls or .xlsm.
    """
    if path.suffix.lower() != ".xlsx":
        raise InputRefused("export.not_xlsx", file=path.name)
    batch = None if store.read_only_reason is not None else batches.start(
        store, kind, file_name=path.name, export_id=export_id)
    counts: dict[str, int] = {}

    def produce(temporary: Path) -> None:
        counts.update(write(temporary))

    try:
        write_atomically(path, produce, self_check=check_xlsx)
    except BaseException:
        if batch is not None:
            with contextlib.suppress(GzdeskError):
                batches.abandon(store, batch)
        raise
    if batch is not None:
        with store.transaction() as conn:
            batches.finish(conn, batch, {**counts, "file": path.name, "export_id": export_id})
    return ExportReport(path, export_id, MappingProxyType(dict(counts)), batch)
