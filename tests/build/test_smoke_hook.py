"""GZDESK_SMOKE_TEST=1: the app opens its window, says so and quits by itself (what the bundle test and the
start-time measurement rely on). Runs without PyInstaller, on every test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_smoke_hook_reports_the_shown_window_and_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "GZDESK_SMOKE_TEST": "1", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "APPDATA": str(tmp_path / "appdata"),
           "PYTHONIOENCODING": "utf-8"}
    started = subprocess.run([sys.executable, "-m", "gzdesk", "--db", str(tmp_path / "fresh.db"), "--lang", "en"],
                             env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert started.returncode == 0, started.stderr[-2000:]
    first, *rest = started.stdout.splitlines()
    assert first.startswith("started in ") and first.endswith("window shown, translations complete: "
                                                              "gzdesk project lists — fresh.db"), first
    assert not rest
