"""The Linguist sources are current and fully translated, the compiled catalogue matches them, and both
languages reach the screen (ours and Qt's standard buttons)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from gzdesk.ui.i18n import catalog, install_translators


@pytest.fixture
def fresh_sources(tmp_path: Path) -> Path:
    """The committed .ts files re-extracted from today's code into a scratch folder."""
    catalog.update(tmp_path)
    return tmp_path


def _entries(folder: Path) -> dict[str, set[tuple[str, str]]]:
    return {ts.name: {(m.context, m.source) for m in catalog.messages(ts)} for ts in folder.glob("*.zh_CN.ts")}


def test_every_ui_string_is_in_a_committed_linguist_source(fresh_sources: Path) -> None:
    assert _entries(fresh_sources) == _entries(catalog.ts_dir()), "run: python -m gzdesk.ui.i18n update"


def test_every_ui_string_has_a_chinese_translation(fresh_sources: Path) -> None:
    assert catalog.todo(fresh_sources) == {}, "fill the translations, then: python -m gzdesk.ui.i18n release"
    for ts in catalog.ts_dir().glob("*.zh_CN.ts"):
        for message in catalog.messages(ts):
            assert message.source.count("{") == message.translation.count("{"), (ts.name, message.source)


def test_the_compiled_catalogue_matches_the_sources(tmp_path: Path) -> None:
    compiled = catalog.release(target=tmp_path / "check.qm")
    assert compiled.read_bytes() == catalog.qm_path().read_bytes(), "run: python -m gzdesk.ui.i18n release"


def test_chinese_by_default_english_on_request(qapp: object) -> None:
    try:
        assert install_translators("zh")
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert install_translators("en")
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        install_translators("zh")
