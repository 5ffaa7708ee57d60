"""Choose a reporting period: its kind (month, quarter, 旬) and one of the recent periods of that kind."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from gzdesk.core.evaluation.periods import PERIOD_KINDS, Period
from gzdesk.ui.evaluation.labels import due_period, period_kind_name, period_label, recent_periods


class PeriodPicker(QWidget):
    """Two combos; ``changed`` carries the chosen :class:`Period`. Starts on the due month."""

    changed = Signal(object)

    def __init__(self, *, lang: str, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.today = today or dt.date.today()
        self.kind = QComboBox()
        for kind in PERIOD_KINDS:
            self.kind.addItem(period_kind_name(kind), kind)
        self.period_box = QComboBox()
        self.period_box.setMinimumContentsLength(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.period_box, 1)
        self._fill("month", due_period("month", self.today))
        self.kind.currentIndexChanged.connect(lambda _: self._fill(self.kind.currentData(), None))
        self.period_box.currentIndexChanged.connect(lambda _: self.changed.emit(self.period()))

    def _fill(self, kind: str, chosen: Period | None) -> None:
        wanted = chosen or due_period(kind, self.today)  # type: ignore[arg-type]
        periods = recent_periods(kind, self.today)  # type: ignore[arg-type]
        if wanted not in periods:
            periods.append(wanted)
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in periods:
            self.period_box.addItem(period_label(period, self.lang), period)
        self.period_box.setCurrentIndex(periods.index(wanted))
        self.period_box.blockSignals(False)
        self.changed.emit(self.period())

    def period(self) -> Period:
        found = self.period_box.currentData()
        assert isinstance(found, Period)
        return found

    def set_period(self, period: Period) -> None:
        """Show ``period`` (added to the list when it is older than the recent ones)."""
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(PERIOD_KINDS.index(period.kind))
        self.kind.blockSignals(False)
        self._fill(period.kind, period)
