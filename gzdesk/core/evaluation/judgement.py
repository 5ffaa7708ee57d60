"""The judgement (进度评价) and light (灯色) of a project's progress against 序时进度.

completion = done_ytd / annual_plan × 100 (completion % of the annual plan), compared with 序时进度 at the period
end. Two rules, chosen per office (the database's setting :data:`RULE_SETTING`):

* ``points`` (default): gap = completion − 序时. gap ≥ 10 → 超前/绿; −10 < gap < 10 → 正常/绿;
  −30 ≤ gap ≤ −10 → 滞后/黄; gap < −30 → 严重滞后/红. (DOMAIN.md: "10–30 points below → yellow; more than 30
  below → red"; being less than 10 below still counts as on track, as in the demo generator.)
* ``ratio``: r = completion / 序时. r ≥ 1.1 → 超前/绿 (ahead by a tenth); 0.8 ≤ r < 1.1 → 正常/绿;
  0.6 ≤ r < 0.8 → 滞后/黄; r < 0.6 → 严重滞后/红.

A missing or zero annual plan, a missing done_ytd or a 序时 of 0 cannot be judged: :class:`Verdict` then carries a
``reason`` code instead of a judgement, and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused
from gzdesk.core.evaluation.periods import Period, schedule_percent

RuleName = Literal["points", "ratio"]
RULES: tuple[RuleName, ...] = ("points", "ratio")
DEFAULT_RULE: RuleName = "points"
RULE_SETTING = "evaluation_rule"

NO_PLAN = "evaluation.no_plan"
NO_DONE = "evaluation.no_done"
NOT_STARTED = "evaluation.not_started"

messages.register({
    NO_PLAN: ("无年度计划投资（或为 0），无法评价", "No annual plan (or zero): cannot judge"),
    NO_DONE: ("未填年初至今累计完成投资，无法评价", "Investment done this year is missing: cannot judge"),
    NOT_STARTED: ("报告期在项目开始之前，无法评价", "The period ends before the project starts: cannot judge"),
    "evaluation.bad_rule": ("评价规则“{value}”无效：应为 points 或 ratio", "Rule {value!r} is unknown: use points or ratio"),
})


@dataclass(frozen=True)
class Verdict:
    """A computed judgement: ``judgement`` and ``light`` are None exactly when ``reason`` (a message code) says why
    the progress cannot be judged. ``completion`` and ``schedule`` are percentages (None when unknown)."""

    judgement: str | None
    light: str | None
    completion: float | None
    schedule: float | None
    reason: str | None = None

    @property
    def judged(self) -> bool:
        return self.reason is None

    @property
    def gap(self) -> float | None:
        """completion − 序时 in percentage points (negative = behind)."""
        if self.completion is None or self.schedule is None:
            return None
        return self.completion - self.schedule


def judge_points(completion: float, schedule: float) -> tuple[str, str]:
    """The default ``points`` rule → (judgement, light); see the module docstring."""
    gap = completion - schedule
    if gap >= 10:
        return "超前", "绿"
    if gap > -10:
        return "正常", "绿"
    if gap >= -30:
        return "滞后", "黄"
    return "严重滞后", "红"


def judge_ratio(completion: float, schedule: float) -> tuple[str, str]:
    """The ``ratio`` rule → (judgement, light); ``schedule`` must be positive."""
    ratio = completion / schedule
    if ratio >= 1.1:
        return "超前", "绿"
    if ratio >= 0.8:
        return "正常", "绿"
    if ratio >= 0.6:
        return "滞后", "黄"
    return "严重滞后", "红"


def check_rule(value: object) -> RuleName:
    """``value`` as a rule name; raises :class:`InputRefused` (``evaluation.bad_rule``) for anything else."""
    for rule in RULES:
        if value == rule:
            return rule
    raise InputRefused("evaluation.bad_rule", value=str(value))


def judge(completion: float, schedule: float, rule: RuleName = DEFAULT_RULE) -> tuple[str, str]:
    """(judgement, light) of ``completion`` % against ``schedule`` % (序时 > 0) under ``rule``."""
    return judge_ratio(completion, schedule) if rule == "ratio" else judge_points(completion, schedule)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def assess(*, annual_plan: object, done_ytd: object, period: Period | str, start_month: int = 1,
           rule: RuleName = DEFAULT_RULE) -> Verdict:
    """The verdict for one evaluation's numbers; never raises for missing or zero numbers (see :class:`Verdict`).

    ``start_month``: the project's start month when it starts within the period's year (序时 counts from there).
    """
    schedule = schedule_percent(period, start_month=start_month)
    plan, done = _number(annual_plan), _number(done_ytd)
    if plan is None or plan <= 0:
        return Verdict(None, None, None, schedule, NO_PLAN)
    if done is None:
        return Verdict(None, None, None, schedule, NO_DONE)
    completion = done / plan * 100
    if schedule <= 0:
        return Verdict(None, None, completion, schedule, NOT_STARTED)
    judgement, light = judge(completion, schedule, rule)
    return Verdict(judgement, light, completion, schedule)
