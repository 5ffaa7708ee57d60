"""A thin table model over one list: ordered ids from SQL, 256-row pages fetched by id, a small cache.

Fast at a million rows: a new query shows its first rows at once (the row count from ``COUNT``, the first
:data:`FIRST_ROWS` ids with a ``LIMIT``); every other id is read on a worker into a compact array
(:func:`gzdesk.core.id_array.read_ordered_ids`) while rows not read yet show as blank placeholders. Project rows
carry their progress mark (latest light, overdue report; gzdesk.ui.progress_marks), read for the page being shown
only.
"""

from __future__ import annotations

import datetime as dt
import weakref
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from gzdesk.core import schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import Cancelled
from gzdesk.core.evaluation.marks import ProgressMark, progress_marks
from gzdesk.core.id_array import ordered_id_array, read_ordered_ids, row_count
from gzdesk.core.query import Query
from gzdesk.core.schema import Field, FieldType
from gzdesk.core.store import Store
from gzdesk.ui.progress_marks import mark_data
from gzdesk.ui.tasks import TaskProgress, Worker

PAGE = 256
CACHED_PAGES = 64
FIRST_ROWS = PAGE  # read at once for a new query (a screenful and more); the rest on a worker
LOADING_DELAY_MS = 40  # the worker starts after the first rows are painted (it would slow that paint down)
Index = QModelIndex | QPersistentModelIndex

translate = QCoreApplication.translate



def display(field: Field, value: object, store: Store, lang: str) -> str:
    """How a value reads in a table cell."""
    if value is None or value == "":
        return ""
    if field.type is FieldType.REFERENCE:
        reference = store.reference
        code = str(value)
        return reference.district_name(code, lang) if field.reference == "district" else reference.industry_name(code, lang)
    if field.type in (FieldType.MONEY, FieldType.AREA, FieldType.NUMBER):
        return f"{float(value):,.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    if field.type is FieldType.BOOLEAN:
        return translate("Values", "Yes") if value else translate("Values", "No")
    if field.type is FieldType.TAGS and isinstance(value, list):
        return "、".join(value)
    if field.type is FieldType.ENUM and lang == "en" and field.vocabulary:
        return field.vocabulary.english(str(value))
    return str(value)


def filter_options(store: Store, field: Field, lang: str) -> list[tuple[str, object]]:
    """(label, stored value) pairs a clerk can filter a vocabulary, district, industry or yes/no column by."""
    if field.type is FieldType.BOOLEAN:
        return [(translate("Values", "Yes"), True), (translate("Values", "No"), False)]
    if field.type is FieldType.REFERENCE:
        codes = store.reference.districts if field.reference == "district" else store.reference.industries
        return [(display(field, code, store, lang), code) for code in codes]
    assert field.vocabulary is not None
    return [(display(field, value, store, lang), value) for value in field.vocabulary.values]


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MARK_ROLES = frozenset({Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.FontRole})


class _Page(NamedTuple):
    rows: list[dict[str, object] | None]  # aligned with the page's ids; None: the record is gone
    marks: dict[str, ProgressMark]


