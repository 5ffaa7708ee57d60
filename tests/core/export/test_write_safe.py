"""T35–T38: text never becomes a formula or an error, illegal text is refused naming the record, sheet names are
sanitised, and only http/https/mailto become links."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from gzdesk.core.errors import InputRefused
from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.excel.write_safe import (
    FormatBook,
    RowPlace,
    check_text,
    is_link,
    needs_quote_prefix,
    sheet_name,
    write_link_or_text,
    write_text,
)
from gzdesk.core.exchange import meta
from gzdesk.core.store import Store
from tests.core.export.helpers import calamine_sheets, sheet_xml

RISKY = ["=1+2", '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-5", "@SUM(A1)", "\tlead", "\rlead",
         "\nlead", "＝1", "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!"]
PLACE = RowPlace("招商引资项目", "芯片设计总部项目", "招商引资项目")


def write_cells(path: Path, texts: list[str]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = FormatBook(book).cell_formats({})
    sheet = book.add_worksheet("t")
    for row, text in enumerate(texts):
        write_text(sheet, row, 0, text, formats, PLACE, "项目名称")
    book.close()


def test_risky_text_round_trips_as_quoted_text(tmp_path: Path) -> None:
    texts = [*RISKY, "<r>abc</r>", "<r><t>x</t></r>", "00123", "2026-03", "2026年3月", "TRUE", "普通文本"]
    path = tmp_path / "t.xlsx"
    write_cells(path, texts)
    xml = sheet_xml(path, "t")
    assert "<f>" not in xml and 't="e"' not in xml
    assert [row[0] for row in calamine_sheets(path)["t"]] == texts
    book = openpyxl.load_workbook(path)
    cells = [book["t"].cell(row + 1, 1) for row in range(len(texts))]
    assert [cell.value for cell in cells] == [t.replace("\r", "_x000D_") for t in texts]  # openpyxl: no unescape
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.quotePrefix for cell in cells] == [needs_quote_prefix(t) for t in texts]
    assert all(cell.quotePrefix for cell in cells[:len(RISKY)]) and not cells[-1].quotePrefix


def test_risky_text_through_the_exchange_export(store: Store, tmp_path: Path) -> None:
    rows = [{"name": text, "district": "440106", "notes": text} for text in RISKY]
    store.create_many("investment", rows, source="test")
    path = export_exchange(store, tmp_path / "x.xlsx", lists=["investment"]).path
    xml = sheet_xml(path, "招商引资项目")
    assert "<f>" not in xml and 't="e"' not in xml
    got = calamine_sheets(path)["招商引资项目"]
    name, notes = got[0].index("项目名称"), got[0].index("备注")
    assert sorted(str(row[name]) for row in got[1:]) == sorted(RISKY)
    assert all(row[name] == row[notes] for row in got[1:])


@pytest.mark.parametrize(("text", "char"), [("a\x00b", "U+0000"), ("a\x1fb", "U+001F"), ("a\x0bb", "U+000B"),
                                            ("a\ufffeb", "U+FFFE"), ("a\uffffb", "U+FFFF"), ("a\ud800b", "U+D800")])
def test_illegal_characters_are_refused_naming_the_record(text: str, char: str) -> None:
    with pytest.raises(InputRefused) as caught:
        check_text(text, PLACE, "项目名称")
    assert caught.value.code == "export.illegal_character"
    message = caught.value.message("zh")
    assert "芯片设计总部项目" in message and "项目名称" in message and "招商引资项目" in message and char in message
    assert char in caught.value.message("en")


def test_tab_newline_and_carriage_return_are_allowed() -> None:
    check_text("a\tb\nc\rd", PLACE, "项目名称")


@pytest.mark.parametrize("text", ["x" * 32_768, "😀" * 20_000, "x" * 32_766 + "😀"])
def test_text_over_the_cell_limit_is_refused_not_cut(text: str) -> None:
    with pytest.raises(InputRefused) as caught:
        check_text(text, PLACE, "最新进展")
    assert caught.value.code == "export.text_too_long"
    assert "芯片设计总部项目" in caught.value.message("zh") and "32767" in caught.value.message("zh")


def test_text_at_the_cell_limit_is_written_whole(tmp_path: Path) -> None:
    texts = ["x" * 32_767, "😀" * 16_383]
    path = tmp_path / "t.xlsx"
    write_cells(path, texts)
    assert [row[0] for row in calamine_sheets(path)["t"]] == texts


def test_export_refuses_a_record_with_a_control_character(store: Store, tmp_path: Path) -> None:
    store.create_many("investment", [{"name": "好项目", "district": "440106"},
                                     {"name": "坏项目", "district": "440106", "notes": "含有\x07响铃"}], source="t")
    target = tmp_path / "x.xlsx"
    with pytest.raises(InputRefused) as caught:
        export_exchange(store, target)
    message = caught.value.message("zh")
    assert caught.value.code == "export.illegal_character"
    assert "坏项目" in message and "备注" in message and "招商引资项目" in message
    assert not target.exists() and list(tmp_path.glob(".~gzdesk-*")) == []


def test_export_refuses_text_over_the_limit(store: Store, tmp_path: Path) -> None:
    store.create_many("investment", [{"name": "长文本项目", "district": "440106", "latest_progress": "进" * 32_768}],
                      source="t")
    with pytest.raises(InputRefused) as caught:
        export_exchange(store, tmp_path / "x.xlsx")
    assert caught.value.code == "export.text_too_long" and "长文本项目" in caught.value.message("zh")
    assert "最新进展" in caught.value.message("zh")


def test_sheet_names() -> None:
    assert sheet_name("x" * 40) == "x" * 31
    assert sheet_name("a/b") == "a_b"
    assert sheet_name("[x]") == "_x_"
    assert sheet_name("a:b*c?d\\e") == "a_b_c_d_e"
    assert sheet_name("'quoted'") == "quoted"
    assert sheet_name("History") == "History_"
    assert sheet_name("history") == "history_"
    assert sheet_name("") == "Sheet"
    assert sheet_name("   ") == "Sheet"
    assert sheet_name("项目：2024") == "项目：2024"  # the full-width colon is allowed
    assert sheet_name("DUP", ["Dup"]) == "DUP (2)"
    assert sheet_name("Dup", ["Dup", "dup (2)"]) == "Dup (3)"
    assert sheet_name("y" * 40, ["y" * 31]) == "y" * 27 + " (2)"
    assert sheet_name("a" * 30 + "'b") == "a" * 30  # no apostrophe left at the end by the cut
    assert sheet_name("x" * 40) == sheet_name("x" * 40)  # deterministic
    names: list[str] = []
    for text in ["x" * 40, "a/b", "[x]", "'quoted'", "History", "", "项目：2024", "Dup", "DUP", "dup", "Sheet"]:
        names.append(sheet_name(text, names))
    assert len({name.casefold() for name in names}) == len(names)
    assert all(0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) for name in names)
    assert all(not name.startswith("'") and not name.endswith("'") for name in names)


def test_sanitised_names_open_in_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "names.xlsx"
    book = xlsxwriter.Workbook(str(path))
    names: list[str] = []
    for text in ["x" * 40, "a/b", "[x]", "'quoted'", "History", "", "项目：2024", "Dup", "DUP"]:
        names.append(sheet_name(text, names))
        book.add_worksheet(names[-1])
    book.close()
    assert openpyxl.load_workbook(path).sheetnames == names


def test_only_web_and_mail_addresses_become_links(tmp_path: Path) -> None:
    texts = ["https://example.org/a?b=1", "http://x.cn", "mailto:a@b.cn", "file:///C:/Windows/calc.exe",
             "javascript:alert(1)", "\\\\server\\share", "https://has space.cn", "see https://x.cn"]
    assert [is_link(t) for t in texts] == [True, True, True, False, False, False, False, False]
    path = tmp_path / "links.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = FormatBook(book).cell_formats({})
    sheet = book.add_worksheet("t")
    for row, text in enumerate(texts):
        write_link_or_text(sheet, row, 0, text, formats, PLACE, "建设地点")
    book.close()
    assert [row[0] for row in calamine_sheets(path)["t"]] == texts
    linked = {cell.coordinate: cell.hyperlink.target for row in openpyxl.load_workbook(path)["t"].iter_rows()
              for cell in row if cell.hyperlink is not None}
    assert linked == {"A1": "https://example.org/a?b=1", "A2": "http://x.cn", "A3": "mailto:a@b.cn"}
    xml = sheet_xml(path, "t")
    assert "<f>" not in xml and "HYPERLINK(" not in xml.upper()  # <hyperlink> elements only, no formulas
    with zipfile.ZipFile(path) as archive:
        rels = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".rels"))
    assert "calc.exe" not in rels and "javascript" not in rels and "server" not in rels


def test_emoji_heavy_text_fits_the_metadata_chunks(store: Store, tmp_path: Path) -> None:
    """Metadata chunks hold at most 16,000 characters: even all outside the BMP they stay under 32,767 units."""
    store.create_many("investment", [{"name": "表情项目", "district": "440106", "latest_progress": "😀" * 16_000}],
                      source="t")
    path = export_exchange(store, tmp_path / "x.xlsx").path
    _, bases = meta.parse_meta(calamine_sheets(path)["_meta"], file=path.name)
    (base,) = bases.values()
    assert base.trusted and base.values["latest_progress"] == "😀" * 16_000


def test_long_plain_text_fits_the_metadata(store: Store, tmp_path: Path) -> None:
    text = "进" * 32_000 + "😀" * 300
    store.create_many("investment", [{"name": "长项目", "district": "440106", "latest_progress": text}], source="t")
    path = export_exchange(store, tmp_path / "x.xlsx").path
    rows = calamine_sheets(path)["招商引资项目"]
    assert rows[1][rows[0].index("最新进展")] == text


def test_infinite_amount_is_refused(store: Store, tmp_path: Path) -> None:
    store.create_many("investment", [{"name": "无穷项目", "district": "440106", "total_investment": float("inf")}],
                      source="t", validate=False)  # the store refuses it; a damaged or old database may hold one
    with pytest.raises(InputRefused) as caught:
        export_exchange(store, tmp_path / "x.xlsx")
    assert caught.value.code == "export.bad_number" and "无穷项目" in caught.value.message("zh")
    assert "总投资" in caught.value.message("zh")
