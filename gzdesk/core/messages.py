"""Messages a clerk reads, by code, in Chinese and English.

Each area of the core registers its own catalog with :func:`register`; the shells render a code in the
clerk's language with :func:`render`. Parameters are filled with ``str.format``.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

LANGUAGES = ("zh", "en")

_CATALOG: dict[str, tuple[str, str]] = {}


def register(catalog: Mapping[str, tuple[str, str]]) -> None:
    """Add ``code -> (zh, en)`` templates; a code may be registered only once."""
    for code, texts in catalog.items():
        if code in _CATALOG and _CATALOG[code] != texts:
            raise ValueError(f"message code {code!r} registered twice")
        _CATALOG[code] = texts


def render(code: str, lang: str = "zh", /, **params: object) -> str:
    """The message for ``code`` in ``lang`` ("zh" or "en"); unknown codes render as the code and params."""
    texts = _CATALOG.get(code)
    if texts is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code} ({detail})" if detail else code
    template = texts[1] if lang == "en" else texts[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def known_codes() -> frozenset[str]:
    return frozenset(_CATALOG)


def default_language() -> str:
    """"en" when the environment asks for English (GZDESK_LANG, LANG/LC_ALL), otherwise "zh"."""
    wanted = os.environ.get("GZDESK_LANG")
    if wanted in LANGUAGES:
        return wanted
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else ("en" if value.lower().startswith("en") else "zh")
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "en" if code.lower().startswith("en") else "zh"
