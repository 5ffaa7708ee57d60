"""Each project's latest two evaluations, kept in the table ``evaluation_latest`` by SQLite triggers (migration 6).

One row per project (``project_kind``, ``project_id``) that exists in its list and has an evaluation with a
well-formed period: the latest evaluation's id, period, period end and rank, annual plan, done this year, judgement
and light, the same for the evaluation before it (``prev_…``: it counts for a meeting dated after it ended but
before the latest did, as when a report is entered before its period ends), the project's current stage and start
date (copied), and for each evaluation two numbers computed once:

* ``completion`` = done_ytd × 100 / annual_plan (NULL when either is missing or the plan is 0);
* ``gap_jan`` = completion − 序时 counted from 1 January at the period end. 序时 counted from a later start month is
  never larger, so the true gap is never smaller than ``gap_jan``: walking the rows in ``gap_jan`` order finds the
  most-behind projects without computing every gap (:mod:`gzdesk.core.evaluation.latest_numbers`).

"Latest" orders by period end, then month before 旬 before quarter ending the same day (as the meeting statistics
do). The triggers fire on every insert, update and delete of an evaluation and of a project (its stage and start
date), whatever writes them — forms, the CLI, imports, undo — so the table changes in the same transaction as the
evaluations. The same SQL fills it from scratch (:func:`rebuild`), which the migration and bulk loaders use.

The SQL expressions for a period's end date, rank and 序时 mirror :mod:`gzdesk.core.evaluation.periods` exactly
(same integer day counts, same floating-point operations); a test holds them to each other. Changing anything
here means a new migration that drops and re-creates the table and triggers.
"""

from __future__ import annotations

import sqlite3

from gzdesk.core import schema
from gzdesk.core.evaluation.reporting import START_FIELDS

TABLE = "evaluation_latest"
_EVALUATION = ("evaluation_id", "period", "period_end", "period_rank", "annual_plan", "done_ytd", "completion",
               "gap_jan", "judgement", "light")
#: The project, its latest evaluation, the project's stage and start, and the evaluation before the latest (for an
#: as-of date after the previous one ended but before the latest did: a report entered before its period ended).
COLUMNS = ("project_kind", "project_id", *_EVALUATION, "stage", "started", *(f"prev_{c}" for c in _EVALUATION))
INDEXES = {
    # light counts as of a date; with the previous evaluation's end, light and period for the rows whose latest
    # ended after it (counts, the scan's projects, evaluated for the due period) without reading the table
    "evaluation_latest_end": "project_kind, period_end, period_rank, light, prev_period_end, prev_light, prev_period,"
                             " stage",
    "evaluation_latest_period": "project_kind, period, stage",  # evaluated for the due period
    # the rankings walk these in gap order, testing which rows count as of a date without reading the table:
    "evaluation_latest_gap": "project_kind, gap_jan, period_end",  # the most behind
    "evaluation_latest_light_gap": "project_kind, light, gap_jan, period_end",  # the red and yellow ones
    "evaluation_latest_prev_gap": "project_kind, prev_gap_jan, period_end, prev_period_end",
    "evaluation_latest_prev_light_gap": "project_kind, prev_light, prev_gap_jan, period_end, prev_period_end",
}
_REAL = frozenset({f"{prefix}{c}" for prefix in ("", "prev_") for c in ("annual_plan", "done_ytd", "completion",
                                                                           "gap_jan")})
_REQUIRED = frozenset({"project_kind", "project_id", "evaluation_id", "period", "period_end", "period_rank"})
_EVALUATION_COLUMNS = ("project_kind", "project_id", "period", "annual_plan", "done_ytd", "judgement", "light")


def period_end_sql(column: str) -> str:
    """SQL for the ISO end date of the well-formed period in ``column`` ("2026-03", "2026-Q1", "2026-03-上"), NULL
    for any other text."""
    c = column
    year_month = f"substr({c}, 1, 7) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr({c}, 6, 2) BETWEEN '01' AND '12'"
    month_end = f"date(substr({c}, 1, 7) || '-01', '+1 month', '-1 day')"
    quarter_end = f"date(printf('%s-%02d-01', substr({c}, 1, 4), substr({c}, 7, 1) * 3), '+1 month', '-1 day')"
    return (f"(CASE WHEN length({c}) = 7 AND {year_month} THEN {month_end}"
            f" WHEN {c} GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' THEN {quarter_end}"
            f" WHEN length({c}) = 9 AND {year_month} AND substr({c}, 8, 1) = '-' THEN CASE substr({c}, 9)"
            f" WHEN '上' THEN substr({c}, 1, 7) || '-10' WHEN '中' THEN substr({c}, 1, 7) || '-20'"
            f" WHEN '下' THEN {month_end} END END)")


def period_rank_sql(column: str) -> str:
    """SQL for the order among periods ending the same day: month 2, 旬 1, quarter 0."""
    return f"(CASE WHEN length({column}) = 9 THEN 1 WHEN substr({column}, 6, 1) = 'Q' THEN 0 ELSE 2 END)"


def schedule_from_january_sql(end: str) -> str:
    """SQL for 序时进度 from 1 January at the ISO date ``end`` (as :func:`periods.schedule_percent_at`)."""
    january = f"julianday(substr({end}, 1, 4) || '-01-01')"
    next_january = f"julianday(printf('%04d-01-01', substr({end}, 1, 4) + 1))"
    return f"((julianday({end}) - {january} + 1) / ({next_january} - {january}) * 100)"


