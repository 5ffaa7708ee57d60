"""The editable "21+8" industry taxonomy from the command line."""

from __future__ import annotations

import dataclasses
import json

import click

from gzdesk.cli.common import Settings, pass_settings
from gzdesk.core import taxonomy
from gzdesk.core.store import Store


def industries_group() -> click.Group:
    @click.group()
    def industries() -> None:
        """The editable "21+8" industry taxonomy: list, add, rename, alias, retire."""

    @industries.command("list")
    @click.option("--json", "as_json", is_flag=True)
    @pass_settings
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
    @pass_settings
    def add(settings: Settings, code: str, name_zh: str, name_en: str, group_zh: str, aliases: tuple[str, ...]) -> None:
        """Add an industry under a new stable code (e.g. F02 for a future industry)."""
        with Store.open(settings.database) as store:
            taxonomy.add_industry(store, code=code, name_zh=name_zh, name_en=name_en, group_zh=group_zh,
                                  aliases=aliases)

    @industries.command("rename")
    @click.argument("code")
    @click.option("--zh", "name_zh", default=None)
    @click.option("--en", "name_en", default=None)
    @pass_settings
    def rename(settings: Settings, code: str, name_zh: str | None, name_en: str | None) -> None:
        """Rename an industry; the old name stays as an alias."""
        with Store.open(settings.database) as store:
            taxonomy.rename_industry(store, code, name_zh=name_zh, name_en=name_en)

    @industries.command("alias")
    @click.argument("code")
    @click.argument("alias")
    @pass_settings
    def alias(settings: Settings, code: str, alias: str) -> None:
        """Let sheets that write ALIAS resolve to the industry CODE."""
        with Store.open(settings.database) as store:
            taxonomy.add_alias(store, code, alias)

    @industries.command("retire")
    @click.argument("code")
    @click.option("--undo", is_flag=True, help="Bring a retired industry back.")
    @pass_settings
    def retire(settings: Settings, code: str, undo: bool) -> None:
        """Retire an industry (still resolvable, no longer offered)."""
        with Store.open(settings.database) as store:
            taxonomy.set_retired(store, code, not undo)

    return industries
