"""The command line: a thin shell over the core (ARCHITECTURE.md "The command line" is the contract).

Exit codes: 0 done; 1 the input was refused (message on stderr, nothing changed); 2 usage error;
3 conflicts or invalid rows need a decision. Messages follow ``--lang`` or the system locale.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from gzdesk import paths
from gzdesk.core import backup as backups
from gzdesk.core import canonical, messages, schema, taxonomy
from gzdesk.core.check import check_database
from gzdesk.core.errors import DecisionNeeded, GzdeskError
from gzdesk.core.excel.problems import Problem
from gzdesk.core.importer import ImportPlan, ImportReport, apply_import, plan_import
from gzdesk.core.store import Store

OpenApp = Callable[[Path | None, str], int]

messages.register({
    "cli.check_ok": ("数据库检查通过：{path}", "Database check passed: {path}"),
    "cli.check_found": ("发现 {count} 个问题：", "{count} problem(s) found:"),
    "cli.backup_done": ("已备份到 {path}", "Backed up to {path}"),
    "cli.restore_done": ("已从 {backup} 恢复；恢复前的数据已备份到 {safety}",
                         "Restored from {backup}; the data before the restore was backed up to {safety}"),
    "cli.no_backups": ("还没有备份", "No backups yet"),
    "cli.demo_done": ("已生成示例数据：{counts}", "Sample data added: {counts}"),
    "cli.no_gui": ("此安装不含桌面界面", "This installation has no desktop interface"),
})


@dataclass
class Settings:
    db: Path | None = None
    lang: str = dataclasses.field(default_factory=messages.default_language)

    @property
    def database(self) -> Path:
        return self.db or paths.default_database()

    def say(self, code: str, **params: object) -> None:
        click.echo(messages.render(code, self.lang, **params))


class _Group(click.Group):
    """Turns every :class:`GzdeskError` into its clear message on stderr and its exit code — no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GzdeskError as error:
            settings = ctx.find_object(Settings)
            lang = settings.lang if settings else messages.default_language()
            click.echo(error.message(lang), err=True)
            ctx.exit(error.exit_code)


