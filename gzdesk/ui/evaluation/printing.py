"""The dashboard on paper or in a PDF: a title and the summary, the charts two to a row on landscape A4 (a wide one
takes a row), each drawn at its own size and three times the screen's sharpness, then the most-behind ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from gzdesk.ui.evaluation.charts import ChartPanel, ChartSpec

COLUMNS = 2
SHARPNESS = 3.0  # a printed chart has three times the screen's pixels (about 350 dpi on the page)


@dataclass(frozen=True)
class PrintedDashboard:
    """What goes on paper: a title, the summary lines, the charts and a table (headers + rows)."""

    title: str
    summary: str
    charts: Sequence[ChartSpec]
    table_title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]


def a4_landscape(printer: QPrinter) -> None:
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    a4_landscape(printer)
    return printer


def _font(painter: QPainter, points: float, *, bold: bool = False) -> QFont:
    font = QFont(painter.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    painter.setFont(font)
    return font


def _header(painter: QPainter, page: QRectF, document: PrintedDashboard, *, first: bool) -> float:
    """Draw the title (and on the first page the summary); return the y where the content starts."""
    _font(painter, 14 if first else 10, bold=True)
    height = QFontMetricsF(painter.font(), painter.device()).height()
    painter.drawText(QRectF(page.left(), page.top(), page.width(), height * 1.2),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, document.title)
    top = page.top() + height * 1.4
    if first and document.summary:
        _font(painter, 9.5)
        box = painter.boundingRect(QRectF(page.left(), top, page.width(), page.height()),
                                   int(Qt.TextFlag.TextWordWrap), document.summary)
        painter.drawText(box, int(Qt.TextFlag.TextWordWrap), document.summary)
        top = box.bottom() + height * 0.4
    return top


def paint_dashboard(printer: QPrinter, document: PrintedDashboard) -> int:
    """Paint ``document`` on ``printer`` (a PDF file or a real printer); return the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot write {printer.outputFileName() or printer.printerName()}")
    try:
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        pages = 1
        top = _header(painter, page, document, first=True)
        gap = page.width() * 0.02
        column_width = (page.width() - gap) / COLUMNS
        column, y, row_height = 0, top, 0.0
        for spec in document.charts:
            span = COLUMNS if spec.wide else 1
            if column + span > COLUMNS:  # the row is full (or a wide chart needs one of its own)
                column, y, row_height = 0, y + row_height + gap, 0.0
            width = column_width * span + gap * (span - 1)
            height = width * ChartPanel.preferred_height(spec) / ChartPanel.preferred_width(spec)
            if y + height > page.bottom() and y > top:
                printer.newPage()
                pages += 1
                top = y = _header(painter, page, document, first=False)
                column, row_height = 0, 0.0
            _chart(painter, spec, QRectF(page.left() + column * (column_width + gap), y, width, height))
            column += span
            row_height = max(row_height, height)
        if document.rows:
            printer.newPage()
            pages += 1
            top = _header(painter, page, document, first=False)
            pages += _table(printer, painter, page, top, document) - 1
        return pages
    finally:
        painter.end()


def chart_image(spec: ChartSpec, *, sharpness: float = SHARPNESS) -> QImage:
    """The chart of ``spec`` at its own size (not the window's), ``sharpness`` times as many pixels as on screen.

    A picture, not vectors: QtCharts lays out (wraps, shortens) its labels with the screen's font metrics, and
    drawn straight on a printer those labels come out cut ("Construction…") where the screen shows them whole."""
    panel = ChartPanel(spec)
    panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    panel.resize(ChartPanel.preferred_width(spec), ChartPanel.preferred_height(spec))
    panel.show()
    QApplication.processEvents()  # the chart lays out its axes (label wrapping) on posted events
    image = QImage(QSize(int(panel.width() * sharpness), int(panel.height() * sharpness)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    panel.render(painter, QRectF(image.rect()), panel.viewport().rect())  # the screen's layout, scaled up
    painter.end()
    panel.close()  # owned by Python: gone with the last reference
    return image


def _chart(painter: QPainter, spec: ChartSpec, target: QRectF) -> None:
    painter.drawImage(target, chart_image(spec))


def _table(printer: QPrinter, painter: QPainter, page: QRectF, top: float, document: PrintedDashboard) -> int:
    """The ranking as a ruled table; a new page when one is full. Returns the pages used."""
    _font(painter, 10, bold=True)
    line = QFontMetricsF(painter.font(), painter.device()).height() * 1.5
    painter.drawText(QRectF(page.left(), top, page.width(), line), Qt.AlignmentFlag.AlignVCenter,
                     document.table_title)
    top += line
    shares = [0.04, 0.3, 0.15, 0.08, 0.07, 0.12, 0.08, 0.08, 0.08][:len(document.headers)]
    widths = [page.width() * share / sum(shares) for share in shares]
    pages = 1
    for index, cells in enumerate([list(document.headers), *map(list, document.rows)]):
        if top + line > page.bottom():
            printer.newPage()
            pages += 1
            top = _header(painter, page, document, first=False)
        _font(painter, 8.5, bold=index == 0)
        left = page.left()
        for width, cell in zip(widths, cells, strict=False):
            painter.drawText(QRectF(left + width * 0.03, top, width * 0.94, line),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, cell)
            left += width
        painter.setPen(QPen(Qt.GlobalColor.gray, 0))
        painter.drawLine(QPointF(page.left(), top + line), QPointF(page.right(), top + line))
        painter.setPen(QPen(Qt.GlobalColor.black, 0))
        top += line
    return pages


def write_pdf(path: Path, document: PrintedDashboard) -> int:
    """Write ``document`` as a PDF at ``path``; return the number of pages."""
    return paint_dashboard(pdf_printer(path), document)
