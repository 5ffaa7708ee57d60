"""Reading an .xlsx with calamine on its own thread, smallest sheet part first: the sheets still come back in
workbook order, and refusals keep their precedence (gates first, then the first sheet in workbook order)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gzdesk.core.errors import InputRefused
from gzdesk.core.excel.read import read_workbook
from tests.core.excel import hostile

CORNER = '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>'
BAD_BOOLEAN = '<row r="1"><c r="A1" t="b"><v>7</v></c></row>'
UNKNOWN_STRING = '<row r="1"><c r="A1" t="s"><v>9</v></c></row>'


class _Steps:
    def __init__(self) -> None:
        self.names: list[str] = []

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.names.append(message)

    def cancelled(self) -> bool:
        return False


def _refusal(path: Path) -> InputRefused:
    with pytest.raises(InputRefused) as refused:
        read_workbook(path)
    return refused.value


def test_sheets_of_any_size_come_back_in_workbook_order(tmp_path: Path) -> None:
    sizes = [("大", 300), ("小", 2), ("中", 40)]
    path = hostile.write_xlsx(tmp_path / "w.xlsx", [(name, hostile.sheet_xml(hostile.grid_body(rows, 5)), "visible")
                                                     for name, rows in sizes])
    steps = _Steps()
    workbook = read_workbook(path, progress=steps)
    assert [(sheet.name, len(sheet.rows)) for sheet in workbook.sheets] == [("大", 300), ("小", 2), ("中", 40)]
    assert sorted(steps.names[:3]) == sorted(steps.names[3:]) == ["中", "大", "小"]  # each scanned, then read


def test_a_sheet_refused_by_its_gate_wins_over_calamine_failing_on_an_earlier_sheet(tmp_path: Path) -> None:
    path = hostile.write_xlsx(tmp_path / "w.xlsx", [  # the small sheet is read (and fails) while the big one is gated
        ("坏值", hostile.sheet_xml(UNKNOWN_STRING), "visible"),
        ("太大", hostile.sheet_xml(hostile.grid_body(3000, 5) + CORNER.replace('r="1"', 'r="3001"')
                                 .replace("A1", "A3001")), "visible")], shared=hostile.shared_strings_xml(["a"]))
    refused = _refusal(path)
    assert (refused.code, refused.params["sheet"]) == ("excel.sheet_too_large", "太大")


def test_of_two_sheets_refused_by_their_gates_the_first_in_the_workbook_is_named(tmp_path: Path) -> None:
    path = hostile.write_xlsx(tmp_path / "w.xlsx", [
        ("太大", hostile.sheet_xml(hostile.grid_body(200, 5) + CORNER.replace('r="1"', 'r="201"')
                                 .replace("A1", "A201")), "visible"),
        ("缺失", None, "visible")])  # no part at all: the smallest, gated first
    refused = _refusal(path)
    assert (refused.code, refused.params["sheet"]) == ("excel.sheet_too_large", "太大")


def test_of_two_sheets_calamine_refuses_the_first_in_the_workbook_is_named(tmp_path: Path) -> None:
    path = hostile.write_xlsx(tmp_path / "w.xlsx", [
        ("大坏表", hostile.sheet_xml(hostile.grid_body(300, 5) + BAD_BOOLEAN.replace('r="1"', 'r="301"')
                                  .replace("A1", "A301")), "visible"),
        ("小坏表", hostile.sheet_xml(UNKNOWN_STRING), "visible")], shared=hostile.shared_strings_xml(["a"]))
    refused = _refusal(path)
    assert (refused.code, refused.params["sheet"]) == ("excel.damaged_sheet", "大坏表")
