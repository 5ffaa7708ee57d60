"""Reading evaluations: a project's timeline, a period's round, and the overdue projects of a period.

Overdue: a project of a list whose stage is one of :data:`~gzdesk.core.evaluation.reporting.REPORTING_STAGES`
and that has no evaluation for the period. Found in SQL (``NOT EXISTS`` over the (project_id, period) index).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.evaluation.records import ENTITY, check_kind
from gzdesk.core.evaluation.reporting import REPORTING_STAGES
from gzdesk.core.query import Filter, Query, where_clause
from gzdesk.core.store import Store


@dataclass(frozen=True)
class ProjectRef:
    """A project as lists show it: its list, id and the fields a meeting reads."""

    kind: str
    project_id: str
    name: str
    district: str | None
    industry: str | None
    stage: str | None
    official: str | None
    owner_office: str


PROJECT_COLUMNS = "id, name, district, industry, stage, official, owner_office"


def project_ref(kind: str, row: Sequence[object]) -> ProjectRef:
    """A :class:`ProjectRef` from a row selected with :data:`PROJECT_COLUMNS`."""
    project_id, name, district, industry, stage, official, owner = row
    return ProjectRef(kind, str(project_id), str(name), _text(district), _text(industry), _text(stage),
                      _text(official), str(owner))


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _kinds(kind: str | None) -> tuple[str, ...]:
    return schema.LIST_KEYS if kind is None else (check_kind(kind),)


def timeline(store: Store, project_id: str) -> list[dict[str, object]]:
    """Every evaluation of one project, newest period first (by period end; a month before its quarter)."""
    found = list(store.iter_records(ENTITY, Query(filters=(Filter("project_id", "=", project_id),))))
    return sorted(found, key=lambda row: (parse_period(row["period"]).end, str(row["period"])), reverse=True)


def for_period(store: Store, period: str, *, kind: str | None = None) -> list[dict[str, object]]:
    """The evaluations of one period (of one list, or all), in entry order."""
    text = str(parse_period(period))
    filters = [Filter("period", "=", text)]
    if kind is not None:
        filters.append(Filter("project_kind", "=", check_kind(kind)))
    return list(store.iter_records(ENTITY, Query(filters=tuple(filters))))


def overdue(store: Store, period: str, *, kind: str | None = None, query: Query = Query(),
            limit: int | None = None) -> list[ProjectRef]:
    """Projects (matching ``query``) in a reporting stage with no evaluation for ``period``, by list then rid
    (only the first ``limit`` of them when given)."""
    text = str(parse_period(period))
    found: list[ProjectRef] = []
    for key in _kinds(kind):
        if limit is not None and len(found) >= limit:
            break
        table = schema.entity(key).table
        stages = REPORTING_STAGES[key]
        where, params = where_clause(schema.entity(key), query)  # unqualified columns: the project table's
        sql = (f"SELECT {PROJECT_COLUMNS} FROM [{table}] AS p WHERE p.stage IN ({', '.join('?' for _ in stages)})"
               " AND NOT EXISTS (SELECT 1 FROM evaluation AS e WHERE e.project_id = p.id AND e.period = ?)"
               f" {where.replace('WHERE', 'AND', 1)} ORDER BY p.rid"
               + ("" if limit is None else f" LIMIT {int(limit) - len(found)}"))
        found.extend(project_ref(key, row) for row in store.conn.execute(sql, [*stages, text, *params]))
    return found


def lights(store: Store, period: str, *, kind: str | None = None,
           colours: Sequence[str] = ("红", "黄")) -> list[tuple[ProjectRef, dict[str, object]]]:
    """The projects whose evaluation for ``period`` has one of ``colours`` (red first, then yellow), with it."""
    text = str(parse_period(period))
    found: list[tuple[ProjectRef, dict[str, object]]] = []
    for colour in colours:
        for key in _kinds(kind):
            table = schema.entity(key).table
            sql = (f"SELECT e.id FROM evaluation AS e JOIN [{table}] AS p ON p.id = e.project_id"
                   " WHERE e.period = ? AND e.project_kind = ? AND e.light = ? ORDER BY p.rid")
            ids = [str(row[0]) for row in store.conn.execute(sql, [text, key, colour])]
            evaluations = store.records_by_ids(ENTITY, ids)
            projects = store.records_by_ids(key, [str(evaluations[i]["project_id"]) for i in ids])
            for evaluation_id in ids:
                evaluation = evaluations[evaluation_id]
                row = projects[str(evaluation["project_id"])]
                found.append((project_ref(key, [row.get(c.strip()) for c in PROJECT_COLUMNS.split(",")]),
                              evaluation))
    return found
