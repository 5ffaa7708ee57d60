"""The evaluation screens on the demo data in both languages: each speaks one language (charts included) and a
picture of it is saved. ``GZDESK_SCREENSHOTS=1`` saves them into resources/screenshots/ (timeline, round,
dashboard .zh.png / .en.png) to be looked at; otherwise they go to a scratch folder."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gzdesk import paths
from gzdesk.core.demo import fill_demo
from gzdesk.core.evaluation import records
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.dashboard import DashboardWindow
from gzdesk.ui.evaluation.round_model import COLUMNS
from gzdesk.ui.evaluation.round_view import RoundWindow
from gzdesk.ui.evaluation.timeline import TimelineDialog
from gzdesk.ui.i18n import install_translators
from tests.ui.language import chrome_texts, mixed

LANGS = ("zh", "en")
TODAY = dt.date(2026, 12, 5)
REASON = "设备款已支付，10 月发票延后入账"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evaluation-shots") / "gzdesk.db"
    with Store.open(path) as store:
        fill_demo(store, projects=2000, today=TODAY)
        evaluation = store.conn.execute("SELECT id FROM evaluation WHERE project_id = ? AND period = '2026-10'",
                                        [project_with_history(store)]).fetchone()[0]
        records.update_evaluation(store, evaluation, {"light": "绿", "judgement": "正常",
                                                      "override_reason": REASON})
    return path


def project_with_history(store: Store) -> str:
    """An investment project behind schedule for most of the year (a timeline worth looking at)."""
    row = store.conn.execute(
        "SELECT project_id FROM evaluation WHERE project_kind = 'investment' GROUP BY project_id"
        " HAVING count(*) >= 8 AND sum(light = '红') >= 2 AND sum(period = '2026-10') = 1"
        " ORDER BY project_id LIMIT 1").fetchone()
    return str(row[0])


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return paths.resource("screenshots") if os.environ.get("GZDESK_SCREENSHOTS") == "1" else tmp_path


def save(widget: QWidget, folder: Path, name: str, lang: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    widget.repaint()
    target = folder / f"{name}.{lang}.png"
    assert widget.grab().save(str(target))
    assert target.stat().st_size > 5_000


@pytest.fixture
def store_of(demo_db: Path) -> Store:
    return Store.open(demo_db)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline(qtbot: QtBot, lang: str, shots: Path, store_of: Store) -> None:
    install_translators(lang)
    project_id = project_with_history(store_of)
    dialog = TimelineDialog(store_of, "investment", project_id, lang=lang, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() >= 8
    dialog.table.selectRow(next(row for row in range(dialog.model.rowCount())
                                if dialog.model.evaluation(row)["period"] == "2026-10"))  # type: ignore[index]
    assert dialog.override_note.text()  # the override, explained
    project = dialog.project
    assert mixed(chrome_texts(dialog), lang, data=(str(project["name"]), str(project.get("official") or ""),
                                                   REASON)) == []
    save(dialog, shots, "timeline", lang)
    store_of.close()
    install_translators("zh")


@pytest.mark.parametrize("lang", LANGS)
def test_round(qtbot: QtBot, lang: str, shots: Path, store_of: Store) -> None:
    install_translators(lang)
    window = RoundWindow(store_of, lang=lang, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.show()
    index = window.model.index_
    assert (index.reported, index.overdue) == (1289, 74)
    window.bulk_button.setChecked(True)
    model = window.model
    model.setData(model.index(0, COLUMNS.index("done_this_period")), "120")
    model.setData(model.index(0, COLUMNS.index("done_ytd")), "860")
    model.setData(model.index(1, COLUMNS.index("done_this_period")), "35.5")
    model.setData(model.index(1, COLUMNS.index("done_ytd")), "3O0")  # a letter O typed for a zero
    window.table.setCurrentIndex(model.index(2, COLUMNS.index("done_this_period")))  # the clerk went on
    assert len(model.all_problems()) == 1
    assert mixed(chrome_texts(window), lang) == []
    save(window, shots, "round", lang)
    store_of.close()
    install_translators("zh")


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard(qtbot: QtBot, lang: str, shots: Path, store_of: Store) -> None:
    install_translators(lang)
    window = DashboardWindow(store_of, lang=lang, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1320, 3300)
    with qtbot.waitSignal(window.numbers_ready, timeout=30_000):
        window.show()
    assert len(window.panels) == 8 and all(panel.bar_sets for panel in window.panels.values())
    names = tuple(behind.project.name for behind in window.numbers.stats.ranking)  # type: ignore[union-attr]
    assert mixed(chrome_texts(window), lang, data=names) == []
    save(window, shots, "dashboard", lang)
    store_of.close()
    install_translators("zh")
