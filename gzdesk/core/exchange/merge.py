"""Matching imported rows to records and planning what changes: by record id, else by natural key.

Trust (EXCHANGE.md): a workbook that answers one of our own exports (its export id is in our ledger) may update
the records we sent. Any other file's changes to records owned by this office are *held* for review and applied
only when the clerk accepts them (audited as such); records owned by other offices may be updated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.exchange.diff import Decision, FieldChange, as_sent, diff_record
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


#: What matching needs of a record found by its id (and ``enterprise`` where the list has it); its field values are
#: read only when the row differs from the values as sent (re-importing an untouched exchange workbook reads 5
#: columns instead of 60).
_MATCH_COLUMNS = ("id", "revision", "owner_office", "natural_key")


class KnownRecords:
    """The records import rows may match, fetched in bulk as the rows arrive: by record id (only the columns
    matching needs: :data:`_MATCH_COLUMNS`), and whole by natural key for rows whose id names no record (or that
    have none). :func:`match_rows` fetches whatever is still missing."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_id: dict[str, dict[str, dict[str, object]]] = {key: {} for key in schema.LIST_KEYS}
        self.by_key: dict[str, dict[str, list[dict[str, object]]]] = {key: {} for key in schema.LIST_KEYS}
        self._asked_ids: dict[str, set[str]] = {key: set() for key in schema.LIST_KEYS}
        self._asked_keys: dict[str, set[str]] = {key: set() for key in schema.LIST_KEYS}

    def fetch(self, rows: Sequence[ImportRow]) -> None:
        for list_key in {r.list_key for r in rows}:
            mine = [r for r in rows if r.list_key == list_key]
            asked = self._asked_ids[list_key]
            ids = [i for i in dict.fromkeys(r.record_id for r in mine if r.record_id) if i not in asked]
            asked.update(ids)
            by_id = self.by_id[list_key]
            extra = ("enterprise",) if "enterprise" in schema.entity(list_key).by_key else ()
            by_id.update(self.store.records_by_ids(list_key, ids, columns=(*_MATCH_COLUMNS, *extra)))
            asked = self._asked_keys[list_key]
            keys = [k for k in dict.fromkeys(r.natural_key for r in mine if r.natural_key and r.record_id not in by_id)
                    if k not in asked]
            asked.update(keys)
            self.by_key[list_key].update(self.store.records_by_natural_key(list_key, keys))


def match_rows(store: Store, rows: Sequence[ImportRow], *, bases: Mapping[str, BaseRecord],
               trusted_export: bool, allow_updates: bool = True, known: KnownRecords | None = None) -> MatchResult:
    """Match every row (id first, then natural key + enterprise) and diff the matched ones three ways.

    ``known`` holds records fetched beforehand (while the file was still being read); the rest are fetched here.
    A row that holds exactly its base (the values as sent) changes nothing and is settled without reading the
    record's values; the others are diffed against the whole record, read in bulk."""
    new: list[ImportRow] = []
    unchanged: list[tuple[ImportRow, str]] = []
    updates: list[RecordUpdate] = []
    ambiguous: list[tuple[ImportRow, int]] = []
    known = known or KnownRecords(store)
    known.fetch(rows)
    for list_key in schema.LIST_KEYS:
        by_id, by_key = known.by_id[list_key], known.by_key[list_key]
        matched: list[tuple[ImportRow, Mapping[str, object], bool]] = []  # row, record, needs diffing
        partial: list[str] = []  # records found by id (only their matching columns) that need diffing
        for row in (r for r in rows if r.list_key == list_key):
            record: Mapping[str, object] | None = by_id.get(row.record_id or "")
            if record is not None:
                settled = not allow_updates or as_sent(_in_order(row.present), row.values,
                                                       _base_values(row, str(record["id"]), bases))
                if not settled:
                    partial.append(str(record["id"]))
                matched.append((row, record, not settled))
                continue
            candidates = [c for c in by_key.get(row.natural_key or "", [])
                          if same_enterprise(c.get("enterprise"), row.values.get("enterprise"))]
            if len(candidates) > 1:
                ambiguous.append((row, len(candidates)))
            elif candidates:
                matched.append((row, candidates[0], allow_updates))
            else:
                new.append(row)
        whole = store.records_by_ids(list_key, partial)
        for row, record, to_diff in matched:
            record_id = str(record["id"])
            update = _diff(store, row, whole.get(record_id, record), bases, trusted_export) if to_diff else None
            if update is None:
                unchanged.append((row, record_id))
            else:
                updates.append(update)
    return MatchResult(tuple(new), tuple(unchanged), tuple(updates), tuple(ambiguous))


@functools.lru_cache(maxsize=64)
def _in_order(present: frozenset[str]) -> tuple[str, ...]:
    """The fields of a sheet in the order they are compared (every row of a sheet shares its ``present`` set)."""
    return tuple(sorted(present))


def _base_values(row: ImportRow, record_id: str, bases: Mapping[str, BaseRecord]) -> Mapping[str, object] | None:
    """The values as sent of the record a row matched, when the workbook carries them trusted for its list."""
    base = bases.get(record_id)
    return base.values if base is not None and base.trusted and base.list_key == row.list_key else None


def _diff(store: Store, row: ImportRow, record: Mapping[str, object], bases: Mapping[str, BaseRecord],
          trusted_export: bool) -> RecordUpdate | None:
    record_id = str(record["id"])
    changes = diff_record(_in_order(row.present), row.values, record, _base_values(row, record_id, bases))
    if not changes:
        return None
    held = not trusted_export and record.get("owner_office") == store.office
    return RecordUpdate(row.list_key, record_id, int(record["revision"]), row,  # type: ignore[call-overload]
                        tuple(changes), held)


def not_in_file(bases: Mapping[str, BaseRecord], rows: Iterable[ImportRow]) -> tuple[tuple[str, str], ...]:
    """(list, id) of the records the export sent that the returned file no longer has (never deleted)."""
    seen = {r.record_id for r in rows if r.record_id}
    return tuple((b.list_key, b.record_id) for b in bases.values()
                 if b.record_id not in seen and b.list_key in schema.LIST_KEYS)  # evaluation bases: not records


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
