"""An enterprise's page (its projects in all three lists, its 挂点 official) and an official's page (the industries,
enterprises and projects they support), opened from the enterprise or official table with a double-click or Enter.

The links come from :mod:`gzdesk.core.relations`. Rows open with a double-click or Enter: a project or enterprise
opens its form or page. A save from a page is the store's audited update; ``PageOpener.changed`` then refreshes
the open pages and the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import relations, schema
from gzdesk.core.errors import GzdeskError
from gzdesk.core.store import Store
from gzdesk.ui.record_form import RecordForm
from gzdesk.ui.rows_model import Row, RowsModel
from gzdesk.ui.table_model import display
from gzdesk.ui.window_memory import remember

PAGE_KINDS = ("enterprise", "official")
ENTERPRISE_FACTS = ("credit_code", "district", "industry", "tags", "key_enterprise", "contact", "phone", "notes")
OFFICIAL_FACTS = ("title", "phone", "notes")


Save = Callable[[str, Mapping[str, object], Mapping[str, object]], object]


class PageOpener(QObject):
    """Opens pages and record forms for ``store``; ``ask_form(form)`` returns the changes to save (tests replace it),
    ``save(kind, record, changes)`` writes them (the window's undoable edit; by default the store's update)."""

    changed = Signal()

    def __init__(self, parent: QWidget, store: Store, *, lang: str, save: Save | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.lang = lang
        self.pages: list[QDialog] = []
        self.ask_form: Callable[[RecordForm], dict[str, object] | None] = RecordForm.ask
        self.save: Save = save or (lambda kind, record, changes: store.update(
            kind, str(record["id"]), changes, expected_revision=int(str(record["revision"]))))

    def open(self, kind: str, record_id: str | None) -> QDialog | None:
        """Show the page of an enterprise or official (None for other kinds or a missing record)."""
        if kind not in PAGE_KINDS or not record_id or self.store.record(kind, record_id) is None:
            return None
        page_class = EnterprisePage if kind == "enterprise" else OfficialPage
        page = page_class(self, record_id, parent=self.parent_widget)
        self.pages.append(page)
        page.finished.connect(lambda _: self.pages.remove(page) if page in self.pages else None)
        page.show()
        return page

    def edit(self, kind: str, record_id: str, *, parent: QWidget) -> bool:
        """The record's form; saves what the clerk changed (the form comes back after a refused save)."""
        record = self.store.record(kind, record_id)
        if record is None:
            return False
        form = RecordForm(self.store, schema.entity(kind), record, lang=self.lang, parent=parent)
        while (changes := self.ask_form(form)):
            try:
                self.save(kind, record, changes)
            except GzdeskError as error:
                QMessageBox.warning(parent, self.tr("Cannot save"), error.message(self.lang))
                continue
            self.changed.emit()
            return True
        return False


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


def _table(on_open: Callable[[tuple[str, str]], None]) -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(24)
    table.activated.connect(lambda index: on_open(table.model().key(index.row())))  # type: ignore[attr-defined]
    return table


def _fill(table: QTableView, model: RowsModel) -> None:
    old = table.model()
    table.setModel(model)
    if old is not None:
        old.deleteLater()
    _fit(table)


def _fit(table: QWidget) -> None:
    """Columns as wide as their text (at most 320 px) and together as wide as the table: the name columns
    (marked ``stretch`` on the model) give way first, down to 140 px, and take what is left over."""
    model = table.model() if isinstance(table, QTableView) else None
    if not isinstance(table, QTableView) or not isinstance(model, RowsModel) or not model.columnCount():
        return
    table.resizeColumnsToContents()
    widths = [min(table.columnWidth(column) + 12, 320) for column in range(model.columnCount())]
    spare = table.viewport().width() - sum(widths)
    for column in model.stretch:
        give = max(spare, 140 - widths[column]) if spare < 0 else spare
        widths[column] += give
        spare -= give
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)


