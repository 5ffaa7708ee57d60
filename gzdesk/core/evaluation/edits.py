"""Undoable steps of the evaluation timeline: add, edit or delete an evaluation; add, edit (mark done, resolve,
reopen) or delete a milestone or problem. Built on :mod:`gzdesk.core.edits` — the same
:class:`~gzdesk.core.edits.RecordEdit` steps sharing one :class:`~gzdesk.core.edits.RevisionLedger` per history,
audited with source ``undo`` after the first write, refused (nothing written) when somebody else changed the record
since.

Every first write goes through the evaluation rules: an evaluation through :func:`records.add_evaluation` /
:func:`records.update_evaluation` (the plain :class:`~gzdesk.core.edits.UpdateRecords` and ``CreateRecord`` would
store judgement and light as given, bypassing the office's rule and the one-evaluation-per-period check), a
milestone or problem through :mod:`gzdesk.core.evaluation.details` (its status rules). Then:

* undoing an added evaluation deletes it with its milestones and problems — refused when one of those was added
  or changed by anybody but this history — and redoing brings the same evaluation back (same id);
* deleting an evaluation takes its milestones and problems along (the cascade of
  :class:`~gzdesk.core.edits.DeleteRecords`, as the table deletes); undo restores all of them with their ids —
  refused when the project's period was evaluated again meanwhile — and redo deletes them again;
* undoing an evaluation edit passes the old values to :func:`records.update_evaluation` again, so judgement and
  light are recomputed by the rule (or set back to the clerk's override, with its reason);
* a milestone's or problem's undo and redo write back the values it held (they obeyed the rules when written);
  none is brought back to an evaluation that is gone.

The summary table ``evaluation_latest`` follows every one of these writes through its triggers.
"""

from __future__ import annotations

from collections.abc import Mapping

from gzdesk.core import messages
from gzdesk.core.audit import ChangeSet
from gzdesk.core.edits import UNDO_SOURCE, CreateRecord, DeleteRecords, RecordEdit, RevisionLedger, UpdateRecords
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.evaluation import details, records
from gzdesk.core.store import Store

messages.register({
    "evaluation.details_changed": ("这条评估的节点或问题已在别处添加或修改",
                                   "Its milestones or problems were added or changed elsewhere"),
})

_OVERRIDE = (*records.OVERRIDE_FIELDS, "override_reason")


