"""``gzdesk office``: show or set this office's code and name (what the Settings dialog's "This office" sets)."""

from __future__ import annotations

import json

import click

from gzdesk.cli.common import Settings, pass_settings
from gzdesk.core import messages
from gzdesk.core.office import set_office, this_office
from gzdesk.core.store import Store

messages.register({
    "cli.office": ("本单位：{name}（代码 {office_code}）", "This office: {name} (code {office_code})"),
    "cli.office_no_name": ("（未填写名称）", "(no name yet)"),
})


@click.command("office")
@click.option("--code", default=None, help="This office's code (new records belong to it).")
@click.option("--name", default=None, help="This office's name (the meeting workbook's 填报单位).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_settings
def office_command(settings: Settings, code: str | None, name: str | None, as_json: bool) -> None:
    """Show this office's code and name, or set them with --code / --name."""
    changing = code is not None or name is not None
    with Store.open(settings.database, read_only=not changing) as store:
        office = set_office(store, code=code, name=name) if changing else this_office(store)
    if as_json:
        click.echo(json.dumps({"code": office.code, "name": office.name}, ensure_ascii=False))
    else:
        settings.say("cli.office", office_code=office.code,
                     name=office.name or messages.render("cli.office_no_name", settings.lang))
