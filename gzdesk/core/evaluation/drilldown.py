"""The dashboard's numbers (:func:`dashboard_numbers`) and the projects behind each (a bar), by the definitions of
:mod:`.stats`.

A :class:`Bar` names one number of one list: ``stage`` / ``district`` (a group's count; key None = blank),
``light`` (the latest evaluation of the year has that light; key None = cannot judge), ``rate`` (the projects
counted in a rate's numerator: 开工率 … by stage, 落地率 by :data:`~.stats.LANDED`, 资金到位率 the projects with
an agreed investment and funds arrived, 履约率 the projects with an agreement that started by their planned month —
:func:`~.stats.on_time_sql`, the statistics' own condition), ``behind``
(the latest evaluation is behind 序时, most behind first) or ``evaluated`` (every project with a latest
evaluation). :func:`projects_behind` gives their rids in the list's table. Each list's completion of its annual plan
against 序时进度 comes from :func:`.completion.plan_completion`, as in the meeting workbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation.completion import PlanCompletion, plan_completion
from gzdesk.core.evaluation.filters import named_where
from gzdesk.core.evaluation.periods import parse_period, schedule_percent
from gzdesk.core.evaluation.records import check_kind, start_month
from gzdesk.core.evaluation.reporting import START_FIELDS
from gzdesk.core.evaluation.stats import (
    LANDED,
    ON_TIME_STAGES,
    MeetingStats,
    meeting_stats,
    on_time_sql,
    year_periods,
)
from gzdesk.core.meeting_numbers import AMOUNT_RATES, STAGE_RATES
from gzdesk.core.query import Filter, Query, where_clause
from gzdesk.core.store import Store


@dataclass(frozen=True)
class Bar:
    """One dashboard number: ``measure`` of list ``kind`` for ``key`` (see the module docstring)."""

    kind: str
    measure: str
    key: str | None = None


@dataclass(frozen=True)
class Latest:
    """A project's latest evaluation of the year (as :mod:`.stats` picks it) with its 序时 and completion."""

    rid: int
    project_id: str
    period: str
    done_ytd: float | None
    annual_plan: float | None
    light: str | None
    schedule: float
    completion: float | None

    @property
    def gap(self) -> float | None:
        return None if self.completion is None else self.completion - self.schedule


def latest_evaluations(store: Store, kind: str, *, as_of: dt.date, query: Query = Query()) -> list[Latest]:
    """Each project's (matching ``query``) latest evaluation in as-of's year ending on or before as-of, by rid."""
    entity = schema.entity(check_kind(kind))
    periods = year_periods(as_of)
    if not periods:
        return []
    where, params = where_clause(entity, query)
    start = START_FIELDS[kind]
    whens = " ".join("WHEN ? THEN ?" for _ in periods)
    back = " ".join("WHEN ? THEN ?" for _ in periods)
    listed = ", ".join("?" for _ in periods)
    sql = (f"WITH latest AS (SELECT project_id, max(CASE period {whens} END) AS rank FROM evaluation"
           f" WHERE project_kind = ? AND period IN ({listed}) GROUP BY project_id)"
           " SELECT p.rid, p.id, e.period, e.done_ytd, e.annual_plan, e.light, p.start FROM latest AS l"
           f" JOIN evaluation AS e ON e.project_id = l.project_id AND e.period = (CASE l.rank {back} END)"
           f" JOIN (SELECT rid, id, [{start}] AS start FROM [{entity.table}] {where}) AS p ON p.id = l.project_id"
           " ORDER BY p.rid")
    bound: list[object] = [value for text, rank, _ in periods for value in (text, rank)]
    bound += [kind, *(text for text, _, _ in periods)]
    bound += [value for text, rank, _ in periods for value in (rank, text)]
    found = []
    schedules: dict[tuple[str, object], float] = {}  # by (period, start month text): few distinct pairs
    for rid, project_id, period, done, plan, light, started in store.conn.execute(sql, [*bound, *params]):
        month = str(started)[:7] if started else None
        schedule = schedules.get((period, month))
        if schedule is None:
            parsed = parse_period(period)
            schedule = schedule_percent(parsed, start_month=start_month(kind, {start: started}, parsed))
            schedules[(period, month)] = schedule
        completion = done * 100.0 / plan if isinstance(done, int | float) and isinstance(plan, int | float) \
            and plan else None
        found.append(Latest(int(rid), str(project_id), str(period), done, plan, light, schedule, completion))
    return found


