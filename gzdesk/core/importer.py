"""Importing a workbook: read → find tables → coerce → check → dedupe → match → diff → apply in one transaction.

``plan_import`` only reads (the file and the database) and returns an :class:`ImportPlan` that says everything
the import would do: new records, changed fields (three-way against the exchange workbook's base), conflicts,
changes held for review, problems. ``apply_import`` writes it in one transaction, with its audit entries and its
ledger row, after a verified backup. Nothing is written for a refused file, and nothing is ever deleted.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ParamSpec, TypeVar

from gzdesk.core import backup, batches, messages, schema, write_refusal
from gzdesk.core.errors import DatabaseRefused, DecisionNeeded, InputRefused, WriteRefused
from gzdesk.core.excel.coerce_table import CoercedRows, id_column
from gzdesk.core.excel.mapping import ColumnMapping
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.read_worker import NotesRead, ReadRequest, TablesFound, WorkbookRead, read_for_import
from gzdesk.core.excel.table import FoundTable, SkippedSheet
from gzdesk.core.exchange import merge
from gzdesk.core.exchange.evaluations import EvaluationPlan, NewProject, apply_evaluation_plan, plan_evaluations
from gzdesk.core.exchange.merge import ImportRow, RecordUpdate
from gzdesk.core.exchange.meta import ExportInfo, parse_meta
from gzdesk.core.progress import NoProgress, Progress, check_cancelled
from gzdesk.core.store import Store

__all__ = ["ImportPlan", "ImportReport", "ImportRow", "apply_import", "plan_import"]

messages.register({
    "import.no_table": ("“{file}”中没有找到项目清单（{reasons}）", "No project list found in {file} ({reasons})"),
    "import.invalid_rows": ("有 {count} 行数据有错误，未导入任何数据。请改正后重新导入，或选择跳过错误行",
                            "{count} row(s) have errors; nothing was imported. Fix them and import again, or choose to "
                            "skip invalid rows"),
    "import.conflicts": ("有 {count} 个项目的字段双方都改过（冲突），未导入任何数据。请逐项选择，或选择“保留我的”/“采用对方的”",
                         "{count} record(s) have fields changed on both sides (conflicts); nothing was imported. "
                         "Resolve them, or choose keep-mine or take-theirs"),
    "import.duplicate_differs": ("与第 {other} 行是同一项目（名称和所属区相同），但内容不同",
                                 "same project as row {other} (same name and district) but different values"),
    "import.duplicate_id": ("记录编号与第 {other} 行重复", "record id repeats row {other}"),
    "import.ambiguous_match": ("数据库中有 {count} 个同名同区的项目，无法确定对应哪一个",
                               "{count} projects in the database have this name and district; cannot tell which"),
    "import.id_column_missing": ("这是 gzdesk 导出的交换表，但“记录编号”列被删除了：不会更新已有项目；确认后可只新增 {count} 个新项目",
                                 "This exchange workbook lost its record-id column: existing records will not be "
                                 "updated; confirm to add only the {count} new project(s)"),
    "import.done": ("已导入“{file}”：新增 {new} 条，更新 {updated} 条，未变 {unchanged} 条，冲突 {conflicts} 条，"
                    "待审核 {held} 条，错误 {invalid} 行",
                    "Imported {file}: {new} new, {updated} updated, {unchanged} unchanged, {conflicts} with conflicts, "
                    "{held} held for review, {invalid} invalid"),
    "import.dry_run": ("试导入“{file}”（未写入）：将新增 {new} 条，更新 {updated} 条，未变 {unchanged} 条，冲突 {conflicts} 条，"
                       "待审核 {held} 条，错误 {invalid} 行",
                       "Dry run of {file} (nothing written): {new} new, {updated} to update, {unchanged} unchanged, "
                       "{conflicts} with conflicts, {held} held for review, {invalid} invalid"),
    "import.value_refused": ("{file}「{sheet}」第 {row} 行，{column} 列：数据库拒绝了值“{value}”：{reason}。未导入任何数据",
                             "{file}, sheet {sheet}, row {row}, column {column}: the database refused the value "
                             "\"{value}\": {reason}. Nothing was imported"),
    "import.row_refused": ("{file}「{sheet}」第 {row} 行：数据库拒绝了这一行：{reason}。未导入任何数据",
                           "{file}, sheet {sheet}, row {row}: the database refused this row: {reason}. Nothing was "
                           "imported"),
    "import.not_in_file": ("导出时发出的 {count} 个项目不在这个文件里（不会删除）",
                           "{count} record(s) we sent are not in this file (nothing is deleted)"),
})


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would do, before anything is written."""

    path: Path
    sha256: str
    workbook_notices: tuple[str, ...]
    tables: tuple[FoundTable, ...]
    skipped_sheets: tuple[SkippedSheet, ...]
    new: tuple[ImportRow, ...]
    matched: tuple[tuple[ImportRow, str], ...]  # rows that match a record and change nothing
    updates: tuple[RecordUpdate, ...]
    collapsed: tuple[ImportRow, ...]  # identical duplicates of an earlier row in the file
    problems: tuple[Problem, ...]  # errors: their rows are invalid
    notes: tuple[Problem, ...]  # changes the clerk should see (normalised digits, unknown industry kept …)
    invalid_rows: frozenset[tuple[str, int]]
    already_imported: batches.Batch | None = None
    export: ExportInfo | None = None  # the exchange workbook's export information, if it is one
    trusted_export: bool = False  # it answers an export of ours
    id_column_missing: bool = False
    not_in_file: tuple[tuple[str, str], ...] = ()
    evaluations: EvaluationPlan = field(default_factory=EvaluationPlan)  # 工作评估/节点/问题 (exchange.evaluations)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def conflicts(self) -> tuple[RecordUpdate, ...]:
        return tuple(u for u in self.updates if u.conflicts and not u.held)

    def counts(self, *, skip_invalid: bool = False) -> dict[str, int]:
        live = [u for u in self.updates if not u.held]
        return {"new": len(self.new), "updated": sum(1 for u in live if not u.conflicts),
                "unchanged": len(self.matched), "conflicts": len(self.conflicts),
                "held": sum(1 for u in self.updates if u.held),
                "invalid": len(self.invalid_rows), "skipped": len(self.invalid_rows) if skip_invalid else 0,
                "duplicates": len(self.collapsed), "not_in_file": len(self.not_in_file),
                "non_data_rows": sum(len(t.skipped) for t in self.tables)}


