"""Commands over the data as a whole: records, demo, check, backup, restore."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from gzdesk.cli.common import Settings, lists_option, pass_settings
from gzdesk.core import backup as backups
from gzdesk.core import canonical, messages, schema
from gzdesk.core.check import check_database
from gzdesk.core.store import Store

messages.register({
    "cli.check_ok": ("数据库检查通过：{path}", "Database check passed: {path}"),
    "cli.check_found": ("发现 {count} 个问题：", "{count} problem(s) found:"),
    "cli.backup_done": ("已备份到 {path}", "Backed up to {path}"),
    "cli.restore_done": ("已从 {backup} 恢复；恢复前的数据已备份到 {safety}",
                         "Restored from {backup}; the data before the restore was backed up to {safety}"),
    "cli.no_backups": ("还没有备份", "No backups yet"),
    "cli.demo_done": ("已生成示例数据：{counts}", "Sample data added: {counts}"),
})


@click.command()
@lists_option()
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json")
@pass_settings
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


@click.command()
@click.option("--projects", type=click.IntRange(0, 5_000_000), default=2000, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option("--evaluation-months", type=click.IntRange(0, 12), default=None,
              help="Months of evaluation history (default: this year so far).")
@pass_settings
def demo(settings: Settings, projects: int, seed: int, evaluation_months: int | None) -> None:
    """Fill the database with realistic Guangzhou sample data."""
    from gzdesk.core.demo import fill_demo

    with Store.open(settings.database) as store:
        report = fill_demo(store, projects=projects, seed=seed, evaluation_months=evaluation_months)
    settings.say("cli.demo_done", counts=json.dumps(report.counts, ensure_ascii=False))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_settings
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


@click.command()
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the backup (default: <db>.backups beside the database).")
@click.option("--list", "list_only", is_flag=True, help="List the backups, newest first.")
@pass_settings
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


@click.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@pass_settings
def restore(settings: Settings, backup_file: Path) -> None:
    """Restore a backup; the current data is backed up first. Close the app before restoring."""
    safety = backups.restore(settings.database.resolve(), backup_file)
    Store.open(settings.database).close()  # upgrade an older backup's schema now
    settings.say("cli.restore_done", backup=backup_file, safety=safety)
