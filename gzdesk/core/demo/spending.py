"""What a drafted project has spent and plans this year, and the status (and lag) that follows."""

from __future__ import annotations

from dataclasses import dataclass

from gzdesk.core.demo.dice import Dice, Weighted, money
from gzdesk.core.demo.drafts import Draft
from gzdesk.core.demo.list_specs import ListSpec
from gzdesk.core.demo.schedule import judge
from gzdesk.core.demo.world import World

LAG_CLASSES = {"ahead": 10, "normal": 75, "behind": 10, "far_behind": 5}
OVERDUE_SHARE = 0.05
LAG = Weighted(LAG_CLASSES)


@dataclass(frozen=True)
class Spending:
    """What a project has spent, its plan for this year, and the status that follows."""

    completed: float | None
    annual_plan: float | None
    status: str
    done_ytd: float = 0.0
    first_month: int = 0
    last_month: int = 0


def settle(world: World, spec: ListSpec, dice: Dice, draft: Draft) -> Spending:
    """Completed investment, annual plan and status; for an evaluated project, the year so far ends in the
    judgement its status shows (15 % behind)."""
    low, high = spec.done_share[draft.reached]
    share, total = dice.between(low, high), draft.total
    if draft.stopped:
        return Spending(money(total * share * dice.between(0.3, 1.0)) or None, None, "停滞")
    if draft.reached > spec.last_active:
        return Spending(money(total * share), None, "已完成")
    if draft.reached < spec.first_active:
        return Spending(None, None, "正常推进" if dice.chance(0.9) else "停滞")
    since = world.calendar.month_this_year(draft.days[spec.first_active])
    before = 0.0 if since else total * share
    annual = round(min(total * dice.between(0.08, 0.3), (total - before) / 1.3), 1)
    months = world.months
    last = months[-1] - (1 if dice.chance(OVERDUE_SHARE) else 0) if months else 0
    first = max(months[0] if months else 1, since)
    if first > last:
        ytd = round(annual * dice.between(0.3, 1.0) * (world.calendar.today - world.calendar.year_start) / 365, 1)
        status = "正常推进" if dice.chance(0.85) else ("进度滞后" if dice.chance(0.8) else "停滞")
        return Spending(round(min(total, before + ytd), 1), annual, status)
    schedule = world.schedule[last]
    percent = lag_target(LAG.draw(dice), schedule, dice)
    ytd = round(annual * percent / 100, 1)
    judgement, _ = judge(ytd / annual * 100, schedule)
    status = "正常推进" if judgement in ("超前", "正常") else "进度滞后"
    return Spending(round(max(0.0, min(before, total - ytd)) + ytd, 1), annual, status, ytd, first, last)


def lag_target(lag_class: str, schedule: float, dice: Dice) -> float:
    """Completion % of the annual plan for a lag class, against 序时进度 ``schedule`` (never below 0)."""
    if lag_class == "ahead":
        return schedule + dice.between(11, 25)
    if lag_class == "behind":
        return max(0.0, schedule - dice.between(11, 29))
    if lag_class == "far_behind":
        return max(0.0, schedule - dice.between(31, 60))
    return max(0.0, schedule + dice.between(-9, 8))
