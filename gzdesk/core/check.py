"""Check a database: SQLite's integrity check plus the app's own rules (``check_database`` reports and changes
nothing); ``repair_database`` repairs only what is safe, after a backup, in one transaction.

Milestones and problems (``evaluation_milestone``, ``evaluation_problem``) point at their evaluation by
``evaluation_id`` with no foreign key: deleting an evaluation as a plain record (the evaluations table's Delete, an
older undo) leaves them behind, invisible — no screen reaches a milestone but through its evaluation. The check
reports them (``check.orphan_detail``) and the repair removes them, each kept whole in the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gzdesk.core import backup, messages, migrations, records, schema, search
from gzdesk.core.progress import NoProgress, Progress, check_cancelled
from gzdesk.core.store import Store

messages.register({
    "check.integrity": ("SQLite 完整性检查未通过：{detail}", "SQLite integrity check failed: {detail}"),
    "check.audit_guard": ("审计日志缺少防篡改触发器 {trigger}", "The audit log lacks its append-only trigger {trigger}"),
    "check.invalid_value": ("{entity}“{name}”：{problem}", "{entity} \"{name}\": {problem}"),
    "check.unknown_district": ("{entity}“{name}”的所属区 {value} 不在区划表中",
                               "{entity} \"{name}\": district {value} is not in the district table"),
    "check.orphan_evaluation": ("进展评估 {period} 指向不存在的项目 {project_id}",
                                "Evaluation {period} refers to a missing project {project_id}"),
    "check.orphan_detail": ("{entity}“{name}”所属的进展评估已不存在", "{entity}: \"{name}\" — its evaluation no longer exists"),
})


@dataclass(frozen=True)
class Finding:
    code: str
    params: dict[str, object]

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.code, lang, **self.params)


def check_database(store: Store, *, progress: Progress | None = None, lang: str = "zh") -> list[Finding]:
    """Every problem found: integrity, audit guards, invalid values, unknown districts, orphan evaluations, and
    milestones and problems whose evaluation no longer exists."""
    progress = progress or NoProgress()
    return list(_integrity(store)) + list(_rules(store, progress, lang)) + _orphan_findings(store, lang)


def _integrity(store: Store) -> Iterator[Finding]:
    results = [row[0] for row in store.conn.execute("PRAGMA integrity_check")]
    if results != ["ok"]:
        yield Finding("check.integrity", {"detail": "; ".join(results[:5])})
    triggers = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for trigger in migrations.AUDIT_GUARDS:
        if trigger not in triggers:
            yield Finding("check.audit_guard", {"trigger": trigger})


def _rules(store: Store, progress: Progress, lang: str) -> Iterator[Finding]:
    extras = store.vocabulary_extras()
    districts = store.reference.districts
    project_ids: set[str] = set()
    for entity in schema.ENTITIES:
        keys = [f.key for f in entity.fields]
        for count, row in enumerate(store.iter_records(entity.key)):
            if count % 5000 == 0:
                check_cancelled(progress)
            values = {k: row[k] for k in keys}
            name = str(row.get("name") or row.get("period") or row["id"])
            for problem in records.check_record(entity, values, extras=extras, lang=lang):
                yield Finding("check.invalid_value", {"entity": entity.label(lang), "name": name,
                                                      "problem": problem.message(lang)})
            district = row.get("district")
            if district and district not in districts:
                yield Finding("check.unknown_district", {"entity": entity.label(lang), "name": name,
                                                         "value": district})
            if entity.is_project_list:
                project_ids.add(str(row["id"]))
        progress.step(schema.ENTITIES.index(entity) + 1, len(schema.ENTITIES))
    for period, project_id in store.conn.execute("SELECT period, project_id FROM evaluation"):
        if project_id not in project_ids:
            yield Finding("check.orphan_evaluation", {"period": period, "project_id": project_id})


def _orphan_details(store: Store) -> dict[str, list[tuple[str, str, str]]]:
    """Per child entity, (id, evaluation id, name or description) of each row whose evaluation does not exist."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for entity in schema.CHILD_ENTITIES:
        label = "name" if "name" in entity.by_key else "description"
        rows = store.conn.execute(
            f"SELECT d.id, d.evaluation_id, d.[{label}] FROM [{entity.table}] AS d"
            " LEFT JOIN evaluation AS e ON e.id = d.evaluation_id WHERE e.id IS NULL ORDER BY d.rid").fetchall()
        if rows:
            found[entity.key] = [(str(i), str(e), str(n or "")) for i, e, n in rows]
    return found


