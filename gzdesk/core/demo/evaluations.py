"""Monthly evaluations of the active projects: cumulative sums that end where each project record stands."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dice import Dice
from gzdesk.core.demo.projects import Plan
from gzdesk.core.demo.schedule import judge
from gzdesk.core.demo.texts import fill_in
from gzdesk.core.demo.world import Row, World


def evaluation_rows(world: World, plans: Iterable[Plan]) -> Iterator[Row]:
    """Monthly evaluations for each plan: cumulative sums that end where the project record stands."""
    dice = Dice(f"{world.seed}:evaluation")
    for plan in plans:
        yield from plan_evaluations(world, dice, plan)


def month_weights(dice: Dice, months: int) -> list[float]:
    """How the year's work spreads over ``months`` months (some months nothing is done); never all zero."""
    weights = [0.0 if dice.chance(0.08) else dice.between(0.3, 1.7) for _ in range(months)]
    if not any(weights):
        weights[-1] = 1.0
    return list(itertools.accumulate(weights))


def reported_on(world: World, dice: Dice, month: int) -> str:
    """The first days of the month after ``month`` (a few later), never after today."""
    first = dt.date(world.calendar.year, month + 1, 1).toordinal()
    late = dice.integer(1, 6) if dice.chance(0.9) else dice.integer(7, 15)
    return world.calendar.iso(min(world.calendar.today, first + late - 1))


def plan_evaluations(world: World, dice: Dice, plan: Plan) -> Iterator[Row]:
    months = range(plan.first_month, plan.last_month + 1)
    cumulative = month_weights(dice, len(months))
    year, planned, since_final = world.calendar.year, round(plan.annual_plan / 12, 1), plan.before_year + plan.done_ytd
    done_before, stage_before = 0.0, plan.stage if plan.stage_month < plan.first_month else plan.previous_stage
    for month, weight in zip(months, cumulative, strict=True):
        ytd = round(plan.done_ytd * weight / cumulative[-1], 1)
        done, since_start = round(ytd - done_before, 1), round(plan.before_year + ytd, 1)
        stage = plan.stage if plan.stage_month <= month else plan.previous_stage
        judgement, light = judge(ytd / plan.annual_plan * 100, world.schedule[month])
        sentence = fill_in(dice, dice.pick(words.PROGRESS[stage]), f"{year}年{month}月")
        yield {
            "id": dice.uuid(), "owner_office": plan.office, "project_kind": plan.kind, "project_id": plan.project_id,
            "period": f"{year}-{month:02d}", "reported_on": reported_on(world, dice, month),
            "reporter": plan.reporter, "stage_from": stage_before, "stage_to": stage,
            "planned_this_period": planned, "done_this_period": done, "annual_plan": plan.annual_plan,
            "done_ytd": ytd, "done_since_start": since_start,
            "funds_arrived": None if plan.funds is None or not since_final
            else round(plan.funds * since_start / since_final, 1),
            "progress_text": f"{sentence}，本月完成投资{done:.1f}万元" if done else f"{sentence}，本月未形成新增投资",
            "next_steps": dice.pick(words.NEXT_STEPS), "judgement": judgement, "light": light,
        }
        done_before, stage_before = ytd, stage
