"""The numbers a scheduling meeting (调度会) reads: counts, amount totals by group, and rates (DOMAIN.md).

Pure and Qt-free: :class:`SummaryBuilder` takes records one at a time (the store's Python form: district and
industry codes, canonical stage and status values, money in 万元) and :meth:`SummaryBuilder.summary` gives a
:class:`ListSummary`. Definitions, declared once here:

* Groups: by district, industry, stage and status. Stages and statuses are ordered as in their vocabulary, district
  and industry groups by code; a blank value is its own group (key None), last. Values outside the vocabulary
  follow the known ones in order of appearance.
* Amounts: the list's main money fields (:data:`SUMMARY_AMOUNTS`); a blank amount counts as 0 in totals.
* Stage rates (:data:`STAGE_RATES`): projects in the numerator stages / projects in the denominator stages.
  开工率 = projects at or after construction start / projects signed (or, for expansion, filed) and not stopped;
  投产率 likewise with production; 产业化率 for technology transfer. On-hold and terminated projects count in
  neither part, since their progress is unknown.
* 资金到位率 (investment) = Σ funds arrived / Σ agreed investment, both over the records with an agreed investment.
* A rate whose denominator is 0 has no value (None), never 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gzdesk.core import schema

GROUP_FIELDS: tuple[str, ...] = ("district", "industry", "stage", "status")

SUMMARY_AMOUNTS: dict[str, tuple[str, ...]] = {
    "investment": ("total_investment", "agreed_investment", "funds_arrived"),
    "tech_transfer": ("total_investment", "contract_amount", "industrial_investment"),
    "expansion": ("total_investment", "new_investment", "completed_investment"),
}


@dataclass(frozen=True)
class StageRate:
    """A rate of project counts: records whose stage is in ``numerator`` over those in ``denominator``."""

    key: str
    zh: str
    en: str
    numerator: frozenset[str]
    denominator: frozenset[str]
    explain_zh: str
    explain_en: str


@dataclass(frozen=True)
class AmountRate:
    """A rate of amounts: Σ ``numerator`` / Σ ``denominator`` over records with a positive ``denominator``."""

    key: str
    zh: str
    en: str
    numerator: str
    denominator: str
    explain_zh: str
    explain_en: str


def _stages(*values: str) -> frozenset[str]:
    return frozenset(values)


_INVESTMENT_SIGNED = _stages("签约", "注册", "供地", "开工", "投产", "达产")
_TECH_SIGNED = _stages("签约", "登记认定", "概念验证/中试", "小批量试产", "产业化")
_EXPANSION_FILED = _stages("备案", "开工", "设备安装", "竣工投产", "达产")

STAGE_RATES: dict[str, tuple[StageRate, ...]] = {
    "investment": (
        StageRate("start_rate", "开工率", "Construction start rate", _stages("开工", "投产", "达产"), _INVESTMENT_SIGNED,
                  "开工、投产、达产项目数 ÷ 签约及以后阶段项目数", "started or producing ÷ signed or later"),
        StageRate("production_rate", "投产率", "Production rate", _stages("投产", "达产"), _INVESTMENT_SIGNED,
                  "投产、达产项目数 ÷ 签约及以后阶段项目数", "producing ÷ signed or later"),
    ),
    "tech_transfer": (
        StageRate("industrialisation_rate", "产业化率", "Industrialisation rate", _stages("产业化"), _TECH_SIGNED,
                  "产业化项目数 ÷ 签约及以后阶段项目数", "industrialised ÷ signed or later"),
    ),
    "expansion": (
        StageRate("start_rate", "开工率", "Construction start rate", _stages("开工", "设备安装", "竣工投产", "达产"),
                  _EXPANSION_FILED, "开工及以后阶段项目数 ÷ 备案及以后阶段项目数", "started or later ÷ filed or later"),
        StageRate("production_rate", "投产率", "Production rate", _stages("竣工投产", "达产"), _EXPANSION_FILED,
                  "竣工投产、达产项目数 ÷ 备案及以后阶段项目数", "producing ÷ filed or later"),
    ),
}

AMOUNT_RATES: dict[str, tuple[AmountRate, ...]] = {
    "investment": (
        AmountRate("funds_rate", "资金到位率", "Funds arrival rate", "funds_arrived", "agreed_investment",
                   "累计到资 ÷ 协议投资额（有协议投资额的项目）", "funds arrived ÷ agreed investment (projects with one)"),
    ),
}


@dataclass(frozen=True)
class Group:
    """One row of a group table: the group's value (a code or vocabulary value; None = blank), count, amounts."""

    key: str | None
    count: int
    amounts: tuple[float, ...]


