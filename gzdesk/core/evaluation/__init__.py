"""Progress evaluations (进展评估): periods and 序时进度, the judgement, evaluation records with their milestones and
problems, overdue lists and the meeting statistics. Qt-free.

Modules: :mod:`.periods` (period arithmetic), :mod:`.judgement` (the rules), :mod:`.records` (add/update/delete
evaluations), :mod:`.details` (milestones and problems), :mod:`.edits` (their undoable steps), :mod:`.listing`
(timelines, rounds, overdue, lights), :mod:`.reporting` (which projects report, from when), :mod:`.stats` (meeting
numbers in SQL) reading each project's latest evaluation from :mod:`.latest_table` (kept by triggers) through
:mod:`.latest_numbers`, or from the evaluations themselves through :mod:`.latest_scan`; :mod:`.ranking` (the
most-behind lists), :mod:`.completion` (完成年度计划% against 序时), :mod:`.filters` (a list's filter as SQL),
:mod:`.changes` (what changed since the last round).
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