class _Page(QDialog):
    def __init__(self, opener: PageOpener, kind: str, record_id: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.opener, self.kind, self.record_id = opener, kind, record_id
        self.store, self.lang = opener.store, opener.lang
        self.entity = schema.entity(kind)
        self.resize(1120, 640)
        remember(self, f"{kind}_page")  # the tables fit their columns to the page: no column memory
        self.layout_ = QVBoxLayout(self)
        self.heading = _heading("")
        self.layout_.addWidget(self.heading)
        self.facts = QFormLayout()
        self.layout_.addLayout(self.facts)
        opener.changed.connect(self.refresh)

    def _buttons(self, edit_label: str) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        edit = buttons.addButton(edit_label, QDialogButtonBox.ButtonRole.ActionRole)
        edit.clicked.connect(lambda: self.opener.edit(self.kind, self.record_id, parent=self))
        buttons.rejected.connect(self.reject)
        return buttons

    def _show_facts(self, record: relations.Record, keys: Sequence[str]) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        for key in keys:
            field = self.entity.field(key)
            text = display(field, record.get(key), self.store, self.lang)
            if text:
                value = QLabel(text)
                value.setWordWrap(True)
                self.facts.addRow(field.label(self.lang) + self.tr(":"), value)

    def open_row(self, key: tuple[str, str]) -> None:
        kind, record_id = key
        if kind in PAGE_KINDS:
            self.opener.open(kind, record_id)
        elif kind:
            self.opener.edit(kind, record_id, parent=self)

    def project_rows(self, projects: Sequence[relations.LinkedProject], *, other: str) -> RowsModel:
        """Projects as rows: list, name, ``other`` (enterprise or official), district, stage, status, investment."""
        keys = ("name", other, "district", "stage", "status", "total_investment")
        headers = [self.tr("List"), *(schema.entity("investment").field(key).header(self.lang) for key in keys)]
        rows = [Row((p.kind, p.id), (schema.entity(p.kind).label(self.lang), *(
            display(schema.entity(p.kind).field(key), p.record.get(key), self.store, self.lang) for key in keys)))
            for p in projects]
        return RowsModel(headers, rows, numeric=(len(headers) - 1,), stretch=(1, 2), parent=self)

    def refresh(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for table in self.findChildren(QTableView):
            _fit(table)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for table in self.findChildren(QTableView):
            _fit(table)


class EnterprisePage(_Page):
    def __init__(self, opener: PageOpener, record_id: str, *, parent: QWidget | None = None) -> None:
        super().__init__(opener, "enterprise", record_id, parent)
        official_row = QHBoxLayout()
        self.official = QLabel()
        self.official.setWordWrap(True)
        official_row.addWidget(self.official, 1)
        self.official_buttons = QHBoxLayout()
        official_row.addLayout(self.official_buttons)
        self.layout_.addLayout(official_row)
        self.projects_title = QLabel()
        self.layout_.addWidget(self.projects_title)
        self.projects = _table(self.open_row)
        self.layout_.addWidget(self.projects, 1)
        self.layout_.addWidget(self._buttons(self.tr("&Edit enterprise…")))
        self.refresh()

    def refresh(self) -> None:
        links = relations.enterprise_links(self.store, self.record_id)
        name = str(links.enterprise.get("name") or "")
        self.setWindowTitle(self.tr("Enterprise: {name}").format(name=name))
        self.heading.setText(name)
        self._show_facts(links.enterprise, ENTERPRISE_FACTS)
        while self.official_buttons.count():
            item = self.official_buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if links.official_name:
            title = str(links.official.get("title") or "") if links.official else ""
            self.official.setText((self.tr("Official: {name} ({title})") if title else self.tr("Official: {name}"))
                                  .format(name=links.official_name, title=title))
            shown = [links.official] if links.official else []
        else:
            names = self.tr(", ").join(str(o["name"]) for o in links.industry_officials)
            self.official.setText(self.tr("Official: none assigned. Officials supporting its industry: {names}")
                                  .format(names=names) if names else self.tr("Official: none assigned."))
            shown = list(links.industry_officials)
        for official in shown:
            button = QPushButton(self.tr("Open “{name}”").format(name=official["name"]))
            button.clicked.connect(lambda _=False, i=str(official["id"]): self.opener.open("official", i))
            self.official_buttons.addWidget(button)
        self.projects_title.setText(self.tr("Projects in the three lists: {count:,}").format(count=len(links.projects)))
        _fill(self.projects, self.project_rows(links.projects, other="official"))


class OfficialPage(_Page):
    def __init__(self, opener: PageOpener, record_id: str, *, parent: QWidget | None = None) -> None:
        super().__init__(opener, "official", record_id, parent)
        self.tabs = QTabWidget()
        self.industries = _table(self.open_row)
        self.enterprises = _table(self.open_row)
        self.projects = _table(self.open_row)
        for table in (self.industries, self.enterprises, self.projects):
            self.tabs.addTab(table, "")
        self.tabs.currentChanged.connect(lambda _: _fit(self.tabs.currentWidget()))  # a hidden tab has no width yet
        self.layout_.addWidget(self.tabs, 1)
        self.layout_.addWidget(self._buttons(self.tr("&Edit official…")))
        self.refresh()

    def refresh(self) -> None:
        links = relations.official_links(self.store, self.record_id)
        name = str(links.official.get("name") or "")
        self.setWindowTitle(self.tr("Official: {name}").format(name=name))
        self.heading.setText(name)
        self._show_facts(links.official, OFFICIAL_FACTS)
        reference = self.store.reference
        industry_rows = [Row(("", ""), (
            reference.industry_name(share.code, self.lang) if share.code else share.name,
            (reference.industries[share.code].group_en if self.lang == "en" else
             reference.industries[share.code].group_zh) if share.code else self.tr("(not in the industry list)"),
            f"{share.enterprises:,}", f"{share.projects:,}")) for share in links.industries]
        _fill(self.industries, RowsModel([self.tr("Industry"), self.tr("Group"), self.tr("Enterprises in it"),
                                          self.tr("Projects in it")], industry_rows, numeric=(2, 3), stretch=(0,),
                                         parent=self))
        enterprise = schema.entity("enterprise")
        keys = ("name", "district", "industry", "key_enterprise", "contact", "phone")
        enterprise_rows = [Row(("enterprise", str(e["id"])), tuple(
            display(enterprise.field(key), e.get(key), self.store, self.lang) for key in keys))
            for e in links.enterprises]
        _fill(self.enterprises, RowsModel([enterprise.field(key).label(self.lang) for key in keys], enterprise_rows,
                                          stretch=(0,), parent=self))
        _fill(self.projects, self.project_rows(links.projects, other="enterprise"))
        for index, (label, count) in enumerate(((self.tr("Industries"), len(links.industries)),
                                                (self.tr("Enterprises"), len(links.enterprises)),
                                                (self.tr("Projects"), len(links.projects)))):
            self.tabs.setTabText(index, self.tr("{label} ({count:,})").format(label=label, count=count))
