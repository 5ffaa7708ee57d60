"""Day ordinals as the stored ISO texts, from 2020 to five years after today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gzdesk.core.demo.dice import Dice

EARLIEST = dt.date(2023, 1, 1)


class Calendar:
    """ISO strings for day ordinals from 2020 to five years after ``today`` (a table look-up, not strftime)."""

    def __init__(self, today: dt.date) -> None:
        self.today = today.toordinal()
        self.earliest = EARLIEST.toordinal()
        self.base = dt.date(2020, 1, 1).toordinal()
        self.days = tuple(dt.date.fromordinal(day).isoformat() for day in range(self.base, self.today + 1900))
        self.year = today.year
        self.year_start = dt.date(today.year, 1, 1).toordinal()

    def iso(self, day: int, *, month_only: bool = False) -> str:
        text = self.days[min(max(day, self.base), self.base + len(self.days) - 1) - self.base]
        return text[:7] if month_only else text

    def texts(self, dice: Dice, days: Sequence[int]) -> list[str]:
        """Milestone days (2023 … today) as stored: one in ten with month precision only."""
        table, base, random = self.days, self.base, dice.random
        return [table[day - base][:7] if random() < 0.1 else table[day - base] for day in days]

    def month_this_year(self, day: int) -> int:
        """1–12 when ``day`` falls in today's year, 0 when earlier."""
        return int(self.days[day - self.base][5:7]) if day >= self.year_start else 0
