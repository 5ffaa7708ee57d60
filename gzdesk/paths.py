"""The one place that knows where resources live and where the clerk's data lives."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "gzdesk"
APP_AUTHOR = "gzdesk"


def resources_dir() -> Path:
    """The resources folder: inside a PyInstaller bundle, inside an installed wheel, or the source tree's."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "reference").is_dir():
            return candidate
    raise FileNotFoundError("gzdesk resources folder not found; looked in " + ", ".join(map(str, candidates)))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database() -> Path:
    """The clerk's database when no --db is given (created on first use)."""
    return user_data_dir() / "gzdesk.db"


def backups_dir(database: Path) -> Path:
    """Backups sit in a folder beside the database they protect: ``<db name>.backups/``."""
    return database.with_name(database.name + ".backups")
