"""The 本轮变化 sheet of the meeting workbook: what changed since the last round and who reported it, from the
audit log (:mod:`gzdesk.core.evaluation.changes`).

The window: from the last meeting workbook exported before this one (the ledger), else from the first day of the
due period, to the end of the as-of day — or as the caller gives it.

    title, merged; line "统计时段：2026-10-28 至 2026-11-27"
    一、报送情况   报送单位 | 来源 | 类别 | 记录数 | 修改处数
    二、变更明细   时间 | 类别 | 记录名称 | 变更内容 | 修改前 | 修改后 | 报送单位 | 来源 | 次数   (newest first, at most
                   :data:`DETAIL_LIMIT` rows; the line under the heading says when more changed)

Values are shown as a clerk reads them: district and industry by name, tags joined with 、, 是/否.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation.changes import FieldChange, ReporterCount, changed_between, reporters_between
from gzdesk.core.evaluation.periods import Period
from gzdesk.core.excel.meeting_progress import ProgressTexts
from gzdesk.core.excel.meeting_tables import SheetWriter, page_setup
from gzdesk.core.schema import FieldType
from gzdesk.core.store import Store

DETAIL_LIMIT = 2000
SOURCES = {"form": ("表单", "Form"), "import": ("导入", "Import"), "import-accepted": ("导入（经审核）", "Import (accepted)"),
           "cli": ("命令行", "Command line"), "evaluation": ("进展评估", "Evaluation"), "undo": ("撤销", "Undo"),
           "demo": ("示例数据", "Sample data"), "evaluation_round": ("批量填报", "Round entry")}


@dataclass(frozen=True)
class Window:
    since: str  # ISO time or date, inclusive
    until: str  # exclusive

    def line(self, lang: str) -> str:
        last = (dt.date.fromisoformat(self.until[:10]) - dt.timedelta(days=1)).isoformat()
        return (f"From {self.since[:10]} to {last}" if lang == "en" else f"统计时段：{self.since[:10]} 至 {last}")


def default_window(store: Store, as_of: dt.date, due: Period) -> Window:
    """Since the last meeting workbook exported (done) before now, else the due period's first day; to the end of
    the as-of day."""
    row = store.conn.execute("SELECT max(started_at) FROM batch WHERE kind = 'export_meeting' AND status = 'done'"
                             " AND started_at < ?", [(as_of + dt.timedelta(days=1)).isoformat()]).fetchone()
    since = str(row[0]) if row and row[0] else due.start.isoformat()
    return Window(since, (as_of + dt.timedelta(days=1)).isoformat())


def write_changes(store: Store, window: Window, texts: ProgressTexts, title: str, writer: SheetWriter) -> None:
    reporters = reporters_between(store, window.since, window.until)
    found = changed_between(store, window.since, window.until, limit=DETAIL_LIMIT + 1)
    headers = [texts.pick(*pair) for pair in (("时间", "Time"), ("类别", "Kind"), ("记录名称", "Record"),
                                              ("变更内容", "What"), ("修改前", "Before"), ("修改后", "After"),
                                              ("报送单位", "Office"), ("来源", "Source"), ("次数", "Times"))]
    for index, width in enumerate((17, 12, 30, 14, 24, 24, 14, 10, 6)):
        writer.sheet.set_column(index, index, width)
    writer.merged(title, len(headers) - 1, writer.title, height=32)
    writer.merged(window.line(texts.lang), len(headers) - 1, writer.line, height=20)
    writer.skip()
    page_setup(writer.sheet, lang=texts.lang)
    _reporters(writer, reporters, texts)
    _details(store, writer, found, headers, texts)


def _source(source: str, texts: ProgressTexts) -> str:
    pair = SOURCES.get(source)
    return texts.pick(*pair) if pair else source


def _entity_label(key: str, texts: ProgressTexts) -> str:
    try:
        return schema.entity(key).label(texts.lang)
    except KeyError:
        return key


def _reporters(writer: SheetWriter, reporters: Sequence[ReporterCount], texts: ProgressTexts) -> None:
    writer.cells([texts.pick("一、报送情况", "1. Who reported")], [writer.section])
    writer.headers([texts.pick(*pair) for pair in (("报送单位", "Office"), ("来源", "Source"), ("类别", "Kind"),
                                                   ("记录数", "Records"), ("修改处数", "Entries"))])
    for item in reporters:
        writer.cells([item.office, _source(item.source, texts), _entity_label(item.entity, texts), item.records,
                      item.changes], [writer.label, writer.label, writer.label, writer.count, writer.count])
    if not reporters:
        writer.cells([texts.pick("本期间无变化", "Nothing changed in this period")], [writer.line])
    writer.skip()


def _details(store: Store, writer: SheetWriter, found: Sequence[FieldChange], headers: Sequence[str],
             texts: ProgressTexts) -> None:
    writer.cells([texts.pick("二、变更明细", "2. What changed")], [writer.section])
    if len(found) > DETAIL_LIMIT:
        writer.cells([texts.pick(f"（仅列出最近的 {DETAIL_LIMIT} 处）", f"(the latest {DETAIL_LIMIT} only)")],
                     [writer.line])
    header = writer.headers(headers)
    names = _record_names(store, found[:DETAIL_LIMIT], texts)
    formats = [writer.label, writer.label, writer.text, writer.label, writer.text, writer.text, writer.label,
               writer.label, writer.count]
    for change in found[:DETAIL_LIMIT]:
        entity = _entity(change.entity)
        what = (texts.pick("新增记录", "Created") if change.field is None else
                entity.field(change.field).label(texts.lang) if entity and change.field in entity.by_key
                else change.field)
        writer.cells([change.last_at[:16].replace("T", " "), _entity_label(change.entity, texts),
                      names.get(change.record_id, change.record_id), what,
                      _shown(entity, change.field, change.old, texts), _shown(entity, change.field, change.new, texts),
                      change.office, _source(change.source, texts), change.times], formats)
    writer.sheet.autofilter(header, 0, max(writer.row - 1, header), len(headers) - 1)


def _entity(key: str) -> schema.Entity | None:
    try:
        return schema.entity(key)
    except KeyError:
        return None


def _shown(entity: schema.Entity | None, key: str | None, value: object, texts: ProgressTexts) -> str:
    if value is None or value == "":
        return ""
    field = entity.by_key.get(key or "") if entity else None
    if field is not None and field.type is FieldType.REFERENCE and isinstance(value, str):
        return texts.group_label(field.reference or "", value)
    if isinstance(value, bool):
        return texts.pick("是" if value else "否", "yes" if value else "no")
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _record_names(store: Store, found: Sequence[FieldChange], texts: ProgressTexts) -> Mapping[str, str]:
    """How each changed record is named: a project by its name; an evaluation by its project and period; a
    milestone or problem by its own name or description."""
    by_entity: dict[str, set[str]] = {}
    for change in found:
        by_entity.setdefault(change.entity, set()).add(change.record_id)
    names: dict[str, str] = {}
    evaluations: dict[str, dict[str, object]] = {}
    for key, ids in by_entity.items():
        if _entity(key) is None:
            continue
        for record_id, record in store.records_by_ids(key, ids).items():
            if key == "evaluation":
                evaluations[record_id] = record
            names[record_id] = str(record.get("name") or record.get("description") or record_id)
    projects: dict[str, str] = {}
    for kind in schema.LIST_KEYS:
        wanted = [str(e["project_id"]) for e in evaluations.values() if e.get("project_kind") == kind]
        projects.update((i, str(r.get("name"))) for i, r in store.records_by_ids(kind, wanted).items())
    for record_id, evaluation in evaluations.items():
        names[record_id] = f"{projects.get(str(evaluation['project_id']), evaluation['project_id'])}" \
                           f" {evaluation['period']}"
    return names
