"""The statistics sheets of the meeting workbook, after the list sheets: 进度统计 (:mod:`.meeting_progress`),
滞后排名, 红黄灯, 逾期未报 (:mod:`.meeting_projects`) and 本轮变化 (:mod:`.meeting_changes`).

Every number comes from one :func:`~gzdesk.core.evaluation.stats.meeting_stats` call over the exported records
(the export's filters) and :func:`~gzdesk.core.evaluation.completion.plan_completion`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from xlsxwriter.workbook import Workbook

from gzdesk.core.evaluation.completion import plan_completion
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.evaluation.stats import MeetingStats, meeting_stats
from gzdesk.core.excel.meeting_changes import Window, default_window, write_changes
from gzdesk.core.excel.meeting_progress import ProgressTexts, write_progress
from gzdesk.core.excel.meeting_projects import SheetTexts, write_lights, write_overdue, write_ranking
from gzdesk.core.excel.meeting_tables import SheetWriter
from gzdesk.core.excel.write_safe import FormatBook, sheet_name
from gzdesk.core.query import Query
from gzdesk.core.schema import Entity
from gzdesk.core.store import Store

RANKED = 50  # projects in the ranking and in each of the red and yellow lists
OVERDUE_LISTED = 1000
SHEETS = {"progress": ("进度统计", "Progress"), "ranking": ("滞后排名", "Most behind"),
          "lights": ("红黄灯", "Red and yellow"), "overdue": ("逾期未报", "Overdue"), "changes": ("本轮变化", "Changes")}


def write_statistics_sheets(book: Workbook, store: Store, formats: FormatBook, *, entities: Sequence[Entity],
                            queries: Mapping[str, Query], as_of: dt.date, title: Callable[[str], str], lang: str,
                            taken: list[str], changes_since: str | None = None) -> MeetingStats:
    """Add and write the five sheets; returns the statistics they show."""
    wanted = {e.key: queries.get(e.key, Query()) for e in entities}
    stats = meeting_stats(store, as_of=as_of, queries=wanted, top=RANKED, overdue_limit=OVERDUE_LISTED)
    completion = plan_completion(store, as_of=as_of, queries=wanted)
    en = lang == "en"
    names: dict[str, str] = {}
    writers: dict[str, SheetWriter] = {}
    for key, (zh, english) in SHEETS.items():
        names[key] = sheet_name(english if en else zh, taken)
        taken.append(names[key])
        writers[key] = SheetWriter(book.add_worksheet(names[key]), formats, zh)
    texts = ProgressTexts(title("Progress of the key projects" if en else "重点项目进度统计"), _line(stats, en),
                          store.reference, lang)
    write_progress(book, names["progress"], stats, completion, texts, writers["progress"])
    shown = f"first {RANKED}" if en else f"前 {RANKED} 个"
    write_ranking(book, names["ranking"], stats, texts, SheetTexts(
        title("Projects most behind the calendar" if en else "滞后项目排名"),
        (f"Plan completed % minus calendar %, most behind first ({shown}); due period {stats.due_period}" if en
         else f"按完成年度计划%与序时进度之差排序，最滞后的在前（{shown}）；应报期 {stats.due_period}")),
        writers["ranking"])
    red, yellow = (sum(n.lights.get(colour, 0) for n in stats.lists) for colour in ("红", "黄"))
    write_lights(texts, SheetTexts(
        title("Red and yellow projects" if en else "红黄灯项目"),
        (f"Red: {red}; yellow: {yellow} (each list shows the {shown} most behind)" if en
         else f"红灯 {red} 个、黄灯 {yellow} 个（各列出最滞后的{shown}）")),
        writers["lights"], [(f"Red ({red})" if en else f"红灯项目（{red} 个）", stats.red),
                            (f"Yellow ({yellow})" if en else f"黄灯项目（{yellow} 个）", stats.yellow)])
    listed = len(stats.overdue)
    more = (f"; the first {listed} listed" if en else f"，列出前 {listed} 个") if listed < stats.overdue_count else ""
    write_overdue(stats, texts, SheetTexts(
        title("Projects overdue with their evaluation" if en else "逾期未报项目"),
        (f"Due period {stats.due_period}: {stats.overdue_count} project(s) in a reporting stage have no "
         f"evaluation{more}" if en else
         f"应报期 {stats.due_period}：{stats.overdue_count} 个处于报送阶段的项目未报送进展评估{more}")),
        writers["overdue"])
    window = (Window(changes_since, (as_of + dt.timedelta(days=1)).isoformat()) if changes_since
              else default_window(store, as_of, parse_period(stats.due_period)))
    write_changes(store, window, texts, title("Changes since the last round" if en else "本轮变化情况"),
                  writers["changes"])
    return stats


def _line(stats: MeetingStats, en: bool) -> str:
    if en:
        return f"Due period: {stats.due_period}    Overdue: {stats.overdue_count}    Unit: 10k CNY"
    return f"应报期：{stats.due_period}    逾期未报：{stats.overdue_count} 个项目    单位：万元"
