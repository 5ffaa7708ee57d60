"""Reporting periods (报告期) and 序时进度 (the share of the year elapsed at a period's end).

Three kinds of period, written as the clerks write them:

* month ``"2026-03"``; quarter ``"2026-Q1"``; 旬 ``"2026-03-上"`` / ``"-中"`` / ``"-下"`` (days 1–10, 11–20, 21–end).

Every date falls in exactly one period of each kind. 序时进度 is day-based: the days from the start of the counted
span to the period end (inclusive) over the days of the span, in percent; leap years count 366 days
(``2024-02`` ends on day 60 of 366). A project that starts mid-year is counted from the first day of its start
month (its annual plan covers only the rest of the year), so a project starting in July is at 100 % at year end
and at 1/6 (by days) at the end of July.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused

PeriodKind = Literal["month", "quarter", "dekad"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "dekad")
DEKADS = ("上", "中", "下")

messages.register({
    "evaluation.bad_period": ("报告期“{value}”无法识别：应为 2026-03（月）、2026-Q1（季度）或 2026-03-上/中/下（旬）",
                              "Period {value!r} is not understood: write 2026-03 (month), 2026-Q1 (quarter) or "
                              "2026-03-上/中/下 (ten-day period)"),
})

_PATTERN = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])(?:-([上中下]))?|Q([1-4]))$")


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. ``number`` is the month (1–12) for months and 旬, the quarter (1–4) for quarters;
    ``dekad`` is 0/1/2 (上/中/下) for 旬 and 0 otherwise."""

    year: int
    kind: PeriodKind
    number: int
    dekad: int = 0

    def __str__(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "dekad":
            return f"{self.year}-{self.number:02d}-{DEKADS[self.dekad]}"
        return f"{self.year}-{self.number:02d}"

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        if self.kind == "quarter":
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, self.number, 1 + 10 * self.dekad)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.kind == "quarter":
            month = 3 * self.number
            return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])
        if self.kind == "dekad" and self.dekad < 2:
            return dt.date(self.year, self.number, 10 * (self.dekad + 1))
        return dt.date(self.year, self.number, calendar.monthrange(self.year, self.number)[1])

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return period_containing(self.start - dt.timedelta(days=1), self.kind)


def parse_period(value: object) -> Period:
    """The period written as ``value``; raises :class:`InputRefused` (``evaluation.bad_period``) otherwise."""
    text = str(value).strip() if value is not None else ""
    match = _PATTERN.match(text)
    if match is None:
        raise InputRefused("evaluation.bad_period", value=text)
    year, month, dekad, quarter = match.groups()
    if quarter:
        return Period(int(year), "quarter", int(quarter))
    if dekad:
        return Period(int(year), "dekad", int(month), DEKADS.index(dekad))
    return Period(int(year), "month", int(month))


def is_period(value: object) -> bool:
    """Whether ``value`` is a well-formed period."""
    try:
        parse_period(value)
    except InputRefused:
        return False
    return True


def period_containing(day: dt.date, kind: PeriodKind) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind == "quarter":
        return Period(day.year, "quarter", (day.month - 1) // 3 + 1)
    if kind == "dekad":
        return Period(day.year, "dekad", day.month, min((day.day - 1) // 10, 2))
    return Period(day.year, "month", day.month)


def schedule_percent_at(day: dt.date, *, start_month: int = 1) -> float:
    """序时进度 at the end of ``day``: days elapsed since the first day of ``start_month`` (inclusive of ``day``)
    over the days from there to the year end, in percent (0 before the start month)."""
    first = dt.date(day.year, start_month, 1)
    span = (dt.date(day.year + 1, 1, 1) - first).days
    elapsed = (day - first).days + 1
    return max(0.0, elapsed / span * 100)


def schedule_percent(period: Period | str, *, start_month: int = 1) -> float:
    """序时进度 at the end of ``period`` (see :func:`schedule_percent_at`)."""
    found = parse_period(period) if isinstance(period, str) else period
    return schedule_percent_at(found.end, start_month=start_month)


def month_schedule_percent(year: int, month: int) -> float:
    """序时进度 at the end of ``month`` of ``year`` counted from 1 January (the demo generator's form)."""
    end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
    return (end - dt.date(year, 1, 1)).days / days * 100


def parse_day(value: object) -> dt.date | None:
    """An ISO date or month ("2026-03" → its first day) or None when ``value`` is blank or not a date."""
    text = str(value or "").strip()
    try:
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
