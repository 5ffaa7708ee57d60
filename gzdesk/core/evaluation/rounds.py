"""An evaluation round (轮次): one reporting period, the projects due in it, and the clerk's bulk entry.

* In the round: every project in a reporting stage (:data:`~gzdesk.core.evaluation.reporting.REPORTING_STAGES`,
  the same as :func:`~gzdesk.core.evaluation.listing.overdue`) and every project that has an evaluation for the
  period whatever its stage now. Reported: has that evaluation; overdue: due and has none.
* Rows come as a key array (list, rid), the overdue first, each part in list then entry order, read a page at a time
  (:func:`round_rows`), so a round over a million projects stays a few MB.
* Bulk entry (:func:`save_round`): the typed amounts and stage of many projects saved in one transaction and
  one batch of the ledger (kind ``evaluation_round``), every audit entry carrying the batch. New evaluations are
  judged by the office's rule; an existing evaluation is judged again unless the clerk overrode it (the override
  stays). An entry without an annual plan takes the project's latest annual plan of the year (see
  :attr:`RoundRow.carried_plan`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import batches, messages, schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.evaluation.judgement import assess
from gzdesk.core.evaluation.listing import PROJECT_COLUMNS, ProjectRef, project_ref
from gzdesk.core.evaluation.periods import Period, parse_period
from gzdesk.core.evaluation.records import ENTITY, check_kind, office_rule, start_month
from gzdesk.core.evaluation.reporting import REPORTING_STAGES
from gzdesk.core.excel.coerce import coerce_value
from gzdesk.core.query import Filter, Query, where_clause
from gzdesk.core.store import Store

messages.register({
    "round.bad_stage": ("“{value}”不是{list}的项目阶段", "{value!r} is not a stage of the {list} list"),
    "round.ytd_below_period": ("年初至今累计（{ytd}）小于本期完成（{period}）",
                               "Done year to date ({ytd}) is less than done this period ({period})"),
    "round.cells_refused": ("{count} 个单元格有误，没有保存：{first}", "{count} cell(s) are wrong, nothing saved: {first}"),
    "round.saved": ("已保存 {period} 的进展评估：新增 {created} 条，修改 {updated} 条（批次 {batch}）",
                    "Saved the {period} evaluations: {created} added, {updated} changed (batch {batch})"),
})

STATUSES = ("all", "overdue", "reported", "red", "yellow", "green", "unjudged")
ENTRY_FIELDS = ("done_this_period", "done_ytd", "annual_plan", "stage_to")
MONEY_FIELDS = ("done_this_period", "done_ytd", "annual_plan")
BATCH_KIND = "evaluation_round"
SOURCE = "round"
_STATUS_SQL = {"all": "", "overdue": "e.id IS NULL", "reported": "e.id IS NOT NULL", "red": "e.light = '红'",
               "yellow": "e.light = '黄'", "green": "e.light = '绿'", "unjudged": "e.id IS NOT NULL AND e.light IS NULL"}


@dataclass(frozen=True)
class RoundFilter:
    """Which projects of the round: one list (None: all), district code, 挂点 official, status (:data:`STATUSES`)."""

    kind: str | None = None
    district: str | None = None
    official: str | None = None
    status: str = "all"

    def query(self) -> Query:
        filters = [Filter(key, "=", value) for key, value in (("district", self.district),
                                                               ("official", self.official)) if value]
        return Query(filters=tuple(filters))


@dataclass(frozen=True)
class RoundIndex:
    """The rows of a round as (list, rid) — the overdue first, each part in list then entry order — and the
    counts over the filter's projects (whatever the status filter): reported and overdue."""

    period: str
    keys: tuple[tuple[str, int], ...]
    reported: int
    overdue: int


@dataclass(frozen=True)
class RoundRow:
    """One project of the round with its evaluation for the period (``evaluation`` None: not reported).
    ``carried_plan``: the annual plan of the project's latest earlier evaluation of the year (None if none)."""

    project: ProjectRef
    rid: int
    evaluation: Mapping[str, object] | None
    carried_plan: float | None

    @property
    def reported(self) -> bool:
        return self.evaluation is not None


