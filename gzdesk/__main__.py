"""``gzdesk`` / ``python -m gzdesk``: no command opens the desktop app, a command runs the CLI."""

from __future__ import annotations

from pathlib import Path

from gzdesk.cli import make_cli


def _open_app(db: Path | None, lang: str) -> int:
    from gzdesk.ui.app import run

    return run(db=db, lang=lang)


def main() -> None:
    make_cli(open_app=_open_app)()


if __name__ == "__main__":
    main()
