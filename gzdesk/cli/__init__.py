"""The command line: a thin shell over the core (ARCHITECTURE.md "The command line" is the contract).

Exit codes: 0 done; 1 the input was refused (message on stderr, nothing changed); 2 usage error;
3 conflicts or invalid rows need a decision. Messages follow ``--lang`` or the system locale.
"""

from __future__ import annotations

from pathlib import Path

import click

from gzdesk.cli.common import Group, OpenApp, Settings
from gzdesk.cli.data import backup, check, demo, records, restore
from gzdesk.cli.evaluations import evaluate
from gzdesk.cli.exports import export_command
from gzdesk.cli.imports import import_command, imports_command, undo_import_command
from gzdesk.cli.industries import industries_group
from gzdesk.cli.office import office_command
from gzdesk.core import messages

messages.register({"cli.no_gui": ("此安装不含桌面界面", "This installation has no desktop interface")})


def make_cli(open_app: OpenApp | None = None) -> click.Group:
    """Build the ``gzdesk`` command; ``open_app(db, lang)`` opens the desktop app when no command is given (``lang``
    None when --lang was not given: the app then uses the language the clerk chose last)."""

    @click.group(cls=Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
            ctx.exit(open_app(db, lang))

    for command in (records, demo, check, backup, restore, import_command, export_command, imports_command,
                    undo_import_command, industries_group(), evaluate, office_command):
        main.add_command(command)
    return main


cli = make_cli()
