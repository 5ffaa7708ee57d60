"""``gzdesk evaluate``: record and list progress evaluations; overdue, red/yellow and meeting reports.

Register with ``main.add_command(evaluate)`` (``from gzdesk.cli.evaluations import evaluate``). Exit codes as in
ARCHITECTURE.md: 0 done; 1 refused (message on stderr, nothing changed); 2 usage error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from gzdesk.cli.common import Group, Settings, pass_settings
from gzdesk.cli.evaluation_details import delete_command, milestone_group, problem_group
from gzdesk.core import canonical, messages, schema
from gzdesk.core.evaluation import listing, records
from gzdesk.core.evaluation.periods import Period, parse_day, parse_period, period_containing
from gzdesk.core.store import Store

messages.register({
    "cli.evaluation_added": ("已添加进展评估 {id}：{judgement}", "Evaluation {id} added: {judgement}"),
    "cli.evaluation_updated": ("已更新进展评估 {id}：{judgement}", "Evaluation {id} updated: {judgement}"),
    "cli.evaluation_overdue": ("{period}：{count} 个项目未报送进展评估", "{period}: {count} project(s) overdue"),
    "cli.evaluation_rule": ("评价规则：{rule}", "Judgement rule: {rule}"),
    "cli.bad_date": ("日期“{value}”无法识别（应为 2026-03-31）", "Date {value!r} is not understood (write 2026-03-31)"),
})

_LIST = click.Choice(schema.LIST_KEYS)
_MONEY_OPTIONS = ("planned_this_period", "done_this_period", "annual_plan", "done_ytd", "done_since_start",
                  "funds_arrived")


def default_period(today: dt.date | None = None) -> Period:
    """The period a meeting asks about by default: the month before ``today`` (reports arrive early next month)."""
    day = today or dt.date.today()
    return period_containing(day.replace(day=1) - dt.timedelta(days=1), "month")


def _period(value: str | None) -> str:
    return str(parse_period(value)) if value else str(default_period())


def _echo_json(document: object) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=1, default=str))


def _evaluation_json(store: Store, row: Mapping[str, object]) -> dict[str, object]:
    return canonical.canonical(schema.entity(records.ENTITY), row, store.reference)


def _verdict_json(write: records.EvaluationWrite, lang: str) -> dict[str, object]:
    verdict = write.verdict
    return {"id": write.evaluation_id, "overridden": write.overridden, "computed": {
        "judgement": verdict.judgement, "light": verdict.light, "completion": verdict.completion,
        "schedule": verdict.schedule, "reason": verdict.reason,
        "reason_text": messages.render(verdict.reason, lang) if verdict.reason else None}}


@click.group(cls=Group)
def evaluate() -> None:
    """Progress evaluations (进展评估): add, list, delete, overdue, lights, stats, rule, export; milestone,
    problem."""


@evaluate.command("add")
@click.option("--list", "kind", required=True, type=_LIST)
@click.option("--project", "project_id", required=True, help="The project's id.")
@click.option("--period", required=True, help="2026-03 | 2026-Q1 | 2026-03-上")
@click.option("--reported-on", default=None)
@click.option("--reporter", default=None)
@click.option("--stage-to", default=None)
@click.option("--planned-this-period", type=float, default=None)
@click.option("--done-this-period", type=float, default=None)
@click.option("--annual-plan", type=float, default=None)
@click.option("--done-ytd", type=float, default=None)
@click.option("--done-since-start", type=float, default=None)
@click.option("--funds-arrived", type=float, default=None)
@click.option("--progress", "progress_text", default=None)
@click.option("--next-steps", default=None)
@click.option("--judgement", default=None, help="Override: 超前|正常|滞后|严重滞后 (needs --reason)")
@click.option("--light", default=None, help="Override: 绿|黄|红 (needs --reason)")
@click.option("--reason", "override_reason", default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def add_command(settings: Settings, kind: str, as_json: bool, **values: Any) -> None:
    """Add the evaluation of one project for one period (judged by the office's rule unless overridden)."""
    row = {key: value for key, value in values.items() if value is not None}
    with Store.open(settings.database) as store:
        write = records.add_evaluation(store, {"project_kind": kind, **row}, source="cli")
    if as_json:
        _echo_json(_verdict_json(write, settings.lang))
        return
    shown = write.verdict.judgement or messages.render(write.verdict.reason or "", settings.lang)
    settings.say("cli.evaluation_added", id=write.evaluation_id, judgement=shown)


@evaluate.command("list")
@click.option("--project", "project_id", default=None, help="One project's timeline, newest first.")
@click.option("--period", default=None, help="One period's evaluations (default: last month).")
@click.option("--list", "kind", type=_LIST, default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def list_command(settings: Settings, project_id: str | None, period: str | None, kind: str | None,
                 as_json: bool) -> None:
    """List evaluations: a project's timeline (--project) or a period's round."""
    with Store.open(settings.database, read_only=True) as store:
        rows = listing.timeline(store, project_id) if project_id else listing.for_period(
            store, _period(period), kind=kind)
        documents = [_evaluation_json(store, row) for row in rows]
    if as_json:
        _echo_json(documents)
        return
    for row in documents:
        click.echo(f"{row['period']}\t{row['project_kind']}\t{row['project_id']}\t{row['judgement'] or '-'}"
                   f"\t{row['light'] or '-'}\t{row['done_ytd'] or ''}/{row['annual_plan'] or ''}"
                   f"{'  (' + str(row['override_reason']) + ')' if row['override_reason'] else ''}")


@evaluate.command("overdue")
@click.option("--period", default=None, help="Default: last month.")
@click.option("--list", "kind", type=_LIST, default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def overdue_command(settings: Settings, period: str | None, kind: str | None, as_json: bool) -> None:
    """Projects in a reporting stage with no evaluation for the period."""
    text = _period(period)
    with Store.open(settings.database, read_only=True) as store:
        found = listing.overdue(store, text, kind=kind)
    if as_json:
        _echo_json({"period": text, "count": len(found), "projects": [dataclasses.asdict(p) for p in found]})
        return
    settings.say("cli.evaluation_overdue", period=text, count=len(found))
    for project in found:
        click.echo(f"{project.kind}\t{project.project_id}\t{project.name}\t{project.stage or ''}"
                   f"\t{project.official or ''}")


@evaluate.command("lights")
@click.option("--period", default=None, help="Default: last month.")
@click.option("--list", "kind", type=_LIST, default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def lights_command(settings: Settings, period: str | None, kind: str | None, as_json: bool) -> None:
    """The red, then yellow projects of the period, with their evaluation."""
    text = _period(period)
    with Store.open(settings.database, read_only=True) as store:
        found = [(project, _evaluation_json(store, evaluation))
                 for project, evaluation in listing.lights(store, text, kind=kind)]
    if as_json:
        _echo_json({"period": text, "projects": [
            {**dataclasses.asdict(project), "light": evaluation["light"], "judgement": evaluation["judgement"],
             "evaluation": evaluation} for project, evaluation in found]})
        return
    for project, evaluation in found:
        click.echo(f"{evaluation['light']}\t{evaluation['judgement'] or '-'}\t{project.kind}\t{project.project_id}"
                   f"\t{project.name}")


@evaluate.command("rule")
@click.argument("rule", required=False, type=click.Choice(["points", "ratio"]))
@pass_settings
def rule_command(settings: Settings, rule: str | None) -> None:
    """Show or set the office's judgement rule (points: 10/30 points behind 序时; ratio: 80 %/60 % of 序时)."""
    with Store.open(settings.database, read_only=rule is None) as store:
        if rule is not None:
            records.set_office_rule(store, rule)
        settings.say("cli.evaluation_rule", rule=records.office_rule(store))


def as_of_date(value: str | None) -> dt.date:
    """``--as-of`` as a date (default today); an unreadable date is refused (exit 1)."""
    if value is None:
        return dt.date.today()
    found = parse_day(value)
    if found is None:
        from gzdesk.core.errors import InputRefused

        raise InputRefused("cli.bad_date", value=value)
    return found


@evaluate.command("stats")
@click.option("--as-of", "as_of", default=None, help="Date (default today).")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def stats_command(settings: Settings, as_of: str | None, as_json: bool) -> None:
    """Meeting statistics: counts, amounts, rates, the most-behind ranking, red/yellow/overdue lists."""
    from gzdesk.core.evaluation.stats import meeting_stats

    day = as_of_date(as_of)
    with Store.open(settings.database, read_only=True) as store:
        result = meeting_stats(store, as_of=day)
    document = dataclasses.asdict(result)
    for numbers, listed in zip(result.lists, document["lists"], strict=True):
        listed["rates"] = [{**dataclasses.asdict(rate), "value": rate.value} for rate in numbers.rates]
    if as_json:
        _echo_json(document)
        return
    for numbers in result.lists:
        rates = "  ".join(f"{rate.label(settings.lang)} {rate.value:.1%}" for rate in numbers.rates
                          if rate.value is not None)
        click.echo(f"{numbers.list_key}: {numbers.count}  {rates}  {dict(numbers.lights)}")
    settings.say("cli.evaluation_overdue", period=result.due_period, count=result.overdue_count)


@evaluate.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", "periods", multiple=True, required=True,
              help="The evaluations' period (repeatable): 2026-10 | 2026-Q3 | 2026-10-上")
@click.option("--list", "kinds", type=_LIST, multiple=True, help="Which lists (repeatable; default: all three).")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def export_command(settings: Settings, out: Path, periods: tuple[str, ...], kinds: tuple[str, ...],
                   as_json: bool) -> None:
    """An exchange workbook with the lists and their evaluations of the periods (工作评估, 节点, 问题 sheets);
    ``gzdesk import`` folds it back in."""
    from gzdesk.core.excel.export_exchange import export_exchange

    wanted = [str(parse_period(period)) for period in periods]
    with Store.open(settings.database) as store:
        report = export_exchange(store, out, lists=kinds or schema.LIST_KEYS, lang=settings.lang,
                                 evaluation_periods=wanted)
    counts = dict(report.counts)
    if as_json:
        _echo_json({"path": str(report.path), "export_id": report.export_id, "counts": counts,
                    "periods": wanted, "batch": report.batch})
        return
    settings.say("cli.export_done", path=report.path, counts=json.dumps(counts, ensure_ascii=False))


for _command in (milestone_group, problem_group, delete_command):
    evaluate.add_command(_command)
