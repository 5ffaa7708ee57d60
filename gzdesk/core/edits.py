"""Undoable edits of records: create, change (one record or many at once) and delete.

Each edit applies through the :class:`~gzdesk.core.store.Store` — validated where the values are new, audited in
the same transaction as any write, and guarded by the records' revisions — and can take itself back the same way:
undoing a change writes the old values back, undoing a delete restores the records with their ids, undoing a
create deletes the record.

The edits of one history share a :class:`RevisionLedger`: the revision every record was left at by the history's
own last write. An undo or redo expects exactly that revision, so the history's own later steps (undone first)
never block it, while a change made by somebody else since (another window, an import, the CLI) makes the store
refuse with ``record.stale`` (or ``record.not_found`` / ``record.exists``) and nothing is written. Every step
returns the :class:`~gzdesk.core.audit.ChangeSet` it wrote, so views refresh from it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence

from gzdesk.core import schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.store import Store

UNDO_SOURCE = "undo"  # the audit source of every write the history makes after the first (undo and redo)


class RevisionLedger:
    """Record id → the revision the history's last write left the record at (absent: deleted, or never
    written)."""

    def __init__(self) -> None:
        self._known: dict[str, int] = {}

    def expected(self, record_ids: Iterable[str]) -> dict[str, int]:
        """The revisions to insist on before writing these records again (only the ones the history knows)."""
        return {record_id: self._known[record_id] for record_id in record_ids if record_id in self._known}

    def written(self, revisions: Mapping[str, int]) -> None:
        self._known.update(revisions)

    def forget(self, record_ids: Iterable[str]) -> None:
        for record_id in record_ids:
            self._known.pop(record_id, None)


class RecordEdit(ABC):
    """One step of the clerk's edit history over the records of one list or entity (``kind``)."""

    kind: str
    ledger: RevisionLedger

    @abstractmethod
    def apply(self, store: Store) -> ChangeSet:
        """Do (or redo) the edit; raises a :class:`~gzdesk.core.errors.GzdeskError` and changes nothing when it
        cannot."""

    @abstractmethod
    def revert(self, store: Store) -> ChangeSet:
        """Take the edit back; raises and changes nothing when the records were changed since."""

    @property
    @abstractmethod
    def count(self) -> int:
        """How many records the edit touches."""