def projects_behind(store: Store, bar: Bar, *, as_of: dt.date, query: Query = Query()) -> list[int]:
    """The rids (in ``bar.kind``'s table) of the projects behind ``bar`` among those matching ``query``: by rid,
    except ``behind`` (most behind first, ties as the meeting ranking breaks them)."""
    kind = check_kind(bar.kind)
    if bar.measure in ("stage", "district"):
        condition = Filter(bar.measure, "empty") if bar.key is None else Filter(bar.measure, "=", bar.key)
        return store.ordered_ids(kind, Query((*query.filters, condition), (), query.search))
    if bar.measure == "rate":
        return _rate_projects(store, kind, str(bar.key), as_of=as_of, query=query)
    latest = latest_evaluations(store, kind, as_of=as_of, query=query)
    if bar.measure == "light":
        return [row.rid for row in latest if row.light == bar.key]
    if bar.measure == "evaluated":
        return [row.rid for row in latest]
    if bar.measure == "behind":
        behind = [row for row in latest if row.gap is not None and row.schedule > 0 and row.gap < 0]
        behind.sort(key=lambda row: (row.gap or 0.0, row.project_id))
        return [row.rid for row in behind]
    raise ValueError(f"unknown measure {bar.measure!r}")


def _rate_projects(store: Store, kind: str, key: str, *, as_of: dt.date, query: Query) -> list[int]:
    stage_rates = {rate.key: rate.numerator for rate in STAGE_RATES.get(kind, ())}
    if kind == "investment":
        stage_rates["landing_rate"] = LANDED
    if key in stage_rates:
        condition = Filter("stage", "in", tuple(sorted(stage_rates[key])))
        return store.ordered_ids(kind, Query((*query.filters, condition), (), query.search))
    for amount in AMOUNT_RATES.get(kind, ()):
        if amount.key == key:
            conditions = (Filter(amount.denominator, ">", 0), Filter(amount.numerator, ">", 0))
            return store.ordered_ids(kind, Query((*query.filters, *conditions), (), query.search))
    if key == "performance_rate" and kind in ON_TIME_STAGES:  # the numerator of 履约率, as the statistics count it
        entity = schema.entity(kind)
        where, params = named_where(kind, query)
        kept, _, on_time_params = on_time_sql(kind, f"{as_of.isoformat()[:7]}~")
        sql = (f"SELECT rid FROM (SELECT rid, stage, planned_start, actual_start FROM [{entity.table}] {where})"
               f" WHERE {kept} ORDER BY rid")
        return [int(row[0]) for row in store.conn.execute(sql, {**params, **on_time_params})]
    raise ValueError(f"{kind} has no rate {key!r}")


@dataclass(frozen=True)
class DashboardNumbers:
    """What the meeting dashboard shows for an as-of date and a filter: the meeting statistics and each list's
    completion of its annual plans. ``queries`` is the filter per list (the drill-downs reuse it)."""

    as_of: dt.date
    queries: dict[str, Query]
    stats: MeetingStats
    completion: dict[str, PlanCompletion]


def dashboard_numbers(store: Store, *, as_of: dt.date, kinds: tuple[str, ...] = schema.LIST_KEYS,
                      district: str | None = None, top: int = 20) -> DashboardNumbers:
    """The dashboard's numbers for the lists ``kinds``, all districts or one (a district code)."""
    filters = (Filter("district", "=", district),) if district else ()
    queries = {check_kind(kind): Query(filters=filters) for kind in kinds}
    stats = meeting_stats(store, as_of=as_of, queries=queries, top=top)
    completion = {item.list_key: item for item in plan_completion(store, as_of=as_of, queries=queries)}
    return DashboardNumbers(as_of, queries, stats, completion)