@dataclass(frozen=True)
class Rate:
    key: str
    zh: str
    en: str
    numerator: float
    denominator: float
    explain_zh: str
    explain_en: str

    @property
    def value(self) -> float | None:
        """numerator / denominator, or None when the denominator is 0."""
        return self.numerator / self.denominator if self.denominator else None

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def explain(self, lang: str = "zh") -> str:
        return self.explain_en if lang == "en" else self.explain_zh


@dataclass(frozen=True)
class ListSummary:
    list_key: str
    count: int
    amount_fields: tuple[str, ...]
    totals: tuple[float, ...]
    groups: Mapping[str, tuple[Group, ...]]  # by field key, in GROUP_FIELDS order
    rates: tuple[Rate, ...]


@dataclass
class _Tally:
    count: int = 0
    amounts: list[float] = field(default_factory=list)


class SummaryBuilder:
    """Accumulates one list's numbers record by record (constant memory in the number of records)."""

    def __init__(self, list_key: str) -> None:
        self.list_key = list_key
        self.amount_fields = SUMMARY_AMOUNTS[list_key]
        self._stage_rates = STAGE_RATES.get(list_key, ())
        self._amount_rates = AMOUNT_RATES.get(list_key, ())
        self._total = _Tally(0, [0.0] * len(self.amount_fields))
        self._groups: dict[str, dict[str | None, _Tally]] = {key: {} for key in GROUP_FIELDS}
        self._stage_counts = [[0, 0] for _ in self._stage_rates]
        self._amount_sums = [[0.0, 0.0] for _ in self._amount_rates]

    def add(self, record: Mapping[str, object]) -> None:
        amounts = [_number(record.get(key)) for key in self.amount_fields]
        _add(self._total, amounts)
        for key, tallies in self._groups.items():
            value = record.get(key)
            group = None if value is None or value == "" else str(value)
            tally = tallies.get(group)
            if tally is None:
                tally = tallies[group] = _Tally(0, [0.0] * len(amounts))
            _add(tally, amounts)
        stage = record.get("stage")
        for rule, counts in zip(self._stage_rates, self._stage_counts, strict=True):
            counts[0] += stage in rule.numerator
            counts[1] += stage in rule.denominator
        for amount_rule, sums in zip(self._amount_rates, self._amount_sums, strict=True):
            base = _number(record.get(amount_rule.denominator))
            if base > 0:
                sums[0] += _number(record.get(amount_rule.numerator))
                sums[1] += base

    def summary(self) -> ListSummary:
        groups = {key: tuple(Group(value, tally.count, tuple(tally.amounts))
                             for value, tally in self._ordered(key))
                  for key in GROUP_FIELDS}
        rates = [Rate(r.key, r.zh, r.en, float(n), float(d), r.explain_zh, r.explain_en)
                 for r, (n, d) in zip(self._stage_rates, self._stage_counts, strict=True)]
        rates += [Rate(r.key, r.zh, r.en, n, d, r.explain_zh, r.explain_en)
                  for r, (n, d) in zip(self._amount_rates, self._amount_sums, strict=True)]
        return ListSummary(self.list_key, self._total.count, self.amount_fields, tuple(self._total.amounts),
                           groups, tuple(rates))

    def _ordered(self, key: str) -> list[tuple[str | None, _Tally]]:
        tallies = self._groups[key]
        vocabulary = schema.entity(self.list_key).field(key).vocabulary
        order = {value: index for index, value in enumerate(vocabulary.values)} if vocabulary else {}
        appearance = {value: index for index, value in enumerate(tallies)}

        def rank(value: str | None) -> tuple[int, int, str]:
            if value is None:
                return (2, 0, "")
            if vocabulary is None:
                return (0, 0, value)
            return (0, order[value], "") if value in order else (1, appearance[value], "")

        return sorted(tallies.items(), key=lambda item: rank(item[0]))


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _add(tally: _Tally, amounts: list[float]) -> None:
    tally.count += 1
    for index, amount in enumerate(amounts):
        tally.amounts[index] += amount


def summarise(list_key: str, records: Iterable[Mapping[str, object]]) -> ListSummary:
    """The summary of ``records`` of one list (see the module docstring)."""
    builder = SummaryBuilder(list_key)
    for record in records:
        builder.add(record)
    return builder.summary()
