"""The meeting workbook (会议表): made to be printed and read at a scheduling meeting (EXCHANGE.md, DOMAIN.md).

Sheets: 汇总 (the summary, :mod:`gzdesk.core.excel.meeting_summary`), one sheet per list, then the statistics
sheets 进度统计, 滞后排名, 红黄灯, 逾期未报 and 本轮变化 (:mod:`gzdesk.core.excel.meeting_statistics`). A list sheet:

    row 1  title, merged: "<office or 广州市>招商引资项目台账（截至2026年11月27日）"
    row 2  "填报单位：<office>    单位：万元", merged
    row 3  header: 序号 + the list's meeting columns (:data:`MEETING_COLUMNS`, declared once here)
    row 4+ one record each, numbered; status 进度滞后 → the row filled yellow, 停滞 → red
    last   合计: SUM formulas of the money columns, written with their computed values

Print setup: landscape, A3 when the sheet has more than 12 columns (else A4), one page wide, rows 1–3 repeated on
every page, narrow margins, page numbers in the footer; frozen panes below the header (序号 and name stay visible),
autofilter on the header row. Long texts wrap. Values are those of the exchange workbook (export_common), so our own
importer reads the sheet back as a messy sheet (title, unit line, 序号 and 合计 are rows and columns it skips).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from gzdesk.core.excel.export_common import (
    ExportReport,
    FieldColumn,
    Ticker,
    field_columns,
    new_workbook,
    office_display_name,
    project_entities,
    read_snapshot,
    record_label,
    run_export,
    write_field,
)
from gzdesk.core.excel.meeting_statistics import write_statistics_sheets
from gzdesk.core.excel.meeting_summary import SummaryTexts, write_summary
from gzdesk.core.excel.table_header import column_letter
from gzdesk.core.excel.write_safe import CellFormats, FormatBook, RowPlace, sheet_name, write_text
from gzdesk.core.meeting_numbers import ListSummary, SummaryBuilder
from gzdesk.core.progress import NoProgress, Progress
from gzdesk.core.query import Query
from gzdesk.core.schema import LIST_KEYS, Entity, FieldType
from gzdesk.core.store import DEFAULT_OFFICE, Store

MEETING_COLUMNS: dict[str, tuple[str, ...]] = {
    "investment": ("name", "enterprise", "district", "industry", "stage", "level", "agreed_investment",
                   "total_investment", "funds_arrived", "annual_plan", "completed_investment", "signed_on",
                   "planned_start", "actual_start", "planned_production", "status", "latest_progress", "issues",
                   "official"),
    "tech_transfer": ("name", "enterprise", "result_name", "holder", "district", "industry", "stage", "level",
                      "transfer_mode", "contract_amount", "total_investment", "industrial_investment",
                      "contract_date", "status", "latest_progress", "issues", "official"),
    "expansion": ("name", "enterprise", "district", "industry", "stage", "level", "new_investment",
                  "total_investment", "annual_plan", "completed_investment", "planned_start", "actual_start",
                  "planned_production", "status", "latest_progress", "issues", "official"),
}
WRAPPED_FIELDS = frozenset({"name", "enterprise", "result_name", "holder", "latest_progress", "issues"})
LAG_FILLS: dict[str, str] = {"进度滞后": "#FFEB9C", "停滞": "#FFC7CE"}  # status → row fill (yellow, red)
TITLE_ROW, UNIT_ROW, HEADER_ROW = 0, 1, 2
FIRST_DATA_ROW = HEADER_ROW + 1
A3, A4 = 8, 9
_CELL = {"border": 1, "valign": "vcenter", "font_size": 10}
_HEADER = {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1, "bg_color": "#DDEBF7",
           "font_size": 10}
_TEXTS = {
    "zh": {"city": "广州市", "sequence": "序号", "total": "合计", "summary": "汇总", "office": "填报单位：",
           "unit": "单位：万元", "footer": "&C第 &P 页，共 &N 页"},
    "en": {"city": "Guangzhou", "sequence": "No.", "total": "Total", "summary": "Summary", "office": "Reported by: ",
           "unit": "Unit: 10k CNY", "footer": "&CPage &P of &N"},
}


def export_meeting(store: Store, path: Path | str, *, lists: Sequence[str] = LIST_KEYS,
                   queries: Mapping[str, Query] | None = None, as_of: dt.date | None = None,
                   office_name: str | None = None, lang: str = "zh",
                   progress: Progress | None = None, changes_since: str | None = None) -> ExportReport:
    """Write the meeting workbook of ``lists`` (filtered and sorted by ``queries[key]``) to ``path``.

    ``as_of`` (default today) dates the titles and the statistics; ``office_name`` heads them (default 广州市) and
    fills 填报单位 (default this database's office). ``changes_since`` (an ISO date or time) starts the 本轮变化
    window (default: the last meeting workbook exported, see :mod:`gzdesk.core.excel.meeting_changes`). Recorded in
    the ledger as kind "export_meeting". Raises and leaves the target as
    :func:`gzdesk.core.excel.export_exchange.export_exchange` does.
    """
    path = Path(path)
    entities = project_entities(lists)
    export_id = str(uuid.uuid4())
    texts = _TEXTS["en" if lang == "en" else "zh"]

    def write(temporary: Path) -> dict[str, int]:
        return _write(store, temporary, entities, queries or {}, _Heading(as_of or dt.date.today(), office_name,
                                                                          texts, lang), progress or NoProgress(),
                      changes_since)

    return run_export(store, path, kind="export_meeting", export_id=export_id, write=write)


@dataclass(frozen=True)
class _Heading:
    as_of: dt.date
    office_name: str | None
    texts: Mapping[str, str]
    lang: str

    def title(self, what: str, *, ledger: bool = True) -> str:
        """"<office or 广州市><what>台账（截至2026年11月27日）" (without 台账 for the summary)."""
        if self.lang == "en":
            return f"{self.office_name or self.texts['city']} — {what} (as of {self.as_of.isoformat()})"
        day = self.as_of
        kind = "台账" if ledger else ""
        return f"{self.office_name or self.texts['city']}{what}{kind}（截至{day.year}年{day.month}月{day.day}日）"


def _write(store: Store, temporary: Path, entities: Sequence[Entity], queries: Mapping[str, Query],
           heading: _Heading, progress: Progress, changes_since: str | None) -> dict[str, int]:
    with read_snapshot(store), new_workbook(temporary) as book:
        formats = FormatBook(book)
        summary_name = sheet_name(heading.texts["summary"])
        summary_sheet = book.add_worksheet(summary_name)
        counts = {e.key: store.count(e.key, queries.get(e.key, Query())) for e in entities}
        reporting = heading.office_name or office_display_name(store)
        reporting = "" if reporting == DEFAULT_OFFICE else reporting
        ticker = Ticker(progress, sum(counts.values()), "")
        taken = [summary_name]
        summaries: list[tuple[Entity, ListSummary]] = []
        for entity in entities:
            name = sheet_name(entity.label(heading.lang), taken)
            taken.append(name)
            sheet = _ListSheet(book.add_worksheet(name), name, entity, formats, store, heading)
            sheet.write_top(reporting)
            summaries.append((entity, sheet.write_rows(store, queries.get(entity.key, Query()), ticker)))
        summary_title = heading.title("Project summary" if heading.lang == "en" else "重点项目汇总", ledger=False)
        write_summary(book, summary_sheet, summary_name, formats, summaries,
                      SummaryTexts(summary_title, store.reference, heading.lang))
        write_statistics_sheets(book, store, formats, entities=entities, queries=queries, as_of=heading.as_of,
                                title=lambda what: heading.title(what, ledger=False), lang=heading.lang, taken=taken,
                                changes_since=changes_since)
        ticker.finish()
        return counts


class _ListSheet:
    """One list's sheet: top rows and page setup, then the streamed rows and the 合计 row."""

    def __init__(self, sheet: Worksheet, name: str, entity: Entity, formats: FormatBook, store: Store,
                 heading: _Heading) -> None:
        self.sheet, self.name, self.entity, self.heading = sheet, name, entity, heading
        self.columns = field_columns(entity, MEETING_COLUMNS[entity.key], store.reference, heading.lang)
        self.last = len(self.columns)  # the last column index (column 0 is 序号)
        self.money = [i for i, c in enumerate(self.columns, start=1) if c.field.type is FieldType.MONEY]
        self.formats = formats
        self.cells = {fill: [self._cell_formats(c, fill) for c in self.columns] for fill in (None, *LAG_FILLS.values())}
        self.sequence = {fill: formats.cell_formats({**_CELL, "align": "center", **_fill(fill)})
                         for fill in (None, *LAG_FILLS.values())}

    def _cell_formats(self, column: FieldColumn, fill: str | None) -> CellFormats:
        number = {"num_format": column.number_format} if column.number_format else {}
        wrap = {"text_wrap": True} if column.field.key in WRAPPED_FIELDS else {}
        return self.formats.cell_formats({**_CELL, **number, **wrap, **_fill(fill)})

    def write_top(self, reporting: str) -> None:
        sheet, texts, place = self.sheet, self.heading.texts, RowPlace(self.entity.zh, "", self.name)
        title = self.formats.cell_formats({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
        unit = self.formats.cell_formats({"font_size": 10, "valign": "vcenter"})
        sheet.set_column(0, 0, 6)
        for index, column in enumerate(self.columns, start=1):
            sheet.set_column(index, index, min(column.width, 30))
        sheet.set_row(TITLE_ROW, 32)
        sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, self.last, "", title.plain)
        write_text(sheet, TITLE_ROW, 0, self.heading.title(self.entity.label(self.heading.lang)), title, place, "")
        sheet.set_row(UNIT_ROW, 20)
        sheet.merge_range(UNIT_ROW, 0, UNIT_ROW, self.last, "", unit.plain)
        write_text(sheet, UNIT_ROW, 0, f"{texts['office']}{reporting}    {texts['unit']}", unit, place, "")
        header = self.formats.cell_formats(_HEADER)
        sheet.set_row(HEADER_ROW, 36)
        write_text(sheet, HEADER_ROW, 0, texts["sequence"], header, place, "")
        for index, column in enumerate(self.columns, start=1):
            write_text(sheet, HEADER_ROW, index, column.header, header, place, column.header)
        self._page_setup()

    def _page_setup(self) -> None:
        sheet = self.sheet
        sheet.set_landscape()
        sheet.set_paper(A3 if self.last + 1 > 12 else A4)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(TITLE_ROW, HEADER_ROW)
        sheet.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.6)
        sheet.center_horizontally()
        sheet.set_footer(self.heading.texts["footer"])
        sheet.freeze_panes(FIRST_DATA_ROW, 2)

    def write_rows(self, store: Store, query: Query, ticker: Ticker) -> ListSummary:
        """Stream the records into numbered rows, then the 合计 row; returns the list's summary numbers."""
        builder = SummaryBuilder(self.entity.key)
        sums = dict.fromkeys(self.money, 0.0)
        label = self.entity.label(self.heading.lang)
        ticker.message = label
        row = HEADER_ROW
        for number, record in enumerate(store.iter_records(self.entity.key, query), start=1):
            row = HEADER_ROW + number
            fill = LAG_FILLS.get(str(record.get("status")))
            place = RowPlace(label, record_label(record), self.name)
            self.sheet.write_number(row, 0, number, self.sequence[fill].plain)
            for index, (column, formats) in enumerate(zip(self.columns, self.cells[fill], strict=True), start=1):
                value = record.get(column.field.key)
                if not write_field(self.sheet, row, index, column, value, formats, place):
                    self.sheet.write_blank(row, index, None, formats.plain)
                elif index in sums and isinstance(value, int | float):
                    sums[index] += value
            builder.add(record)
            ticker.tick()
        self._write_total(row, sums)
        self.sheet.autofilter(HEADER_ROW, 0, max(row, HEADER_ROW), self.last)
        return builder.summary()

    def _write_total(self, last_data: int, sums: Mapping[int, float]) -> None:
        row = last_data + 1
        base = {**_CELL, "bold": True, "bg_color": "#F2F2F2"}
        total = self.formats.cell_formats({**base, "align": "center"})
        write_text(self.sheet, row, 0, self.heading.texts["total"], total, RowPlace(self.entity.zh, "", self.name), "")
        for index, column in enumerate(self.columns, start=1):
            cell = self.formats.format({**base, "num_format": column.number_format or "General"})
            if index not in sums:
                self.sheet.write_blank(row, index, None, cell)
            elif last_data < FIRST_DATA_ROW:
                self.sheet.write_number(row, index, 0, cell)
            else:
                letter = column_letter(index)
                formula = f"=SUM({letter}{FIRST_DATA_ROW + 1}:{letter}{last_data + 1})"
                self.sheet.write_formula(row, index, formula, cell, round(sums[index], 6))


def _fill(color: str | None) -> dict[str, object]:
    return {"bg_color": color} if color else {}
