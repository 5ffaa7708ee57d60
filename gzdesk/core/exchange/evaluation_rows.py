"""Reading the evaluation sheets of a workbook (:mod:`.evaluation_sheets`) into coerced rows.

Values go through the same per-field coercers as the list sheets (money units from the header, dates, vocabulary
synonyms); 项目清单 is read as a list label and 报告期 as a period ("2026-03", "2026-Q1", "2026-03-上"; a cell Excel
turned into a date gives its month). A blank row is skipped; a cell that cannot be read is a :class:`Problem`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.excel.coerce import make_coercer
from gzdesk.core.excel.coerce_base import Coerced, Coercer, Issue
from gzdesk.core.excel.model import CellValue, Sheet, Workbook
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table_header import cell_text, column_letter, match_header
from gzdesk.core.exchange.evaluation_sheets import SheetLayout, layout_of, list_key_of
from gzdesk.core.reference import Reference
from gzdesk.core.schema import fold

messages.register({
    "evaluation_import.bad_list": ("“{raw}”不是项目清单（应为 招商引资项目、科技成果转化项目 或 增资扩产项目）",
                                   "{raw} is not a project list (招商引资项目, 科技成果转化项目 or 增资扩产项目)"),
})


@dataclass(frozen=True)
class SheetRow:
    """One data row of an evaluation sheet: its record id (column A), coerced field values, the fields whose
    column the sheet has, and the informational cells (project name, period)."""

    layout: SheetLayout
    sheet: str
    row: int  # 1-based sheet row
    record_id: str | None
    values: dict[str, object]
    present: frozenset[str]
    info: dict[str, str]

    @property
    def where(self) -> tuple[str, int]:
        return self.sheet, self.row


def split_sheets(workbook: Workbook) -> tuple[Workbook, tuple[Sheet, ...]]:
    """The workbook without its evaluation sheets (recognised by the header of column A), and those sheets."""
    found = tuple(sheet for sheet in workbook.sheets if sheet.rows and sheet.rows[0] and layout_of(sheet.rows[0][0]))
    if not found:
        return workbook, ()
    return replace(workbook, sheets=tuple(s for s in workbook.sheets if s not in found)), found


@dataclass(frozen=True)
class _Column:
    index: int
    label: str  # "C 报告期"
    field: str | None
    info: str | None
    coerce: Coercer | None


def _columns(layout: SheetLayout, header: Sequence[CellValue], reference: Reference) -> list[_Column]:
    info_words = {fold(layout.info_header(key, lang)): key for key in layout.info for lang in ("zh", "en")}
    columns: list[_Column] = []
    taken: set[str] = set()
    for index in range(1, len(header)):
        text = cell_text(header[index])
        if not text:
            continue
        label = f"{column_letter(index)} {text}"
        if fold(text) in info_words:
            columns.append(_Column(index, label, None, info_words[fold(text)], None))
            continue
        key, unit = match_header(layout.entity, text)
        if key is None or key in taken or key not in layout.fields:
            continue
        taken.add(key)
        special = key in ("project_kind", "period")
        coercer = None if special else make_coercer(layout.entity.field(key), unit=unit, reference=reference)
        columns.append(_Column(index, label, key, None, coercer))
    return columns


def _text(raw: CellValue) -> str | None:
    return cell_text(raw) or None


def _period(raw: CellValue) -> object:
    """The period in a 报告期 cell, canonical; a :class:`Coerced` problem when it is none."""
    if isinstance(raw, dt.datetime | dt.date):
        return f"{raw.year:04d}-{raw.month:02d}"
    text = _text(raw)
    if text is None:
        return None
    try:
        return str(parse_period(text))
    except InputRefused as refused:
        return Coerced(None, Issue(refused.code, {**refused.params, "raw": text}))


def _list(raw: CellValue) -> object:
    """The list key a 项目清单 cell names; a :class:`Coerced` problem when it names none."""
    text = _text(raw)
    if text is None:
        return None
    key = list_key_of(text)
    return key if key is not None else Coerced(None, Issue("evaluation_import.bad_list", {"raw": text}))


def read_rows(sheets: Sequence[Sheet], *, reference: Reference, file: str) -> tuple[list[SheetRow], list[Problem]]:
    """Every data row of the evaluation sheets, coerced, and the problems found in their cells."""
    rows: list[SheetRow] = []
    problems: list[Problem] = []
    for sheet in sheets:
        layout = layout_of(sheet.rows[0][0])
        if layout is None:
            continue
        columns = _columns(layout, sheet.rows[0], reference)
        present = frozenset(c.field for c in columns if c.field)
        for number, cells in enumerate(sheet.rows[1:], start=2):
            if all(_text(cell) is None for cell in cells):
                continue
            values: dict[str, object] = {}
            info: dict[str, str] = {}
            for column in columns:
                raw = cells[column.index] if column.index < len(cells) else None
                if column.info is not None:
                    info[column.info] = _text(raw) or ""
                    continue
                key = str(column.field)
                result = _period(raw) if key == "period" else _list(raw) if key == "project_kind" else \
                    column.coerce(raw)  # type: ignore[misc]
                if isinstance(result, Coerced):
                    if result.problem is not None:
                        problems.append(Problem(file, sheet.name, number, column.label, raw, result.problem.code,
                                                result.problem.params, key))
                        continue
                    result = result.value
                values[key] = result
            rows.append(SheetRow(layout, sheet.name, number, _text(cells[0]) if cells else None, values, present,
                                 info))
    return rows, problems