@dataclass(frozen=True)
class ImportReport:
    plan: ImportPlan
    batch: str | None
    created: dict[str, tuple[str, ...]] = field(default_factory=dict)
    updated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    backup_file: Path | None = None

    @property
    def no_op(self) -> bool:
        return self.batch is None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


_Result = TypeVar("_Result")
_Params = ParamSpec("_Params")


def _without_gc(function: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """``function`` run with Python's cyclic garbage collector paused. An import keeps millions of objects alive
    (cells, rows, records) and every full collection walks all of them: 1.9 of 7.8 CPU seconds when re-importing
    50,000 records. Reference counting still frees everything else at once; cycles left meanwhile are collected
    when the collector resumes."""

    @functools.wraps(function)
    def paused(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_without_gc
def plan_import(store: Store, path: Path | str, *, list_hint: str | None = None,
                progress: Progress | None = None, column_mapping: ColumnMapping | None = None,
                isolate: bool = False) -> ImportPlan:
    """Read ``path`` and work out what importing it would do; raises InputRefused for a file it cannot take.

    The file is read, its tables found and its rows coerced by :func:`gzdesk.core.excel.read_worker.read_for_import`
    (in a worker process when ``isolate``); the records the rows name are fetched chunk by chunk as they come."""
    path = Path(path)
    progress = progress or NoProgress()
    try:
        sha256 = file_sha256(path)
    except OSError as error:
        raise InputRefused("excel.cannot_open", file=path.name, detail=error.strerror or str(error)) from error
    reading = read_for_import(ReadRequest(path, store.reference, list_hint, column_mapping), progress=progress,
                              isolate=isolate)
    try:
        read = _expect(next(reading, None), WorkbookRead)
        export, bases = parse_meta(read.meta_rows, file=path.name) if read.meta_rows is not None else (None, {})
        read = replace(read, meta_rows=None)  # parsed: let the raw rows go (50,000 records: some 200 MB of text)
        found = _expect(next(reading, None), TablesFound).found
        if not found.tables:
            reasons = "; ".join(s.message("zh") for s in found.skipped_sheets) or "—"
            raise InputRefused("import.no_table", file=path.name, reasons=reasons)
        rows, problems, notes, known = _receive_rows(store, reading, found.tables, progress)
    finally:
        reading.close()  # a worker still reading (we are leaving early) is stopped
    id_columns = {t.sheet_name: _id_column(t) is not None for t in found.tables}
    invalid = {(p.sheet, p.row) for p in problems}
    unique, collapsed, duplicate_problems = _dedupe(rows, invalid, path.name)
    problems += duplicate_problems
    invalid |= {(p.sheet, p.row) for p in duplicate_problems}
    unique = [r for r in unique if (r.sheet, r.row) not in invalid]
    trusted = export is not None and batches.export_known(store, export.export_id)
    id_missing = export is not None and not all(id_columns.values())
    matched = merge.match_rows(store, unique, bases=bases, trusted_export=trusted, allow_updates=not id_missing,
                               known=known)
    for row, count in matched.ambiguous:
        problems.append(Problem(path.name, row.sheet, row.row, "", row.values.get("name"), "import.ambiguous_match",
                                {"count": count}, "name"))
        invalid.add((row.sheet, row.row))
    new_rows = matched.new
    if read.evaluation_sheets:  # evaluations may name projects new in this file: give those their ids now
        new_rows = tuple(row if row.record_id or (row.sheet, row.row) in invalid
                         else replace(row, record_id=str(uuid.uuid4())) for row in new_rows)
    new_projects = [NewProject(row.list_key, str(row.record_id), str(row.values.get("name") or ""))
                    for row in new_rows if row.record_id and (row.sheet, row.row) not in invalid]
    evaluations = plan_evaluations(store, read.evaluation_sheets, bases=bases, trusted_export=trusted, file=path.name,
                                   new_projects=new_projects)
    return ImportPlan(path, sha256, read.notices, found.tables, found.skipped_sheets, new_rows,
                      matched.unchanged, matched.updates, tuple(collapsed), (*problems, *evaluations.problems),
                      (*notes, *evaluations.notes), frozenset(invalid | evaluations.invalid_rows),
                      batches.done_with_file(store, sha256), export, trusted, id_missing,
                      merge.not_in_file(bases, rows) if export is not None else (), evaluations)


_Expected = TypeVar("_Expected")


def _expect(message: object, kind: type[_Expected]) -> _Expected:
    if not isinstance(message, kind):  # pragma: no cover - read_for_import's order is its contract
        raise RuntimeError(f"reading for an import: expected {kind.__name__}, got {type(message).__name__}")
    return message


def _receive_rows(store: Store, reading: Iterator[object], tables: tuple[FoundTable, ...], progress: Progress
                  ) -> tuple[list[ImportRow], list[Problem], list[Problem], merge.KnownRecords]:
    """The coerced rows as they arrive, with their problems and notes; the records they name are fetched meanwhile."""
    present = {t.sheet_name: frozenset(c.field for c in t.field_columns if c.field) for t in tables}
    total = sum(len(t.data_rows) for t in tables)
    rows: list[ImportRow] = []
    problems: list[Problem] = []
    known = merge.KnownRecords(store)
    for message in reading:
        if isinstance(message, CoercedRows):
            chunk = _import_rows(message, present[message.sheet])
            problems += message.problems
            rows += chunk
            known.fetch(chunk)
            check_cancelled(progress)
            progress.step(len(rows), total)
        elif isinstance(message, NotesRead):
            progress.step(len(rows), total)
            return rows, problems, message.notes, known
    raise RuntimeError("reading for an import ended without its notes")  # pragma: no cover - see _expect


def _id_column(table: FoundTable) -> int | None:
    return id_column(table)


def _import_rows(chunk: CoercedRows, present: frozenset[str]) -> list[ImportRow]:
    list_key, sheet = chunk.list_key, chunk.sheet
    return [ImportRow(list_key, sheet, number, values, key, record_id, present)
            for number, values, key, record_id in zip(chunk.numbers, chunk.values, chunk.natural_keys,
                                                      chunk.record_ids, strict=True)]


def _dedupe(rows: list[ImportRow], invalid: set[tuple[str, int]], file: str
            ) -> tuple[list[ImportRow], list[ImportRow], list[Problem]]:
    """A record id twice is an error on both rows; rows with the same natural key (and enterprise) collapse when
    identical and are errors on both rows when they differ."""
    seen_ids: dict[str, ImportRow] = {}
    seen_keys: dict[tuple[str, str], list[ImportRow]] = {}
    unique: list[ImportRow] = []
    collapsed: list[ImportRow] = []
    problems: list[Problem] = []

    def both(one: ImportRow, other: ImportRow, code: str) -> None:
        for a, b in ((one, other), (other, one)):
            problems.append(Problem(file, a.sheet, a.row, "", a.values.get("name"), code, {"other": b.row}, "name"))

    for row in rows:
        if (row.sheet, row.row) in invalid:
            unique.append(row)
            continue
        if row.record_id:
            earlier_id = seen_ids.setdefault(row.record_id, row)
            if earlier_id is not row:
                both(row, earlier_id, "import.duplicate_id")
                continue
        if row.natural_key is None:
            unique.append(row)
            continue
        group = seen_keys.setdefault((row.list_key, row.natural_key), [])
        earlier = next((r for r in group if merge.same_enterprise(r.values.get("enterprise"),
                                                                  row.values.get("enterprise"))), None) if group else None
        if earlier is None:
            group.append(row)
            unique.append(row)
        elif earlier.values == row.values and earlier.record_id == row.record_id:
            collapsed.append(row)
        elif row.record_id and earlier.record_id and row.record_id != earlier.record_id:
            group.append(row)  # two records that happen to share a name and district
            unique.append(row)
        else:
            both(row, earlier, "import.duplicate_differs")
    return unique, collapsed, problems


def _rows_to_insert(plan: ImportPlan, list_key: str, owner: str) -> Iterator[dict[str, object]]:
    file_name = plan.file_name
    for row in plan.new:
        if row.list_key == list_key and (row.sheet, row.row) not in plan.invalid_rows:
            values: dict[str, object] = {**row.values, "_origin": f"{file_name}!{row.sheet}!{row.row}",
                                         "owner_office": owner, "_natural_key": row.natural_key}
            if row.record_id:
                values["id"] = row.record_id
            yield values


@_without_gc
def apply_import(store: Store, plan: ImportPlan, *, skip_invalid: bool = False, on_conflict: str = "fail",
                 choices: Mapping[tuple[str, str], object] | None = None, accept_foreign: bool = False,
                 insert_only: bool = False, progress: Progress | None = None) -> ImportReport:
    """Write the plan in one transaction (all or nothing), after a verified backup; returns what changed.

    A file already imported is a no-op. Invalid rows (``skip_invalid``), unresolved conflicts (``on_conflict``
    "keep-mine"/"take-theirs", or per-field ``choices[(record_id, field)]`` = "mine" / "theirs" / a value) and a
    lost id column (``insert_only``) raise :class:`DecisionNeeded` (exit code 3) unless allowed. Changes held for
    review are applied only with ``accept_foreign``, audited as accepted.
    """
    progress = progress or NoProgress()
    choices = choices or {}
    if plan.already_imported is not None:
        return ImportReport(plan, None)
    if plan.invalid_rows and not skip_invalid:
        raise DecisionNeeded("import.invalid_rows", count=len(plan.invalid_rows))
    if plan.id_column_missing and plan.new and not insert_only:
        raise DecisionNeeded("import.id_column_missing", count=len(plan.new))
    unresolved = [u for u in plan.conflicts if any((u.record_id, c.field) not in choices for c in u.conflicts)]
    unresolved += plan.evaluations.unresolved(choices)
    if unresolved and on_conflict == "fail":
        raise DecisionNeeded("import.conflicts", count=len(unresolved))
    updates = [u for u in plan.updates if accept_foreign or not u.held]
    if not plan.new and not updates and not plan.evaluations.has_changes(accept_foreign=accept_foreign):
        return ImportReport(plan, None)
    backup_file = backup.backup(store.conn, store.path, reason="before-import", progress=progress, reuse=True)
    batch = batches.start(store, "import", file_name=plan.file_name, file_sha256=plan.sha256,
                          export_id=plan.export.export_id if plan.export else None)
    owner = plan.export.office if plan.export else store.office
    created: dict[str, tuple[str, ...]] = {}
    updated: dict[str, list[str]] = {}
    try:
        with store.transaction() as conn:
            for list_key in schema.LIST_KEYS:
                count = sum(1 for r in plan.new if r.list_key == list_key)
                if count:
                    present = set().union(*(r.present for r in plan.new if r.list_key == list_key))
                    change = store.create_many(list_key, _rows_to_insert(plan, list_key, owner), source="import",
                                               batch=batch, validate=False, progress=progress, total=count,
                                               fields=sorted(present), join=True)
                    created[list_key] = change.created
            for update in updates:
                if _apply_update(store, plan, update, batch, on_conflict, choices):
                    updated.setdefault(update.list_key, []).append(update.record_id)
            for key, ids in apply_evaluation_plan(store, plan.evaluations, batch=batch, owner=owner,
                                                  file=plan.file_name, on_conflict=on_conflict, choices=choices,
                                                  accept_foreign=accept_foreign).items():
                created[key] = (*created.get(key, ()), *ids["created"])
                updated.setdefault(key, []).extend(ids["updated"])
            batches.finish(conn, batch, {**plan.counts(skip_invalid=skip_invalid), "file": plan.file_name})
    except BaseException as error:
        batches.abandon(store, batch)
        if isinstance(error, WriteRefused):
            raise _located(plan, error) from error
        if isinstance(error, sqlite3.DatabaseError):  # not a value: a damaged page, a schema changed meanwhile
            raise DatabaseRefused("db.io_error", detail=str(error)) from error
        raise
    return ImportReport(plan, batch, created, {k: tuple(v) for k, v in updated.items()}, backup_file)


def _located(plan: ImportPlan, error: WriteRefused) -> WriteRefused:
    """The store's refusal located in the file: sheet, row and column (letter and header) of the refused value."""
    rows = {f"{plan.file_name}!{row.origin}": row for row in plan.new}
    rows.update((f"{plan.file_name}!{u.row.origin}", u.row) for u in plan.updates)
    row = rows.get(error.origin or "")
    if row is None:
        return error
    table = next(t for t in plan.tables if t.sheet_name == row.sheet)
    column = table.column(error.field) if error.field else None
    if error.field == "id":
        column = next((c for c in table.columns if c.index == _id_column(table)), None)
    detail = error.params.get("detail", "")
    if column is None:
        return WriteRefused("import.row_refused", field=error.field, origin=error.origin, reason=error.reason,
                            file=plan.file_name, sheet=row.sheet, row=row.row, detail=detail)
    value = row.record_id if error.field == "id" else row.values.get(column.field or "")
    return WriteRefused("import.value_refused", field=error.field, origin=error.origin, reason=error.reason,
                        file=plan.file_name, sheet=row.sheet, row=row.row, detail=detail,
                        column=f"{column.letter} {column.header}".strip(), value=write_refusal.shown(value))


def _apply_update(store: Store, plan: ImportPlan, update: RecordUpdate, batch: str, on_conflict: str,
                  choices: Mapping[tuple[str, str], object]) -> bool:
    values: dict[str, object] = {}
    for change in update.changes:
        key = (update.record_id, change.field)
        write, value = merge.resolved_value(change, policy=on_conflict, choice=choices.get(key),
                                            has_choice=key in choices)
        if write:
            values[change.field] = value
    if not values:
        return False
    store.update(update.list_key, update.record_id, values, source="import-accepted" if update.held else "import",
                 expected_revision=update.revision, batch=batch, origin=f"{plan.file_name}!{update.row.origin}")
    return True
