"""A scan of a legacy .xls (BIFF8) Workbook stream before calamine reads it.

Contract: :func:`scan_biff` walks the record stream once (bounded by its length) and returns, per worksheet in
the workbook's order, a :class:`BiffSheet`: name, visibility, the used area from A1 (every cell record counts),
hidden rows (ROW records with the zero-height flag) and columns (COLINFO hidden), and error cells (BOOLERR
errors and FORMULA error results) as ``CellError("#DIV/0!")`` etc. — calamine reads those as empty.
A FILEPASS record raises :class:`BiffEncrypted`; a malformed stream :class:`BiffError`. Chart sheets and
macro sheets are skipped.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from gzdesk.core.excel.model import CellError, CellValue

_BOF, _EOF, _BOUNDSHEET, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
_ROW, _COLINFO, _BOOLERR, _FORMULA, _MULRK, _MULBLANK = 0x0208, 0x007D, 0x0205, 0x0006, 0x00BD, 0x00BE
_CELLS = frozenset({0x0203, 0x0204, 0x00FD, 0x027E, 0x0201, 0x00D6, _BOOLERR, _FORMULA})
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


class BiffError(Exception):
    """The record stream is malformed."""


class BiffEncrypted(Exception):
    """The workbook has a password (FILEPASS)."""


@dataclass
class BiffSheet:
    name: str
    visible: bool
    rows: int = 0
    columns: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    overrides: dict[tuple[int, int], CellValue] = field(default_factory=dict)


def scan_biff(stream: bytes) -> list[BiffSheet]:
    """Scan a BIFF8 Workbook stream (see the module contract)."""
    bounds: list[tuple[int, BiffSheet]] = []
    for kind, data, _ in _records(stream, 0):
        if kind == _FILEPASS:
            raise BiffEncrypted
        if kind == _BOUNDSHEET and len(data) >= 8:
            offset, state, sheet_type = struct.unpack_from("<IBB", data)
            if sheet_type == 0:
                bounds.append((offset, BiffSheet(_short_string(data, 6), (state & 0x03) == 0)))
        if kind == _EOF:
            break
    for offset, sheet in bounds:
        _scan_sheet(stream, offset, sheet)
    return [sheet for _, sheet in bounds]


def _records(stream: bytes, start: int) -> list[tuple[int, bytes, int]]:
    """The records of one substream from ``start`` through its EOF (or the stream's end)."""
    found = []
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        data = stream[position + 4 : position + 4 + length]
        if len(data) < length:
            raise BiffError("record runs past the end of the stream")
        found.append((kind, data, position))
        position += 4 + length
        if kind == _EOF:
            break
    return found


def _scan_sheet(stream: bytes, offset: int, sheet: BiffSheet) -> None:
    records = _records(stream, offset)
    if not records or records[0][0] != _BOF:
        raise BiffError(f"sheet {sheet.name} does not start with BOF")
    for kind, data, _ in records[1:]:
        if kind in _CELLS and len(data) >= 4:
            row, column = struct.unpack_from("<HH", data)
            _place(sheet, row, column)
            error = _error_code(kind, data)
            if error is not None:
                sheet.overrides[(row, column)] = CellError(error)
        elif kind in (_MULRK, _MULBLANK) and len(data) >= 6:
            row, _ = struct.unpack_from("<HH", data)
            _place(sheet, row, struct.unpack_from("<H", data, len(data) - 2)[0])
        elif kind == _ROW and len(data) >= 14 and struct.unpack_from("<H", data, 12)[0] & 0x20:
            sheet.hidden_rows.add(struct.unpack_from("<H", data)[0])
        elif kind == _COLINFO and len(data) >= 10:
            first, last, _, _, options = struct.unpack_from("<HHHHH", data)
            if options & 0x01:
                sheet.hidden_columns.update(range(first, min(last, 255) + 1))


def _place(sheet: BiffSheet, row: int, column: int) -> None:
    sheet.rows = max(sheet.rows, row + 1)
    sheet.columns = max(sheet.columns, column + 1)


def _error_code(kind: int, data: bytes) -> str | None:
    if kind == _BOOLERR and len(data) >= 8 and data[7] == 1:
        return ERROR_CODES.get(data[6], "#VALUE!")
    if kind == _FORMULA and len(data) >= 14 and data[6] == 2 and data[12:14] == b"\xff\xff":
        return ERROR_CODES.get(data[8], "#VALUE!")
    return None


def _short_string(data: bytes, offset: int) -> str:
    """A ShortXLUnicodeString (length byte, flags byte, then Latin-1 or UTF-16 characters)."""
    if len(data) < offset + 2:
        return ""
    length, flags = data[offset], data[offset + 1]
    body = data[offset + 2 :]
    if flags & 0x01:
        return body[: 2 * length].decode("utf-16-le", errors="replace")
    return body[:length].decode("latin-1")
