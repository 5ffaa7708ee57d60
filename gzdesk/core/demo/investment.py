"""The fields only 招商引资 (investment) records have."""

from __future__ import annotations

import math

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dice import Dice, Weighted, money
from gzdesk.core.demo.drafts import Draft
from gzdesk.core.demo.spending import Spending
from gzdesk.core.demo.texts import planned_dates, planned_text, project_name, subject_words
from gzdesk.core.demo.world import Row, World

PROJECT_TYPES = Weighted({"新引进": 60, "增资": 12, "总部": 16, "平台": 12})
ORIGINS = Weighted({"境外": 8, "港澳台": 10, "省外": 40, "省内市外": 17, "市内": 25})
SIGNING_FORMS = Weighted({"投资协议": 50, "合同": 15, "框架协议": 25, "意向": 10})


def investment_fields(world: World, dice: Dice, draft: Draft, settled: Spending) -> Row:
    """招商引资: signed_on from 签约, registration from 注册, land from 供地, actual start from 开工 …"""
    reached, texts, brand, total = draft.reached, draft.texts, draft.enterprise.brand, draft.total
    project_type, origin = PROJECT_TYPES.draw(dice), ORIGINS.draw(dice)
    subject = dice.pick(subject_words(draft))
    agreed = money(total * (1.0 if dice.chance(0.7) else dice.between(0.6, 1.0))) if reached >= 2 else None
    registered = reached >= 3 and agreed is not None
    output = money(total * dice.between(0.8, 3.0)) if reached >= 1 else None
    planned_start, start_day = planned_dates(world, dice, draft, 5) if reached >= 2 else (None, 0)
    abroad = origin in ("境外", "港澳台")
    return {
        "name": project_name(world, dice, draft, subject, dice.pick(words.INVESTMENT_SUFFIXES[project_type])),
        "referrer": dice.pick(words.REFERRERS),
        "investor": brand + dice.pick(words.FOREIGN_INVESTOR_SUFFIXES if abroad else words.INVESTOR_SUFFIXES),
        "investor_origin": origin, "foreign": abroad or "外资" in draft.enterprise.tags,
        "tags": list(draft.enterprise.tags) or None, "project_type": project_type,
        "agreed_investment": agreed,
        "phase1_investment": money(agreed * dice.between(0.3, 0.6)) if agreed and dice.chance(0.4) else None,
        "signing_form": SIGNING_FORMS.draw(dice) if agreed else None,
        "signed_on": texts[2] if agreed else None,
        "registered_name": (draft.enterprise.name if dice.chance(0.6) else f"广州{brand}{subject}有限公司")
        if registered else None,
        "registered_capital": money(agreed * dice.between(0.05, 0.3)) if registered and agreed else None,
        "registered_on": texts[3] if registered else None,
        "land_area": round(dice.lognormal(60, 0.7, 8, 600), 1)
        if reached >= 4 and project_type in ("新引进", "增资") else None,
        "planned_start": planned_start, "actual_start": texts[5] if reached >= 5 else None,
        "planned_production": planned_text(world, dice, start_day + dice.integer(300, 900))
        if planned_start else None,
        "actual_production": texts[6] if reached >= 6 else None,
        "funds_arrived": min(agreed, money((settled.completed or 0.0) * dice.between(0.9, 1.3)))
        if registered and agreed else None,
        "expected_output": output, "expected_tax": money(output * dice.between(0.03, 0.08)) if output else None,
        "jobs": int(min(5000, max(20, math.sqrt(total) * dice.between(0.5, 2.0)))),
        "follow_up_by": dice.pick(world.people),
        "stop_reason": dice.pick(words.STOP_REASONS) if draft.stopped else None,
    }
