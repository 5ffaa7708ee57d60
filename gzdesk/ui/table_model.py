"""A thin table model over one list: ordered ids from SQL, 256-row pages fetched by id, a small cache."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from gzdesk.core import schema
from gzdesk.core.query import Query
from gzdesk.core.schema import Field, FieldType
from gzdesk.core.store import Store

PAGE = 256
CACHED_PAGES = 64
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


class RecordTableModel(QAbstractTableModel):
    """Rows are the rids of ``query`` in order; cells are read a page at a time and cached."""

    def __init__(self, store: Store, kind: str, *, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.entity = schema.entity(kind)
        self.lang = lang
        self.fields: tuple[Field, ...] = self.entity.fields
        self.query = Query()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[dict[str, object]]] = OrderedDict()
        self.reload()

    def set_query(self, query: Query) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self.store.ordered_ids(self.entity.key, self.query)
        self._pages.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def _row(self, row: int) -> dict[str, object] | None:
        page = row // PAGE
        if page not in self._pages:
            rids = self._ids[page * PAGE:(page + 1) * PAGE]
            self._pages[page] = self.store.rows(self.entity.key, rids)
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        field = self.fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            record = self._row(index.row())
            return display(field, record.get(field.key), self.store, self.lang) if record else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and field.type.is_numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

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

    def record_id(self, row: int) -> str | None:
        record = self._row(row)
        return str(record["id"]) if record else None
