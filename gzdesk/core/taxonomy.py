"""Editing the "21+8" industry taxonomy: fill in the placeholders, rename, add aliases, retire — audited.

Codes are stable: a renamed industry keeps its code (records keep pointing at it) and its old name becomes an
alias, so sheets that still say the old name resolve. A retired industry stays resolvable but is not offered.
"""

from __future__ import annotations

import json
import re

from gzdesk.core import audit, messages
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.reference import Industry
from gzdesk.core.schema import fold
from gzdesk.core.store import Store

messages.register({
    "taxonomy.not_found": ("找不到产业代码 {code}", "Industry code {code} not found"),
    "taxonomy.code_taken": ("产业代码 {code} 已存在", "Industry code {code} already exists"),
    "taxonomy.bad_code": ("产业代码应为字母数字组合（如 F02、S03），不能是“{code}”",
                          "An industry code is letters and digits (like F02 or S03), not {code}"),
    "taxonomy.name_taken": ("名称“{name}”已用于产业 {other}", "The name {name} already belongs to industry {other}"),
})

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


def _current(store: Store, code: str) -> Industry:
    industry = store.reference.industries.get(code)
    if industry is None:
        raise NotFound("taxonomy.not_found", code=code)
    return industry


def _refuse_taken_name(store: Store, name: str, *, own_code: str | None) -> None:
    other = store.reference.industry_code(name)
    if other is not None and other != own_code:
        raise InputRefused("taxonomy.name_taken", name=name, other=other)


def _column_value(key: str, value: object) -> object:
    if key == "aliases":
        return json.dumps(value, ensure_ascii=False)
    return int(bool(value)) if key == "retired" else str(value)


def _write(store: Store, code: str, changes: dict[str, tuple[object, object]], *, create: bool = False) -> None:
    context = store.context("taxonomy")
    with store.transaction() as conn:
        if create:
            conn.execute("INSERT INTO industry (code, group_zh, group_en, name_zh, name_en) VALUES (?, '', '', '', '')",
                         [code])
            audit.record_created(conn, context, "industry", [code])
        for key, (_, new) in changes.items():
            conn.execute(f"UPDATE industry SET [{key}] = ? WHERE code = ?", [_column_value(key, new), code])
        audit.fields_changed(conn, context, "industry", code, 0, changes)
    store.refresh_reference()


def add_industry(store: Store, *, code: str, name_zh: str, name_en: str = "", group_zh: str = "",
                 group_en: str = "", subgroup_zh: str = "", subgroup_en: str = "",
                 aliases: tuple[str, ...] = ()) -> Industry:
    """Add an industry (e.g. one of the 6 future industries) under a new stable code."""
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InputRefused("taxonomy.bad_code", code=code)
    if code in store.reference.industries:
        raise InputRefused("taxonomy.code_taken", code=code)
    for name in (name_zh, name_en, *aliases):
        if name:
            _refuse_taken_name(store, name, own_code=None)
    values = {"group_zh": group_zh, "group_en": group_en, "subgroup_zh": subgroup_zh, "subgroup_en": subgroup_en,
              "name_zh": name_zh.strip(), "name_en": name_en.strip() or name_zh.strip(), "aliases": list(aliases)}
    _write(store, code, {k: (None, v) for k, v in values.items()}, create=True)
    return _current(store, code)


def rename_industry(store: Store, code: str, *, name_zh: str | None = None, name_en: str | None = None) -> Industry:
    """Rename an industry; the old Chinese name is kept as an alias so older sheets still resolve."""
    industry = _current(store, code)
    changes: dict[str, tuple[object, object]] = {}
    if name_zh and name_zh != industry.name_zh:
        _refuse_taken_name(store, name_zh, own_code=code)
        changes["name_zh"] = (industry.name_zh, name_zh)
        aliases = list(industry.aliases)
        if fold(industry.name_zh) not in {fold(a) for a in aliases}:
            changes["aliases"] = (aliases, [*aliases, industry.name_zh])
    if name_en and name_en != industry.name_en:
        changes["name_en"] = (industry.name_en, name_en)
    if changes:
        _write(store, code, changes)
    return _current(store, code)


def add_alias(store: Store, code: str, alias: str) -> Industry:
    """Let sheets that write ``alias`` resolve to this industry."""
    industry = _current(store, code)
    _refuse_taken_name(store, alias, own_code=code)
    if store.reference.industry_code(alias) != code:
        _write(store, code, {"aliases": (list(industry.aliases), [*industry.aliases, alias.strip()])})
    return _current(store, code)


def set_retired(store: Store, code: str, retired: bool = True) -> Industry:
    """Retire (or bring back) an industry: still resolvable, no longer offered for new records."""
    industry = _current(store, code)
    if industry.retired != retired:
        _write(store, code, {"retired": (industry.retired, retired)})
    return _current(store, code)
