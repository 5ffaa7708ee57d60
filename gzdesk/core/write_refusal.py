"""Which row and which value SQLite refused in a write, so the clerk's message can name them (RELIABILITY.md T02).

A constraint (UNIQUE, NOT NULL, CHECK, FOREIGN KEY), a trigger's ``RAISE``, or a value SQLite cannot store (an
unsupported type, an integer beyond 64 bits) stops a write; the store then rolls the whole write back. This module
says where: :class:`Tracked` remembers the row ``executemany`` was binding when it failed, and :func:`refusal`
finds the column — from SQLite's own words when they name it, otherwise by trying the row again without one value
at a time inside a savepoint that is always rolled back (only after a failure, so it costs nothing otherwise).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

from gzdesk.core import messages
from gzdesk.core.errors import WriteRefused

messages.register({
    "db.value_refused": ("数据库拒绝保存{column}的值“{value}”：{reason}。未做任何修改",
                         "The database refused the value \"{value}\" of {column}: {reason}. Nothing was changed"),
    "db.row_refused": ("数据库拒绝保存这条记录：{reason}。未做任何修改", "The database refused this record: {reason}. Nothing was changed"),
    "db.refused.unique": ("与数据库中已有的记录重复（{detail}）", "it repeats a record already in the database ({detail})"),
    "db.refused.not_null": ("不能为空（{detail}）", "it cannot be empty ({detail})"),
    "db.refused.type": ("数据库无法保存这种值（{detail}）", "the database cannot store such a value ({detail})"),
    "db.refused.other": ("{detail}", "{detail}"),
})

#: Errors that mean "this value or row is refused" (not "the disk is full" or "the database is busy").
VALUE_ERRORS: tuple[type[BaseException], ...] = (
    sqlite3.IntegrityError, sqlite3.DataError, sqlite3.ProgrammingError, sqlite3.InterfaceError, OverflowError)

_BINDING = re.compile(r"binding parameter (\d+)", re.IGNORECASE)
_SAVEPOINT = "gzdesk_locate_refusal"
_VALUE_SHOWN = 60

T = TypeVar("T")


class Tracked(Generic[T]):
    """An iterator that remembers the last item it handed out: ``executemany`` binds and runs each row before it
    asks for the next, so when it fails, :attr:`last` is the refused row."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.last: T | None = None

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        self.last = next(self._items)
        return self.last


def refusal(conn: sqlite3.Connection, error: BaseException, *, names: Sequence[str], cells: Sequence[object],
            labels: Mapping[str, tuple[str, str]], retry: Callable[[str], object], origin: str | None) -> WriteRefused:
    """The clear error for a refused write of one row.

    ``names`` and ``cells`` are the statement's columns and the row's values (``names[i]`` is bound to the i-th
    parameter); ``labels`` maps the columns a clerk knows (field keys, and ``id``) to their (zh, en) labels;
    ``retry(name)`` runs the same write without ``name``'s value (it is called only inside a savepoint that is
    rolled back). ``origin`` is passed on for the caller to locate the row in its file.
    """
    name = _named(error, names, labels)
    if name is None:
        name = _probe(conn, [n for n, value in zip(names, cells, strict=True) if n in labels and value is not None],
                      retry)
    detail = str(error)
    reason = _reason(error)
    if name is None:
        return WriteRefused("db.row_refused", field=None, origin=origin, reason=reason, detail=detail)
    value = cells[list(names).index(name)]
    return WriteRefused("db.value_refused", field=name, origin=origin, reason=reason, column_labels=labels[name],
                        value=shown(value), detail=detail)


def shown(value: object) -> str:
    """A value as a message shows it: as text, cut to a readable length."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = "" if value is None else str(value)
    return text if len(text) <= _VALUE_SHOWN else text[:_VALUE_SHOWN] + "…"


def _named(error: BaseException, names: Sequence[str], labels: Mapping[str, object]) -> str | None:
    """The column SQLite's message names: the parameter it could not bind, or a column in a constraint message
    ("UNIQUE constraint failed: investment.code", "CHECK constraint failed: agreed_investment >= 0")."""
    text = str(error)
    binding = _BINDING.search(text)
    if binding is not None and 0 < int(binding[1]) <= len(names):
        name = names[int(binding[1]) - 1]
        return name if name in labels else None
    if isinstance(error, sqlite3.IntegrityError) and "constraint failed" in text:
        mentioned = text.split("constraint failed", 1)[1]
        for name in names:
            if name in labels and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", mentioned):
                return name
    return None


def _probe(conn: sqlite3.Connection, candidates: Sequence[str], retry: Callable[[str], object]) -> str | None:
    """The first candidate without whose value the write goes through (each try is rolled back)."""
    if not conn.in_transaction:  # SQLite already rolled the transaction back: nothing to try in
        return None
    for name in candidates:
        conn.execute(f"SAVEPOINT {_SAVEPOINT}")
        try:
            retry(name)
        except VALUE_ERRORS:
            continue
        else:
            return name
        finally:
            conn.execute(f"ROLLBACK TO {_SAVEPOINT}")
            conn.execute(f"RELEASE {_SAVEPOINT}")
    return None


def _reason(error: BaseException) -> str:
    kind = getattr(error, "sqlite_errorname", "")
    if kind in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"):
        return "db.refused.unique"
    if kind == "SQLITE_CONSTRAINT_NOTNULL":
        return "db.refused.not_null"
    if not isinstance(error, sqlite3.IntegrityError):
        return "db.refused.type"
    return "db.refused.other"
