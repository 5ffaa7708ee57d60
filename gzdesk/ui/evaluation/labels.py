"""How evaluation values read on screen, in one language: lights as coloured dots, judgements, periods, money,
percentages, list, stage and district names."""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

import gzdesk.ui.flow  # noqa: F401  (registers the "ui.unexpected" message)
from gzdesk.core import messages, schema
from gzdesk.core.errors import GzdeskError, InputRefused
from gzdesk.core.evaluation.periods import Period, PeriodKind, parse_period, period_containing
from gzdesk.core.store import Store

translate = QCoreApplication.translate

LIGHT_COLOURS = {"绿": "#2f9e44", "黄": "#f2b705", "红": "#e03131"}
NO_LIGHT_COLOUR = "#9aa0a6"
OVERDUE_COLOUR = "#c92a2a"
LIGHTS = ("绿", "黄", "红")


def light_colour(light: object) -> QColor:
    return QColor(LIGHT_COLOURS.get(str(light), NO_LIGHT_COLOUR))


@cache
def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)


def light_dot(light: object) -> QIcon:
    """A coloured dot for a light (grey when it cannot be judged)."""
    return _dot(LIGHT_COLOURS.get(str(light), NO_LIGHT_COLOUR))


def judgement_text(judgement: object, lang: str) -> str:
    """正常 / 超前 / 滞后 / 严重滞后, or 无法判断 when there is none."""
    if judgement in (None, ""):
        return translate("EvaluationLabels", "Cannot judge")
    vocabulary = schema.entity("evaluation").field("judgement").vocabulary
    return vocabulary.english(str(judgement)) if lang == "en" and vocabulary else str(judgement)


def light_name(light: object, lang: str) -> str:
    """绿 / 黄 / 红 (Green / Yellow / Red), or 无法判断 for none."""
    if light in (None, ""):
        return translate("EvaluationLabels", "Cannot judge")
    vocabulary = schema.entity("evaluation").field("light").vocabulary
    return vocabulary.english(str(light)) if lang == "en" and vocabulary else str(light)


def list_name(kind: str, lang: str) -> str:
    return schema.entity(kind).label(lang)


def stage_name(kind: str, stage: object, lang: str) -> str:
    if stage in (None, ""):
        return translate("EvaluationLabels", "(no stage)")
    vocabulary = schema.entity(kind).field("stage").vocabulary
    return vocabulary.english(str(stage)) if lang == "en" and vocabulary else str(stage)


def district_name(store: Store, code: object, lang: str) -> str:
    if code in (None, ""):
        return translate("EvaluationLabels", "(no district)")
    return store.reference.district_name(str(code), lang)


def money(value: object) -> str:
    """An amount in 万元 as a table shows it: thousands separated, at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def percent(value: float | None, *, digits: int = 1) -> str:
    """A percentage given in percent units (45.0 → "45.0%")."""
    return "" if value is None else f"{value:.{digits}f}%"


def points(value: float | None) -> str:
    """A gap in percentage points, signed ("-12.3")."""
    return "" if value is None else f"{value:+.1f}"


_DEKAD_EN = ("days 1–10", "days 11–20", "days 21–end")


def period_label(period: Period | str, lang: str) -> str:
    """A period as the clerk reads it: 2026-03, 2026-Q1, 2026-03-上 (English: "2026-03, days 1–10")."""
    try:
        found = parse_period(period) if isinstance(period, str) else period
    except InputRefused:
        return str(period)
    if found.kind == "dekad" and lang == "en":
        return f"{found.year}-{found.number:02d}, {_DEKAD_EN[found.dekad]}"
    return str(found)


def period_kind_name(kind: PeriodKind) -> str:
    names = {"month": translate("EvaluationLabels", "Month"), "quarter": translate("EvaluationLabels", "Quarter"),
             "dekad": translate("EvaluationLabels", "Ten days")}
    return names[kind]


def due_period(kind: PeriodKind, today: dt.date | None = None) -> Period:
    """The last period of ``kind`` that has ended by the end of ``today`` (the round that is due)."""
    day = today or dt.date.today()
    return period_containing(day + dt.timedelta(days=1), kind).previous()


def recent_periods(kind: PeriodKind, today: dt.date | None = None) -> list[Period]:
    """The periods of ``kind`` from January last year to the one containing ``today``, newest first."""
    day = today or dt.date.today()
    period = period_containing(day, kind)
    found = []
    while period.year >= day.year - 1:
        found.append(period)
        period = period.previous()
    return found



def error_text(error: BaseException, lang: str) -> str:
    """What went wrong, in the clerk's language."""
    if isinstance(error, GzdeskError):
        return error.message(lang)
    return messages.render("ui.unexpected", lang, detail=repr(error))
