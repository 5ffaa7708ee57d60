"""The 进度统计 sheet of the meeting workbook: the meeting's numbers (:func:`gzdesk.core.evaluation.stats.
meeting_stats`) for every list side by side, with charts.

    title, merged                      "<office>重点项目进度统计（截至2026年11月27日）"
    line                               "应报期：2026-10    逾期未报：N 个项目    单位：万元"
    一、各清单概况   清单 | 项目数（个） | 总投资合计（万元） | 已评价（个） | 绿灯 | 黄灯 | 红灯 | 未能评价, then 合计
                     (chart: lights per list, stacked columns)
    二、完成年度计划与序时进度   清单 | 纳入计算项目数 | 年度计划合计 | 年初至今完成合计 | 完成年度计划% | 序时进度% |
                     差距（百分点）   (chart: completion against 序时 per list)
    三、主要比率     清单 | 比率 | 数值 | 口径（分子/分母）   (开工率, 投产率, 产业化率, 履约率, 落地率, 资金到位率)
    四、按区县 / 五、按产业方向 / 六、按挂点   first column the group, then per list 项目数 and 总投资, then 合计（个）
                     (chart: projects by district, stacked by list)
    七、按进度阶段   清单 | 进度阶段 | 项目数（个） | 总投资合计（万元）

Percentages are written as fractions in a 0.0% format; gaps in percentage points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from gzdesk.core.evaluation.completion import PlanCompletion
from gzdesk.core.evaluation.stats import ListStats, MeetingStats
from gzdesk.core.excel.meeting_tables import SheetWriter, page_setup
from gzdesk.core.meeting_numbers import Group
from gzdesk.core.reference import Reference
from gzdesk.core.schema import entity

ORDINALS = "一二三四五六七八九十"
LIGHTS = (("绿", "绿灯", "Green", "#70AD47"), ("黄", "黄灯", "Yellow", "#FFC000"), ("红", "红灯", "Red", "#C00000"),
          ("none", "未能评价", "Not judged", "#A5A5A5"))
GROUPS = (("district", "按区县", "By area", "区县", "Area"), ("industry", "按产业方向", "By industry line", "产业方向",
                                                                 "Industry line"),
          ("official", "按挂点", "By leader in charge", "挂点", "Leader in charge"))


@dataclass(frozen=True)
class ProgressTexts:
    title: str
    line: str
    reference: Reference
    lang: str

    @property
    def en(self) -> bool:
        return self.lang == "en"

    def pick(self, zh: str, en: str) -> str:
        return en if self.en else zh

    def list_label(self, key: str) -> str:
        return entity(key).label(self.lang)

    def group_label(self, field_key: str, key: str | None) -> str:
        if key is None:
            return self.pick("（未填写）", "(blank)")
        if field_key == "district":
            return self.reference.district_name(key, self.lang)
        if field_key == "industry":
            return self.reference.industry_name(key, self.lang)
        return key


def write_progress(book: Workbook, name: str, stats: MeetingStats, completion: Sequence[PlanCompletion],
                   texts: ProgressTexts, writer: SheetWriter) -> None:
    """Write the whole sheet (see the module docstring) with ``writer`` on sheet ``name``."""
    width = 1 + 2 * len(stats.lists) + 1
    sheet = writer.sheet
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, max(width, 8), 13)
    writer.merged(texts.title, width, writer.title, height=32)
    writer.merged(texts.line, width, writer.line, height=20)
    writer.skip()
    page_setup(sheet, lang=texts.lang)
    sections = iter(ORDINALS)
    charts = _Charts(book, writer, name, texts, width + 1)
    first, last = _overview(writer, stats, texts, next(sections))
    charts.lights(first, last)
    charts.completion(_completion(writer, completion, texts, next(sections)))
    _rates(writer, stats, texts, next(sections), width)
    for field_key, zh, en, column_zh, column_en in GROUPS:
        group_rows = _groups(writer, stats, field_key, texts, f"{next(sections)}、{texts.pick(zh, en)}",
                             texts.pick(column_zh, column_en))
        if field_key == "district" and group_rows is not None:
            charts.districts(stats, group_rows)
    _stages(writer, stats, texts, next(sections))


def _heading(writer: SheetWriter, texts: ProgressTexts, ordinal: str, zh: str, en: str) -> None:
    writer.cells([f"{ordinal}、{texts.pick(zh, en)}"], [writer.section])


def _overview(writer: SheetWriter, stats: MeetingStats, texts: ProgressTexts, ordinal: str) -> tuple[int, int]:
    """Section 一; returns the first and last list rows (for the chart)."""
    _heading(writer, texts, ordinal, "各清单概况", "Lists at a glance")
    writer.headers([texts.pick("清单", "List"), texts.pick("项目数（个）", "Projects"),
                    texts.pick("总投资合计（万元）", "Total investment (10k CNY)"), texts.pick("已评价（个）", "Evaluated"),
                    *(texts.pick(zh, en) for _, zh, en, _ in LIGHTS)])
    formats = [writer.label, writer.count, writer.money, *[writer.count] * (1 + len(LIGHTS))]
    rows = []
    for numbers in stats.lists:
        rows.append(writer.cells([texts.list_label(numbers.list_key), numbers.count, _total_investment(numbers),
                                  numbers.evaluated, *(numbers.lights.get(key, 0) for key, *_ in LIGHTS)], formats))
    writer.cells([texts.pick("合计", "Total"), sum(n.count for n in stats.lists),
                  sum(_total_investment(n) for n in stats.lists), sum(n.evaluated for n in stats.lists),
                  *(sum(n.lights.get(key, 0) for n in stats.lists) for key, *_ in LIGHTS)],
                 [writer.header, *formats[1:]])
    writer.skip()
    return (rows[0], rows[-1]) if rows else (writer.row, writer.row - 1)


def _total_investment(numbers: ListStats) -> float:
    return numbers.totals[numbers.amount_fields.index("total_investment")]


def _completion(writer: SheetWriter, completion: Sequence[PlanCompletion], texts: ProgressTexts,
                ordinal: str) -> tuple[int, int]:
    _heading(writer, texts, ordinal, "完成年度计划与序时进度", "Annual plan completed against the calendar")
    writer.headers([texts.pick("清单", "List"), texts.pick("纳入计算项目数", "Projects counted"),
                    texts.pick("年度计划合计（万元）", "Annual plans (10k CNY)"),
                    texts.pick("年初至今完成合计（万元）", "Done this year (10k CNY)"),
                    texts.pick("完成年度计划%", "Plan completed %"), texts.pick("序时进度%", "Calendar %"),
                    texts.pick("差距（百分点）", "Gap (points)")])
    rows = []
    for item in completion:
        percent, gap = item.percent, item.gap
        rows.append(writer.cells(
            [texts.list_label(item.list_key), item.projects, item.annual_plan, item.done_ytd,
             None if percent is None else percent / 100, item.schedule / 100, gap],
            [writer.label, writer.count, writer.money, writer.money, writer.percent, writer.percent, writer.points]))
    writer.skip()
    return (rows[0], rows[-1]) if rows else (writer.row, writer.row - 1)


def _rates(writer: SheetWriter, stats: MeetingStats, texts: ProgressTexts, ordinal: str, last_column: int) -> None:
    _heading(writer, texts, ordinal, "主要比率", "Rates")
    writer.headers([texts.pick("清单", "List"), texts.pick("比率", "Rate"), texts.pick("数值", "Value"),
                    texts.pick("口径（分子/分母）", "Definition (numerator / denominator)")])
    for numbers in stats.lists:
        for rate in numbers.rates:
            detail = (f"{rate.numerator:,.2f} / {rate.denominator:,.2f}" if rate.key == "funds_rate"
                      else f"{rate.numerator:g} / {rate.denominator:g}")
            value = rate.value
            writer.cells([texts.list_label(numbers.list_key), rate.label(texts.lang),
                          "—" if value is None else value, f"{rate.explain(texts.lang)}（{detail}）"],
                         [writer.label, writer.label, writer.label if value is None else writer.percent, writer.label],
                         merge_to=last_column)
    writer.skip()


def _groups(writer: SheetWriter, stats: MeetingStats, field_key: str, texts: ProgressTexts, heading: str,
            first_column: str) -> tuple[int, int] | None:
    """A group table across the lists; returns its first and last group rows (None when empty)."""
    writer.cells([heading], [writer.section])
    by_list = [{group.key: group for group in numbers.groups[field_key]} for numbers in stats.lists]
    keys = _ordered_keys(field_key, [numbers.groups[field_key] for numbers in stats.lists])
    headers = [first_column]
    for numbers in stats.lists:
        label = texts.list_label(numbers.list_key)
        headers += [texts.pick(f"{label}（个）", f"{label}: projects"),
                    texts.pick(f"{label}总投资（万元）", f"{label}: investment (10k CNY)")]
    writer.headers([*headers, texts.pick("合计（个）", "Projects in all")])
    formats = [writer.label, *[writer.count, writer.money] * len(stats.lists), writer.count]
    rows = []
    for key in keys:
        cells: list[str | int | float | None] = [texts.group_label(field_key, key)]
        for found in by_list:
            group = found.get(key)
            cells += [group.count if group else 0, group.amounts[0] if group else 0.0]
        cells.append(sum(found[key].count for found in by_list if key in found))
        rows.append(writer.cells(cells, formats))
    writer.skip()
    return (rows[0], rows[-1]) if rows else None


def _ordered_keys(field_key: str, groups: Sequence[Sequence[Group]]) -> list[str | None]:
    """Every group key of the lists: codes (district, industry) in code order, names in order of first
    appearance, blank last."""
    seen: dict[str | None, None] = {}
    for list_groups in groups:
        for group in list_groups:
            seen.setdefault(group.key)
    keys = [key for key in seen if key is not None]
    if field_key in ("district", "industry"):
        keys.sort()
    return [*keys, *([None] if None in seen else [])]


def _stages(writer: SheetWriter, stats: MeetingStats, texts: ProgressTexts, ordinal: str) -> None:
    _heading(writer, texts, ordinal, "按进度阶段", "By stage reached")
    writer.headers([texts.pick("清单", "List"), texts.pick("进度阶段", "Stage reached"),
                    texts.pick("项目数（个）", "Projects"), texts.pick("总投资合计（万元）", "Total investment (10k CNY)")])
    for numbers in stats.lists:
        for group in numbers.groups["stage"]:
            writer.cells([texts.list_label(numbers.list_key), texts.group_label("stage", group.key), group.count,
                          group.amounts[0]], [writer.label, writer.label, writer.count, writer.money])
    writer.skip()


# ------------------------------------------------------------------ charts
class _Charts:
    """The sheet's charts, in one column right of the tables, each beside its table and never over another."""

    ROWS = 16  # a chart's height in rows at the scale used

    def __init__(self, book: Workbook, writer: SheetWriter, name: str, texts: ProgressTexts, column: int) -> None:
        self.book, self.writer, self.name, self.texts, self.column = book, writer, name, texts, column
        self.free = 0  # the first row no chart covers

    def _place(self, chart: object, row: int) -> None:
        at = max(row, self.free)
        self.writer.sheet.insert_chart(at, self.column, chart, {"x_scale": 1.1, "y_scale": 1.05})
        self.free = at + self.ROWS + 1

    def lights(self, first: int, last: int) -> None:
        chart = self.book.add_chart({"type": "column", "subtype": "stacked"})
        if chart is None or last < first:
            return
        for index, (_, zh, en, colour) in enumerate(LIGHTS):
            chart.add_series({"name": self.texts.pick(zh, en), "categories": [self.name, first, 0, last, 0],
                              "values": [self.name, first, 4 + index, last, 4 + index], "fill": {"color": colour}})
        chart.set_title({"name": self.texts.pick("各清单亮灯情况", "Lights per list"), "name_font": {"size": 12}})
        chart.set_y_axis({"name": self.texts.pick("项目数（个）", "Projects"), "num_format": "0"})
        self._place(chart, first - 2)

    def completion(self, rows: tuple[int, int]) -> None:
        first, last = rows
        chart = self.book.add_chart({"type": "bar"})
        if chart is None or last < first:
            return
        for offset, (zh, en, colour) in enumerate((("完成年度计划%", "Plan completed %", "#4472C4"),
                                                   ("序时进度%", "Calendar %", "#A5A5A5"))):
            chart.add_series({"name": self.texts.pick(zh, en), "categories": [self.name, first, 0, last, 0],
                              "values": [self.name, first, 4 + offset, last, 4 + offset], "fill": {"color": colour}})
        chart.set_title({"name": self.texts.pick("完成年度计划与序时进度", "Plan completed against the calendar"),
                         "name_font": {"size": 12}})
        chart.set_x_axis({"num_format": "0%", "min": 0})
        chart.set_y_axis({"reverse": True})  # the lists in the table's order
        self._place(chart, first - 2)

    def districts(self, stats: MeetingStats, rows: tuple[int, int]) -> None:
        first, last = rows
        chart = self.book.add_chart({"type": "column", "subtype": "stacked"})
        if chart is None:
            return
        for index, numbers in enumerate(stats.lists):
            chart.add_series({"name": self.texts.list_label(numbers.list_key),
                              "categories": [self.name, first, 0, last, 0],
                              "values": [self.name, first, 1 + 2 * index, last, 1 + 2 * index]})
        chart.set_title({"name": self.texts.pick("各区县项目数", "Projects by area"), "name_font": {"size": 12}})
        chart.set_y_axis({"name": self.texts.pick("项目数（个）", "Projects"), "num_format": "0"})
        self._place(chart, first - 2)
