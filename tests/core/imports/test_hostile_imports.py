"""Hostile and broken files through `gzdesk import`: exit 1, one clear line, the database byte-identical."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from gzdesk.core.store import Store
from tests.core.excel import hostile

ROOT = Path(__file__).resolve().parents[3]


def normal_xlsx(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["项目名称", "所属区"])
    wb.active.append(["正常项目", "天河区"])
    wb.save(path)
    return path


def corner(path: Path) -> Path:
    body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    return hostile.one_sheet(path, body)


CASES: dict[str, Callable[[Path], Path]] = {
    "T15 XXE in sharedStrings": lambda p: hostile.one_sheet(
        p, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared=hostile.shared_strings_xml(["&xxe;"], prolog=hostile.XXE)),
    "T15 XXE in sheet": lambda p: hostile.one_sheet(p, '<row r="1"><c r="A1"><v>1</v></c></row>', prolog=hostile.XXE),
    "T16 billion laughs": lambda p: hostile.one_sheet(p, "", prolog=hostile.BILLION_LAUGHS),
    "T16 quadratic blowup": lambda p: hostile.one_sheet(p, "", prolog=hostile.QUADRATIC),
    "T17 whitespace bomb": lambda p: hostile.whitespace_bomb(p, 300),
    "T17 lying sizes": lambda p: hostile.lying_sizes(p, normal_xlsx(p.with_name("src.xlsx"))),
    "T17 100000 entries": lambda p: hostile.many_entries(p, 100_000),
    "T18 A1 and XFD1048576": corner,
    "T20 empty": lambda p: (p.write_bytes(b""), p)[1],
    "T20 random bytes": lambda p: hostile.random_bytes(p),
    "T20 truncated": lambda p: hostile.truncated(p, normal_xlsx(p.with_name("src.xlsx"))),
    "T20 html renamed": lambda p: (p.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>"), p)[1],
    "T20 csv renamed": lambda p: (p.write_text("项目名称,所属区\n甲,天河区\n", encoding="utf-8"), p)[1],
    "T20 word document": hostile.word_docx,
    "T21 encrypted": hostile.encrypted_ooxml,
    "T24 missing sheet part": lambda p: hostile.write_xlsx(p, [("数据", None, "visible")]),
    "T24 malformed sheet xml": lambda p: hostile.write_xlsx(
        p, [("数据", hostile.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')[:-30], "visible")]),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_in_one_line_and_the_database_is_unchanged(tmp_path: Path, case: str) -> None:
    database = tmp_path / "office.db"
    with Store.open(database) as store:
        store.create("investment", {"name": "原有项目", "district": "440106"})
    before = digest(database)
    source = CASES[case](tmp_path / "来件.xlsx")
    result = subprocess.run([sys.executable, "-m", "gzdesk", "import", str(source), "--db", str(database)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, env=None)
    assert result.returncode == 1, (result.returncode, result.stderr)
    message = result.stderr.strip()
    assert message and "\n" not in message and "Traceback" not in message, message
    assert "来件.xlsx" in message or "工作表" in message, message
    assert digest(database) == before
    assert not list(tmp_path.glob("office.db.backups/*"))  # refused before any backup was needed
