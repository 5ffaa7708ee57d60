"""Each project's latest evaluation found by reading the evaluations themselves (not ``evaluation_latest``).

Used for the projects whose latest two evaluations both end after the as-of date (a meeting dated well in the
past): for them the evaluation that counts is an older one. Reading every project this way is what the meeting
statistics did before migration 6 — the benchmark's baseline.
"""

from __future__ import annotations

import datetime as dt

from gzdesk.core import schema
from gzdesk.core.evaluation.filters import named_where
from gzdesk.core.evaluation.latest_numbers import later_rows
from gzdesk.core.evaluation.latest_table import TABLE
from gzdesk.core.evaluation.listing import PROJECT_COLUMNS
from gzdesk.core.evaluation.periods import PERIOD_KINDS, Period, parse_period, period_containing, schedule_percent
from gzdesk.core.evaluation.reporting import REPORTING_STAGES, START_FIELDS
from gzdesk.core.query import Query
from gzdesk.core.store import Store

_KIND_ORDER = {"month": 2, "dekad": 1, "quarter": 0}
_NAMES = [column.strip() for column in PROJECT_COLUMNS.split(",")]
_JUDGEABLE = "(completion IS NOT NULL AND gap IS NOT NULL AND schedule IS NOT NULL AND schedule != 0)"


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


def _schedule_rows(as_of: dt.date) -> tuple[str, dict[str, object]]:
    """A VALUES list (period, rank, start_month, 序时 from that month) and its parameters ``s0 …``."""
    params: list[object] = []
    for text, rank, _ in year_periods(as_of):
        period = parse_period(text)
        for start in range(1, 13):
            params += [text, rank, start, schedule_percent(period, start_month=start)]
    rows = ", ".join(f"(:s{i}, :s{i + 1}, :s{i + 2}, :s{i + 3})" for i in range(0, len(params), 4))
    return rows, {f"s{index}": value for index, value in enumerate(params)}


def _found_sql(kind: str, query: Query, as_of: dt.date, *, later_only: bool) -> tuple[str, dict[str, object]]:
    """``WITH … found AS (…)``: each project's latest evaluation in the year, ending by as-of, with its 序时 and
    gap (PROJECT_COLUMNS, period, completion, schedule, gap, judgement, light, annual_plan, done_ytd).
    ``later_only``: only the projects whose latest and previous evaluations both end after as-of
    (:func:`gzdesk.core.evaluation.latest_numbers.later_rows`)."""
    table = schema.entity(kind).table
    values, schedule_params = _schedule_rows(as_of)
    where, params = named_where(kind, query, "p")
    start = START_FIELDS[kind]
    ranks = {f"r{rank}": text for text, rank, _ in year_periods(as_of)}
    whens = " ".join(f"WHEN :{key} THEN {int(key[1:])}" for key in ranks)
    listed = ", ".join(f":{key}" for key in ranks)
    columns = ", ".join(f"p.{name}" for name in _NAMES)
    # later_only: drive from those projects' rows (CROSS JOIN fixes the loop order), probing their evaluations
    source = (f"{TABLE} AS x CROSS JOIN evaluation AS e ON e.project_id = x.project_id AND x.project_kind = :kind"
              f" AND {later_rows('x')}") if later_only else "evaluation AS e"
    sql = (f"WITH sched(period, rank, start, schedule) AS (VALUES {values}),"
           # rank by a CASE and an IN list (indexed in SQLite): a join to the VALUES list scans it per evaluation
           f" latest AS (SELECT e.project_id AS project_id, max(CASE e.period {whens} END) AS rank"
           f" FROM {source} WHERE e.project_kind = :kind AND e.period IN ({listed})"
           " GROUP BY e.project_id),"
           f" found AS (SELECT {columns}, e.period AS period, e.done_ytd * 100.0 / e.annual_plan AS completion,"
           " s.schedule AS schedule, e.done_ytd * 100.0 / e.annual_plan - s.schedule AS gap,"
           " e.judgement AS judgement, e.light AS light, e.annual_plan AS annual_plan, e.done_ytd AS done_ytd"
           " FROM latest AS l JOIN sched AS first ON first.rank = l.rank AND first.start = 1"
           " JOIN evaluation AS e ON e.project_id = l.project_id AND e.period = first.period"
           f" JOIN [{table}] AS p ON p.id = l.project_id"
           f" JOIN sched AS s ON s.rank = l.rank AND s.start = CASE WHEN substr(p.[{start}], 1, 4) = :year"
           f" THEN CAST(substr(p.[{start}], 6, 2) AS INTEGER) ELSE 1 END"
           f" {where})")
    return sql, {**params, **schedule_params, **ranks, "kind": kind, "year": str(as_of.year),
                 "as_of": as_of.isoformat()}


