"""Typed read requests — filter, sort, full-text search — turned into SQL over one entity's table."""

from __future__ import annotations

from dataclasses import dataclass

from gzdesk.core import search
from gzdesk.core.schema import Entity, FieldType

SYSTEM_READABLE = ("id", "owner_office", "created_at", "updated_at", "updated_by", "revision")
OPERATORS = {"=": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


@dataclass(frozen=True)
class Filter:
    """One condition on a field: ``op`` is = != < <= > >=, "in" (value a tuple), "contains", "empty", "not_empty"."""

    field: str
    op: str = "="
    value: object = None


@dataclass(frozen=True)
class Query:
    """Which records, in which order: every filter must hold and every search term must appear."""

    filters: tuple[Filter, ...] = ()
    sort: tuple[tuple[str, bool], ...] = ()  # (field, descending)
    search: str = ""


def _column(entity: Entity, key: str) -> str:
    if key not in entity.by_key and key not in SYSTEM_READABLE:
        raise KeyError(f"{key!r} is not a field of {entity.key}")
    return f"[{key}]"


_FEW_VALUES = (FieldType.ENUM, FieldType.REFERENCE, FieldType.BOOLEAN)


def where_clause(entity: Entity, query: Query, *, first_rows: bool = False) -> tuple[str, list[object]]:
    """``("WHERE …", params)`` for the query's filters and search; ``("", [])`` when it has none.

    ``first_rows``: only the first few rows in sort order are wanted (LIMIT). Then a filter on a field with few
    distinct values (district, stage …) must not pick the index: walking the sort column's index and testing each
    row finds the first hundred matches at once (2 ms instead of 80 ms at 500,000 rows), while the filter's
    index would fetch every match and sort them all first.
    """
    parts: list[str] = []
    params: list[object] = []
    for condition in query.filters:
        column = _column(entity, condition.field)
        if first_rows and query.sort and condition.field in entity.by_key \
                and entity.by_key[condition.field].type in _FEW_VALUES:
            column = "+" + column
        if condition.op in OPERATORS:
            parts.append(f"{column} {OPERATORS[condition.op]} ?")
            params.append(condition.value)
        elif condition.op == "in":
            values = list(condition.value)  # type: ignore[call-overload]
            parts.append(f"{column} IN ({', '.join('?' for _ in values)})" if values else "0")
            params.extend(values)
        elif condition.op == "contains":
            parts.append(f"instr({column}, ?) > 0")
            params.append(condition.value)
        elif condition.op == "empty":
            parts.append(f"({column} IS NULL OR {column} = '')")
        elif condition.op == "not_empty":
            parts.append(f"({column} IS NOT NULL AND {column} != '')")
        else:
            raise ValueError(f"unknown filter operator {condition.op!r}")
    expression = search.match_expression(query.search) if query.search else None
    if expression is not None:
        table = search.fts_table(entity)
        walk_sort_index = "+" if first_rows and query.sort else ""  # measured: 10 ms instead of 75 ms for 芯片
        parts.append(f"{walk_sort_index}rid IN (SELECT rowid FROM [{table}] WHERE [{table}] MATCH ?)")
        params.append(expression)
    return ("WHERE " + " AND ".join(parts), params) if parts else ("", [])


def order_clause(entity: Entity, query: Query) -> str:
    """``ORDER BY`` the query's sort keys, then rid, so equal values keep a stable order."""
    keys = [f"{_column(entity, key)}{' DESC' if descending else ''}" for key, descending in query.sort]
    tie = "rid DESC" if query.sort and query.sort[-1][1] else "rid"
    return "ORDER BY " + ", ".join([*keys, tie])
