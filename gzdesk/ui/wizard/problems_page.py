"""Wizard page 3: every problem (and note) with its sheet, row, column, value and reason.

Double-click or Enter on a problem "jumps" to it: the clerk cannot open Excel from here, so the page shows that
row of the sheet as read, one line per column, with the problem's column highlighted.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QSplitter, QTableWidgetItem, QVBoxLayout, QWidget

from gzdesk.core.excel.model import CellValue
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table_header import column_letter
from gzdesk.core.import_review import ImportReview
from gzdesk.ui.wizard.cells import OLD_BACKGROUND, OLD_TEXT, WARN_BACKGROUND, cell_text, fill, item, read_only_table


class ProblemsPage(QWidget):
    """Errors first, then notes; "skip the invalid rows" is the decision errors need before going on."""

    changed = Signal()

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.review: ImportReview | None = None
        self.problems: list[Problem] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table([self.tr("Kind"), self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                                      self.tr("Value"), self.tr("Reason")], name="problems")
        self.table.activated.connect(self.jump)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_row(row))
        self.row_title = QLabel()
        self.row_cells = read_only_table([self.tr("Column"), self.tr("Header"), self.tr("Value in the file")])
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.row_title)
        lower_layout.addWidget(self.row_cells)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("problems_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([230, 230])
        self.skip_invalid = QCheckBox()
        self.skip_invalid.toggled.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.skip_invalid)

    def title(self) -> str:
        return self.tr("Problems")

    def load(self, review: ImportReview) -> None:
        self.review = review
        plan = review.plan
        self.problems = [*plan.problems, *plan.notes]
        invalid = len(plan.invalid_rows)
        if not self.problems:
            self.summary.setText(self.tr("No problems found: every data row can be imported as it is."))
        else:
            self.summary.setText(self.tr(
                "{invalid:,} row(s) have errors and cannot be imported as they are; {notes:,} value(s) were "
                "read with a change you should know about. Double-click a line (or press Enter) to see its row."
            ).format(invalid=invalid, notes=len(plan.notes)))
        fill(self.table, [self._line(p) for p in self.problems])
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, min(self.table.columnWidth(4), 160))
        self.skip_invalid.setText(self.tr("Skip the {count:,} invalid row(s) and import the rest").format(
            count=invalid))
        self.skip_invalid.setVisible(bool(invalid))
        if not invalid:
            self.skip_invalid.setChecked(False)
        self.row_title.setText("")
        self.row_cells.setRowCount(0)
        if self.problems:
            self.table.selectRow(0)
            self.show_row(0)
        self.changed.emit()

    def _line(self, problem: Problem) -> list[QTableWidgetItem | str]:
        error = problem.is_error
        kind = item(self.tr("Error") if error else self.tr("Note"), foreground=OLD_TEXT if error else None,
                    background=OLD_BACKGROUND if error else None)
        raw = cast(CellValue, problem.raw)  # the cell as read
        return [kind, problem.sheet, str(problem.row), problem.column, cell_text(raw), problem.reason(self.lang)]

    def jump(self, index: QModelIndex) -> None:
        """Show the problem's row with its column highlighted, and move there."""
        self.table.selectRow(index.row())
        self.show_row(index.row())
        self.row_cells.setFocus()

    def show_row(self, number: int) -> None:
        if self.review is None or not 0 <= number < len(self.problems):
            return
        problem = self.problems[number]
        values = self.review.row(problem.sheet, problem.row)
        table = self.review.table(problem.sheet)
        headers = {c.index: c.header for c in table.columns} if table else {}
        letter = problem.column.split(" ", 1)[0] if problem.column else ""
        self.row_title.setText(self.tr("Sheet “{sheet}”, row {row}, as it is in the file:").format(
            sheet=problem.sheet, row=problem.row))
        rows = []
        highlighted = -1
        for index in range(max(len(values or ()), max(headers, default=-1) + 1)):
            mark = column_letter(index) == letter
            highlighted = index if mark else highlighted
            background = WARN_BACKGROUND if mark else None
            value = cell_text(values[index]) if values and index < len(values) else ""
            rows.append([item(column_letter(index), background=background),
                         item(headers.get(index, ""), background=background), item(value, background=background)])
        fill(self.row_cells, rows)
        self.row_cells.resizeColumnToContents(0)
        self.row_cells.setColumnWidth(1, 240)
        if highlighted >= 0:
            self.row_cells.selectRow(highlighted)
            self.row_cells.scrollTo(self.row_cells.model().index(highlighted, 0))

    def ready(self) -> bool:
        plan = self.review.plan if self.review else None
        return plan is None or not plan.invalid_rows or self.skip_invalid.isChecked()

    def hint(self) -> str:
        return "" if self.ready() else self.tr(
            "Some rows have errors: tick the box below to skip them, or correct the file and import it again.")

