"""A list's filter (a :class:`~gzdesk.core.query.Query`) as SQL with named parameters, for the evaluation queries
that join or look up the project table."""

from __future__ import annotations

from gzdesk.core import schema
from gzdesk.core.query import Query, where_clause


def _named(sql: str, count: int) -> str:
    """Turn a where clause's positional ``?`` into ``:p0 …`` so named parameters can follow."""
    for index in range(count):
        sql = sql.replace("?", f":p{index}", 1)
    return sql


def named_where(kind: str, query: Query, alias: str = "") -> tuple[str, dict[str, object]]:
    """``("WHERE …", params)`` for ``query`` on the list's table (its columns qualified with ``alias`` when given),
    parameters named ``p0 …``; ``("", {})`` when the query filters nothing."""
    where, params = where_clause(schema.entity(kind), query)
    if alias and where:
        for key in (*schema.entity(kind).by_key, "id", "owner_office"):
            where = where.replace(f"[{key}]", f"{alias}.[{key}]")
        where = where.replace("rid IN (SELECT", f"{alias}.rid IN (SELECT")
    return _named(where, len(params)), {f"p{index}": value for index, value in enumerate(params)}


def project_ids_in(kind: str, query: Query, column: str = "project_id") -> tuple[str, dict[str, object]]:
    """``("AND <column> IN (SELECT id FROM <list> WHERE …)", params)``, or ``("", {})`` when ``query`` filters
    nothing (then every project of the list counts)."""
    where, params = named_where(kind, query)
    if not where:
        return "", {}
    return f"AND {column} IN (SELECT id FROM [{schema.entity(kind).table}] {where})", params
