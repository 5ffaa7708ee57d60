"""How a project row shows its progress mark (gzdesk.core.evaluation.marks): the row's colour, a light beside the
name, the name in italics when the report is overdue, a tooltip saying why — and the status bar's key to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gzdesk.core import schema
from gzdesk.core.evaluation.marks import ProgressMark

translate = QCoreApplication.translate

LIGHT_COLOURS = {"红": "#d9363e", "黄": "#e0a800", "绿": "#2e9d5b"}
ROW_BACKGROUNDS = {"红": "#fbe1e3", "黄": "#fff3c4", "overdue": "#e3ebfa"}
_icons: dict[str, QIcon] = {}


def mark_data(mark: ProgressMark, role: int, *, lang: str, beside_name: bool) -> Any:
    """The model's data for ``role`` of a cell in a marked row (``beside_name``: the project-name column)."""
    if role == Qt.ItemDataRole.BackgroundRole:
        colour = ROW_BACKGROUNDS.get(mark.light or "") if mark.lagging else (
            ROW_BACKGROUNDS["overdue"] if mark.overdue else None)
        return QBrush(QColor(colour)) if colour else None
    if role == Qt.ItemDataRole.ToolTipRole:
        return mark_text(mark, lang) or None
    if not beside_name:
        return None
    if role == Qt.ItemDataRole.DecorationRole:
        return light_icon(mark.light) if mark.light in LIGHT_COLOURS else None
    if role == Qt.ItemDataRole.FontRole and mark.overdue:
        font = QFont()
        font.setItalic(True)
        return font
    return None


def light_icon(light: str) -> QIcon:
    """A small round light of that colour (红, 黄 or 绿)."""
    if light not in _icons:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(LIGHT_COLOURS[light]))
        painter.setPen(QColor(LIGHT_COLOURS[light]).darker(130))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _icons[light] = QIcon(pixmap)
    return _icons[light]


def mark_legend() -> QWidget:
    """A status-bar key to the row colours."""
    legend = QWidget()
    layout = QHBoxLayout(legend)
    layout.setContentsMargins(0, 0, 8, 0)
    for colour, text in ((ROW_BACKGROUNDS["红"], translate("Marks", "Red light")),
                         (ROW_BACKGROUNDS["黄"], translate("Marks", "Yellow light")),
                         (ROW_BACKGROUNDS["overdue"], translate("Marks", "Report overdue"))):
        swatch = QLabel()
        swatch.setFixedSize(14, 14)
        swatch.setStyleSheet(f"background: {colour}; border: 1px solid #b8b8b8;")
        layout.addWidget(swatch)
        layout.addWidget(QLabel(text))
        layout.addSpacing(6)
    legend.setToolTip(translate("Marks", "A row's colour is the light of the project's latest progress evaluation, "
                                         "or blue when last month's report is missing (the name is then in italics)."))
    return legend


def mark_text(mark: ProgressMark, lang: str) -> str:
    """The tooltip of a marked row: the latest light and judgement, and an overdue report."""
    lines = []
    if mark.light is not None:
        lines.append(translate("Marks", "Latest evaluation {period}: {judgement}, {light} light").format(
            period=mark.period, judgement=_word("judgement", mark.judgement, lang),
            light=_word("light", mark.light, lang)))
    if mark.overdue:
        lines.append(translate("Marks", "Overdue: no progress report for {period}").format(period=mark.due))
    return "\n".join(lines)


def _word(key: str, value: str | None, lang: str) -> str:
    vocabulary = schema.EVALUATION.field(key).vocabulary
    if value is None:
        return "—"
    return vocabulary.english(value) if lang == "en" and vocabulary is not None else value
