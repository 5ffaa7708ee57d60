"""The project sheets of the meeting workbook, from :func:`gzdesk.core.evaluation.stats.meeting_stats`:

* 滞后排名 — the most-behind projects, most behind first (with a bar chart of their gaps);
* 红黄灯 — the red, then the yellow projects (each most behind first; how many there are in all);
* 逾期未报 — the projects in a reporting stage without an evaluation for the due period.

Each sheet: a merged title, an information line, a header row repeated on every page and frozen, an autofilter,
rows filled red or yellow by their light. Percentages are fractions in a 0.0% format, gaps percentage points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from gzdesk.core.evaluation.listing import ProjectRef
from gzdesk.core.evaluation.ranking import Behind
from gzdesk.core.evaluation.stats import MeetingStats
from gzdesk.core.excel.meeting_progress import ProgressTexts
from gzdesk.core.excel.meeting_tables import SheetWriter, page_setup
from gzdesk.core.excel.write_safe import CellFormats

LIGHT_FILLS = {"红": "#FFC7CE", "黄": "#FFEB9C"}
_PROJECT = (("清单", "List", 12), ("重点项目", "Key project", 30), ("区县", "Area", 10),
            ("产业方向", "Industry line", 16), ("进度阶段", "Stage reached", 10), ("挂点", "Leader in charge", 10))
_PROGRESS = (("报告期", "Period", 10), ("完成年度计划%", "Plan completed %", 11), ("序时进度%", "Calendar %", 11),
             ("差距（百分点）", "Gap (points)", 11), ("进度评价", "Judgement", 10), ("灯色", "Light", 8))


_BEHIND_STYLES = ("count", "label", "text", "label", "label", "label", "label", "label", "percent", "percent",
                  "points", "label", "label")


@dataclass(frozen=True)
class SheetTexts:
    title: str
    line: str


def _columns(writer: SheetWriter, texts: ProgressTexts, lead: tuple[str, str], extra: Sequence[tuple[str, str, int]]
             ) -> list[str]:
    headers = [texts.pick(*lead)] + [texts.pick(zh, en) for zh, en, _ in (*_PROJECT, *extra)]
    writer.sheet.set_column(0, 0, 6)
    for index, (_, _, width) in enumerate((*_PROJECT, *extra), start=1):
        writer.sheet.set_column(index, index, width)
    return headers


def _project_cells(project: ProjectRef, texts: ProgressTexts) -> list[str | int | float | None]:
    return [texts.list_label(project.kind), project.name, texts.group_label("district", project.district),
            texts.group_label("industry", project.industry), project.stage or "", project.official or ""]


def _top(writer: SheetWriter, sheet_texts: SheetTexts, headers: Sequence[str], lang: str) -> int:
    """Title, information line and header; returns the header row."""
    width = len(headers) - 1
    writer.merged(sheet_texts.title, width, writer.title, height=32)
    writer.merged(sheet_texts.line, width, writer.line, height=20)
    header = writer.headers(headers)
    page_setup(writer.sheet, lang=lang, repeat_rows=(0, header), freeze_row=header + 1)
    return header


def _behind_rows(writer: SheetWriter, rows: Sequence[Behind], texts: ProgressTexts) -> tuple[int, int] | None:
    """One numbered row per project, filled by its light; returns the first and last rows written."""
    written = []
    for number, item in enumerate(rows, start=1):
        fill = LIGHT_FILLS.get(item.light or "")
        formats: list[CellFormats] = [writer.style(style, fill) for style in _BEHIND_STYLES]
        written.append(writer.cells([number, *_project_cells(item.project, texts), item.period,
                                     item.completion / 100, item.schedule / 100, item.gap, item.judgement or "",
                                     item.light or ""], formats))
    return (written[0], written[-1]) if written else None


def write_ranking(book: Workbook, name: str, stats: MeetingStats, texts: ProgressTexts, sheet_texts: SheetTexts,
                  writer: SheetWriter) -> None:
    headers = _columns(writer, texts, ("排名", "Rank"), _PROGRESS)
    header = _top(writer, sheet_texts, headers, texts.lang)
    rows = _behind_rows(writer, stats.ranking, texts)
    writer.sheet.autofilter(header, 0, max(writer.row - 1, header), len(headers) - 1)
    if rows is None:
        return
    chart = book.add_chart({"type": "bar"})
    if chart is None:
        return
    first = rows[0]
    last = first + sum(1 for item in stats.ranking if item.gap < 0) - 1  # the chart shows those behind only
    if last < first:
        return
    chart.add_series({"name": texts.pick("差距（百分点）", "Gap (points)"), "categories": [name, first, 2, last, 2],
                      "values": [name, first, 10, last, 10], "fill": {"color": "#C00000"}})
    chart.set_title({"name": texts.pick("滞后项目：完成年度计划与序时进度之差", "Behind the calendar (points)"),
                     "name_font": {"size": 12}})
    chart.set_y_axis({"reverse": True, "label_position": "low"})  # the most behind on top, names at the left
    chart.set_legend({"none": True})
    writer.sheet.insert_chart(header, len(headers) + 1, chart,
                              {"x_scale": 1.3, "y_scale": max(1.0, (last - first + 1) / 12)})


def write_lights(texts: ProgressTexts, sheet_texts: SheetTexts, writer: SheetWriter,
                 sections: Sequence[tuple[str, Sequence[Behind]]]) -> None:
    """``sections``: (heading, projects) — the red, then the yellow ones."""
    headers = _columns(writer, texts, ("序号", "No."), _PROGRESS)
    _top(writer, sheet_texts, headers, texts.lang)
    for heading, rows in sections:
        writer.cells([heading], [writer.section])
        _behind_rows(writer, rows, texts)
        writer.skip()


def write_overdue(stats: MeetingStats, texts: ProgressTexts, sheet_texts: SheetTexts, writer: SheetWriter) -> None:
    headers = _columns(writer, texts, ("序号", "No."), (("报送单位", "Reporting office", 16),))
    header = _top(writer, sheet_texts, headers, texts.lang)
    formats = [writer.count, writer.label, writer.text, *[writer.label] * 5]
    for number, project in enumerate(stats.overdue, start=1):
        writer.cells([number, *_project_cells(project, texts), project.owner_office], formats)
    writer.sheet.autofilter(header, 0, max(writer.row - 1, header), len(headers) - 1)