_NUMBERS = ("id", "period", "period_end", "period_rank", "annual_plan", "done_ytd", "judgement", "light")


def _numbers(prefix: str) -> str:
    """An evaluation's columns in :data:`COLUMNS` order, read from ``e.<prefix>…`` (prefix "" or "prev_")."""
    e = f"e.{prefix}"
    completion = f"{e}done_ytd * 100.0 / {e}annual_plan"
    return (f"{e}id, {e}period, {e}period_end, {e}period_rank, {e}annual_plan, {e}done_ytd, {completion},"
            f" {completion} - {schedule_from_january_sql(f'{e}period_end')}, {e}judgement, {e}light")


def _latest_select(list_key: str, where: str) -> str:
    """The latest and the previous evaluation (by period end, then rank) of the projects of ``list_key`` whose
    evaluations match ``where``: one row per project in :data:`COLUMNS` order, in one pass (``lead`` over the
    project's evaluations, newest first, gives the previous one's values on the latest's row)."""
    table, start = schema.entity(list_key).table, START_FIELDS[list_key]
    ranked = (f"SELECT id, {', '.join(_EVALUATION_COLUMNS)}, {period_end_sql('period')} AS period_end,"
              f" {period_rank_sql('period')} AS period_rank FROM evaluation WHERE project_kind = '{list_key}'")
    previous = ", ".join(f"lead({column}) OVER w AS prev_{column}" for column in _NUMBERS)
    return (f"SELECT e.project_kind, e.project_id, {_numbers('')}, p.stage, p.[{start}], {_numbers('prev_')}"
            f" FROM (SELECT *, row_number() OVER w AS n, {previous} FROM ({ranked})"
            f" WHERE period_end IS NOT NULL AND {where}"
            " WINDOW w AS (PARTITION BY project_id ORDER BY period_end DESC, period_rank DESC)) AS e"
            f" JOIN [{table}] AS p ON p.id = e.project_id WHERE e.n = 1")


def _insert(list_key: str, where: str) -> str:
    return f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) {_latest_select(list_key, where)}"


def _refresh(row: str) -> str:
    """Trigger statements that recompute the row of the project named by ``row`` (NEW or OLD)."""
    statements = [f"DELETE FROM {TABLE} WHERE project_kind = {row}.project_kind AND project_id = {row}.project_id;"]
    statements += [f"{_insert(key, f'project_id = {row}.project_id AND {row}.project_kind = {key!r}')};"
                   for key in schema.LIST_KEYS]
    return " ".join(statements)


def triggers() -> dict[str, str]:
    """The CREATE TRIGGER statements that keep the table, by name."""
    found = {
        "evaluation_latest_insert": f"AFTER INSERT ON evaluation BEGIN {_refresh('NEW')} END",
        "evaluation_latest_delete": f"AFTER DELETE ON evaluation BEGIN {_refresh('OLD')} END",
        "evaluation_latest_update": (f"AFTER UPDATE OF {', '.join(_EVALUATION_COLUMNS)} ON evaluation"
                                     f" BEGIN {_refresh('OLD')} {_refresh('NEW')} END"),
    }
    for key in schema.LIST_KEYS:
        table, start = schema.entity(key).table, START_FIELDS[key]
        found[f"{table}_latest_insert"] = (
            f"AFTER INSERT ON [{table}] WHEN EXISTS (SELECT 1 FROM evaluation WHERE project_id = NEW.id)"
            f" BEGIN {_insert(key, 'project_id = NEW.id')}; END")
        found[f"{table}_latest_delete"] = (
            f"AFTER DELETE ON [{table}] BEGIN DELETE FROM {TABLE} WHERE project_kind = {key!r}"
            " AND project_id = OLD.id; END")
        found[f"{table}_latest_update"] = (
            f"AFTER UPDATE OF stage, [{start}] ON [{table}] BEGIN UPDATE {TABLE} SET stage = NEW.stage,"
            f" started = NEW.[{start}] WHERE project_kind = {key!r} AND project_id = NEW.id; END")
    return {name: f"CREATE TRIGGER {name} {body}" for name, body in found.items()}


def create(conn: sqlite3.Connection) -> None:
    """Create the table, its indexes and triggers, and fill it (migration 6)."""
    columns = ", ".join(f"{name} {'INTEGER' if name.endswith('period_rank') else 'REAL' if name in _REAL else 'TEXT'}"
                        f"{' NOT NULL' if name in _REQUIRED else ''}" for name in COLUMNS)
    conn.execute(f"CREATE TABLE {TABLE} ({columns}, PRIMARY KEY (project_kind, project_id))")
    rebuild(conn)
    for name, columns_sql in INDEXES.items():
        conn.execute(f"CREATE INDEX {name} ON {TABLE}({columns_sql})")
    create_triggers(conn)



def create_triggers(conn: sqlite3.Connection) -> None:
    for sql in triggers().values():
        conn.execute(sql)


def drop_triggers(conn: sqlite3.Connection) -> None:
    """For bulk loaders that write evaluations directly: drop the triggers, load, :func:`create_triggers` and
    :func:`rebuild` (in one transaction, so no reader ever sees the table out of step)."""
    for name in triggers():
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(conn: sqlite3.Connection) -> None:
    """Fill the table from scratch from the evaluations and projects."""
    conn.execute(f"DELETE FROM {TABLE}")
    for key in schema.LIST_KEYS:
        conn.execute(_insert(key, "1"))
