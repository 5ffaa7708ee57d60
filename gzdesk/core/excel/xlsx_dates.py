"""Dates in .xlsx sheets: which date-formatted serials are no valid date, and how to read them.

Rule (documented for the importer): a date- or time-formatted number outside Excel's range — negative, not
finite, after 9999-12-31, and for date formats also serial 0 ("1900-01-00") and serial 60 (the phantom
1900-02-29) in the 1900 system — becomes ``CellError("bad_date")`` for that cell only; the rest of the load
goes on. ``t="d"`` cells that are not ISO 8601 likewise. We never keep the raw number for such a cell: a
clerk would see 3000000 in a date column and not know why.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from gzdesk.core.excel.model import CellError, CellValue
from gzdesk.core.excel.xlsx_parts import StyleKinds

BAD_DATE = CellError("bad_date")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LAST_SERIAL_1900 = 2_958_465  # 9999-12-31


def date_patterns(styles: StyleKinds, date1904: bool) -> list[tuple[str, re.Pattern[bytes]]]:
    """Regexes finding date/time-formatted cells whose value is not plainly a valid serial."""
    valid_date = r"[1-9]\d{0,5}" if date1904 else r"(?!60(?:\.|<))[1-9]\d{0,5}"
    found = []
    for kind, ids, valid in (("date", styles.dates, valid_date), ("time", styles.times, r"(?:0|[1-9]\d{0,5})")):
        if ids:
            alternatives = "|".join(str(index) for index in sorted(ids))
            found.append((kind, re.compile(
                rf' s="(?:{alternatives})"(?: t="n")?>(?:<f\b[^>]*(?:/>|>[^<]*</f>))?<v>(?!{valid}(?:\.\d+)?<)'
                r"([^<]*)</v>".encode())))
    return found


def date_override(text: bytes | str, kind: str, date1904: bool) -> CellValue:
    """What to put instead of calamine's value for a date/time-formatted number, or None to keep it.

    Out of Excel's range (negative, not finite, after 9999-12-31; for dates also serial 0 and the phantom
    1900-02-29, serial 60, in the 1900 system) → ``CellError("bad_date")``; 1904-system dates below serial 1,
    which calamine turns into a time of day → the right date.
    """
    try:
        serial = float(text)
    except ValueError:
        return None
    if not math.isfinite(serial) or serial < 0 or serial >= _LAST_SERIAL_1900 + 1 - (1462 if date1904 else 0):
        return BAD_DATE
    if kind == "time":
        return None
    if not date1904:
        return BAD_DATE if serial < 1 or 60 <= serial < 61 else None
    return serial_to_datetime(serial, True) if serial < 1 else None


def serial_to_datetime(serial: float, date1904: bool) -> dt.date | dt.datetime:
    """An Excel serial (valid range, see :func:`date_override`) as a date, or a datetime when it has a time."""
    epoch = _EPOCH_1904 if date1904 else (_EXCEL_EPOCH if serial >= 61 else dt.datetime(1899, 12, 31))
    moment = epoch + dt.timedelta(milliseconds=round(serial * 86_400_000))
    return moment.date() if moment.time() == dt.time() else moment


def parse_iso_date(text: str) -> dt.date | dt.datetime | dt.time | None:
    """An ISO 8601 date, datetime or time (the ``t="d"`` cell format); None if it is not one."""
    text = text.strip()
    try:
        if text.startswith("T"):
            return dt.time.fromisoformat(text[1:])
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text.rstrip("Z"))
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