class AddEvaluation(CreateRecord):
    """Add the evaluation ``values`` describe (``project_kind``, ``project_id``, ``period`` and the figures),
    judged by the office's rule unless they carry an override with its reason."""

    def __init__(self, values: Mapping[str, object], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        super().__init__(records.ENTITY, values, source=source, ledger=ledger)

    def write_new(self, store: Store) -> ChangeSet:
        return records.add_evaluation(store, self.values, source=self.source).changes

    def apply(self, store: Store) -> ChangeSet:
        removal = self.removal
        if removal is None:
            return super().apply(store)
        evaluation = removal.snapshots[0]
        with store.transaction():  # redo: the same evaluation, unless the period was evaluated again meanwhile
            if records.existing_id(store, str(evaluation["project_id"]), str(evaluation["period"])) is not None:
                raise InputRefused("evaluation.duplicate", project_id=evaluation["project_id"],
                                   period=evaluation["period"])
            changes = super().apply(store)
        self.ledger.written({str(row["id"]): int(row["revision"]) + 1  # type: ignore[call-overload]
                             for _, rows in removal.children for row in rows})
        return changes

    def revert(self, store: Store) -> ChangeSet:
        if self.record_id is None:
            raise RuntimeError("the evaluation was not added")
        with store.transaction():
            _refuse_foreign_details(store, self.ledger, self.record_id)
            changes = super().revert(store)
        removal = self.removal
        if removal is not None:
            self.ledger.forget(str(row["id"]) for _, rows in removal.children for row in rows)
        return changes


class DeleteEvaluation(DeleteRecords):
    """Delete the evaluation ``original`` (as the clerk saw it, with ``id`` and ``revision``: refused when changed
    since) with its milestones and problems, as :class:`~gzdesk.core.edits.DeleteRecords` deletes an evaluation from
    the table. Undo restores the evaluation and every one of them (``evaluation_latest`` follows), unless another
    evaluation of the same project and period was added meanwhile (``evaluation.duplicate``); the history's later
    undos of those milestones and problems expect the revisions the restore left."""

    def __init__(self, original: Mapping[str, object], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        self.evaluation_id = str(original["id"])
        revision = int(original["revision"])  # type: ignore[call-overload]
        super().__init__(records.ENTITY, [self.evaluation_id], revisions={self.evaluation_id: revision},
                         source=source, ledger=ledger)

    def apply(self, store: Store) -> ChangeSet:
        changes = super().apply(store)
        self.ledger.forget(str(row["id"]) for _, rows in self.children for row in rows)
        return changes

    def revert(self, store: Store) -> ChangeSet:
        with store.transaction():
            for evaluation in self.snapshots:
                if records.existing_id(store, str(evaluation["project_id"]), str(evaluation["period"])) is not None:
                    raise InputRefused("evaluation.duplicate", project_id=evaluation["project_id"],
                                       period=evaluation["period"])
            changes = super().revert(store)
        self.ledger.written({str(row["id"]): int(row["revision"]) + 1  # type: ignore[call-overload]
                             for _, rows in self.children for row in rows})
        return changes


class EditEvaluation(RecordEdit):
    """Change fields of the evaluation ``original`` (as the clerk saw it, with ``id`` and ``revision``) through
    :func:`records.update_evaluation`; undo passes the old values back the same way."""

    def __init__(self, original: Mapping[str, object], changes: Mapping[str, object], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        self.kind = records.ENTITY
        self.source = source
        self.ledger = ledger or RevisionLedger()
        self.evaluation_id = str(original["id"])
        self.changes = dict(changes)
        self.restoring: dict[str, object] = {}  # what the undo passes to update_evaluation
        self._seen: int | None = int(original["revision"])  # type: ignore[call-overload]

    @property
    def count(self) -> int:
        return 1

    def apply(self, store: Store) -> ChangeSet:
        with store.transaction():
            before = store.record(self.kind, self.evaluation_id)
            if before is None:
                raise NotFound("evaluation.not_found", evaluation_id=self.evaluation_id)
            changes = self._write(store, self.changes, source=self.source)
            self.restoring = restoring(before, changes.updated.get(self.evaluation_id, ()))
        self.source = UNDO_SOURCE
        return changes

    def revert(self, store: Store) -> ChangeSet:
        return self._write(store, self.restoring, source=UNDO_SOURCE)

    def _write(self, store: Store, values: Mapping[str, object], *, source: str) -> ChangeSet:
        expected = self._seen if self._seen is not None else \
            self.ledger.expected([self.evaluation_id]).get(self.evaluation_id)
        with store.transaction():
            write = records.update_evaluation(store, self.evaluation_id, values, source=source,
                                              expected_revision=expected)
            self.ledger.written(store.revisions(self.kind, [self.evaluation_id]))
        self._seen = None  # from now on: what the history left
        return write.changes


def restoring(before: Mapping[str, object], fields: tuple[str, ...]) -> dict[str, object]:
    """The changes that give an evaluation back the ``fields`` it had in ``before``: the plain values as they
    were, and the clerk's override with its reason when it had one (no override: the rule judges again)."""
    values = {key: before.get(key) for key in fields if key not in _OVERRIDE}
    if str(before.get("override_reason") or "").strip():
        values.update({key: before.get(key) for key in _OVERRIDE})
    else:
        values["override_reason"] = None
    return values


def _refuse_foreign_details(store: Store, ledger: RevisionLedger, evaluation_id: str) -> None:
    """Refuses (``evaluation.details_changed``) when the evaluation has a milestone or problem this history did not
    leave as it is now."""
    for kind in details.DETAIL_KINDS:
        found = {str(row["id"]): int(row["revision"])  # type: ignore[call-overload]
                 for row in details.details_of(store, kind, [evaluation_id])}
        if ledger.expected(found) != found:
            raise InputRefused("evaluation.details_changed")


class AddDetail(CreateRecord):
    """Add a milestone or problem (``kind``) to an evaluation under the status rules; undo deletes it (unless
    changed since), redo brings the same one back while its evaluation exists."""

    def __init__(self, kind: str, evaluation_id: str, values: Mapping[str, object], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        super().__init__(kind, values, source=source, ledger=ledger)
        self.evaluation_id = evaluation_id

    def write_new(self, store: Store) -> ChangeSet:
        return details.add_detail(store, self.kind, self.evaluation_id, self.values, source=self.source)

    def apply(self, store: Store) -> ChangeSet:
        if self.removal is None:
            return super().apply(store)
        with store.transaction():
            details.require_evaluation(store, self.evaluation_id)
            return super().apply(store)


class EditDetail(UpdateRecords):
    """Change fields of a milestone or problem (``record`` as the clerk saw it) under the status rules — an edit,
    marking done (:func:`details.completing`), resolving (:func:`details.resolving`), reopening
    (:func:`details.reopening`); undo and redo write the stored values before and after it."""

    def __init__(self, kind: str, record: Mapping[str, object], changes: Mapping[str, object], *,
                 source: str = "form", ledger: RevisionLedger | None = None) -> None:
        if kind not in details.DETAIL_KINDS:
            raise ValueError(f"{kind!r} is not one of {details.DETAIL_KINDS}")
        self.record_id = str(record["id"])
        super().__init__(kind, [record], {self.record_id: changes}, source=source, ledger=ledger)
        self._written = False

    def apply(self, store: Store) -> ChangeSet:
        if self._written:
            return super().apply(store)
        expected = (self._seen or {}).get(self.record_id)
        with store.transaction():
            before = details.detail(store, self.kind, self.record_id)
            changes = details.update_detail(store, self.kind, self.record_id, self.after[self.record_id],
                                            source=self.source, expected_revision=expected)
            after = details.detail(store, self.kind, self.record_id)
        fields = changes.updated.get(self.record_id, ())
        self.before = {self.record_id: {key: before.get(key) for key in fields}}
        self.after = {self.record_id: {key: after.get(key) for key in fields}}
        self.ledger.written({self.record_id: int(after["revision"])})  # type: ignore[call-overload]
        self._seen, self.source, self._written = None, UNDO_SOURCE, True
        return changes


class DeleteDetail(DeleteRecords):
    """Delete a milestone or problem (``record`` as the clerk saw it: refused when changed since); undo restores
    it whole with its id, while its evaluation exists."""

    def __init__(self, kind: str, record: Mapping[str, object], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        if kind not in details.DETAIL_KINDS:
            raise ValueError(f"{kind!r} is not one of {details.DETAIL_KINDS}")
        record_id = str(record["id"])
        revision = int(record["revision"])  # type: ignore[call-overload]
        super().__init__(kind, [record_id], revisions={record_id: revision}, source=source, ledger=ledger)

    def revert(self, store: Store) -> ChangeSet:
        with store.transaction():
            for snapshot in self.snapshots:
                details.require_evaluation(store, str(snapshot["evaluation_id"]))
            return super().revert(store)
