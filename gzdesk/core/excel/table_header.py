"""Finding the header row(s) of a table: score rows against every list's header words, flatten two-level headers.

A header cell is matched by folding it (``schema.fold``), dropping required-field stars and trailing bracketed
parts ("总投资（万元）", "签约时间(年月日)", "Contract amount (10k CNY)"); a bracketed unit is remembered. In a two-level
header ("投资额（万元）" merged over "计划总投资 | 年度计划") a column matches on its sub header, then on top + sub, and
inherits the top cell's unit.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gzdesk.core.excel.model import CellValue, Sheet
from gzdesk.core.excel.units import MONEY_EXPONENTS, canonical_unit
from gzdesk.core.schema import Entity, fold

HEADER_SEARCH_ROWS = 30
SEQUENCE_WORDS = frozenset({"序号", "序", "no", "no.", "#", "nr", "sn", "s/n", "seq", "顺序号", "排序", "序列号"})
_BRACKETED = re.compile(r"^(?P<head>.*?)[(\[【〔](?P<inner>[^()\[\]【】〔〕]*)[)\]】〕]$")
_SLASH_UNIT = re.compile(r"^(?P<head>.+?)/(?P<inner>[^/]{1,8})$")
_MARKERS = str.maketrans("", "", "*※★☆")
_PARTS = re.compile(r"[\n/|]")


@dataclass(frozen=True)
class ColumnMap:
    """One column of a found table. ``index`` is 0-based (the position in ``Sheet.rows[r]``), ``letter`` the Excel
    column ("H"). ``kind`` is "field" (``field`` names the schema field), "sequence" (序号, ignored), "duplicate" (a
    second column for a field already mapped; ignored) or "unmapped". ``unit`` is the unit that applies to the
    column's values: the header's own (or its top header's), else for money fields the sheet's unit line."""

    index: int
    letter: str
    header: str
    field: str | None
    unit: str | None
    kind: str


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index (0 → "A", 27 → "AB")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: CellValue) -> str:
    """The text a header (or any label) cell shows, stripped; "" for blanks and non-text values."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return ""


_WORDS: dict[int, tuple[Entity, dict[str, str], dict[str, tuple[str | None, str | None]]]] = {}
_MATCHES_KEPT = 20_000  # per entity: the texts of the first rows of the sheets read in one session


def _words(entity: Entity) -> tuple[dict[str, str], dict[str, tuple[str | None, str | None]]]:
    """Folded header word → field key for ``entity`` (built once per entity object), and the results of
    :func:`match_header` so far: finding a header tries each of the first 30 rows as a header for every list, once
    alone and once over the next row, so each cell text is matched about six times (a sheet with 45 columns: 0.3 s)."""
    known = _WORDS.get(id(entity))
    if known is not None and known[0] is entity:
        return known[1], known[2]
    words: dict[str, str] = {}
    for field in entity.fields:
        for word in field.header_words:
            words.setdefault(word.translate(_MARKERS), field.key)
    _WORDS[id(entity)] = (entity, words, {})
    return words, _WORDS[id(entity)][2]


def match_header(entity: Entity, text: str) -> tuple[str | None, str | None]:
    """The field ``text`` names in ``entity`` (or None) and the unit written in it (or None)."""
    words, matched = _words(entity)
    found = matched.get(text)
    if found is None:
        found = _match_header(entity, words, text)
        if len(matched) < _MATCHES_KEPT:
            matched[text] = found
    return found


def _match_header(entity: Entity, words: dict[str, str], text: str) -> tuple[str | None, str | None]:
    folded = fold(text).translate(_MARKERS)
    unit: str | None = None
    while folded:
        if folded in words:
            return words[folded], unit or header_unit(folded)
        match = _BRACKETED.match(folded) or _SLASH_UNIT.match(folded)
        if match is None:
            break
        found = canonical_unit(match.group("inner"))
        if found is None and match.re is _SLASH_UNIT:
            break
        unit = unit or found
        folded = match.group("head")
    for suffix in ("万元", "亿元"):  # "总投资万元": a unit written without brackets
        if folded.endswith(suffix) and folded[: -len(suffix)] in words:
            return words[folded[: -len(suffix)]], unit or suffix
    parts = [part for part in _PARTS.split(text) if part.strip()]
    if len(parts) > 1:  # a bilingual cell: "项目名称\nProject name", "所属区 / District"
        for part in parts:
            field, part_unit = match_header(entity, part)
            if field is not None:
                return field, unit or part_unit or header_unit(text)
    return None, unit


def header_unit(text: str) -> str | None:
    """The unit written in a header cell ("投资额（万元）" → "万元"), whether or not the header names a field."""
    folded = fold(text)
    while (match := _BRACKETED.match(folded) or _SLASH_UNIT.match(folded)) is not None:
        found = canonical_unit(match.group("inner"))
        if found is not None:
            return found
        folded = match.group("head")
    return None


@dataclass(frozen=True)
class HeaderGuess:
    """The best header found for one list: its 0-based first row, how many rows it spans, its columns, score."""

    entity: Entity
    row: int
    levels: int
    columns: tuple[ColumnMap, ...]
    score: int
    bonus: int

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (self.score, self.bonus, -self.levels, -self.row)


def filled_header_rows(sheet: Sheet, limit: int) -> list[list[str]]:
    """The texts of the first ``limit`` rows with horizontally merged ranges filled across their first row.

    The rows a vertical merge continues into stay blank: a header cell merged down over two header rows belongs to
    the top row, so a second header row alone never looks like the whole header."""
    rows = [[cell_text(value) for value in row] for row in sheet.rows[:limit]]
    for merge in sheet.merges:
        if merge.first_row >= limit or merge.last_col == merge.first_col:
            continue
        row = rows[merge.first_row]
        text = row[merge.first_col] if merge.first_col < len(row) else ""
        if len(row) <= merge.last_col:
            row.extend([""] * (merge.last_col + 1 - len(row)))
        for c in range(merge.first_col, merge.last_col + 1):
            row[c] = text
    return rows


def map_columns(entity: Entity, top: Sequence[str], sub: Sequence[str] | None) -> tuple[list[ColumnMap], int]:
    """The columns of a header made of ``top`` (and ``sub`` for a two-level header) and how many fields it maps."""
    columns: list[ColumnMap] = []
    taken: set[str] = set()
    width = max(len(top), len(sub or ()))
    group = ""  # a top header over sub headers, carried right over blank top cells (a merge the file did not record)
    for c in range(width):
        upper = top[c] if c < len(top) else ""
        lower = sub[c] if sub is not None and c < len(sub) else ""
        if lower == upper:
            lower = ""
        if upper:
            group = upper if lower else ""
        elif lower:
            upper = group
        if not upper and not lower:
            continue
        if lower:
            text = f"{upper}/{lower}" if upper else lower
            field, unit = match_header(entity, lower)
            if field is None and upper:
                field, unit = match_header(entity, upper + lower)
            unit = unit or header_unit(lower) or (header_unit(upper) if upper else None)
            label = lower
        else:
            text = label = upper
            field, unit = match_header(entity, upper)
        if field is not None and field in taken:
            kind = "duplicate"
        elif field is not None:
            kind = "field"
            taken.add(field)
        else:
            kind = "sequence" if _is_sequence_word(label) else "unmapped"
        columns.append(ColumnMap(c, column_letter(c), text, field if kind == "field" else None, unit, kind))
    return columns, len(taken)


@functools.lru_cache(maxsize=4096)
def _is_sequence_word(label: str) -> bool:
    """Whether a header cell names the 序号 column (asked of every unmapped cell of every row tried as a header)."""
    return fold(label).translate(_MARKERS) in SEQUENCE_WORDS


def _alias_bonus(entity: Entity, folded_context: str) -> int:
    return int(any(fold(alias) in folded_context for alias in entity.aliases))


def _plausible(guess: HeaderGuess) -> bool:
    if guess.score >= 3:
        return True
    named = [c for c in guess.columns if c.kind != "sequence"]
    mapped = {c.field for c in guess.columns if c.field}
    return guess.score >= 2 and "name" in mapped and guess.score * 3 >= 2 * len(named)


def find_header(sheet: Sheet, entities: Sequence[Entity]) -> HeaderGuess | None:
    """The best plausible header in the first rows of ``sheet`` over ``entities``, or None.

    Ranking: most fields mapped, then the list named by the sheet name or a title above, then a single header row
    over two levels, then the earliest row."""
    limit = min(HEADER_SEARCH_ROWS, len(sheet.rows))
    texts = filled_header_rows(sheet, min(limit + 1, len(sheet.rows)))
    best: HeaderGuess | None = None
    context = fold(sheet.name)  # the sheet name and every row above r, folded (blanks go: rows fold one by one)
    for r in range(limit):
        if r:
            context += fold(" ".join(texts[r - 1]))
        if not any(texts[r]):
            continue
        following = texts[r + 1] if r + 1 < len(texts) else None
        for entity in entities:
            bonus = _alias_bonus(entity, context)  # equal ranks keep the earlier list
            single, score = map_columns(entity, texts[r], None)
            candidates = [HeaderGuess(entity, r, 1, tuple(single), score, bonus)]
            if following is not None and any(following):
                double, score2 = map_columns(entity, texts[r], following)
                if score2 > score:
                    candidates.append(HeaderGuess(entity, r, 2, tuple(double), score2, bonus))
            for guess in candidates:
                if _plausible(guess) and (best is None or guess.rank > best.rank):
                    best = guess
    return best


def is_money_unit(unit: str | None) -> bool:
    return unit in MONEY_EXPONENTS
