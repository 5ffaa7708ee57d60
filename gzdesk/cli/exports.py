"""Writing workbooks from the command line: the exchange workbook (to edit and send back) or the meeting one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from gzdesk.cli.common import Settings, pass_settings
from gzdesk.core import messages, schema

messages.register({
    "cli.export_done": ("已导出到 {path}：{counts}", "Exported to {path}: {counts}"),
    "cli.export_no_office": ("提示：尚未填写本单位名称，“填报单位”一栏为空；可用 gzdesk office --name 名称 填写",
                             "Note: this office has no name yet, so “Reported by” is blank; set it with "
                             "gzdesk office --name NAME"),
})


@click.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--list", "kinds", type=click.Choice(schema.LIST_KEYS), multiple=True,
              help="Which lists (repeatable; default: all three).")
@click.option("--for", "purpose", type=click.Choice(["exchange", "meeting"]), default="exchange", show_default=True,
              help="exchange: to be edited and sent back; meeting: to be printed and read.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Meeting workbook date (today).")
@click.option("--json", "as_json", is_flag=True)
@pass_settings
def export_command(settings: Settings, out: Path, kinds: tuple[str, ...], purpose: str, as_of: dt.datetime | None,
                   as_json: bool) -> None:
    """Write an exchange or meeting workbook (.xlsx), atomically: the old file stays intact on any failure."""
    from gzdesk.core.excel.export_exchange import export_exchange
    from gzdesk.core.excel.export_meeting import export_meeting
    from gzdesk.core.office import this_office
    from gzdesk.core.store import Store

    lists = kinds or schema.LIST_KEYS
    with Store.open(settings.database) as store:
        unnamed = not this_office(store).name
        if purpose == "exchange":
            report = export_exchange(store, out, lists=lists, lang=settings.lang)
        else:
            report = export_meeting(store, out, lists=lists, as_of=as_of.date() if as_of else None, lang=settings.lang)
    counts = dict(report.counts)
    if as_json:
        click.echo(json.dumps({"path": str(report.path), "export_id": report.export_id, "counts": counts,
                               "batch": report.batch}, ensure_ascii=False))
    else:
        settings.say("cli.export_done", path=report.path, counts=json.dumps(counts, ensure_ascii=False))
        if purpose == "meeting" and unnamed:
            click.echo(messages.render("cli.export_no_office", settings.lang), err=True)