class UpdateRecords(RecordEdit):
    """Set fields of one or more records in one transaction (a form edit, a bulk edit).

    ``originals`` are the records as the clerk saw them (with ``id`` and ``revision``); ``changes`` maps record id
    → the new values. The first apply is refused when a record is no longer at the revision of its original.
    """

    def __init__(self, kind: str, originals: Iterable[Mapping[str, object]],
                 changes: Mapping[str, Mapping[str, object]], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        self.kind = kind
        self.source = source
        self.ledger = ledger or RevisionLedger()
        by_id = {str(record["id"]): record for record in originals}
        missing = set(changes) - set(by_id)
        if missing:
            raise ValueError(f"no original for {sorted(missing)}")
        self.after = {record_id: dict(values) for record_id, values in changes.items()}
        self.before = {record_id: {key: by_id[record_id].get(key) for key in values}
                       for record_id, values in self.after.items()}
        self._seen: dict[str, int] | None = {record_id: int(by_id[record_id]["revision"])  # type: ignore[call-overload]
                                             for record_id in self.after}

    @property
    def count(self) -> int:
        return len(self.after)

    def apply(self, store: Store) -> ChangeSet:
        changes = self._write(store, self.after, source=self.source, validate=True)
        self.source = UNDO_SOURCE
        return changes

    def revert(self, store: Store) -> ChangeSet:
        return self._write(store, self.before, source=UNDO_SOURCE, validate=False)

    def _write(self, store: Store, values: Mapping[str, Mapping[str, object]], *, source: str,
               validate: bool) -> ChangeSet:
        expected = self._seen if self._seen is not None else self.ledger.expected(values)
        changes = store.update_many(self.kind, values, source=source, expected_revisions=expected,
                                    validate=validate)
        self._seen = None  # from now on: what the history left
        self.ledger.written({record_id: expected[record_id] + (record_id in changes.updated)
                             for record_id in values if record_id in expected})
        return changes


class DeleteRecords(RecordEdit):
    """Delete records (each kept whole so the undo can restore it with the same id, values and place).

    ``revisions`` (record id → revision, e.g. what the table showed) refuses the first delete when a record was
    changed since; without it the records are deleted as they are now.
    """

    def __init__(self, kind: str, record_ids: Sequence[str], *, revisions: Mapping[str, int] | None = None,
                 source: str = "form", ledger: RevisionLedger | None = None) -> None:
        self.kind = kind
        self.source = source
        self.ledger = ledger or RevisionLedger()
        self.record_ids = list(dict.fromkeys(record_ids))
        self._seen: dict[str, int] | None = dict(revisions) if revisions is not None else None
        self._first = True
        self.snapshots: list[dict[str, object]] = []
        self.children: list[tuple[str, list[dict[str, object]]]] = []  # an evaluation's milestones and problems

    @property
    def count(self) -> int:
        return len(self.record_ids)

    def apply(self, store: Store) -> ChangeSet:
        expected = (self._seen or {}) if self._first else self.ledger.expected(self.record_ids)
        with store.transaction():
            found = store.records_by_ids(self.kind, self.record_ids)
            snapshots = [found[record_id] for record_id in self.record_ids if record_id in found]
            self.children = _delete_children(store, self.kind, self.record_ids, source=self.source)
            changes = store.delete(self.kind, self.record_ids, source=self.source, expected_revisions=expected)
        self.snapshots, self._first, self.source = snapshots, False, UNDO_SOURCE
        self.ledger.forget(self.record_ids)
        return changes

    def revert(self, store: Store) -> ChangeSet:
        with store.transaction():
            changes = store.restore(self.kind, self.snapshots, source=UNDO_SOURCE)
            for kind, records in self.children:
                store.restore(kind, records, source=UNDO_SOURCE)
        self.ledger.written({str(s["id"]): int(s["revision"]) + 1 for s in self.snapshots})  # type: ignore[call-overload]
        return changes


def _delete_children(store: Store, kind: str, record_ids: Sequence[str], *, source: str
                     ) -> list[tuple[str, list[dict[str, object]]]]:
    """An evaluation's milestones and problems go with it (kept whole, for the undo): never left behind orphaned."""
    if kind != schema.EVALUATION.key or not record_ids:
        return []
    removed: list[tuple[str, list[dict[str, object]]]] = []
    marks = ", ".join("?" for _ in record_ids)
    for child in schema.CHILD_ENTITIES:
        ids = [str(row[0]) for row in store.conn.execute(
            f"SELECT id FROM [{child.table}] WHERE evaluation_id IN ({marks}) ORDER BY rid", list(record_ids))]
        if ids:
            found = store.records_by_ids(child.key, ids)
            removed.append((child.key, [dict(found[i]) for i in ids if i in found]))
            store.delete(child.key, ids, source=source)
    return removed


class CreateRecord(RecordEdit):
    """Add one record (validated). Undo deletes it — unless it was changed since — and redo brings back that same
    record (same id)."""

    def __init__(self, kind: str, values: Mapping[str, object], *, source: str = "form",
                 ledger: RevisionLedger | None = None) -> None:
        self.kind = kind
        self.source = source
        self.ledger = ledger or RevisionLedger()
        self.values = dict(values)
        self.record_id: str | None = None
        self._removal: DeleteRecords | None = None  # the inverse edit, once the record exists
        self._removed = False

    @property
    def count(self) -> int:
        return 1

    def apply(self, store: Store) -> ChangeSet:
        if self._removal is None:
            changes = self.write_new(store)
            self.record_id = changes.created[0]
            self.ledger.written({self.record_id: 1})
            self._removal = DeleteRecords(self.kind, [self.record_id], source=UNDO_SOURCE, ledger=self.ledger)
            self._removal._first = False  # every delete of it is an undo: it expects what the history left
            return changes
        changes = self._removal.revert(store)
        self._removed = False
        return changes

    def write_new(self, store: Store) -> ChangeSet:
        """The first write, adding the record (the change set's first created id, at revision 1); a subclass adds
        through its own rules."""
        return store.create(self.kind, self.values, source=self.source)

    @property
    def removal(self) -> DeleteRecords | None:
        """The inverse edit (None until the record was created): its ``snapshots`` and ``children`` are what the
        last undo deleted."""
        return self._removal

    def revert(self, store: Store) -> ChangeSet:
        if self._removal is None or self._removed:
            raise RuntimeError("the record was not created")
        changes = self._removal.apply(store)
        self._removed = True
        return changes
