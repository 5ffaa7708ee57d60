"""Importing workbooks, the import ledger, and undoing an import from the command line."""

from __future__ import annotations

import json

import click

from gzdesk.cli.common import Settings, pass_settings
from gzdesk.core import batches, messages, schema
from gzdesk.core.errors import DecisionNeeded
from gzdesk.core.excel.problems import Problem
from gzdesk.core.exchange.merge import RecordUpdate
from gzdesk.core.exchange.undo import apply_undo, plan_undo
from gzdesk.core.importer import ImportPlan, ImportReport, apply_import, plan_import
from gzdesk.core.store import Store

messages.register({
    "cli.undo_done": ("已撤销导入 {batch}：恢复 {restored} 处修改，删除 {deleted} 条新增记录",
                      "Undid import {batch}: {restored} field(s) restored, {deleted} created record(s) removed"),
    "cli.no_imports": ("还没有导入记录", "No imports yet"),
    "cli.evaluation_counts": ("{entity}：新增 {new} 条，更新 {updated} 条，未变 {unchanged} 条，冲突 {conflicts} 条，"
                              "待审核 {held} 条",
                              "{entity}: {new} new, {updated} updated, {unchanged} unchanged, {conflicts} with "
                              "conflicts, {held} held for review"),
})


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, int | float | str | bool | list) else str(value)


def _problem_json(problem: Problem, lang: str) -> dict[str, object]:
    return {"sheet": problem.sheet, "row": problem.row, "column": problem.column, "field": problem.field,
            "value": _plain(problem.raw), "code": problem.code, "reason": problem.reason(lang)}


def _update_json(update: RecordUpdate) -> dict[str, object]:
    return {"list": update.list_key, "id": update.record_id, "sheet": update.row.sheet, "row": update.row.row,
            "held_for_review": update.held,
            "changes": [{"field": c.field, "decision": c.decision.value, "base": _plain(c.base),
                         "theirs": _plain(c.theirs), "ours": _plain(c.ours)} for c in update.changes]}


def evaluation_counts(plan: ImportPlan) -> dict[str, dict[str, int]]:
    """Per evaluation entity (evaluation, evaluation_milestone, evaluation_problem): new, updated, unchanged,
    conflicts, held — empty when the file has no evaluation rows."""
    return plan.evaluations.counts() if plan.evaluations.has_rows else {}


def import_document(plan: ImportPlan, report: ImportReport | None, *, status: str, skip_invalid: bool,
                    lang: str) -> dict[str, object]:
    """The one JSON document ``gzdesk import --json`` prints: counts, tables, every problem and change.

    A file with evaluation sheets (工作评估/节点/问题) adds ``evaluation_counts`` (per entity) and
    ``evaluation_updates`` (shaped as ``updates``, ``list`` naming the entity)."""
    document: dict[str, object] = {
        "file": str(plan.path), "status": status, "batch": report.batch if report else None,
        "already_imported": plan.already_imported.started_at if plan.already_imported else None,
        "export_id": plan.export.export_id if plan.export else None, "answers_our_export": plan.trusted_export,
        "counts": plan.counts(skip_invalid=skip_invalid),
        "tables": [{"sheet": t.sheet_name, "list": t.list_key, "header_rows": list(t.header_rows),
                    "data_rows": len(t.data_rows), "office": t.office, "unit": t.unit,
                    "skipped_rows": [{"row": r.row, "reason": messages.render(r.reason_code, lang)} for r in t.skipped],
                    "unmapped_columns": [f"{c.letter} {c.header}".strip() for c in t.columns if c.field is None]}
                   for t in plan.tables],
        "skipped_sheets": [{"sheet": s.sheet_name, "reason": s.message(lang)} for s in plan.skipped_sheets],
        "notices": [messages.render(code, lang) for code in plan.workbook_notices],
        "problems": [_problem_json(p, lang) for p in plan.problems],
        "updates": [_update_json(u) for u in plan.updates],
        "not_in_file": [{"list": k, "id": i} for k, i in plan.not_in_file],
        "notes": [_problem_json(p, lang) for p in plan.notes],
    }
    if plan.evaluations.has_rows:
        document["evaluation_counts"] = evaluation_counts(plan)
        document["evaluation_updates"] = [_update_json(u) for u in plan.evaluations.updates]
    return document


