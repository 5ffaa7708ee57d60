"""Progress evaluations (进展评估): periods and 序时进度, the judgement, evaluation records, overdue lists and
the meeting statistics. Qt-free.

Modules: :mod:`.periods` (period arithmetic), :mod:`.judgement` (the rules), :mod:`.records` (add/update/list
evaluations, overdue), :mod:`.stats` (meeting numbers in SQL), :mod:`.changes` (what changed since the last round).
"""

from gzdesk.core.evaluation.judgement import (
    DEFAULT_RULE,
    RULE_SETTING,
    RULES,
    Verdict,
    assess,
    judge,
    judge_points,
    judge_ratio,
)
from gzdesk.core.evaluation.periods import (
    Period,
    parse_period,
    period_containing,
    schedule_percent,
    schedule_percent_at,
)

__all__ = [
    "DEFAULT_RULE", "RULES", "RULE_SETTING", "Period", "Verdict", "assess", "judge", "judge_points", "judge_ratio",
    "parse_period", "period_containing", "schedule_percent", "schedule_percent_at",
]
