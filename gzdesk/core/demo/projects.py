"""Project records of the three lists, drawn lazily from one stream per list, and the plans of their evaluations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dice import Dice
from gzdesk.core.demo.drafts import Draft, draft_project
from gzdesk.core.demo.expansion import expansion_fields
from gzdesk.core.demo.investment import investment_fields
from gzdesk.core.demo.list_specs import ListSpec
from gzdesk.core.demo.shared_entities import office_code, phone
from gzdesk.core.demo.spending import Spending, settle
from gzdesk.core.demo.tech_transfer import tech_transfer_fields
from gzdesk.core.demo.texts import progress_sentence, sector
from gzdesk.core.demo.world import Row, World

KEY_PROJECTS = 90  # the city's 90 key projects, all on the investment list (level 市重点)


@dataclass(frozen=True)
class Plan:
    """What the evaluation history of one project must add up to (its last evaluation matches the record)."""

    kind: str
    project_id: str
    office: str
    reporter: str
    stage: str
    previous_stage: str
    stage_month: int  # month of this year the stage was reached; 0 when earlier
    first_month: int
    last_month: int
    annual_plan: float
    done_ytd: float
    before_year: float
    funds: float | None


@dataclass(frozen=True)
class Project:
    row: Row
    plan: Plan | None


def list_sizes(projects: int) -> dict[str, int]:
    """About 50 % investment, 20 % tech_transfer, 30 % expansion, adding up to ``projects``."""
    investment = int(projects * 0.5 + 0.5)
    tech_transfer = min(projects - investment, int(projects * 0.2 + 0.5))
    return {"investment": investment, "tech_transfer": tech_transfer,
            "expansion": projects - investment - tech_transfer}


def common_fields(world: World, spec: ListSpec, dice: Dice, draft: Draft, settled: Spending, project_id: str) -> Row:
    """The fields every list shares (DOMAIN.md), consistent with the draft and its money."""
    district, enterprise, stage_date = draft.district, draft.enterprise, draft.texts[-1]
    active = spec.first_active <= draft.reached <= spec.last_active and not draft.stopped
    supporters = world.supporters.get(draft.industry, ())
    return {
        "id": project_id, "owner_office": office_code(district),
        "code": f"{spec.prefix}-{draft.texts[0][:4]}-{draft.index + 1:07d}",
        "district": district, "park": dice.pick(words.PARKS[district]) if district in words.PARKS else None,
        "location": f"{dice.pick(world.streets[district])}{dice.integer(1, 399)}号",
        "industry": draft.industry, "sector": sector(dice, draft.industry),
        "enterprise": enterprise.name, "credit_code": enterprise.credit_code, "total_investment": draft.total,
        "stage": draft.stage, "stage_date": stage_date,
        "level": "市重点" if draft.key else spec.levels.draw(dice),
        "lead_unit": dice.pick(world.lead_units[spec.kind, district]),
        "owner_person": dice.pick(world.people), "contact": dice.pick(world.people), "phone": phone(dice),
        "official": dice.pick(supporters) if supporters and (draft.key or dice.chance(0.4)) else None,
        "status": settled.status, "latest_progress": progress_sentence(dice, draft.stage, stage_date, active=active),
        "completed_investment": settled.completed, "annual_plan": settled.annual_plan,
        "issues": (dice.pick(words.ISSUES) if active and dice.chance(0.8 if settled.status == "进度滞后" else 0.2)
                   else None),
        "notes": "市重点项目" if draft.key else dice.pick(words.NOTES) if dice.chance(0.05) else None,
    }


SPECIFIC_FIELDS = {"investment": investment_fields, "tech_transfer": tech_transfer_fields,
                   "expansion": expansion_fields}


def make_project(world: World, spec: ListSpec, dice: Dice, index: int, key: bool) -> Project:
    """One project record of ``spec``'s list (its id is the first draw) and the plan of its evaluations."""
    project_id = dice.uuid()
    draft = draft_project(world, spec, dice, index, key)
    settled = settle(world, spec, dice, draft)
    row = common_fields(world, spec, dice, draft, settled, project_id)
    row.update(SPECIFIC_FIELDS[spec.kind](world, dice, draft, settled))
    if not settled.last_month or settled.annual_plan is None or settled.completed is None:
        return Project(row, None)
    funds = row.get("funds_arrived")
    plan = Plan(spec.kind, project_id, office_code(draft.district), str(row["contact"]), draft.stage,
                spec.path[draft.reached - 1], world.calendar.month_this_year(draft.days[draft.reached]),
                settled.first_month, settled.last_month, settled.annual_plan, settled.done_ytd,
                settled.completed - settled.done_ytd, funds if isinstance(funds, float) else None)
    return Project(row, plan)


def project_stream(world: World, spec: ListSpec, count: int, keys: frozenset[int] = frozenset()) -> Iterator[Project]:
    """``count`` projects of one list, drawn lazily from the list's own stream (the same every time)."""
    dice = Dice(f"{world.seed}:{spec.kind}")
    for index in range(count):
        yield make_project(world, spec, dice, index, index in keys)


def key_projects(seed: int, investment: int) -> frozenset[int]:
    """The indices of the investment records that are the city's key projects (市重点)."""
    return frozenset(Dice(f"{seed}:key").rng.sample(range(investment), min(KEY_PROJECTS, investment)))
