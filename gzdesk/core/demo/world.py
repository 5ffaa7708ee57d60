"""The world the rows are drawn from: reference data, made-up people, leading officials and major enterprises."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core.demo import names as words
from gzdesk.core.demo.dates import Calendar
from gzdesk.core.demo.dice import Dice, Weighted
from gzdesk.core.demo.schedule import schedule_percent
from gzdesk.core.store import Store
from gzdesk.core.validate import CREDIT_CODE_CHARSET, credit_code_check_digit

Row = dict[str, object]  # one record as handed to ``Store.create_many``

KEY_ENTERPRISES = 90
MAX_ENTERPRISES = 500
OFFICIALS = 14


@dataclass(frozen=True)
class Official:
    name: str
    title: str
    industries: tuple[str, ...]  # codes


@dataclass(frozen=True)
class Enterprise:
    name: str
    brand: str
    credit_code: str
    district: str
    industry: str
    tags: tuple[str, ...]
    key: bool
    official: str | None


@dataclass(frozen=True)
class World:
    """Everything the row generators share: reference data, pools of people, officials and enterprises."""

    seed: int
    calendar: Calendar
    districts: Mapping[str, str]  # code → 天河区
    district_draw: Weighted[str]
    industries: Mapping[str, str]  # code → name
    industry_draw: Weighted[str]
    people: tuple[str, ...]
    officials: tuple[Official, ...]
    supporters: Mapping[str, tuple[str, ...]]  # industry code → official names
    enterprises: tuple[Enterprise, ...]
    months: tuple[int, ...]  # the evaluated months of today's year
    streets: Mapping[str, tuple[str, ...]]  # district code → "黄埔区科学大道" …
    lead_units: Mapping[tuple[str, str], tuple[str, ...]]  # (list, district code) → "黄埔区投资促进局" …
    schedule: tuple[float, ...]  # 序时进度 at the end of each month (index 1–12)


def evaluated_months(today: dt.date, cap: int | None) -> tuple[int, ...]:
    """The months of today's year up to the last completed one; the latest ``cap`` of them when given."""
    last = today.month - 1
    first = 1 if cap is None else max(1, last - cap + 1)
    return tuple(range(first, last + 1))


def build_world(store: Store, *, seed: int, today: dt.date, enterprises: int,
                evaluation_months: int | None) -> World:
    dice = Dice(f"{seed}:world")
    reference = store.reference
    districts = {code: d.name_zh for code, d in reference.districts.items()}
    industries = {code: i.name_zh for code, i in reference.industries.items() if not i.retired}
    industry_draw = Weighted({code: words.INDUSTRY_WEIGHTS.get(code, 2) for code in industries})
    district_draw = Weighted({code: words.DISTRICT_WEIGHTS.get(code, 3) for code in districts})
    people = person_pool(dice, 3000 + OFFICIALS)
    officials = make_officials(dice, tuple(industries), people[:OFFICIALS])
    people = people[OFFICIALS:]
    supporters = {code: tuple(o.name for o in officials if code in o.industries) for code in industries}
    pool = make_enterprises(dice, enterprises, district_draw, industry_draw, supporters)
    schedule = tuple(schedule_percent(today.year, month) if month else 0.0 for month in range(13))
    streets = {code: tuple(name + road for road in words.ROADS.get(code, ("",))) for code, name in districts.items()}
    lead_units = {(kind, code): tuple(unit.format(district=name) for unit in units)
                  for kind, units in words.LEAD_UNITS.items() for code, name in districts.items()}
    return World(seed, Calendar(today), districts, district_draw, industries, industry_draw, people, officials,
                 supporters, pool, evaluated_months(today, evaluation_months), streets, lead_units, schedule)


def person_pool(dice: Dice, size: int) -> tuple[str, ...]:
    """``size`` distinct made-up Chinese personal names."""
    given = words.GIVEN_CHARS
    names: dict[str, None] = {}
    while len(names) < size:
        name = dice.pick(words.SURNAMES) + dice.pick(given) + (dice.pick(given) if dice.chance(0.7) else "")
        names[name] = None
    return tuple(names)


def make_officials(dice: Dice, industries: Sequence[str], people: Sequence[str]) -> tuple[Official, ...]:
    """14 leading officials with 2–3 industries each; every industry has at least one official."""
    order = list(industries)
    dice.rng.shuffle(order)
    cycle = itertools.cycle(order)
    officials = []
    for index in range(OFFICIALS):
        wanted = min(len(order), dice.integer(2, 3))
        chosen: list[str] = []
        while len(chosen) < wanted:
            code = next(cycle)
            if code not in chosen:
                chosen.append(code)
        officials.append(Official(people[index], words.OFFICIAL_TITLES[index], tuple(chosen)))
    return tuple(officials)


def credit_code(dice: Dice, district: str) -> str:
    """A valid 18-character unified social credit code of an enterprise registered in ``district``."""
    charset = CREDIT_CODE_CHARSET
    if dice.chance(0.6):
        organisation = "MA" + "".join(dice.pick(charset) for _ in range(7))
    else:
        organisation = "".join(dice.pick(charset[:10]) for _ in range(8)) + dice.pick(charset)
    first17 = "91" + district + organisation
    return first17 + credit_code_check_digit(first17)


def enterprise_name(dice: Dice, brand: str, industry: str, foreign: bool) -> str:
    word = dice.pick(words.ENTERPRISE_WORDS.get(industry, words.ENTERPRISE_WORDS[words.GENERIC]))
    if foreign:
        return f"{brand}{word}（广州）有限公司"
    return f"广州{brand}{word}{'股份有限公司' if dice.chance(0.2) else '有限公司'}"


def make_enterprises(dice: Dice, count: int, district_draw: Weighted[str], industry_draw: Weighted[str],
                     supporters: Mapping[str, tuple[str, ...]]) -> tuple[Enterprise, ...]:
    """``count`` made-up major enterprises with unique names and brands; about 90 in 500 are key enterprises with
    a supporting official."""
    chars = "".join(dict.fromkeys(words.BRAND_CHARS))
    brands = [a + b for a in chars for b in chars if a != b]
    dice.rng.shuffle(brands)
    keys = set(dice.rng.sample(range(count), min(count, round(count * KEY_ENTERPRISES / MAX_ENTERPRISES))))
    pool = []
    for index in range(count):
        district, industry, brand = district_draw.draw(dice), industry_draw.draw(dice), brands[index]
        tags = tuple(tag for tag, rate in words.ENTERPRISE_TAG_RATES
                     if dice.chance(rate * (3 if index in keys else 1)))
        name = enterprise_name(dice, brand, industry, "外资" in tags and dice.chance(0.5))
        official = dice.pick(supporters[industry]) if index in keys and supporters.get(industry) else None
        pool.append(Enterprise(name, brand, credit_code(dice, district), district, industry, tags, index in keys,
                               official))
    return tuple(pool)
