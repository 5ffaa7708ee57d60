"""Who is linked to whom: an enterprise's projects across the three lists and its 挂点 official; an official's
industries, enterprises and projects (DOMAIN.md "Shared entities").

The links are the fields the clerk fills in, not foreign keys: a project names its enterprise (``enterprise``,
with ``credit_code``) and its official (``official``) as text; an enterprise names its official; an official lists
the industries they support as text ("人工智能、软件与互联网"). A project belongs to an enterprise when its
统一社会信用代码 matches, or its enterprise name does (exactly, after trimming); names of officials match exactly.
Read-only; every query uses an index except the credit-code match (the project lists do not index it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.errors import NotFound
from gzdesk.core.store import Store

Record = Mapping[str, object]

_SEPARATORS = re.compile(r"[、，,;；/／\s]+")


@dataclass(frozen=True)
class LinkedProject:
    """One project of list ``kind`` (``record`` as the store returns it)."""

    kind: str
    record: Record

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def name(self) -> str:
        return str(self.record.get("name") or "")


@dataclass(frozen=True)
class EnterpriseLinks:
    """An enterprise's page: its projects in every list, the official named on it (``official``: their record, None
    when none is named or no official of that name exists; ``official_name`` as written) and the officials who
    support its industry."""

    enterprise: Record
    projects: tuple[LinkedProject, ...]
    official_name: str | None
    official: Record | None
    industry_officials: tuple[Record, ...]


@dataclass(frozen=True)
class IndustryShare:
    """One industry an official supports: its code (None when the text names no known industry), its name as
    written, and how many enterprises and projects (all lists) of this database are in it."""

    code: str | None
    name: str
    enterprises: int
    projects: int


@dataclass(frozen=True)
class OfficialLinks:
    """An official's page: the industries they support, the enterprises and the projects that name them."""

    official: Record
    industries: tuple[IndustryShare, ...]
    enterprises: tuple[Record, ...]
    projects: tuple[LinkedProject, ...]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _one(store: Store, kind: str, record_id: str) -> Record:
    record = store.record(kind, record_id)
    if record is None:
        raise NotFound("record.not_found", record_id=record_id)
    return record


def _select(store: Store, kind: str, where: str, params: Sequence[object], order: str) -> Iterator[Record]:
    entity = schema.entity(kind)
    cursor = store.conn.execute(f"SELECT rid FROM [{entity.table}] WHERE {where} ORDER BY {order}", list(params))
    yield from store.rows(kind, [int(row[0]) for row in cursor])


def projects_of_enterprise(store: Store, *, name: str | None, credit_code: str | None) -> tuple[LinkedProject, ...]:
    """The projects of every list whose enterprise is ``name`` or whose credit code is ``credit_code``, list by list
    (in schema order), the largest total investment first."""
    conditions, params = [], []
    if _text(name):
        conditions.append("[enterprise] = ?")
        params.append(_text(name))
    if _text(credit_code):
        conditions.append("[credit_code] = ?")
        params.append(_text(credit_code).upper())
    if not conditions:
        return ()
    where = " OR ".join(conditions)
    return tuple(LinkedProject(kind, record) for kind in schema.LIST_KEYS
                 for record in _select(store, kind, where, params, "[total_investment] IS NULL, [total_investment] DESC, rid"))


def projects_of_official(store: Store, name: str) -> tuple[LinkedProject, ...]:
    """The projects of every list whose 挂点领导 is ``name``, list by list, the largest total investment first."""
    if not _text(name):
        return ()
    return tuple(LinkedProject(kind, record) for kind in schema.LIST_KEYS
                 for record in _select(store, kind, "[official] = ?", [_text(name)],
                                       "[total_investment] IS NULL, [total_investment] DESC, rid"))


def enterprises_of_official(store: Store, name: str) -> tuple[Record, ...]:
    """The enterprises whose 挂点领导 is ``name``: key enterprises first, then by name."""
    if not _text(name):
        return ()
    return tuple(_select(store, "enterprise", "[official] = ?", [_text(name)],
                         "coalesce([key_enterprise], 0) DESC, [name], rid"))


def official_by_name(store: Store, name: str | None) -> Record | None:
    """The official called ``name`` (the first one, if the name repeats), or None."""
    if not _text(name):
        return None
    found = list(_select(store, "official", "[name] = ?", [_text(name)], "rid"))
    return found[0] if found else None


def industry_words(text: object) -> tuple[str, ...]:
    """The industries written in an official's ``industries`` cell, one per separator (、，,;；/ or blanks)."""
    return tuple(word for word in _SEPARATORS.split(_text(text)) if word)


def supported_industries(store: Store, official: Record) -> tuple[tuple[str | None, str], ...]:
    """(industry code or None, name) for each industry the official supports, codes resolved through the taxonomy
    (names, English names, aliases and codes all work)."""
    reference = store.reference
    return tuple((reference.industry_code(word), word) for word in industry_words(official.get("industries")))


def officials_of_industry(store: Store, industry: str | None) -> tuple[Record, ...]:
    """The officials whose supported industries include the industry with code ``industry``."""
    if not industry:
        return ()
    return tuple(official for official in store.iter_records("official")
                 if any(code == industry for code, _ in supported_industries(store, official)))


def _count(store: Store, kind: str, field: str, value: str) -> int:
    table = schema.entity(kind).table
    return int(store.conn.execute(f"SELECT count(*) FROM [{table}] WHERE [{field}] = ?", [value]).fetchone()[0])


def enterprise_links(store: Store, enterprise_id: str) -> EnterpriseLinks:
    """Everything an enterprise's page shows; raises :class:`NotFound` for an unknown id."""
    enterprise = _one(store, "enterprise", enterprise_id)
    official_name = _text(enterprise.get("official")) or None
    industry = enterprise.get("industry")
    return EnterpriseLinks(
        enterprise=enterprise,
        projects=projects_of_enterprise(store, name=str(enterprise.get("name") or ""),
                                        credit_code=str(enterprise.get("credit_code") or "")),
        official_name=official_name,
        official=official_by_name(store, official_name),
        industry_officials=officials_of_industry(store, str(industry) if industry else None),
    )


def official_links(store: Store, official_id: str) -> OfficialLinks:
    """Everything an official's page shows; raises :class:`NotFound` for an unknown id."""
    official = _one(store, "official", official_id)
    shares = []
    for code, word in supported_industries(store, official):
        if code is None:
            shares.append(IndustryShare(None, word, 0, 0))
            continue
        projects = sum(_count(store, kind, "industry", code) for kind in schema.LIST_KEYS)
        shares.append(IndustryShare(code, word, _count(store, "enterprise", "industry", code), projects))
    name = str(official.get("name") or "")
    return OfficialLinks(official, tuple(shares), enterprises_of_official(store, name),
                         projects_of_official(store, name))
