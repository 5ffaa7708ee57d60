"""The helper sheets of an exchange workbook: the instructions (填报说明), the drop-down sources (``_lists``) and
the data validations of the list sheets.

Validation error styles (a typed value is never lost): enumerations, 是/否 and 所属区 use "warning" (Excel asks
"continue?" and keeps the value when the clerk says yes; the importer maps synonyms such as 洽谈中 → 在谈 and reports
what it cannot); 产业分类 uses "information" (new industries are common and are kept as written on import). The
record-id column has a custom rule that always fails (``=FALSE()``) with style "stop": typing into it is refused,
while sorting and filtering still move it with its row (the sheet is not protected, which would stop sorting).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from gzdesk.core.excel.export_common import NO, TAG_SEPARATOR, YES, FieldColumn
from gzdesk.core.excel.table_header import column_letter
from gzdesk.core.excel.write_safe import FormatBook, RowPlace, write_text
from gzdesk.core.reference import Reference
from gzdesk.core.schema import Entity, Field, FieldType

LISTS_SHEET = "_lists"
LAST_ROW = 1_048_575  # the last row of a sheet (0-based)
ID_MESSAGE = {"zh": "记录编号用于合并，请勿修改", "en": "The record id is used to merge changes back; do not edit it"}


@dataclass(frozen=True)
class DropDown:
    """A drop-down source column on the ``_lists`` sheet."""

    key: str
    title: str
    values: tuple[str, ...]
    error_type: str  # "warning" or "information"


def _source_key(field: Field) -> str | None:
    if field.type is FieldType.ENUM and field.vocabulary is not None:
        return field.vocabulary.key
    if field.type is FieldType.BOOLEAN:
        return "boolean"
    if field.type is FieldType.REFERENCE:
        return field.reference
    return None


def drop_downs(entities: Sequence[Entity], reference: Reference, extras: Mapping[str, set[str]],
               lang: str) -> dict[str, DropDown]:
    """The drop-down sources the fields of ``entities`` need, by source key (vocabulary key, "boolean", …)."""
    found: dict[str, DropDown] = {}
    for entity in entities:
        for field in entity.fields:
            key = _source_key(field)
            if key is None or key in found:
                continue
            if field.type is FieldType.ENUM and field.vocabulary is not None:
                values = (*field.vocabulary.values, *sorted(extras.get(key, set()) - set(field.vocabulary.values)))
                found[key] = DropDown(key, field.label(lang), values, "warning")
            elif field.type is FieldType.BOOLEAN:
                found[key] = DropDown(key, YES + "/" + NO, (YES, NO), "warning")
            elif key == "district":
                found[key] = DropDown(key, field.label(lang), tuple(d.name_zh for d in reference.districts.values()),
                                      "warning")
            else:
                names = tuple(i.name_zh for i in reference.industries.values() if not i.retired)
                found[key] = DropDown(key, field.label(lang), names, "information")
    return found


def write_lists_sheet(sheet: Worksheet, formats: FormatBook, sources: Mapping[str, DropDown]) -> dict[str, str]:
    """Write the drop-down values, one column per source, and return each source's range formula."""
    sheet.hide()
    columns = list(sources.values())
    plain = formats.cell_formats({})
    place = RowPlace(LISTS_SHEET, "", LISTS_SHEET)
    ranges: dict[str, str] = {}
    for index, source in enumerate(columns):
        letter = column_letter(index)
        ranges[source.key] = f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(source.values) + 1}"
        sheet.set_column(index, index, 20)
    for row in range(1 + max((len(c.values) for c in columns), default=0)):
        for index, source in enumerate(columns):
            if row == 0:
                write_text(sheet, 0, index, source.key, plain, place, source.key)
            elif row <= len(source.values):
                write_text(sheet, row, index, source.values[row - 1], plain, place, source.title)
    return ranges


def add_validations(sheet: Worksheet, columns: Sequence[FieldColumn], sources: Mapping[str, DropDown],
                    ranges: Mapping[str, str], lang: str, *, first_column: int = 1) -> None:
    """The id column's refusal, a drop-down for every enumeration, 是/否 and reference column, and a hint for tags.
    ``columns`` start at sheet column ``first_column`` (default B; column A holds the record id)."""
    en = lang == "en"
    _validate(sheet, 0, {"validate": "custom", "value": "=FALSE()", "error_type": "stop", "ignore_blank": True,
                         "input_title": "Record ID" if en else "记录编号", "input_message": ID_MESSAGE[lang],
                         "error_title": "Record ID" if en else "记录编号", "error_message": ID_MESSAGE[lang]})
    for index, column in enumerate(columns, start=first_column):
        field = column.field
        key = _source_key(field)
        if key is not None:
            source = sources[key]
            message = (f"Choose from the list; another value is kept but checked on import ({column.header})" if en
                       else f"请从下拉列表中选择“{field.label(lang)}”；列表以外的值会保留，导入时提示核对")
            _validate(sheet, index, {"validate": "list", "source": ranges[key], "ignore_blank": True,
                                     "error_type": source.error_type,
                                     "error_title": "Not in the list" if en else "不在可选值中",
                                     "error_message": message[:255]})
        elif field.type is FieldType.TAGS and field.vocabulary is not None:
            words = TAG_SEPARATOR.join(field.vocabulary.values)
            hint = (f"Separate several with {TAG_SEPARATOR}: {words}" if en else f"多个标签用“{TAG_SEPARATOR}”分隔：{words}")
            _validate(sheet, index, {"validate": "any", "input_title": field.label(lang)[:32],
                                     "input_message": hint[:255]})


