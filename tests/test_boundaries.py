"""The core and the CLI work where PySide6 cannot be imported; PySide6 stays below the aborting release."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCK_QT = textwrap.dedent("""
    import importlib.abc, sys
    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError("PySide6 is blocked in this test")
            return None
    sys.meta_path.insert(0, NoQt())
""")


def run_without_qt(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCK_QT + textwrap.dedent(code), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_core_and_cli_import_and_run_without_pyside6(tmp_path: Path) -> None:
    result = run_without_qt("""
        import pkgutil, importlib, sys
        import gzdesk.core
        for module in pkgutil.walk_packages(gzdesk.core.__path__, "gzdesk.core."):
            importlib.import_module(module.name)
        import gzdesk.cli, gzdesk.paths
        assert not any(name.startswith("PySide6") for name in sys.modules)
        from gzdesk.cli import cli
        cli(["--db", sys.argv[1], "check"], standalone_mode=False)
        print("core ok")
    """, str(tmp_path / "x.db"))
    assert result.returncode == 0, result.stderr
    assert "core ok" in result.stdout


def test_blocking_really_blocks_pyside6() -> None:
    result = run_without_qt("import PySide6")
    assert result.returncode != 0 and "blocked" in result.stderr


def test_pyside6_does_not_leak_none_references() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and then aborts."""
    code = textwrap.dedent("""
        import os, sys
        from PySide6.QtCore import QObject
        o = QObject()
        before = sys.getrefcount(None)
        for _ in range(1000):
            o.setObjectName("x")
        print(sys.getrefcount(None) - before, flush=True)
        os._exit(0)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 50, f"None refcount changed by {result.stdout.strip()}"


def test_pyside6_pin_matches_python_version() -> None:
    import PySide6

    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12), "PySide6 6.12 aborts on Python 3.11: keep the pin in pyproject.toml"


def test_pyside6_addons_match_essentials() -> None:
    """QtCharts comes from PySide6-Addons, which must be the same Qt build as Essentials (and share its pin)."""
    from importlib.metadata import version

    assert version("PySide6-Addons") == version("PySide6-Essentials")
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert "\"PySide6-Addons>=6.8,<6.12; python_version < '3.12'\"" in text
