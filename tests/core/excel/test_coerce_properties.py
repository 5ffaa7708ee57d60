"""Property-based tests (Hypothesis) for value coercion: money, dates, full-width digits, vocabulary synonyms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gzdesk.core import schema
from gzdesk.core.excel.coerce import coerce_value
from gzdesk.core.excel.model import CellValue
from gzdesk.core.reference import Reference, seed_districts, seed_industries
from gzdesk.core.schema import Field, FieldType

REFERENCE = Reference(seed_districts(), seed_industries())
MONEY = schema.INVESTMENT.field("agreed_investment")
DATE = schema.INVESTMENT.field("signed_on")
JOBS = schema.INVESTMENT.field("jobs")
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
EXCEL_1900 = dt.date(1899, 12, 30)


def coerced(field: Field, raw: CellValue, unit: str | None = None, **options: object) -> object:
    result = coerce_value(field, raw, unit=unit, reference=REFERENCE, **options)  # type: ignore[arg-type]
    assert result.problem is None, (raw, unit, result.problem)
    return result.value


def plain(number: Decimal) -> str:
    """``number`` as a clerk types it: fixed point, no exponent, no trailing zeros."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def grouped(number: Decimal) -> str:
    whole, _, fraction = plain(number).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


# amounts in 万元 with up to 4 decimal places, 0 … 10^9
wan_amounts = st.builds(lambda units, places: Decimal(units).scaleb(-places),
                        st.integers(min_value=0, max_value=10**13), st.integers(min_value=0, max_value=4))


def close(got: object, want: Decimal) -> bool:
    assert isinstance(got, float)
    return abs(got - float(want)) <= 1e-9 * max(abs(float(want)), 1e-300)


@given(wan_amounts, st.sampled_from(["cell", "header", "sheet"]),
       st.sampled_from(["万元", "万", "亿元", "亿", "元", "千元"]),
       st.sampled_from(["plain", "grouped", "full_width", "approx", "spaced"]))
@settings(max_examples=400)
def test_money_round_trips_through_any_unit_and_format(wan: Decimal, where: str, unit: str, style: str) -> None:
    exponent = {"万元": 0, "万": 0, "亿元": 4, "亿": 4, "元": -4, "千元": -1}[unit]
    number = wan.scaleb(-exponent)
    text = grouped(number) if style == "grouped" else plain(number)
    if style == "full_width":
        text = text.translate(FULL_WIDTH)
    if where == "cell":
        text = text + unit
        if style == "approx":
            text = "约" + text
        column_unit = None
    else:
        column_unit = unit if unit not in ("万", "亿") else unit + "元"
    if style == "spaced":
        text = f"  {text} "
    assert close(coerced(MONEY, text, column_unit), wan)


@given(wan_amounts, st.sampled_from(["万元", "亿元", "元", "千元"]))
def test_money_from_numbers_round_trips(wan: Decimal, unit: str) -> None:
    exponent = {"万元": 0, "亿元": 4, "元": -4, "千元": -1}[unit]
    number = float(wan.scaleb(-exponent))
    assert close(coerced(MONEY, number, unit), wan.scaleb(-exponent).scaleb(exponent))


@given(st.integers(min_value=0, max_value=10**12))
def test_full_width_digits_read_like_ascii_digits(number: int) -> None:
    full = str(number).translate(FULL_WIDTH)
    assert coerced(MONEY, full) == float(number)
    assert coerced(JOBS, full) == number
    assert coerced(JOBS, f"{number:,}".translate(FULL_WIDTH) + "人") == number


dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31))


def day_forms(day: dt.date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    return [f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y}/{m}/{d}", f"{y}-{m}-{d}", f"{y}.{m}.{d}",
            f"{y}{m:02d}{d:02d}", day.isoformat(), f"{day.isoformat()}T00:00:00", f"{day.isoformat()} 00:00",
            f"{y}/{m:02d}/{d:02d}"]


def month_forms(day: dt.date) -> list[str]:
    y, m = day.year, day.month
    return [f"{y}年{m}月", f"{y}年{m:02d}月", f"{y}.{m:02d}", f"{y}.{m}", f"{y}{m:02d}", f"{y}-{m:02d}", f"{y}/{m}"]


@given(dates, st.data(), st.booleans())
def test_every_day_form_gives_the_iso_date(day: dt.date, data: st.DataObject, full_width: bool) -> None:
    text = data.draw(st.sampled_from(day_forms(day)))
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert coerced(DATE, text) == day.isoformat()


@given(dates, st.data())
def test_every_month_form_keeps_month_precision(day: dt.date, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(month_forms(day)))
    assert coerced(DATE, text) == f"{day.year:04d}-{day.month:02d}"


@given(dates, st.booleans())
def test_date_cells_and_serials_give_the_iso_date(day: dt.date, as_datetime: bool) -> None:
    cell = dt.datetime(day.year, day.month, day.day) if as_datetime else day
    assert coerced(DATE, cell) == day.isoformat()
    for serial, date1904 in (((day - EXCEL_1900).days, False), ((day - dt.date(1904, 1, 1)).days, True)):
        result = coerce_value(DATE, float(serial), unit=None, reference=REFERENCE, date1904=date1904)
        if 1900 <= serial <= 2200:  # a bare number that reads as a year is refused, not taken as a 1905 serial
            assert result.problem is not None and result.problem.code == "coerce.date.year_only"
        elif serial >= 1:
            assert (result.value, result.problem) == (day.isoformat(), None)


@given(dates)
def test_day_month_order_is_accepted_only_when_unambiguous(day: dt.date) -> None:
    text = f"{day.day}/{day.month}/{day.year}"
    result = coerce_value(DATE, text, unit=None, reference=REFERENCE)
    if day.day <= 12:
        assert result.problem is not None and result.problem.code == "coerce.date.ambiguous"
    else:
        assert result.value == day.isoformat()


VOCABULARY_FIELDS = [f for entity in schema.PROJECT_LISTS for f in entity.fields
                     if f.type in (FieldType.ENUM, FieldType.TAGS) and f.vocabulary is not None]
WORDS = [(field, word) for field in VOCABULARY_FIELDS for choice in field.vocabulary.choices  # type: ignore[union-attr]
         for word in (choice.value, choice.en, *choice.synonyms)]


@given(st.sampled_from(WORDS), st.sampled_from(["same", "upper", "lower", "padded", "full_width"]))
@settings(max_examples=500)
def test_vocabulary_words_always_map_to_a_canonical_value(pair: tuple[Field, str], variant: str) -> None:
    field, word = pair
    text = {"same": word, "upper": word.upper(), "lower": word.lower(), "padded": f" \u3000{word} ",
            "full_width": word.translate(FULL_WIDTH)}[variant]
    value = coerced(field, text)
    assert field.vocabulary is not None
    allowed = field.vocabulary.values
    assert (value in allowed) if field.type is FieldType.ENUM else (value == [field.vocabulary.canonical(word)])
    if field.type is FieldType.ENUM:
        assert value == field.vocabulary.canonical(word)


@given(st.text(max_size=50))
def test_any_text_cell_gives_a_value_or_a_problem_never_an_exception(text: str) -> None:
    for field in (MONEY, DATE, JOBS, schema.INVESTMENT.field("name"), schema.INVESTMENT.field("stage"),
                  schema.INVESTMENT.field("district"), schema.INVESTMENT.field("credit_code")):
        result = coerce_value(field, text, unit=None, reference=REFERENCE)
        assert (result.value is None) or result.problem is None
