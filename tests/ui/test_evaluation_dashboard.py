"""The meeting dashboard: its bars are the meeting statistics' numbers, a click on a bar opens exactly the projects
behind it, the filters recompute on a worker, and the PDF export writes a real PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gzdesk.core import schema
from gzdesk.core.evaluation import stats
from gzdesk.core.evaluation.drilldown import Bar
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.charts import ChartPanel
from gzdesk.ui.evaluation.dashboard import DashboardWindow
from gzdesk.ui.evaluation.drill import DrillDialog
from gzdesk.ui.i18n import install_translators
from gzdesk.ui.record_form import RecordForm
from tests.ui import evaluation_data as data
from tests.ui.language import chrome_texts, mixed

LIGHTS = ("绿", "黄", "红", None)


def open_dashboard(qtbot: QtBot, store: Store, lang: str = "zh") -> DashboardWindow:
    install_translators(lang)
    window = DashboardWindow(store, lang=lang, today=data.AS_OF)
    qtbot.addWidget(window)
    window.resize(1320, 2300)
    with qtbot.waitSignal(window.numbers_ready, timeout=20_000):
        window.show()
    return window


def position(panel: ChartPanel, bar: Bar) -> tuple[int, int]:
    """(bar set, category) of the bar that stands for ``bar``."""
    return next((s, i) for s, series in enumerate(panel.spec.series) for i, found in enumerate(series.bars)
                if found == bar)


def values(panel: ChartPanel) -> dict[Bar, float]:
    return {bar: panel.value(s, i) for s, series in enumerate(panel.spec.series) for i, bar in enumerate(series.bars)
            if bar is not None}


def drill(qtbot: QtBot, window: DashboardWindow, panel: ChartPanel, series: int, category: int) -> DrillDialog:
    """Click a bar the way QtCharts reports a click: the bar set's ``clicked`` with the category index."""
    with qtbot.waitSignal(window.drilled, timeout=10_000) as blocker:
        panel.bar_sets[series].clicked.emit(category)
    dialog = blocker.args[0]
    qtbot.addWidget(dialog)
    return dialog


