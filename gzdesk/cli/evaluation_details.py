"""``gzdesk evaluate milestone|problem …`` and ``gzdesk evaluate delete``: an evaluation's milestones (节点) and
problems (问题), as thin commands over :mod:`gzdesk.core.evaluation.details`.

Registered on the ``evaluate`` group by :mod:`gzdesk.cli.evaluations`. Exit codes as in ARCHITECTURE.md: 0 done;
1 refused (message on stderr, nothing changed); 2 usage error. ``--json`` prints the records in their canonical
form (the keys of ``gzdesk records``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import click

from gzdesk.cli.common import Group, Settings, pass_settings
from gzdesk.core import canonical, messages, schema
from gzdesk.core.audit import ChangeSet
from gzdesk.core.evaluation import details, records
from gzdesk.core.store import Store

messages.register({
    "cli.detail_added": ("已添加{entity} {id}", "{entity} {id} added"),
    "cli.detail_changed": ("已更新{entity} {id}", "{entity} {id} updated"),
    "cli.detail_deleted": ("已删除 {count} 条{entity}", "{count} {entity} record(s) deleted"),
    "cli.evaluation_deleted": ("已删除进展评估 {id}（连同 {milestones} 个节点、{problems} 个问题）",
                               "Evaluation {id} deleted (with {milestones} milestone(s) and {problems} problem(s))"),
})


def _echo_json(document: object) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=1, default=str))


def _canonical(store: Store, kind: str, row: Mapping[str, object]) -> dict[str, object]:
    return canonical.canonical(schema.entity(kind), row, store.reference)


def _vocabulary_value(kind: str, key: str, value: object) -> object:
    """A typed enumeration value as its canonical form (synonyms and English labels accepted)."""
    vocabulary = schema.entity(kind).field(key).vocabulary
    if isinstance(value, str) and vocabulary is not None:
        return vocabulary.canonical(value) or value
    return value


def _values(kind: str, given: Mapping[str, Any]) -> dict[str, object]:
    return {key: _vocabulary_value(kind, key, value) for key, value in given.items() if value is not None}


def _report(settings: Settings, store: Store, kind: str, change: ChangeSet, as_json: bool, code: str) -> None:
    record_id = (change.created or tuple(change.updated) or ("",))[0]
    if as_json:
        found = store.record(kind, record_id) if record_id else None
        _echo_json(_canonical(store, kind, found) if found else {"id": record_id, "changed": False})
        return
    settings.say(code, entity=schema.entity(kind).label(settings.lang), id=record_id)


def _list(settings: Settings, kind: str, evaluation_id: str | None, as_json: bool, *, only_open: bool = False) -> None:
    with Store.open(settings.database, read_only=True) as store:
        if evaluation_id:
            rows = details.details_of(store, kind, [evaluation_id])
            rows = [row for row in rows if not only_open or row.get("status") == details.OPEN]
        else:
            rows = details.open_problems(store)
        documents = [_canonical(store, kind, row) for row in rows]
    if as_json:
        _echo_json(documents)
        return
    for row in documents:
        title = row.get("name") or row.get("description")
        when = row.get("planned_on") or row.get("due_on") or ""
        click.echo(f"{row['id']}\t{row.get('status') or '-'}\t{when}\t{title}")


def _delete(settings: Settings, kind: str, detail_id: str, as_json: bool) -> None:
    with Store.open(settings.database) as store:
        details.detail(store, kind, detail_id)
        change = details.delete_details(store, kind, [detail_id], source="cli")
    if as_json:
        _echo_json(change.counts())
        return
    settings.say("cli.detail_deleted", count=len(change.deleted), entity=schema.entity(kind).label(settings.lang))


@click.group("milestone", cls=Group)
def milestone_group() -> None:
    """An evaluation's milestones (节点): add, list, done, delete."""


@milestone_group.command("add")
@click.option("--evaluation", "evaluation_id", required=True, help="The evaluation's id.")
@click.option("--name", required=True, help="节点名称")
@click.option("--planned-on", default=None, help="计划完成时间 (2026-03 or 2026-03-31)")
@click.option("--done-on", default=None, help="实际完成时间")
@click.option("--status", default=None, help="未开始|推进中|已完成|已延期")
@click.option("--note", default=None, help="完成情况")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def milestone_add(settings: Settings, evaluation_id: str, as_json: bool, **given: Any) -> None:
    """Add a milestone to an evaluation."""
    kind = details.MILESTONES
    with Store.open(settings.database) as store:
        change = details.add_milestone(store, evaluation_id, _values(kind, given), source="cli")
        _report(settings, store, kind, change, as_json, "cli.detail_added")


