"""Coercing dates to ISO text: "2026-03-15" (day precision) or "2026-03" (month precision, never a made-up day).

Accepted: date/datetime cells (a time of day is dropped, with a note when it was not midnight); Excel serial numbers
(1900 system, or 1904 when the workbook says so; serial 60 is Excel's fictitious 1900-02-29 and is refused, as are
serials ≤ 0 and dates outside 1900–2200); numbers and text yyyymm / yyyymmdd; "2026年3月", "2026年3月15日",
"2026/3/15", "2026-3-15", "2026.3.15", "2026.03", ISO with or without a time. A day-month order is accepted only when
it cannot be read two ways (25/12/2024); "3/1/2024" and "01/02/2026" are refused as ambiguous, as are 2-digit years,
a year alone, ranges ("2024-2026") and impossible dates (2024-13-45).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from gzdesk.core import messages
from gzdesk.core.excel.coerce_base import Coercer, common, fail, note, with_notes
from gzdesk.core.excel.model import CellValue

MIN_YEAR, MAX_YEAR = 1900, 2200

messages.register({
    "coerce.date.invalid": ("「{raw}」不是有效日期（月份或日期不存在）", "{raw} is not a valid date (no such month or day)"),
    "coerce.date.ambiguous": ("「{raw}」可以理解为不同的日期（日/月顺序不明），请写成 2026-03-15 或 2026年3月15日",
                              "{raw} can be read as different dates (day/month order unclear); write 2026-03-15"),
    "coerce.date.out_of_range": ("日期「{raw}」不在 1900–2200 年之间", "the date {raw} is not between 1900 and 2200"),
    "coerce.date.serial_invalid": ("「{raw}」不是有效的 Excel 日期序号", "{raw} is not a valid Excel date serial"),
    "coerce.date.fake_leap_day": ("Excel 日期序号 60 表示不存在的 1900年2月29日",
                                  "Excel serial 60 stands for 1900-02-29, a day that does not exist"),
    "coerce.date.year_only": ("「{raw}」只有年份，请至少写到月份（如 2026年3月）",
                              "{raw} gives only a year; give at least the month (such as 2026-03)"),
    "coerce.date.range": ("「{raw}」是一个时间段，这里只能填写一个日期", "{raw} is a period; this column takes one date"),
    "coerce.date.time_only": ("「{raw}」只有时间，没有日期", "{raw} is a time of day, not a date"),
    "coerce.date.unrecognised": ("「{raw}」不是可识别的日期（可写 2026-03-15、2026年3月 等）",
                                 "{raw} is not a date that can be read (write 2026-03-15, 2026-03 …)"),
    "coerce.note.time_dropped": ("「{raw}」的时间部分已去掉", "the time of day in {raw} was dropped"),
    "coerce.note.month_part_dropped": ("「{raw}」按月份 {value} 保存", "{raw} was kept as the month {value}"),
    "coerce.note.date_order_inferred": ("「{raw}」按日/月顺序读作 {value}", "{raw} was read as {value}"),
})

_TIME = re.compile(r"(?:[T\s]+|(?<=[日号]))(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_CHINESE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]?)?$")
_CHINESE_PART = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(上旬|中旬|下旬|初|底|末|中)$")
_SEPARATED = re.compile(r"^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")
_RANGE = re.compile(r"\d{4}.*?(?:-|~|至|到|—|–).*\d{4}")
_EPOCH_1900 = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)
_MAX_SERIAL = 2958465.0  # 9999-12-31


def _iso(raw: CellValue, year: int, month: int, day: int | None) -> object:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return fail("coerce.date.out_of_range", raw)
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else fail("coerce.date.invalid", raw)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return fail("coerce.date.invalid", raw)


def _from_date(raw: CellValue, value: dt.date) -> object:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return fail("coerce.date.out_of_range", raw)
    if isinstance(value, dt.datetime):
        text = value.date().isoformat()
        return text if value.time() == dt.time() else with_notes(text, note("coerce.note.time_dropped", raw))
    return value.isoformat()


def _from_number(raw: float | int, date1904: bool) -> object:
    if not math.isfinite(raw):
        return fail("coerce.date.serial_invalid", raw)
    if float(raw).is_integer():
        whole = int(raw)
        if MIN_YEAR <= whole <= MAX_YEAR:
            return fail("coerce.date.year_only", raw)
        if 190001 <= whole <= 220012:
            return _iso(raw, whole // 100, whole % 100, None)
        if 19000101 <= whole <= 22001231:
            return _iso(raw, whole // 10000, whole // 100 % 100, whole % 100)
    if raw < 1 or raw >= _MAX_SERIAL:
        return fail("coerce.date.serial_invalid" if raw < 1 else "coerce.date.out_of_range", raw)
    days = math.floor(raw)
    if date1904:
        day = _EPOCH_1904 + dt.timedelta(days=days)
    elif days == 60:
        return fail("coerce.date.fake_leap_day", raw)
    else:
        day = _EPOCH_1900 + dt.timedelta(days=days + (1 if days < 60 else 0))
    result = _from_date(raw, day)
    return with_notes(result, note("coerce.note.time_dropped", raw)) if raw != days and isinstance(result, str) \
        else result


def _from_text(raw: str) -> object:
    text = unicodedata.normalize("NFKC", raw).strip()
    time = _TIME.search(text)
    notes = []
    if time is not None and time.start() > 0:
        text = text[: time.start()].strip()
        if any(part and int(part) for part in time.groups()):
            notes.append(note("coerce.note.time_dropped", raw))
    for pattern in (_CHINESE, _SEPARATED, _COMPACT):
        match = pattern.match(text)
        if match is not None:
            groups = [g for g in match.groups() if g is None or g.isdigit()]
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2]) if groups[2] else None
            return with_notes(_iso(raw, year, month, day), *notes)
    match = _CHINESE_PART.match(text)
    if match is not None:
        result = _iso(raw, int(match.group(1)), int(match.group(2)), None)
        return with_notes(result, note("coerce.note.month_part_dropped", raw, value=result)) \
            if isinstance(result, str) else result
    match = _DAY_FIRST.match(text)
    if match is not None:
        first, second, year_text = int(match.group(1)), int(match.group(3)), match.group(4)
        if len(year_text) == 2 or (first <= 12 and second <= 12):
            return fail("coerce.date.ambiguous", raw)
        day, month = (first, second) if first > 12 else (second, first)
        result = _iso(raw, int(year_text), month, day)
        return with_notes(result, note("coerce.note.date_order_inferred", raw, value=result)) \
            if isinstance(result, str) else result
    if _YEAR.match(text):
        return fail("coerce.date.year_only", raw)
    if _RANGE.search(text):
        return fail("coerce.date.range", raw)
    return fail("coerce.date.unrecognised", raw)


def date_coercer(*, date1904: bool = False) -> Coercer:
    """ISO date text from any accepted cell (see the module docstring)."""

    def coerce(raw: CellValue) -> object:
        kind = type(raw)
        if kind is dt.date or kind is dt.datetime:
            return _from_date(raw, raw)  # type: ignore[arg-type]
        if kind is float or kind is int:
            return _from_number(raw, date1904)  # type: ignore[arg-type]
        if isinstance(raw, str):
            return common(raw) or _from_text(raw)
        if isinstance(raw, dt.time):
            return fail("coerce.date.time_only", raw)
        if isinstance(raw, dt.date):  # a subclass
            return _from_date(raw, raw)
        return common(raw) or fail("coerce.date.unrecognised", raw)

    return coerce


