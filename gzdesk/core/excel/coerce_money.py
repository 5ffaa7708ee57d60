"""Coercing amounts: money (to 万元), plain numbers, land area (to 亩), percentages (0–100) and whole numbers.

Text amounts may carry a unit ("1.2亿元", "3000万", "5000元", "18亩", "35%"), thousands separators ("27,000"),
full-width digits ("４２６００"), and "约"/"左右" (kept, with a note). The cell's own unit beats the column's (header or
sheet line); without either, money is in 万元. Conversions shift decimal digits exactly (``Decimal.scaleb``), so
8.5 亿元 is exactly 85000 万元. Foreign currency (万美元 …) is a problem, never converted; so is a negative amount.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from gzdesk.core import messages
from gzdesk.core.excel.coerce_base import Coerced, Coercer, ColumnCoercer, common, display, fail, note, with_notes
from gzdesk.core.excel.model import CellValue
from gzdesk.core.excel.units import AREA_FACTORS, MONEY_EXPONENTS, PERCENT, WAN, canonical_unit, is_foreign
from gzdesk.core.schema import Field

messages.register({
    "coerce.number.unrecognised": ("「{raw}」不是可识别的数字", "{raw} is not a number that can be read"),
    "coerce.number.not_finite": ("「{raw}」不是有限的数字", "{raw} is not a finite number"),
    "coerce.number.range": ("「{raw}」是一个范围，请填写一个数", "{raw} is a range; give one number"),
    "coerce.number.unit": ("「{raw}」的单位「{unit}」不适用于此列", "the unit {unit} of {raw} does not fit this column"),
    "coerce.number.not_whole": ("「{raw}」不是整数", "{raw} is not a whole number"),
    "coerce.money.negative": ("金额「{raw}」是负数", "the amount {raw} is negative"),
    "coerce.money.foreign_currency": ("「{raw}」的货币单位是{unit}，不会自动换算成人民币万元，请换算后填写",
                                      "{raw} is in {unit}, a different currency; it is not converted to 万元 – "
                                      "convert it and enter it again"),
    "coerce.number.negative": ("「{raw}」是负数", "{raw} is negative"),
    "coerce.percent.out_of_range": ("百分比「{raw}」不在 0–100 之间", "the percentage {raw} is not between 0 and 100"),
    "coerce.note.approximate": ("「{raw}」是约数，按 {value} 保存", "{raw} is approximate; kept as {value}"),
    "coerce.note.unit_converted": ("「{raw}」已从{unit}换算为 {value}", "{raw} was converted from {unit} to {value}"),
})

_QUANTITY = re.compile(
    r"^(?P<approx>约合|大约|约|近|逾|超过|超|预计|计|共)?(?P<sign>[+-])?"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:e(?P<exp>[+-]?\d{1,3}))?"
    r"(?P<unit>\D*?)(?P<tail>左右|以上|余|多|上下)?$",
    re.IGNORECASE,
)
_SIMPLE = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?")
_RANGE = re.compile(r"\d\s*(?:-|~|至|到|—|–)\s*[\d.]")
_DROP = re.compile(r"\s+|人民币|rmb(?![\d])|¥", re.IGNORECASE)
_COUNTERS = frozenset({"人", "个", "家", "项", "名", "户", "次", "套", "台", "件", "位"})


class Quantity:
    """A number read from text: exact decimal, the unit written after it (or None), whether it was approximate."""

    __slots__ = ("approximate", "normalised", "number", "unit", "unit_text")

    def __init__(self, number: Decimal, unit: str | None, unit_text: str, approximate: bool, normalised: bool):
        self.number, self.unit, self.unit_text = number, unit, unit_text
        self.approximate, self.normalised = approximate, normalised


def parse_quantity(raw: str) -> Quantity | Coerced:
    """A :class:`Quantity` from text, or the problem with it."""
    nfkc = unicodedata.normalize("NFKC", raw).strip()
    text = _DROP.sub("", nfkc)
    match = _QUANTITY.match(text)
    if match is None:
        return fail("coerce.number.range" if _RANGE.search(text) else "coerce.number.unrecognised", raw)
    try:
        number = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits decimal digits
        return fail("coerce.number.unrecognised", raw)
    if match.group("exp"):
        number = number.scaleb(int(match.group("exp")))
    if match.group("sign") == "-":
        number = -number
    unit_text = match.group("unit")
    unit = canonical_unit(unit_text) if unit_text else None
    if unit_text and unit is None and unit_text not in _COUNTERS:
        return fail("coerce.number.unit", raw, unit=unit_text)
    approximate = bool(match.group("approx") or match.group("tail"))
    return Quantity(number, unit, unit_text, approximate, nfkc != raw.strip())


def _finish(raw: CellValue, value: object, quantity: Quantity) -> object:
    notes = []
    if quantity.normalised:
        notes.append(note("coerce.note.normalised", raw, value=display(value)))
    if quantity.approximate:
        notes.append(note("coerce.note.approximate", raw, value=display(value)))
    return with_notes(value, *notes)


def _is_number(raw: CellValue) -> bool:
    return type(raw) is float or type(raw) is int


def _money_unit(unit: str | None) -> str:
    """The unit a money column's bare numbers are in: its own, or 万元."""
    return unit if unit is not None and (unit in MONEY_EXPONENTS or is_foreign(unit)) else WAN


