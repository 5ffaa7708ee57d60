"""A project's evaluation timeline: add through the real form (the light appears), the override needs a reason and
stays visible with the rule's judgement, edits recompute; the model passes qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from gzdesk.core import messages
from gzdesk.core.evaluation import listing
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.form import EvaluationForm
from gzdesk.ui.evaluation.timeline import COLUMNS, TimelineDialog
from gzdesk.ui.i18n import install_translators
from tests.ui import evaluation_data as data
from tests.ui.language import chrome_texts, mixed


def cell(dialog: TimelineDialog, row: int, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return dialog.model.data(dialog.model.index(row, COLUMNS.index(key)), role)


def test_timeline_model_passes_qtmodeltester(qtbot: QtBot, qtmodeltester: object, store: Store) -> None:
    data.fill(store)
    dialog = TimelineDialog(store, "investment", "p1", lang="zh", today=data.AS_OF)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]


def test_add_from_the_timeline_shows_the_light(qtbot: QtBot, store: Store) -> None:
    install_translators("zh")
    data.fill(store)
    dialog = TimelineDialog(store, "investment", "p3", lang="zh", today=data.AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    seen: list[str] = []

    def fill_form() -> None:  # the form is modal: fill it from inside its own event loop, as a clerk would
        form = QApplication.activeModalWidget()
        assert isinstance(form, EvaluationForm)
        try:
            seen.append(str(form.picker.period()) if form.picker else "")
            form.editors["annual_plan"].setText("1000")  # type: ignore[union-attr]
            form.editors["done_ytd"].setText("一百")  # not a number the coercion reads: refused as typed
            seen.append(form.errors["done_ytd"].text() if not form.save_button.isEnabled() else "")
            form.editors["done_ytd"].setText("１００")  # full-width digits are fine
            seen.append(form.verdict.text())
        finally:
            form.save_button.click() if form.save_button.isEnabled() else form.reject()

    QTimer.singleShot(0, fill_form)
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.add_evaluation()
    assert seen[0] == data.ROUND  # the form starts on the due month
    assert "一百" in seen[1]  # the problem, under the field, and Save was off
    assert "滞后" in seen[2] and "10.0%" in seen[2] and "24.7%" in seen[2]
    assert dialog.model.rowCount() == 1
    assert cell(dialog, 0, "period") == data.ROUND
    assert cell(dialog, 0, "progress") == "滞后"  # 10 % of the plan against 序时 24.7 %: 14.7 points behind
    assert cell(dialog, 0, "gap") == "-14.7"
    dot = cell(dialog, 0, "progress", Qt.ItemDataRole.DecorationRole)
    assert dot is labels.light_dot("黄")
    assert [row["light"] for row in listing.timeline(store, "p3")] == ["黄"]


def test_the_override_needs_a_reason_and_is_shown_with_it(qtbot: QtBot, store: Store) -> None:
    install_translators("zh")
    data.fill(store)
    dialog = TimelineDialog(store, "investment", "p3", lang="zh", today=data.AS_OF)
    qtbot.addWidget(dialog)
    form = dialog.make_form(None)
    qtbot.addWidget(form)
    form.editors["annual_plan"].setText("1000")  # type: ignore[union-attr]
    form.editors["done_ytd"].setText("100")  # type: ignore[union-attr]
    form.override.setChecked(True)
    form.light.setCurrentIndex(form.light.findData("绿"))
    assert not form.save_button.isEnabled()
    assert form.errors["override_reason"].text() == messages.render("evaluation.reason_required", "zh")
    form.reason.setPlainText("已完成土地摘牌，下月集中支付")
    assert form.save_button.isEnabled() and not form.errors["override_reason"].isVisibleTo(form)
    dialog.make_form = lambda evaluation: form  # type: ignore[method-assign]
    form.ask = lambda: form.changes()  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.changed, timeout=5_000):
        dialog.add_evaluation()
    assert cell(dialog, 0, "progress") == "滞后 *"  # the judgement stays the rule's; the light is the clerk's
    assert cell(dialog, 0, "progress", Qt.ItemDataRole.DecorationRole) is labels.light_dot("绿")
    assert cell(dialog, 0, "override") == "已完成土地摘牌，下月集中支付"
    assert dialog.override_note.text() == "人工调整为：滞后、绿灯（按规则为滞后）。理由：已完成土地摘牌，下月集中支付"


def test_edit_recomputes_and_clearing_the_override_goes_back_to_the_rule(qtbot: QtBot, store: Store) -> None:
    install_translators("en")
    try:
        data.fill(store)
        dialog = TimelineDialog(store, "investment", "p5", lang="en", today=data.AS_OF)
        qtbot.addWidget(dialog)
        dialog.show()
        assert cell(dialog, 0, "progress") == "Behind *"
        assert cell(dialog, 0, "progress", Qt.ItemDataRole.DecorationRole) is labels.light_dot("红")
        assert mixed(chrome_texts(dialog), "en", data=("戊储能项目", "王", "设备未到货，实际停工")) == []
        form = dialog.make_form(dialog.model.evaluation(0))
        qtbot.addWidget(form)
        assert form.override.isChecked() and form.light.currentData() == "红"
        form.editors["done_ytd"].setText("800")  # type: ignore[union-attr]  # 40 % against 24.7 %
        form.override.setChecked(False)
        dialog.make_form = lambda evaluation: form  # type: ignore[method-assign]
        form.ask = lambda: form.changes()  # type: ignore[method-assign]
        with qtbot.waitSignal(dialog.changed, timeout=5_000):
            dialog.edit_evaluation(0)
        row = listing.timeline(store, "p5")[0]
        assert (row["done_ytd"], row["judgement"], row["light"], row["override_reason"]) == (800, "超前", "绿", None)
        assert cell(dialog, 0, "progress") == "Ahead" and cell(dialog, 0, "override") == ""
        assert parse_period(row["period"]) == parse_period(data.ROUND)
    finally:
        install_translators("zh")


def test_a_cancelled_form_changes_nothing(qtbot: QtBot, store: Store) -> None:
    data.fill(store)
    dialog = TimelineDialog(store, "investment", "p3", lang="zh", today=data.AS_OF)
    qtbot.addWidget(dialog)

    def cancel() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, QDialog)
        form.reject()

    QTimer.singleShot(0, cancel)
    dialog.add_evaluation()
    assert dialog.model.rowCount() == 0 and listing.timeline(store, "p3") == []
