"""序时进度 (the share of the year elapsed) and the default judgement of a project's progress against it."""

from __future__ import annotations

import datetime as dt


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
