"""The rows of an evaluation round: a key array from the core, 256-row pages read on demand, and — in bulk
entry — the clerk's typed cells, each checked by the core's rules as it is typed."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from gzdesk.core import schema
from gzdesk.core.evaluation import records, rounds
from gzdesk.core.evaluation.periods import Period
from gzdesk.core.evaluation.rounds import CellProblem, RoundEntry, RoundIndex, RoundRow
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels

Index = QModelIndex | QPersistentModelIndex
Key = tuple[str, int]
PAGE = 256
CACHED_PAGES = 32
# the entry columns right after the name: the clerk reads the project and types
COLUMNS = ("status", "name", *rounds.ENTRY_FIELDS, "progress", "list", "district", "stage", "official",
           "reported_on")
EDITABLE = frozenset(rounds.ENTRY_FIELDS)
PROBLEM_BACKGROUND = "#f8d7da"
TYPED_BACKGROUND = "#fff3cd"
SUGGESTION_COLOUR = "#868e96"


class RoundModel(QAbstractTableModel):
    """Rows of a :class:`RoundIndex`; ``bulk`` makes the entry columns editable. ``typed_changed`` fires when
    the typed cells (or their problems) change."""

    typed_changed = Signal()

    def __init__(self, store: Store, *, lang: str, today: dt.date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.store, self.lang = store, lang
        self.today = today or dt.date.today()
        self.index_ = RoundIndex("", (), 0, 0)
        self.period: Period | None = None
        self.bulk = False
        self.loading = False  # a new round is being read: nothing can be typed until it is shown
        self._pages: OrderedDict[int, list[RoundRow]] = OrderedDict()
        self.typed: dict[Key, dict[str, str]] = {}
        self.project_ids: dict[Key, str] = {}
        self.problems: dict[Key, dict[str, CellProblem]] = {}

    # ------------------------------------------------------------------------------------------ rows
    def set_round(self, index: RoundIndex, period: Period) -> None:
        """Show another round (the typed cells are dropped: the view saves or discards them first)."""
        self.beginResetModel()
        self.index_, self.period = index, period
        self._pages.clear()
        self.typed.clear()
        self.project_ids.clear()
        self.problems.clear()
        self.endResetModel()
        self.typed_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.index_.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def key(self, row: int) -> Key:
        return self.index_.keys[row]

    def round_row(self, row: int) -> RoundRow | None:
        if not 0 <= row < len(self.index_.keys) or self.period is None:
            return None
        page = row // PAGE
        if page not in self._pages:
            keys = self.index_.keys[page * PAGE:(page + 1) * PAGE]
            found = {(r.project.kind, r.rid): r for r in rounds.round_rows(self.store, self.period, keys)}
            self._pages[page] = [found[key] for key in keys if key in found]
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        key = self.index_.keys[row]
        return next((r for r in self._pages[page] if (r.project.kind, r.rid) == key), None)

    def ended(self) -> bool:
        return self.period is not None and self.period.end < self.today

    # ------------------------------------------------------------------------------------------ display
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section]
        titles = {"status": self.tr("Status"), "list": self.tr("List"), "progress": self.tr("Progress")}
        if key in titles:
            return titles[key]
        if key in ("name", "district", "stage", "official"):
            return schema.entity(schema.LIST_KEYS[0]).field(key).label(self.lang)
        return schema.entity(records.ENTITY).field(key).label(self.lang)  # amounts in 万元, said by the window

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.round_row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()]
        cell_key = (row.project.kind, row.rid)
        problem = self.problems.get(cell_key, {}).get(key)
        typed = self.typed.get(cell_key, {})
        if role == Qt.ItemDataRole.DisplayRole:
            return typed[key] if key in typed else self._text(key, row)
        if role == Qt.ItemDataRole.EditRole:
            return typed[key] if key in typed else self._edit_text(key, row)
        if role == Qt.ItemDataRole.DecorationRole and key == "progress" and row.reported:
            return labels.light_dot((row.evaluation or {}).get("light"))
        if role == Qt.ItemDataRole.BackgroundRole and (problem or key in typed):
            return QColor(PROBLEM_BACKGROUND if problem else TYPED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and problem is not None:
            return problem.message(self.lang)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "status" and not row.reported:
                return QColor(labels.OVERDUE_COLOUR)
            if key in EDITABLE and key not in typed and self._suggested(key, row):
                return QColor(SUGGESTION_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in rounds.MONEY_FIELDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def status_text(self, row: RoundRow) -> str:
        if row.reported:
            return self.tr("Reported")
        return self.tr("Overdue") if self.ended() else self.tr("Not yet reported")

    def _text(self, key: str, row: RoundRow) -> str:
        project, evaluation = row.project, row.evaluation or {}
        if key == "status":
            return self.status_text(row)
        if key == "list":
            return labels.list_name(project.kind, self.lang)
        if key == "name":
            return project.name
        if key == "district":
            return labels.district_name(self.store, project.district, self.lang) if project.district else ""
        if key in ("stage", "stage_to"):
            stage = project.stage if key == "stage" or not evaluation else evaluation.get("stage_to")
            return labels.stage_name(project.kind, stage, self.lang) if stage else ""
        if key == "official":
            return project.official or ""
        if key == "progress":
            return labels.judgement_text(evaluation.get("judgement"), self.lang) if row.reported else ""
        if key == "annual_plan" and not row.reported:
            return labels.money(row.carried_plan)
        value = evaluation.get(key)
        return labels.money(value) if key in rounds.MONEY_FIELDS else ("" if value is None else str(value))

    def _edit_text(self, key: str, row: RoundRow) -> str:
        if key in rounds.MONEY_FIELDS:
            value = (row.evaluation or {}).get(key) if row.reported or key != "annual_plan" else row.carried_plan
            return labels.money(value).replace(",", "")
        if key == "stage_to":
            stage = (row.evaluation or {}).get("stage_to") if row.reported else row.project.stage
            return "" if stage is None else str(stage)
        return self._text(key, row)

    @staticmethod
    def _suggested(key: str, row: RoundRow) -> bool:
        """A value shown but not stored yet: the carried annual plan and the project's stage of a new entry."""
        return not row.reported and key in ("annual_plan", "stage_to")

    # ------------------------------------------------------------------------------------------ bulk entry
    def set_bulk(self, on: bool) -> None:
        self.bulk = on
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.bulk and not self.loading and COLUMNS[index.column()] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def kind_of(self, row: int) -> str:
        return self.index_.keys[row][0]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.bulk or self.loading:
            return False
        key = COLUMNS[index.column()]
        row = self.round_row(index.row())
        if key not in EDITABLE or row is None:
            return False
        cell_key = (row.project.kind, row.rid)
        text = "" if value is None else str(value).strip()
        typed = self.typed.setdefault(cell_key, {})
        if text == self._edit_text(key, row) and not self._suggested(key, row):
            typed.pop(key, None)
        else:
            typed[key] = text
        if not typed:
            del self.typed[cell_key]
        self.project_ids[cell_key] = row.project.project_id
        self._check(cell_key, row)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        self.typed_changed.emit()
        return True

    def _check(self, cell_key: Key, row: RoundRow) -> None:
        """Read each typed cell of the row by the core's rules, then the rules across the row."""
        problems: dict[str, CellProblem] = {}
        values: dict[str, object] = {}
        for field, text in self.typed.get(cell_key, {}).items():
            value, problem = rounds.read_cell(self.store, cell_key[0], field, text)
            if problem is not None:
                problems[field] = CellProblem(row.project.project_id, field, problem.code, problem.params)
            else:
                values[field] = value
        current = {key: (row.evaluation or {}).get(key) for key in rounds.ENTRY_FIELDS}
        for problem in rounds.check_entry({**current, **values}, row.project.project_id):
            problems.setdefault(problem.field, problem)
        if problems:
            self.problems[cell_key] = problems
        else:
            self.problems.pop(cell_key, None)

    def all_problems(self) -> list[CellProblem]:
        return [problem for found in self.problems.values() for problem in found.values()]

    def entries(self) -> list[RoundEntry]:
        """The typed rows as the core saves them (only when no cell has a problem)."""
        found = []
        for cell_key, typed in self.typed.items():
            values = {}
            for field, text in typed.items():
                value, _ = rounds.read_cell(self.store, cell_key[0], field, text)
                values[field] = value
            found.append(RoundEntry(cell_key[0], self.project_ids[cell_key], values))
        return found

    def discard(self) -> None:
        self.typed.clear()
        self.problems.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))
        self.typed_changed.emit()
