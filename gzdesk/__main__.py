"""``gzdesk`` / ``python -m gzdesk``: no command opens the desktop app, a command runs the CLI."""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the imports below, so a smoke test's "started in X s" includes them

import os  # noqa: E402
from pathlib import Path  # noqa: E402

from gzdesk.cli import make_cli  # noqa: E402


def _open_app(db: Path | None, lang: str | None) -> int:
    from gzdesk.ui.app import run

    # GZDESK_SMOKE_TEST=1: open the window, report and quit by itself (tests/build/test_bundle.py, start-up timing).
    smoke_test = os.environ.get("GZDESK_SMOKE_TEST") == "1"
    return run(db=db, lang=lang, smoke_test_since=STARTED if smoke_test else None)


def main() -> None:
    make_cli(open_app=_open_app)()


if __name__ == "__main__":
    main()
