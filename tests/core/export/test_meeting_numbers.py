"""The meeting numbers on a tiny dataset whose counts, totals and rates were worked out by hand."""

from __future__ import annotations

import pytest

from gzdesk.core.meeting_numbers import Group, summarise

RECORDS: list[dict[str, object]] = [
    {"district": "440106", "industry": "C08", "stage": "开工", "status": "正常推进",
     "total_investment": 100.0, "agreed_investment": 80.0, "funds_arrived": 40.0},
    {"district": "440106", "industry": "C03", "stage": "签约", "status": "进度滞后",
     "total_investment": 50.0, "agreed_investment": 50.0, "funds_arrived": None},
    {"district": "440112", "industry": "C08", "stage": "投产", "status": "停滞",
     "total_investment": 200.0, "agreed_investment": 150.0, "funds_arrived": 150.0},
    {"district": "440112", "industry": None, "stage": "在谈", "status": None,
     "total_investment": None, "agreed_investment": None, "funds_arrived": 10.0},
    {"district": "440115", "industry": "量子科技", "stage": "终止", "status": "正常推进",
     "total_investment": 30.0, "agreed_investment": 20.0, "funds_arrived": 5.0},
]


def test_totals_and_groups() -> None:
    summary = summarise("investment", RECORDS)
    assert summary.count == 5
    assert summary.amount_fields == ("total_investment", "agreed_investment", "funds_arrived")
    assert summary.totals == (380.0, 300.0, 205.0)
    assert summary.groups["district"] == (Group("440106", 2, (150.0, 130.0, 40.0)),
                                          Group("440112", 2, (200.0, 150.0, 160.0)),
                                          Group("440115", 1, (30.0, 20.0, 5.0)))
    assert summary.groups["industry"] == (Group("C03", 1, (50.0, 50.0, 0.0)), Group("C08", 2, (300.0, 230.0, 190.0)),
                                          Group("量子科技", 1, (30.0, 20.0, 5.0)), Group(None, 1, (0.0, 0.0, 10.0)))
    assert [(g.key, g.count) for g in summary.groups["stage"]] == [("在谈", 1), ("签约", 1), ("开工", 1), ("投产", 1),
                                                                   ("终止", 1)]
    assert summary.groups["status"] == (Group("正常推进", 2, (130.0, 100.0, 45.0)), Group("进度滞后", 1, (50.0, 50.0, 0.0)),
                                        Group("停滞", 1, (200.0, 150.0, 150.0)), Group(None, 1, (0.0, 0.0, 10.0)))


def test_rates() -> None:
    rates = {rate.key: rate for rate in summarise("investment", RECORDS).rates}
    assert (rates["start_rate"].numerator, rates["start_rate"].denominator) == (2, 3)  # 开工, 投产 of 签约/开工/投产
    assert rates["start_rate"].value == pytest.approx(2 / 3) and rates["start_rate"].zh == "开工率"
    assert (rates["production_rate"].numerator, rates["production_rate"].denominator) == (1, 3)
    assert (rates["funds_rate"].numerator, rates["funds_rate"].denominator) == (195.0, 300.0)  # 10 without agreement
    assert rates["funds_rate"].value == pytest.approx(0.65) and rates["funds_rate"].zh == "资金到位率"


def test_rate_without_denominator_has_no_value() -> None:
    summary = summarise("tech_transfer", [{"stage": "成果对接", "district": "440106"}])
    (rate,) = summary.rates
    assert rate.key == "industrialisation_rate" and rate.denominator == 0 and rate.value is None


def test_expansion_rates() -> None:
    stages = ["谋划", "备案", "开工", "设备安装", "竣工投产", "达产", "暂缓"]
    summary = summarise("expansion", [{"stage": s, "new_investment": 10.0} for s in stages])
    rates = {rate.key: (rate.numerator, rate.denominator) for rate in summary.rates}
    assert rates == {"start_rate": (4, 5), "production_rate": (2, 5)}
    assert summary.totals == (0.0, 70.0, 0.0)


def test_empty_list() -> None:
    summary = summarise("investment", [])
    assert summary.count == 0 and summary.totals == (0.0, 0.0, 0.0)
    assert all(groups == () for groups in summary.groups.values())
    assert all(rate.value is None for rate in summary.rates)
