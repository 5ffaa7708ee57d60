"""The most-behind rankings of a meeting: a project's progress (:class:`Behind`) and a bounded collection of the
most behind (:class:`MostBehind`), fed from any number of queries in any order.

Order: the gap (completion − 序时, ascending: most behind first), then the project id; when more projects tie at the
cut than there is room for, the larger ids stay (as the SQL that pre-selects candidates orders them: ``gap, id
DESC``). The result does not depend on the order in which candidates are offered.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from gzdesk.core.evaluation.listing import ProjectRef, project_ref


@dataclass(frozen=True)
class Behind:
    """A project's progress from its latest evaluation in the year."""

    project: ProjectRef
    period: str
    completion: float
    schedule: float
    gap: float
    judgement: str | None
    light: str | None


def behind_from_row(kind: str, row: Sequence[object]) -> Behind | None:
    """A :class:`Behind` from PROJECT_COLUMNS + (period, completion, schedule, gap, judgement, light); None when
    the progress cannot be judged (no completion or gap, or a 序时 of 0)."""
    project = project_ref(kind, row[:7])
    period, completion, schedule, gap, judgement, light = row[7:13]
    if completion is None or gap is None or not schedule:
        return None
    return Behind(project, str(period), float(completion), float(schedule), float(gap),  # type: ignore[arg-type]
                  None if judgement is None else str(judgement), None if light is None else str(light))


class MostBehind:
    """The ``size`` most-behind entries offered (constant memory over a million projects)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[float, str, Behind]] = []

    @property
    def full(self) -> bool:
        return len(self._heap) >= self.size

    def cut(self) -> float | None:
        """The gap an entry must not exceed to still enter (None while there is room)."""
        return -self._heap[0][0] if self.full and self._heap else None

    def offer(self, item: Behind) -> None:
        if self.size <= 0:
            return
        entry = (-item.gap, item.project.project_id, item)
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
        elif entry[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, entry)

    def ranked(self) -> tuple[Behind, ...]:
        return tuple(entry[2] for entry in sorted(self._heap, key=lambda e: (-e[0], e[1])))
