"""The exchange workbook: every value as the store holds it, read back by openpyxl and python-calamine; the metadata
sheet gives back exactly the bases; validations, hidden sheets, instructions and the ledger."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from gzdesk.core import batches, schema
from gzdesk.core.demo import fill_demo
from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.excel.table_header import column_letter
from gzdesk.core.exchange import meta
from gzdesk.core.query import Filter, Query
from gzdesk.core.store import Store
from tests.core.export.helpers import (
    HUANGPU,
    by_id,
    calamine_sheets,
    expected_cell,
    filled_store,
    libreoffice_csv,
    ooxml_unescape,
    sheet_xml,
    workbook_xml,
)

LIST_SHEETS = {"investment": "招商引资项目", "tech_transfer": "科技成果转化项目", "expansion": "增资扩产项目"}


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Store]:
    store = filled_store(tmp_path / "small.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    folder = tmp_path_factory.mktemp("demo")
    store = Store.open(folder / "demo.db")
    fill_demo(store, projects=300, evaluation_months=2)
    path = export_exchange(store, folder / "交换表.xlsx").path
    yield store, path
    store.close()


def assert_matches_store(store: Store, path: Path) -> None:
    """Every list sheet holds exactly the store's records, in order, with the expected cell values (calamine), and
    openpyxl reads the same values."""
    sheets = calamine_sheets(path)
    book = openpyxl.load_workbook(path, read_only=True)
    for kind, name in LIST_SHEETS.items():
        entity = schema.entity(kind)
        rows = sheets[name]
        assert rows[0] == [meta.ID_HEADER, *(f.header("zh") for f in entity.fields)]
        records = list(store.iter_records(kind))
        got = by_id(rows)
        assert list(got) == [r["id"] for r in records]
        worksheet = book[name]
        worksheet.reset_dimensions()
        opened = {str(row[0]): row for row in worksheet.iter_rows(min_row=2, values_only=True)}
        for record in records:
            expected = [expected_cell(f, record[f.key], store.reference) for f in entity.fields]
            assert got[str(record["id"])][1:] == expected, record["name"]
            other = list(opened[str(record["id"])][1:])
            other += [None] * (len(expected) - len(other))
            assert [_openpyxl_view(v) for v in other] == expected, record["name"]
    book.close()


def _openpyxl_view(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int | float):
        return float(value)
    return ooxml_unescape(value)


def test_hand_made_records(small: Store, tmp_path: Path) -> None:
    report = export_exchange(small, tmp_path / "x.xlsx")
    assert dict(report.counts) == {"investment": 5, "tech_transfer": 2, "expansion": 1}
    assert_matches_store(small, report.path)
    rows = calamine_sheets(report.path)["招商引资项目"]
    header = rows[0]
    first = next(row for row in rows[1:] if row[header.index("项目名称")] == "芯片设计总部项目")
    assert first[header.index("所属区")] == "天河区" and first[header.index("产业分类")] == "半导体与集成电路"
    assert first[header.index("签约时间")] == dt.date(2026, 3, 15)
    assert first[header.index("计划开工")] == "2026-05"  # month precision stays text
    assert first[header.index("企业标签")] == "世界500强、上市公司" and first[header.index("是否外资")] == "是"
    assert first[header.index("总投资（万元）")] == 120000.5 and first[header.index("就业")] == 460
    assert first[header.index("项目编号")] == "00123"
    second = next(row for row in rows[1:] if row[header.index("项目名称")] == "=1+2")
    assert second[header.index("产业分类")] == "量子科技"  # kept as written
    assert second[header.index("签约时间")] == "2025-11" and second[header.index("是否外资")] == "否"


def test_demo_records(demo: tuple[Store, Path]) -> None:
    store, path = demo
    assert_matches_store(store, path)


def test_month_dates_are_text_and_full_dates_are_dates(small: Store, tmp_path: Path) -> None:
    path = export_exchange(small, tmp_path / "x.xlsx").path
    sheet = openpyxl.load_workbook(path)["招商引资项目"]
    header = [cell.value for cell in sheet[1]]
    signed, start = header.index("签约时间") + 1, header.index("计划开工") + 1
    names = {sheet.cell(row, header.index("项目名称") + 1).value: row for row in range(2, sheet.max_row + 1)}
    month = sheet.cell(names["=1+2"], signed)
    assert (month.value, month.data_type) == ("2025-11", "s")
    assert month.quotePrefix  # Excel must not turn it into 2025-11-01 when a colleague re-enters the cell
    assert sheet.cell(names["芯片设计总部项目"], start).value == "2026-05"
    day = sheet.cell(names["芯片设计总部项目"], signed)
    assert day.is_date and day.value == dt.datetime(2026, 3, 15) and day.number_format == "yyyy-mm-dd"


def test_metadata_sheet_gives_back_the_bases(demo: tuple[Store, Path]) -> None:
    store, path = demo
    assert re.search(r'<sheet name="_meta" sheetId="\d+" state="veryHidden"', workbook_xml(path))
    assert re.search(r'<sheet name="_lists" sheetId="\d+" state="hidden"', workbook_xml(path))
    info, bases = meta.parse_meta(calamine_sheets(path)[meta.META_SHEET], file=path.name)
    (batch,) = [b for b in batches.recent(store) if b.kind == "export"]
    assert info.export_id == batch.export_id and info.office == store.office
    assert info.lists == ("investment", "tech_transfer", "expansion") and info.format_version == meta.FORMAT_VERSION
    expected = {}
    for kind in LIST_SHEETS:
        fields = schema.entity(kind).fields
        for record in store.iter_records(kind):
            values = {f.key: record[f.key] for f in fields}
            expected[str(record["id"])] = meta.base_record(kind, str(record["id"]), int(record["revision"]),  # type: ignore[call-overload]
                                                           values)
    assert bases == expected
    assert all(base.trusted for base in bases.values())
    assert calamine_sheets(path)[meta.META_SHEET][6][:2] == ["records", len(expected)]


def test_metadata_of_awkward_values(small: Store, tmp_path: Path) -> None:
    path = export_exchange(small, tmp_path / "x.xlsx").path
    _, bases = meta.parse_meta(calamine_sheets(path)[meta.META_SHEET], file="x.xlsx")
    records = {str(r["id"]): r for kind in LIST_SHEETS for r in small.iter_records(kind)}
    assert len(bases) == len(records) == 8
    for record_id, base in bases.items():
        assert base.trusted
        assert dict(base.values) == {f.key: records[record_id][f.key] for f in schema.entity(base.list_key).fields}


def test_validations(small: Store, tmp_path: Path) -> None:
    path = export_exchange(small, tmp_path / "x.xlsx").path
    for kind, name in LIST_SHEETS.items():
        entity = schema.entity(kind)
        xml = sheet_xml(path, name)
        validations = {m.group("ref"): m.group(0) for m in re.finditer(
            r'<dataValidation [^>]*?sqref="(?P<ref>[A-Z]+)2:[A-Z]+1048576"(?:/>|>.*?</dataValidation>)', xml)}
        assert 'type="custom"' in validations["A"] and "<formula1>FALSE()</formula1>" in validations["A"]
        assert "记录编号用于合并，请勿修改" in validations["A"] and "errorStyle" not in validations["A"]  # stop
        for index, field in enumerate(entity.fields, start=1):
            letter = column_letter(index)
            if field.type in (schema.FieldType.ENUM, schema.FieldType.BOOLEAN, schema.FieldType.REFERENCE):
                rule = validations[letter]
                assert 'type="list"' in rule and "<formula1>'_lists'!$" in rule, field.key
                style = "information" if field.key == "industry" else "warning"
                assert f'errorStyle="{style}"' in rule and 'allowBlank="1"' in rule, field.key
            elif field.type is schema.FieldType.TAGS:
                assert 'promptTitle="企业标签"' in validations[letter]
            else:
                assert letter not in validations, field.key
        assert re.search(r'<pane xSplit="3" ySplit="1" topLeftCell="D2" activePane="bottomRight" state="frozen"/>',
                         xml)
        assert f'<autoFilter ref="A1:{column_letter(len(entity.fields))}' in xml
    lists = calamine_sheets(path)["_lists"]
    columns = {lists[0][c]: [row[c] for row in lists[1:] if row[c] != ""] for c in range(len(lists[0]))}
    assert columns["investment_stage"] == list(schema.INVESTMENT.field("stage").vocabulary.values)  # type: ignore[union-attr]
    assert columns["boolean"] == ["是", "否"] and "天河区" in columns["district"]
    assert "半导体与集成电路" in columns["industry"]


def test_instructions_sheet_comes_first(small: Store, tmp_path: Path) -> None:
    small.set_setting("office_code", "440106-tzj")
    small.create("office", {"code": "440106-tzj", "name": "天河区投资促进局"})
    path = export_exchange(small, tmp_path / "x.xlsx").path
    sheets = calamine_sheets(path)
    assert list(sheets) == ["填报说明", "招商引资项目", "科技成果转化项目", "增资扩产项目", "_lists", "_meta"]
    text = "\n".join(str(row[0]) for row in sheets["填报说明"])
    for words in (meta.ID_HEADER, "留空", "不会删除", "万元", "亩", "2026-03", "天河区投资促进局", "招商引资项目 5 条"):
        assert words in text, words


def test_queries_filter_and_sort(small: Store, tmp_path: Path) -> None:
    query = Query(filters=(Filter("district", "!=", HUANGPU),), sort=(("total_investment", True),))
    report = export_exchange(small, tmp_path / "x.xlsx", lists=["investment"], queries={"investment": query})
    assert dict(report.counts) == {"investment": 4}
    sheets = calamine_sheets(report.path)
    assert list(sheets) == ["填报说明", "招商引资项目", "_lists", "_meta"]
    names = [row[2] for row in sheets["招商引资项目"][1:]]
    assert names == [r["name"] for r in small.iter_records("investment", query)]
    _, bases = meta.parse_meta(sheets["_meta"], file="x.xlsx")
    assert len(bases) == 4


def test_english_headers(small: Store, tmp_path: Path) -> None:
    path = export_exchange(small, tmp_path / "x.xlsx", lists=["expansion"], lang="en").path
    sheets = calamine_sheets(path)
    assert list(sheets) == ["Instructions", "Expansion", "_lists", "_meta"]
    assert sheets["Expansion"][0][:3] == [meta.ID_HEADER_EN, "Project code", "Project name"]


def test_ledger(small: Store, tmp_path: Path) -> None:
    report = export_exchange(small, tmp_path / "x.xlsx")
    batch = batches.get(small, report.batch or "")
    assert batch is not None and batch.kind == "export" and batch.status == "done"
    assert batch.export_id == report.export_id and batch.file_name == "x.xlsx"
    assert batch.summary["investment"] == 5 and batch.summary["expansion"] == 1


def test_empty_list(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        report = export_exchange(store, tmp_path / "x.xlsx")
        assert dict(report.counts) == {"investment": 0, "tech_transfer": 0, "expansion": 0}
        info, bases = meta.parse_meta(calamine_sheets(report.path)["_meta"], file="x.xlsx")
        assert bases == {} and info.export_id == report.export_id


def test_untouched_file_reads_back_through_the_importer(demo: tuple[Store, Path]) -> None:
    """T40 (the part this side can check): an untouched exchange workbook gives no new rows, no problems and no
    changes. (The hand-made records are not used: the importer trims a leading tab from free text.)"""
    importer = pytest.importorskip("gzdesk.core.importer", reason="the importer is being written")
    store, path = demo
    plan = importer.plan_import(store, path)
    assert plan.problems == () and plan.new == ()
    assert len(plan.matched) == sum(store.count(kind) for kind in LIST_SHEETS)
    assert tuple(getattr(plan, "updates", ())) == ()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_reads_the_workbook(demo: tuple[Store, Path], tmp_path: Path) -> None:
    store, path = demo
    # Filter options: comma, double quote, UTF-8, from line 1, …, sheet 2 (the first list sheet).
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"
    subprocess.run(["soffice", "--headless", "--convert-to", options, "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    (csv_file,) = tmp_path.glob("*.csv")
    text = csv_file.read_text(encoding="utf-8")
    assert meta.ID_HEADER in text
    for record in store.iter_records("investment"):
        assert str(record["id"]) in text and str(record["name"]) in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_keeps_risky_text(small: Store, tmp_path: Path) -> None:
    path = export_exchange(small, tmp_path / "x.xlsx").path
    rows = libreoffice_csv(path, tmp_path / "csv", 2)
    cells = {cell for row in rows for cell in row}
    for text in ("=1+2", "@SUM(A1)", "#N/A", "#REF!", "-5", "+86 公司", "＝1", "<r>abc</r>", "_x0041_ 不是转义",
                 "\t领先的制表符", "2025-11", "2026-03-15", "00123", "已完成备案\n正在办理施工许可"):
        assert text in cells, text
