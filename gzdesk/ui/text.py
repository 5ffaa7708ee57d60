"""Chinese by default, English when chosen: the shell's own strings (core messages come by code)."""

from __future__ import annotations


def tr(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh
