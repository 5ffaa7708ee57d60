"""Shared test helpers: hand-made records, independent expectations of cell values, and reading the files back."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import zipfile
from collections.abc import Mapping
from pathlib import Path

import python_calamine

from gzdesk.core.reference import Reference
from gzdesk.core.schema import Field, FieldType
from gzdesk.core.store import Store

T = FieldType
TIANHE, HUANGPU, NANSHA = "440106", "440112", "440115"


def investment_rows() -> list[dict[str, object]]:
    """Five hand-made investment records covering every kind of value."""
    return [
        {"name": "芯片设计总部项目", "district": TIANHE, "industry": "C08", "stage": "开工", "status": "正常推进",
         "total_investment": 120000.5, "agreed_investment": 100000.0, "funds_arrived": 30000.25,
         "signed_on": "2026-03-15", "planned_start": "2026-05", "foreign": True, "tags": ["世界500强", "上市公司"],
         "jobs": 460, "land_area": 85.3, "latest_progress": "已完成备案\n正在办理施工许可", "level": "市重点",
         "enterprise": "广州芯片科技有限公司", "code": "00123"},
        {"name": "=1+2", "district": HUANGPU, "industry": "量子科技", "stage": "签约", "status": "进度滞后",
         "total_investment": 5000.0, "agreed_investment": 4000.0, "funds_arrived": 1000.0, "signed_on": "2025-11",
         "foreign": False, "notes": "#N/A", "issues": "@SUM(A1)", "enterprise": "+86 公司",
         "latest_progress": "-5", "contact": "\t领先的制表符", "location": "https://example.org/项目?id=1"},
        {"name": "生物医药基地（一期）", "district": NANSHA, "industry": "C03", "stage": "投产", "status": "停滞",
         "total_investment": 80000.0, "agreed_investment": 60000.0, "funds_arrived": 45000.0,
         "signed_on": "2024-01-31", "actual_start": "2024-06-01", "notes": "#REF!", "owner_person": "＝1",
         "location": "file:///C:/Windows/System32/calc.exe", "referrer": "javascript:alert(1)",
         "follow_up_by": "\\\\server\\share", "latest_progress": "<r>abc</r>"},
        {"name": "生物医药基地（二期）", "district": NANSHA, "industry": "C03", "stage": "在谈",
         "total_investment": None, "latest_progress": "_x0041_ 不是转义"},
        {"name": "智能装备产业园", "district": TIANHE, "stage": "达产", "status": "已完成",
         "total_investment": 2000.0, "agreed_investment": 2000.0, "funds_arrived": 2000.0,
         "phone": "020-82307145", "contact": "mailto:someone@example.org"},
    ]


def filled_store(path: Path) -> Store:
    store = Store.open(path)
    store.create_many("investment", investment_rows(), source="test")
    store.create_many("tech_transfer", [
        {"name": "视觉算法成果转化", "district": HUANGPU, "stage": "产业化", "contract_amount": 300.0,
         "contract_date": "2026-02", "result_type": "发明专利"},
        {"name": "新材料中试项目", "district": TIANHE, "stage": "签约", "contract_amount": 120.5},
    ], source="test")
    store.create_many("expansion", [
        {"name": "数控机床扩建项目", "district": HUANGPU, "stage": "开工", "new_investment": 6070.0,
         "scale": "规上", "status": "进度滞后", "filed_on": "2023-07-01"},
    ], source="test")
    return store


def expected_cell(field: Field, value: object, reference: Reference) -> object:
    """What a cell must read back as (calamine's view: "" for blank), worked out independently of the exporter."""
    if value is None or value == "" or value == []:
        return ""
    if field.type in (T.MONEY, T.NUMBER, T.AREA, T.PERCENT, T.INTEGER):
        return float(value)  # type: ignore[arg-type]
    if field.type is T.DATE:
        text = str(value)
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
    if field.type is T.BOOLEAN:
        return "是" if value else "否"
    if field.type is T.TAGS:
        return "、".join(value)  # type: ignore[arg-type]
    if field.type is T.REFERENCE:
        known = reference.districts if field.reference == "district" else reference.industries
        if str(value) not in known:
            return str(value)
        return (reference.districts[str(value)].name_zh if field.reference == "district"
                else reference.industries[str(value)].name_zh)
    return value


def calamine_sheets(path: Path) -> dict[str, list[list[object]]]:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        sheets: dict[str, list[list[object]]] = {}
        for name in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets[name] = [list[object](row) for row in rows]
        return sheets
    finally:
        workbook.close()


def sheet_xml(path: Path, sheet: str) -> str:
    """The XML of the sheet called ``sheet`` (found through workbook.xml and its relationships)."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+"(?: state="\w+")? r:id="(rId\d+)"',
                        workbook)
        assert rid is not None, f"no sheet {sheet}"
        target = re.search(rf'Id="{rid.group(1)}" [^>]*Target="([^"]+)"', rels)
        assert target is not None
        return archive.read("xl/" + target.group(1).lstrip("/").removeprefix("xl/")).decode()


def workbook_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/workbook.xml").decode()


def by_id(rows: list[list[object]]) -> dict[str, list[object]]:
    """A list sheet's data rows by the record id in column A."""
    return {str(row[0]): row for row in rows[1:] if row and row[0]}


def values_equal(expected: Mapping[str, object], actual: Mapping[str, object]) -> bool:
    return dict(expected) == dict(actual)


def ooxml_unescape(value: object) -> object:
    """openpyxl leaves the _xHHHH_ escapes of inline strings as written (Excel and calamine decode them)."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def libreoffice_csv(path: Path, folder: Path, sheet: int) -> list[list[str]]:
    """The ``sheet``-th sheet (1-based) of ``path`` as LibreOffice reads it, converted to CSV."""
    options = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
    folder.mkdir()
    subprocess.run(["soffice", "--headless", "--convert-to", options, "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180)
    (csv_file,) = folder.glob("*.csv")
    with csv_file.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))
