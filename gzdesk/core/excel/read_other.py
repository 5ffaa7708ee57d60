"""Reading legacy .xls and .ods workbooks: scan first (:mod:`biff_scan`, :mod:`ods_scan`), then calamine.

Contract: as :func:`gzdesk.core.excel.read.read_workbook` for these kinds. Every sheet's used area is checked
against the limits before calamine reads it. For .xls, error cells come from the record scan; date-formatted
numbers are calamine's (no bad-date check: .xls date styles are not scanned). For .ods, error cells are not
distinguishable and stay as calamine reads them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine

from gzdesk.core.excel.biff_scan import BiffEncrypted, BiffError, BiffSheet, scan_biff
from gzdesk.core.excel.cfb import CfbError, CompoundFile
from gzdesk.core.excel.gates import check_prolog, iter_part, open_zip
from gzdesk.core.excel.model import FileKind, Sheet
from gzdesk.core.excel.ods_scan import OdsXmlError, scan_ods
from gzdesk.core.excel.read import calamine_rows, check_area, clean_rows, open_calamine
from gzdesk.core.excel.refusals import refuse
from gzdesk.core.progress import Progress, check_cancelled


def read_xls(path: Path, progress: Progress) -> tuple[Sheet, ...]:
    """All worksheets of a BIFF8 .xls file."""
    try:
        with path.open("rb") as handle:
            container = CompoundFile(handle, path.stat().st_size)
            names = {name.lower(): name for name in container.names()}
            stream = container.read_stream(names.get("workbook") or names.get("book") or "Workbook")
        scanned = scan_biff(stream)
    except BiffEncrypted as error:
        raise refuse("excel.encrypted", path) from error
    except (CfbError, BiffError) as error:
        raise refuse("excel.damaged", path) from error
    for sheet in scanned:
        check_area(path, sheet.name, sheet.rows, sheet.columns)
    workbook = open_calamine(path, FileKind.XLS)
    try:
        names_in_order = [meta.name for meta in workbook.sheets_metadata
                          if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
        return tuple(_xls_sheet(workbook, path, sheet, names_in_order, index, progress)
                     for index, sheet in enumerate(scanned))
    finally:
        workbook.close()


def _xls_sheet(workbook: python_calamine.CalamineWorkbook, path: Path, scanned: BiffSheet,
               names_in_order: list[str], index: int, progress: Progress) -> Sheet:
    check_cancelled(progress)
    progress.step(index, len(names_in_order), scanned.name)
    name = scanned.name
    if name not in names_in_order and index < len(names_in_order):
        name = names_in_order[index]  # BIFF5 names are stored differently; the order is the same
    rows, merges = calamine_rows(workbook, path, name)
    return Sheet(name, clean_rows(rows, scanned.overrides, check_types=True), visible=scanned.visible,
                 merges=merges, hidden_rows=frozenset(scanned.hidden_rows),
                 hidden_columns=frozenset(scanned.hidden_columns))


def read_ods(path: Path, progress: Progress) -> tuple[Sheet, ...]:
    """All tables of an OpenDocument spreadsheet."""
    with open_zip(path) as archive:
        names = {name.lower(): name for name in archive.namelist()}
        if "content.xml" not in names:
            raise refuse("excel.damaged", path)
        for name in names.values():
            if name.lower().endswith(".xml"):
                _check_part(archive, name, path)
        info = archive.getinfo(names["content.xml"])
        try:
            tables = scan_ods(iter_part(archive, info, path))
        except OdsXmlError as error:
            raise refuse("excel.damaged", path) from error
    for table in tables:
        check_area(path, table.name, table.rows, table.columns)
    workbook = open_calamine(path, FileKind.ODS)
    try:
        visible = {meta.name: meta.visible == python_calamine.SheetVisibleEnum.Visible
                   for meta in workbook.sheets_metadata}
        sheets = []
        for index, table in enumerate(tables):
            check_cancelled(progress)
            progress.step(index, len(tables), table.name)
            rows, merges = calamine_rows(workbook, path, table.name)
            sheets.append(Sheet(table.name, clean_rows(rows, {}, check_types=True),
                                visible=visible.get(table.name, True), merges=merges,
                                hidden_rows=frozenset(table.hidden_rows),
                                hidden_columns=frozenset(table.hidden_columns)))
    finally:
        workbook.close()
    return tuple(sheets)


def _check_part(archive: zipfile.ZipFile, name: str, path: Path) -> None:
    """Verify a part's size and CRC and refuse a DTD in it, reading it once in chunks."""
    first = True
    for chunk in iter_part(archive, archive.getinfo(name), path):
        if first:
            check_prolog(chunk, path)
            first = False
