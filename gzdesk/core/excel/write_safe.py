"""Writing one value into one XlsxWriter cell so that Excel, WPS and LibreOffice show exactly that value.

Contract (RELIABILITY.md T35–T38):

* Text is always written with a typed string call, never ``write()``: a value is never turned into a formula, a
  number, a link or an error cell. Text that Excel would evaluate or retype when a colleague re-enters the cell gets
  a quote-prefix format (``quotePrefix``): a leading ``= + - @``, tab, CR, LF or full-width ``＝``; the error
  literals ``#N/A`` ``#REF!`` …; and text that looks like a number, date or boolean ("00123", "2026-03", "TRUE").
* Text with a character an .xlsx file cannot hold (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone
  surrogates) or longer than 32,767 UTF-16 units (Excel's cell limit) raises :class:`InputRefused` naming the
  list, record, field and sheet. Nothing is ever cleaned or cut silently.
* Only ``http``/``https``/``mailto`` targets become links; everything else (``file:``, ``javascript:``, UNC paths)
  is plain text. Links are written with ``write_url`` and never as ``HYPERLINK()`` formulas.
* :func:`sheet_name` turns any text into a valid, unique sheet name, deterministically.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused

messages.register({
    "export.illegal_character": (
        "{list}“{record}”的“{field}”含有 Excel 文件不能保存的字符 {char}（第 {position} 个字符，工作表“{sheet}”），"
        "请在记录中删除后再导出",
        "{list} “{record}”, {field}: character {char} (position {position}, sheet {sheet}) cannot be stored in an "
        "Excel file; remove it from the record and export again"),
    "export.text_too_long": (
        "{list}“{record}”的“{field}”有 {length} 个字符，超过 Excel 单元格上限 {limit} 个（工作表“{sheet}”）；"
        "内容不会被截断，请缩短后再导出",
        "{list} “{record}”, {field}: {length} characters is over Excel's cell limit of {limit} (sheet {sheet}); "
        "nothing is cut, shorten it and export again"),
    "export.bad_number": (
        "{list}“{record}”的“{field}”不是有效数字（{value}，工作表“{sheet}”）",
        "{list} “{record}”, {field}: {value} is not a valid number (sheet {sheet})"),
})

MAX_CELL_UNITS = 32_767  # Excel's limit, counted in UTF-16 code units
MAX_SHEET_NAME = 31
MAX_URL = 2_079  # Excel's limit for a link target
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n＝")
ERROR_LITERALS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA",
                            "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text Excel would retype on re-entry: numbers ("00123", "1,200", "(5)", "1e5", "50%"), dates and times
# ("2026-03", "3/15", "12:30", "2026年3月", "3月15日") and the booleans.
_RETYPED = re.compile(r"[\s(]*[$¥￥€£]?\s*\d[\d\s.,:/%()eE+\-]*|true|false|\s*\d{1,4}\s*年(?:\s*\d{1,2}\s*月"
                      r"(?:\s*\d{1,2}\s*日)?)?\s*|\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*", re.IGNORECASE)
_RETYPED_START = frozenset("($¥￥€£tTfF")  # besides digits and blanks: the first characters _RETYPED accepts
_LINK = re.compile(r"(?:https?://|mailto:)[^\s\"<>]+", re.IGNORECASE)
_SHEET_FORBIDDEN = re.compile("[\\[\\]:*?/\\\\\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_RESERVED_SHEET = "history"

CellValue: TypeAlias = str | int | float | dt.date | None


@dataclass(frozen=True)
class RowPlace:
    """Where a row's values come from, for refusals: the list's label, the record (name, else id), the sheet."""

    list_label: str
    record: str
    sheet: str


@dataclass(frozen=True)
class CellFormats:
    """The formats of one column: ``plain`` for values, ``quoted`` (the same plus quote-prefix) for risky text."""

    plain: Format | None
    quoted: Format


class FormatBook:
    """Creates each XlsxWriter format once per set of properties (a workbook allows about 64,000)."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}

    def format(self, properties: Mapping[str, object]) -> Format:
        key = tuple(sorted(properties.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self.workbook.add_format(dict(properties))
        return made

    def cell_formats(self, properties: Mapping[str, object]) -> CellFormats:
        plain = self.format(properties) if properties else None
        return CellFormats(plain, self.format({**properties, "quote_prefix": True}))


def needs_quote_prefix(text: str) -> bool:
    """True when Excel would evaluate or retype ``text`` if a colleague re-entered the cell."""
    first = text[:1]
    if first in FORMULA_TRIGGERS:
        return True
    if first == "#":
        return text in ERROR_LITERALS
    return (first in _RETYPED_START or first.isdigit() or first.isspace()) and _RETYPED.fullmatch(text) is not None


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def check_text(text: str, place: RowPlace, field: str) -> None:
    """Refuse text a cell cannot hold (see the module contract); returns quietly for text that is fine."""
    bad = _ILLEGAL.search(text)
    if bad is not None:
        raise InputRefused("export.illegal_character", list=place.list_label, record=place.record, field=field,
                           sheet=place.sheet, char=f"U+{ord(bad.group()):04X}", position=bad.start() + 1)
    if len(text) > MAX_CELL_UNITS // 2 and utf16_length(text) > MAX_CELL_UNITS:
        raise InputRefused("export.text_too_long", list=place.list_label, record=place.record, field=field,
                           sheet=place.sheet, length=utf16_length(text), limit=MAX_CELL_UNITS)


def write_text(sheet: Worksheet, row: int, column: int, text: str, formats: CellFormats, place: RowPlace,
               field: str) -> None:
    """Write ``text`` as a text cell (quote-prefixed when risky); refuses what a cell cannot hold."""
    if len(text) > MAX_CELL_UNITS // 2 or _ILLEGAL.search(text) is not None:
        check_text(text, place, field)
    cell_format = formats.quoted if needs_quote_prefix(text) else formats.plain
    if text[:3] == "<r>" and text.endswith("</r>"):
        # XlsxWriter's constant_memory mode copies such a string into the XML unescaped (it takes it for its own
        # rich-text markup); written as three plain runs it is escaped and reads back as the same text.
        runs = (text[:1], text[1:2], text[2:])
        if cell_format is None:
            sheet.write_rich_string(row, column, *runs)
        else:
            sheet.write_rich_string(row, column, *runs, cell_format)
    else:
        sheet.write_string(row, column, text, cell_format)


def write_number(sheet: Worksheet, row: int, column: int, number: float, formats: CellFormats, place: RowPlace,
                 field: str) -> None:
    if not math.isfinite(number):
        raise InputRefused("export.bad_number", list=place.list_label, record=place.record, field=field,
                           sheet=place.sheet, value=number)
    sheet.write_number(row, column, number, formats.plain)


def write_value(sheet: Worksheet, row: int, column: int, value: CellValue, formats: CellFormats, place: RowPlace,
                field: str) -> None:
    """Write one exported value with its typed call: text, number (bool is never passed here) or date; None
    writes nothing."""
    kind = type(value)
    if kind is str:
        write_text(sheet, row, column, value, formats, place, field)  # type: ignore[arg-type]
    elif kind is float or kind is int:
        write_number(sheet, row, column, value, formats, place, field)  # type: ignore[arg-type]
    elif value is None:
        return
    elif isinstance(value, str):
        write_text(sheet, row, column, value, formats, place, field)
    elif isinstance(value, int | float):
        write_number(sheet, row, column, value, formats, place, field)
    else:
        sheet.write_datetime(row, column, value, formats.plain)


def is_link(text: str) -> bool:
    """True for an http, https or mailto target that may become a link (nothing else ever does)."""
    return len(text) <= MAX_URL and _LINK.fullmatch(text) is not None


def write_link_or_text(sheet: Worksheet, row: int, column: int, text: str, formats: CellFormats,
                       place: RowPlace, field: str) -> None:
    """A whole-cell http/https/mailto address becomes a link showing exactly ``text``; anything else is text."""
    check_text(text, place, field)
    if not is_link(text) or sheet.write_url(row, column, text, None, text) != 0:
        write_text(sheet, row, column, text, formats, place, field)


def sheet_name(text: str, taken: Collection[str] = ()) -> str:
    """A valid sheet name for ``text``, unique (case-insensitively) among ``taken``; ``taken`` is not changed.

    Forbidden characters (``[ ] : * ? / \\`` and controls) become "_", leading and trailing apostrophes and blanks
    go, an empty result becomes "Sheet", the reserved name "History" becomes "History_", the length is cut to 31,
    and a clash gets " (2)", " (3)" … (the base shortened to fit). The same inputs always give the same name.
    """
    base = _SHEET_FORBIDDEN.sub("_", text).strip().strip("'").strip() or "Sheet"
    if base.casefold() == _RESERVED_SHEET:
        base += "_"
    base = _trim(base, MAX_SHEET_NAME)
    used = {name.casefold() for name in taken}
    candidate, number = base, 1
    while candidate.casefold() in used or candidate.casefold() == _RESERVED_SHEET:
        number += 1
        suffix = f" ({number})"
        candidate = _trim(base, MAX_SHEET_NAME - len(suffix)) + suffix
    return candidate


def _trim(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, without a trailing apostrophe or blank left by the cut."""
    return text[:limit].rstrip().rstrip("'").rstrip() or "Sheet"[:limit]
