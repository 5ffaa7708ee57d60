"""Classifying the rows below a header: data, or skipped with a reason; filling vertically merged cells down.

The rules, in order, for a row that is not data:
``table.row.blank``  — nothing in it, or only a 序号 number (a pre-numbered empty template row);
``table.row.repeated_header`` — at least 60% of a header row's texts again (a header repeated for printing);
``table.row.total``  — 合计/小计/总计/Total in one of its first three filled cells, wherever the row is;
``table.row.note``   — starts with 填报说明/说明：/注：/备注：/填表人/审核人/联系电话/Note: …, or a one-cell row after
a note, or a one-cell merged row below the last data row;
``table.row.example`` — 示例/样例/例：/Example in one of its first cells, or a value marked "（示例）";
``table.row.section`` — starts with "一、" "（一）" "第一批" "其中：", or holds one text cell that is merged across
columns, sits in the 序号 column, or names a district (a row grouping projects by district).
Vertically merged cells whose first row is a data row are filled down into the data rows they cover (first column
of the merge only; the other columns of a block merge stay blank, as horizontally merged cells do).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gzdesk.core.excel.model import CellValue, Sheet
from gzdesk.core.excel.table_header import ColumnMap
from gzdesk.core.reference import Reference
from gzdesk.core.schema import fold

BLANK, TOTAL, SECTION, NOTE = "table.row.blank", "table.row.total", "table.row.section", "table.row.note"
EXAMPLE, REPEATED_HEADER, UNITS = "table.row.example", "table.row.repeated_header", "table.row.units"
_BLANKISH = " \t\r\n\u3000\xa0\u200b\u200c\u200d\u2060\ufeff\x0b\x0c"

_TOTAL_HINT = re.compile(r"[合小总共]\s*计|total|sum", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:合计|小计|总计|共计|总合计|grandtotal|subtotal|total|sum)(?:$|[(\[【\d])|(?:合计|小计|总计)$")
_NOTE = re.compile(
    r"^(?:(?:填报说明|填表说明|说明|注|附注|备注|注释|注意|填表人|填报人|审核人|审核|审批人|制表人|制表|统计人|负责人|"
    r"单位负责人|分管领导|科室负责人|联系人|联系电话|电话|填报日期|填表日期|报送日期|填报单位|报送单位|notes?|remarks?|"
    r"sources?|数据来源|资料来源)\s*[(（]?[^)）:：]{0,6}[)）]?\s*\d*\s*[:：]|(?:填报说明|填表说明|说明|备注|注|notes?)\s*$"
    r"|注\s*\d+\s*[.、])",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"^(?:示例|样例|举例|范例|例|example|sample|e\.g\.)\s*\d*\s*(?:[:：)）.]|$)", re.IGNORECASE)
_EXAMPLE_MARK = re.compile(r"[(（【\[](?:示例|样例|例|example)[)）】\]]\s*$", re.IGNORECASE)
_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十百]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）]|第[一二三四五六七八九十百\d]+\s*"
    r"(?:部分|类|批|项|章|节)|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．]|其中\s*[:：])"
)

# What a text must hold for one of the five patterns above to match it: one of these first characters (the anchored
# patterns), 计 (合计 …) or 例 (（示例）), or a Latin letter in any case (total, sum, notes, example …).
_SPECIAL_FIRST = frozenset("填说注附备审制统负单分科联电报数资示样举范例一二三四五六七八九十百(（第其ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ")
_LATIN = re.compile("[a-z]", re.IGNORECASE)  # also the letters re's case-blind matching equates with them (ſ, K)


def _maybe_special(text: str) -> bool:
    """False only when no row rule can match ``text`` (a stripped cell text): see :meth:`_Rules.plain`."""
    return text[:1] in _SPECIAL_FIRST or "计" in text or "例" in text or _LATIN.search(text) is not None


@dataclass(frozen=True)
class SkippedRow:
    """A sheet row (1-based) below the header that is not data, and why (a ``table.row.*`` message code)."""

    row: int
    reason_code: str


@dataclass(frozen=True)
class FilledCell:
    """A data cell (1-based row, 0-based column) left blank by a vertical merge and filled from ``source_row``."""

    row: int
    column: int
    source_row: int


@dataclass(frozen=True)
class RowPlan:
    data_rows: tuple[int, ...]
    skipped: tuple[SkippedRow, ...]
    filled: tuple[FilledCell, ...]


def is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(_BLANKISH))


def _is_number(value: CellValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Rules:
    """The per-table facts the row rules need, computed once."""

    def __init__(self, sheet: Sheet, columns: Sequence[ColumnMap], header_texts: Sequence[dict[int, str]],
                 reference: Reference, start: int) -> None:
        self.sequence = {c.index for c in columns if c.kind == "sequence"}
        self.header_texts = [texts for texts in header_texts if len(texts) >= 2]
        self.header_words = {text for texts in self.header_texts for text in texts.values()}
        self.reference = reference
        self.wide: set[int] = set()  # rows holding a horizontal merge over 2+ columns
        for merge in sheet.merges:
            if merge.last_row >= start and merge.last_col > merge.first_col:
                self.wide.update(range(merge.first_row, merge.last_row + 1))

    def all_sequence(self, head: list[CellValue]) -> bool:
        """Whether every cell of ``head`` (a row's first cells, all filled) is a 序号 number."""
        if len(self.sequence) < len(head):  # a sheet with fewer 序号 columns (always, in practice)
            return False
        return all(c in self.sequence and _is_number(v) for c, v in enumerate(head))

    def repeated_header(self, row: list[CellValue]) -> bool:
        for texts in self.header_texts:
            hits = 0
            for c, text in texts.items():
                value = row[c] if c < len(row) else None
                if isinstance(value, str) and value.strip() == text:
                    hits += 1
            if hits >= 2 and hits * 5 >= len(texts) * 3:
                return True
        return False

    def filled(self, row: list[CellValue]) -> tuple[list[tuple[int, CellValue]], int, bool]:
        """The first three filled cells of ``row``, how many filled cells it has (counted until four: the rules only
        ask whether it is one), and whether all of them are 序号 numbers.

        A data row is decided after its first few cells instead of all twenty (the rules look no further)."""
        first: list[tuple[int, CellValue]] = []
        count = 0
        only_sequence = True
        sequence = self.sequence
        for c, v in enumerate(row):
            if v is None or (type(v) is str and not v.strip(_BLANKISH)):  # inlined is_blank
                continue
            count += 1
            if only_sequence and not (c in sequence and _is_number(v)):
                only_sequence = False
            if count <= 3:
                first.append((c, v))
            elif not only_sequence:
                break
        return first, count, only_sequence

    def classify(self, r: int, row: list[CellValue], in_notes: bool) -> str | None:
        """The skip reason of sheet row index ``r``, "?single" for a lone text cell, or None for data."""
        return None if self.plain(row) else self.apply_rules(r, row, in_notes)

    def plain(self, row: list[CellValue]) -> bool:
        """True when :meth:`apply_rules` certainly finds ``row`` to be data (the common case, decided quickly): its
        first four cells are filled and not all 序号 numbers (so it is no blank or lone-cell row), and the texts of
        its first three are no header words and could match no rule (:func:`_maybe_special`). False means "look"."""
        if len(row) < 4:
            return False
        head = row[:4]
        for v in head:
            if v is None or (type(v) is str and not v.strip(_BLANKISH)):  # inlined is_blank
                return False
        if self.all_sequence(head):
            return False
        header_words = self.header_words
        for v in head[:3]:
            if isinstance(v, str) and ((text := v.strip()) in header_words or _maybe_special(text)):
                return False
        return True

    def apply_rules(self, r: int, row: list[CellValue], in_notes: bool) -> str | None:
        """:meth:`classify` by the rules of the module docstring, one by one."""
        filled, count, only_sequence = self.filled(row)
        if only_sequence:  # nothing, or only 序号 numbers
            return BLANK
        lead = [v.strip() for _, v in filled if isinstance(v, str)]
        first = filled[0][1]
        header_words = self.header_words
        for text in lead:
            if text in header_words:
                if self.repeated_header(row):
                    return REPEATED_HEADER
                break
        for text in lead:
            if _TOTAL_HINT.search(text) and _TOTAL.search(fold(text)):
                return TOTAL
        if isinstance(first, str) and _NOTE.match(lead[0]):
            return NOTE
        for text in lead:
            if _EXAMPLE.match(text) or _EXAMPLE_MARK.search(text):
                return EXAMPLE
        if isinstance(first, str) and _SECTION.match(lead[0]):
            return SECTION
        if count == 1 and isinstance(first, str):
            if in_notes:
                return NOTE
            column = filled[0][0]
            if r in self.wide or column in self.sequence or self.reference.district_code(first) is not None:
                return "?single"
        return None


def plan_rows(sheet: Sheet, columns: Sequence[ColumnMap], header_texts: Sequence[dict[int, str]], *,
              start: int, reference: Reference) -> RowPlan:
    """Classify sheet rows from 0-based ``start`` to the end; see the module docstring for the rules."""
    rules = _Rules(sheet, columns, header_texts, reference, start)
    reasons: dict[int, str] = {}
    data: list[int] = []
    in_notes = False
    plain, apply_rules = rules.plain, rules.apply_rules
    for r in range(start, len(sheet.rows)):
        row = sheet.rows[r]
        reason = None if plain(row) else apply_rules(r, row, in_notes)  # classify, inlined
        if reason is None:
            data.append(r)
            in_notes = False
        else:
            reasons[r] = reason
            in_notes = in_notes or reason == NOTE
    last_data = data[-1] if data else -1
    skipped = tuple(
        SkippedRow(r + 1, (NOTE if r > last_data else SECTION) if reason == "?single" else reason)
        for r, reason in sorted(reasons.items())
    )
    return RowPlan(tuple(r + 1 for r in data), skipped, _fill_down(sheet, set(data), start))


def _fill_down(sheet: Sheet, data: set[int], start: int) -> tuple[FilledCell, ...]:
    filled: list[FilledCell] = []
    for merge in sheet.merges:
        if merge.first_row < start or merge.last_row == merge.first_row or merge.first_row not in data:
            continue
        source = sheet.rows[merge.first_row]
        if merge.first_col >= len(source) or is_blank(source[merge.first_col]):
            continue
        for r in range(merge.first_row + 1, merge.last_row + 1):
            if r in data:
                filled.append(FilledCell(r + 1, merge.first_col, merge.first_row + 1))
    return tuple(sorted(filled, key=lambda cell: (cell.row, cell.column)))
