"""Folding the evaluation sheets of a workbook in (工作评估, 节点, 问题; :mod:`.evaluation_sheets`).

Matching: an evaluation by its id (column A), else by project + period; a milestone or problem by its id. The
project of a new evaluation is its 项目标识, else the project named by 项目名称 (within 项目清单 when given) — one
project, or the row is refused. A new milestone or problem belongs to the evaluation its 评估编号 names, else to
the evaluation of 项目名称 + 报告期 (in the database or new in the same file).

Merging is the list sheets' (:mod:`.diff`, :mod:`.merge`): three-way against the exported base, conflicts decided
by the clerk or the policy, changes to this office's records from a file we did not send held for review. A
record's project, period or evaluation never changes through a sheet. Judgement and light are the office's rule's
(recomputed when the numbers change): a 进度评价 or 灯色 from the file is taken only as an override, that is with an
调整理由; otherwise it is left out with a note. Everything is written through :mod:`gzdesk.core.evaluation` (judged,
validated, audited with the import batch), inside the import's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gzdesk.core import messages, schema
from gzdesk.core.evaluation import details, records
from gzdesk.core.excel.model import Sheet
from gzdesk.core.excel.problems import Problem
from gzdesk.core.exchange.diff import FieldChange, diff_record
from gzdesk.core.exchange.evaluation_rows import SheetRow, read_rows
from gzdesk.core.exchange.merge import ImportRow, RecordUpdate, resolved_value
from gzdesk.core.exchange.meta import BaseRecord
from gzdesk.core.records import check_record, is_blank
from gzdesk.core.store import Store

messages.register({
    "evaluation_import.no_project": ("找不到项目“{name}”", "No project {name!r}"),
    "evaluation_import.ambiguous_project": ("有 {count} 个项目名为“{name}”，请填写项目标识",
                                            "{count} projects are called {name!r}; give the project id"),
    "evaluation_import.no_evaluation": ("找不到这一行所属的进展评估（请填写评估编号，或项目名称和报告期）",
                                        "The evaluation this row belongs to was not found (give its id, or the "
                                        "project name and period)"),
    "evaluation_import.parent_invalid": ("所属的进展评估（第 {row} 行）有错误", "its evaluation (row {row}) has errors"),
    "evaluation_import.duplicate": ("与第 {other} 行是同一条记录", "the same record as row {other}"),
    "evaluation_import.fixed_key": ("已有记录的项目、报告期或所属评估不能在表中修改",
                                    "The project, period or evaluation of an existing record cannot change in a sheet"),
    "evaluation_import.override_ignored": ("未填写调整理由，“{field}”按评价规则计算，未采用表中的值",
                                           "no override reason: {field} follows the judgement rule, not the sheet"),
})

EVALUATION = "evaluation"
_FIXED = {EVALUATION: ("project_kind", "project_id", "period"), details.MILESTONES: ("evaluation_id",),
          details.PROBLEMS: ("evaluation_id",)}
_REQUIRED = {EVALUATION: "period", details.MILESTONES: "name", details.PROBLEMS: "description"}


@dataclass(frozen=True)
class EvaluationPlan:
    """What the evaluation sheets would change. Rows use the list sheets' types with ``list_key`` the entity
    ("evaluation", "evaluation_milestone", "evaluation_problem"); a new row's ``record_id`` is the id it gets."""

    new: tuple[ImportRow, ...] = ()
    updates: tuple[RecordUpdate, ...] = ()
    unchanged: tuple[tuple[ImportRow, str], ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()
    invalid_rows: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @property
    def conflicts(self) -> tuple[RecordUpdate, ...]:
        return tuple(u for u in self.updates if u.conflicts and not u.held)

    def unresolved(self, choices: Mapping[tuple[str, str], object]) -> list[RecordUpdate]:
        return [u for u in self.conflicts if any((u.record_id, c.field) not in choices for c in u.conflicts)]

    def has_changes(self, *, accept_foreign: bool) -> bool:
        return bool(self.new) or any(accept_foreign or not u.held for u in self.updates)

    @property
    def has_rows(self) -> bool:
        """The file's evaluation sheets hold at least one row (valid or not)."""
        return bool(self.new or self.updates or self.unchanged or self.invalid_rows)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per entity: new, updated, unchanged, conflicts, held."""
        found: dict[str, dict[str, int]] = {}
        for key in (EVALUATION, details.MILESTONES, details.PROBLEMS):
            updates = [u for u in self.updates if u.list_key == key]
            found[key] = {"new": sum(r.list_key == key for r in self.new),
                          "updated": sum(1 for u in updates if not u.held and not u.conflicts),
                          "unchanged": sum(r.list_key == key for r, _ in self.unchanged),
                          "conflicts": sum(1 for u in updates if u.conflicts and not u.held),
                          "held": sum(1 for u in updates if u.held)}
        return found


@dataclass(frozen=True)
class NewProject:
    """A project the same file adds (a valid new row of a list sheet), with the id it will get."""

    list_key: str
    record_id: str
    name: str


def plan_evaluations(store: Store, sheets: Sequence[Sheet], *, bases: Mapping[str, BaseRecord],
                     trusted_export: bool, file: str, new_projects: Sequence[NewProject] = ()) -> EvaluationPlan:
    """Read the evaluation sheets and work out what folding them in would do (nothing is written).

    ``new_projects`` are the projects the list sheets of the same file add: an evaluation may name them (by the id
    they will get or by name), since the import creates them first, in the same transaction."""
    if not sheets:
        return EvaluationPlan()
    rows, problems = read_rows(sheets, reference=store.reference, file=file)
    planner = _Planner(store, bases, trusted_export, file, problems, new_projects)
    for row in rows:
        if row.layout.entity_key == EVALUATION:
            planner.evaluation(row)
    for row in rows:
        if row.layout.entity_key != EVALUATION:
            planner.detail(row)
    return planner.plan()


class _Planner:
    def __init__(self, store: Store, bases: Mapping[str, BaseRecord], trusted: bool, file: str,
                 problems: list[Problem], new_projects: Sequence[NewProject]) -> None:
        self.store, self.bases, self.trusted, self.file = store, bases, trusted, file
        self.new_projects = new_projects
        self.problems = problems
        self.notes: list[Problem] = []
        self.extras = store.vocabulary_extras()
        self.bad = {(p.sheet, p.row) for p in problems}
        self.new: list[ImportRow] = []
        self.updates: list[RecordUpdate] = []
        self.unchanged: list[tuple[ImportRow, str]] = []
        self.seen: dict[tuple[str, object], SheetRow] = {}
        self.new_evaluations: dict[tuple[str, str], tuple[str, SheetRow]] = {}  # (project, period) → id, row

    def plan(self) -> EvaluationPlan:
        bad = frozenset(self.bad)
        return EvaluationPlan(tuple(r for r in self.new if (r.sheet, r.row) not in bad),
                              tuple(u for u in self.updates if (u.row.sheet, u.row.row) not in bad),
                              tuple(p for p in self.unchanged if (p[0].sheet, p[0].row) not in bad),
                              tuple(self.problems), tuple(self.notes), bad)

    def refuse(self, where: SheetRow, code: str, column: str = "", raw: object = None, **params: object) -> None:
        self.problems.append(Problem(self.file, where.sheet, where.row, column, raw, code, params))
        self.bad.add(where.where)

    # ------------------------------------------------------------- references
    def _project(self, row: SheetRow) -> tuple[str, str] | None:
        """(list, project id) of an evaluation row, or None after refusing the row."""
        kind, project_id = row.values.get("project_kind"), row.values.get("project_id")
        kinds = [str(kind)] if kind in schema.LIST_KEYS else list(schema.LIST_KEYS)
        if project_id:
            found = [k for k in kinds if self.store.record(k, str(project_id)) is not None]
            found += [p.list_key for p in self.new_projects if p.record_id == str(project_id) and p.list_key in kinds]
            if len(found) == 1:
                return found[0], str(project_id)
            self.refuse(row, "evaluation_import.no_project", raw=project_id, name=project_id)
            return None
        return self._named(row, kinds)

    def _named(self, row: SheetRow, kinds: Sequence[str]) -> tuple[str, str] | None:
        name = row.info.get("project_name", "").strip()
        found = [(kind, str(r[0])) for kind in kinds for r in self.store.conn.execute(
            f"SELECT id FROM [{schema.entity(kind).table}] WHERE name = ?", [name])] if name else []
        found += [(p.list_key, p.record_id) for p in self.new_projects if name and p.name == name and p.list_key in kinds]
        if len(found) == 1:
            return found[0]
        code = "evaluation_import.ambiguous_project" if found else "evaluation_import.no_project"
        self.refuse(row, code, raw=name, name=name, count=len(found))
        return None

    def _evaluation_of(self, row: SheetRow) -> str | None:
        """The evaluation a milestone or problem row belongs to, or None after refusing the row."""
        given = row.values.get("evaluation_id")
        if given:
            found = str(given)
            if self.store.record(EVALUATION, found) is not None:
                return found
            for evaluation_id, parent in self.new_evaluations.values():
                if evaluation_id == found:
                    return self._valid_parent(row, evaluation_id, parent)
        else:
            project = self._named(row, schema.LIST_KEYS) if row.info.get("project_name") else None
            period = row.info.get("period", "").strip()
            if project is not None and period:
                existing = records.existing_id(self.store, project[1], period)
                if existing is not None:
                    return existing
                if (project[1], period) in self.new_evaluations:
                    return self._valid_parent(row, *self.new_evaluations[(project[1], period)])
            if row.where in self.bad:
                return None
        self.refuse(row, "evaluation_import.no_evaluation")
        return None

    def _valid_parent(self, row: SheetRow, evaluation_id: str, parent: SheetRow) -> str | None:
        if parent.where in self.bad:
            self.refuse(row, "evaluation_import.parent_invalid", row=parent.row)
            return None
        return evaluation_id

    def _once(self, row: SheetRow, key: tuple[str, object]) -> bool:
        earlier = self.seen.setdefault(key, row)
        if earlier is row:
            return True
        for one, other in ((row, earlier), (earlier, row)):
            self.refuse(one, "evaluation_import.duplicate", other=other.row)
        return False

    # ------------------------------------------------------------------- rows
    def evaluation(self, row: SheetRow) -> None:
        project = self._project(row)
        period = row.values.get("period")
        if project is None or not period:
            if not period and row.where not in self.bad:  # a period that could not be read is reported already
                self.refuse(row, "record.required", field=schema.EVALUATION.field("period").zh)
            return
        values = {**row.values, "project_kind": project[0], "project_id": project[1], "period": period}
        if not self._once(row, (EVALUATION, (project[1], period))):
            return
        existing = self.store.record(EVALUATION, row.record_id) if row.record_id else None
        if existing is None:
            found = records.existing_id(self.store, project[1], str(period))
            existing = self.store.record(EVALUATION, found) if found else None
        if existing is None:
            new_id = row.record_id or str(uuid.uuid4())
            self.new_evaluations[(project[1], str(period))] = (new_id, row)
            self._add_new(row, values, new_id)
        else:
            self._compare(row, values, existing)

    def detail(self, row: SheetRow) -> None:
        key = row.layout.entity_key
        if row.record_id and not self._once(row, (key, row.record_id)):
            return
        evaluation_id = self._evaluation_of(row)
        if evaluation_id is None:
            return
        values = {**row.values, "evaluation_id": evaluation_id}
        existing = self.store.record(key, row.record_id) if row.record_id else None
        if existing is None:
            self._add_new(row, values, row.record_id or str(uuid.uuid4()))
        else:
            self._compare(row, values, existing)

    def _checked(self, row: SheetRow, values: Mapping[str, object], *, new: bool) -> bool:
        """Refuse the row when a value breaks the schema or a required field is blank (in a new record, or among
        the changes to an existing one); True when it is fine."""
        entity = row.layout.entity
        required = entity.field(_REQUIRED[entity.key])
        if is_blank(values.get(required.key)) and (new or required.key in values):
            self.refuse(row, "record.required", field=required.zh)
        for problem in check_record(entity, {k: v for k, v in values.items() if k in entity.by_key}, partial=True,
                                    extras=self.extras):
            self.problems.append(Problem(self.file, row.sheet, row.row, problem.labels[0] or problem.field,
                                         problem.value, problem.code, problem.params, problem.field))
            self.bad.add(row.where)
        return row.where not in self.bad

    def _add_new(self, row: SheetRow, values: dict[str, object], record_id: str) -> None:
        if row.layout.entity_key == EVALUATION and is_blank(values.get("override_reason")):
            for key in records.OVERRIDE_FIELDS:  # another office's rule: ours judges again
                values.pop(key, None)
        if self._checked(row, values, new=True):
            self.new.append(ImportRow(row.layout.entity_key, row.sheet, row.row, values, None, record_id,
                                      row.present))

    def _compare(self, row: SheetRow, values: dict[str, object], existing: Mapping[str, object]) -> None:
        key = row.layout.entity_key
        record_id = str(existing["id"])
        if any(str(values.get(k)) != str(existing.get(k)) for k in _FIXED[key] if k in values):
            self.refuse(row, "evaluation_import.fixed_key")
            return
        base = self.bases.get(record_id)
        base_values = base.values if base is not None and base.trusted and base.list_key == key else None
        fields = sorted(row.present - set(_FIXED[key]))
        changes = diff_record(fields, values, existing, base_values)
        if key == EVALUATION:
            changes = self._overrides(row, changes, existing)
        if not self._checked(row, {c.field: c.theirs for c in changes}, new=False):
            return
        imported = ImportRow(key, row.sheet, row.row, values, None, record_id, row.present)
        if not changes:
            self.unchanged.append((imported, record_id))
            return
        held = not self.trusted and existing.get("owner_office") == self.store.office
        self.updates.append(RecordUpdate(key, record_id, int(existing["revision"]),  # type: ignore[call-overload]
                                         imported, tuple(changes), held))

    def _overrides(self, row: SheetRow, changes: list[FieldChange], existing: Mapping[str, object]
                   ) -> list[FieldChange]:
        """Judgement and light changes only with an override reason (theirs when they change it, else ours)."""
        reason = next((c.theirs for c in changes if c.field == "override_reason"), existing.get("override_reason"))
        if not is_blank(reason):
            return changes
        for change in changes:
            if change.field in records.OVERRIDE_FIELDS:
                self._note(row, change.field)
        return [c for c in changes if c.field not in records.OVERRIDE_FIELDS]

    def _note(self, row: SheetRow, key: str) -> None:
        label = schema.EVALUATION.field(key).zh
        self.notes.append(Problem(self.file, row.sheet, row.row, label, row.values.get(key),
                                  "evaluation_import.override_ignored", {"field": label}, key, "note"))


# ---------------------------------------------------------------------- apply
def apply_evaluation_plan(store: Store, plan: EvaluationPlan, *, batch: str, owner: str, file: str,
                          on_conflict: str, choices: Mapping[tuple[str, str], object],
                          accept_foreign: bool) -> dict[str, dict[str, list[str]]]:
    """Write the plan (inside the caller's transaction): new records owned by ``owner``, then the updates not
    held (or all with ``accept_foreign``). Returns the ids created and updated, per entity."""
    done: dict[str, dict[str, list[str]]] = {key: {"created": [], "updated": []} for key in _FIXED}
    for key in _FIXED:  # evaluations first: new milestones and problems may belong to new evaluations
        for row in (r for r in plan.new if r.list_key == key):
            values = {**row.values, "id": row.record_id, "owner_office": owner, "_origin": f"{file}!{row.origin}"}
            if key == EVALUATION:
                records.add_evaluation(store, values, source="import", batch=batch)
            else:
                evaluation_id = str(values.pop("evaluation_id"))
                details.add_detail(store, key, evaluation_id, values, source="import", batch=batch)
            done[key]["created"].append(str(row.record_id))
        for update in (u for u in plan.updates if u.list_key == key and (accept_foreign or not u.held)):
            if _apply_update(store, update, batch=batch, file=file, on_conflict=on_conflict, choices=choices):
                done[key]["updated"].append(update.record_id)
    return done


def _apply_update(store: Store, update: RecordUpdate, *, batch: str, file: str, on_conflict: str,
                  choices: Mapping[tuple[str, str], object]) -> bool:
    values: dict[str, object] = {}
    for change in update.changes:
        choice_key = (update.record_id, change.field)
        write, value = resolved_value(change, policy=on_conflict, choice=choices.get(choice_key),
                                      has_choice=choice_key in choices)
        if write:
            values[change.field] = value
    if not values:
        return False
    source = "import-accepted" if update.held else "import"
    origin = f"{file}!{update.row.origin}"
    if update.list_key == EVALUATION:
        records.update_evaluation(store, update.record_id, values, source=source, batch=batch, origin=origin,
                                  expected_revision=update.revision)
    else:
        details.update_detail(store, update.list_key, update.record_id, values, source=source, batch=batch,
                              origin=origin, expected_revision=update.revision)
    return True