@dataclass(frozen=True)
class CellProblem:
    """Why a typed cell cannot be saved: the project, the field and a message code with its parameters."""

    project_id: str
    field: str
    code: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.code, lang, **self.params)


@dataclass(frozen=True)
class RoundEntry:
    """What the clerk typed for one project: typed values of some of :data:`ENTRY_FIELDS` (None clears)."""

    kind: str
    project_id: str
    values: Mapping[str, object]


@dataclass(frozen=True)
class RoundSave:
    """What :func:`save_round` wrote: the batch, the evaluations added and changed, the change sets."""

    batch: str
    period: str
    created: tuple[str, ...]
    updated: tuple[str, ...]
    changes: tuple[ChangeSet, ...]

    def message(self, lang: str = "zh") -> str:
        return messages.render("round.saved", lang, period=self.period, created=len(self.created),
                               updated=len(self.updated), batch=self.batch)


class CellsRefused(InputRefused):
    """Some typed cells are wrong; nothing was saved. ``problems`` lists every one."""

    def __init__(self, problems: Sequence[CellProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("round.cells_refused", count=len(self.problems))

    def message(self, lang: str = "zh") -> str:
        first = self.problems[0].message(lang) if self.problems else ""
        return messages.render(self.code, lang, count=len(self.problems), first=first)


# ------------------------------------------------------------------------------------------------ reading
def _kinds(kind: str | None) -> tuple[str, ...]:
    return schema.LIST_KEYS if kind is None else (check_kind(kind),)


def round_index(store: Store, period: str | Period, wanted: RoundFilter = RoundFilter()) -> RoundIndex:
    """The round of ``period`` for the projects ``wanted`` selects (one SQL query per list)."""
    text = str(parse_period(period) if isinstance(period, str) else period)
    if wanted.status not in _STATUS_SQL:
        raise ValueError(f"unknown round status {wanted.status!r}")
    late: list[tuple[str, int]] = []
    done: list[tuple[str, int]] = []
    reported = overdue = 0
    for kind in _kinds(wanted.kind):
        table = schema.entity(kind).table
        stages = REPORTING_STAGES[kind]
        where, params = where_clause(schema.entity(kind), wanted.query())
        sql = (f"SELECT p.rid, e.id IS NOT NULL, e.light FROM (SELECT rid, id, stage FROM [{table}] {where}) AS p"
               " LEFT JOIN evaluation AS e ON e.rid = (SELECT rid FROM evaluation WHERE project_id = p.id"
               " AND period = ? LIMIT 1)"
               f" WHERE (p.stage IN ({', '.join('?' for _ in stages)}) OR e.id IS NOT NULL) ORDER BY p.rid")
        for rid, has, light in store.conn.execute(sql, [*params, text, *stages]):
            reported += int(has)
            overdue += int(not has)
            if _status_matches(wanted.status, bool(has), light):
                (done if has else late).append((kind, int(rid)))
    return RoundIndex(text, (*late, *done), reported, overdue)


def _status_matches(status: str, reported: bool, light: object) -> bool:
    if status == "all":
        return True
    if status == "overdue":
        return not reported
    if status == "reported":
        return reported
    if status == "unjudged":
        return reported and light is None
    return light == {"red": "红", "yellow": "黄", "green": "绿"}[status]


def round_rows(store: Store, period: str | Period, keys: Sequence[tuple[str, int]]) -> list[RoundRow]:
    """The rows for ``keys`` (a page of :attr:`RoundIndex.keys`), in the order given; vanished projects are left
    out."""
    found = parse_period(period) if isinstance(period, str) else period
    text = str(found)
    names = [column.strip() for column in PROJECT_COLUMNS.split(",")]
    projects: dict[tuple[str, int], dict[str, object]] = {}
    for kind in dict.fromkeys(kind for kind, _ in keys):
        rids = [rid for key, rid in keys if key == kind]
        for record in store.rows(kind, rids):
            projects[(kind, int(record["rid"]))] = record  # type: ignore[call-overload]
    ids = [str(record["id"]) for record in projects.values()]
    evaluations = _year_evaluations(store, ids, found.year)
    out = []
    for key in keys:
        row = projects.get(key)
        if row is None:
            continue
        mine = evaluations.get(str(row["id"]), [])
        current = next((e for e in mine if e["period"] == text), None)
        out.append(RoundRow(project_ref(key[0], [row.get(name) for name in names]), key[1], current,
                            carried_plan(mine, found)))
    return out


def _year_evaluations(store: Store, project_ids: Sequence[str], year: int) -> dict[str, list[dict[str, object]]]:
    """Every evaluation of the year for these projects, by project id."""
    found: dict[str, list[dict[str, object]]] = {}
    for start in range(0, len(project_ids), 500):
        chunk = tuple(project_ids[start:start + 500])
        query = Query(filters=(Filter("project_id", "in", chunk), Filter("period", ">=", f"{year}-"),
                               Filter("period", "<", f"{year + 1}-")))
        for row in store.iter_records(ENTITY, query):
            found.setdefault(str(row["project_id"]), []).append(row)
    return found


def carried_plan(evaluations: Sequence[Mapping[str, object]], period: Period) -> float | None:
    """The annual plan of the latest evaluation (by period end) of ``period``'s year that ends before ``period``
    ends and has one; None when there is none."""
    best: tuple[dt.date, float] | None = None
    for evaluation in evaluations:
        plan = evaluation.get("annual_plan")
        if not isinstance(plan, int | float) or isinstance(plan, bool) or evaluation.get("period") == str(period):
            continue
        try:
            other = parse_period(evaluation.get("period"))
        except InputRefused:
            continue
        if other.year == period.year and other.end <= period.end and (best is None or other.end > best[0]):
            best = (other.end, float(plan))
    return None if best is None else best[1]


# ------------------------------------------------------------------------------------------------ checking
def read_cell(store: Store, kind: str, key: str, raw: str) -> tuple[object, CellProblem | None]:
    """A typed cell of the bulk grid as a value, with the same rules as an imported cell ("1.2亿", full-width
    digits; no negative amounts) and, for the stage, the list's vocabulary (synonyms and English allowed).
    Blank → None. The problem's project id is left empty (the caller knows the row)."""
    text = raw.strip()
    if not text:
        return None, None
    if key == "stage_to":
        vocabulary = schema.entity(check_kind(kind)).field("stage").vocabulary
        value = vocabulary.canonical(text) if vocabulary else text
        if value is None:
            return None, CellProblem("", key, "round.bad_stage", {"value": text, "list": schema.entity(kind).zh})
        return value, None
    if key not in MONEY_FIELDS:
        raise KeyError(f"{key!r} is not a bulk-entry field")
    entity_field = schema.entity(ENTITY).field(key)
    result = coerce_value(entity_field, text, unit=None, reference=store.reference)
    if result.problem is not None:
        return None, CellProblem("", key, result.problem.code, {**result.problem.params, "field": entity_field.zh})
    return result.value, None


def check_entry(values: Mapping[str, object], project_id: str = "") -> list[CellProblem]:
    """Rules across the cells of one row: year to date cannot be less than this period."""
    ytd, period = values.get("done_ytd"), values.get("done_this_period")
    if isinstance(ytd, int | float) and isinstance(period, int | float) and ytd < period:
        return [CellProblem(project_id, "done_ytd", "round.ytd_below_period",
                            {"ytd": f"{ytd:g}", "period": f"{period:g}"})]
    return []


# ------------------------------------------------------------------------------------------------ saving
def save_round(store: Store, period: str | Period, entries: Sequence[RoundEntry], *, source: str = SOURCE,
               reporter: str | None = None, today: dt.date | None = None) -> RoundSave:
    """Save the typed entries of a round: all in one transaction and one batch, or nothing.

    Raises :class:`CellsRefused` (nothing written) when an entry breaks :func:`check_entry` or names a stage
    outside its list; :class:`~gzdesk.core.errors.NotFound`-like refusals of the store pass through.
    """
    found = parse_period(period) if isinstance(period, str) else period
    text = str(found)
    rule = office_rule(store)
    problems: list[CellProblem] = []
    new_rows: list[dict[str, object]] = []
    updates: list[tuple[str, dict[str, object]]] = []
    by_kind: dict[str, list[RoundEntry]] = {}
    for entry in entries:
        by_kind.setdefault(check_kind(entry.kind), []).append(entry)
    for kind, mine in by_kind.items():
        projects = store.records_by_ids(kind, [entry.project_id for entry in mine])
        year = _year_evaluations(store, [entry.project_id for entry in mine], found.year)
        stages = schema.entity(kind).field("stage").vocabulary
        for entry in mine:
            unknown = set(entry.values) - set(ENTRY_FIELDS)
            if unknown:
                raise KeyError(f"not bulk-entry fields: {sorted(unknown)}")
            stage = entry.values.get("stage_to")
            if stage is not None and stages is not None and stage not in stages.values:
                problems.append(CellProblem(entry.project_id, "stage_to", "round.bad_stage",
                                            {"value": stage, "list": schema.entity(kind).zh}))
            project = projects.get(entry.project_id)
            if project is None:
                raise NotFound("evaluation.no_project", kind=kind, project_id=entry.project_id)
            evaluations = year.get(entry.project_id, [])
            current = next((e for e in evaluations if e["period"] == text), None)
            merged = {**(current or {}), **entry.values}
            problems += check_entry(merged, entry.project_id)
            if current is None and merged.get("annual_plan") is None:
                merged["annual_plan"] = carried_plan(evaluations, found)
            verdict = assess(annual_plan=merged.get("annual_plan"), done_ytd=merged.get("done_ytd"), period=found,
                             start_month=start_month(kind, project, found), rule=rule)
            judged = {} if current is not None and str(current.get("override_reason") or "").strip() else {
                "judgement": verdict.judgement, "light": verdict.light}
            if current is None:
                new_rows.append({"project_kind": kind, "project_id": entry.project_id, "period": text,
                                 "reported_on": (today or dt.date.today()).isoformat(), "reporter": reporter,
                                 "stage_from": project.get("stage"), "stage_to": project.get("stage"),
                                 **{key: merged.get(key) for key in ENTRY_FIELDS if merged.get(key) is not None},
                                 **judged})
            else:
                updates.append((str(current["id"]), {**dict(entry.values), **judged}))
    if problems:
        raise CellsRefused(problems)
    batch = batches.start(store, BATCH_KIND)
    change_sets: list[ChangeSet] = []
    try:
        with store.transaction() as conn:
            created = store.create_many(ENTITY, new_rows, source=source, batch=batch)
            change_sets.append(created)
            updated: list[str] = []
            for evaluation_id, changes in updates:
                change = store.update(ENTITY, evaluation_id, changes, source=source, batch=batch)
                change_sets.append(change)
                updated += list(change.updated)
            batches.finish(conn, batch, {"period": text, "created": len(created.created), "updated": len(updated)})
    except BaseException:
        batches.abandon(store, batch)
        raise
    return RoundSave(batch, text, created.created, tuple(updated), tuple(change_sets))


def officials(store: Store, kind: str | None = None) -> list[str]:
    """The 挂点 officials named on the projects (of one list, or all), sorted."""
    found: set[str] = set()
    for key in _kinds(kind):
        table = schema.entity(key).table
        found.update(str(row[0]) for row in store.conn.execute(
            f"SELECT DISTINCT official FROM [{table}] WHERE official IS NOT NULL AND official != ''"))
    return sorted(found)
