"""The meeting's progress numbers read from ``evaluation_latest`` (one row per project) instead of every evaluation:
light counts, the most-behind candidates, plan sums and the projects evaluated for a period.

A project's evaluation that counts as of a date (its latest in the as-of year ending by then) is read here from
one of two sources (:data:`SOURCES`): the row's latest evaluation when it has ended by as-of, else the row's previous
one when that has (a report entered before its period ended). A project whose previous evaluation ends after as-of
too is read by :mod:`gzdesk.core.evaluation.latest_scan` (:func:`later_rows`). Together they give exactly what scanning
every evaluation gives. The second source and the scan are driven by ``period_end > as-of``: usually few rows.

The rankings walk the rows in ``gap_jan`` order and stop as soon as ``gap_jan`` passes the ranking's cut: the true
gap (序时 from the project's start month) is never smaller than ``gap_jan``, so no later row could enter. Only
projects that start within the year have a true gap different from ``gap_jan``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation.filters import project_ids_in
from gzdesk.core.evaluation.latest_table import TABLE
from gzdesk.core.evaluation.listing import PROJECT_COLUMNS, project_ref
from gzdesk.core.evaluation.periods import Period, parse_period, schedule_percent
from gzdesk.core.evaluation.ranking import Behind, MostBehind
from gzdesk.core.evaluation.reporting import REPORTING_STAGES
from gzdesk.core.query import Query
from gzdesk.core.store import Store

_RANKS = {"quarter": 0, "dekad": 1, "month": 2}  # as latest_table.period_rank_sql


@dataclass(frozen=True)
class Source:
    """Which evaluation of a row counts (``prefix`` "" for the latest, "prev_" for the one before) and the rows
    it counts for (``rows``, SQL with :first and :as_of); the rankings walk ``gap_index`` (``light_gap_index`` for
    one light), the counts read ``END_INDEX``."""

    prefix: str
    rows: str
    gap_index: str
    light_gap_index: str


END_INDEX = "evaluation_latest_end"
SOURCES = (
    Source("", "period_end BETWEEN :first AND :as_of", "evaluation_latest_gap", "evaluation_latest_light_gap"),
    # "+": the planner must take period_end's range, not skip-scan the index for prev_period_end's
    Source("prev_", "period_end > :as_of AND +prev_period_end BETWEEN :first AND :as_of",
           "evaluation_latest_prev_gap", "evaluation_latest_prev_light_gap"),
)
FEW = 20_000  # rows whose previous evaluation may count: up to this many are sorted, more are walked on an index


def later_rows(alias: str) -> str:
    """SQL for the rows (of table alias ``alias``) whose evaluation that counts is older than both the latest and
    the previous one: they are read by scanning their evaluations."""
    return f"{alias}.period_end > :as_of AND +{alias}.prev_period_end > :as_of"  # "+": by period_end's range


def _window(as_of: dt.date) -> dict[str, object]:
    return {"first": f"{as_of.year:04d}-01-01", "as_of": as_of.isoformat()}


def later_count(store: Store, kind: str, as_of: dt.date) -> int:
    """Rows of the list whose latest evaluation ends after as-of (usually few: reports entered early)."""
    sql = f"SELECT count(*) FROM {TABLE} INDEXED BY {END_INDEX} WHERE project_kind = :kind AND period_end > :as_of"
    return int(store.conn.execute(sql, {"kind": kind, "as_of": as_of.isoformat()}).fetchone()[0])


def older_count(store: Store, kind: str, as_of: dt.date) -> int:
    """Rows of the list whose evaluations must be scanned (:func:`later_rows`; read through period_end's range,
    so cheap when few)."""
    sql = f"SELECT count(*) FROM {TABLE} INDEXED BY {END_INDEX} WHERE project_kind = :kind AND {later_rows(TABLE)}"
    return int(store.conn.execute(sql, {"kind": kind, "as_of": as_of.isoformat()}).fetchone()[0])


def light_counts(store: Store, kind: str, query: Query, as_of: dt.date) -> dict[str, int]:
    """Projects by the light of the evaluation that counts ("none" when it has none)."""
    only, params = project_ids_in(kind, query)
    counts: dict[str, int] = {}
    for source in SOURCES:
        sql = (f"SELECT {source.prefix}light, count(*) FROM {TABLE} INDEXED BY {END_INDEX}"
               f" WHERE project_kind = :kind AND {source.rows} {only} GROUP BY {source.prefix}light")
        for light, count in store.conn.execute(sql, {**params, **_window(as_of), "kind": kind}):
            key = str(light) if light else "none"
            counts[key] = counts.get(key, 0) + int(count)
    return counts


def plan_sums(store: Store, kind: str, query: Query, as_of: dt.date) -> tuple[int, float, float]:
    """(projects, Σ annual plan, Σ done this year) over the evaluations that count (as :func:`light_counts` reads
    them) that have a positive annual plan and a done-this-year figure."""
    only, params = project_ids_in(kind, query)
    found = [0, 0.0, 0.0]
    for source in SOURCES:
        p = source.prefix
        sql = (f"SELECT count(*), total({p}annual_plan), total({p}done_ytd) FROM {TABLE} INDEXED BY {END_INDEX}"
               f" WHERE project_kind = :kind AND {source.rows} AND {p}annual_plan > 0 AND {p}done_ytd IS NOT NULL"
               f" {only}")
        row = store.conn.execute(sql, {**params, **_window(as_of), "kind": kind}).fetchone()
        found = [a + b for a, b in zip(found, row, strict=True)]
    return int(found[0]), float(found[1]), float(found[2])


def offer_most_behind(store: Store, kind: str, query: Query, as_of: dt.date,
                      rankings: Mapping[str | None, MostBehind]) -> None:
    """Offer the list's projects to ``rankings`` (None: every light; "红", "黄": that light only), walking each
    ranking's candidates of each source on an index in gap order until none could still enter."""
    only, params = project_ids_in(kind, query)
    walk = _Walk(store, kind, as_of.year)
    later = later_count(store, kind, as_of)
    for source in SOURCES:
        p = source.prefix
        if p and not later:
            continue
        for light, ranking in rankings.items():
            index = source.light_gap_index if light is not None else source.gap_index
            if p and later <= FEW:
                index = END_INDEX  # the few rows read by period_end, then sorted
            chosen = f"AND {p}light = :light" if light is not None else ""
            walk.run(store.conn.execute(
                f"SELECT project_id, {p}period, {p}completion, {p}gap_jan, {p}judgement, {p}light, started"
                f" FROM {TABLE} INDEXED BY {index} WHERE project_kind = :kind {chosen} AND {p}gap_jan IS NOT NULL"
                f" AND {source.rows} {only} ORDER BY {p}gap_jan",
                {**params, **_window(as_of), "kind": kind, "light": light}), {light: ranking})


