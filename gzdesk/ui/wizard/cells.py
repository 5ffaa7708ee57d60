"""How the wizard shows values: raw cells as the file has them, field values as the table shows them, and the
read-only tables every page uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gzdesk.core.excel.model import CellError, CellValue
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Field, FieldType

OLD_BACKGROUND, OLD_TEXT = QColor("#fdecea"), QColor("#a61b1b")  # what goes: red
NEW_BACKGROUND, NEW_TEXT = QColor("#e6f4ea"), QColor("#1e6b34")  # what comes: green
WARN_BACKGROUND = QColor("#fff3cd")  # a column with no field, a skipped row: look here
PICKED_BACKGROUND = QColor("#e7f0fd")  # the clerk's own correction
NOTICE_STYLE = "background: #fff3cd; color: #664d03; padding: 6px; border: 1px solid #ffe69c;"
ERROR_STYLE = "color: #b02a37;"
HIGHLIGHT_STYLE = "border: 1px solid #d9534f; background: #fdf1f0;"


def cell_text(value: CellValue) -> str:
    """A cell as the file shows it: whole numbers without ".0", dates as ISO text, an error as its code."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, CellError):
        if value.code == "no_cached_value":
            return QCoreApplication.translate("WizardValues", "(formula without a saved result)")
        if value.code == "bad_date":
            return QCoreApplication.translate("WizardValues", "(not a date)")
        return value.code
    return str(value)


def row_text(values: Sequence[CellValue] | None, *, limit: int = 80) -> str:
    """The non-blank cells of a row, joined: enough to recognise a skipped row."""
    text = " | ".join(t for t in (cell_text(v).strip() for v in values or ()) if t)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(field: Field, value: object, reference: Reference, lang: str) -> str:
    """A field's value as the record table shows it (district and industry by name, money with separators)."""
    if value is None or value == "":
        return ""
    if field.type is FieldType.REFERENCE:
        code = str(value)
        return reference.district_name(code, lang) if field.reference == "district" else reference.industry_name(
            code, lang)
    if field.type in (FieldType.MONEY, FieldType.AREA, FieldType.NUMBER) and isinstance(value, int | float):
        return f"{float(value):,.4f}".rstrip("0").rstrip(".")
    if field.type is FieldType.BOOLEAN:
        return QCoreApplication.translate("WizardValues", "Yes") if value else QCoreApplication.translate(
            "WizardValues", "No")
    if field.type is FieldType.TAGS and isinstance(value, list):
        return "、".join(map(str, value))
    if field.type is FieldType.ENUM and lang == "en" and field.vocabulary:
        return field.vocabulary.english(str(value))
    return str(value)


def blank_text(text: str) -> str:
    """What an empty value reads as in a comparison, so "nothing" is visible."""
    return text if text else QCoreApplication.translate("WizardValues", "(blank)")


def fit_height(table: QTableWidget, *, rows: int) -> None:
    """Make ``table`` as tall as its rows (at most ``rows`` of them), so short tables leave room to others."""
    shown = max(1, min(table.rowCount(), rows))
    height = table.horizontalHeader().height() + shown * table.verticalHeader().defaultSectionSize()
    table.setMaximumHeight(height + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())


def read_only_table(headers: Sequence[str], *, stretch: int | None = None, name: str = "") -> QTableWidget:
    """A table the clerk reads and selects rows in, never edits; with a ``name`` the wizard remembers its column
    widths and order (:mod:`gzdesk.ui.window_memory`) — give none to a table re-fitted for each thing it shows."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def item(text: str, *, background: QColor | None = None, foreground: QColor | None = None,
         tooltip: str = "", data: object = None) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    if background is not None:
        cell.setBackground(QBrush(background))
    if foreground is not None:
        cell.setForeground(QBrush(foreground))
    if tooltip:
        cell.setToolTip(tooltip)
    if data is not None:
        cell.setData(Qt.ItemDataRole.UserRole, data)
    return cell


def fill(table: QTableWidget, rows: Sequence[Sequence[QTableWidgetItem | str]]) -> None:
    """Replace the table's rows; plain strings become plain items."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, value if isinstance(value, QTableWidgetItem) else item(value))
