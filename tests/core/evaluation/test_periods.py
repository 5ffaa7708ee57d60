"""Period arithmetic and 序时进度 at the boundaries, plus properties over every date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gzdesk.core.demo.schedule import schedule_percent as demo_schedule
from gzdesk.core.errors import InputRefused
from gzdesk.core.evaluation.periods import (
    PERIOD_KINDS,
    Period,
    parse_period,
    period_containing,
    schedule_percent,
    schedule_percent_at,
)


@pytest.mark.parametrize(("text", "end"), [
    ("2026-03", dt.date(2026, 3, 31)), ("2026-Q1", dt.date(2026, 3, 31)), ("2026-Q4", dt.date(2026, 12, 31)),
    ("2026-03-上", dt.date(2026, 3, 10)), ("2026-03-中", dt.date(2026, 3, 20)), ("2026-03-下", dt.date(2026, 3, 31)),
    ("2024-02", dt.date(2024, 2, 29)), ("2025-02-下", dt.date(2025, 2, 28)),
])
def test_period_end_and_round_trip(text: str, end: dt.date) -> None:
    period = parse_period(text)
    assert period.end == end
    assert str(period) == text


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "2026-3", "2026-03-末", "", "26-03", "2026-00"])
def test_bad_period_refused(text: str) -> None:
    with pytest.raises(InputRefused) as caught:
        parse_period(text)
    assert caught.value.code == "evaluation.bad_period"


def test_previous() -> None:
    assert str(parse_period("2026-01").previous()) == "2025-12"
    assert str(parse_period("2026-Q1").previous()) == "2025-Q4"
    assert str(parse_period("2026-03-上").previous()) == "2026-02-下"
    assert str(parse_period("2026-03-下").previous()) == "2026-03-中"


def test_schedule_leap_year_and_boundaries() -> None:
    assert schedule_percent("2024-02") == pytest.approx(60 / 366 * 100)
    assert schedule_percent("2026-02") == pytest.approx(59 / 365 * 100)
    assert schedule_percent("2026-12") == pytest.approx(100)
    assert schedule_percent("2026-Q2") == pytest.approx(181 / 365 * 100)
    assert schedule_percent("2026-01-上") == pytest.approx(10 / 365 * 100)


def test_mid_year_start_counts_from_start_month() -> None:
    assert schedule_percent("2026-07", start_month=7) == pytest.approx(31 / 184 * 100)
    assert schedule_percent("2026-12", start_month=7) == pytest.approx(100)
    assert schedule_percent("2026-06", start_month=7) == 0.0


def test_demo_schedule_is_the_same_rule() -> None:
    for month in range(1, 13):
        assert demo_schedule(2024, month) == pytest.approx(schedule_percent(Period(2024, "month", month)))


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@given(dates)
def test_every_date_in_exactly_one_period_of_each_kind(day: dt.date) -> None:
    for kind in PERIOD_KINDS:
        period = period_containing(day, kind)
        assert period.start <= day <= period.end
        assert parse_period(str(period)) == period
        assert period.previous().end == period.start - dt.timedelta(days=1)
        assert period_containing(period.previous().end, kind) != period


@given(dates, dates)
def test_schedule_monotonic_within_a_year(first: dt.date, second: dt.date) -> None:
    second = second.replace(year=first.year) if not (second.month == 2 and second.day == 29) else second
    if second.year != first.year:
        return
    early, late = sorted((first, second))
    assert schedule_percent_at(early) <= schedule_percent_at(late) <= 100.0
