"""Importing a workbook: read → find tables → coerce → check → dedupe → (dry run or) insert in one transaction.

``plan_import`` only reads (the file and the database) and returns an :class:`ImportPlan` that says everything the
import would do; ``apply_import`` writes the new records of a plan in one transaction together with its audit
entries and its ledger row, after a verified backup. Rows that match records we already have are counted and left
untouched (folding changes into them is the round-trip merge's job). Nothing is written for a refused file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gzdesk.core import backup, batches, matching, messages, records, schema
from gzdesk.core.errors import DecisionNeeded, InputRefused
from gzdesk.core.excel.coerce import RowCoercer
from gzdesk.core.excel.model import Workbook
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.read import read_workbook
from gzdesk.core.excel.table import FoundTable, SkippedSheet, iter_data, scan_workbook
from gzdesk.core.progress import NoProgress, Progress, check_cancelled
from gzdesk.core.schema import Entity
from gzdesk.core.store import Store

messages.register({
    "import.no_table": ("“{file}”中没有找到项目清单（{reasons}）", "No project list found in {file} ({reasons})"),
    "import.invalid_rows": ("有 {count} 行数据有错误，未导入任何数据。请改正后重新导入，或选择跳过错误行",
                            "{count} row(s) have errors; nothing was imported. Fix them and import again, or choose to "
                            "skip invalid rows"),
    "import.duplicate_differs": ("与第 {other} 行是同一项目（名称和所属区相同），但内容不同",
                                 "same project as row {other} (same name and district) but different values"),
    "import.ambiguous_match": ("数据库中有 {count} 个同名同区的项目，无法确定对应哪一个",
                               "{count} projects in the database have this name and district; cannot tell which"),
    "import.done": ("已导入“{file}”：新增 {new} 条，已有 {unchanged} 条未改动，{invalid} 行有错误",
                    "Imported {file}: {new} new, {unchanged} already present and left unchanged, {invalid} invalid"),
    "import.dry_run": ("试导入“{file}”（未写入）：将新增 {new} 条，已有 {unchanged} 条，{invalid} 行有错误",
                       "Dry run of {file} (nothing written): {new} new, {unchanged} already present, {invalid} invalid"),
})


@dataclass(frozen=True)
class ImportRow:
    """One data row that became a record's values."""

    list_key: str
    sheet: str
    row: int
    values: dict[str, object]
    natural_key: str | None

    @property
    def origin(self) -> str:
        return f"{self.sheet}!{self.row}"


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would do, before anything is written."""

    path: Path
    sha256: str
    workbook_notices: tuple[str, ...]
    tables: tuple[FoundTable, ...]
    skipped_sheets: tuple[SkippedSheet, ...]
    new: tuple[ImportRow, ...]
    matched: tuple[tuple[ImportRow, str], ...]  # (row, id of the record it matches)
    collapsed: tuple[ImportRow, ...]  # identical duplicates of an earlier row in the file
    problems: tuple[Problem, ...]  # errors: their rows are invalid
    notes: tuple[Problem, ...]  # changes the clerk should see (normalised digits, unknown industry kept …)
    invalid_rows: frozenset[tuple[str, int]]
    already_imported: batches.Batch | None = None

    @property
    def file_name(self) -> str:
        return self.path.name

    def counts(self, *, skip_invalid: bool = False) -> dict[str, int]:
        return {"new": len(self.new), "updated": 0, "unchanged": len(self.matched), "conflicts": 0,
                "invalid": len(self.invalid_rows), "skipped": len(self.invalid_rows) if skip_invalid else 0,
                "duplicates": len(self.collapsed),
                "non_data_rows": sum(len(t.skipped) for t in self.tables)}


@dataclass(frozen=True)
class ImportReport:
    plan: ImportPlan
    batch: str | None
    created: dict[str, tuple[str, ...]] = field(default_factory=dict)
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


def plan_import(store: Store, path: Path | str, *, list_hint: str | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Read ``path`` and work out what importing it would do; raises InputRefused for a file it cannot take."""
    path = Path(path)
    progress = progress or NoProgress()
    try:
        sha256 = file_sha256(path)
    except OSError as error:
        raise InputRefused("excel.cannot_open", file=path.name, detail=error.strerror or str(error)) from error
    workbook = read_workbook(path, progress=progress)
    found = scan_workbook(workbook, reference=store.reference, list_hint=list_hint)
    if not found.tables:
        reasons = "; ".join(s.message("zh") for s in found.skipped_sheets) or "—"
        raise InputRefused("import.no_table", file=path.name, reasons=reasons)
    rows, problems, notes = _coerce_all(store, workbook, found.tables, progress)
    invalid = {(p.sheet, p.row) for p in problems}
    unique, collapsed, duplicate_problems = _dedupe(rows, invalid, path.name)
    problems += duplicate_problems
    invalid |= {(p.sheet, p.row) for p in duplicate_problems}
    unique = [r for r in unique if (r.sheet, r.row) not in invalid]
    new, matched, match_problems = _match_existing(store, unique, path.name)
    problems += match_problems
    invalid |= {(p.sheet, p.row) for p in match_problems}
    return ImportPlan(path, sha256, workbook.notices, found.tables, found.skipped_sheets, tuple(new), tuple(matched),
                      tuple(collapsed), tuple(problems), tuple(notes), frozenset(invalid),
                      batches.done_with_file(store, sha256))


