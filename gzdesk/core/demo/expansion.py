"""The fields only 增资扩产 (expansion) records have."""

from __future__ import annotations

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dice import Dice, Weighted, money
from gzdesk.core.demo.drafts import Draft
from gzdesk.core.demo.spending import Spending
from gzdesk.core.demo.texts import planned_dates, planned_text, product_words, project_name, subject_words
from gzdesk.core.demo.world import Row, World

EXPANSION_TYPES = Weighted({"技术改造": 35, "新增产线": 30, "增资": 12, "新建厂房": 13, "零增地提容": 10})
LAND_MODES = {"新建厂房": "新增用地", "零增地提容": "提容"}


def expansion_fields(world: World, dice: Dice, draft: Draft, settled: Spending) -> Row:
    """增资扩产: filing from 备案, actual start from 开工, actual production from 竣工投产."""
    reached, texts, total = draft.reached, draft.texts, draft.total
    expansion_type, product = EXPANSION_TYPES.draw(dice), dice.pick(product_words(draft))
    land_mode = LAND_MODES.get(expansion_type, "现有厂房")
    planned_start, start_day = planned_dates(world, dice, draft, 2)
    completion_day = start_day + dice.integer(180, 720)
    output = money(total * dice.between(1.0, 3.0))
    content = dice.pick(words.CONTENTS).format(product=product, equipment=dice.pick(words.EQUIPMENT),
                                               n=dice.integer(1, 8), m=dice.integer(10, 300),
                                               area=round(dice.between(0.5, 8.0), 1))
    return {
        "name": project_name(world, dice, draft, product if dice.chance(0.6) else dice.pick(subject_words(draft)),
                             dice.pick(words.EXPANSION_SUFFIXES[expansion_type])),
        "scale": "规上" if dice.chance(0.85) else "规下",
        "current_output": money(total * dice.between(2.0, 20.0)),
        "expansion_type": expansion_type, "content": content, "new_investment": total,
        "equipment_investment": money(total * dice.between(0.3, 0.8)),
        "filing_no": f"{texts[1][2:4]}{texts[1][5:7]}-{draft.district}-04-02-{dice.integer(0, 999_999):06d}"
        if reached >= 1 else None,
        "filed_on": texts[1] if reached >= 1 else None,
        "land_mode": land_mode,
        "land_area": round(dice.lognormal(30, 0.7, 3, 300), 1) if land_mode == "新增用地" else None,
        "planned_start": planned_start, "actual_start": texts[2] if reached >= 2 else None,
        "planned_completion": planned_text(world, dice, completion_day),
        "planned_production": planned_text(world, dice, completion_day + dice.integer(0, 90)),
        "actual_production": texts[4] if reached >= 4 else None,
        "new_output": output, "new_tax": money(output * dice.between(0.03, 0.07)),
        "policy_support": dice.pick(words.POLICY_SUPPORT) if dice.chance(0.5) else None,
    }
