"""The wording of project records: names, progress sentences, sectors and planned dates as clerks write them."""

from __future__ import annotations

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dice import Dice
from gzdesk.core.demo.drafts import Draft
from gzdesk.core.demo.world import World


def planned_text(world: World, dice: Dice, day: int) -> str:
    """A planned date as stored: often month-only ("2027-03")."""
    return world.calendar.iso(day, month_only=dice.chance(0.45))


def progress_sentence(dice: Dice, stage: str, stage_date: str, *, active: bool) -> str:
    """最新进展: a short sentence for the stage; an active project's is sometimes followed by the next step."""
    template = dice.pick(words.PROGRESS[stage])
    text = fill_in(dice, template, f"{stage_date[:4]}年{int(stage_date[5:7])}月") if "{" in template else template
    return f"{text}；{dice.pick(words.NEXT_STEPS)}" if active and dice.chance(0.3) else text


def fill_in(dice: Dice, template: str, month: str) -> str:
    return template.format(ym=month, n=dice.integer(2, 12), p=dice.integer(60, 98))


def project_name(world: World, dice: Dice, draft: Draft, subject: str, suffix: str) -> str:
    """Brand + (place) + subject + suffix, sometimes with a phase: "岚舟黄埔芯片生产基地项目（一期）"."""
    place, where = "", dice.random()
    if where < 0.15:
        place = dice.pick(words.PLACE_WORDS)
    elif where < 0.5:
        place = dice.pick(words.LOCAL_PLACES.get(draft.district, (world.districts[draft.district][:2],)))
    if subject.endswith("中心") and "中心" in suffix:
        suffix = "建设项目"  # not "数据中心研发中心项目"
    phase = dice.random()
    tail = "（一期）" if phase < 0.15 else "（二期）" if phase < 0.22 else "（三期）" if phase < 0.24 else ""
    return f"{draft.enterprise.brand}{place}{subject}{suffix}{tail}"


def subject_words(draft: Draft) -> tuple[str, ...]:
    return words.PROJECT_WORDS.get(draft.industry, words.PROJECT_WORDS[words.GENERIC])


def product_words(draft: Draft) -> tuple[str, ...]:
    return words.PRODUCTS.get(draft.industry, words.PRODUCTS[words.GENERIC])


def sector(dice: Dice, industry: str) -> str:
    if industry in words.SERVICE_INDUSTRIES or (industry == "C07" and dice.chance(0.5)):
        return "服务业"
    return "工业"


def planned_dates(world: World, dice: Dice, draft: Draft, start: int) -> tuple[str, int]:
    """(planned start as stored, its day): near the actual start when it happened, otherwise ahead."""
    if draft.reached >= start:
        day = draft.days[start] + dice.integer(-90, 45)
    else:
        day = draft.days[draft.reached] + dice.integer(60, 420)
    return planned_text(world, dice, day), day