def plain_money_column(unit: str | None) -> ColumnCoercer | None:
    """For a money column in 万元 (``unit`` as for :func:`money_coercer`): the column at once when its cells are all
    floats (or blank), finite and not negative — which :func:`money_coercer` keeps as they are. None for other units."""
    column_unit = _money_unit(unit)
    if is_foreign(column_unit) or MONEY_EXPONENTS.get(column_unit, 0) != 0:
        return None

    def column(cells: Sequence[CellValue]) -> list[object] | None:
        kinds = set(map(type, cells))
        kinds.discard(type(None))
        if kinds != {float}:
            return None
        numbers: list[float] = [cell for cell in cells if cell is not None]  # type: ignore[misc]
        if not math.isfinite(sum(numbers)) or min(numbers) < 0:  # a NaN or an infinity makes the sum no number
            return None
        return list(cells)

    return column


def money_coercer(field: Field, unit: str | None) -> Coercer:
    """Money in 万元 (a float); ``unit`` is the column's unit (header or sheet line), None meaning 万元."""
    column_unit = _money_unit(unit)
    exponent = MONEY_EXPONENTS.get(column_unit, 0)

    def coerce(raw: CellValue) -> object:
        if _is_number(raw):
            number = float(raw)  # type: ignore[arg-type]
            if is_foreign(column_unit):
                return fail("coerce.money.foreign_currency", raw, unit=column_unit)
            if not math.isfinite(number):
                return fail("coerce.number.not_finite", raw)
            if number < 0:
                return fail("coerce.money.negative", raw)
            return number if exponent == 0 else float(Decimal(repr(raw)).scaleb(exponent))
        if not isinstance(raw, str):
            return common(raw) or fail("coerce.type", raw, expected="金额")
        if _SIMPLE.fullmatch(raw) is not None and not is_foreign(column_unit):  # a number stored as text
            return float(raw) if exponent == 0 else float(Decimal(raw).scaleb(exponent))
        found = common(raw)
        if found is not None:
            return found
        quantity = parse_quantity(raw)
        if isinstance(quantity, Coerced):
            return quantity
        if quantity.unit is None and quantity.unit_text:
            return fail("coerce.number.unit", raw, unit=quantity.unit_text)
        cell_unit = quantity.unit or column_unit
        if is_foreign(cell_unit):
            return fail("coerce.money.foreign_currency", raw, unit=cell_unit)
        if cell_unit not in MONEY_EXPONENTS:
            return fail("coerce.number.unit", raw, unit=quantity.unit_text)
        if quantity.number < 0:
            return fail("coerce.money.negative", raw)
        return _finish(raw, float(quantity.number.scaleb(MONEY_EXPONENTS[cell_unit])), quantity)

    return coerce


def number_coercer(field: Field, unit: str | None, *, is_percent_format: bool = False) -> Coercer:
    """NUMBER (any finite number), AREA (亩; 公顷 and 平方米 converted), PERCENT (0–100) and INTEGER fields."""
    kind = field.type.value
    scale = 2 if kind == "percent" and is_percent_format else 0

    def check(raw: CellValue, number: Decimal | float, quantity: Quantity | None) -> object:
        notes = []
        if quantity is not None and quantity.unit is None and quantity.unit_text and kind != "integer":
            return fail("coerce.number.unit", raw, unit=quantity.unit_text)
        if kind == "area":
            area_unit = (quantity.unit if quantity else None) or (unit if unit in AREA_FACTORS else "亩")
            if area_unit not in AREA_FACTORS:
                return fail("coerce.number.unit", raw, unit=area_unit)
            if area_unit != "亩":
                number = float(number) * AREA_FACTORS[area_unit]
                notes.append(note("coerce.note.unit_converted", raw, unit=area_unit, value=display(number)))
        elif quantity is not None and quantity.unit is not None and not (kind == "percent" and quantity.unit == PERCENT):
            return fail("coerce.number.unit", raw, unit=quantity.unit_text)
        if kind in ("area", "integer") and number < 0:
            return fail("coerce.number.negative", raw)
        if kind == "integer":
            if number != int(number):
                return fail("coerce.number.not_whole", raw)
            value: object = int(number)
        else:
            value = float(number)
        if kind == "percent" and not 0 <= float(number) <= 100:
            return fail("coerce.percent.out_of_range", raw)
        result = value if quantity is None else _finish(raw, value, quantity)
        return with_notes(result, *notes)

    def coerce(raw: CellValue) -> object:
        if _is_number(raw):
            if not math.isfinite(raw):  # type: ignore[arg-type]
                return fail("coerce.number.not_finite", raw)
            number = Decimal(repr(raw)).scaleb(scale) if scale else raw
            return check(raw, number, None)  # type: ignore[arg-type]
        if not isinstance(raw, str):
            return common(raw) or fail("coerce.type", raw, expected="数字")
        found = common(raw)
        if found is not None:
            return found
        quantity = parse_quantity(raw)
        if isinstance(quantity, Coerced):
            return quantity
        return check(raw, quantity.number, quantity)

    return coerce
