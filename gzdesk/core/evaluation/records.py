"""Evaluation records: one per project per period, judged by the office's rule unless the clerk overrides it.

Every write goes through :class:`~gzdesk.core.store.Store` (validated against the schema, audited) and returns its
change set. An override is a judgement and/or light given by the clerk together with ``override_reason``; the
computed verdict stays available through :func:`computed_verdict`.

An evaluation's milestones and problems are child records (:mod:`gzdesk.core.evaluation.details`); deleting an
evaluation deletes them with it, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from gzdesk.core import messages, schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.evaluation.judgement import DEFAULT_RULE, RULE_SETTING, RuleName, Verdict, assess, check_rule
from gzdesk.core.evaluation.periods import Period, parse_day, parse_period
from gzdesk.core.evaluation.reporting import REPORTING_STAGES as REPORTING_STAGES  # re-exported
from gzdesk.core.evaluation.reporting import START_FIELDS as START_FIELDS  # re-exported
from gzdesk.core.store import Store

messages.register({
    "evaluation.duplicate": ("项目 {project_id} 已有报告期 {period} 的进展评估，请修改原评估",
                             "Project {project_id} already has an evaluation for {period}; edit that one instead"),
    "evaluation.no_project": ("{kind} 清单中找不到项目 {project_id}", "No project {project_id} in the {kind} list"),
    "evaluation.bad_kind": ("未知的项目清单“{value}”", "Unknown project list {value!r}"),
    "evaluation.reason_required": ("人工调整进度评价或灯色时必须填写调整理由",
                                   "A manual judgement or light needs an override reason"),
    "evaluation.not_found": ("找不到进展评估 {evaluation_id}", "Evaluation {evaluation_id} not found"),
})

ENTITY = "evaluation"
SOURCE = "evaluation"
OVERRIDE_FIELDS = ("judgement", "light")


@dataclass(frozen=True)
class EvaluationWrite:
    """What :func:`add_evaluation` / :func:`update_evaluation` did: the change set and the computed verdict."""

    changes: ChangeSet
    evaluation_id: str
    verdict: Verdict
    overridden: bool


def office_rule(store: Store) -> RuleName:
    """The judgement rule of this database's office (setting ``evaluation_rule``; default ``points``)."""
    return check_rule(store.setting(RULE_SETTING, DEFAULT_RULE))


def set_office_rule(store: Store, rule: str) -> None:
    """Choose the office's judgement rule (``points`` or ``ratio``); refused for anything else."""
    store.set_setting(RULE_SETTING, check_rule(rule))


def check_kind(kind: object) -> str:
    if kind not in schema.LIST_KEYS:
        raise InputRefused("evaluation.bad_kind", value=str(kind))
    return str(kind)


def project(store: Store, kind: str, project_id: str) -> dict[str, object]:
    """The project record, or :class:`NotFound` (``evaluation.no_project``)."""
    found = store.record(check_kind(kind), project_id)
    if found is None:
        raise NotFound("evaluation.no_project", kind=kind, project_id=project_id)
    return found


def start_month(kind: str, project_record: Mapping[str, object], period: Period) -> int:
    """The month 序时 counts from for ``period``: the project's start month when it is in the period's year."""
    started = parse_day(project_record.get(START_FIELDS[kind]))
    return started.month if started is not None and started.year == period.year else 1


def computed_verdict(store: Store, evaluation: Mapping[str, object], *, rule: RuleName | None = None) -> Verdict:
    """The verdict the rule gives for a stored evaluation (whatever the clerk's override says)."""
    kind = str(evaluation["project_kind"])
    period = parse_period(evaluation["period"])
    found = store.record(kind, str(evaluation["project_id"])) or {}
    return assess(annual_plan=evaluation.get("annual_plan"), done_ytd=evaluation.get("done_ytd"), period=period,
                  start_month=start_month(kind, found, period), rule=rule or office_rule(store))


def existing_id(store: Store, project_id: str, period: str) -> str | None:
    row = store.conn.execute("SELECT id FROM evaluation WHERE project_id = ? AND period = ?",
                             [project_id, period]).fetchone()
    return None if row is None else str(row[0])


