"""The main window: the lists in a sidebar, a table with search, counts in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import messages, schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import GzdeskError
from gzdesk.core.importer import ImportReport
from gzdesk.core.query import Filter, Query
from gzdesk.core.schema import Field, FieldType
from gzdesk.core.store import Store
from gzdesk.ui.backup_timer import BackupTimer
from gzdesk.ui.column_chooser import ColumnLayouts
from gzdesk.ui.edit_commands import EditHistory
from gzdesk.ui.evaluation.menu import EvaluationMenu
from gzdesk.ui.export_flow import ExportFlow
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.import_flow import ImportFlow
from gzdesk.ui.progress_marks import mark_legend
from gzdesk.ui.record_form import RecordForm
from gzdesk.ui.saved_views import SavedViews
from gzdesk.ui.table_actions import TableActions
from gzdesk.ui.table_model import RecordTableModel, filter_options
from gzdesk.ui.undo_flow import UndoFlow
from gzdesk.ui.window_memory import keep_on_screen
from gzdesk.ui.window_menus import WindowMenus

SIDEBAR_KINDS = (*schema.LIST_KEYS, "enterprise", "official", "evaluation")
SUM_FIELDS = ("total_investment", "agreed_investment", "contract_amount", "new_investment")  # shown when the list has it
SUMS_AT_ONCE = 20_000  # more records than this: the rows show first, their sums a moment later (35–150 ms at 500,000)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, *, lang: str = "zh") -> None:
        install_translators(lang)  # the window's language is the application's: one language per screen
        super().__init__()
        self.store = store
        self.lang = lang
        self.setWindowTitle(self.tr("gzdesk project lists") + f" — {store.path.name}")
        self.sidebar = QListWidget()
        for kind in SIDEBAR_KINDS:
            item = QListWidgetItem(schema.entity(kind).label(lang))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.sidebar.addItem(item)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (Chinese works, e.g. 芯片)"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # with no indicator this does not sort at start
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.history = EditHistory(self, store, lang=lang)  # undo/redo of record edits
        self.history.changed.connect(self._after_edit)
        self.table_actions = TableActions(self, self.table, self.history)  # delete, bulk edit, copy
        self.column_layouts = ColumnLayouts(self, self.table, lang=lang)
        self.views = SavedViews(self, store, self.table, self.column_layouts, search=self.search,
                                applied=self._update_count, lang=lang)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(mark_legend())  # what the row colours mean
        self.statusBar().addPermanentWidget(self.count_label)
        right = QWidget()
        layout = QVBoxLayout(right)
        self.right_layout = layout
        self.notices: list[QLabel] = []
        layout.setContentsMargins(4, 4, 4, 4)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search)
        search_row.addWidget(self.views.button)
        layout.addLayout(search_row)
        layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1100])
        self.setCentralWidget(splitter)
        self.models: dict[str, RecordTableModel] = {}
        self.sidebar.currentRowChanged.connect(self._show_kind)
        self.search.returnPressed.connect(self._apply_search)
        self.search.textChanged.connect(lambda text: None if text else self._apply_search())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.import_flow = ImportFlow(self, store.path, lang=lang)
        self.import_flow.imported.connect(self._after_import)
        self.export_flow = ExportFlow(self, store.path, lang=lang)
        self.undo_flow = UndoFlow(self, store.path, lang=lang)
        self.undo_flow.undone.connect(self._after_undo)
        self.import_flow.undo_requested.connect(self.undo_flow.start)  # the import wizard's "undo this import"
        self.backups = BackupTimer(self, store.path, lang=lang)
        self.backups.failed.connect(self.show_notice)
        self.last_import: str | None = None
        self._build_menus()
        self.menus = WindowMenus(self)  # View and Tools menus, backups, check, settings, language, pages, first start
        self.evaluations = EvaluationMenu(self, on_changed=self._reload)  # timeline, round, dashboard
        self.setAcceptDrops(True)
        self.sidebar.setCurrentRow(0)
        self._restore_state()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = QAction(self.tr("&Import workbook…"), self)
        open_action.setShortcut(QKeySequence("Ctrl+I"))
        open_action.triggered.connect(self.choose_import)
        file_menu.addAction(open_action)
        for purpose, label, keys in (("exchange", self.tr("&Export exchange workbook…"), "Ctrl+E"),
                                     ("meeting", self.tr("Export &meeting workbook…"), "Ctrl+P")):
            action = QAction(label, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _=False, p=purpose: self.export_flow.choose(p))
            file_menu.addAction(action)
        file_menu.addSeparator()
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.history.undo_action, self.history.redo_action])
        edit_menu.addSeparator()
        new_action = QAction(self.tr("&New record…"), self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(lambda: self.edit_record(None))
        edit_menu.addAction(new_action)
        self.table_actions.add_to_menu(edit_menu)
        edit_menu.addSeparator()
        self.undo_import_action = QAction(self.tr("Undo the last &import"), self)
        self.undo_import_action.setEnabled(False)
        self.undo_import_action.triggered.connect(lambda: self.undo_flow.start(self.last_import or ""))
        edit_menu.addAction(self.undo_import_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a workbook to import"), "",
            self.tr("Workbooks (*.xlsx *.xlsm *.xls *.ods *.csv)"))
        if path:
            self.import_flow.start(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_flow.start(files[0])

    def open_row(self, row: int) -> None:
        """Double-click or Enter: an enterprise's or official's page, any other record's form."""
        if not self.menus.open_page(self.current_kind, self.model.record_id(row)):
            self.edit_record(row)

    def refresh(self) -> None:
        """Read every list again after a write made elsewhere (sample data, an edit on a page, a repair)."""
        self._reload()

    def edit_record(self, row: int | None) -> None:
        """Open the form for a new record (row None) or the record at ``row``; save what the clerk changed."""
        kind = self.current_kind
        entity = schema.entity(kind)
        record = None
        if row is not None:
            record_id = self.model.record_id(row)
            record = self.store.record(kind, record_id) if record_id else None
        form = RecordForm(self.store, entity, record, lang=self.lang, parent=self)
        while (changes := form.ask()):
            try:
                if record is None:
                    self.history.create(kind, changes)  # undoable; the views refresh from its change set
                else:
                    self.history.edit(kind, record, changes)
                break
            except GzdeskError as error:  # busy, disk full, changed meanwhile: the form comes back with the input
                QMessageBox.warning(self, self.tr("Cannot save"), error.message(self.lang))

    def _header_menu(self, point: QPoint) -> None:
        column = self.table.horizontalHeader().logicalIndexAt(point)
        if column < 0:
            return
        field = self.model.fields[column]
        menu = QMenu(self)
        menu.addAction(self.tr("Filter “{field}”…").format(field=field.label(self.lang)),
                       lambda: self._ask_filter(field))
        if self.model.query.filters:
            menu.addAction(self.tr("Clear all filters"), self.clear_filters)
        menu.addSeparator()
        self.column_layouts.add_to_menu(menu, column)
        menu.exec(self.table.horizontalHeader().mapToGlobal(point))

    def _ask_filter(self, field: Field) -> None:
        title = self.tr("Filter")
        if field.vocabulary is not None or field.type in (FieldType.REFERENCE, FieldType.BOOLEAN):
            options = filter_options(self.store, field, self.lang)
            label, ok = QInputDialog.getItem(self, title, field.label(self.lang), [o[0] for o in options], 0, False)
            if ok:
                self.add_filter(Filter(field.key, "=", dict(options)[label]))
            return
        text, ok = QInputDialog.getText(self, title, self.tr("“{field}” contains:").format(
            field=field.label(self.lang)))
        if ok and text.strip():
            self.add_filter(Filter(field.key, "contains", text.strip()))

    def add_filter(self, condition: Filter) -> None:
        """Narrow the current list by one more condition (every condition must hold)."""
        query = self.model.query
        self.model.set_query(Query((*query.filters, condition), query.sort, query.search))
        self._update_count()

    def clear_filters(self) -> None:
        query = self.model.query
        self.model.set_query(Query((), query.sort, query.search))
        self._update_count()

    def show_notice(self, text: str) -> None:
        """A notice the clerk must see (read-only database, interrupted import, network drive): a banner."""
        banner = QLabel(text)
        banner.setWordWrap(True)
        banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px; border: 1px solid #ffe69c;")
        self.notices.append(banner)
        self.right_layout.insertWidget(0, banner)

    def _reload(self) -> None:
        for model in self.models.values():
            model.reload()
        self._update_count()

    def _after_edit(self, changes: ChangeSet) -> None:
        for model in self.models.values():
            model.apply_changes(changes)
        self._update_count()

    def _after_undo(self, batch: str) -> None:
        self._reload()
        self.last_import = None
        self.undo_import_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Undid import {batch}").format(batch=batch), 15_000)

    def _after_import(self, report: ImportReport) -> None:
        self._reload()
        self.last_import = report.batch
        self.undo_import_action.setEnabled(True)
        self.statusBar().showMessage(messages.render("import.done", self.lang, file=report.plan.file_name,
                                                     **report.plan.counts()), 15_000)

    @property
    def model(self) -> RecordTableModel:
        return self.models[self.current_kind]

    @property
    def current_kind(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else schema.LIST_KEYS[0]

    def _show_kind(self) -> None:
        kind = self.current_kind
        if kind not in self.models:
            self.models[kind] = RecordTableModel(self.store, kind, lang=self.lang, parent=self)
        self.column_layouts.leave()  # remember the previous list's columns
        self.table.setModel(self.models[kind])
        for column, field in enumerate(self.models[kind].fields):
            wide = field.type in (FieldType.TEXT, FieldType.LONG_TEXT) and (field.max_length or 1000) >= 200
            self.table.setColumnWidth(column, 260 if wide else 110)
        self.column_layouts.enter()
        self._update_count()

    def _apply_search(self) -> None:
        model = self.model
        model.set_query(Query(model.query.filters, model.query.sort, self.search.text().strip()))
        self._update_count()

    def _update_count(self) -> None:
        if self.model.rowCount() > SUMS_AT_ONCE:
            self.count_label.setText(self.tr("{total:,} records").format(total=self.model.rowCount()))
            QTimer.singleShot(0, self, self._update_sums)
        else:
            self._update_sums()

    def _update_sums(self) -> None:
        total = self.model.rowCount()
        text = self.tr("{total:,} records").format(total=total)
        entity = self.model.entity
        money = [key for key in SUM_FIELDS if key in entity.by_key]
        if money and total:
            sums = {k: v for k, v in self.store.sums(entity.key, money, self.model.query).items() if v}
            if sums:
                text += "  " + self.tr("Sums (10k CNY):") + " " + "  ".join(
                    f"{entity.field(k).label(self.lang)} {v:,.0f}" for k, v in sums.items())
        self.count_label.setText(text)

    def _settings(self) -> QSettings:
        return QSettings("gzdesk", "gzdesk")

    def _restore_state(self) -> None:
        settings = self._settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            keep_on_screen(self)
        else:
            self.resize(1280, 800)
        state, sizes, splitter = settings.value("main/state"), settings.value("main/splitter"), self.centralWidget()
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if isinstance(sizes, QByteArray) and isinstance(splitter, QSplitter):
            splitter.restoreState(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.column_layouts.leave()
        for model in self.models.values():
            model.stop_loading()
        settings = self._settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        if isinstance(splitter := self.centralWidget(), QSplitter):
            settings.setValue("main/splitter", splitter.saveState())
        super().closeEvent(event)
