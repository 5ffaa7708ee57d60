"""Rows of the entities every list refers to: the district offices, the officials and the enterprises."""

from __future__ import annotations

from collections.abc import Iterator

from gzdesk.core.demo.dice import Dice
from gzdesk.core.demo.world import Row, World


def phone(dice: Dice) -> str:
    if dice.chance(0.5):
        return f"020-8{dice.integer(0, 9_999_999):07d}"
    return f"1{dice.pick('3589')}{dice.integer(0, 999_999_999):09d}"


def office_code(district: str) -> str:
    return f"{district}-tzj"


def office_rows(world: World, existing: set[str]) -> Iterator[Row]:
    """The 11 district investment-promotion bureaus (offices already in the store are left alone)."""
    dice = Dice(f"{world.seed}:office")
    for code, name in world.districts.items():
        record_id = dice.uuid()
        if office_code(code) not in existing:
            yield {"id": record_id, "owner_office": office_code(code), "code": office_code(code),
                   "name": f"{name}投资促进局", "district": code}


def official_rows(world: World) -> Iterator[Row]:
    dice = Dice(f"{world.seed}:official")
    for official in world.officials:
        yield {"id": dice.uuid(), "name": official.name, "title": official.title,
               "industries": "、".join(world.industries[code] for code in official.industries),
               "phone": f"020-8{dice.integer(0, 9_999_999):07d}"}


def enterprise_rows(world: World) -> Iterator[Row]:
    dice = Dice(f"{world.seed}:enterprise")
    for e in world.enterprises:
        yield {"id": dice.uuid(), "owner_office": office_code(e.district), "name": e.name,
               "credit_code": e.credit_code, "district": e.district, "industry": e.industry,
               "tags": list(e.tags) or None, "key_enterprise": e.key, "official": e.official,
               "contact": dice.pick(world.people), "phone": phone(dice)}