def _coerce_all(store: Store, workbook: Workbook, tables: tuple[FoundTable, ...],
                progress: Progress) -> tuple[list[ImportRow], list[Problem], list[Problem]]:
    rows: list[ImportRow] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    sheets = {sheet.name: sheet for sheet in workbook.sheets}
    total = sum(len(t.data_rows) for t in tables)
    for table in tables:
        entity = schema.entity(table.list_key)
        coercer = RowCoercer(entity, table, reference=store.reference, file=workbook.path.name)
        labels = {c.field: f"{c.letter} {c.header}".strip() for c in table.field_columns}
        for number, cells in iter_data(sheets[table.sheet_name], table):
            values, row_problems = coercer.coerce(cells, row=number, notes=notes)
            row_problems += _missing_required(entity, values, row_problems, table, number, labels, workbook)
            problems += row_problems
            rows.append(ImportRow(entity.key, table.sheet_name, number, values,
                                  matching.natural_key(entity, values)))
            if len(rows) % 2000 == 0:
                check_cancelled(progress)
                progress.step(len(rows), total)
    progress.step(len(rows), total)
    return rows, problems, notes


def _missing_required(entity: Entity, values: dict[str, object], found: list[Problem], table: FoundTable,
                      row: int, labels: dict[str | None, str], workbook: Workbook) -> list[Problem]:
    """A required field that is blank or has no column (a field with a cell problem is reported already)."""
    reported = {p.field for p in found}
    missing = []
    for f in entity.fields:
        if f.required and f.key not in reported and records.is_blank(values.get(f.key)):
            missing.append(Problem(workbook.path.name, table.sheet_name, row, labels.get(f.key, f.zh), None,
                                   "record.required", {"field": f.zh}, f.key))
    return missing


def _same_enterprise(first: object, second: object) -> bool:
    """For two rows with the same natural key: the enterprise breaks the tie only when both name one."""
    if isinstance(first, str) and isinstance(second, str) and first and second:
        return matching.normalise_name(first) == matching.normalise_name(second)
    return True


def _dedupe(rows: list[ImportRow], invalid: set[tuple[str, int]], file: str
            ) -> tuple[list[ImportRow], list[ImportRow], list[Problem]]:
    """Identical duplicates collapse into the first; a differing duplicate is an error on both rows."""
    seen: dict[tuple[str, str], list[ImportRow]] = {}
    unique: list[ImportRow] = []
    collapsed: list[ImportRow] = []
    problems: list[Problem] = []
    for row in rows:
        if (row.sheet, row.row) in invalid or row.natural_key is None:
            unique.append(row)
            continue
        group = seen.setdefault((row.list_key, row.natural_key), [])
        earlier = next((r for r in group if _same_enterprise(r.values.get("enterprise"), row.values.get("enterprise"))),
                       None)
        if earlier is None:
            group.append(row)
            unique.append(row)
        elif earlier.values == row.values:
            collapsed.append(row)
        else:
            for one, other in ((row, earlier), (earlier, row)):
                problems.append(Problem(file, one.sheet, one.row, "", one.values.get("name"),
                                        "import.duplicate_differs", {"other": other.row}, "name"))
    return unique, collapsed, problems


def _match_existing(store: Store, rows: list[ImportRow], file: str
                    ) -> tuple[list[ImportRow], list[tuple[ImportRow, str]], list[Problem]]:
    new: list[ImportRow] = []
    matched: list[tuple[ImportRow, str]] = []
    problems: list[Problem] = []
    for list_key in schema.LIST_KEYS:
        mine = [r for r in rows if r.list_key == list_key]
        existing = store.records_by_natural_key(list_key, (r.natural_key for r in mine if r.natural_key))
        for row in mine:
            candidates = existing.get(row.natural_key or "", [])
            if len(candidates) > 1:
                candidates = [c for c in candidates
                              if _same_enterprise(c.get("enterprise"), row.values.get("enterprise"))]
            if not candidates:
                new.append(row)
            elif len(candidates) == 1:
                matched.append((row, str(candidates[0]["id"])))
            else:
                problems.append(Problem(file, row.sheet, row.row, "", row.values.get("name"), "import.ambiguous_match",
                                        {"count": len(candidates)}, "name"))
    return new, matched, problems


def _rows_to_insert(plan: ImportPlan, list_key: str) -> Iterator[dict[str, object]]:
    for row in plan.new:
        if row.list_key == list_key and (row.sheet, row.row) not in plan.invalid_rows:
            yield {**row.values, "_origin": f"{plan.file_name}!{row.origin}"}


def apply_import(store: Store, plan: ImportPlan, *, skip_invalid: bool = False,
                 progress: Progress | None = None) -> ImportReport:
    """Insert the plan's new records in one transaction (all or nothing), after a verified backup.

    A file already imported is a no-op. Invalid rows stop the import (``DecisionNeeded``, exit code 3) unless
    ``skip_invalid``. The batch is recorded in the ledger with the file's hash in the same transaction.
    """
    progress = progress or NoProgress()
    if plan.already_imported is not None:
        return ImportReport(plan, None)
    if plan.invalid_rows and not skip_invalid:
        raise DecisionNeeded("import.invalid_rows", count=len(plan.invalid_rows))
    if not plan.new:
        return ImportReport(plan, None)
    backup_file = backup.backup(store.conn, store.path, reason="before-import")
    batch = batches.start(store, "import", file_name=plan.file_name, file_sha256=plan.sha256)
    created: dict[str, tuple[str, ...]] = {}
    try:
        with store.transaction() as conn:
            for list_key in schema.LIST_KEYS:
                count = sum(1 for r in plan.new if r.list_key == list_key)
                if count:
                    change = store.create_many(list_key, _rows_to_insert(plan, list_key), source="import",
                                               batch=batch, validate=False, progress=progress, total=count)
                    created[list_key] = change.created
            batches.finish(conn, batch, {**plan.counts(skip_invalid=skip_invalid), "file": plan.file_name})
    except BaseException:
        batches.abandon(store, batch)
        raise
    return ImportReport(plan, batch, created, backup_file)
