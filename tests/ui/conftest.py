"""Every desktop test keeps its QSettings (window state, layouts, remembered mappings, language) in its own
tmp_path: the clerk's real settings are neither read nor written, and no test sees another's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("GZDESK_LANG", raising=False)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
