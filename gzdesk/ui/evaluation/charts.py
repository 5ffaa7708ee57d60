"""Bar charts that know what each bar stands for: a :class:`ChartSpec` (categories, series, the
:class:`~gzdesk.core.evaluation.drilldown.Bar` behind each value) drawn by QtCharts in a :class:`ChartPanel`,
whose ``bar_clicked`` carries that Bar — the dashboard's drill-down."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from gzdesk.core.evaluation.drilldown import Bar

PALETTE = ("#1c7ed6", "#f76707", "#37b24d", "#ae3ec9", "#1098ad", "#e64980")


@dataclass(frozen=True)
class Series:
    """One bar set: its legend name, a value per category, its colour and the Bar behind each value."""

    name: str
    values: tuple[float, ...]
    bars: tuple[Bar | None, ...]
    colour: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = False
    stacked: bool = False
    value_title: str = ""
    percent: bool = False
    decimals: int = 0
    wide: bool = False  # spans the dashboard's width (long category labels)


def _series(spec: ChartSpec) -> QAbstractBarSeries:
    if spec.horizontal:
        return QHorizontalStackedBarSeries() if spec.stacked else QHorizontalBarSeries()
    return QStackedBarSeries() if spec.stacked else QBarSeries()


def wrapped(label: str, width: int = 18) -> str:
    """A long category label on more lines (QtCharts cuts a label that does not fit: "Investment pro…")."""
    words, lines = label.split(" "), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return "<br>".join(lines)


def _top(spec: ChartSpec) -> float:
    if spec.stacked:
        totals = [sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))]
    else:
        totals = [value for s in spec.series for value in s.values]
    top = max(totals, default=0.0)
    if spec.percent and top <= 92:
        return 100.0
    return max(top * (1.0 if spec.stacked else 1.12), 1.0)  # room for the labels at the bar ends


class ChartPanel(QChartView):
    """A chart drawn from ``spec``; clicking a bar emits ``bar_clicked`` with the Bar behind it (if any)."""

    bar_clicked = Signal(object)

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(self.preferred_height(spec))
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setTitle(spec.title)
        title_font = QFont(chart.titleFont())
        title_font.setBold(True)
        title_font.setPointSizeF(max(title_font.pointSizeF(), 10.5))
        chart.setTitleFont(title_font)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setVisible(len(spec.series) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        series = _series(spec)
        self.bar_sets: list[QBarSet] = []
        for position, item in enumerate(spec.series):
            bar_set = QBarSet(item.name)
            bar_set.append([round(value, spec.decimals) for value in item.values])
            bar_set.setColor(QColor(item.colour or PALETTE[position % len(PALETTE)]))
            bar_set.setBorderColor(QColor("#ffffff") if spec.stacked else bar_set.color())
            bar_set.setLabelColor(QColor("#ffffff") if spec.stacked else QColor("#212529"))
            bar_set.clicked.connect(lambda index, s=item: self._clicked(s, index))
            bar_set.hovered.connect(lambda status, index, s=item: self._hovered(status, s, index))
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        series.setLabelsVisible(not spec.stacked)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value%" if spec.percent else "@value")
        series.setLabelsPrecision(4)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([wrapped(label) for label in spec.categories])
        values = QValueAxis()
        top = _top(spec)
        values.setRange(0, top)
        values.setTickCount(6)
        if not (spec.percent and top <= 100):  # a percent axis ends at 100 % when it can
            values.applyNiceNumbers()
        values.setLabelFormat("%.0f%%" if spec.percent else f"%.{spec.decimals}f")
        values.setTitleText(spec.value_title)
        category_edge, value_edge = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom) if spec.horizontal
                                     else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
        chart.addAxis(categories, category_edge)
        chart.addAxis(values, value_edge)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.setChart(chart)

    @staticmethod
    def preferred_height(spec: ChartSpec) -> int:
        """Room for the chart: a horizontal chart grows with its bars (a label may take two lines)."""
        rows = len(spec.categories) if spec.horizontal else 0
        return max(300, 44 * rows + 100)  # QtCharts cuts a two-line label below about 42 px a bar

    @staticmethod
    def preferred_width(spec: ChartSpec) -> int:
        return 1280 if spec.wide else 640

    def value(self, series: int, category: int) -> float:
        return float(self.bar_sets[series].at(category))

    def _clicked(self, item: Series, index: int) -> None:
        if 0 <= index < len(item.bars) and item.bars[index] is not None:
            self.bar_clicked.emit(item.bars[index])

    def _hovered(self, status: bool, item: Series, index: int) -> None:
        if not status or not 0 <= index < len(item.values):
            QToolTip.hideText()
            self.unsetCursor()
            return
        value = item.values[index]
        shown = f"{value:.1f}%" if self.spec.percent else f"{value:,.{self.spec.decimals}f}"
        QToolTip.showText(QCursor.pos(), f"{self.spec.categories[index]} · {item.name}: {shown}", self)
        if item.bars[index] is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
