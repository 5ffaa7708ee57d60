"""Units that sheets write next to headers, above tables and inside cells, and what they mean for a value.

Money is stored in 万元 (DOMAIN.md). A money unit is kept as a power of ten relative to 万元, so a conversion is an
exact decimal shift (``Decimal.scaleb``) and never adds binary rounding noise. Foreign currencies are known units
too, but they have no factor: a value in 万美元 is a different currency and is never converted silently.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

WAN: Final = "万元"

MONEY_EXPONENTS: Final[dict[str, int]] = {"万元": 0, "亿元": 4, "元": -4, "千元": -1, "百万元": 2, "千万元": 3}
"""Each money unit as ``value_in_万元 = value × 10 ** exponent``."""

FOREIGN_CURRENCIES: Final = frozenset({"万美元", "美元", "亿美元", "万港元", "港元", "万欧元", "欧元"})
AREA_FACTORS: Final[dict[str, float]] = {"亩": 1.0, "公顷": 15.0, "平方米": 0.0015}
PERCENT: Final = "%"

# Folded spellings (see :func:`unit_of`) → the canonical unit.
_SPELLINGS: Final[dict[str, str]] = {
    **{word: "万元" for word in ("万元", "万", "万元人民币", "人民币万元", "rmb万元", "10kcny", "10krmb", "10kyuan",
                                 "cny10k", "rmb10k", "10000yuan", "10,000yuan", "tenthousandyuan", "万人民币")},
    **{word: "亿元" for word in ("亿元", "亿", "亿元人民币", "人民币亿元", "100mcny", "100mrmb", "cny100m",
                                 "100millioncny", "100millionyuan")},
    **{word: "元" for word in ("元", "人民币元", "元人民币", "yuan", "cny", "rmb")},
    "千元": "千元", "百万元": "百万元", "百万": "百万元", "千万元": "千万元", "千万": "千万元",
    **{word: "万美元" for word in ("万美元", "万美金", "10kusd", "usd10k", "万元美元")},
    **{word: "美元" for word in ("美元", "美金", "usd", "us$", "$")},
    "亿美元": "亿美元", "万港元": "万港元", "港元": "港元", "万港币": "万港元", "港币": "港元",
    "万欧元": "万欧元", "欧元": "欧元",
    **{word: "亩" for word in ("亩", "mu")},
    **{word: "公顷" for word in ("公顷", "ha", "hectare", "hectares")},
    **{word: "平方米" for word in ("平方米", "m2", "㎡", "sqm", "平米")},
    **{word: "%" for word in ("%", "percent", "百分比")},
}


def canonical_unit(word: str) -> str | None:
    """The canonical unit for a unit word ("亿" → "亿元", "10k CNY" → "万元"), or None when it is no known unit."""
    key = unicodedata.normalize("NFKC", word).lower().replace(" ", "").removeprefix("单位")
    return _SPELLINGS.get(key.strip(":："))


_SHEET_UNIT = re.compile(
    r"(?:单位|unit)\s*[:：]\s*(万元|亿元|千元|百万元|元|万美元|亿美元|美元|10k\s*CNY|10,000\s*yuan|100m\s*CNY)",
    re.IGNORECASE,
)


def sheet_unit(text: str) -> str | None:
    """The unit a line above a table declares ("填报单位：天河区投资促进局    单位：亿元" → "亿元"), or None."""
    match = _SHEET_UNIT.search(unicodedata.normalize("NFKC", text))
    return canonical_unit(match.group(1)) if match else None


def is_foreign(unit: str | None) -> bool:
    return unit in FOREIGN_CURRENCIES
