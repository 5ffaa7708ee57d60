"""Saved views: a named filter + sort + search + column choice per list, kept in the database's settings.

Stored under the setting ``saved_views`` as ``{kind: [{"name", "filters", "sort", "search", "columns"}, …]}``,
so the views travel with the database file. Reading is forgiving: an entry that no longer fits the schema (a
field removed, a broken value) loses only that part, never the other views.
"""

from __future__ import annotations

from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.query import OPERATORS, SYSTEM_READABLE, Filter, Query
from gzdesk.core.store import Store

SETTING = "saved_views"
_OPERATORS = {*OPERATORS, "in", "contains", "empty", "not_empty"}


@dataclass(frozen=True)
class SavedView:
    """A view of one list: which records (``query``) and which columns in which order (``columns``: field keys;
    empty leaves the columns as they are)."""

    name: str
    query: Query = Query()
    columns: tuple[str, ...] = ()


def _known(kind: str, key: object) -> bool:
    return isinstance(key, str) and (key in schema.entity(kind).by_key or key in SYSTEM_READABLE)


def _to_json(view: SavedView) -> dict[str, object]:
    return {
        "name": view.name,
        "filters": [{"field": f.field, "op": f.op,
                     "value": list(f.value) if isinstance(f.value, tuple) else f.value}
                    for f in view.query.filters],
        "sort": [[key, descending] for key, descending in view.query.sort],
        "search": view.query.search,
        "columns": list(view.columns),
    }


def _from_json(kind: str, data: object) -> SavedView | None:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        return None
    filters = []
    for item in data.get("filters") or []:
        if isinstance(item, dict) and _known(kind, item.get("field")) and item.get("op") in _OPERATORS:
            value = item.get("value")
            filters.append(Filter(str(item["field"]), str(item["op"]),
                                  tuple(value) if isinstance(value, list) else value))
    sort = tuple((str(entry[0]), bool(entry[1])) for entry in data.get("sort") or []
                 if isinstance(entry, list) and len(entry) == 2 and _known(kind, entry[0]))
    search = data.get("search") if isinstance(data.get("search"), str) else ""
    columns = tuple(key for key in data.get("columns") or [] if _known(kind, key))
    return SavedView(data["name"].strip(), Query(tuple(filters), sort, str(search)), columns)


def _all(store: Store) -> dict[str, list[object]]:
    stored = store.setting(SETTING, {})
    if not isinstance(stored, dict):
        return {}
    return {str(kind): list(views) for kind, views in stored.items() if isinstance(views, list)}


def saved_views(store: Store, kind: str) -> list[SavedView]:
    """The views saved for ``kind``, in the order they were first saved."""
    schema.entity(kind)
    found = (_from_json(kind, item) for item in _all(store).get(kind, []))
    return [view for view in found if view is not None]


def save_view(store: Store, kind: str, view: SavedView) -> list[SavedView]:
    """Save ``view`` for ``kind`` (replacing the view of that name, in its place); returns the views."""
    stored = _all(store)
    entries = stored.get(kind, [])
    names = [entry.get("name") if isinstance(entry, dict) else None for entry in entries]
    if view.name in names:
        entries[names.index(view.name)] = _to_json(view)
    else:
        entries.append(_to_json(view))
    stored[kind] = entries
    store.set_setting(SETTING, stored)
    return saved_views(store, kind)


def delete_view(store: Store, kind: str, name: str) -> list[SavedView]:
    """Forget the view called ``name`` of ``kind`` (nothing happens when there is none); returns the views."""
    stored = _all(store)
    stored[kind] = [entry for entry in stored.get(kind, [])
                    if not (isinstance(entry, dict) and entry.get("name") == name)]
    store.set_setting(SETTING, stored)
    return saved_views(store, kind)
