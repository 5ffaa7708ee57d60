"""完成年度计划% against 序时进度 for a whole list: the meeting's "are we on schedule" number.

Over each project's latest evaluation in the as-of year (ending by as-of, as :mod:`.stats` reads them) that has a
positive annual plan and a done-this-year figure: Σ done this year ÷ Σ annual plan, against 序时进度 at the end of
the due period (the last month ended by as-of, :func:`.stats.due_period`), counted from 1 January.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation import latest_numbers, latest_scan
from gzdesk.core.evaluation.periods import schedule_percent_at
from gzdesk.core.evaluation.stats import due_period
from gzdesk.core.query import Query
from gzdesk.core.store import Store


@dataclass(frozen=True)
class PlanCompletion:
    list_key: str
    projects: int  # projects counted (a positive annual plan and a done-this-year figure)
    annual_plan: float  # Σ, 万元
    done_ytd: float  # Σ, 万元
    schedule: float  # 序时进度 at the due period's end, percent

    @property
    def percent(self) -> float | None:
        """Σ done ÷ Σ plan × 100, or None when no project counts."""
        return self.done_ytd / self.annual_plan * 100 if self.annual_plan else None

    @property
    def gap(self) -> float | None:
        """percent − 序时, in percentage points (negative: behind)."""
        return None if self.percent is None else self.percent - self.schedule


def plan_completion(store: Store, *, as_of: dt.date, queries: Mapping[str, Query] | None = None
                    ) -> tuple[PlanCompletion, ...]:
    """Each list's completion of its annual plans (see the module docstring), for the records matching
    ``queries`` (default: every list, no filter)."""
    wanted = dict(queries) if queries is not None else {kind: Query() for kind in schema.LIST_KEYS}
    schedule = schedule_percent_at(due_period(as_of).end)
    found = []
    for kind, query in wanted.items():
        count, plan, done = latest_numbers.plan_sums(store, kind, query, as_of)
        later = latest_scan.plan_sums(store, kind, query, as_of, later_only=True)
        found.append(PlanCompletion(kind, count + later[0], plan + later[1], done + later[2], schedule))
    return tuple(found)
