"""The evaluation screens on the demo data in both languages: each speaks one language (charts included) and a
picture of it is saved. ``GZDESK_SCREENSHOTS=1`` saves them into resources/screenshots/ (timeline,
timeline-milestones, timeline-problems, problem-dialog, round, dashboard .zh.png / .en.png) to be looked at;
otherwise they go to a scratch folder."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gzdesk import paths
from gzdesk.core.demo import fill_demo
from gzdesk.core.evaluation import details, records
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.dashboard import DashboardWindow
from gzdesk.ui.evaluation.details_dialog import DetailDialog
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


MILESTONES = (
    {"name": "完成土地摘牌", "planned_on": "2026-03", "done_on": "2026-03-18", "note": "已取得不动产权证"},
    {"name": "取得施工许可证", "planned_on": "2026-06", "done_on": "2026-07-05", "note": "较计划延后一个月"},
    {"name": "主体结构封顶", "planned_on": "2026-10", "status": "已延期", "note": "受设备供应影响，预计 12 月封顶"},
    {"name": "设备安装调试", "planned_on": "2027-03", "status": "未开始"},
)
PROBLEMS = (
    {"category": "施工", "description": "大型施工设备到货延迟，影响主体结构封顶", "responsible_unit": "施工总承包单位",
     "due_on": "2026-11-30", "needs_leader": False},
    {"category": "要素", "description": "用电报装容量不足，需供电部门扩容", "responsible_unit": "区发改局、供电局",
     "due_on": "2026-12-31", "needs_leader": True},
    {"category": "用地", "description": "代征道路用地征拆未完成", "responsible_unit": "区土地开发中心", "due_on": "2026-08",
     "resolved_on": "2026-08-20", "resolution": "已完成补偿签约并交地", "needs_leader": True},
)
DETAIL_TEXTS = tuple(str(value) for row in (*MILESTONES, *PROBLEMS) for value in row.values() if isinstance(value, str))


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_details(qtbot: QtBot, lang: str, shots: Path, store_of: Store) -> None:
    """The October evaluation's milestones and problems under the timeline, and the problem dialog."""
    install_translators(lang)
    project_id = project_with_history(store_of)
    evaluation = str(store_of.conn.execute("SELECT id FROM evaluation WHERE project_id = ? AND period = '2026-10'",
                                           [project_id]).fetchone()[0])
    if not details.details_of(store_of, details.MILESTONES, [evaluation]):
        for milestone in MILESTONES:
            details.add_milestone(store_of, evaluation, milestone)
        for problem in PROBLEMS:
            details.add_problem(store_of, evaluation, problem)
    dialog = TimelineDialog(store_of, "investment", project_id, lang=lang, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(dialog.model.row_of(evaluation))
    panel = dialog.details_panel
    assert panel.models[details.MILESTONES].rowCount() == 4 and panel.models[details.PROBLEMS].rowCount() == 3
    project = dialog.project
    data = (str(project["name"]), str(project.get("official") or ""), REASON, *DETAIL_TEXTS)
    for tab, name in enumerate(("timeline-milestones", "timeline-problems")):
        panel.tabs.setCurrentIndex(tab)
        panel.tables[details.DETAIL_KINDS[tab]].selectRow(1)
        assert mixed(chrome_texts(dialog), lang, data=data) == []
        save(dialog, shots, name, lang)
    form = DetailDialog(store_of, details.PROBLEMS, panel.current(details.PROBLEMS),
                        context=panel.context, lang=lang, parent=dialog)
    qtbot.addWidget(form)
    form.show()
    assert mixed(chrome_texts(form), lang, data=data) == []
    save(form, shots, "problem-dialog", lang)
    store_of.close()
    install_translators("zh")