def latest_sql(kind: str, query: Query, as_of: dt.date, top: int, *, later_only: bool
               ) -> tuple[str, dict[str, object]]:
    """Each project's latest evaluation in the year (ending by as-of) with its 序时 and gap, reduced in SQL to:
    every light's count (on the first row of that light, else NULL) and the rows that can enter the rankings
    (the ``top`` most behind overall and of each light, ties as :class:`~.ranking.MostBehind` breaks them).
    ``later_only``: only the projects whose row in ``evaluation_latest`` ends after as-of.

    Columns: PROJECT_COLUMNS, period, completion, schedule, gap, judgement, light, light count or NULL. Needs a
    period of the year to have ended by as-of (see :func:`latest_rows`)."""
    found, params = _found_sql(kind, query, as_of, later_only=later_only)
    sql = (f"{found}, ranked AS (SELECT *, {_JUDGEABLE} AS judgeable,"
           " count(*) OVER (PARTITION BY light) AS light_count,"
           " row_number() OVER (PARTITION BY light ORDER BY id) AS light_row,"
           f" row_number() OVER (PARTITION BY {_JUDGEABLE} ORDER BY gap, id DESC) AS all_row,"
           f" row_number() OVER (PARTITION BY {_JUDGEABLE}, light ORDER BY gap, id DESC) AS colour_row FROM found)"
           f" SELECT {', '.join(_NAMES)}, period, completion, schedule, gap, judgement, light,"
           " CASE WHEN light_row = 1 THEN light_count END FROM ranked"
           " WHERE light_row = 1 OR (judgeable AND (all_row <= :top OR (light IN ('红', '黄') AND colour_row <= :top)))")
    return sql, {**params, "top": top}


def plan_sums(store: Store, kind: str, query: Query, as_of: dt.date, *, later_only: bool) -> tuple[int, float, float]:
    """(projects, Σ annual plan, Σ done this year) over the latest evaluations with a positive annual plan and a
    done-this-year figure (see :func:`_found_sql`)."""
    if not year_periods(as_of):
        return 0, 0.0, 0.0
    found, params = _found_sql(kind, query, as_of, later_only=later_only)
    sql = (f"{found} SELECT count(*), total(annual_plan), total(done_ytd) FROM found"
           " WHERE annual_plan > 0 AND done_ytd IS NOT NULL")
    count, plan, done = store.conn.execute(sql, params).fetchone()
    return int(count), float(plan), float(done)


def latest_rows(store: Store, kind: str, query: Query, as_of: dt.date, top: int, *,
                later_only: bool) -> list[tuple[object, ...]]:
    """The rows of :func:`latest_sql` (none before the year's first period has ended)."""
    if not year_periods(as_of):
        return []
    sql, params = latest_sql(kind, query, as_of, top, later_only=later_only)
    return store.conn.execute(sql, params).fetchall()


def evaluated_for_period(store: Store, kind: str, query: Query, period: str) -> int:
    """Projects (matching ``query``) in a reporting stage that have an evaluation for ``period``."""
    table = schema.entity(kind).table
    where, params = named_where(kind, query, "p")
    stages = REPORTING_STAGES[kind]
    sql = ("SELECT count(*) FROM (SELECT DISTINCT project_id FROM evaluation"
           " WHERE project_kind = :kind AND period = :period) AS e"
           f" JOIN [{table}] AS p ON p.id = e.project_id"
           f" WHERE p.stage IN ({', '.join(f':stage{i}' for i in range(len(stages)))})"
           f" {where.replace('WHERE', 'AND', 1)}")
    stage_params = {f"stage{i}": stage for i, stage in enumerate(stages)}
    return int(store.conn.execute(sql, {**params, **stage_params, "kind": kind, "period": period}).fetchone()[0])