@milestone_group.command("list")
@click.option("--evaluation", "evaluation_id", required=True, help="The evaluation's id.")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def milestone_list(settings: Settings, evaluation_id: str, as_json: bool) -> None:
    """The milestones of an evaluation."""
    _list(settings, details.MILESTONES, evaluation_id, as_json)


@milestone_group.command("done")
@click.argument("milestone_id")
@click.option("--done-on", default=None, help="Default: today.")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def milestone_done(settings: Settings, milestone_id: str, done_on: str | None, as_json: bool) -> None:
    """Mark a milestone 已完成."""
    with Store.open(settings.database) as store:
        change = details.complete_milestone(store, milestone_id, done_on=done_on, source="cli")
        _report(settings, store, details.MILESTONES, change, as_json, "cli.detail_changed")


@milestone_group.command("delete")
@click.argument("milestone_id")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def milestone_delete(settings: Settings, milestone_id: str, as_json: bool) -> None:
    """Delete a milestone (kept whole in the audit log)."""
    _delete(settings, details.MILESTONES, milestone_id, as_json)


@click.group("problem", cls=Group)
def problem_group() -> None:
    """An evaluation's problems (问题): add, list, resolve, reopen, delete."""


@problem_group.command("add")
@click.option("--evaluation", "evaluation_id", required=True, help="The evaluation's id.")
@click.option("--description", required=True, help="问题描述")
@click.option("--category", default=None, help="用地|规划|审批|资金|征拆|施工|要素|其他")
@click.option("--unit", "responsible_unit", default=None, help="责任单位")
@click.option("--due-on", default=None, help="解决时限")
@click.option("--needs-leader", is_flag=True, default=None, help="需领导协调")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def problem_add(settings: Settings, evaluation_id: str, as_json: bool, **given: Any) -> None:
    """Add a problem to an evaluation (open until resolved)."""
    kind = details.PROBLEMS
    with Store.open(settings.database) as store:
        change = details.add_problem(store, evaluation_id, _values(kind, given), source="cli")
        _report(settings, store, kind, change, as_json, "cli.detail_added")


@problem_group.command("list")
@click.option("--evaluation", "evaluation_id", default=None, help="One evaluation's problems (default: every open one).")
@click.option("--open", "only_open", is_flag=True, help="Only the open ones.")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def problem_list(settings: Settings, evaluation_id: str | None, only_open: bool, as_json: bool) -> None:
    """The problems of an evaluation, or every open problem."""
    _list(settings, details.PROBLEMS, evaluation_id, as_json, only_open=only_open)


@problem_group.command("resolve")
@click.argument("problem_id")
@click.option("--resolved-on", default=None, help="Default: today.")
@click.option("--resolution", default=None, help="解决情况")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def problem_resolve(settings: Settings, problem_id: str, resolved_on: str | None, resolution: str | None,
                    as_json: bool) -> None:
    """Mark a problem 已解决."""
    with Store.open(settings.database) as store:
        change = details.resolve_problem(store, problem_id, resolved_on=resolved_on, resolution=resolution,
                                         source="cli")
        _report(settings, store, details.PROBLEMS, change, as_json, "cli.detail_changed")


@problem_group.command("reopen")
@click.argument("problem_id")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def problem_reopen(settings: Settings, problem_id: str, as_json: bool) -> None:
    """Mark a problem 未解决 again."""
    with Store.open(settings.database) as store:
        change = details.reopen_problem(store, problem_id, source="cli")
        _report(settings, store, details.PROBLEMS, change, as_json, "cli.detail_changed")


@problem_group.command("delete")
@click.argument("problem_id")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def problem_delete(settings: Settings, problem_id: str, as_json: bool) -> None:
    """Delete a problem (kept whole in the audit log)."""
    _delete(settings, details.PROBLEMS, problem_id, as_json)


@click.command("delete")
@click.argument("evaluation_id")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def delete_command(settings: Settings, evaluation_id: str, as_json: bool) -> None:
    """Delete an evaluation with its milestones and problems."""
    with Store.open(settings.database) as store:
        changes = records.delete_evaluation(store, evaluation_id, source="cli")
    deleted = {change.entity: len(change.deleted) for change in changes}
    if as_json:
        _echo_json({"id": evaluation_id, "deleted": deleted})
        return
    settings.say("cli.evaluation_deleted", id=evaluation_id, milestones=deleted.get(details.MILESTONES, 0),
                 problems=deleted.get(details.PROBLEMS, 0))