def _validate(sheet: Worksheet, column: int, options: dict[str, object]) -> None:
    result = sheet.data_validation(1, column, LAST_ROW, column, options)
    if result != 0:
        raise ValueError(f"XlsxWriter refused the validation of column {column}: {options}")


INSTRUCTIONS_TITLE = {"zh": "填报说明", "en": "Instructions"}


@dataclass(frozen=True)
class ExportFacts:
    """Who exported what and when, for the instructions sheet."""

    office: str
    exported_at: str
    export_id: str
    app_version: str
    counts: Sequence[tuple[str, int]]  # (list label, records)


def instructions(facts: ExportFacts, id_header: str, lang: str) -> list[str]:
    """The instruction paragraphs, first the title."""
    listed = "、".join(f"{label} {count} 条" for label, count in facts.counts)
    if lang == "en":
        listed = ", ".join(f"{label}: {count}" for label, count in facts.counts)
        return [
            "gzdesk exchange workbook — instructions",
            f"Exported from gzdesk by {facts.office} at {facts.exported_at} (export {facts.export_id}). "
            f"It holds: {listed}.",
            "Edit the list sheets directly and send the file back. The import compares every field and only takes "
            "what was changed; sorting, filtering and moving columns are fine.",
            f"Do not edit, clear or copy the first column “{id_header}”: it ties each row to its record.",
            f"New projects: add a new row at the bottom and leave “{id_header}” empty.",
            "Deleting a row does not delete the project. If a project has ended, choose 终止 (or 暂缓) as its stage.",
            "Amounts are in 10k CNY (万元) and land in mu (亩), as the column headers say; write numbers only.",
            "Dates: 2026-03-15, 2026/3/15 or 2026年3月15日; when only the month is known, 2026-03 or 2026年3月 "
            "(no day is made up).",
            "Columns with a drop-down arrow: choose from the list; another value is kept and checked on import. "
            "Separate several tags with 、.",
            "Do not rename the sheets or the column headers, and do not delete the hidden sheets (they hold the "
            "export information).",
            f"Exported by: {facts.office}   Time: {facts.exported_at}   Program: gzdesk {facts.app_version}",
        ]
    return [
        "gzdesk 交换表 — 填报说明",
        f"本文件由“{facts.office}”于 {facts.exported_at} 从 gzdesk 导出（导出编号 {facts.export_id}），包含：{listed}。",
        "请直接在各清单工作表中修改，改好后把文件发回。导入时逐项比对，只采用改动过的内容；排序、筛选、移动列都可以。",
        f"第一列“{id_header}”用于把每一行对应到原记录，请不要修改、清空或复制该列。",
        f"新增项目：在表格末尾新起一行填写，“{id_header}”留空。",
        "删除某一行不会删除该项目；项目已终止的，请在“当前阶段”中选择“终止”（或“暂缓”）。",
        "金额单位为万元，用地面积单位为亩（见各列标题括号内的单位），请只填写数字，不要带单位。",
        "日期可填写 2026-03-15、2026/3/15 或 2026年3月15日；只知道月份时填写 2026-03 或 2026年3月（不会补出日期）。",
        "带下拉箭头的列请从列表中选择；列表以外的值也会保留，导入时提示核对。多个企业标签用“、”分隔。",
        "请勿修改工作表名称和列标题，也不要删除隐藏的工作表（其中保存导出信息）。",
        f"导出单位：{facts.office}    导出时间：{facts.exported_at}    程序版本：gzdesk {facts.app_version}",
    ]


def write_instructions(sheet: Worksheet, formats: FormatBook, facts: ExportFacts, id_header: str,
                       lang: str) -> None:
    sheet.set_column(0, 0, 110)
    sheet.hide_gridlines(2)
    title = formats.cell_formats({"bold": True, "font_size": 14})
    body = formats.cell_formats({"text_wrap": True, "valign": "top"})
    place = RowPlace(INSTRUCTIONS_TITLE[lang], "", INSTRUCTIONS_TITLE[lang])
    lines = instructions(facts, id_header, lang)
    sheet.set_row(0, 28)
    write_text(sheet, 0, 0, lines[0], title, place, "")
    for row, text in enumerate(lines[1:], start=1):
        write_text(sheet, row, 0, text if row == len(lines) - 1 else f"{row}. {text}", body, place, "")