def _print_plan(plan: ImportPlan, lang: str) -> None:
    for problem in plan.problems:
        click.echo(problem.message(lang), err=True)
    for update in (*plan.conflicts, *plan.evaluations.conflicts):
        for change in update.conflicts:
            field = schema.entity(update.list_key).field(change.field).label(lang)
            click.echo(f"{update.row.sheet}!{update.row.row} {field}: base={change.base!r} theirs={change.theirs!r} "
                       f"ours={change.ours!r}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--list", "kind", type=click.Choice(schema.LIST_KEYS), default=None,
              help="Force the list (otherwise found from the headers).")
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document with counts and every problem.")
@click.option("--on-conflict", type=click.Choice(["fail", "keep-mine", "take-theirs"]), default="fail",
              show_default=True, help="What to do when a row and our record both changed a field.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows and leave out the invalid ones.")
@click.option("--accept-foreign", is_flag=True,
              help="Also apply changes to our own records from a file that does not answer our export (audited).")
@click.option("--insert-only", is_flag=True, help="An exchange workbook lost its id column: add only new projects.")
@pass_settings
def import_command(settings: Settings, file: str, kind: str | None, dry_run: bool, as_json: bool,
                   on_conflict: str, skip_invalid: bool, accept_foreign: bool, insert_only: bool) -> None:
    """Import a workbook (.xlsx .xlsm .xls .ods .csv): one transaction, all or nothing, never deletes."""
    with Store.open(settings.database, read_only=dry_run and settings.database.exists()) as store:
        plan = plan_import(store, file, list_hint=kind)
        report = None
        status = "dry-run"
        if not dry_run:
            try:
                report = apply_import(store, plan, skip_invalid=skip_invalid, on_conflict=on_conflict,
                                      accept_foreign=accept_foreign, insert_only=insert_only)
            except DecisionNeeded:
                if as_json:
                    click.echo(json.dumps(import_document(plan, None, status="decision-needed", skip_invalid=False,
                                                          lang=settings.lang), ensure_ascii=False, indent=1))
                else:
                    _print_plan(plan, settings.lang)
                raise
            status = "already-imported" if plan.already_imported else "imported"
    if as_json:
        click.echo(json.dumps(import_document(plan, report, status=status, skip_invalid=skip_invalid,
                                              lang=settings.lang), ensure_ascii=False, indent=1))
        return
    if plan.already_imported:
        settings.say("batch.already_imported", at=plan.already_imported.started_at, batch=plan.already_imported.id)
        return
    _print_plan(plan, settings.lang)
    settings.say("import.dry_run" if dry_run else "import.done", file=plan.file_name,
                 **plan.counts(skip_invalid=skip_invalid))
    for key, counts in evaluation_counts(plan).items():
        if any(counts.values()):
            settings.say("cli.evaluation_counts", entity=schema.entity(key).label(settings.lang), **counts)
    if plan.not_in_file:
        settings.say("import.not_in_file", count=len(plan.not_in_file))


@click.command("imports")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def imports_command(settings: Settings, as_json: bool) -> None:
    """The ledger: imports, exports and undos, newest first."""
    with Store.open(settings.database, read_only=True) as store:
        found = batches.recent(store, 200)
    if as_json:
        click.echo(json.dumps([b.__dict__ | {"summary": dict(b.summary)} for b in found], ensure_ascii=False, indent=1))
        return
    if not found:
        settings.say("cli.no_imports")
    for b in found:
        click.echo(f"{b.started_at}  {b.kind:<7} {b.status:<11} {b.id}  {b.file_name or ''}")


@click.command("undo-import")
@click.argument("batch")
@click.option("--overwrite-edited", is_flag=True, help="Also undo fields edited after the import.")
@pass_settings
def undo_import_command(settings: Settings, batch: str, overwrite_edited: bool) -> None:
    """Undo a whole import (or a saved evaluation round): restore old values, remove the records it added (later
    edits are kept)."""
    with Store.open(settings.database) as store:
        plan = plan_undo(store, batch)
        apply_undo(store, plan, overwrite_edited=overwrite_edited)
    kept = 0 if overwrite_edited else len(plan.edited_since)
    settings.say("cli.undo_done", batch=batch, restored=len(plan.restore), deleted=len(plan.delete))
    if kept:
        settings.say("undo.edited_since", count=kept)
