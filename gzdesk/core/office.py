"""This office: its code (setting ``office_code``: new records belong to it, workbooks carry it) and its name (its
office record, which the meeting workbook's 填报单位 line and the exchange workbook read). Both travel with the
database; the desktop's Settings dialog and ``gzdesk office`` set them through :func:`set_office`."""

from __future__ import annotations

from dataclasses import dataclass

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store

messages.register({
    "office.code_blank": ("本单位代码不能为空", "The office code cannot be blank"),
})


@dataclass(frozen=True)
class Office:
    code: str
    name: str  # "" while no name was given


def office_record(store: Store, code: str) -> dict[str, object] | None:
    return next(iter(store.iter_records("office", Query(filters=(Filter("code", "=", code),)), chunk=1)), None)


def this_office(store: Store) -> Office:
    record = office_record(store, store.office)
    return Office(store.office, str(record.get("name") or "") if record else "")


def set_office(store: Store, *, code: str | None = None, name: str | None = None) -> Office:
    """Change this office's code and/or name (None: keep); audited like any record change. Returns the result."""
    before = this_office(store)
    code = before.code if code is None else code.strip()
    name = before.name if name is None else name.strip()
    if not code:
        raise InputRefused("office.code_blank")
    if code != before.code:
        store.set_setting("office_code", code)
    if name != before.name or code != before.code:
        record = office_record(store, code)
        if record is None and name:
            store.create("office", {"code": code, "name": name}, source="settings")
        elif record is not None and name and record.get("name") != name:
            store.update("office", str(record["id"]), {"name": name}, source="settings")
    return this_office(store)