class _Walk:
    """Offers rows (project id, period, completion, gap_jan, judgement, light, started) in gap_jan order to a
    ranking until its cut is passed; 序时 and project names looked up once."""

    def __init__(self, store: Store, kind: str, year: int) -> None:
        self.store, self.kind, self.year = store, kind, year
        self.table = schema.entity(kind).table
        self.schedules: dict[tuple[str, int], float] = {}
        self.projects: dict[str, Sequence[object]] = {}

    def run(self, rows: Iterable[Sequence[object]], rankings: Mapping[str | None, MostBehind]) -> None:
        for ranking in rankings.values():
            if ranking.size <= 0:
                continue
            for project_id, period, completion, gap_jan, judgement, colour, started in rows:
                cut = ranking.cut()
                if cut is not None and gap_jan > cut:  # type: ignore[operator]
                    break  # nothing after this row can enter
                schedule = self._schedule(str(period), _start_month(started, self.year))
                gap = float(completion) - schedule  # type: ignore[arg-type]
                if not schedule or (cut is not None and gap > cut):
                    continue  # a 序时 of 0 cannot be judged; a later start moved it out of reach
                ranking.offer(Behind(project_ref(self.kind, self._project(str(project_id))), str(period),
                                     float(completion), schedule, gap,  # type: ignore[arg-type]
                                     None if judgement is None else str(judgement),
                                     None if colour is None else str(colour)))

    def _schedule(self, period: str, start_month: int) -> float:
        key = (period, start_month)
        if key not in self.schedules:
            self.schedules[key] = schedule_percent(parse_period(period), start_month=start_month)
        return self.schedules[key]

    def _project(self, project_id: str) -> Sequence[object]:
        if project_id not in self.projects:
            self.projects[project_id] = self.store.conn.execute(
                f"SELECT {PROJECT_COLUMNS} FROM [{self.table}] WHERE id = ?", [project_id]).fetchone()
        return self.projects[project_id]


def _start_month(started: object, year: int) -> int:
    text = str(started or "")
    return int(text[5:7]) if text[:4] == f"{year:04d}" and text[5:7].isdigit() else 1


def evaluated_for_period(store: Store, kind: str, query: Query, period: Period) -> int:
    """Projects (matching ``query``) in a reporting stage that have an evaluation for ``period``: those whose
    latest evaluation is for it; of those whose latest is later, those whose previous one is for it, and those
    whose previous one is later too and that have one for it among their evaluations."""
    only, params = project_ids_in(kind, query)
    stages = REPORTING_STAGES[kind]
    stage_params = {f"stage{i}": stage for i, stage in enumerate(stages)}
    in_stage = f"stage IN ({', '.join(f':{key}' for key in stage_params)})"
    parts = [f"SELECT count(*) FROM {TABLE} WHERE project_kind = :kind AND period = :period AND {in_stage} {only}"]
    previous_later = "(prev_period_end > :end OR (prev_period_end = :end AND prev_period_rank > :rank))"
    for later in ("period_end > :end", "period_end = :end AND period_rank > :rank"):  # two index ranges
        # CASE, not OR: only a CASE (or WHERE) stops evaluating at the first true branch, so EXISTS probes the
        # evaluations only of the rows whose previous evaluation is later too
        parts.append(f"SELECT count(CASE WHEN prev_period = :period THEN 1 WHEN {previous_later} AND EXISTS (SELECT 1"
                     " FROM evaluation AS e WHERE e.project_id = l.project_id AND e.project_kind = :kind"
                     f" AND e.period = :period) THEN 1 END) FROM {TABLE} AS l INDEXED BY {END_INDEX}"
                     f" WHERE project_kind = :kind AND {later} AND {in_stage} {only}")
    sql = "SELECT " + " + ".join(f"({part})" for part in parts)
    values = {**params, **stage_params, "kind": kind, "period": str(period), "end": period.end.isoformat(),
              "rank": _RANKS[period.kind]}
    return int(store.conn.execute(sql, values).fetchone()[0])
