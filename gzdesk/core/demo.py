"""Realistic Guangzhou sample data: offices, officials, enterprises, the three project lists and evaluations.

:func:`fill_demo` is the only entry point. Everything is drawn from ``random.Random`` streams seeded from ``seed``
(one stream per list, so a list can be generated again identically), rows are generated lazily and handed to
``Store.create_many`` as iterables, so memory stays bounded for millions of projects. All names of enterprises,
people and institutions are made up (:mod:`gzdesk.core.demo_names`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from gzdesk.core import batches, messages, schema
from gzdesk.core import demo_names as words
from gzdesk.core.errors import InputRefused
from gzdesk.core.progress import NoProgress, Progress
from gzdesk.core.store import Store
from gzdesk.core.validate import CREDIT_CODE_CHARSET, credit_code_check_digit

messages.register({
    "demo.already_filled": ("数据库中已有种子 {seed} 的示例数据，请换一个种子", "This database already holds the "
                            "sample data of seed {seed}; use another seed"),
    "demo.negative": ("项目数量不能为负数", "The number of projects cannot be negative"),
})

__all__ = ["DemoReport", "fill_demo", "judge", "schedule_percent"]

T = TypeVar("T")
_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))  # the variant and version bits of a UUID
_UUID_SET = (0x8000 << 48) | (4 << 76)  # RFC 4122 variant, version 4
Row = dict[str, object]

KEY_PROJECTS = 90  # the city's 90 key projects, all on the investment list (level 市重点)
KEY_ENTERPRISES = 90
MAX_ENTERPRISES = 500
OFFICIALS = 14
EARLIEST = dt.date(2023, 1, 1)
LAG_CLASSES = {"ahead": 10, "normal": 75, "behind": 10, "far_behind": 5}
OVERDUE_SHARE = 0.05
MIN_TOTAL, MAX_TOTAL = 2_000.0, 2_000_000.0


@dataclass(frozen=True)
class DemoReport:
    """What :func:`fill_demo` added: records per entity and the batch id stamped on their audit entries."""

    batch: str
    office: int
    official: int
    enterprise: int
    investment: int
    tech_transfer: int
    expansion: int
    evaluation: int

    @property
    def projects(self) -> int:
        return self.investment + self.tech_transfer + self.expansion

    @property
    def counts(self) -> dict[str, int]:
        """Records added per entity key ("office", "investment", … "evaluation")."""
        return {key: getattr(self, key) for key in ("office", "official", "enterprise", *schema.LIST_KEYS,
                                                     "evaluation")}


# ----------------------------------------------------------------------------------------------- randomness
class Dice:
    """Fast draws from one ``random.Random``; the seed fixes every draw."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.random = self.rng.random

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def between(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()

    def integer(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` inclusive."""
        return low + int((high - low + 1) * self.random())

    def lognormal(self, median: float, sigma: float, low: float, high: float) -> float:
        return min(high, max(low, median * math.exp(sigma * self.rng.gauss(0.0, 1.0))))

    def uuid(self) -> str:
        """``str(uuid.UUID(int=rng.getrandbits(128), version=4))``, spelt out (three times faster)."""
        value = self.rng.getrandbits(128) & _UUID_CLEAR | _UUID_SET
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class Weighted(Generic[T]):
    """A weighted choice among fixed items, drawn by bisection."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.items = tuple(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def draw(self, dice: Dice) -> T:
        return self.items[bisect.bisect_right(self.cumulative, dice.random() * self.total)]


def money(value: float) -> float:
    """万元 as clerks write them: whole hundreds above 10,000, whole tens above 1,000, else one decimal."""
    if value >= 10_000:
        return round(value, -2)
    if value >= 1_000:
        return round(value, -1)
    return round(value, 1)


# ------------------------------------------------------------------------------------------------- calendar
class Calendar:
    """ISO strings for day ordinals from 2020 to five years after ``today`` (a table look-up, not strftime)."""

    def __init__(self, today: dt.date) -> None:
        self.today = today.toordinal()
        self.earliest = EARLIEST.toordinal()
        self.base = dt.date(2020, 1, 1).toordinal()
        self.days = tuple(dt.date.fromordinal(day).isoformat() for day in range(self.base, self.today + 1900))
        self.year = today.year
        self.year_start = dt.date(today.year, 1, 1).toordinal()

    def iso(self, day: int, *, month_only: bool = False) -> str:
        text = self.days[min(max(day, self.base), self.base + len(self.days) - 1) - self.base]
        return text[:7] if month_only else text

    def texts(self, dice: Dice, days: Sequence[int]) -> list[str]:
        """Milestone days (2023 … today) as stored: one in ten with month precision only."""
        table, base, random = self.days, self.base, dice.random
        return [table[day - base][:7] if random() < 0.1 else table[day - base] for day in days]

    def month_this_year(self, day: int) -> int:
        """1–12 when ``day`` falls in today's year, 0 when earlier."""
        return int(self.days[day - self.base][5:7]) if day >= self.year_start else 0


def schedule_percent(year: int, month: int) -> float:
    """序时进度: the share of ``year`` elapsed at the end of ``month``, in percent."""
    end = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
    return (end - dt.date(year, 1, 1)).days / days * 100


def judge(completion: float, schedule: float) -> tuple[str, str]:
    """The default rule: completion % of the annual plan against 序时进度 → (judgement, light).

    10 or more points ahead → 超前 绿; less than 10 behind → 正常 绿; 10–30 behind → 滞后 黄; more than 30 behind →
    严重滞后 红.
    """
    gap = completion - schedule
    if gap >= 10:
        return "超前", "绿"
    if gap > -10:
        return "正常", "绿"
    if gap >= -30:
        return "滞后", "黄"
    return "严重滞后", "红"


# ---------------------------------------------------------------------------------------------------- world
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


def phone(dice: Dice) -> str:
    if dice.chance(0.5):
        return f"020-8{dice.integer(0, 9_999_999):07d}"
    return f"1{dice.pick('3589')}{dice.integer(0, 999_999_999):09d}"


# --------------------------------------------------------------------------------------- the shared entities
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


# ------------------------------------------------------------------------------------------- the three lists
@dataclass(frozen=True)
class ListSpec:
    """How one list's projects move through their stages and spend their money."""

    kind: str
    prefix: str  # of the project code
    path: tuple[str, ...]  # the main stages in order (side states left out)
    gaps: tuple[tuple[int, int], ...]  # days from one main stage to the next, low and high
    stages: Weighted[str]  # how often each stage (side states included) is found
    stopped_after: Weighted[int]  # for a side state: the index of the last main stage reached
    first_active: int  # the main stages first_active … last_active are evaluated
    last_active: int
    done_share: tuple[tuple[float, float], ...]  # completed share of the total at each main stage
    total_median: float  # 万元
    levels: Weighted[str]

    @cached_property
    def positions(self) -> dict[str, int]:
        return {stage: index for index, stage in enumerate(self.path)}


def _spec(kind: str, prefix: str, stages: Mapping[str, float], gaps: tuple[tuple[int, int], ...],
          stopped_after: Mapping[int, float], active: tuple[int, int], done_share: tuple[tuple[float, float], ...],
          total_median: float, levels: Mapping[str, float]) -> ListSpec:
    vocabulary = schema.entity(kind).stages
    assert vocabulary is not None and set(stages) == set(vocabulary.values)
    path = tuple(stage for stage in vocabulary.values if stage not in ("暂缓", "终止"))
    assert len(gaps) == len(path) - 1 == len(done_share) - 1
    return ListSpec(kind, prefix, path, gaps, Weighted(stages), Weighted(stopped_after), active[0], active[1],
                    done_share, total_median, Weighted(levels))


SPECS = (
    _spec("investment", "ZS",
          {"线索": 8, "在谈": 14, "签约": 16, "注册": 12, "供地": 8, "开工": 18, "投产": 13, "达产": 5, "暂缓": 4,
           "终止": 2},
          ((15, 120), (30, 240), (15, 120), (30, 240), (30, 200), (180, 720), (180, 540)),
          {0: 1, 1: 4, 2: 4, 3: 2, 4: 1, 5: 1}, (2, 6),
          ((0, 0), (0, 0), (0, 0.05), (0.02, 0.1), (0.05, 0.25), (0.15, 0.7), (0.6, 0.95), (0.95, 1.0)),
          30_000, {"省重点": 1, "区重点": 25, "一般": 74}),
    _spec("tech_transfer", "KZ",
          {"成果对接": 18, "签约": 20, "登记认定": 15, "概念验证/中试": 17, "小批量试产": 14, "产业化": 12, "终止": 4},
          ((30, 180), (10, 60), (30, 240), (90, 360), (120, 480)),
          {0: 3, 1: 3, 2: 2, 3: 2}, (1, 4),
          ((0, 0), (0, 0.05), (0.02, 0.1), (0.1, 0.4), (0.3, 0.7), (0.8, 1.0)),
          6_000, {"区重点": 20, "一般": 80}),
    _spec("expansion", "ZK",
          {"谋划": 15, "备案": 18, "开工": 24, "设备安装": 14, "竣工投产": 17, "达产": 7, "暂缓": 3, "终止": 2},
          ((30, 180), (30, 240), (60, 360), (30, 240), (180, 540)),
          {0: 3, 1: 3, 2: 2}, (1, 4),
          ((0, 0), (0, 0.05), (0.1, 0.6), (0.4, 0.85), (0.8, 0.98), (0.95, 1.0)),
          12_000, {"省重点": 0.5, "区重点": 22, "一般": 77.5}),
)
LAG = Weighted(LAG_CLASSES)


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


def planned_dates(world: World, dice: Dice, draft: Draft, start: int) -> tuple[str, int]:
    """(planned start as stored, its day): near the actual start when it happened, otherwise ahead."""
    if draft.reached >= start:
        day = draft.days[start] + dice.integer(-90, 45)
    else:
        day = draft.days[draft.reached] + dice.integer(60, 420)
    return planned_text(world, dice, day), day


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


# ---------------------------------------------------------------------------------------------- evaluations
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


# --------------------------------------------------------------------------------------------------- filling
class PhaseProgress:
    """Forwards ``create_many``'s progress, labelled with the entity being added."""

    def __init__(self, progress: Progress, label: str) -> None:
        self.progress = progress
        self.label = label

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        self.progress.step(done, total, self.label)

    def cancelled(self) -> bool:
        return self.progress.cancelled()


def enterprise_count(projects: int) -> int:
    return min(MAX_ENTERPRISES, max(20, projects // 2))


def fill_demo(
    store: Store,
    *,
    projects: int,
    seed: int = 2026,
    today: dt.date | None = None,
    evaluation_months: int | None = None,
    progress: Progress | None = None,
) -> DemoReport:
    """Add realistic Guangzhou sample data to ``store`` in one transaction: all of it, or nothing.

    Adds the 11 district offices (those not there yet), 14 officials, ``min(500, max(20, projects // 2))``
    enterprises, ``projects`` records over the three lists (about 50 % investment, 20 % tech_transfer, 30 %
    expansion; up to 90 investment records are 市重点), and monthly evaluations of the projects in active stages
    for this year's completed months up to ``today`` (the latest ``evaluation_months`` of them when given; 0 adds
    none). The same ``seed`` and ``today`` give the same records (ids included); only timestamps and the batch id
    differ. The fill is one batch of the ledger (``batches``, kind "demo"). Every row passes ``records.check_record``. Raises :class:`InputRefused` when the seed's data is already
    in the store, :class:`Cancelled` (nothing added) when ``progress`` asks to stop.
    """
    if projects < 0:
        raise InputRefused("demo.negative")
    progress = progress or NoProgress()
    world = build_world(store, seed=seed, today=today or dt.date.today(), enterprises=enterprise_count(projects),
                        evaluation_months=evaluation_months)
    if store.record("official", Dice(f"{seed}:official").uuid()) is not None:
        raise InputRefused("demo.already_filled", seed=seed)
    sizes = list_sizes(projects)
    keys = {kind: key_projects(seed, size) if kind == "investment" else frozenset() for kind, size in sizes.items()}
    offices = {str(code) for (code,) in store.conn.execute("SELECT code FROM office")}
    batch = batches.start(store, "demo")

    def add(kind: str, rows: Iterable[Row], total: int | None = None) -> int:
        changes = store.create_many(kind, rows, source="demo", batch=batch, validate=False, total=total,
                                    progress=PhaseProgress(progress, schema.entity(kind).zh))
        return len(changes.created)

    try:
        with store.transaction() as conn:
            counts = {"office": add("office", office_rows(world, offices)),
                      "official": add("official", official_rows(world)),
                      "enterprise": add("enterprise", enterprise_rows(world), len(world.enterprises))}
            for spec in SPECS:
                rows = (project.row for project in project_stream(world, spec, sizes[spec.kind], keys[spec.kind]))
                counts[spec.kind] = add(spec.kind, rows, sizes[spec.kind])
            plans = (project.plan for spec in SPECS
                     for project in project_stream(world, spec, sizes[spec.kind], keys[spec.kind])
                     if project.plan is not None)
            counts["evaluation"] = add("evaluation", evaluation_rows(world, plans)) if world.months else 0
            batches.finish(conn, batch, {"seed": seed, **counts})
    except BaseException:
        batches.abandon(store, batch)
        raise
    return DemoReport(batch=batch, **counts)
