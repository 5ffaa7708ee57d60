"""The fields only 科技成果转化 (tech_transfer) records have."""

from __future__ import annotations

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dice import Dice, Weighted, money
from gzdesk.core.demo.drafts import Draft
from gzdesk.core.demo.spending import Spending
from gzdesk.core.demo.texts import product_words, project_name, subject_words
from gzdesk.core.demo.world import Row, World

RESULT_TYPES = Weighted({"发明专利": 55, "实用新型": 12, "软件著作权": 15, "技术秘密": 12, "新品种": 1, "其他": 5})
TRANSFER_MODES = Weighted({"许可": 25, "转让": 25, "合作实施": 20, "作价投资": 12, "自行实施": 12, "其他": 6})
HOLDER_TYPES = Weighted(words.HOLDER_TYPE_WEIGHTS)
MATURITY_BY_STAGE = ("初期", "初期", "中期", "中期", "成熟", "成熟")
_PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def patent_number(dice: Dice, result_type: str, year: int) -> str | None:
    """A CN patent number with its mod-11 check digit ("ZL202310123456.7"), or a software/variety number."""
    serial = f"{dice.integer(0, 9_999_999):07d}"
    if result_type in ("发明专利", "实用新型"):
        digits = f"{year}{1 if result_type == '发明专利' else 2}{serial}"
        check = sum(int(ch) * weight for ch, weight in zip(digits, _PATENT_WEIGHTS, strict=True)) % 11
        return f"ZL{digits}.{'X' if check == 10 else check}"
    if result_type == "软件著作权":
        return f"{year}SR{serial}"
    return f"CNA{year}{serial}" if result_type == "新品种" else None


def result_name(dice: Dice, result_type: str, product: str, brand: str) -> str:
    if result_type == "发明专利":
        return f"一种{product}的{dice.pick(words.PATENT_METHODS)}"
    if result_type == "实用新型":
        return f"一种{product}{dice.pick(words.UTILITY_PARTS)}"
    if result_type == "软件著作权":
        return f"{product}{dice.pick(words.SOFTWARE_KINDS)}软件V{dice.integer(1, 3)}.{dice.integer(0, 9)}"
    if result_type == "新品种":
        return f"{brand}{dice.integer(1, 30)}号"
    return f"{product}{'关键工艺' if result_type == '技术秘密' else '关键技术'}"


def tech_transfer_fields(world: World, dice: Dice, draft: Draft, settled: Spending) -> Row:
    """科技成果转化: contract from 签约, registration number from 登记认定, pilot platform from 中试."""
    reached, texts, total = draft.reached, draft.texts, draft.total
    product, result_type, holder_type = dice.pick(product_words(draft)), RESULT_TYPES.draw(dice), HOLDER_TYPES.draw(dice)
    holder = (dice.pick(world.enterprises).name if holder_type == "企业"
              else dice.pick(words.HOLDERS[holder_type]))
    signed = reached >= 1
    subject = product if dice.chance(0.6) else dice.pick(subject_words(draft))
    return {
        "name": project_name(world, dice, draft, subject, dice.pick(words.TECH_SUFFIXES)),
        "result_name": result_name(dice, result_type, product, draft.enterprise.brand),
        "result_type": result_type,
        "patent_no": patent_number(dice, result_type, int(texts[0][:4]) - dice.integer(0, 3)),
        "holder": holder, "holder_type": holder_type,
        "field": words.HIGH_TECH_FIELDS.get(draft.industry, words.HIGH_TECH_FIELDS[words.GENERIC]),
        "transfer_mode": "自行实施" if holder_type == "企业" and dice.chance(0.5) else TRANSFER_MODES.draw(dice),
        "contract_no": f"{texts[2][:4]}{draft.district}{dice.integer(0, 999_999):06d}" if reached >= 2 else None,
        "contract_amount": money(dice.lognormal(300, 1.0, 10, 20_000)) if signed else None,
        "contract_date": texts[1] if signed else None,
        "maturity": MATURITY_BY_STAGE[reached],
        "pilot_platform": dice.pick(words.PILOT_PLATFORMS) if reached >= 3 and dice.chance(0.7) else None,
        "industrial_investment": money(total * dice.between(0.5, 1.0)) if signed else None,
        "expected_output": money(total * dice.between(1.0, 4.0)),
        "team_lead": dice.pick(world.people),
    }
