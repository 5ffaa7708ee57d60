"""Every hostile file, read in a child process: the child exits normally with our clear refusal (or the
values), never an abort, a traceback or a hang (RELIABILITY.md T15–T24)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.excel import hostile
from tests.core.excel.child import read_in_child


def _normal(path: Path) -> Path:
    return hostile.one_sheet(path, hostile.grid_body(100, 4))


def _two_sheets(path: Path, second: str | None) -> Path:
    return hostile.write_xlsx(path, [("好表", hostile.sheet_xml(hostile.grid_body(3, 3)), "visible"),
                                     ("坏表", second, "visible")])


def _text(content: bytes) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(content)
        return path
    return build


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "xxe_sheet": (lambda p: hostile.one_sheet(p, "", prolog=hostile.XXE), "excel.forbidden_xml"),
    "billion_laughs": (lambda p: hostile.one_sheet(p, "", prolog=hostile.BILLION_LAUGHS), "excel.forbidden_xml"),
    "quadratic": (lambda p: hostile.one_sheet(p, "", prolog=hostile.QUADRATIC), "excel.forbidden_xml"),
    "xxe_shared": (lambda p: hostile.one_sheet(p, "", shared=hostile.shared_strings_xml(["x"], prolog=hostile.XXE)),
                   "excel.forbidden_xml"),
    "lying_size": (lambda p: hostile.lying_sizes(p, _normal(p.with_name("src.xlsx"))), "excel.damaged"),
    "corner": (lambda p: hostile.one_sheet(p, '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>'),
               "excel.sheet_too_large"),
    "wps_dimension": (lambda p: hostile.one_sheet(p, hostile.grid_body(100, 4), dimension="A1:A1"), "ok:400"),
    "no_dimension": (_normal, "ok:400"),
    "random": (hostile.random_bytes, "excel.not_workbook"),
    "empty": (_text(b""), "excel.empty_file"),
    "truncated": (lambda p: hostile.truncated(p, _normal(p.with_name("src.xlsx"))), "excel.damaged"),
    "csv_renamed": (_text("名称,金额\n甲,1\n".encode("gbk")), "excel.text_not_workbook"),
    "html_renamed": (_text(b"<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>"), "excel.web_page"),
    "encrypted": (hostile.encrypted_ooxml, "excel.encrypted"),
    "xls_renamed": (lambda p: hostile.xls_file(p, [("S", 0, [(0, 0, "a"), (1, 1, 2.0)])]), "ok:2"),
    "ods_renamed": (lambda p: hostile.ods_file(p, '<table:table table:name="S"><table:table-row>'
                                               + hostile.ods_cell("a") + "</table:table-row></table:table>"), "ok:1"),
    "xlsm": (lambda p: hostile.with_macros(p, _normal(p.with_name("src.xlsx"))), "ok:400"),
    "missing_part": (lambda p: _two_sheets(p, None), "excel.damaged_sheet"),
    "shared_string_out_of_range": (lambda p: hostile.one_sheet(
        p, '<row r="1"><c r="A1" t="s"><v>9</v></c></row>', shared=hostile.shared_strings_xml(["a"])),
        "excel.damaged_sheet"),
    "malformed_sheet": (lambda p: _two_sheets(p, hostile.sheet_xml('<row r="1"><c r="A1"><v>1</x></c></row>')),
                        "excel.damaged_sheet"),
    "truncated_sheet_xml": (lambda p: _two_sheets(p, hostile.sheet_xml(hostile.grid_body(5, 5))[:-60]),
                            "excel.damaged_sheet"),
    "bad_boolean": (lambda p: _two_sheets(p, hostile.sheet_xml('<row r="1"><c r="A1" t="b"><v>7</v></c></row>')),
                    "excel.damaged_sheet"),
    "word": (hostile.word_docx, "excel.word_document"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_in_child(tmp_path: Path, case: str) -> None:
    build, expected = CASES[case]
    path = build(tmp_path / f"{case}.xlsx")
    result = read_in_child(path, check_defusedxml=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.outcome["defusedxml"] is True
    if expected.startswith("ok:"):
        assert "code" not in result.outcome, result.outcome
        assert sum(count for _, count in result.outcome["sheets"]) == int(expected[3:])  # type: ignore[attr-defined]
    else:
        assert result.outcome["code"] == expected
        assert result.outcome["params"]["file"] == path.name  # type: ignore[index]
        assert "Traceback" not in result.stderr