def _pass_settings(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command its own ``--db`` and ``--lang`` (either place works: ``gzdesk --db x records`` or
    ``gzdesk records --db x``) and pass it the merged :class:`Settings` as first argument."""

    def wrapper(ctx: click.Context, /, command_db: Path | None, command_lang: str | None, **kwargs: Any) -> Any:
        settings = ctx.find_object(Settings) or ctx.ensure_object(Settings)
        if command_db is not None:
            settings.db = command_db
        if command_lang is not None:
            settings.lang = command_lang
        return command(settings, **kwargs)

    functools.update_wrapper(wrapper, command)
    decorated = click.pass_context(wrapper)
    decorated = click.option("--lang", "command_lang", type=click.Choice(messages.LANGUAGES), default=None,
                             help="zh or en")(decorated)
    return click.option("--db", "command_db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Database file (default: the user data folder).")(decorated)


def _lists_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--list", "kind", required=True, type=click.Choice(schema.LIST_KEYS),
                        help="investment | tech_transfer | expansion")


def make_cli(open_app: OpenApp | None = None) -> click.Group:
    """Build the ``gzdesk`` command; ``open_app(db, lang)`` opens the desktop app when no command is given."""

    @click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Database file (default: the user data folder).")
    @click.option("--lang", type=click.Choice(messages.LANGUAGES), default=None, help="zh or en")
    @click.version_option(package_name="gzdesk")
    @click.pass_context
    def main(ctx: click.Context, db: Path | None, lang: str | None) -> None:
        """gzdesk — 招商引资、科技成果转化、增资扩产项目清单与进展评估。Without a command: open the app."""
        ctx.obj = Settings(db, lang or messages.default_language())
        if ctx.invoked_subcommand is None:
            if open_app is None:
                ctx.obj.say("cli.no_gui")
                ctx.exit(1)
            ctx.exit(open_app(db, ctx.obj.lang))

    @main.command()
    @_lists_option()
    @click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json")
    @_pass_settings
    def records(settings: Settings, kind: str, output_format: str) -> None:
        """Print every record of a list with the canonical field keys."""
        with Store.open(settings.database, read_only=True) as store:
            entity = schema.entity(kind)
            rows = store.iter_records(kind)
            out = sys.stdout
            if output_format == "csv":
                writer = csv.writer(out)
                writer.writerow(canonical.csv_header(entity))
                writer.writerows(canonical.csv_row(entity, row, store.reference) for row in rows)
                return
            out.write("[")
            for index, row in enumerate(rows):
                out.write(",\n" if index else "\n")
                out.write(json.dumps(canonical.canonical(entity, row, store.reference), ensure_ascii=False))
            out.write("\n]\n")

    @main.command()
    @click.option("--projects", type=click.IntRange(0, 5_000_000), default=2000, show_default=True)
    @click.option("--seed", type=int, default=2026, show_default=True)
    @click.option("--evaluation-months", type=click.IntRange(0, 12), default=None,
                  help="Months of evaluation history (default: this year so far).")
    @_pass_settings
    def demo(settings: Settings, projects: int, seed: int, evaluation_months: int | None) -> None:
        """Fill the database with realistic Guangzhou sample data."""
        from gzdesk.core.demo import fill_demo

        with Store.open(settings.database) as store:
            report = fill_demo(store, projects=projects, seed=seed, evaluation_months=evaluation_months)
        settings.say("cli.demo_done", counts=json.dumps(report.counts, ensure_ascii=False))

    @main.command()
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
    @_pass_settings
    def check(settings: Settings, as_json: bool) -> None:
        """Integrity check plus the app's own rules; exit 1 when anything is wrong."""
        with Store.open(settings.database, read_only=True) as store:
            findings = check_database(store, lang=settings.lang)
        if as_json:
            click.echo(json.dumps({"ok": not findings, "problems": [
                {"code": f.code, "message": f.message(settings.lang)} for f in findings]}, ensure_ascii=False))
        elif not findings:
            settings.say("cli.check_ok", path=settings.database)
        else:
            settings.say("cli.check_found", count=len(findings))
            for finding in findings:
                click.echo("  - " + finding.message(settings.lang))
        if findings:
            sys.exit(1)

    @main.command()
    @click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Folder for the backup (default: <db>.backups beside the database).")
    @click.option("--list", "list_only", is_flag=True, help="List the backups, newest first.")
    @_pass_settings
    def backup(settings: Settings, folder: Path | None, list_only: bool) -> None:
        """Take a verified online backup of the database (or list the backups)."""
        if list_only:
            found = backups.list_backups(settings.database)
            if not found:
                settings.say("cli.no_backups")
            for info in found:
                click.echo(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason:<16} {info.size:>12,}  {info.path}")
            return
        with Store.open(settings.database) as store:
            target = backups.backup(store.conn, store.path, reason="manual", folder=folder)
        settings.say("cli.backup_done", path=target)

    @main.command()
    @click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
    @_pass_settings
    def restore(settings: Settings, backup_file: Path) -> None:
        """Restore a backup; the current data is backed up first. Close the app before restoring."""
        safety = backups.restore(settings.database.resolve(), backup_file)
        Store.open(settings.database).close()  # upgrade an older backup's schema now
        settings.say("cli.restore_done", backup=backup_file, safety=safety)

    main.add_command(import_command)
    main.add_command(_industries_group())
    return main


def _problem_json(problem: Problem, lang: str) -> dict[str, object]:
    raw = problem.raw
    return {"sheet": problem.sheet, "row": problem.row, "column": problem.column, "field": problem.field,
            "value": raw if raw is None or isinstance(raw, int | float | str | bool) else str(raw),
            "code": problem.code, "reason": problem.reason(lang)}


def _import_document(plan: ImportPlan, report: ImportReport | None, *, status: str, skip_invalid: bool,
                     lang: str) -> dict[str, object]:
    return {
        "file": str(plan.path), "status": status, "batch": report.batch if report else None,
        "already_imported": plan.already_imported.started_at if plan.already_imported else None,
        "counts": plan.counts(skip_invalid=skip_invalid),
        "tables": [{"sheet": t.sheet_name, "list": t.list_key, "header_rows": list(t.header_rows),
                    "data_rows": len(t.data_rows), "office": t.office, "unit": t.unit,
                    "skipped_rows": [{"row": r.row, "reason": messages.render(r.reason_code, lang)} for r in t.skipped],
                    "unmapped_columns": [f"{c.letter} {c.header}".strip() for c in t.columns if c.field is None]}
                   for t in plan.tables],
        "skipped_sheets": [{"sheet": s.sheet_name, "reason": s.message(lang)} for s in plan.skipped_sheets],
        "notices": [messages.render(code, lang) for code in plan.workbook_notices],
        "problems": [_problem_json(p, lang) for p in plan.problems],
        "notes": [_problem_json(p, lang) for p in plan.notes],
    }


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--list", "kind", type=click.Choice(schema.LIST_KEYS), default=None,
              help="Force the list (otherwise found from the headers).")
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document with counts and every problem.")
@click.option("--on-conflict", type=click.Choice(["fail", "keep-mine", "take-theirs"]), default="fail",
              show_default=True, help="What to do when a row and our record both changed a field.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows and leave out the invalid ones.")
