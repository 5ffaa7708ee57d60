"""The exchange workbook (交换表): made to be edited by a colleague and sent back (EXCHANGE.md).

Sheets, in order: 填报说明 (instructions), one sheet per list named by its label (招商引资项目 …), ``_lists`` (hidden;
the drop-down sources) and :data:`gzdesk.core.exchange.meta.META_SHEET` (very hidden; exactly
``meta.meta_rows(info, bases, count)``).

A list sheet: row 1 holds the headers — column A :data:`meta.ID_HEADER` (gray; a validation refuses typing, sorting
still moves it with its row), then every schema field of the list in schema order with ``Field.header(lang)``
("总投资（万元）"). Values are written as :mod:`gzdesk.core.excel.export_common` describes; validations as
:mod:`gzdesk.core.excel.exchange_sheets` describes. Frozen header row and first columns, autofilter, bold wrapped
headers. Each record's base (its field values as the store returns them, with :func:`meta.record_hash`) goes to
the metadata sheet in the same pass, so records are streamed once and never held in memory together.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

import gzdesk
from gzdesk.core import schema
from gzdesk.core.excel.exchange_evaluations import ENTITIES as EVALUATION_ENTITIES
from gzdesk.core.excel.exchange_evaluations import EvaluationPart
from gzdesk.core.excel.exchange_sheets import (
    INSTRUCTIONS_TITLE,
    LISTS_SHEET,
    ExportFacts,
    add_validations,
    drop_downs,
    write_instructions,
    write_lists_sheet,
)
from gzdesk.core.excel.export_common import (
    ExportReport,
    FieldColumn,
    Ticker,
    field_columns,
    new_workbook,
    office_display_name,
    project_entities,
    read_snapshot,
    record_label,
    run_export,
    write_field,
)
from gzdesk.core.excel.write_safe import (
    CellFormats,
    FormatBook,
    RowPlace,
    sheet_name,
    write_text,
    write_value,
)
from gzdesk.core.exchange import meta
from gzdesk.core.progress import NoProgress, Progress
from gzdesk.core.query import Query
from gzdesk.core.schema import LIST_KEYS, Entity
from gzdesk.core.store import Store, now

ID_WIDTH = 12
HEADER_HEIGHT = 36
GRAY = "#D9D9D9"


def export_exchange(store: Store, path: Path | str, *, lists: Sequence[str] = LIST_KEYS,
                    queries: Mapping[str, Query] | None = None, lang: str = "zh",
                    progress: Progress | None = None, evaluation_periods: Sequence[str] = ()) -> ExportReport:
    """Write the exchange workbook of ``lists`` (each filtered and sorted by ``queries[key]``) to ``path``.

    ``evaluation_periods`` ("2026-10", "2026-Q3" …): also the exported projects' evaluations of those periods,
    with their milestones and problems, on three more sheets (:mod:`gzdesk.core.excel.exchange_evaluations`).

    The export is recorded in the ledger (kind "export", with its export id) once the file is in place. Raises
    :class:`InputRefused` for a value a cell cannot hold (naming the record, field and sheet) or a target that
    cannot be written, :class:`Cancelled` when ``progress`` asks to stop; then nothing is left at ``path`` and a
    previous file there is byte-identical.
    """
    path = Path(path)
    entities = project_entities(lists)
    export_id = str(uuid.uuid4())

    def write(temporary: Path) -> dict[str, int]:
        return _write(store, temporary, entities, queries or {}, export_id, lang, progress or NoProgress(),
                      tuple(evaluation_periods))

    return run_export(store, path, kind="export", export_id=export_id, write=write)


@dataclass(frozen=True)
class _ListSheet:
    """One list's sheet while it is written."""

    entity: Entity
    query: Query
    count: int
    sheet: Worksheet
    name: str
    columns: Sequence[FieldColumn]


def _write(store: Store, temporary: Path, entities: Sequence[Entity], queries: Mapping[str, Query],
           export_id: str, lang: str, progress: Progress, evaluation_periods: tuple[str, ...]) -> dict[str, int]:
    with read_snapshot(store), new_workbook(temporary) as book:
        formats = FormatBook(book)
        counts = {e.key: store.count(e.key, queries.get(e.key, Query())) for e in entities}
        info = meta.ExportInfo(export_id, store.office, now(), tuple(e.key for e in entities),
                               gzdesk.__version__)
        taken = [INSTRUCTIONS_TITLE[lang], LISTS_SHEET, meta.META_SHEET]
        instructions_sheet = book.add_worksheet(INSTRUCTIONS_TITLE[lang])
        sheets = _add_list_sheets(book, store, entities, queries, counts, lang, taken)
        part = EvaluationPart.add(book, store, entities, queries, evaluation_periods, taken, lang) \
            if evaluation_periods else None
        evaluated = [(schema.EVALUATION.label(lang), part.count)] if part is not None else []
        facts = ExportFacts(office_display_name(store), info.exported_at[:16].replace("T", " "), export_id, info.app_version,
                            [(e.label(lang), counts[e.key]) for e in entities] + evaluated)
        id_header = meta.ID_HEADER_EN if lang == "en" else meta.ID_HEADER
        write_instructions(instructions_sheet, formats, facts, id_header, lang)
        sources = drop_downs([*entities, *(EVALUATION_ENTITIES if part else ())], store.reference,
                             store.vocabulary_extras(), lang)
        ranges = write_lists_sheet(book.add_worksheet(LISTS_SHEET), formats, sources)
        meta_sheet = book.add_worksheet(meta.META_SHEET)
        meta_sheet.very_hidden()
        for sheet in sheets:
            _write_header(sheet, formats, id_header)
            add_validations(sheet.sheet, sheet.columns, sources, ranges, lang)
        ticker = Ticker(progress, sum(counts.values()) + (part.count if part is not None else 0), "")
        bases: Iterator[meta.BaseRecord] = _rows_and_bases(store, sheets, formats, lang, ticker)
        if part is not None:
            part.write_headers(formats, *_header_formats(formats), sources, ranges)
            bases = itertools.chain(bases, part.rows_and_bases(formats, _header_formats(formats)[0], ticker))
        _write_meta(meta_sheet, formats, meta.meta_rows(info, bases, sum(counts.values())))
        ticker.finish()
        written = {sheet.entity.key: sheet.count for sheet in sheets}
    return written


