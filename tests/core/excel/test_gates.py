"""Zip and XML gates run before any parser (RELIABILITY.md T15–T17)."""

from __future__ import annotations

import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gzdesk.core.errors import InputRefused
from gzdesk.core.excel import gates
from gzdesk.core.excel.read import read_workbook
from gzdesk.core.excel.refusals import MAX_ZIP_ENTRIES
from tests.core.excel import hostile
from tests.core.excel.child import read_in_child


def _code(path: Path) -> str:
    with pytest.raises(InputRefused) as caught:
        read_workbook(path)
    return caught.value.code


def test_openpyxl_uses_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.whitespace_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", megabytes=300)


def test_whitespace_bomb_is_small_on_disk_and_refused(bomb: Path) -> None:
    assert bomb.stat().st_size < 2_000_000
    started = time.perf_counter()
    assert _code(bomb) == "excel.too_large_unpacked"
    assert time.perf_counter() - started < 2


def test_whitespace_bomb_in_child_memory_bounded(bomb: Path) -> None:
    result = read_in_child(bomb)
    assert result.returncode == 0, result.stderr
    assert result.outcome["code"] == "excel.too_large_unpacked"
    assert float(result.outcome["max_rss_mb"]) < 200  # type: ignore[arg-type]
    assert "解压后过大" in str(result.outcome["message"])


def test_compression_ratio_bomb_under_the_size_limit(tmp_path: Path) -> None:
    path = hostile.whitespace_bomb(tmp_path / "small_bomb.xlsx", megabytes=8)
    assert _code(path) == "excel.suspicious_compression"


def test_lying_declared_size_is_damaged(tmp_path: Path) -> None:
    source = hostile.one_sheet(tmp_path / "ok.xlsx", hostile.grid_body(200, 4))
    liar = hostile.lying_sizes(tmp_path / "liar.xlsx", source, declared=100)
    assert _code(liar) == "excel.damaged"
    result = read_in_child(liar)
    assert result.returncode == 0, result.stderr
    assert result.outcome["code"] == "excel.damaged"


def test_lying_declared_size_larger_than_real_is_damaged(tmp_path: Path) -> None:
    source = hostile.one_sheet(tmp_path / "ok.xlsx", hostile.grid_body(20, 4))
    with zipfile.ZipFile(source) as archive:
        real = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    liar = hostile.lying_sizes(tmp_path / "liar.xlsx", source, declared=real * 2)
    assert _code(liar) == "excel.damaged"


def test_many_entries_refused_before_zipfile_indexes_them(tmp_path: Path) -> None:
    path = hostile.many_entries(tmp_path / "many.xlsx", count=100_000)
    assert gates.declared_entry_count(path) > MAX_ZIP_ENTRIES
    started = time.perf_counter()
    assert _code(path) == "excel.too_many_parts"
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("where", ["shared", "sheet"])
def test_xxe_refused_and_no_file_content_leaks(tmp_path: Path, where: str) -> None:
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    prolog = {"prolog": hostile.XXE}
    shared = hostile.shared_strings_xml(["&xxe;"], **(prolog if where == "shared" else {}))
    path = hostile.write_xlsx(tmp_path / "xxe.xlsx", [("Sheet1", hostile.sheet_xml(
        body, **(prolog if where == "sheet" else {})), "visible")], shared=shared)
    with pytest.raises(InputRefused) as caught:
        read_workbook(path)
    assert caught.value.code == "excel.forbidden_xml"
    assert "root:" not in caught.value.message("zh") + caught.value.message("en")
    result = read_in_child(path)
    assert result.returncode == 0 and result.outcome["code"] == "excel.forbidden_xml"


@pytest.mark.parametrize("payload", [hostile.BILLION_LAUGHS, hostile.QUADRATIC])
@pytest.mark.parametrize("where", ["shared", "sheet"])
def test_entity_expansion_refused_fast_and_small(tmp_path: Path, payload: str, where: str) -> None:
    reference = "&lol9;" if "lol9" in payload else "&a;" * 5_000
    shared = hostile.shared_strings_xml(["x"], raw_items=f"<si><t>{reference}</t></si>",
                                        prolog=payload if where == "shared" else "")
    sheet = hostile.sheet_xml(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{reference}</t></is></c></row>',
                              prolog=payload if where == "sheet" else "")
    path = hostile.write_xlsx(tmp_path / "lol.xlsx", [("Sheet1", sheet, "visible")], shared=shared)
    result = read_in_child(path)
    assert result.returncode == 0, result.stderr
    assert result.outcome["code"] == "excel.forbidden_xml"
    assert float(result.outcome["seconds"]) < 2  # type: ignore[arg-type]
    assert float(result.outcome["max_rss_mb"]) < 200  # type: ignore[arg-type]


@pytest.mark.parametrize("head", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>',
    b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<?pi x?>\n<!DOCTYPE x><x/>',
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"),
    '<!DOCTYPE x><x/>'.encode("utf-16-le"),
])
def test_prolog_with_dtd_is_forbidden(tmp_path: Path, head: bytes) -> None:
    with pytest.raises(InputRefused) as caught:
        gates.check_prolog(head, tmp_path / "a.xlsx")
    assert caught.value.code == "excel.forbidden_xml"


def test_prolog_without_dtd_passes(tmp_path: Path) -> None:
    gates.check_prolog(b'<?xml version="1.0"?>\n<!-- <!DOCTYPE in a comment -->\n<x/>', tmp_path / "a.xlsx")


def test_endless_prolog_is_forbidden(tmp_path: Path) -> None:
    head = b'<?xml version="1.0"?>' + b"<!-- padding -->" * 10_000 + b"<!DOCTYPE x><x/>"
    with pytest.raises(InputRefused):
        gates.check_prolog(head, tmp_path / "a.xlsx")


def test_parse_xml_refuses_dtd_and_reports_damage(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    assert gates.parse_xml(b"<a><b/></a>", path).tag == "a"
    with pytest.raises(InputRefused) as caught:
        gates.parse_xml(b"<a><b></a>", path)
    assert caught.value.code == "excel.damaged"


def test_iter_part_streams_verified_chunks(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("p.xml", b"<x>" + random.Random(1).randbytes(1_500_000).hex().encode() + b"</x>")
    with gates.open_zip(path) as archive:
        chunks = list(gates.iter_part(archive, archive.getinfo("p.xml"), path, chunk_bytes=1 << 20))
    assert len(chunks) >= 3 and sum(map(len, chunks)) == 3_000_007
    assert all(len(chunk) <= 1 << 20 for chunk in chunks)


def test_encrypted_zip_entry_refused(tmp_path: Path) -> None:
    path = hostile.one_sheet(tmp_path / "a.xlsx", "")
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01  # general-purpose flag: encrypted
    path.write_bytes(bytes(data))
    assert _code(path) == "excel.encrypted"