@_pass_settings
def import_command(settings: Settings, file: Path, kind: str | None, dry_run: bool, as_json: bool,
                   on_conflict: str, skip_invalid: bool) -> None:
    """Import a workbook (.xlsx .xlsm .xls .ods .csv): new records in one transaction, all or nothing."""
    with Store.open(settings.database, read_only=dry_run and settings.database.exists()) as store:
        plan = plan_import(store, file, list_hint=kind)
        report = None
        status = "dry-run"
        if not dry_run:
            try:
                report = apply_import(store, plan, skip_invalid=skip_invalid)
            except DecisionNeeded:
                if as_json:
                    click.echo(json.dumps(_import_document(plan, None, status="invalid", skip_invalid=False,
                                                           lang=settings.lang), ensure_ascii=False, indent=1))
                else:
                    _print_problems(plan, settings.lang)
                raise
            status = "already-imported" if plan.already_imported else "imported"
    if as_json:
        click.echo(json.dumps(_import_document(plan, report, status=status, skip_invalid=skip_invalid,
                                               lang=settings.lang), ensure_ascii=False, indent=1))
        return
    if plan.already_imported:
        settings.say("batch.already_imported", at=plan.already_imported.started_at, batch=plan.already_imported.id)
        return
    _print_problems(plan, settings.lang)
    counts = plan.counts(skip_invalid=skip_invalid)
    settings.say("import.dry_run" if dry_run else "import.done", file=file.name, **counts)


def _print_problems(plan: ImportPlan, lang: str) -> None:
    for problem in plan.problems:
        click.echo(problem.message(lang), err=True)


def _industries_group() -> click.Group:
    @click.group()
    def industries() -> None:
        """The editable "21+8" industry taxonomy: list, add, rename, alias, retire."""

    @industries.command("list")
    @click.option("--json", "as_json", is_flag=True)
    @_pass_settings
    def list_industries(settings: Settings, as_json: bool) -> None:
        """List every industry with its code, names and aliases."""
        with Store.open(settings.database, read_only=True) as store:
            found = list(store.reference.industries.values())
        if as_json:
            click.echo(json.dumps([dataclasses.asdict(i) for i in found], ensure_ascii=False, indent=1))
            return
        for i in found:
            name = i.name_en if settings.lang == "en" else i.name_zh
            aliases = "；".join(i.aliases)
            click.echo(f"{i.code:<5} {name}{' (retired)' if i.retired else ''}{'  ← ' + aliases if aliases else ''}")

    @industries.command("add")
    @click.argument("code")
    @click.argument("name_zh")
    @click.option("--en", "name_en", default="")
    @click.option("--group", "group_zh", default="")
    @click.option("--alias", "aliases", multiple=True)
    @_pass_settings
    def add(settings: Settings, code: str, name_zh: str, name_en: str, group_zh: str, aliases: tuple[str, ...]) -> None:
        """Add an industry under a new stable code (e.g. F02 for a future industry)."""
        with Store.open(settings.database) as store:
            taxonomy.add_industry(store, code=code, name_zh=name_zh, name_en=name_en, group_zh=group_zh,
                                  aliases=aliases)

    @industries.command("rename")
    @click.argument("code")
    @click.option("--zh", "name_zh", default=None)
    @click.option("--en", "name_en", default=None)
    @_pass_settings
    def rename(settings: Settings, code: str, name_zh: str | None, name_en: str | None) -> None:
        """Rename an industry; the old name stays as an alias."""
        with Store.open(settings.database) as store:
            taxonomy.rename_industry(store, code, name_zh=name_zh, name_en=name_en)

    @industries.command("alias")
    @click.argument("code")
    @click.argument("alias")
    @_pass_settings
    def alias(settings: Settings, code: str, alias: str) -> None:
        """Let sheets that write ALIAS resolve to the industry CODE."""
        with Store.open(settings.database) as store:
            taxonomy.add_alias(store, code, alias)

    @industries.command("retire")
    @click.argument("code")
    @click.option("--undo", is_flag=True, help="Bring a retired industry back.")
    @_pass_settings
    def retire(settings: Settings, code: str, undo: bool) -> None:
        """Retire an industry (still resolvable, no longer offered)."""
        with Store.open(settings.database) as store:
            taxonomy.set_retired(store, code, not undo)

    return industries


cli = make_cli()
