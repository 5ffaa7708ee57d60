"""Undo a whole import — or a saved evaluation round (batch kind ``evaluation_round``) — later, even after other
work: created records go, changed fields get their old values.

Where a field (or a created record) was edited after the batch, undoing would throw that later edit away, so it is
listed in :attr:`UndoPlan.edited_since` and left alone unless the clerk says to overwrite it. A created evaluation
that has since been given milestones or problems counts as edited too (deleting it alone would leave them without
their evaluation): overwriting deletes them with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from gzdesk.core import audit, backup, batches, messages, schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.exchange.diff import same
from gzdesk.core.store import Store

messages.register({
    "undo.not_found": ("找不到导入批次 {batch}", "Import batch {batch} not found"),
    "undo.not_undoable": ("批次 {batch} 的状态是“{status}”，不能撤销", "Batch {batch} is {status}; it cannot be undone"),
    "undo.edited_since": ("{count} 处在导入后又被修改过，已保留；如需一并撤销请确认覆盖",
                          "{count} field(s) were edited after the import and were kept; confirm to overwrite them too"),
    "undo.round_edited_since": ("{count} 处在保存后又被修改过，已保留；如需一并撤销请确认覆盖",
                                "{count} field(s) were edited after the save and were kept; confirm to overwrite them "
                                "too"),
})


#: The batch kinds an undo takes: imports and the bulk entry of an evaluation round
UNDOABLE_KINDS = ("import", "evaluation_round")
_EVALUATION = schema.EVALUATION.key
_DETAILS = tuple(entity.key for entity in schema.CHILD_ENTITIES)


@dataclass(frozen=True)
class FieldRestore:
    entity: str
    record_id: str
    field: str
    old: object  # the value before the import (restored)
    imported: object  # what the import wrote
    current: object  # what the record holds now


@dataclass(frozen=True)
class UndoPlan:
    batch: str
    delete: tuple[tuple[str, str], ...]  # (entity, record id) created by the import, untouched since
    restore: tuple[FieldRestore, ...]  # fields to set back, unchanged since the import
    edited_since: tuple[FieldRestore, ...]  # later edits undoing would overwrite (field None: a created record)


def plan_undo(store: Store, batch_id: str) -> UndoPlan:
    """What undoing ``batch_id`` would do, and which later edits it would overwrite."""
    batch = batches.get(store, batch_id)
    if batch is None:
        raise NotFound("undo.not_found", batch=batch_id)
    if batch.status != "done" or batch.kind not in UNDOABLE_KINDS:
        raise InputRefused("undo.not_undoable", batch=batch_id, status=batch.status)
    entries = audit.entries_for_batch(store.conn, batch_id)
    last_seq = max((e.seq for e in entries), default=0)
    delete: list[tuple[str, str]] = []
    restore: list[FieldRestore] = []
    edited: list[FieldRestore] = []
    for entry in entries:
        later = [e for e in audit.history(store.conn, entry.record_id) if e.seq > last_seq]
        record = store.record(entry.entity, entry.record_id)
        if entry.action == "create":
            if record is None:
                continue
            if later:
                edited.append(FieldRestore(entry.entity, entry.record_id, "", None, None, None))
            else:
                delete.append((entry.entity, entry.record_id))
        elif entry.action == "update" and entry.field and record is not None:
            change = FieldRestore(entry.entity, entry.record_id, entry.field, entry.old, entry.new,
                                  record.get(entry.field))
            (restore if same(change.current, change.imported) else edited).append(change)
    _keep_details_with_their_evaluation(store, delete, edited)
    return UndoPlan(batch_id, tuple(delete), tuple(restore), tuple(edited))


def _keep_details_with_their_evaluation(store: Store, delete: list[tuple[str, str]],
                                        edited: list[FieldRestore]) -> None:
    """A created evaluation whose milestones or problems would outlive it (added or edited since) is not deleted
    unless the clerk overwrites later edits; those milestones and problems are listed with it, so overwriting
    deletes them too (never an orphan)."""
    deleting = set(delete)
    listed = {(r.entity, r.record_id) for r in edited if not r.field}
    for evaluation in [key for key in (*delete, *listed) if key[0] == _EVALUATION]:
        kept = [child for child in _details(store, evaluation[1]) if child not in deleting]
        if not kept:
            continue
        if evaluation in deleting:
            delete.remove(evaluation)
            deleting.discard(evaluation)
            edited.append(FieldRestore(_EVALUATION, evaluation[1], "", None, None, None))
        for kind, child in kept:
            if (kind, child) not in listed:
                listed.add((kind, child))
                edited.append(FieldRestore(kind, child, "", None, None, None))


def _details(store: Store, evaluation_id: str) -> list[tuple[str, str]]:
    """(kind, id) of an evaluation's milestones and problems."""
    return [(kind, str(row[0])) for kind in _DETAILS for row in store.conn.execute(
        f"SELECT id FROM [{schema.entity(kind).table}] WHERE evaluation_id = ? ORDER BY rid", [evaluation_id])]


def apply_undo(store: Store, plan: UndoPlan, *, overwrite_edited: bool = False) -> list[ChangeSet]:
    """Undo in one transaction (after a verified backup); the batch (import or round) becomes ``undone``."""
    backup.backup(store.conn, store.path, reason="before-undo")
    undo_batch = batches.start(store, "undo", file_name=plan.batch)
    restores = list(plan.restore) + [r for r in plan.edited_since if r.field and overwrite_edited]
    deletions = list(plan.delete) + [(r.entity, r.record_id) for r in plan.edited_since
                                     if not r.field and overwrite_edited]
    changes: list[ChangeSet] = []
    try:
        with store.transaction() as conn:
            by_record: dict[tuple[str, str], dict[str, object]] = {}
            for item in restores:
                by_record.setdefault((item.entity, item.record_id), {})[item.field] = item.old
            for (entity, record_id), values in by_record.items():
                changes.append(store.update(entity, record_id, values, source="undo", batch=undo_batch))
            for entity in sorted({e for e, _ in deletions}):
                ids = [record_id for e, record_id in deletions if e == entity]
                changes.append(store.delete(entity, ids, source="undo", batch=undo_batch))
            batches.finish(conn, undo_batch, {"undid": plan.batch, "restored": len(restores),
                                              "deleted": len(deletions)})
            batches.set_status(conn, plan.batch, "undone")
    except BaseException:
        batches.abandon(store, undo_batch)
        raise
    return changes
