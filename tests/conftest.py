"""Shared fixtures: real SQLite files in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from gzdesk.core.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()


def project(name: str = "芯片设计总部项目", district: str = "440106", **extra: object) -> dict[str, object]:
    """A minimal valid investment record."""
    return {"name": name, "district": district, **extra}
