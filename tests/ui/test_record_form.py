"""The schema-generated record form: the clerk's forms of values, validation as you type, create and edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from gzdesk.core import schema
from gzdesk.core.store import Store
from gzdesk.ui.record_form import RecordForm


def line(form: RecordForm, key: str) -> QLineEdit:
    editor = form.editors[key]
    assert isinstance(editor, QLineEdit)
    return editor


def combo(form: RecordForm, key: str) -> QComboBox:
    editor = form.editors[key]
    assert isinstance(editor, QComboBox)
    return editor


def test_new_record_validates_as_you_type_and_understands_clerk_forms(qtbot: QtBot, store: Store,
                                                                      tmp_path: Path) -> None:
    form = RecordForm(store, schema.INVESTMENT, lang="zh")
    qtbot.addWidget(form)
    form.show()
    assert not form.save_button.isEnabled()  # name and district are required
    assert form.errors["name"].isVisible()
    line(form, "name").setText("表单测试项目")
    combo(form, "district").setCurrentIndex(combo(form, "district").findData("440112"))
    line(form, "agreed_investment").setText("1.2亿")
    line(form, "signed_on").setText("2026年3月")
    line(form, "industry").setText("集成电路")
    line(form, "credit_code").setText("91350100M000100Y44")  # wrong check digit
    assert not form.save_button.isEnabled() and "校验位" in form.errors["credit_code"].text()
    line(form, "credit_code").setText("91350100M000100Y43")
    assert form.save_button.isEnabled()
    assert form.changes() == {"name": "表单测试项目", "district": "440112", "agreed_investment": 12000.0,
                              "signed_on": "2026-03", "industry": "C08", "credit_code": "91350100M000100Y43"}
    form.grab().save(str(tmp_path / "form.png"))
    store.create("investment", form.changes())
    assert store.count("investment") == 1


def test_editing_shows_the_record_and_returns_only_changes(qtbot: QtBot, store: Store) -> None:
    record_id = store.create("investment", {"name": "已有项目", "district": "440106", "stage": "在谈",
                                            "agreed_investment": 1500.5, "signed_on": "2026-03-15",
                                            "tags": ["链主", "外资"], "foreign": True}).created[0]
    record = store.record("investment", record_id)
    form = RecordForm(store, schema.INVESTMENT, record, lang="en")
    qtbot.addWidget(form)
    assert line(form, "agreed_investment").text() == "1500.5" and line(form, "tags").text() == "链主、外资"
    assert combo(form, "stage").currentData() == "在谈" and combo(form, "foreign").currentData() is True
    assert form.changes() == {}  # showing a record changes nothing
    combo(form, "stage").setCurrentIndex(combo(form, "stage").findData("签约"))
    assert form.changes() == {"stage": "签约"}


def test_a_failed_save_brings_the_form_back_with_the_input(qtbot: QtBot, store: Store, monkeypatch: object) -> None:
    from PySide6.QtWidgets import QMessageBox

    from gzdesk.ui.main_window import MainWindow

    record_id = store.create("investment", {"name": "并发项目", "district": "440106", "stage": "在谈"}).created[0]
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))  # type: ignore[attr-defined]
    asked: list[RecordForm] = []

    def ask(form: RecordForm) -> dict[str, object] | None:
        asked.append(form)
        if len(asked) == 1:  # meanwhile another window saved the same record
            store.update("investment", record_id, {"stage": "开工"})
            return {"stage": "签约"}
        return None  # the clerk reads the message and cancels

    monkeypatch.setattr(RecordForm, "ask", ask)  # type: ignore[attr-defined]
    window.edit_record(0)
    assert len(asked) == 2 and asked[0] is asked[1]  # the same form, with the clerk's input, came back
    assert warnings and "修改" in warnings[0]
    assert store.record("investment", record_id)["stage"] == "开工"  # type: ignore[index]
