"""The three public sample files (shared/samples) read end to end: find_tables + coerce_row against expected.json.

The .xlsx files are read with python-calamine straight into model.Sheet (a small helper, not the app's reader); the
CSV is decoded as GBK with the csv module, as Chinese Excel saves it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from gzdesk.core import schema
from gzdesk.core.excel.coerce import coerce_row
from gzdesk.core.excel.model import CellValue, FileKind, Merge, Sheet, Workbook
from gzdesk.core.excel.problems import Problem
from gzdesk.core.excel.table import FoundTable, find_tables, iter_data
from gzdesk.core.reference import Reference, seed_districts, seed_industries

REFERENCE = Reference(seed_districts(), seed_industries())


def _samples_dir() -> Path | None:
    candidates = [Path(os.environ["GZDESK_SHARED"]) / "samples"] if "GZDESK_SHARED" in os.environ else []
    candidates.append(Path(__file__).resolve().parents[4] / "shared" / "samples")
    return next((c for c in candidates if (c / "expected.json").is_file()), None)


SAMPLES = _samples_dir()
pytestmark = pytest.mark.skipif(SAMPLES is None, reason="shared/samples not found beside the repository")

# expected.json's generic keys → the schema field each list uses for them
AMOUNT = {"investment": "agreed_investment", "expansion": "new_investment", "tech_transfer": "contract_amount"}
DATE = {"investment": "signed_on", "expansion": "planned_start", "tech_transfer": "contract_date"}


def read_xlsx(path: Path) -> Workbook:
    book = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in book.sheet_names:
        source = book.get_sheet_by_name(name)
        rows: list[list[CellValue]] = [[None if value == "" else value for value in row]  # type: ignore[misc]
                                       for row in source.to_python(skip_empty_area=False)]
        merges = tuple(Merge(first[0], first[1], last[0], last[1]) for first, last in source.merged_cell_ranges or ())
        sheets.append(Sheet(name, rows, merges=merges))
    return Workbook(path, FileKind.XLSX, tuple(sheets))


def read_csv(path: Path) -> Workbook:
    text = path.read_bytes().decode("gbk")
    rows: list[list[CellValue]] = [[value or None for value in row] for row in csv.reader(io.StringIO(text, newline=""))]
    return Workbook(path, FileKind.CSV, (Sheet(path.stem, rows),))


def expected() -> dict[str, Any]:
    assert SAMPLES is not None
    return json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]  # type: ignore[no-any-return]


def load(name: str) -> tuple[Workbook, FoundTable, dict[int, tuple[dict[str, object], list[Problem]]]]:
    assert SAMPLES is not None
    path = SAMPLES / name
    workbook = read_csv(path) if path.suffix == ".csv" else read_xlsx(path)
    (table,) = find_tables(workbook, reference=REFERENCE)
    (sheet,) = [s for s in workbook.sheets if s.name == table.sheet_name]
    entity = schema.entity(table.list_key)
    rows = {number: coerce_row(entity, table, values, row=number, reference=REFERENCE, file=name)
            for number, values in iter_data(sheet, table)}
    return workbook, table, rows


@pytest.mark.parametrize("name", ["天河区招商引资项目台账样例.xlsx", "增资扩产项目清单样例.csv", "tech_transfer_sample_en.xlsx"])
def test_sample_matches_expected_json(name: str) -> None:
    want = expected()[name]
    _, table, rows = load(name)
    assert table.list_key == want["list"]
    assert list(table.header_rows) == want["header_rows"]
    assert len(table.data_rows) == want["record_count"]
    assert all(problems == [] for _, problems in rows.values()), {n: p for n, (_, p) in rows.items() if p}
    for record in want["records"]:
        number = record["source_row"] if "source_row" in record else record["csv_record"] + 1  # CSV: after header
        values, _ = rows[number]
        district = values["district"]
        industry = values.get("industry")
        got = {
            "name": values["name"],
            "enterprise": values["enterprise"],
            "district": REFERENCE.district_name(district) if isinstance(district, str) else None,
            "industry": REFERENCE.industry_name(industry) if isinstance(industry, str) else None,
            "amount_wan": values[AMOUNT[table.list_key]],
            "stage": values.get("stage"),
            "date": values[DATE[table.list_key]],
        }
        assert got == {key: record[key] for key in got}, number
        for extra in ("planned_production", "result_name", "holder", "transfer_mode"):
            if extra in record:
                assert values[extra] == record[extra]


def test_investment_sample_layout() -> None:
    _, table, _ = load("天河区招商引资项目台账样例.xlsx")
    assert (table.office, table.unit, table.title) == ("天河区投资促进局", "亿元", "天河区2026年招商引资重点项目台账")
    assert table.data_rows == tuple(range(5, 30))
    assert [(s.row, s.reason_code) for s in table.skipped] == [(4, "table.row.total")]
    assert table.columns[0].kind == "sequence"
    assert table.unmapped_columns == ()


def test_tech_transfer_sample_layout() -> None:
    _, table, _ = load("tech_transfer_sample_en.xlsx")
    assert [(s.row, s.reason_code) for s in table.skipped] == [(11, "table.row.blank"), (18, "table.row.note")]
    assert table.column("contract_amount").unit == "万元"  # type: ignore[union-attr]


def test_expansion_sample_keeps_the_multiline_note() -> None:
    _, table, rows = load("增资扩产项目清单样例.csv")
    assert table.column("new_investment").unit == "万元"  # type: ignore[union-attr]
    assert rows[9][0]["notes"] == "一期已投产\n二期计划2026年9月开工"
    assert rows[5][0]["new_investment"] == 12000.0
