"""Check a database: SQLite's integrity check plus the app's own rules. Reports; changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gzdesk.core import messages, records, schema
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
})


@dataclass(frozen=True)
class Finding:
    code: str
    params: dict[str, object]

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.code, lang, **self.params)


def check_database(store: Store, *, progress: Progress | None = None, lang: str = "zh") -> list[Finding]:
    """Every problem found: integrity, audit guards, invalid values, unknown districts, orphan evaluations."""
    progress = progress or NoProgress()
    return list(_integrity(store)) + list(_rules(store, progress, lang))


def _integrity(store: Store) -> Iterator[Finding]:
    results = [row[0] for row in store.conn.execute("PRAGMA integrity_check")]
    if results != ["ok"]:
        yield Finding("check.integrity", {"detail": "; ".join(results[:5])})
    triggers = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for trigger in ("audit_no_update", "audit_no_delete"):
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
