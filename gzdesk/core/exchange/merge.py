"""Matching imported rows to records and planning what changes: by record id, else by natural key.

Trust (EXCHANGE.md): a workbook that answers one of our own exports (its export id is in our ledger) may update
the records we sent. Any other file's changes to records owned by this office are *held* for review and applied
only when the clerk accepts them (audited as such); records owned by other offices may be updated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.exchange.diff import Decision, FieldChange, diff_record
from gzdesk.core.exchange.meta import BaseRecord
from gzdesk.core.matching import normalise_name
from gzdesk.core.store import Store


@dataclass(frozen=True)
class ImportRow:
    """One data row of the file, coerced: its values (only for columns the sheet has) and where it came from."""

    list_key: str
    sheet: str
    row: int
    values: dict[str, object]
    natural_key: str | None
    record_id: str | None = None  # from the exchange workbook's id column
    present: frozenset[str] = frozenset()  # the fields whose column the sheet has

    @property
    def origin(self) -> str:
        return f"{self.sheet}!{self.row}"


@dataclass(frozen=True)
class RecordUpdate:
    """What one matched row would change in its record."""

    list_key: str
    record_id: str
    revision: int
    row: ImportRow
    changes: tuple[FieldChange, ...]
    held: bool  # changes to one of our records from a file we did not send: applied only when accepted

    @property
    def conflicts(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.decision is Decision.CONFLICT)


@dataclass(frozen=True)
class MatchResult:
    new: tuple[ImportRow, ...]
    unchanged: tuple[tuple[ImportRow, str], ...]
    updates: tuple[RecordUpdate, ...]
    ambiguous: tuple[tuple[ImportRow, int], ...]  # rows whose natural key names several records


def same_enterprise(first: object, second: object) -> bool:
    """For two rows with the same natural key: the enterprise breaks the tie only when both name one."""
    if isinstance(first, str) and isinstance(second, str) and first and second:
        return normalise_name(first) == normalise_name(second)
    return True


def match_rows(store: Store, rows: Sequence[ImportRow], *, bases: Mapping[str, BaseRecord],
               trusted_export: bool, allow_updates: bool = True) -> MatchResult:
    """Match every row (id first, then natural key + enterprise) and diff the matched ones three ways."""
    new: list[ImportRow] = []
    unchanged: list[tuple[ImportRow, str]] = []
    updates: list[RecordUpdate] = []
    ambiguous: list[tuple[ImportRow, int]] = []
    for list_key in schema.LIST_KEYS:
        mine = [r for r in rows if r.list_key == list_key]
        by_id = store.records_by_ids(list_key, (r.record_id for r in mine if r.record_id))
        by_key = store.records_by_natural_key(list_key, (r.natural_key for r in mine
                                                         if r.natural_key and r.record_id not in by_id))
        for row in mine:
            record = by_id.get(row.record_id or "")
            if record is None:
                candidates = [c for c in by_key.get(row.natural_key or "", [])
                              if same_enterprise(c.get("enterprise"), row.values.get("enterprise"))]
                if len(candidates) > 1:
                    ambiguous.append((row, len(candidates)))
                    continue
                record = candidates[0] if candidates else None
            if record is None:
                new.append(row)
                continue
            update = _diff(store, row, record, bases, trusted_export) if allow_updates else None
            if update is None:
                unchanged.append((row, str(record["id"])))
            else:
                updates.append(update)
    return MatchResult(tuple(new), tuple(unchanged), tuple(updates), tuple(ambiguous))


def _diff(store: Store, row: ImportRow, record: Mapping[str, object], bases: Mapping[str, BaseRecord],
          trusted_export: bool) -> RecordUpdate | None:
    record_id = str(record["id"])
    base = bases.get(record_id)
    base_values = base.values if base is not None and base.trusted and base.list_key == row.list_key else None
    changes = diff_record(sorted(row.present), row.values, record, base_values)
    if not changes:
        return None
    held = not trusted_export and record.get("owner_office") == store.office
    return RecordUpdate(row.list_key, record_id, int(record["revision"]), row,  # type: ignore[call-overload]
                        tuple(changes), held)


def not_in_file(bases: Mapping[str, BaseRecord], rows: Iterable[ImportRow]) -> tuple[tuple[str, str], ...]:
    """(list, id) of the records the export sent that the returned file no longer has (never deleted)."""
    seen = {r.record_id for r in rows if r.record_id}
    return tuple((b.list_key, b.record_id) for b in bases.values() if b.record_id not in seen)


def resolved_value(change: FieldChange, *, policy: str, choice: object = None, has_choice: bool = False
                   ) -> tuple[bool, object]:
    """(write?, value) for one change: takes are written; a conflict follows the clerk's choice ("mine", "theirs"
    or an edited value) or else the policy (keep-mine / take-theirs)."""
    if change.decision is Decision.TAKE:
        return True, change.theirs
    if has_choice:
        if choice == "mine":
            return False, None
        return True, change.theirs if choice == "theirs" else choice
    if policy == "take-theirs":
        return True, change.theirs
    return False, None
