"""The 汇总 sheet of the meeting workbook: for each list its totals, rates and group tables, and a column chart.

Layout per list (written top to bottom, constant-memory order):

    一、招商引资项目
    项目总数 | N                      (then one row per amount: "总投资合计（万元） | X")
    开工率   | 45.0% | explanation (numerator/denominator)   (one row per rate; "—" when it has no value)
    按所属区 | 项目数（个） | 总投资合计（万元） | …           (then one row per group, and a blank row)
    按产业分类 …, 按当前阶段 …, 按推进状态 …

A column chart of the first amount by district sits to the right of each list's tables. The header words
("按所属区", "总投资合计（万元）") deliberately name no schema field, so an importer never takes this sheet for a list.
The numbers come from :mod:`gzdesk.core.meeting_numbers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from gzdesk.core.excel.meeting_tables import MONEY as MONEY
from gzdesk.core.excel.meeting_tables import SheetWriter
from gzdesk.core.excel.write_safe import FormatBook
from gzdesk.core.meeting_numbers import GROUP_FIELDS, Group, ListSummary, Rate
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Entity

ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SummaryTexts:
    title: str
    reference: Reference
    lang: str

    @property
    def en(self) -> bool:
        return self.lang == "en"

    def group_label(self, field_key: str, key: str | None) -> str:
        if key is None:
            return "(blank)" if self.en else "（未填写）"
        if field_key == "district":
            return self.reference.district_name(key, self.lang)
        if field_key == "industry":
            return self.reference.industry_name(key, self.lang)
        return key


class _Writer(SheetWriter):
    """The summary's rows, with the texts (language, reference names) they need."""

    def __init__(self, sheet: Worksheet, formats: FormatBook, place: str, texts: SummaryTexts) -> None:
        super().__init__(sheet, formats, place)
        self.texts = texts


def write_summary(book: Workbook, sheet: Worksheet, name: str, formats: FormatBook,
                  summaries: Sequence[tuple[Entity, ListSummary]], texts: SummaryTexts) -> None:
    """Write the whole summary sheet (see the module docstring)."""
    writer = _Writer(sheet, formats, "汇总", texts)
    width = 2 + max((len(s.amount_fields) for _, s in summaries), default=1)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 12)
    sheet.set_column(2, width, 18)
    sheet.set_row(0, 32)
    sheet.merge_range(0, 0, 0, width, "", writer.title.plain)
    writer.cells([texts.title], [writer.title])
    writer.skip()
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    for index, (entity, summary) in enumerate(summaries):
        _write_list(book, writer, name, index, entity, summary)


def _write_list(book: Workbook, writer: _Writer, name: str, index: int, entity: Entity,
                summary: ListSummary) -> None:
    texts = writer.texts
    heading = f"{index + 1}. {entity.en}" if texts.en else f"{ORDINALS[index % 10]}、{entity.zh}"
    writer.cells([heading], [writer.section])
    writer.cells(["Projects" if texts.en else "项目总数", summary.count], [writer.label, writer.count])
    for key, total in zip(summary.amount_fields, summary.totals, strict=True):
        writer.cells([_amount_header(entity, key, texts), total], [writer.label, writer.money])
    for rate in summary.rates:
        _write_rate(writer, rate)
    writer.skip()
    chart_row = writer.row
    district_rows: tuple[int, int] | None = None
    for field_key in GROUP_FIELDS:
        groups = summary.groups[field_key]
        first = _write_groups(writer, entity, summary, field_key, groups)
        if field_key == "district" and groups:
            district_rows = (first, first + len(groups) - 1)
    if district_rows is not None and summary.amount_fields:
        _insert_chart(book, writer, name, entity, summary, district_rows, chart_row)


def _amount_header(entity: Entity, key: str, texts: SummaryTexts) -> str:
    field = entity.field(key)
    return f"{field.en} total (10k CNY)" if texts.en else f"{field.zh}合计（万元）"


def _write_rate(writer: _Writer, rate: Rate) -> None:
    lang = writer.texts.lang
    value = rate.value
    if rate.key == "funds_rate":
        detail = f"{rate.numerator:,.2f} / {rate.denominator:,.2f}"
    else:
        detail = f"{rate.numerator:g} / {rate.denominator:g}"
    explanation = f"{rate.explain(lang)}（{detail}）" if lang != "en" else f"{rate.explain(lang)} ({detail})"
    writer.cells([rate.label(lang), "—" if value is None else value, explanation],
                 [writer.label, writer.label if value is None else writer.percent, writer.label])


def _write_groups(writer: _Writer, entity: Entity, summary: ListSummary, field_key: str,
                  groups: Sequence[Group]) -> int:
    """The header and rows of one group table and a blank row; returns the first group row."""
    texts = writer.texts
    field = entity.field(field_key)
    by = f"By {field.en.lower()}" if texts.en else f"按{field.zh}"
    count = "Projects" if texts.en else "项目数（个）"
    amounts = [_amount_header(entity, key, texts) for key in summary.amount_fields]
    writer.cells([by, count, *amounts], [writer.header] * (2 + len(amounts)))
    first = writer.row
    for group in groups:
        writer.cells([texts.group_label(field_key, group.key), group.count, *group.amounts],
                     [writer.label, writer.count, *[writer.money] * len(group.amounts)])
    writer.skip()
    return first


def _insert_chart(book: Workbook, writer: _Writer, name: str, entity: Entity, summary: ListSummary,
                  rows: tuple[int, int], at_row: int) -> None:
    """A column chart of the first amount by district, to the right of the list's tables."""
    texts = writer.texts
    chart = book.add_chart({"type": "column"})
    if chart is None:
        return
    amount = _amount_header(entity, summary.amount_fields[0], texts)
    first, last = rows
    chart.add_series({"name": amount, "categories": [name, first, 0, last, 0], "values": [name, first, 2, last, 2],
                      "fill": {"color": "#4472C4"}})
    title = f"{entity.en}: {amount} by district" if texts.en else f"{entity.zh}：各区{amount}"
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"name": "10k CNY" if texts.en else "万元", "num_format": "#,##0"})
    writer.sheet.insert_chart(at_row, len(summary.amount_fields) + 3, chart, {"x_scale": 1.4, "y_scale": 1.2})
