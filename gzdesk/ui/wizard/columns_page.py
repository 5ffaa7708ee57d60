"""Wizard page 2: which field each column of the file goes into; the clerk corrects the guess per column.

A change is sent as the whole set of corrections (``remapped``); the wizard re-plans on a worker and reloads
every page from the new review, so what the clerk sees is always what the import would do.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gzdesk.core import schema
from gzdesk.core.excel.mapping import corrections
from gzdesk.core.excel.table import ColumnMap, FoundTable
from gzdesk.core.import_review import ImportReview
from gzdesk.ui.wizard.cells import PICKED_BACKGROUND, WARN_BACKGROUND, cell_text, item, read_only_table

SHEET, LETTER, HEADER, FIELD, EXAMPLE = range(5)


class ColumnsPage(QWidget):
    """One row per column of every table found: sheet, column, header, an example value, and the field."""

    remapped = Signal(object)  # ColumnMapping: every correction, against the tables as guessed

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.review: ImportReview | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = read_only_table([self.tr("Sheet"), self.tr("Column"), self.tr("Header in the file"),
                                      self.tr("Goes into field"), self.tr("First value")], stretch=EXAMPLE,
                                     name="columns")
        self.combos: dict[tuple[str, int], QComboBox] = {}
        legend = QHBoxLayout()
        for color, text in ((WARN_BACKGROUND, self.tr("No field found: ignored unless you choose one")),
                            (PICKED_BACKGROUND, self.tr("Your correction"))):
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {color.name()}; border: 1px solid #bbb;")
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text))
            legend.addSpacing(16)
        legend.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(legend)

    def title(self) -> str:
        return self.tr("Columns")

    def load(self, review: ImportReview) -> None:
        self.review = review
        self.intro.setText(self.tr(
            "Check which field each column goes into and correct it where the guess is wrong. Your corrections are "
            "remembered for files from {office}.").format(office=review.office))
        guessed = {(t.sheet_name, c.index): c for t in review.guessed for c in t.columns}
        rows = [(table, column) for table in review.plan.tables for column in table.columns]
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        self.combos.clear()
        for r, (table, column) in enumerate(rows):
            guess = guessed.get((table.sheet_name, column.index))
            picked = guess is not None and guess.field != column.field
            unmapped = column.kind in ("unmapped", "duplicate")
            background = PICKED_BACKGROUND if picked else WARN_BACKGROUND if unmapped else None
            example = next((cell_text(values[column.index]) for row in table.data_rows[:3]
                            if (values := review.row(table.sheet_name, row)) and column.index < len(values)
                            and cell_text(values[column.index]).strip()), "")
            self.table.setItem(r, SHEET, item(table.sheet_name))
            self.table.setItem(r, LETTER, item(column.letter, background=background))
            self.table.setItem(r, HEADER, item(column.header, background=background,
                                               tooltip=self._why(column) if unmapped else ""))
            self.table.setItem(r, EXAMPLE, item(example))
            self.table.setCellWidget(r, FIELD, self._combo(table, column))
        self.table.resizeColumnToContents(SHEET)
        self.table.resizeColumnToContents(LETTER)
        self.table.setColumnWidth(HEADER, 300)
        self.table.setColumnWidth(FIELD, 220)

    def _why(self, column: ColumnMap) -> str:
        if column.kind == "duplicate":
            return self.tr("Another column already goes into this field")
        return self.tr("No field has this header")

    def _combo(self, table: FoundTable, column: ColumnMap) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("(serial number, ignored)") if column.kind == "sequence" else self.tr("(ignore)"), None)
        for field in schema.entity(table.list_key).fields:
            combo.addItem(field.label(self.lang), field.key)
        combo.setCurrentIndex(max(0, combo.findData(column.field)) if column.field else 0)
        combo.setMaxVisibleItems(20)
        combo.activated.connect(lambda _: self._changed())
        self.combos[(table.sheet_name, column.index)] = combo
        return combo

    def choose(self, sheet: str, header: str, field_key: str | None) -> None:
        """Pick ``field_key`` (None: ignore) for the column headed ``header`` — what the clerk does with the mouse."""
        table = next(t for t in self.review.plan.tables if t.sheet_name == sheet) if self.review else None
        column = next(c for c in table.columns if c.header == header) if table else None
        if column is None:
            raise KeyError(header)
        combo = self.combos[(sheet, column.index)]
        combo.setCurrentIndex(combo.findData(field_key) if field_key else 0)
        combo.activated.emit(combo.currentIndex())

    def chosen(self) -> dict[tuple[str, int], str | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def _changed(self) -> None:
        if self.review is not None:
            self.remapped.emit(corrections(self.review.guessed, self.chosen()))

    def ready(self) -> bool:
        return True

    def hint(self) -> str:
        return ""
