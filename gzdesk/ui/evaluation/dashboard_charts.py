"""The dashboard's charts as :class:`~gzdesk.ui.evaluation.charts.ChartSpec` built from the meeting numbers: lights
per list (stacked), completion of the annual plans against 序时进度, the rates (开工率, 投产率, 履约率, 落地率,
资金到位率 …), projects and total investment by district, projects by stage per list. Every bar carries the
:class:`~gzdesk.core.evaluation.drilldown.Bar` behind it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gzdesk.core import schema
from gzdesk.core.evaluation.drilldown import Bar, DashboardNumbers
from gzdesk.core.evaluation.stats import ListStats
from gzdesk.core.meeting_numbers import Rate
from gzdesk.core.store import Store
from gzdesk.ui.evaluation import labels
from gzdesk.ui.evaluation.charts import ChartSpec, Series

translate = QCoreApplication.translate
LIGHT_KEYS: tuple[str | None, ...] = ("绿", "黄", "红", None)
YI = 10_000  # 万元 per 亿元


def dashboard_specs(numbers: DashboardNumbers, store: Store, lang: str) -> list[ChartSpec]:
    """Every chart of the dashboard, in the order it shows them."""
    lists = numbers.stats.lists
    specs = [lights_spec(lists, lang), completion_spec(numbers, lang), rates_spec(lists, lang),
             district_spec(lists, store, lang, amounts=False), district_spec(lists, store, lang, amounts=True)]
    specs += [stage_spec(numbers_of_list, lang) for numbers_of_list in lists]
    return specs


def lights_spec(lists: tuple[ListStats, ...], lang: str) -> ChartSpec:
    series = []
    for light in LIGHT_KEYS:
        values = tuple(float(item.lights.get(light or "none", 0)) for item in lists)
        series.append(Series(labels.light_name(light, lang), values,
                             tuple(Bar(item.list_key, "light", light) for item in lists),
                             labels.light_colour(light).name()))
    return ChartSpec("lights", translate("DashboardCharts", "Lights of the latest evaluations"),
                     tuple(labels.list_name(item.list_key, lang) for item in lists), tuple(series), stacked=True,
                     value_title=translate("DashboardCharts", "Projects"))


def completion_spec(numbers: DashboardNumbers, lang: str) -> ChartSpec:
    kinds = [item.list_key for item in numbers.stats.lists]
    done = tuple(numbers.completion[kind].percent or 0.0 for kind in kinds)
    schedule = tuple(numbers.completion[kind].schedule for kind in kinds)
    behind = tuple(Bar(kind, "behind") for kind in kinds)
    series = (Series(translate("DashboardCharts", "Annual plan completed"), done, behind, "#1c7ed6"),
              Series(translate("DashboardCharts", "Schedule"), schedule, behind, "#adb5bd"))
    return ChartSpec("completion", translate("DashboardCharts", "Annual plan completion against the schedule"),
                     tuple(labels.list_name(kind, lang) for kind in kinds), series, percent=True, decimals=1)


def rates_spec(lists: tuple[ListStats, ...], lang: str) -> ChartSpec:
    """A bar per rate (开工率, 投产率, 资金到位率, 落地率, 履约率, 产业化率; the legend) grouped by list; a rate a
    list does not have is left out (QtCharts draws no bar and no label for it)."""
    rates: dict[str, dict[str, Rate]] = {}
    for item in lists:
        for rate in item.rates:
            rates.setdefault(rate.key, {})[item.list_key] = rate
    series = []
    for key, by_list in rates.items():
        name = next(iter(by_list.values())).label(lang)
        values = tuple((by_list[item.list_key].value or 0.0) * 100 if item.list_key in by_list else 0.0
                       for item in lists)
        bars = tuple(Bar(item.list_key, "rate", key) if item.list_key in by_list else None for item in lists)
        series.append(Series(name, values, bars))
    return ChartSpec("rates", translate("DashboardCharts", "Rates"),
                     tuple(labels.list_name(item.list_key, lang) for item in lists), tuple(series), percent=True,
                     decimals=1, wide=True)


def district_spec(lists: tuple[ListStats, ...], store: Store, lang: str, *, amounts: bool) -> ChartSpec:
    """Projects (or total investment, 亿元) by district, stacked by list; districts in code order, reversed."""
    codes: list[str | None] = [*sorted({g.key for item in lists for g in item.groups["district"] if g.key})]
    if any(g.key is None for item in lists for g in item.groups["district"]):
        codes.append(None)
    codes.reverse()
    series = []
    for item in lists:
        by_code = {g.key: g for g in item.groups["district"]}
        column = item.amount_fields.index("total_investment")
        values = tuple(0.0 if code not in by_code else (by_code[code].amounts[column] / YI if amounts
                                                         else float(by_code[code].count)) for code in codes)
        series.append(Series(labels.list_name(item.list_key, lang), values,
                             tuple(Bar(item.list_key, "district", code) for code in codes)))
    if amounts:
        title = translate("DashboardCharts", "Total investment by district")
        axis = translate("DashboardCharts", "100M CNY")
    else:
        title = translate("DashboardCharts", "Projects by district")
        axis = translate("DashboardCharts", "Projects")
    return ChartSpec("district_amounts" if amounts else "districts", title,
                     tuple(labels.district_name(store, code, lang) for code in codes), tuple(series),
                     horizontal=True, stacked=True, value_title=axis, decimals=0)


def stage_spec(item: ListStats, lang: str) -> ChartSpec:
    """Every stage of the list (in its order, top to bottom), then values outside it and blank ones."""
    counts = {g.key: g.count for g in item.groups["stage"]}
    keys: list[str | None] = [*_stages(item.list_key), *(k for k in counts if k not in _stages(item.list_key))]
    keys.reverse()
    series = Series(translate("DashboardCharts", "Projects"), tuple(float(counts.get(k, 0)) for k in keys),
                    tuple(Bar(item.list_key, "stage", k) for k in keys))
    return ChartSpec(f"stages_{item.list_key}", translate("DashboardCharts", "{list}: projects by stage").format(
        list=labels.list_name(item.list_key, lang)),
        tuple(labels.stage_name(item.list_key, k, lang) for k in keys), (series,), horizontal=True)


def _stages(kind: str) -> tuple[str, ...]:
    vocabulary = schema.entity(kind).field("stage").vocabulary
    return vocabulary.values if vocabulary else ()
