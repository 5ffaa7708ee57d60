"""The file's kind comes from its bytes, never from its name (EXCHANGE.md "Reading any workbook"; T20–T23)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused
from gzdesk.core.excel.model import FileKind
from gzdesk.core.excel.sniff import detect, sniff, text_encoding
from tests.core.excel import hostile


def _xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(["名称", 1])
    workbook.save(path)
    return path


def _refused(path: Path) -> InputRefused:
    with pytest.raises(InputRefused) as caught:
        sniff(path)
    return caught.value


def test_real_xlsx_is_xlsx(tmp_path: Path) -> None:
    assert sniff(_xlsx(tmp_path / "a.xlsx")) is FileKind.XLSX


def test_xlsx_named_anything_is_xlsx(tmp_path: Path) -> None:
    assert sniff(_xlsx(tmp_path / "report.csv")) is FileKind.XLSX


def test_xlsm_notice_macros_ignored(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "a.xlsx")
    detection = detect(hostile.with_macros(tmp_path / "m.xlsm", source))
    assert detection.kind is FileKind.XLSX
    assert detection.notices == ("excel.macros_ignored",)


def test_xls_renamed_xlsx_is_xls(tmp_path: Path) -> None:
    path = hostile.xls_file(tmp_path / "old.xlsx", [("数据", 0, [(0, 0, "名称")])])
    assert sniff(path) is FileKind.XLS


def test_ods_renamed_xlsx_is_ods(tmp_path: Path) -> None:
    path = hostile.ods_file(tmp_path / "x.xlsx", '<table:table table:name="S"/>')
    assert sniff(path) is FileKind.ODS


@pytest.mark.parametrize(("content", "encoding"), [
    ("名称,金额\n项目,1\n".encode(), "utf-8"),
    (b"\xef\xbb\xbf" + "名称,金额\n".encode(), "utf-8-sig"),
    ("名称,金额\n项目,1\n".encode("gbk"), "gb18030"),
    ("名称\t金额\n".encode("utf-16"), "utf-16"),
])
def test_text_tables_are_csv_with_their_encoding(tmp_path: Path, content: bytes, encoding: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    assert detect(path).kind is FileKind.CSV
    assert detect(path).encoding == encoding


@pytest.mark.parametrize(("builder", "code"), [
    (lambda p: p.write_bytes(b""), "excel.empty_file"),
    (lambda p: hostile.random_bytes(p), "excel.not_workbook"),
    (lambda p: hostile.encrypted_ooxml(p), "excel.encrypted"),
    (lambda p: hostile.word_docx(p), "excel.word_document"),
    (lambda p: p.write_bytes(b"\xef\xbb\xbf  <!DOCTYPE html><html><body><table></table></body></html>"),
     "excel.web_page"),
    (lambda p: p.write_bytes(b"<table><tr><td>1</td></tr></table>"), "excel.web_page"),
    (lambda p: p.write_bytes(b"\n\n<HTML><head></head></HTML>"), "excel.web_page"),
    (lambda p: p.write_bytes(hostile.cfb({"Other": b"x"})), "excel.not_workbook"),
    (lambda p: p.write_bytes(hostile.cfb({"Workbook": b"x"})[:700]), "excel.damaged"),
])
def test_refusals(tmp_path: Path, builder: object, code: str) -> None:
    path = tmp_path / "file.xlsx"
    builder(path)  # type: ignore[operator]
    error = _refused(path)
    assert error.code == code
    assert error.params["file"] == "file.xlsx"
    assert "{" not in error.message("zh") and "{" not in error.message("en")


def test_truncated_zip_is_damaged(tmp_path: Path) -> None:
    path = hostile.truncated(tmp_path / "cut.xlsx", _xlsx(tmp_path / "a.xlsx"))
    assert _refused(path).code == "excel.damaged"


def test_encrypted_message_is_clear(tmp_path: Path) -> None:
    error = _refused(hostile.encrypted_ooxml(tmp_path / "secret.xlsx"))
    assert "密码" in error.message("zh")
    assert "password-protected" in error.message("en")
    assert "zip" not in error.message("en").lower()


def test_zip_without_workbook_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert _refused(path).code == "excel.not_workbook"


def test_text_encoding_rejects_binary() -> None:
    assert text_encoding(b"abc\x00def") is None
    assert text_encoding(bytes(range(256)) * 10) is None
    assert text_encoding("甲,乙\n".encode("gb18030")) == "gb18030"


def test_every_refusal_code_is_registered() -> None:
    import gzdesk.core.excel.read  # noqa: F401  (registers the catalog)

    codes = {"excel.encrypted", "excel.not_workbook", "excel.damaged", "excel.forbidden_xml",
             "excel.too_large_unpacked", "excel.too_many_parts", "excel.sheet_too_large", "excel.word_document",
             "excel.web_page", "excel.empty_file", "excel.damaged_sheet", "excel.macros_ignored",
             "excel.text_not_workbook", "excel.unsupported_format", "excel.too_large_file",
             "excel.suspicious_compression", "excel.out_of_memory", "excel.unreadable_file"}
    assert codes <= messages.known_codes()
