"""Finding the table in any messy sheet: which list it holds, its header, its columns, and which rows are data.

``find_tables(workbook, reference=…)`` returns one :class:`FoundTable` per sheet that holds a project list;
``scan_workbook`` also says why each other sheet was skipped. Nothing here changes a value: coercion
(``coerce.py``) reads the data rows through :func:`iter_data`, which fills vertically merged cells down.
Row numbers are 1-based sheet rows; column indexes are 0-based positions in ``Sheet.rows[r]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from gzdesk.core import messages, schema
from gzdesk.core.excel.model import CellValue, Sheet, Workbook
from gzdesk.core.excel.table_header import (
    ColumnMap,
    HeaderGuess,
    cell_text,
    column_letter,
    find_header,
    map_columns,
)
from gzdesk.core.excel.table_rows import REPEATED_HEADER, UNITS, FilledCell, SkippedRow, is_blank, plan_rows
from gzdesk.core.excel.units import canonical_unit, sheet_unit
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Entity, FieldType, fold

__all__ = ["ColumnMap", "FilledCell", "FoundTable", "SkippedRow", "SkippedSheet", "WorkbookTables", "find_table",
           "find_tables", "iter_data", "scan_workbook"]

messages.register({
    "table.sheet.hidden": ("工作表「{sheet}」是隐藏的，未读取", "sheet {sheet} is hidden and was not read"),
    "table.sheet.metadata": ("工作表「{sheet}」是导出信息表，不是数据", "sheet {sheet} holds export metadata, not data"),
    "table.sheet.instructions": ("工作表「{sheet}」是填报说明，不是数据", "sheet {sheet} holds instructions, not data"),
    "table.sheet.empty": ("工作表「{sheet}」是空的", "sheet {sheet} is empty"),
    "table.sheet.no_header": ("工作表「{sheet}」前 30 行中找不到项目清单的表头（如 项目名称、所属区）",
                              "no project-list header (such as 项目名称, 所属区) in the first 30 rows of sheet {sheet}"),
    "table.row.blank": ("空行", "blank row"),
    "table.row.total": ("合计/小计行", "total or subtotal row"),
    "table.row.section": ("分组标题行（如“一、续建项目”）", "section row (such as 一、续建项目)"),
    "table.row.note": ("说明、注释或签名行", "note, remark or signature line"),
    "table.row.example": ("填写示例行", "example row"),
    "table.row.repeated_header": ("重复的表头行", "repeated header row"),
    "table.row.units": ("单位行", "row of units"),
    "table.hidden_rows": ("有 {count} 个隐藏行也将导入", "{count} hidden rows will be imported"),
    "table.hidden_columns": ("有 {count} 个隐藏列也将导入", "{count} hidden columns will be imported"),
    "table.filled_down": ("{count} 个合并单元格的值已向下填充到各行", "{count} merged cells were filled down into their rows"),
    "table.column.unmapped": ("第 {column} 列「{header}」没有对应的字段，将被忽略",
                              "column {column} ({header}) matches no field and is ignored"),
    "table.column.duplicate": ("第 {column} 列「{header}」与前面的列是同一字段，将被忽略",
                               "column {column} ({header}) repeats a field already read and is ignored"),
})

_INSTRUCTION_NAMES = ("填报说明", "填表说明", "说明", "使用说明", "填报要求", "注意事项", "instructions", "readme", "help")
_OFFICE = re.compile(
    r"(?:填报单位|报送单位|填表单位|上报单位|填报部门|reporting(?:unit|office)|reportedby)\s*(?:[(（]\s*盖章\s*[)）])?"
    r"\s*[:：]\s*(?P<office>.*?)\s*(?=\s{2,}|\t|(?<!填报)(?<!报送)(?<!填表)单位\s*[:：]|填报日期|填报时间|日期\s*[:：]"
    r"|报送日期|联系人|填表人|unit\s*:|date\s*:|$)",
    re.IGNORECASE,
)
_STAMP = re.compile(r"[(（]\s*盖章\s*[)）]")


@dataclass(frozen=True)
class FoundTable:
    """One project list found on one sheet (see the module docstring for row and column numbering).

    ``unit`` is the sheet's unit line ("单位：亿元"); each money column's effective unit is in its ``ColumnMap.unit``.
    ``score`` is the number of fields the header maps. ``hidden_rows`` counts hidden data rows: they are taken, and
    ``hidden_data_rows`` lists them for the preview. ``filled_cells`` lists the cells filled from a vertical merge."""

    sheet_name: str
    list_key: str
    header_rows: tuple[int, ...]
    columns: tuple[ColumnMap, ...]
    data_rows: tuple[int, ...]
    skipped: tuple[SkippedRow, ...]
    unmapped_columns: tuple[int, ...]
    office: str | None
    unit: str | None
    score: float
    title: str | None = None
    hidden_rows: int = 0
    hidden_data_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()
    filled_cells: tuple[FilledCell, ...] = ()

    def column(self, field_key: str) -> ColumnMap | None:
        """The column mapped to ``field_key``, or None when the sheet has no such column."""
        return next((c for c in self.columns if c.field == field_key), None)

    @property
    def field_columns(self) -> tuple[ColumnMap, ...]:
        return tuple(c for c in self.columns if c.field is not None)


@dataclass(frozen=True)
class SkippedSheet:
    """A sheet that holds no project list, and why (a ``table.sheet.*`` message code)."""

    sheet_name: str
    reason_code: str

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.reason_code, lang, sheet=self.sheet_name)


@dataclass(frozen=True)
class WorkbookTables:
    tables: tuple[FoundTable, ...]
    skipped_sheets: tuple[SkippedSheet, ...]


def _entities(list_hint: str | None) -> tuple[Entity, ...]:
    if list_hint is None:
        return schema.PROJECT_LISTS
    chosen = schema.entity(list_hint)
    if not chosen.is_project_list:
        raise KeyError(f"{list_hint!r} is not a project list")
    return (chosen,)


def scan_workbook(workbook: Workbook, *, reference: Reference, list_hint: str | None = None) -> WorkbookTables:
    """Every table in ``workbook`` and every sheet skipped, with its reason."""
    tables: list[FoundTable] = []
    skipped: list[SkippedSheet] = []
    for sheet in workbook.sheets:
        found = find_table(sheet, reference=reference, list_hint=list_hint)
        if isinstance(found, FoundTable):
            tables.append(found)
        else:
            skipped.append(found)
    return WorkbookTables(tuple(tables), tuple(skipped))


def find_tables(workbook: Workbook, *, reference: Reference, list_hint: str | None = None) -> list[FoundTable]:
    """One :class:`FoundTable` per sheet holding a project list (``list_hint`` forces the list); see scan_workbook."""
    return list(scan_workbook(workbook, reference=reference, list_hint=list_hint).tables)


def find_table(sheet: Sheet, *, reference: Reference, list_hint: str | None = None) -> FoundTable | SkippedSheet:
    """The project list on ``sheet``, or why there is none.

    Hidden sheets, ``_meta`` and instruction sheets (填报说明 …) are skipped by name and visibility; otherwise the
    best-scoring header in the first 30 rows decides the list (``list_hint`` forces one). ``reference`` recognises
    rows that only name a district (group rows)."""
    folded_name = fold(sheet.name)
    if not sheet.visible:
        return SkippedSheet(sheet.name, "table.sheet.hidden")
    if folded_name.startswith("meta") or sheet.name.startswith("_meta"):
        return SkippedSheet(sheet.name, "table.sheet.metadata")
    if folded_name in _INSTRUCTION_NAMES or folded_name.endswith(("填报说明", "填表说明")):
        return SkippedSheet(sheet.name, "table.sheet.instructions")
    if not any(not is_blank(value) for row in sheet.rows for value in row):
        return SkippedSheet(sheet.name, "table.sheet.empty")
    guess = find_header(sheet, _entities(list_hint))
    if guess is None:
        return SkippedSheet(sheet.name, "table.sheet.no_header")
    return _build(sheet, guess, reference)


def _above(sheet: Sheet, header_row: int) -> tuple[str | None, str | None, str | None]:
    """The reporting office, the unit and the title written in the rows above the header."""
    office = unit = title = None
    for row in sheet.rows[:header_row]:
        for value in row:
            text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""
            if not text:
                continue
            unit = unit or sheet_unit(text)
            match = _OFFICE.search(text)
            if match and office is None:
                office = _STAMP.sub("", match.group("office")).strip(" _") or None
            if title is None and match is None and not text.lower().startswith(("单位", "unit")) and "日期" not in text:
                title = value.strip()  # type: ignore[union-attr]
    return office, unit, title


def _units_row(sheet: Sheet, start: int) -> dict[int, str] | None:
    """The units of a row of units right below the header ("万元 | 亩 | %"), or None when it is no such row."""
    if start >= len(sheet.rows):
        return None
    units: dict[int, str] = {}
    for c, value in enumerate(sheet.rows[start]):
        if is_blank(value):
            continue
        unit = canonical_unit(value) if isinstance(value, str) else None
        if unit is None:
            return None
        units[c] = unit
    return units or None


def _header_echo(sheet: Sheet, guess: HeaderGuess, row: int) -> dict[int, str | None] | None:
    """The units of the row right below the header when it names the same fields again (a bilingual header), or
    None when it is no such row."""
    if row >= len(sheet.rows):
        return None
    echo, score = map_columns(guess.entity, [cell_text(v) for v in sheet.rows[row]], None)
    if score < 2 or score * 5 < guess.score * 3:
        return None
    return {c.index: c.unit for c in echo}


def _build(sheet: Sheet, guess: HeaderGuess, reference: Reference) -> FoundTable:
    office, sheet_wide_unit, title = _above(sheet, guess.row)
    start = guess.row + guess.levels
    columns = list(guess.columns)
    units_row = _units_row(sheet, start)
    if units_row is not None:
        columns = [replace(c, unit=c.unit or units_row.get(c.index)) for c in columns]
    first = start + (units_row is not None)
    echo = _header_echo(sheet, guess, first)  # a second header row, e.g. the English labels under Chinese ones
    if echo is not None:
        columns = [replace(c, unit=c.unit or echo.get(c.index)) for c in columns]
    money = {f.key for f in guess.entity.fields if f.type is FieldType.MONEY}
    columns = [replace(c, unit=sheet_wide_unit) if c.field in money and c.unit is None else c for c in columns]
    header_texts = [{c: cell_text(v) for c, v in enumerate(sheet.rows[r]) if cell_text(v)}
                    for r in (*range(guess.row, start), *((first,) if echo is not None else ()))]
    plan = plan_rows(sheet, columns, header_texts, start=first + (echo is not None), reference=reference)
    skipped = plan.skipped
    if echo is not None:
        skipped = (SkippedRow(first + 1, REPEATED_HEADER), *skipped)
    if units_row is not None:
        skipped = (SkippedRow(start + 1, UNITS), *skipped)
    columns += _headerless_columns(sheet, columns, plan.data_rows)
    hidden = tuple(r for r in plan.data_rows if r - 1 in sheet.hidden_rows)
    return FoundTable(
        sheet_name=sheet.name,
        list_key=guess.entity.key,
        header_rows=tuple(range(guess.row + 1, start + 1)),
        columns=tuple(columns),
        data_rows=plan.data_rows,
        skipped=skipped,
        unmapped_columns=tuple(c.index for c in columns if c.kind in ("unmapped", "duplicate")),
        office=office,
        unit=sheet_wide_unit,
        score=float(guess.score),
        title=title,
        hidden_rows=len(hidden),
        hidden_data_rows=hidden,
        hidden_columns=tuple(c.index for c in columns if c.field and c.index in sheet.hidden_columns),
        filled_cells=plan.filled,
    )


def _headerless_columns(sheet: Sheet, columns: Sequence[ColumnMap], data_rows: Sequence[int]) -> list[ColumnMap]:
    """Columns with data but no header text: reported as unmapped so nothing is dropped unseen."""
    known = {c.index for c in columns}
    width = max((len(sheet.rows[r - 1]) for r in data_rows), default=0)
    extra = [c for c in range(width) if c not in known]
    found = sorted({c for r in data_rows for c in extra
                    if c < len(sheet.rows[r - 1]) and not is_blank(sheet.rows[r - 1][c])})
    return [ColumnMap(c, column_letter(c), "", None, None, "unmapped") for c in found]


def iter_data(sheet: Sheet, table: FoundTable) -> Iterator[tuple[int, list[CellValue]]]:
    """``(row number, values)`` for every data row, with vertically merged cells filled down (see table_rows)."""
    fills: dict[int, list[tuple[int, int]]] = {}
    for cell in table.filled_cells:
        fills.setdefault(cell.row, []).append((cell.column, cell.source_row))
    for number in table.data_rows:
        values = sheet.rows[number - 1]
        if number in fills:
            values = list(values)
            for column, source in fills[number]:
                if column >= len(values):
                    values.extend([None] * (column + 1 - len(values)))
                values[column] = sheet.rows[source - 1][column]
        yield number, values
