"""The export dialog: preset from the window, writes only the chosen lists and, when asked, only the rows the
tables show; the workbooks are read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from gzdesk.core.query import Filter
from gzdesk.core.store import Store
from gzdesk.ui.export_dialog import ExportChoice, ExportDialog
from gzdesk.ui.main_window import MainWindow


def fill(store: Store) -> None:
    store.create_many("investment", [{"name": f"招商项目{i:02d}", "district": "440112" if i % 2 else "440106"}
                                     for i in range(30)], source="test")
    store.create_many("tech_transfer", [{"name": f"转化项目{i}", "district": "440106"} for i in range(5)], source="test")
    store.create_many("expansion", [{"name": f"扩产项目{i}", "district": "440106"} for i in range(7)], source="test")


def data_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [row for row in book[sheet].iter_rows(min_row=2, values_only=True) if row[0]]
    book.close()
    return rows


def test_filtered_export_writes_only_the_chosen_lists_and_the_rows_shown(qtbot: QtBot, store: Store,
                                                                         tmp_path: Path) -> None:
    fill(store)
    window = MainWindow(store, lang="zh")
    qtbot.addWidget(window)
    window.add_filter(Filter("district", "=", "440112"))
    window.export_flow.confirm_open_folder = False
    target = tmp_path / "筛选后的交换表.xlsx"
    seen: dict[str, object] = {}

    def answer(dialog: ExportDialog) -> ExportChoice:
        seen["preset"] = (dialog.purpose(), dialog.lists(), dialog.filtered.isChecked())
        seen["label"] = dialog.list_boxes["investment"].text()
        dialog.list_boxes["expansion"].setChecked(True)
        dialog.path.setText(str(target))
        return dialog.choice()

    window.export_flow.ask = answer
    with qtbot.waitSignal(window.export_flow.done, timeout=30_000) as blocker:
        window.export_flow.choose("exchange")
    assert seen == {"preset": ("exchange", ("investment",), True), "label": "招商引资项目（15 条）"}
    assert blocker.args[0].counts == {"investment": 15, "expansion": 7}
    book = openpyxl.load_workbook(target, read_only=True)
    assert [name for name in book.sheetnames if not name.startswith("_")] == ["填报说明", "招商引资项目", "增资扩产项目"]
    book.close()
    investment = data_rows(target, "招商引资项目")
    assert len(investment) == 15 and {row[3] for row in investment} == {"黄埔区"}
    assert len(data_rows(target, "增资扩产项目")) == 7


def test_ctrl_p_opens_the_dialog_preset_to_the_meeting_workbook_of_all_records(qtbot: QtBot, store: Store,
                                                                               tmp_path: Path) -> None:
    fill(store)
    window = MainWindow(store, lang="en")
    qtbot.addWidget(window)
    window.show()
    window.export_flow.confirm_open_folder = False
    target = tmp_path / "meeting"
    seen: list[object] = []

    def answer(dialog: ExportDialog) -> ExportChoice:
        seen.append((dialog.purpose(), dialog.lists(), dialog.filtered.isChecked(), dialog.filtered.isEnabled()))
        dialog.list_boxes["tech_transfer"].setChecked(False)
        dialog.path.setText(str(target))  # ".xlsx" is added
        return dialog.choice()

    window.export_flow.ask = answer
    (action,) = [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()
                 if a.shortcut().toString() == "Ctrl+P"]
    with qtbot.waitSignal(window.export_flow.done, timeout=30_000) as blocker:
        action.trigger()
    assert seen == [("meeting", ("investment", "tech_transfer", "expansion"), False, False)]
    assert blocker.args[0].counts == {"investment": 30, "expansion": 7}
    book = openpyxl.load_workbook(tmp_path / "meeting.xlsx", read_only=True)
    assert book.sheetnames[:3] == ["Summary", "Investment promotion", "Expansion"]
    assert "Technology transfer" not in book.sheetnames
    book.close()


def test_the_dialog_needs_a_list_and_a_file(qtbot: QtBot, tmp_path: Path) -> None:
    from gzdesk.ui.export_dialog import ListCount

    dialog = ExportDialog(purpose="exchange", counts=[ListCount("investment", 10, 4)], current_kind="investment",
                          folder=str(tmp_path), lang="en")
    qtbot.addWidget(dialog)
    assert dialog.filtered.isChecked() and dialog.lists() == ("investment",)
    assert dialog.list_boxes["investment"].text() == "Investment promotion (4 records)"
    dialog.all_records.setChecked(True)
    assert dialog.list_boxes["investment"].text() == "Investment promotion (10 records)"
    assert Path(dialog.path.text()).name.startswith("Exchange workbook-")
    dialog.meeting.setChecked(True)
    assert Path(dialog.path.text()).name.startswith("Meeting workbook-")  # the suggestion follows the choice
    dialog.list_boxes["investment"].setChecked(False)
    assert not dialog.ok.isEnabled()
    dialog.list_boxes["expansion"].setChecked(True)
    assert dialog.ok.isEnabled()
    dialog.path.clear()
    assert not dialog.ok.isEnabled()
