"""Meeting statistics (调度会) for any filter and as-of date, computed in SQL: per list one GROUP BY over a
covering index (migration 5); the progress numbers from each project's latest evaluation, kept one row per project
in ``evaluation_latest`` (migration 6, :mod:`.latest_numbers`) — the evaluations themselves are read only for the
projects whose latest evaluation ends after as-of (:mod:`.latest_scan`); and an overdue count. Python only rolls up
the few result rows.

Definitions (the stage and funds rates are :mod:`gzdesk.core.meeting_numbers`' own, reused here):

* Groups: counts and amount totals (``SUMMARY_AMOUNTS``) by district, industry, stage, status and 挂点 official.
* 开工率 / 投产率 / 产业化率 / 资金到位率: ``STAGE_RATES`` and ``AMOUNT_RATES``.
* 落地率 (investment): projects at 注册 or later (注册/供地/开工/投产/达产) ÷ projects signed or later.
* 履约率 (investment, expansion) — "started on time as agreed": among the projects with an agreement
  (:data:`ON_TIME_STAGES`: investment 签约 or later, expansion 备案 or later — the side states 暂缓 and 终止, and
  线索/在谈/谋划, are outside both numerator and denominator) whose planned start month is ≤ the as-of month, those
  whose actual start month is ≤ their planned start month ÷ all of them. Compared by month, since sources often give
  only months; a blank planned start counts nowhere. The drill-down (:mod:`.drilldown`) lists the numerator.
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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation import latest_numbers, latest_scan
from gzdesk.core.evaluation.filters import named_where
from gzdesk.core.evaluation.latest_scan import year_periods as year_periods  # re-exported
from gzdesk.core.evaluation.listing import ProjectRef, overdue
from gzdesk.core.evaluation.periods import Period, period_containing
from gzdesk.core.evaluation.ranking import Behind as Behind  # re-exported
from gzdesk.core.evaluation.ranking import MostBehind, behind_from_row
from gzdesk.core.evaluation.reporting import REPORTING_STAGES
from gzdesk.core.meeting_numbers import AMOUNT_RATES, STAGE_RATES, SUMMARY_AMOUNTS, Group, Rate
from gzdesk.core.query import Query
from gzdesk.core.store import Store

GROUP_FIELDS = ("district", "industry", "stage", "status", "official")
LANDED = frozenset({"注册", "供地", "开工", "投产", "达产"})
SIGNED = frozenset({"签约", "注册", "供地", "开工", "投产", "达产"})
EXPANSION_FILED = frozenset({"备案", "开工", "设备安装", "竣工投产", "达产"})
#: 履约率: the stages (current) of the projects that have an agreement to keep — numerator and denominator alike
ON_TIME_STAGES: dict[str, frozenset[str]] = {"investment": SIGNED, "expansion": EXPANSION_FILED}


def on_time_sql(kind: str, month_end: str) -> tuple[str, str, dict[str, str]]:
    """履约率 in SQL over one list's rows: (the numerator's condition, the denominator's, their parameters) for the
    as-of month (``month_end`` = "2026-11~": an ISO date or month sorts below it exactly when its month is ≤
    2026-11, so no substr per row). Shared by the statistics and the drill-down, so both count the same projects."""
    stages = sorted(ON_TIME_STAGES[kind])
    names = {f"on_time_stage{i}": stage for i, stage in enumerate(stages)}
    due = (f"planned_start <= :on_time_month_end AND stage IN ({', '.join(':' + name for name in names)})")
    kept = f"{due} AND actual_start IS NOT NULL AND substr(actual_start, 1, 7) <= substr(planned_start, 1, 7)"
    return kept, due, {**names, "on_time_month_end": month_end}
#: Read progress from ``evaluation_latest`` (True) or, as before migration 6, from every evaluation (False: the
#: benchmark's baseline, tests/bench/bench_stats.py). The results are the same.
USE_LATEST_TABLE = True


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


def _group_rows(store: Store, kind: str, query: Query, month: str) -> list[tuple[object, ...]]:
    """One GROUP BY over the list: count, amounts, funds-rate sums and on-time-start counts per group cell."""
    table = schema.entity(kind).table
    where, params = named_where(kind, query)
    amounts = ", ".join(f"total([{key}])" for key in SUMMARY_AMOUNTS[kind])
    funds = "".join(f", total(CASE WHEN [{r.denominator}] > 0 THEN [{r.numerator}] END),"
                    f" total(CASE WHEN [{r.denominator}] > 0 THEN [{r.denominator}] END)"
                    for r in AMOUNT_RATES.get(kind, ()))
    on_time, on_time_params = "", dict[str, str]()
    if kind in ON_TIME_STAGES:  # 履约率: see the module docstring
        kept, due, on_time_params = on_time_sql(kind, f"{month}~")
        on_time = f", total(CASE WHEN {kept} THEN 1 ELSE 0 END), total(CASE WHEN {due} THEN 1 ELSE 0 END)"
    columns = ", ".join(GROUP_FIELDS)
    sql = (f"SELECT {columns}, count(*), {amounts}{funds}{on_time} FROM [{table}] {where} GROUP BY {columns}")
    return list(store.conn.execute(sql, {**params, **on_time_params}))


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
    fields = len(GROUP_FIELDS)
    by_field = [groups[key] for key in GROUP_FIELDS]
    for row in _group_rows(store, kind, query, as_of.isoformat()[:7]):
        cells = [float(v) for v in row[fields:fields + width]]  # type: ignore[arg-type]
        for tallies, value in zip(by_field, row[:fields], strict=True):  # ~30,000 rows × 5 at 1M projects: lean
            name = None if value is None or value == "" else str(value)
            tally = tallies.get(name)
            tallies[name] = cells if tally is None else [a + b for a, b in zip(tally, cells, strict=True)]
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
        agreed_zh, agreed_en = ("签约", "signed") if kind == "investment" else ("备案", "filed")
        rates.append(Rate("performance_rate", "履约率", "On-time start rate", extra[position], extra[position + 1],
                          f"{agreed_zh}及以后阶段（不含暂缓、终止）、计划开工月份已到的项目中，按计划月份（或更早）开工的"
                          "项目数 ÷ 这些项目数",
                          f"of the projects {agreed_en} or later (not on hold or terminated) whose planned start month "
                          "has come: those started by that month ÷ all of them"))
    return rates


def meeting_stats(store: Store, *, as_of: dt.date, queries: Mapping[str, Query] | None = None,
                  top: int = 20, overdue_limit: int | None = 100) -> MeetingStats:
    """The meeting's numbers for the records matching ``queries`` (one Query per list; default all lists, no
    filter) as of ``as_of``. The ranking and the red and yellow lists hold at most ``top`` projects each, most
    behind first; the overdue list holds the first ``overdue_limit`` overdue projects (None: all of them) and
    ``overdue_count`` their number."""
    wanted = dict(queries) if queries is not None else {kind: Query() for kind in schema.LIST_KEYS}
    lists: list[ListStats] = []
    rankings: dict[str | None, MostBehind] = {None: MostBehind(top), "红": MostBehind(top), "黄": MostBehind(top)}
    for kind, query in wanted.items():
        numbers = _list_numbers(store, kind, query, as_of)
        counts = _progress(store, kind, query, as_of, rankings, numbers.count)
        lists.append(ListStats(numbers.list_key, numbers.count, numbers.amount_fields, numbers.totals,
                               numbers.groups, numbers.rates, counts, sum(counts.values())))
    due = due_period(as_of)
    late: list[ProjectRef] = []
    late_count = 0
    for numbers, (kind, query) in zip(lists, wanted.items(), strict=True):
        reporting = sum(g.count for g in numbers.groups["stage"] if g.key in REPORTING_STAGES[kind])
        evaluated = (latest_numbers.evaluated_for_period(store, kind, query, due) if USE_LATEST_TABLE
                     else latest_scan.evaluated_for_period(store, kind, query, str(due)))
        missing = reporting - evaluated
        late_count += missing
        if missing and (overdue_limit is None or len(late) < overdue_limit):
            late += overdue(store, str(due), kind=kind, query=query,
                            limit=None if overdue_limit is None else overdue_limit - len(late))
    return MeetingStats(as_of, str(due), tuple(lists), rankings[None].ranked(), rankings["红"].ranked(),
                        rankings["黄"].ranked(), tuple(late), late_count)


def _progress(store: Store, kind: str, query: Query, as_of: dt.date, rankings: Mapping[str | None, MostBehind],
              projects: int) -> dict[str, int]:
    """The list's light counts ("none": cannot be judged) from each project's latest evaluation in the year by
    as-of (``projects``: how many the query selects); the projects that can be ranked are offered to
    ``rankings``."""
    counts: dict[str, int] = defaultdict(int)
    # when most projects need their evaluations scanned anyway (a meeting dated well before the latest reports),
    # one scan of every evaluation is cheaper than the table plus a scan
    from_table = USE_LATEST_TABLE and latest_numbers.older_count(store, kind, as_of) * 2 <= projects
    if from_table:
        for light, count in latest_numbers.light_counts(store, kind, query, as_of).items():
            counts[light] += count
        latest_numbers.offer_most_behind(store, kind, query, as_of, rankings)
        if not latest_numbers.later_count(store, kind, as_of):
            return dict(counts)  # no project's latest evaluation ends after as-of: nothing to scan
    for row in latest_scan.latest_rows(store, kind, query, as_of, rankings[None].size, later_only=from_table):
        if row[-1] is not None:  # the first row of its light carries the light's count
            counts[str(row[-2]) if row[-2] else "none"] += int(row[-1])  # type: ignore[call-overload]
        found = behind_from_row(kind, row)
        if found is not None:
            rankings[None].offer(found)
            if found.light in rankings:
                rankings[found.light].offer(found)
    return dict(counts)
