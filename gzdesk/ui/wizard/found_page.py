"""Wizard page 1: what was found in the file — the lists, their header rows, data rows and every skipped row."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gzdesk.core import messages, schema
from gzdesk.core.import_review import ImportReview
from gzdesk.ui.wizard.cells import NOTICE_STYLE, WARN_BACKGROUND, fill, fit_height, item, read_only_table, row_text


class FoundPage(QWidget):
    """Tables found, sheets without a list, skipped rows with reasons; the clerk may force which list to read."""

    list_chosen = Signal(object)  # the list key to read every sheet as, or None for "recognise automatically"

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet(NOTICE_STYLE)
        self.list_choice = QComboBox()
        self.list_choice.addItem(self.tr("Recognise automatically"), None)
        for entity in schema.PROJECT_LISTS:
            self.list_choice.addItem(entity.label(lang), entity.key)
        self.list_choice.activated.connect(lambda _: self.list_chosen.emit(self.list_choice.currentData()))
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(self.tr("Read the sheets as:")))
        choice_row.addWidget(self.list_choice)
        choice_row.addStretch(1)
        self.tables = read_only_table([self.tr("Sheet"), self.tr("List"), self.tr("Header rows"),
                                       self.tr("Data rows"), self.tr("Skipped rows"), self.tr("Unit"),
                                       self.tr("Reporting office")], name="found_tables")
        self.sheets = read_only_table([self.tr("Sheet"), self.tr("Why it was not read")], name="found_sheets")
        self.skipped = read_only_table([self.tr("Sheet"), self.tr("Row"), self.tr("Why it was skipped"),
                                        self.tr("What the row says")], name="found_skipped")
        self.skipped_title = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.skipped_title)
        lower_layout.addWidget(self.skipped)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notices)
        layout.addLayout(choice_row)
        layout.addWidget(self.tables)
        layout.addWidget(self.sheets)
        layout.addWidget(lower, 1)

    def title(self) -> str:
        return self.tr("What was found")

    def load(self, review: ImportReview) -> None:
        plan, lang = review.plan, self.lang
        rows_total = sum(len(t.data_rows) for t in plan.tables)
        self.summary.setText(self.tr("“{file}” from {office}: {lists} list(s) with {rows:,} data rows.").format(
            file=plan.file_name, office=review.office, lists=len(plan.tables), rows=rows_total))
        self.list_choice.setCurrentIndex(max(0, self.list_choice.findData(review.list_hint)))
        notices = [messages.render(code, lang) for code in plan.workbook_notices]
        if plan.already_imported is not None:
            notices.insert(0, messages.render("batch.already_imported", lang, at=plan.already_imported.started_at,
                                              batch=plan.already_imported.id))
        for table in plan.tables:
            if table.hidden_rows:
                notices.append(messages.render("table.hidden_rows", lang, count=table.hidden_rows))
            if table.filled_cells:
                notices.append(messages.render("table.filled_down", lang, count=len(table.filled_cells)))
        if plan.id_column_missing:
            notices.append(messages.render("import.id_column_missing", lang, count=len(plan.new)))
        self.notices.setText("\n".join(notices))
        self.notices.setVisible(bool(notices))
        fill(self.tables, [[table.sheet_name, schema.entity(table.list_key).label(lang),
                            self.tr(", ").join(map(str, table.header_rows)), f"{len(table.data_rows):,}",
                            f"{len(table.skipped):,}", self._unit(table.unit), table.office or ""]
                           for table in plan.tables])
        self.tables.resizeColumnsToContents()
        fit_height(self.tables, rows=6)
        fill(self.sheets, [[s.sheet_name, s.message(lang)] for s in plan.skipped_sheets])
        self.sheets.setVisible(bool(plan.skipped_sheets))
        self.sheets.resizeColumnToContents(0)
        fit_height(self.sheets, rows=4)
        skipped = [(t.sheet_name, s) for t in plan.tables for s in t.skipped]
        self.skipped_title.setText(self.tr("{count:,} rows below the header are not data and were skipped:").format(
            count=len(skipped)) if skipped else self.tr("No rows were skipped."))
        fill(self.skipped, [[sheet, item(str(s.row), background=WARN_BACKGROUND),
                             messages.render(s.reason_code, lang), row_text(review.row(sheet, s.row))]
                            for sheet, s in skipped])
        self.skipped.resizeColumnsToContents()

    def _unit(self, unit: str | None) -> str:
        names = {"万元": self.tr("10k CNY"), "亿元": self.tr("100M CNY"), "元": self.tr("CNY")}
        return names.get(unit or "", unit or "")

    def ready(self) -> bool:
        return True

    def hint(self) -> str:
        return ""
