"""The import wizard's use case without Qt: review a file before importing it, then apply the clerk's decision.

:func:`review_import` reads the file once for what a clerk looks at (the tables as guessed, the sending office, the
cells of the rows worth showing) and plans the import with the office's remembered column corrections (or the
ones given). :func:`apply_decision` applies an :class:`ImportDecision` — plain data, so a script or a test
decides exactly as the wizard does — and remembers the corrections for the sending office. Both take a progress
object and run on a worker (STYLE.md rule 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gzdesk.core import schema
from gzdesk.core.excel.mapping import load_mapping, remember_mapping, sending_office
from gzdesk.core.excel.model import CellValue, Workbook
from gzdesk.core.excel.read import read_workbook
from gzdesk.core.excel.table import FoundTable, scan_workbook
from gzdesk.core.exchange.evaluations import EVALUATION
from gzdesk.core.importer import ImportPlan, ImportReport, apply_import, plan_import
from gzdesk.core.progress import NoProgress, Progress
from gzdesk.core.reference import Reference
from gzdesk.core.store import Store

__all__ = ["ImportDecision", "ImportReview", "apply_decision", "review_import"]

EXAMPLE_ROWS = 3  # data rows per table kept to show what a column holds
SHOWN_ROWS = 2000  # at most this many skipped rows and rows with problems are kept with their cells


@dataclass(frozen=True)
class ImportDecision:
    """What the clerk decided: whether to import, and how to treat invalid rows, conflicts and held changes.

    ``choices[(record id, field)]`` resolves one conflicting field: "mine", "theirs", or the value to write."""

    apply: bool
    skip_invalid: bool = False
    on_conflict: str = "fail"
    accept_foreign: bool = False
    choices: Mapping[tuple[str, str], object] = field(default_factory=dict)
    insert_only: bool = False


@dataclass(frozen=True)
class ImportReview:
    """A planned import with what the wizard shows around it.

    ``guessed`` are the tables as table finding read them, before any correction; ``mapping`` the corrections in
    effect (see gzdesk.core.excel.mapping). ``cells[(sheet, row)]`` holds the row as read for header rows, the
    first data rows, skipped rows and rows with a problem or note. ``absent`` maps the id of each record not in
    the file to its name; ``names`` each evaluation, milestone and problem of the evaluation sheets to a name a
    clerk knows it by ("甲项目 2026-03", "甲项目 2026-03 · 主体封顶")."""

    plan: ImportPlan
    office: str
    guessed: tuple[FoundTable, ...]
    mapping: Mapping[str, Mapping[str, str | None]]
    list_hint: str | None
    reference: Reference
    cells: Mapping[tuple[str, int], tuple[CellValue, ...]]
    absent: Mapping[str, str]
    names: Mapping[str, str] = field(default_factory=dict)  # evaluation, milestone, problem id → what to call it

    @property
    def path(self) -> Path:
        return self.plan.path

    def row(self, sheet: str, row: int) -> tuple[CellValue, ...] | None:
        return self.cells.get((sheet, row))

    def table(self, sheet: str) -> FoundTable | None:
        return next((t for t in self.plan.tables if t.sheet_name == sheet), None)


def review_import(store: Store, path: Path | str, *, list_hint: str | None = None,
                  mapping: Mapping[str, Mapping[str, str | None]] | None = None,
                  progress: Progress | None = None) -> ImportReview:
    """Plan importing ``path`` with ``mapping`` (None: the corrections remembered for the sending office).

    Raises what :func:`plan_import` raises for a file it cannot take (InputRefused, Cancelled)."""
    path = Path(path)
    progress = progress or NoProgress()
    workbook = read_workbook(path, progress=progress)
    guessed = scan_workbook(workbook, reference=store.reference, list_hint=list_hint).tables
    office = sending_office(workbook, guessed)
    in_effect = load_mapping(store, office) if mapping is None else mapping
    plan = plan_import(store, path, list_hint=list_hint, progress=progress, column_mapping=in_effect or None)
    absent: dict[str, str] = {}
    for list_key in {k for k, _ in plan.not_in_file}:
        found = store.records_by_ids(list_key, [i for k, i in plan.not_in_file if k == list_key])
        absent.update((record_id, str(record.get("name") or "")) for record_id, record in found.items())
    return ImportReview(plan, office, guessed, in_effect, list_hint, store.reference, _cells(workbook, plan), absent,
                        evaluation_names(store, plan))


def evaluation_names(store: Store, plan: ImportPlan) -> dict[str, str]:
    """What to call each record of the evaluation sheets: an evaluation by its project and period, a milestone or
    problem by those of its evaluation and its own name or description (projects new in the file included)."""
    evaluations = plan.evaluations
    rows = [*((r, r.record_id) for r in evaluations.new), *((u.row, u.record_id) for u in evaluations.updates),
            *evaluations.unchanged]
    if not rows:
        return {}
    periods: dict[str, tuple[str, str, str]] = {}  # evaluation id → (list, project id, period)
    for row, record_id in rows:
        if row.list_key == EVALUATION and record_id:
            periods[record_id] = (str(row.values.get("project_kind")), str(row.values.get("project_id")),
                                  str(row.values.get("period")))
    parents = {str(r.values.get("evaluation_id")) for r, _ in rows if r.list_key != EVALUATION}
    found = store.records_by_ids(EVALUATION, [i for i in parents if i not in periods],
                                 columns=("project_kind", "project_id", "period"))
    periods.update((i, (str(e["project_kind"]), str(e["project_id"]), str(e["period"]))) for i, e in found.items())
    projects = {str(r.record_id): str(r.values.get("name") or "") for r in plan.new if r.record_id}
    for list_key in {kind for kind, _, _ in periods.values()} & set(schema.LIST_KEYS):
        ids = [project for kind, project, _ in periods.values() if kind == list_key and project not in projects]
        projects.update((i, str(p.get("name") or "")) for i, p in store.records_by_ids(list_key, ids,
                                                                                      columns=("name",)).items())

    def evaluation_name(evaluation_id: str) -> str:
        _, project, period = periods.get(evaluation_id, ("", "", ""))
        return f"{projects.get(project, project)} {period}".strip()

    names: dict[str, str] = {}
    for row, record_id in rows:
        if not record_id:
            continue
        if row.list_key == EVALUATION:
            names[record_id] = evaluation_name(record_id)
        else:
            own = str(row.values.get("name") or row.values.get("description") or "")
            names[record_id] = " · ".join(t for t in (evaluation_name(str(row.values.get("evaluation_id"))), own) if t)
    return names


def _cells(workbook: Workbook, plan: ImportPlan) -> dict[tuple[str, int], tuple[CellValue, ...]]:
    wanted: dict[str, set[int]] = {}
    for table in plan.tables:
        rows = wanted.setdefault(table.sheet_name, set())
        rows.update(table.header_rows, table.data_rows[:EXAMPLE_ROWS], (s.row for s in table.skipped[:SHOWN_ROWS]))
    for problem in (*plan.problems[:SHOWN_ROWS], *plan.notes[:SHOWN_ROWS]):
        wanted.setdefault(problem.sheet, set()).add(problem.row)
    cells: dict[tuple[str, int], tuple[CellValue, ...]] = {}
    for sheet in workbook.sheets:
        for row in wanted.get(sheet.name, ()):
            if 0 < row <= len(sheet.rows):
                cells[(sheet.name, row)] = tuple(sheet.rows[row - 1])
    return cells


def apply_decision(store: Store, review: ImportReview, decision: ImportDecision, *,
                   progress: Progress | None = None) -> ImportReport:
    """Import as decided (see :func:`gzdesk.core.importer.apply_import` for what it refuses), then remember the
    column corrections for the sending office."""
    report = apply_import(store, review.plan, skip_invalid=decision.skip_invalid, on_conflict=decision.on_conflict,
                          choices=decision.choices, accept_foreign=decision.accept_foreign,
                          insert_only=decision.insert_only, progress=progress)
    remember_mapping(store, review.office, review.guessed, review.mapping)
    return report
