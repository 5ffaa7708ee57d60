"""What a workbook reader hands on: plain sheets of cell values, with what the file says about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class FileKind(StrEnum):
    XLSX = "xlsx"  # also .xlsm (macros ignored, never run)
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


@dataclass(frozen=True)
class CellError:
    """A cell that holds no usable value: an Excel error (``#N/A``, ``#REF!`` …) or a formula saved without its
    cached result (``code == "no_cached_value"``). Never stored; the importer reports it for its row and column."""

    code: str


CellValue = str | float | int | bool | dt.datetime | dt.date | dt.time | CellError | None


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive: rows first_row..last_row, columns first_col..last_col."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Sheet:
    """One sheet as read: ``rows[r][c]`` is the cell at sheet row r+1, column c+1 (rows may differ in length)."""

    name: str
    rows: list[list[CellValue]]
    visible: bool = True
    merges: tuple[Merge, ...] = ()
    hidden_rows: frozenset[int] = frozenset()  # 0-based row indexes
    hidden_columns: frozenset[int] = frozenset()  # 0-based column indexes


@dataclass(frozen=True)
class Workbook:
    """A whole file as read. ``notices`` are message codes worth telling the clerk (e.g. macros ignored)."""

    path: Path
    kind: FileKind
    sheets: tuple[Sheet, ...]
    notices: tuple[str, ...] = field(default=())