def _add_list_sheets(book: Workbook, store: Store, entities: Sequence[Entity], queries: Mapping[str, Query],
                     counts: Mapping[str, int], lang: str, taken: list[str]) -> list[_ListSheet]:
    sheets = []
    for entity in entities:
        name = sheet_name(entity.label(lang), taken)
        taken.append(name)
        columns = field_columns(entity, [f.key for f in entity.fields], store.reference, lang)
        sheets.append(_ListSheet(entity, queries.get(entity.key, Query()), counts[entity.key],
                                 book.add_worksheet(name), name, columns))
    return sheets


_HEADER = {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1}


def _header_formats(formats: FormatBook) -> tuple[CellFormats, CellFormats]:
    """(the id column's header, the other headers)."""
    return formats.cell_formats({**_HEADER, "bg_color": GRAY}), formats.cell_formats({**_HEADER, "bg_color": "#DDEBF7"})


def _write_header(list_sheet: _ListSheet, formats: FormatBook, id_header: str) -> None:
    sheet = list_sheet.sheet
    place = RowPlace(list_sheet.entity.zh, "", list_sheet.name)
    sheet.set_column(0, 0, ID_WIDTH, formats.format({"bg_color": GRAY, "font_color": "#595959"}))
    for index, column in enumerate(list_sheet.columns, start=1):
        number = {"num_format": column.number_format} if column.number_format else {}
        sheet.set_column(index, index, column.width, formats.format(number) if number else None)
    sheet.set_row(0, HEADER_HEIGHT)
    id_formats, header_formats = _header_formats(formats)
    write_text(sheet, 0, 0, id_header, id_formats, place, id_header)
    for index, column in enumerate(list_sheet.columns, start=1):
        write_text(sheet, 0, index, column.header, header_formats, place, column.header)
    sheet.freeze_panes(1, 3)
    sheet.autofilter(0, 0, max(list_sheet.count, 1), len(list_sheet.columns))


def _rows_and_bases(store: Store, sheets: Sequence[_ListSheet], formats: FormatBook, lang: str,
                    ticker: Ticker) -> Iterator[meta.BaseRecord]:
    """Write every record's row on its list sheet and yield its base, one record at a time."""
    id_formats = formats.cell_formats({"bg_color": GRAY, "font_color": "#595959"})
    for list_sheet in sheets:
        entity, sheet, columns = list_sheet.entity, list_sheet.sheet, list_sheet.columns
        column_formats = [formats.cell_formats({"num_format": c.number_format} if c.number_format else {})
                          for c in columns]
        keys = [f.key for f in entity.fields]
        label = entity.label(lang)
        ticker.message = label
        written = 0
        for row, record in enumerate(store.iter_records(entity.key, list_sheet.query), start=1):
            place = RowPlace(label, record_label(record), list_sheet.name)
            write_text(sheet, row, 0, str(record["id"]), id_formats, place, meta.ID_HEADER)
            for index, (column, cell_formats) in enumerate(zip(columns, column_formats, strict=True), start=1):
                write_field(sheet, row, index, column, record.get(column.field.key), cell_formats, place)
            values = {key: record.get(key) for key in keys}
            yield meta.base_record(entity.key, str(record["id"]), int(record["revision"]),  # type: ignore[call-overload]
                                   values)
            written += 1
            ticker.tick()
        if written != list_sheet.count:  # cannot happen inside the read snapshot; never write a wrong count
            raise RuntimeError(f"{entity.key}: counted {list_sheet.count} records but read {written}")




def _write_meta(sheet: Worksheet, formats: FormatBook, rows: Iterator[list[object]]) -> None:
    plain = formats.cell_formats({})
    for row, cells in enumerate(rows):
        place = RowPlace(meta.META_SHEET, str(cells[1]) if row >= meta.RECORDS_HEADER_ROW else "", meta.META_SHEET)
        for column, value in enumerate(cells):
            _write_meta_cell(sheet, row, column, value, plain, place)


def _write_meta_cell(sheet: Worksheet, row: int, column: int, value: object, plain: CellFormats,
                     place: RowPlace) -> None:
    if isinstance(value, str):
        write_text(sheet, row, column, value, plain, place, "values")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        write_value(sheet, row, column, value, plain, place, "values")
    elif value is not None:
        raise TypeError(f"unexpected metadata value {value!r}")
