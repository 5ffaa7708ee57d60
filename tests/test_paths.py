"""Where the resources are found: the source tree, an installed wheel, a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gzdesk import paths

ROOT = Path(__file__).resolve().parents[1]


def make_resources(folder: Path) -> Path:
    (folder / "resources" / "reference").mkdir(parents=True)
    return folder / "resources"


def test_the_source_tree_resources_are_found() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.resource("reference", "districts.csv").is_file()


def test_an_installed_wheel_finds_the_resources_inside_the_package(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # pyproject's hatch force-include puts resources/ at site-packages/gzdesk/resources
    package = tmp_path / "site-packages" / "gzdesk"
    wheel_resources = make_resources(package)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    assert paths.resources_dir() == wheel_resources


def test_a_pyinstaller_bundle_finds_the_resources_in_its_folder_first(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # build.spec puts resources/ at _internal/resources; sys._MEIPASS is that _internal folder
    bundled = make_resources(tmp_path / "_internal")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.resources_dir() == bundled  # before the source tree, which is still there in this test
    assert paths.resource("reference") == bundled / "reference"


def test_missing_resources_say_where_they_were_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "gzdesk" / "paths.py"))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    with pytest.raises(FileNotFoundError, match="_internal"):
        paths.resources_dir()