def _orphan_findings(store: Store, lang: str) -> list[Finding]:
    return [Finding("check.orphan_detail", {"entity": schema.entity(key).label(lang), "name": _short(name),
                                            "evaluation_id": evaluation_id})
            for key, rows in _orphan_details(store).items() for _, evaluation_id, name in rows]


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ repairs
messages.register({
    "repair.search_index": ("已重建{entity}的全文检索索引", "Rebuilt the full-text search index of {entity}"),
    "repair.audit_guard": ("已恢复审计日志的防篡改触发器 {trigger}", "Re-created the audit log's trigger {trigger}"),
    "check.stale_index": ("{entity}的全文检索索引与数据不一致", "The full-text search index of {entity} disagrees with its table"),
    "repair.orphan_detail": ("已删除 {count} 条所属进展评估已不存在的{entity}（审计日志保留原记录）",
                             "Removed {count} record(s) of {entity} whose evaluation no longer exists (kept whole in "
                             "the audit log)"),
})

_SAMPLES = 20
REPAIR_SOURCE = "check"


@dataclass(frozen=True)
class RepairReport:
    """What :func:`repair_database` did (``repaired``), the backup it took first, and what it left to the clerk."""

    repaired: list[Finding]
    backup: Path | None
    remaining: list[Finding]


def repair_database(store: Store, *, progress: Progress | None = None, lang: str = "zh") -> RepairReport:
    """Repair only what is safe — rebuild a search index that disagrees with its table, re-create a missing
    audit trigger, remove milestones and problems whose evaluation no longer exists (each kept whole in the audit
    log, source ``check``) — after a verified backup, in one transaction. Nothing else is deleted: orphan
    evaluations, invalid values and integrity failures are reported in ``remaining``. A second run repairs nothing.
    """
    stale = [entity for entity in schema.ENTITIES if not _index_agrees(store, entity)]
    missing = _missing_guards(store)
    orphans = _orphan_details(store)
    repaired: list[Finding] = []
    taken: Path | None = None
    if stale or missing or orphans:
        taken = backup.backup(store.conn, store.path, reason="before-check", progress=progress, reuse=True)
        with store.transaction() as conn:
            for entity in stale:
                search.rebuild_index(conn, entity)
                repaired.append(Finding("repair.search_index", {"entity": entity.label(lang)}))
            for name in missing:
                conn.execute(migrations.AUDIT_GUARDS[name])
                repaired.append(Finding("repair.audit_guard", {"trigger": name}))
            for key, rows in orphans.items():  # after the audit guards: the deletions are audited like any
                store.delete(key, [record_id for record_id, _, _ in rows], source=REPAIR_SOURCE)
                repaired.append(Finding("repair.orphan_detail", {"entity": schema.entity(key).label(lang),
                                                                 "count": len(rows)}))
    return RepairReport(repaired, taken, check_database(store, progress=progress, lang=lang))


def safe_repairs(store: Store, *, lang: str = "zh") -> list[Finding]:
    """What :func:`repair_database` would repair now — stale search indexes (``check.stale_index``, which
    :func:`check_database` does not look for), missing audit triggers, orphan milestones and problems — changing
    nothing."""
    stale = [Finding("check.stale_index", {"entity": entity.label(lang)})
             for entity in schema.ENTITIES if not _index_agrees(store, entity)]
    return (stale + [Finding("check.audit_guard", {"trigger": name}) for name in _missing_guards(store)]
            + _orphan_findings(store, lang))


def _missing_guards(store: Store) -> list[str]:
    triggers = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [name for name in migrations.AUDIT_GUARDS if name not in triggers]


def _index_agrees(store: Store, entity: schema.Entity) -> bool:
    """The index holds exactly the table's rids, and a spread sample of rows is found by its own text."""
    table, fts = entity.table, search.fts_table(entity)
    rows = store.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    indexed = store.conn.execute(f"SELECT count(*) FROM [{fts}]").fetchone()[0]
    if rows != indexed:
        return False
    extra = store.conn.execute(f"SELECT count(*) FROM [{fts}] WHERE rowid NOT IN (SELECT rid FROM [{table}])")
    if extra.fetchone()[0]:
        return False
    keys = [f.key for f in entity.searchable_fields]
    step = max(1, rows // _SAMPLES)
    sample = store.conn.execute(f"SELECT rid, {', '.join(f'[{k}]' for k in keys)} FROM [{table}]"
                                f" WHERE rid % {step} = 0 LIMIT {_SAMPLES}").fetchall()
    for rid, *values in sample:
        for key, value in zip(keys, values, strict=True):
            text = search.spaced(value)
            if text:
                phrase = '"' + text.replace('"', '""') + '"'
                found = store.conn.execute(f"SELECT 1 FROM [{fts}] WHERE [{fts}] MATCH ? AND rowid = ?",
                                           [f"{{{key}}} : {phrase}", rid]).fetchone()
                if found is None:
                    return False
                break
    return True
