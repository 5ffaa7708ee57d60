"""Meeting statistics (调度会) for any filter and as-of date, computed in SQL: per list one GROUP BY over a
covering index (migration 5), one "latest evaluation" query that returns the light counts and only the rows that
can enter the rankings, and an overdue count; Python only rolls up the few result rows.

Definitions (the stage and funds rates are :mod:`gzdesk.core.meeting_numbers`' own, reused here):

* Groups: counts and amount totals (``SUMMARY_AMOUNTS``) by district, industry, stage, status and 挂点 official.
* 开工率 / 投产率 / 产业化率 / 资金到位率: ``STAGE_RATES`` and ``AMOUNT_RATES``.
* 落地率 (investment): projects at 注册 or later (注册/供地/开工/投产/达产) ÷ projects signed or later.
* 履约率 (investment, expansion): projects whose planned start month is ≤ the as-of month and that started by
  their planned month ÷ projects with a planned start month ≤ the as-of month (signed/filed or later; on-hold and
  terminated excluded). "Started on time as agreed" — compared by month, since sources often give only months.
* Progress: each project's latest evaluation in the as-of year whose period ends on or before the as-of date
  (latest = the latest period end; a month outranks the quarter/旬 ending the same day). completion = done_ytd /
  annual_plan × 100 against 序时 at that period end (from the start month for a project starting that year).
  Ranking: most behind first (completion − 序时, ascending); projects that cannot be judged are not ranked.
* Lights: the stored light of that latest evaluation (the clerk's override when there is one).
* Overdue: reporting-stage projects without an evaluation for :func:`due_period` (the last month ended by as-of):
  their number (reporting-stage count − those evaluated for the period) and the first ``overdue_limit`` of them.
* Project counts are the current records (the as-of date chooses the evaluations and the 履约 cut-off).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation.listing import PROJECT_COLUMNS, ProjectRef, overdue, project_ref
from gzdesk.core.evaluation.periods import PERIOD_KINDS, Period, parse_period, period_containing, schedule_percent
from gzdesk.core.evaluation.records import REPORTING_STAGES, START_FIELDS
from gzdesk.core.meeting_numbers import AMOUNT_RATES, STAGE_RATES, SUMMARY_AMOUNTS, Group, Rate
from gzdesk.core.query import Query, where_clause
from gzdesk.core.store import Store

GROUP_FIELDS = ("district", "industry", "stage", "status", "official")
LANDED = frozenset({"注册", "供地", "开工", "投产", "达产"})
SIGNED = frozenset({"签约", "注册", "供地", "开工", "投产", "达产"})
EXPANSION_FILED = frozenset({"备案", "开工", "设备安装", "竣工投产", "达产"})
ON_TIME_STAGES: dict[str, frozenset[str]] = {"investment": SIGNED, "expansion": EXPANSION_FILED}
_KIND_ORDER = {"month": 2, "dekad": 1, "quarter": 0}


@dataclass(frozen=True)
class Behind:
    """A project's progress from its latest evaluation in the year."""

    project: ProjectRef
    period: str
    completion: float
    schedule: float
    gap: float
    judgement: str | None
    light: str | None


@dataclass(frozen=True)
class ListStats:
    list_key: str
    count: int
    amount_fields: tuple[str, ...]
    totals: tuple[float, ...]
    groups: Mapping[str, tuple[Group, ...]]
    rates: tuple[Rate, ...]
    lights: Mapping[str, int]  # 绿/黄/红/None (latest evaluation's light; None = cannot judge)
    evaluated: int


@dataclass(frozen=True)
class MeetingStats:
    as_of: dt.date
    due_period: str
    lists: tuple[ListStats, ...]
    ranking: tuple[Behind, ...]  # most behind first, at most ``top``
    red: tuple[Behind, ...]
    yellow: tuple[Behind, ...]
    overdue: tuple[ProjectRef, ...]  # by list then entry order, at most ``overdue_limit``
    overdue_count: int  # all overdue projects (may exceed len(overdue))


def due_period(as_of: dt.date) -> Period:
    """The last month that has ended by the end of ``as_of``."""
    return period_containing(as_of + dt.timedelta(days=1), "month").previous()


def year_periods(as_of: dt.date) -> list[tuple[str, int, float]]:
    """(period, rank, 序时 from January) for every period of as-of's year ending on or before as-of; rank orders
    them by end date, a month before a 旬 before a quarter ending the same day."""
    periods: list[Period] = []
    for kind in PERIOD_KINDS:
        period = period_containing(as_of, kind)
        if period.end > as_of:
            period = period.previous()
        while period.year == as_of.year:
            periods.append(period)
            period = period.previous()
    ordered = sorted(periods, key=lambda p: (p.end, _KIND_ORDER[p.kind]))
    return [(str(p), rank, schedule_percent(p)) for rank, p in enumerate(ordered, 1)]


