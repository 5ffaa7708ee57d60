"""序时进度 (the share of the year elapsed) and the default judgement of a project's progress against it.

The rule lives in :mod:`gzdesk.core.evaluation` (one judgement rule for the app and the demo); this module
re-exports it in the form the demo generator uses.
"""

from __future__ import annotations

from gzdesk.core.evaluation.judgement import judge_points as judge
from gzdesk.core.evaluation.periods import month_schedule_percent as schedule_percent

__all__ = ["judge", "schedule_percent"]
