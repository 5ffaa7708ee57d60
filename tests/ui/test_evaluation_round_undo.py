""""Undo this save" in the round window: a saved bulk entry taken back whole, the database as it was before; a field
edited since is asked about and kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gzdesk.core import batches
from gzdesk.core.evaluation import records
from gzdesk.core.exchange.undo import UndoPlan
from gzdesk.core.store import Store
from gzdesk.ui.evaluation.round_view import RoundWindow
from tests.ui import evaluation_data as data
from tests.ui.language import chrome_texts, mixed
from tests.ui.test_evaluation_round import column, names, open_round

TIMEOUT = 10_000
KEPT = ("rid", "revision", "created_at", "updated_at", "updated_by")  # change with any write, an undo too


def evaluation_rows(store: Store) -> list[tuple[object, ...]]:
    columns = [row[1] for row in store.conn.execute("PRAGMA table_info(evaluation)") if row[1] not in KEPT]
    rows = store.conn.execute(f"SELECT {', '.join(columns)} FROM evaluation ORDER BY id").fetchall()
    latest = store.conn.execute("SELECT * FROM evaluation_latest ORDER BY project_kind, project_id").fetchall()
    return [*map(tuple, rows), ("latest",), *map(tuple, latest)]


def type_and_save(qtbot: QtBot, window: RoundWindow) -> None:
    model = window.model
    window.bulk_button.setChecked(True)
    rows = {name: row for row, name in enumerate(names(window))}
    model.setData(model.index(rows["丙新材料项目"], column("done_this_period")), "30")
    model.setData(model.index(rows["丙新材料项目"], column("done_ytd")), "300")
    model.setData(model.index(rows["甲芯片项目"], column("done_ytd")), "120")  # an existing evaluation
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.save()


def test_undo_this_save_puts_the_database_back(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    before = evaluation_rows(store)
    window = open_round(qtbot, store)
    assert window.undo_button.isHidden()
    type_and_save(qtbot, window)
    assert window.last_save is not None and window.undo_button.isVisible()
    batch = window.last_save.batch
    assert evaluation_rows(store) != before and window.header.text() == "2026-03：已报 5 个，逾期 2 个"
    asked: list[UndoPlan] = []
    window.undo_flow.ask = lambda plan: asked.append(plan) or False  # type: ignore[func-returns-value]
    with qtbot.waitSignal(window.undone, timeout=TIMEOUT), qtbot.waitSignal(window.loaded, timeout=TIMEOUT):
        window.undo_button.click()
    assert [(len(p.delete), p.edited_since) for p in asked] == [(1, ())]
    assert evaluation_rows(store) == before
    found = batches.get(store, batch)
    assert found is not None and found.status == "undone"
    assert window.header.text() == "2026-03：已报 4 个，逾期 3 个"
    assert window.undo_button.isHidden() and window.message.text() == "2026-03 的进展评估保存已撤销。"


def test_a_field_edited_since_is_asked_about_and_kept(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_round(qtbot, store, "en")
    type_and_save(qtbot, window)
    p1 = records.existing_id(store, "p1", data.ROUND) or ""
    records.update_evaluation(store, p1, {"done_ytd": 150})  # edited in the form after the save
    asked: list[UndoPlan] = []
    window.undo_flow.ask = lambda plan: asked.append(plan) or False  # type: ignore[func-returns-value]
    with qtbot.waitSignal(window.undone, timeout=TIMEOUT):
        window.undo_button.click()
    [plan] = asked
    assert (p1, "done_ytd") in {(r.record_id, r.field) for r in plan.edited_since}
    assert store.record("evaluation", p1)["done_ytd"] == 150  # type: ignore[index]
    assert records.existing_id(store, "p3", data.ROUND) is None  # the evaluation the save added is gone


def test_nothing_is_undone_while_cells_are_typed_or_when_the_clerk_says_no(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    window = open_round(qtbot, store)
    type_and_save(qtbot, window)
    saved = evaluation_rows(store)
    rows = {name: row for row, name in enumerate(names(window))}
    window.model.setData(window.model.index(rows["甲芯片项目"], column("done_ytd")), "130")
    assert not window.undo_button.isEnabled()
    window.model.discard()
    assert window.undo_button.isEnabled()
    window.undo_flow.ask = lambda plan: None  # Cancel
    with qtbot.waitSignal(window.undo_flow.finished, timeout=TIMEOUT):
        window.undo_button.click()
    assert evaluation_rows(store) == saved and window.undo_button.isVisible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshot_after_a_save(qtbot: QtBot, store: Store, tmp_path: Path, lang: str) -> None:
    folder = Path(os.environ["GZDESK_SHOTS"]) if os.environ.get("GZDESK_SHOTS") else tmp_path
    data.fill(store)
    window = open_round(qtbot, store, lang)
    try:
        type_and_save(qtbot, window)
        QApplication.processEvents()
        assert window.last_save is not None
        assert mixed(chrome_texts(window), lang, data=("2026-03", window.last_save.batch)) == []
        assert window.grab().save(str(folder / f"round-undo.{lang}.png"))
    finally:
        from gzdesk.ui.i18n import install_translators

        install_translators("zh")
