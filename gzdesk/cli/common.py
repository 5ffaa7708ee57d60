"""What every command shares: settings (--db, --lang), clear errors instead of tracebacks, common options."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from gzdesk import paths
from gzdesk.core import messages, schema
from gzdesk.core.errors import GzdeskError

OpenApp = Callable[[Path | None, str | None], int]  # (--db, --lang or None when not given)


@dataclass
class Settings:
    db: Path | None = None
    lang: str = dataclasses.field(default_factory=messages.default_language)

    @property
    def database(self) -> Path:
        return self.db or paths.default_database()

    def say(self, code: str, **params: object) -> None:
        click.echo(messages.render(code, self.lang, **params))


class Group(click.Group):
    """Turns every :class:`GzdeskError` into its clear message on stderr and its exit code — no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GzdeskError as error:
            settings = ctx.find_object(Settings)
            lang = settings.lang if settings else messages.default_language()
            click.echo(error.message(lang), err=True)
            ctx.exit(error.exit_code)


def pass_settings(command: Callable[..., Any]) -> Callable[..., Any]:
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


def lists_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--list", "kind", required=True, type=click.Choice(schema.LIST_KEYS),
                        help="investment | tech_transfer | expansion")
