"""Field validators named in the schema: the unified social credit code (GB 32100-2015) and phone numbers."""

from __future__ import annotations

import re
import unicodedata

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_PHONE = re.compile(r"^[0-9+()\-\s/、,，转]{5,40}$")


def credit_code_check_digit(first17: str) -> str:
    """The 18th character of a unified social credit code, computed from the first 17 (GB 32100-2015)."""
    total = sum(CREDIT_CODE_CHARSET.index(ch) * weight for ch, weight in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def normalise_credit_code(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).strip().upper().replace(" ", "")


def credit_code_problem(code: str) -> str | None:
    """None when ``code`` is a valid credit code, otherwise the message code of what is wrong."""
    if len(code) != 18:
        return "validate.credit_code.length"
    if any(ch not in CREDIT_CODE_CHARSET for ch in code):
        return "validate.credit_code.charset"
    if credit_code_check_digit(code[:17]) != code[17]:
        return "validate.credit_code.check_digit"
    return None


def phone_problem(phone: str) -> str | None:
    return None if _PHONE.match(unicodedata.normalize("NFKC", phone).strip()) else "validate.phone"


VALIDATORS = {"credit_code": credit_code_problem, "phone": phone_problem}
