"""The enterprise and official pages, opened from their tables, on the sample data (a real database file)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gzdesk.core import relations
from gzdesk.core.demo import fill_demo
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store
from gzdesk.ui.entity_pages import EnterprisePage, OfficialPage
from gzdesk.ui.main_window import MainWindow
from gzdesk.ui.rows_model import RowsModel


@pytest.fixture
def sample(store: Store) -> Store:
    fill_demo(store, projects=600)
    return store


def busiest_enterprise(store: Store) -> str:
    """The name of an enterprise with projects in more than one list."""
    rows = store.conn.execute(
        "SELECT enterprise, count(DISTINCT kind) AS lists FROM (SELECT enterprise, 'i' AS kind FROM investment"
        " UNION ALL SELECT enterprise, 't' FROM tech_transfer UNION ALL SELECT enterprise, 'e' FROM expansion)"
        " GROUP BY enterprise ORDER BY lists DESC, enterprise LIMIT 1").fetchone()
    assert rows[1] > 1
    return str(rows[0])


def show(window: MainWindow, kind: str) -> None:
    window.sidebar.setCurrentRow([window.sidebar.item(r).data(Qt.ItemDataRole.UserRole)
                                  for r in range(window.sidebar.count())].index(kind))


def cells(model: RowsModel, column: int) -> list[str]:
    return [model.rows[row].cells[column] for row in range(model.rowCount())]


def test_enter_on_an_enterprise_opens_its_page_with_projects_across_the_lists(qtbot: QtBot, sample: Store,
                                                                              qtmodeltester: object) -> None:
    name = busiest_enterprise(sample)
    window = MainWindow(sample, lang="zh")
    qtbot.addWidget(window)
    window.show()
    show(window, "enterprise")
    window.add_filter(Filter("name", "=", name))
    window.table.setCurrentIndex(window.model.index(0, 0))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    (page,) = window.menus.pages.pages
    assert isinstance(page, EnterprisePage) and page.isVisible() and name in page.windowTitle()
    model = page.projects.model()
    assert isinstance(model, RowsModel)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    expected = {kind: sample.count(kind, Query((Filter("enterprise", "=", name),))) for kind in
                ("investment", "tech_transfer", "expansion")}
    lists = cells(model, 0)
    assert {label: lists.count(label) for label in dict.fromkeys(lists)} == {
        label: count for label, count in zip(("招商引资项目", "科技成果转化项目", "增资扩产项目"), expected.values(),
                                             strict=True) if count}
    assert page.projects_title.text() == f"三张清单中的项目：{sum(expected.values())} 个"
    page.close()


def test_the_official_page_lists_industries_enterprises_and_projects(qtbot: QtBot, sample: Store) -> None:
    window = MainWindow(sample, lang="en")
    qtbot.addWidget(window)
    show(window, "official")
    official = window.model.record_id(0) or ""
    window.open_row(0)
    (page,) = window.menus.pages.pages
    assert isinstance(page, OfficialPage)
    links = relations.official_links(sample, official)
    assert page.industries.model().rowCount() == len(links.industries) >= 2
    assert page.enterprises.model().rowCount() == len(links.enterprises)
    assert page.projects.model().rowCount() == len(links.projects) > 0
    assert page.tabs.tabText(2) == f"Projects ({len(links.projects)})"
    # an enterprise row opens that enterprise's page; a project row opens its form, and a save refreshes
    if links.enterprises:
        page.open_row(page.enterprises.model().key(0))  # type: ignore[attr-defined]
        assert isinstance(window.menus.pages.pages[-1], EnterprisePage)
    kind, project_id = page.projects.model().key(0)  # type: ignore[attr-defined]
    before = (sample.record(kind, project_id) or {})["notes"]
    window.menus.pages.ask_form = lambda form: {"notes": "挂点领导调度"}
    with qtbot.waitSignal(window.menus.pages.changed):
        page.open_row((kind, project_id))
    assert (sample.record(kind, project_id) or {})["notes"] == "挂点领导调度"
    window.history.undo_action.trigger()  # a page's save is one step of the window's undo history
    assert (sample.record(kind, project_id) or {})["notes"] == before


def test_other_kinds_open_their_form(qtbot: QtBot, sample: Store) -> None:
    window = MainWindow(sample, lang="zh")
    qtbot.addWidget(window)
    assert not window.menus.open_page("investment", window.model.record_id(0))
    assert window.menus.pages.pages == []
