"""An evaluation's milestones (节点) and problems (问题): child records keyed by ``evaluation_id`` (migration 6).

Every write goes through the store (validated against the schema, audited in the same transaction) and returns
its change set. Status rules, applied on add and edit:

* a milestone given a done date and no status is 已完成;
* a problem without a status is 未解决, or 已解决 when it has a resolved date; a problem still 未解决 cannot carry
  a resolved date (``problem.resolved_open``). :func:`resolve_problem` and :func:`reopen_problem` change both.

Deleting an evaluation deletes its milestones and problems with it (:func:`gzdesk.core.evaluation.records.
delete_evaluation`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from gzdesk.core import messages, schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store

MILESTONES = schema.MILESTONE.key
PROBLEMS = schema.PROBLEM.key
DETAIL_KINDS = (MILESTONES, PROBLEMS)
SOURCE = "evaluation"
DONE, OPEN, RESOLVED = "已完成", "未解决", "已解决"

messages.register({
    "detail.no_evaluation": ("找不到进展评估 {evaluation_id}", "Evaluation {evaluation_id} not found"),
    "detail.not_found": ("找不到{entity} {detail_id}", "{entity} {detail_id} not found"),
    "detail.fixed_evaluation": ("节点或问题不能改挂到另一条进展评估", "A milestone or problem cannot move to another evaluation"),
    "problem.resolved_open": ("问题仍为“未解决”，不能填写解决日期", "An open problem cannot have a resolved date"),
})


def _check_kind(kind: str) -> schema.Entity:
    if kind not in DETAIL_KINDS:
        raise ValueError(f"{kind!r} is not one of {DETAIL_KINDS}")
    return schema.entity(kind)


def _with_status(kind: str, values: Mapping[str, object]) -> dict[str, object]:
    """``values`` with the status the rules give (see the module docstring); refuses a resolved date on an open
    problem."""
    out = dict(values)
    if kind == MILESTONES:
        if out.get("done_on") and not out.get("status"):
            out["status"] = DONE
        return out
    if not out.get("status"):
        out["status"] = RESOLVED if out.get("resolved_on") else OPEN
    if out["status"] == OPEN and out.get("resolved_on"):
        raise InputRefused("problem.resolved_open")
    return out


def require_evaluation(store: Store, evaluation_id: str) -> None:
    """Refuses (:class:`NotFound`, ``detail.no_evaluation``) when there is no such evaluation."""
    if store.conn.execute("SELECT 1 FROM evaluation WHERE id = ?", [evaluation_id]).fetchone() is None:
        raise NotFound("detail.no_evaluation", evaluation_id=evaluation_id)


def add_detail(store: Store, kind: str, evaluation_id: str, values: Mapping[str, object], *,
               source: str = SOURCE, batch: str | None = None) -> ChangeSet:
    """Add a milestone (``kind`` :data:`MILESTONES`) or problem (:data:`PROBLEMS`) to an evaluation. ``values``
    may carry ``id``, ``owner_office`` and ``_origin`` as :meth:`Store.create_many` takes them (imports do)."""
    _check_kind(kind)
    require_evaluation(store, evaluation_id)
    row = {**_with_status(kind, values), "evaluation_id": evaluation_id}
    return store.create_many(kind, [row], source=source, batch=batch)


def add_milestone(store: Store, evaluation_id: str, values: Mapping[str, object], *,
                  source: str = SOURCE) -> ChangeSet:
    return add_detail(store, MILESTONES, evaluation_id, values, source=source)


def add_problem(store: Store, evaluation_id: str, values: Mapping[str, object], *,
                source: str = SOURCE) -> ChangeSet:
    return add_detail(store, PROBLEMS, evaluation_id, values, source=source)


def detail(store: Store, kind: str, detail_id: str) -> dict[str, object]:
    """One milestone or problem, or :class:`NotFound`."""
    entity = _check_kind(kind)
    found = store.record(kind, detail_id)
    if found is None:
        raise NotFound("detail.not_found", entity=entity.zh, detail_id=detail_id)
    return found


def update_detail(store: Store, kind: str, detail_id: str, changes: Mapping[str, object], *,
                  source: str = SOURCE, expected_revision: int | None = None, batch: str | None = None,
                  origin: str | None = None) -> ChangeSet:
    """Change fields of a milestone or problem (the status rules hold for the result); it stays with its
    evaluation."""
    current = detail(store, kind, detail_id)
    if "evaluation_id" in changes and changes["evaluation_id"] != current["evaluation_id"]:
        raise InputRefused("detail.fixed_evaluation")
    merged = _with_status(kind, {**current, **changes})
    wanted = {key: merged.get(key) for key in (*changes, "status") if key != "evaluation_id"}
    return store.update(kind, detail_id, wanted, source=source, expected_revision=expected_revision, batch=batch,
                        origin=origin)


def delete_details(store: Store, kind: str, detail_ids: Sequence[str], *, source: str = SOURCE) -> ChangeSet:
    _check_kind(kind)
    return store.delete(kind, detail_ids, source=source)


def resolving(*, resolved_on: str | None = None, resolution: str | None = None) -> dict[str, object]:
    """The changes that mark a problem 已解决 on ``resolved_on`` (default today), with what was done when given."""
    changes: dict[str, object] = {"status": RESOLVED, "resolved_on": resolved_on or dt.date.today().isoformat()}
    if resolution is not None:
        changes["resolution"] = resolution
    return changes


def reopening() -> dict[str, object]:
    """The changes that mark a problem 未解决 again (its resolved date cleared)."""
    return {"status": OPEN, "resolved_on": None}


def completing(*, done_on: str | None = None) -> dict[str, object]:
    """The changes that mark a milestone 已完成 on ``done_on`` (default today)."""
    return {"status": DONE, "done_on": done_on or dt.date.today().isoformat()}


def resolve_problem(store: Store, problem_id: str, *, resolved_on: str | None = None,
                    resolution: str | None = None, source: str = SOURCE) -> ChangeSet:
    """Mark a problem 已解决 on ``resolved_on`` (default today), with what was done when given."""
    return update_detail(store, PROBLEMS, problem_id, resolving(resolved_on=resolved_on, resolution=resolution),
                         source=source)


def reopen_problem(store: Store, problem_id: str, *, source: str = SOURCE) -> ChangeSet:
    """Mark a problem 未解决 again (its resolved date is cleared)."""
    return update_detail(store, PROBLEMS, problem_id, reopening(), source=source)


def complete_milestone(store: Store, milestone_id: str, *, done_on: str | None = None,
                       source: str = SOURCE) -> ChangeSet:
    """Mark a milestone 已完成 on ``done_on`` (default today)."""
    return update_detail(store, MILESTONES, milestone_id, completing(done_on=done_on), source=source)


def details_of(store: Store, kind: str, evaluation_ids: Sequence[str]) -> list[dict[str, object]]:
    """The milestones or problems of these evaluations, in entry order."""
    _check_kind(kind)
    if not evaluation_ids:
        return []
    query = Query(filters=(Filter("evaluation_id", "in", tuple(evaluation_ids)),))
    return list(store.iter_records(kind, query))


def detail_counts(store: Store, evaluation_id: str) -> dict[str, int]:
    """How many milestones and how many problems the evaluation has, by kind (:data:`DETAIL_KINDS`)."""
    return {kind: int(store.conn.execute(f"SELECT count(*) FROM [{schema.entity(kind).table}] WHERE evaluation_id = ?",
                                         [evaluation_id]).fetchone()[0]) for kind in DETAIL_KINDS}


def evaluation_of(store: Store, kind: str, detail_id: str) -> str | None:
    """The evaluation a milestone or problem belongs to — or belonged to when it was last deleted (read from the
    whole record the audit log keeps of the delete); None when there never was such a one."""
    _check_kind(kind)
    found = store.record(kind, detail_id)
    if found is not None:
        return str(found["evaluation_id"])
    for entry in reversed(store.history(detail_id)):
        if entry.entity == kind and entry.action == "delete" and isinstance(entry.old, dict):
            evaluation_id = entry.old.get("evaluation_id")
            return None if evaluation_id is None else str(evaluation_id)
    return None


def open_problems(store: Store) -> list[dict[str, object]]:
    """Every problem still 未解决, in entry order."""
    return list(store.iter_records(PROBLEMS, Query(filters=(Filter("status", "=", OPEN),))))
