"""The result of coercing one cell, and the helpers every coercer shares.

A column coercer is a plain function ``CellValue -> object``: it returns the Python value itself when the cell
converts cleanly (the fast path: no allocation per cell), or a :class:`Coerced` when there is a problem or a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from gzdesk.core import messages
from gzdesk.core.excel.model import CellError, CellValue

Coercer = Callable[[CellValue], object]
#: A whole column at once, exactly as its :data:`Coercer` would give it cell by cell — or None when the column holds
#: anything but the plain cells it is made for (the caller then goes cell by cell).
ColumnCoercer = Callable[[Sequence[CellValue]], "list[object] | None"]

messages.register({
    "coerce.cell.no_cached_value": ("公式没有保存计算结果，请用 Excel/WPS 打开并保存后再导入",
                                    "formula has no saved value – open and save in Excel/WPS first"),
    "coerce.cell.error": ("单元格是错误值 {error}", "the cell holds the error {error}"),
    "coerce.cell.bad_date": ("单元格设为日期格式，但其中的数字不是有效日期", "the cell is formatted as a date but holds no valid date"),
    "coerce.type": ("「{raw}」不是{expected}", "{raw} is not {expected}"),
    "coerce.note.placeholder_blank": ("「{raw}」按空值处理", "{raw} was read as blank"),
    "coerce.note.normalised": ("已规范化全角字符或空格：「{raw}」→「{value}」",
                               "normalised full-width characters or spaces: {raw} → {value}"),
})

EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA"})
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "无", "暂无", "待定", "n/a", "na", "－", "\\", "空"})


@dataclass(frozen=True)
class Issue:
    """A problem or a note about one value: a message code and its parameters (``raw`` is always among them)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.code, lang, **self.params)


@dataclass(frozen=True)
class Coerced:
    """The Python value for a field (the form ``records.check_field`` expects), or a ``problem`` (value None), with
    ``notes`` on changes a clerk should see (full-width digits normalised, an unknown industry kept as written …)."""

    value: object
    problem: Issue | None = None
    notes: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


def display(raw: object, limit: int = 60) -> str:
    """The raw value as a clerk would recognise it in a message (long text shortened)."""
    if isinstance(raw, CellError):
        return raw.code
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        text = str(int(raw))
    elif isinstance(raw, dt.date | dt.time):
        text = raw.isoformat(sep=" ") if isinstance(raw, dt.datetime) else raw.isoformat()
    else:
        text = str(raw)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fail(code: str, raw: object, **params: object) -> Coerced:
    return Coerced(None, Issue(code, {"raw": display(raw), **params}))


def note(code: str, raw: object, **params: object) -> Issue:
    return Issue(code, {"raw": display(raw), **params})


def with_notes(result: object, *notes: Issue) -> object:
    """``result`` with ``notes`` added (a plain value becomes a :class:`Coerced`)."""
    if not notes:
        return result
    if isinstance(result, Coerced):
        return Coerced(result.value, result.problem, (*notes, *result.notes))
    return Coerced(result, None, notes)


def cell_error(raw: CellError) -> Coerced:
    if raw.code in ("no_cached_value", "bad_date"):
        return fail(f"coerce.cell.{raw.code}", raw)
    return fail("coerce.cell.error", raw, error=raw.code)


def common(raw: CellValue) -> Coerced | None:
    """None-or-problem for the inputs every non-text field treats alike: blanks, placeholders, error cells."""
    if raw is None:
        return _BLANK
    if isinstance(raw, CellError):
        return cell_error(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if not text.strip("\u200b\u200c\u200d\u2060\ufeff"):
            return _BLANK
        if text.upper() in EXCEL_ERRORS:
            return fail("coerce.cell.error", raw, error=text.upper())
        if text.lower() in PLACEHOLDERS:
            return Coerced(None, None, (note("coerce.note.placeholder_blank", raw),))
    return None


_BLANK = Coerced(None)
