"""A project's skeleton, drawn first: its enterprise and place, the stage it reached, its milestones and total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gzdesk.core.demo.dates import Calendar
from gzdesk.core.demo.dice import Dice, money
from gzdesk.core.demo.list_specs import ListSpec
from gzdesk.core.demo.world import Enterprise, World

MIN_TOTAL, MAX_TOTAL = 2_000.0, 2_000_000.0


@dataclass(slots=True)
class Draft:
    """One project while it is being drawn: who, where, how far it got and when."""

    index: int
    key: bool
    enterprise: Enterprise
    district: str
    industry: str
    stage: str
    reached: int  # index in the path of the last main stage reached
    stopped: bool  # 暂缓 or 终止
    days: list[int]  # day ordinals each main stage was reached; a side state's day is appended
    texts: list[str]  # the same days as stored (some with month precision)
    total: float


def milestones(dice: Dice, calendar: Calendar, gaps: Sequence[tuple[int, int]]) -> list[int]:
    """Day ordinals of consecutive milestones ``len(gaps) + 1`` long, between 2023-01-01 and today, recent more
    often; the gaps shrink when they do not fit."""
    steps = [dice.integer(low, high) for low, high in gaps]
    room = calendar.today - calendar.earliest
    span = sum(steps)
    if span > room * 0.9:
        steps = [int(step * room * 0.9 / span) for step in steps]
        span = sum(steps)
    day = calendar.today - int((room - span) * dice.random() ** 1.6) - span
    days = [day]
    for step in steps:
        day += step
        days.append(day)
    return days


def draw_stage(spec: ListSpec, dice: Dice, key: bool) -> tuple[str, int, list[tuple[int, int]]]:
    """(stage, index of the last main stage reached, the gaps to draw) — key projects are signed at least."""
    stage = spec.stages.draw(dice)
    if key and spec.positions.get(stage, 0) < spec.first_active:
        stage = spec.path[dice.integer(spec.first_active, len(spec.path) - 1)]
    position = spec.positions.get(stage)
    if position is not None:
        return stage, position, list(spec.gaps[:position])
    reached = spec.stopped_after.draw(dice)
    return stage, reached, [*spec.gaps[:reached], (30, 300)]


def draft_project(world: World, spec: ListSpec, dice: Dice, index: int, key: bool) -> Draft:
    enterprise = dice.pick(world.enterprises)
    district = enterprise.district
    if (spec.kind == "investment" and dice.chance(0.7)) or dice.chance(0.1):
        district = world.district_draw.draw(dice)
    industry = enterprise.industry if dice.chance(0.85) else world.industry_draw.draw(dice)
    stage, reached, gaps = draw_stage(spec, dice, key)
    days = milestones(dice, world.calendar, gaps)
    texts = world.calendar.texts(dice, days)
    total = dice.lognormal(spec.total_median * (6 if key else 1), 1.25, MIN_TOTAL, MAX_TOTAL)
    return Draft(index, key, enterprise, district, industry, stage, reached, stage not in spec.positions, days, texts,
                 money(total))