class RecordTableModel(QAbstractTableModel):
    """Rows are the rids of ``query`` in order; cells are read a page at a time and cached."""

    loaded = Signal()  # every row's id is known

    def __init__(self, store: Store, kind: str, *, lang: str = "zh", parent: QObject | None = None,
                 as_of: dt.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.entity = schema.entity(kind)
        self.lang = lang
        self.as_of = as_of
        self.fields: tuple[Field, ...] = self.entity.fields
        self.query = Query()
        self.marks_shown = self.entity.is_project_list
        self._ids: Sequence[int] = array("q")  # the rids read so far, in order (all once ``complete``)
        self._count = 0  # the query's row count
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._loader: Worker | None = None
        self._generation = 0
        self.reload()

    # ------------------------------------------------------------------ rows
    def set_query(self, query: Query) -> None:
        same_rows = query.filters == self.query.filters and query.search == self.query.search
        self.query = query
        self._read(recount=not same_rows)

    def reload(self) -> None:
        """Read the query again: its row count and first rows now, every other id on a worker."""
        self._read(recount=True)

    def _read(self, *, recount: bool) -> None:
        self.stop_loading(wait=False)
        self.beginResetModel()
        self._pages.clear()
        kind = self.entity.key
        self._ids = array("q", self.store.ordered_ids(kind, self.query, limit=FIRST_ROWS))
        if len(self._ids) < FIRST_ROWS:
            self._count = len(self._ids)
        elif recount or not self._count:
            self._count = row_count(self.store, kind, self.query)
        self.endResetModel()
        if self.complete:
            self.loaded.emit()
        else:
            self._start_loading()

    @property
    def complete(self) -> bool:
        """Whether every row's id has been read."""
        return len(self._ids) >= self._count

    @property
    def _total(self) -> int:
        return max(self._count, len(self._ids))  # (a subclass may fix the ids itself: the dashboard's drill-down)

    def _start_loading(self) -> None:
        self._generation += 1
        generation = self._generation
        QTimer.singleShot(LOADING_DELAY_MS, self, lambda: self._load_in_background(generation))

    def _load_in_background(self, generation: int) -> None:
        if generation != self._generation:
            return  # another query meanwhile
        database, kind, query = self.store.path, self.entity.key, self.query
        model = weakref.ref(self)

        def work(progress: TaskProgress) -> array[int]:
            return read_ordered_ids(database, kind, query, progress=progress)

        def finished(ids: array[int] | None, error: BaseException | None) -> None:
            worker.deleteLater()
            alive = model()
            if alive is not None and shiboken6.isValid(alive):
                alive._ids_arrived(worker, generation, ids, error)

        # The worker belongs to the application, not to this model: a model that goes away while the worker
        # reads (no window closed it first) never takes a running thread with it; the result is then dropped.
        worker = Worker(QCoreApplication.instance() or self, work, on_done=lambda ids: finished(ids, None),
                        on_error=lambda error: finished(None, error))
        self._loader = worker

    def _ids_arrived(self, worker: Worker, generation: int, ids: array[int] | None,
                     error: BaseException | None) -> None:
        if self._loader is worker:
            self._loader = None
        if generation != self._generation:
            return
        if ids is not None:
            self._use_ids(ids)
        elif not isinstance(error, Cancelled):
            self.ensure_loaded()  # e.g. the worker could not open the file: read here instead

    def _use_ids(self, ids: array[int]) -> None:
        known = len(self._ids)
        if len(ids) != self._count or list(ids[:known]) != list(self._ids):  # changed meanwhile (another program)
            self.beginResetModel()
            self._ids, self._count = ids, len(ids)
            self._pages.clear()
            self.endResetModel()
        else:
            self._ids = ids
            if self._total > known:
                self.dataChanged.emit(self.index(known, 0), self.index(self._total - 1, len(self.fields) - 1))
        self.loaded.emit()

    def stop_loading(self, *, wait: bool = True) -> None:
        """Stop reading ids in the background: before the window closes (``wait`` until the thread has ended), or
        for a new query (no waiting: the old read stops at its next chunk and its result is dropped)."""
        self._generation += 1
        if self._loader is not None:
            if wait and self._loader.running:
                self._loader.cancel_and_wait()
            else:
                self._loader.progress.cancel()
            self._loader = None  # it deletes itself when its (cancelled) result arrives

    def ensure_loaded(self) -> None:
        """Read every id now (an action on rows that have not been read yet)."""
        if self.complete:
            return
        self.stop_loading(wait=False)
        self._use_ids(ordered_id_array(self.store, self.entity.key, self.query))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def column_of(self, key: str) -> int:
        return next(i for i, field in enumerate(self.fields) if field.key == key)

    def _page(self, page: int) -> _Page | None:
        found = self._pages.get(page)
        if found is not None:
            self._pages.move_to_end(page)
            return found
        rids = self._ids[page * PAGE:(page + 1) * PAGE]
        if not rids or len(rids) < min(PAGE, self._total - page * PAGE):
            return None  # not read yet
        by_rid = {int(row["rid"]): row for row in self.store.rows(self.entity.key, rids)}  # type: ignore[call-overload]
        rows = [by_rid.get(rid) for rid in rids]
        marks: dict[str, ProgressMark] = {}
        if self.marks_shown:
            marks = progress_marks(self.store, self.entity.key, [row for row in rows if row is not None],
                                   as_of=self.as_of)
        self._pages[page] = found = _Page(rows, marks)
        if len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return found

    def _row(self, row: int) -> dict[str, object] | None:
        page = self._page(row // PAGE)
        return page.rows[row % PAGE] if page is not None else None

    def mark(self, row: int) -> ProgressMark | None:
        """The progress mark of the project at ``row`` (None for other entities, or a row not read yet)."""
        page = self._page(row // PAGE)
        record = page.rows[row % PAGE] if page is not None else None
        return page.marks.get(str(record["id"])) if page is not None and record is not None else None

    # ------------------------------------------------------------------ cells
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            record = self._row(index.row())  # None: not read yet (a blank placeholder) or gone
            if record is None:
                return ""
            field = self.fields[index.column()]
            return display(field, record.get(field.key), self.store, self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.fields[index.column()].type.is_numeric else None
        if self.marks_shown and role in _MARK_ROLES:
            return self._mark_data(index, role)
        return None

    def _mark_data(self, index: Index, role: int) -> Any:
        mark = self.mark(index.row())
        return None if mark is None else mark_data(mark, role, lang=self.lang,
                                                   beside_name=self.fields[index.column()].key == "name")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.fields[section].header(self.lang) if 0 <= section < len(self.fields) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.fields):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(Query(self.query.filters, ((self.fields[column].key, descending),), self.query.search))

    # --------------------------------------------------------------- records
    def record_id(self, row: int) -> str | None:
        if row >= len(self._ids):
            self.ensure_loaded()
        record = self._row(row)
        return str(record["id"]) if record else None

    def records(self, rows: Sequence[int]) -> list[dict[str, object]]:
        """The records at these rows, read now, in the order of ``rows`` (rows whose record is gone are left
        out)."""
        if rows and max(rows) >= len(self._ids):
            self.ensure_loaded()
        rids = [self._ids[row] for row in rows if 0 <= row < len(self._ids)]
        return self.store.rows(self.entity.key, rids)

    def row_of(self, record_id: str) -> int | None:
        """The row showing the record with this stable id, or None when the query does not hold it."""
        found = self.store.conn.execute(f"SELECT rid FROM [{self.entity.table}] WHERE id = ?", [record_id]).fetchone()
        if found is None:
            return None
        self.ensure_loaded()
        try:
            return self._ids.index(int(found[0]))
        except ValueError:
            return None

    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh from what a write changed: new values in place, or the query again when rows come or go (or a
        changed field decides the order or which rows match)."""
        if changes.entity != self.entity.key or changes.empty:
            return
        touched = {key for keys in changes.updated.values() for key in keys}
        deciding = {key for key, _ in self.query.sort} | {f.field for f in self.query.filters}
        if self.query.search:
            deciding |= {f.key for f in self.entity.searchable_fields}
        if changes.created or changes.deleted or touched & deciding:
            self._read(recount=True)
            return
        self._pages.clear()
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(self.fields) - 1))
