"""Reading a delimited text file (.csv/.txt as Chinese Excel and WPS save them) into one sheet.

Contract: :func:`read_csv` decodes UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030 (a superset of
GBK), picks the delimiter among comma, tab, semicolon and full-width comma by which one splits the first lines
most consistently (comma when none does), keeps newlines inside quoted fields, and gives every value as a
string (an empty field is None). Files over :data:`MAX_TEXT_FILE_BYTES` or tables over the sheet limits are
refused; undecodable text gives ``excel.not_workbook``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from gzdesk.core.excel.model import CellValue, Sheet
from gzdesk.core.excel.refusals import (
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_TEXT_FILE_BYTES,
    refuse,
)
from gzdesk.core.progress import Progress, check_cancelled

DELIMITERS = (",", "\t", ";", "，")
_SAMPLE_LINES = 50
_FALLBACK_ENCODINGS = {"utf-8": "gb18030", "gb18030": None, "utf-8-sig": None, "utf-16": None}


def read_csv(path: Path, encoding: str, *, progress: Progress) -> Sheet:
    """The text table at ``path`` as one sheet named after the file (see the module contract)."""
    size = path.stat().st_size
    if size > MAX_TEXT_FILE_BYTES:
        raise refuse("excel.too_large_file", path, size_mb=size >> 20, max_mb=MAX_TEXT_FILE_BYTES >> 20)
    text = decode_text(path.read_bytes(), encoding, path)
    delimiter = sniff_delimiter(text)
    rows: list[list[CellValue]] = []
    width = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([value if value != "" else None for value in row])
            width = max(width, len(row))
            if len(rows) % 10_000 == 0:
                check_cancelled(progress)
                _check_size(path, len(rows), width)
    except csv.Error as error:
        raise refuse("excel.damaged", path) from error
    _check_size(path, len(rows), width)
    return Sheet(path.stem, rows)


def _check_size(path: Path, rows: int, columns: int) -> None:
    if rows > MAX_SHEET_ROWS or columns > MAX_SHEET_COLUMNS or rows * columns > MAX_SHEET_CELLS:
        raise refuse("excel.sheet_too_large", path, sheet=path.stem, rows=rows, columns=columns,
                     max_rows=MAX_SHEET_ROWS, max_columns=MAX_SHEET_COLUMNS, max_cells=MAX_SHEET_CELLS)


def decode_text(data: bytes, encoding: str, path: Path) -> str:
    """The whole file decoded; a UTF-8 guess that fails later in the file is retried as GB18030."""
    candidate: str | None = encoding
    while candidate is not None:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            candidate = _FALLBACK_ENCODINGS.get(candidate)
    raise refuse("excel.not_workbook", path)


def sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most lines with the same number (> 1) of fields; "," if none splits."""
    sample = "\n".join(text[:65_536].splitlines()[:_SAMPLE_LINES])
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if row]
        except csv.Error:
            continue
        common = Counter(width for width in widths if width > 1).most_common(1)
        score = common[0][1] if common else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best
