"""Districts (GB/T 2260) and the editable "21+8" industry taxonomy: seed files and name resolution."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gzdesk import paths
from gzdesk.core.schema import fold


@dataclass(frozen=True)
class District:
    code: str
    name_zh: str
    name_en: str
    legacy_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Industry:
    code: str
    group_zh: str
    group_en: str
    subgroup_zh: str
    subgroup_en: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    retired: bool = False


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_districts(path: Path | None = None) -> list[District]:
    rows = _read_csv(path or paths.resource("reference", "districts.csv"))
    return [District(r["code"], r["name_zh"], r["name_en"], _split(r.get("legacy_names_zh"))) for r in rows]


def seed_industries(path: Path | None = None) -> list[Industry]:
    rows = _read_csv(path or paths.resource("reference", "industries.csv"))
    return [
        Industry(r["code"], r["group_zh"], r["group_en"], r["subgroup_zh"], r["subgroup_en"], r["name_zh"],
                 r["name_en"], _split(r.get("legacy_aliases_zh")))
        for r in rows
    ]


_CITY_PREFIXES = ("广东省广州市", "广州市", "广州", "guangzhou")


class Reference:
    """Resolves what sheets write (codes, names, legacy names, English names) to district and industry codes."""

    def __init__(self, districts: Iterable[District], industries: Iterable[Industry]) -> None:
        self.districts: dict[str, District] = {d.code: d for d in districts}
        self.industries: dict[str, Industry] = {i.code: i for i in industries}
        self._district_words: dict[str, str] = {}
        for d in self.districts.values():
            short = d.name_zh.removesuffix("区")
            for word in (d.code, d.name_zh, short, d.name_en, f"{d.name_en} district", *d.legacy_names):
                self._district_words.setdefault(fold(word), d.code)
        self._industry_words: dict[str, str] = {}
        for i in self.industries.values():
            for word in (i.code, i.name_zh, i.name_en, *i.aliases):
                self._industry_words.setdefault(fold(word), i.code)

    def district_code(self, raw: str) -> str | None:
        word = fold(raw)
        if word in self._district_words:
            return self._district_words[word]
        for prefix in _CITY_PREFIXES:
            if word.startswith(prefix) and word[len(prefix):] in self._district_words:
                return self._district_words[word[len(prefix):]]
        return None

    def industry_code(self, raw: str) -> str | None:
        return self._industry_words.get(fold(raw))

    def district_name(self, code: str, lang: str = "zh") -> str:
        d = self.districts.get(code)
        return code if d is None else (d.name_en if lang == "en" else d.name_zh)

    def industry_name(self, code: str, lang: str = "zh") -> str:
        i = self.industries.get(code)
        return code if i is None else (i.name_en if lang == "en" else i.name_zh)

    def describe(self, reference: str, code: str | None) -> Mapping[str, str | None] | None:
        """``{"code": …, "name": …}`` for JSON output; a value kept as written (unknown) has no code."""
        if code is None:
            return None
        known = self.districts if reference == "district" else self.industries
        if code not in known:
            return {"code": None, "name": code}
        name = self.district_name(code) if reference == "district" else self.industry_name(code)
        return {"code": code, "name": name}