def _schedule_rows(as_of: dt.date) -> tuple[str, list[object]]:
    """A VALUES list (period, rank, start_month, 序时 from that month) and its parameters."""
    params: list[object] = []
    for text, rank, _ in year_periods(as_of):
        period = parse_period(text)
        for start in range(1, 13):
            params += [text, rank, start, schedule_percent(period, start_month=start)]
    rows = ", ".join("(?, ?, ?, ?)" for _ in range(len(params) // 4))
    return rows, params


def _named(sql: str, count: int) -> str:
    """Turn a where clause's positional ``?`` into ``:p0 …`` so named parameters can follow."""
    for index in range(count):
        sql = sql.replace("?", f":p{index}", 1)
    return sql


def _where(kind: str, query: Query, alias: str = "") -> tuple[str, dict[str, object]]:
    where, params = where_clause(schema.entity(kind), query)
    if alias and where:
        for key in (*schema.entity(kind).by_key, "id", "owner_office"):
            where = where.replace(f"[{key}]", f"{alias}.[{key}]")
        where = where.replace("rid IN (SELECT", f"{alias}.rid IN (SELECT")
    return _named(where, len(params)), {f"p{index}": value for index, value in enumerate(params)}


def _group_rows(store: Store, kind: str, query: Query, month: str) -> list[tuple[object, ...]]:
    """One GROUP BY over the list: count, amounts, funds-rate sums and on-time-start counts per group cell."""
    table = schema.entity(kind).table
    where, params = _where(kind, query)
    amounts = ", ".join(f"total([{key}])" for key in SUMMARY_AMOUNTS[kind])
    funds = "".join(f", total(CASE WHEN [{r.denominator}] > 0 THEN [{r.numerator}] END),"
                    f" total(CASE WHEN [{r.denominator}] > 0 THEN [{r.denominator}] END)"
                    for r in AMOUNT_RATES.get(kind, ()))
    on_time = ""
    if kind in ON_TIME_STAGES:
        on_time = (", total(substr(planned_start, 1, 7) <= :month AND actual_start IS NOT NULL"
                   " AND substr(actual_start, 1, 7) <= substr(planned_start, 1, 7)),"
                   " total(substr(planned_start, 1, 7) <= :month)")
    columns = ", ".join(GROUP_FIELDS)
    sql = (f"SELECT {columns}, count(*), {amounts}{funds}{on_time} FROM [{table}] {where} GROUP BY {columns}")
    return list(store.conn.execute(sql, {**params, "month": month}))


def _ordered_groups(kind: str, key: str, tallies: dict[str | None, list[float]]) -> tuple[Group, ...]:
    vocabulary = schema.entity(kind).field(key).vocabulary
    order = {value: index for index, value in enumerate(vocabulary.values)} if vocabulary else {}

    def rank(value: str | None) -> tuple[int, int, str]:
        if value is None:
            return (2, 0, "")
        return (0, order[value], "") if value in order else (1, 0, value)

    return tuple(Group(value, int(tally[0]), tuple(tally[1:])) for value, tally in
                 sorted(tallies.items(), key=lambda item: rank(item[0])))


def _list_numbers(store: Store, kind: str, query: Query, as_of: dt.date) -> ListStats:
    """Counts, groups and rates of one list from :func:`_group_rows` (rolled up in Python: few cells)."""
    amount_count = len(SUMMARY_AMOUNTS[kind])
    width = 1 + amount_count
    groups: dict[str, dict[str | None, list[float]]] = {key: {} for key in GROUP_FIELDS}
    totals = [0.0] * width
    stage_counts: dict[str, float] = defaultdict(float)
    extra = [0.0] * 4
    for row in _group_rows(store, kind, query, as_of.isoformat()[:7]):
        cells = [float(v) for v in row[len(GROUP_FIELDS):len(GROUP_FIELDS) + width]]  # type: ignore[arg-type]
        for index, key in enumerate(GROUP_FIELDS):
            value = row[index]
            tally = groups[key].setdefault(None if value in (None, "") else str(value), [0.0] * width)
            for position, cell in enumerate(cells):
                tally[position] += cell
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
        stage_counts[str(row[2])] += cells[0]
        for position, value in enumerate(row[len(GROUP_FIELDS) + width:]):
            extra[position] += float(value)  # type: ignore[arg-type]
    rates = _rates(kind, stage_counts, extra)
    return ListStats(kind, int(totals[0]), SUMMARY_AMOUNTS[kind], tuple(totals[1:]),
                     {key: _ordered_groups(kind, key, groups[key]) for key in GROUP_FIELDS}, tuple(rates), {}, 0)


def _count(stage_counts: Mapping[str, float], stages: frozenset[str]) -> float:
    return sum(count for stage, count in stage_counts.items() if stage in stages)


def _rates(kind: str, stage_counts: Mapping[str, float], extra: Sequence[float]) -> list[Rate]:
    rates = [Rate(r.key, r.zh, r.en, _count(stage_counts, r.numerator), _count(stage_counts, r.denominator),
                  r.explain_zh, r.explain_en) for r in STAGE_RATES.get(kind, ())]
    position = 0
    for amount_rate in AMOUNT_RATES.get(kind, ()):
        rates.append(Rate(amount_rate.key, amount_rate.zh, amount_rate.en, extra[position], extra[position + 1],
                          amount_rate.explain_zh, amount_rate.explain_en))
        position += 2
    if kind == "investment":
        rates.append(Rate("landing_rate", "落地率", "Landing rate", _count(stage_counts, LANDED),
                          _count(stage_counts, SIGNED), "注册及以后阶段项目数 ÷ 签约及以后阶段项目数",
                          "registered or later ÷ signed or later"))
    if kind in ON_TIME_STAGES:
        rates.append(Rate("performance_rate", "履约率", "On-time start rate", extra[position], extra[position + 1],
                          "按计划开工月份（或更早）开工的项目数 ÷ 计划开工月份已到的项目数",
                          "started by the planned month ÷ projects whose planned start month has come"))
    return rates


_JUDGEABLE = "(completion IS NOT NULL AND gap IS NOT NULL AND schedule IS NOT NULL AND schedule != 0)"


def _latest_sql(kind: str, query: Query, as_of: dt.date, top: int) -> tuple[str, dict[str, object]]:
    """Each project's latest evaluation in the year (see the module docstring) with its 序时 and gap, reduced in
    SQL to: every light's count (on the first row of that light, else NULL) and the rows that can enter the
    rankings (the ``top`` most behind overall and of each light, ties as :class:`_Worst` breaks them).

    Columns: PROJECT_COLUMNS, period, completion, schedule, gap, judgement, light, light count or NULL."""
    table = schema.entity(kind).table
    values, schedule_params = _schedule_rows(as_of)
    where, params = _where(kind, query, "p")
    start = START_FIELDS[kind]
    named_schedule = {f"s{index}": value for index, value in enumerate(schedule_params)}
    values = _named(values, len(schedule_params)).replace(":p", ":s")
    ranks = {f"r{rank}": text for text, rank, _ in year_periods(as_of)}
    whens = " ".join(f"WHEN :{key} THEN {int(key[1:])}" for key in ranks)
    listed = ", ".join(f":{key}" for key in ranks)
    names = [column.strip() for column in PROJECT_COLUMNS.split(",")]
    columns = ", ".join(f"p.{name}" for name in names)
    sql = (f"WITH sched(period, rank, start, schedule) AS (VALUES {values}),"
           # rank by a CASE and an IN list (indexed in SQLite): a join to the VALUES list scans it per evaluation
           f" latest AS (SELECT e.project_id AS project_id, max(CASE e.period {whens} END) AS rank"
           f" FROM evaluation AS e WHERE e.project_kind = :kind AND e.period IN ({listed})"
           " GROUP BY e.project_id),"
           f" found AS (SELECT {columns}, e.period AS period, e.done_ytd * 100.0 / e.annual_plan AS completion,"
           " s.schedule AS schedule, e.done_ytd * 100.0 / e.annual_plan - s.schedule AS gap,"
           " e.judgement AS judgement, e.light AS light"
           " FROM latest AS l JOIN sched AS first ON first.rank = l.rank AND first.start = 1"
           " JOIN evaluation AS e ON e.project_id = l.project_id AND e.period = first.period"
           f" JOIN [{table}] AS p ON p.id = l.project_id"
           f" JOIN sched AS s ON s.rank = l.rank AND s.start = CASE WHEN substr(p.[{start}], 1, 4) = :year"
           f" THEN CAST(substr(p.[{start}], 6, 2) AS INTEGER) ELSE 1 END"
           f" {where}),"
           f" ranked AS (SELECT *, {_JUDGEABLE} AS judgeable,"
           " count(*) OVER (PARTITION BY light) AS light_count,"
           " row_number() OVER (PARTITION BY light ORDER BY id) AS light_row,"
           f" row_number() OVER (PARTITION BY {_JUDGEABLE} ORDER BY gap, id DESC) AS all_row,"
           f" row_number() OVER (PARTITION BY {_JUDGEABLE}, light ORDER BY gap, id DESC) AS colour_row FROM found)"
           f" SELECT {', '.join(names)}, period, completion, schedule, gap, judgement, light,"
           " CASE WHEN light_row = 1 THEN light_count END FROM ranked"
           " WHERE light_row = 1 OR (judgeable AND (all_row <= :top OR (light IN ('红', '黄') AND colour_row <= :top)))")
    return sql, {**params, **named_schedule, **ranks, "kind": kind, "year": str(as_of.year), "top": top}


def _behind(kind: str, row: Sequence[object]) -> Behind | None:
    project = project_ref(kind, row[:7])
    period, completion, schedule, gap, judgement, light = row[7:13]
    if completion is None or gap is None or not schedule:
        return None
    return Behind(project, str(period), float(completion), float(schedule), float(gap),  # type: ignore[arg-type]
                  None if judgement is None else str(judgement), None if light is None else str(light))


class _Worst:
    """The ``size`` most-behind entries seen (constant memory over a million projects)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[float, str, Behind]] = []

    def offer(self, item: Behind) -> None:
        entry = (-item.gap, item.project.project_id, item)
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
        elif entry[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, entry)

    def ranked(self) -> tuple[Behind, ...]:
        return tuple(entry[2] for entry in sorted(self._heap, key=lambda e: (-e[0], e[1])))


def _evaluated_reporting(store: Store, kind: str, query: Query, period: str) -> int:
    """Projects (matching ``query``) in a reporting stage that have an evaluation for ``period``."""
    table = schema.entity(kind).table
    where, params = _where(kind, query, "p")
    stages = REPORTING_STAGES[kind]
    sql = ("SELECT count(*) FROM (SELECT DISTINCT project_id FROM evaluation"
           " WHERE project_kind = :kind AND period = :period) AS e"
           f" JOIN [{table}] AS p ON p.id = e.project_id"
           f" WHERE p.stage IN ({', '.join(f':stage{i}' for i in range(len(stages)))})"
           f" {where.replace('WHERE', 'AND', 1)}")
    stage_params = {f"stage{i}": stage for i, stage in enumerate(stages)}
    return int(store.conn.execute(sql, {**params, **stage_params, "kind": kind, "period": period}).fetchone()[0])


def meeting_stats(store: Store, *, as_of: dt.date, queries: Mapping[str, Query] | None = None,
                  top: int = 20, overdue_limit: int | None = 100) -> MeetingStats:
    """The meeting's numbers for the records matching ``queries`` (one Query per list; default all lists, no
    filter) as of ``as_of``. The ranking and the red and yellow lists hold at most ``top`` projects each, most
    behind first; the overdue list holds the first ``overdue_limit`` overdue projects (None: all of them) and
    ``overdue_count`` their number."""
    wanted = dict(queries) if queries is not None else {kind: Query() for kind in schema.LIST_KEYS}
    lists: list[ListStats] = []
    worst = {"all": _Worst(top), "红": _Worst(top), "黄": _Worst(top)}
    for kind, query in wanted.items():
        numbers = _list_numbers(store, kind, query, as_of)
        sql, params = _latest_sql(kind, query, as_of, top)
        counts: dict[str, int] = defaultdict(int)
        evaluated = 0
        for row in store.conn.execute(sql, params):
            if row[-1] is not None:  # the first row of its light carries the light's count
                evaluated += int(row[-1])
                counts[str(row[-2]) if row[-2] else "none"] += int(row[-1])
            found = _behind(kind, row)
            if found is not None:
                worst["all"].offer(found)
                if found.light in worst:
                    worst[found.light].offer(found)
        lists.append(ListStats(numbers.list_key, numbers.count, numbers.amount_fields, numbers.totals,
                               numbers.groups, numbers.rates, dict(counts), evaluated))
    due = str(due_period(as_of))
    late: list[ProjectRef] = []
    late_count = 0
    for numbers, (kind, query) in zip(lists, wanted.items(), strict=True):
        reporting = sum(g.count for g in numbers.groups["stage"] if g.key in REPORTING_STAGES[kind])
        missing = reporting - _evaluated_reporting(store, kind, query, due)
        late_count += missing
        if missing and (overdue_limit is None or len(late) < overdue_limit):
            late += overdue(store, due, kind=kind, query=query,
                            limit=None if overdue_limit is None else overdue_limit - len(late))
    return MeetingStats(as_of, due, tuple(lists), worst["all"].ranked(), worst["红"].ranked(), worst["黄"].ranked(),
                        tuple(late), late_count)
