"""Build the PyInstaller bundle from build.spec and run what was built: the window (offscreen) and the CLI.

Slow (a build takes ~20 s to minutes) and needs PyInstaller (``pip install -e ".[build]"``), so it only runs with
``GZDESK_BUILD_TESTS=1``:

    GZDESK_BUILD_TESTS=1 QT_QPA_PLATFORM=offscreen python -m pytest tests/build -v
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ["GZDESK_SHARED"]) if "GZDESK_SHARED" in os.environ else ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
SAMPLE = "天河区招商引资项目台账样例.xlsx"
WINDOWS = sys.platform == "win32"

if os.environ.get("GZDESK_BUILD_TESTS") != "1":
    pytest.skip("builds the bundle: run with GZDESK_BUILD_TESTS=1", allow_module_level=True)
pytest.importorskip("PyInstaller", reason='PyInstaller is not installed (pip install -e ".[build]")')


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/gzdesk`` built from the repository's build.spec into a temporary folder."""
    out = tmp_path_factory.mktemp("pyinstaller")
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(ROOT / "build.spec")],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-4000:]
    return out / "dist" / "gzdesk"


def run_bundle(bundle: Path, args: Sequence[str], home: Path, *, wrapper: Sequence[str] = (),
               **env: str) -> subprocess.CompletedProcess[str]:
    """Run the console executable (gzdesk, or gzdesk-cli.exe on Windows) with settings kept in ``home``."""
    program = bundle / ("gzdesk-cli.exe" if WINDOWS else "gzdesk")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "APPDATA": str(home / "appdata"), "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run([*wrapper, str(program), *args], env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


def test_the_bundle_carries_resources_qt_chinese_and_platform_plugins(bundle: Path) -> None:
    inside = bundle / "_internal"
    wanted = {path.relative_to(ROOT) for path in (ROOT / "resources").rglob("*") if path.is_file()}
    carried = {path.relative_to(inside) for path in (inside / "resources").rglob("*") if path.is_file()}
    assert wanted <= carried, sorted(map(str, wanted - carried))
    qt = inside / "PySide6" if WINDOWS else inside / "PySide6" / "Qt"
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    platforms = {path.name for path in (qt / "plugins" / "platforms").iterdir()}
    expected = {"qwindows.dll", "qoffscreen.dll"} if WINDOWS else {"libqxcb.so", "libqoffscreen.so"}
    assert expected <= platforms, platforms
    assert (bundle / "gzdesk.exe").is_file() if WINDOWS else (bundle / "gzdesk").is_file()
    names = {path.name for path in inside.rglob("*")}
    assert not {name for name in names if name.startswith(("QtNetwork.", "QtQuick.", "_pytest", "hypothesis"))}


def test_no_command_opens_the_window_offscreen_and_the_smoke_hook_closes_it(bundle: Path, tmp_path: Path) -> None:
    started = run_bundle(bundle, ["--db", str(tmp_path / "fresh.db"), "--lang", "zh"], tmp_path, GZDESK_SMOKE_TEST="1")
    assert started.returncode == 0, started.stderr[-2000:]
    # "started in 0.41 s: window shown, translations complete: gzdesk 项目清单 — fresh.db"
    assert "window shown, translations complete" in started.stdout, started.stdout + started.stderr
    assert started.stdout.startswith("started in ") and "fresh.db" in started.stdout
    assert (tmp_path / "fresh.db").is_file()


@pytest.mark.skipif(WINDOWS or shutil.which("xvfb-run") is None, reason="needs Linux and xvfb-run (apt install xvfb)")
def test_the_window_opens_on_a_real_x_server_with_the_bundled_xcb_plugin(bundle: Path, tmp_path: Path) -> None:
    started = run_bundle(bundle, ["--db", str(tmp_path / "x11.db")], tmp_path, wrapper=["xvfb-run", "-a"],
                         GZDESK_SMOKE_TEST="1", QT_QPA_PLATFORM="xcb")
    assert started.returncode == 0 and "window shown" in started.stdout, started.stdout + started.stderr[-2000:]


@pytest.mark.skipif(not (SAMPLES / SAMPLE).is_file(), reason=f"{SAMPLES / SAMPLE} not found beside the repository")
def test_the_same_binary_imports_a_sample_and_exports_an_exchange_workbook(bundle: Path, tmp_path: Path) -> None:
    import openpyxl

    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"][SAMPLE]
    database = tmp_path / "clerk.db"
    imported = run_bundle(bundle, ["import", str(SAMPLES / SAMPLE), "--db", str(database), "--json"], tmp_path)
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert report["status"] == "imported" and report["counts"]["new"] == expected["record_count"]

    out = tmp_path / "交换表.xlsx"
    exported = run_bundle(bundle, ["export", str(out), "--db", str(database), "--list", expected["list"],
                                   "--for", "exchange", "--lang", "en"], tmp_path)
    assert exported.returncode == 0, exported.stderr
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        assert book["_meta"].sheet_state == "veryHidden"
        names = {str(cell) for sheet in book.worksheets if sheet.sheet_state == "visible"
                 for row in sheet.iter_rows(values_only=True) for cell in row if cell}
    finally:
        book.close()
    assert {record["name"] for record in expected["records"]} <= names

    version = run_bundle(bundle, ["--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("gzdesk, version "), version.stderr  # metadata