def test_the_bars_are_the_meeting_numbers(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_dashboard(qtbot, store)
    expected = stats.meeting_stats(store, as_of=data.AS_OF)
    lights = window.panels["lights"]
    for position, numbers in enumerate(expected.lists):
        for series, light in enumerate(LIGHTS):
            assert lights.value(series, position) == numbers.lights.get(light or "none", 0)
        stage = window.panels[f"stages_{numbers.list_key}"]
        counts = {g.key: g.count for g in numbers.groups["stage"]}
        bars = stage.spec.series[0].bars
        assert {bar.key: stage.value(0, i) for i, bar in enumerate(bars) if bar and stage.value(0, i)} == counts
    assert [lights.value(series, 0) for series in range(4)] == [1, 1, 1, 0]  # investment: p2, p1, p5 (override)
    assert lights.value(3, 2) == 1  # expansion: e1 cannot be judged
    rates = values(window.panels["rates"])
    assert len(rates) == sum(len(numbers.rates) for numbers in expected.lists)
    for numbers in expected.lists:
        for rate in numbers.rates:
            assert rates[Bar(numbers.list_key, "rate", rate.key)] == pytest.approx(round((rate.value or 0) * 100, 1))
    assert rates[Bar("investment", "rate", "start_rate")] == 50.0  # 开工率: p1, p5 of p1, p2, p3, p5
    assert [s.name for s in window.panels["rates"].spec.series] == ["开工率", "投产率", "资金到位率", "落地率", "履约率",
                                                                    "产业化率"]
    completion = window.panels["completion"]
    assert completion.value(0, 0) == pytest.approx(13.8)  # (50 + 400 + 100) / 4000 of the annual plans
    assert completion.value(1, 0) == pytest.approx(24.7)  # 序时进度 at the end of March
    districts = values(window.panels["districts"])
    assert districts[Bar("investment", "district", "440106")] == 2
    assert districts[Bar("investment", "district", "440112")] == 3
    assert "红灯 1 个，黄灯 1 个，逾期未报 3 个" in window.summary.text()
    assert mixed(chrome_texts(window), "zh") == []


def test_clicking_a_bar_opens_exactly_the_projects_behind_it(qtbot: QtBot, store: Store, qtmodeltester: object,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    data.fill(store)
    window = open_dashboard(qtbot, store)
    red = drill(qtbot, window, window.panels["lights"], LIGHTS.index("红"), 0)
    assert red.project_ids() == ["p5"] and red.windowTitle() == "招商引资项目 · 红灯"
    qtmodeltester.check(red.model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.ranking)  # type: ignore[attr-defined]
    yellow = drill(qtbot, window, window.panels["lights"], LIGHTS.index("黄"), 0)
    assert yellow.project_ids() == ["p1"]
    unjudged = drill(qtbot, window, window.panels["lights"], LIGHTS.index(None), 2)
    assert unjudged.project_ids() == ["e1"]
    stage_panel = window.panels["stages_investment"]
    started = position(stage_panel, Bar("investment", "stage", "开工"))
    assert drill(qtbot, window, stage_panel, *started).project_ids() == ["p1"]
    rates = window.panels["rates"]
    start_rate = position(rates, Bar("investment", "rate", "start_rate"))
    assert drill(qtbot, window, rates, *start_rate).project_ids() == ["p1", "p5"]
    on_time = position(rates, Bar("investment", "rate", "performance_rate"))
    assert drill(qtbot, window, rates, *on_time).project_ids() == ["p1", "p5"]  # 履约率: started by the planned month
    behind = drill(qtbot, window, window.panels["completion"], 0, 0)
    assert behind.project_ids() == ["p5", "p1"]  # most behind first: 5 % vs 24.7 %, then 5 % vs 17.7 %
    districts = window.panels["districts"]
    huangpu = position(districts, Bar("investment", "district", "440112"))
    assert drill(qtbot, window, districts, *huangpu).project_ids() == ["p3", "p4", "p5"]
    opened: list[object] = []
    monkeypatch.setattr(RecordForm, "ask", lambda form: opened.append(form.record["id"]))  # type: ignore[index]
    behind.open_project(0)
    assert opened == ["p5"]


def test_the_filter_recomputes_and_the_drill_down_keeps_it(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_dashboard(qtbot, store)
    with qtbot.waitSignal(window.numbers_ready, timeout=10_000):
        window.district_box.setCurrentIndex(window.district_box.findData("440112"))
    expected = stats.meeting_stats(store, as_of=data.AS_OF, queries={
        kind: Query(filters=(Filter("district", "=", "440112"),)) for kind in schema.LIST_KEYS})
    assert window.panels["lights"].value(LIGHTS.index("红"), 0) == expected.lists[0].lights["红"] == 1
    assert window.panels["lights"].value(LIGHTS.index("黄"), 0) == 0  # p1 is in 越秀区
    rates = window.panels["rates"]
    start_rate = position(rates, Bar("investment", "rate", "start_rate"))
    assert drill(qtbot, window, rates, *start_rate).project_ids() == ["p5"]
    with qtbot.waitSignal(window.numbers_ready, timeout=10_000):
        window.list_box.setCurrentIndex(window.list_box.findData("expansion"))
    assert set(window.panels) == {"lights", "completion", "rates", "districts", "district_amounts",
                                  "stages_expansion"}


def test_export_to_pdf_writes_a_real_pdf(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    data.fill(store)
    window = open_dashboard(qtbot, store, "en")
    try:
        assert window.numbers is not None
        names = tuple(behind.project.name for behind in window.numbers.stats.ranking)
        assert mixed(chrome_texts(window), "en", data=names) == []
        target = tmp_path / "dashboard.pdf"
        pages = window.export_pdf(target)
        assert pages >= 3  # the charts, two to a row, then the ranking
        content = target.read_bytes()
        assert content.startswith(b"%PDF") and len(content) > 10_000 and content.rstrip().endswith(b"%%EOF")
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(target)], check=True, capture_output=True, text=True).stdout
            assert f"Pages:           {pages}" in info and "A4" in info
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(target),
                            str(tmp_path / "page")], check=True, capture_output=True)
            rendered = list(tmp_path.glob("page*.png"))
            assert rendered and rendered[0].stat().st_size > 2_000
    finally:
        install_translators("zh")
