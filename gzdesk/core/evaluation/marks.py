"""Progress marks for the rows a table shows: each project's latest light and whether its report is overdue.

The same definitions as the meeting statistics (:mod:`gzdesk.core.evaluation.stats`): the latest evaluation is the
one of the as-of year with the latest period ending on or before as-of (a month before a 旬 before a quarter ending
the same day), its light the stored one (the clerk's override when there is one); a project is overdue when its
stage is a reporting stage and it has no evaluation for :func:`~gzdesk.core.evaluation.stats.due_period`.
Computed in SQL for the given projects only (a table page), over the (project_id, period) index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.evaluation.reporting import REPORTING_STAGES
from gzdesk.core.evaluation.stats import due_period, year_periods
from gzdesk.core.store import Store

LAGGING_LIGHTS = ("红", "黄")


@dataclass(frozen=True)
class ProgressMark:
    """``light`` / ``judgement`` / ``period`` of the latest evaluation (None when there is none this year);
    ``overdue``: no evaluation for ``due`` although the project is in a reporting stage."""

    light: str | None
    judgement: str | None
    period: str | None
    overdue: bool
    due: str

    @property
    def lagging(self) -> bool:
        return self.light in LAGGING_LIGHTS

    @property
    def marked(self) -> bool:
        return self.lagging or self.overdue


def progress_marks(store: Store, kind: str, projects: Iterable[Mapping[str, object]], *,
                   as_of: dt.date | None = None) -> dict[str, ProgressMark]:
    """The mark of each project (records of list ``kind`` with ``id`` and ``stage``), by project id."""
    if kind not in REPORTING_STAGES:
        raise KeyError(f"{kind!r} is not a project list")
    schema.entity(kind)
    day = as_of or dt.date.today()
    stages = {str(p["id"]): p.get("stage") for p in projects}
    if not stages:
        return {}
    ranks = {text: rank for text, rank, _ in year_periods(day)}
    due = str(due_period(day))
    ids = list(stages)
    latest: dict[str, tuple[int, str, str | None, str | None]] = {}
    reported: set[str] = set()
    for start in range(0, len(ids), 400):
        chunk = ids[start:start + 400]
        marks = ", ".join("?" for _ in chunk)
        periods = [*ranks, due]
        sql = (f"SELECT project_id, period, light, judgement FROM evaluation WHERE project_id IN ({marks})"
               f" AND period IN ({', '.join('?' for _ in periods)})")
        for project_id, period, light, judgement in store.conn.execute(sql, [*chunk, *periods]):
            key, text = str(project_id), str(period)
            if text == due:
                reported.add(key)
            rank = ranks.get(text)
            if rank is not None and (key not in latest or rank > latest[key][0]):
                latest[key] = (rank, text, None if light is None else str(light),
                               None if judgement is None else str(judgement))
    reporting = REPORTING_STAGES[kind]
    found = {}
    for project_id, stage in stages.items():
        _, period, light, judgement = latest.get(project_id, (0, None, None, None))
        found[project_id] = ProgressMark(light, judgement, period, stage in reporting and project_id not in reported,
                                         due)
    return found