def _judged_values(values: Mapping[str, object], verdict: Verdict) -> tuple[dict[str, object], bool]:
    """The values to store: the clerk's override (with its reason) or the computed judgement and light."""
    overridden = any(values.get(key) not in (None, "") for key in OVERRIDE_FIELDS)
    out = dict(values)
    if overridden:
        reason = str(values.get("override_reason") or "").strip()
        if not reason:
            raise InputRefused("evaluation.reason_required")
        computed = {"judgement": verdict.judgement, "light": verdict.light}
        out.update({key: computed[key] for key in OVERRIDE_FIELDS if out.get(key) in (None, "")})
        out["override_reason"] = reason
        return out, True
    out.update(judgement=verdict.judgement, light=verdict.light, override_reason=None)
    return out, False


def add_evaluation(store: Store, values: Mapping[str, object], *, source: str = SOURCE,
                   batch: str | None = None) -> EvaluationWrite:
    """Add the evaluation of (project_kind, project_id, period); refuses a second one for the same period.

    Judgement and light are computed by the office's rule unless given with an ``override_reason``. ``values`` may
    carry ``id``, ``owner_office`` and ``_origin`` as :meth:`Store.create_many` takes them (imports do).
    """
    kind = check_kind(values.get("project_kind"))
    project_id = str(values.get("project_id") or "")
    period = parse_period(values.get("period"))
    found = project(store, kind, project_id)
    if existing_id(store, project_id, str(period)) is not None:
        raise InputRefused("evaluation.duplicate", project_id=project_id, period=str(period))
    verdict = assess(annual_plan=values.get("annual_plan"), done_ytd=values.get("done_ytd"), period=period,
                     start_month=start_month(kind, found, period), rule=office_rule(store))
    row, overridden = _judged_values({**values, "period": str(period)}, verdict)
    row.setdefault("reported_on", dt.date.today().isoformat())
    changes = store.create_many(ENTITY, [row], source=source, batch=batch)
    return EvaluationWrite(changes, changes.created[0], verdict, overridden)


def update_evaluation(store: Store, evaluation_id: str, changes: Mapping[str, object], *, source: str = SOURCE,
                      batch: str | None = None, origin: str | None = None,
                      expected_revision: int | None = None) -> EvaluationWrite:
    """Change an evaluation's fields; the judgement is recomputed unless the result carries an override.

    Clearing the override: pass ``override_reason=None`` (and no judgement/light) to go back to the rule.
    Project and period cannot change (delete and add instead).
    """
    current = store.record(ENTITY, evaluation_id)
    if current is None:
        raise NotFound("evaluation.not_found", evaluation_id=evaluation_id)
    entity = schema.entity(ENTITY)
    fixed = {key: current[key] for key in ("project_kind", "project_id", "period")}
    merged = {**current, **changes, **fixed}
    verdict = computed_verdict(store, merged)
    if not str(merged.get("override_reason") or "").strip():  # no override (any more): back to the rule
        merged = {**merged, **{key: changes.get(key) for key in OVERRIDE_FIELDS}}
    row, overridden = _judged_values(merged, verdict)
    wanted = {key: row.get(key) for key in entity.by_key if key not in fixed and (
        key in changes or key in (*OVERRIDE_FIELDS, "override_reason"))}
    change_set = store.update(ENTITY, evaluation_id, wanted, source=source, batch=batch, origin=origin,
                              expected_revision=expected_revision)
    return EvaluationWrite(change_set, evaluation_id, verdict, overridden)


def delete_evaluation(store: Store, evaluation_id: str, *, source: str = SOURCE) -> list[ChangeSet]:
    """Delete an evaluation with its milestones and problems, in one transaction; returns the change sets
    (milestones, problems, the evaluation). Every deleted record is kept whole in the audit log."""
    if store.record(ENTITY, evaluation_id) is None:
        raise NotFound("evaluation.not_found", evaluation_id=evaluation_id)
    changes: list[ChangeSet] = []
    with store.transaction():
        for kind in (schema.MILESTONE.key, schema.PROBLEM.key):
            ids = [str(row[0]) for row in store.conn.execute(
                f"SELECT id FROM [{schema.entity(kind).table}] WHERE evaluation_id = ? ORDER BY rid", [evaluation_id])]
            if ids:
                changes.append(store.delete(kind, ids, source=source))
        changes.append(store.delete(ENTITY, [evaluation_id], source=source))
    return changes
