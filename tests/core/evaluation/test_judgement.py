"""The judgement rules at their boundaries; what cannot be judged says why."""

from __future__ import annotations

import pytest

from gzdesk.core.demo.schedule import judge as demo_judge
from gzdesk.core.evaluation.judgement import NO_DONE, NO_PLAN, assess, judge


@pytest.mark.parametrize(("completion", "expected"), [
    (60, ("超前", "绿")), (59.9, ("正常", "绿")), (50, ("正常", "绿")), (40.1, ("正常", "绿")),
    (40, ("滞后", "黄")), (20, ("滞后", "黄")), (19.9, ("严重滞后", "红")),
])
def test_points_rule(completion: float, expected: tuple[str, str]) -> None:
    assert judge(completion, 50, "points") == expected
    assert demo_judge(completion, 50) == expected


@pytest.mark.parametrize(("completion", "expected"), [
    (55, ("超前", "绿")), (40, ("正常", "绿")), (39.9, ("滞后", "黄")), (30, ("滞后", "黄")), (29.9, ("严重滞后", "红")),
])
def test_ratio_rule(completion: float, expected: tuple[str, str]) -> None:
    assert judge(completion, 50, "ratio") == expected


@pytest.mark.parametrize(("plan", "done", "reason"), [(0, 10, NO_PLAN), (None, 10, NO_PLAN), (100, None, NO_DONE)])
def test_cannot_judge(plan: object, done: object, reason: str) -> None:
    verdict = assess(annual_plan=plan, done_ytd=done, period="2026-03")
    assert (verdict.judgement, verdict.light, verdict.reason, verdict.judged) == (None, None, reason, False)


def test_assess_quarter_and_mid_year() -> None:
    verdict = assess(annual_plan=1000, done_ytd=100, period="2026-Q1")  # 序时 24.7 %, 10 % done → 滞后
    assert verdict.judgement == "滞后" and verdict.gap == pytest.approx(10 - 90 / 365 * 100)
    started = assess(annual_plan=1000, done_ytd=100, period="2026-07", start_month=7)  # 序时 16.8 % → 正常
    assert started.judgement == "正常"
    assert assess(annual_plan=1000, done_ytd=0, period="2026-06", start_month=7).reason == "evaluation.not_started"
