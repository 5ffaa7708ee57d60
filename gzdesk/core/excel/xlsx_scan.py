"""One streaming pass over a sheet's XML before calamine may touch it.

Contract: :func:`scan_sheet` reads the part in chunks (memory: a few chunks) and returns a :class:`SheetScan`:

* ``rows``/``columns`` — an upper bound of the used area counted from A1 (every ``<c>`` counts, empty or not),
  which the caller compares with the limits before calamine allocates that area (calamine aborts the process
  on an area it cannot allocate; it ignores ``<dimension>``, and so do we);
* hidden rows (``<row hidden="1">``) and columns (``<col hidden="1">``), 0-based;
* ``overrides`` — cells whose calamine value is wrong: error cells (``t="e"``) become ``CellError("#N/A")``
  etc.; formulas saved without a result ``CellError("no_cached_value")``; date-formatted numbers outside
  Excel's date range (negative, 0 or serial 60 in the 1900 system, ≥ year 10000, not finite) and ``t="d"``
  cells that are not ISO dates ``CellError("bad_date")``; date-formatted serials calamine mis-converts in the
  1904 system (below 1) get the right date.

The fast path (:func:`scan_fast`) visits every cell tag once with one regex that accepts only the canonical
form Excel, WPS, openpyxl and XlsxWriter write (``<c r="B12" s="3" t="s">``) within the bounds seen so far;
everything else is found with byte searches for rare things (``t="e"``, ``<f``, ``hidden="``, date styles).
A cell it cannot place for sure (no ``r``, ``r`` not first or repeated, odd references, prefixed elements)
sends the whole sheet to the exact lxml pass (:mod:`gzdesk.core.excel.xlsx_exact`). Blocks are cut before a
cell or row tag, so no tag is ever split between two blocks.

The fast path also comes in two halves that together give exactly what it gives: :func:`scan_area` (the used area
alone: what must be known before calamine may read the sheet) and :func:`scan_details` (everything else, which the
reader works out while calamine reads). Each raises :class:`NeedsExactScan` where the whole pass would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from gzdesk.core.excel.model import CellError, CellValue
from gzdesk.core.excel.xlsx_dates import BAD_DATE, date_override, date_patterns, parse_iso_date
from gzdesk.core.excel.xlsx_parts import StyleKinds

Chunks = Callable[[], Iterator[bytes]]
NO_CACHED_VALUE = CellError("no_cached_value")
_REF = re.compile(rb"([A-Z]{1,3})(\d{1,7})$")
_ATTR_R = re.compile(rb'\sr="([^"]*)"')
_ROW_HIDDEN = re.compile(rb'<row\b([^>]*?\bhidden="(?:1|true)"[^>]*)>')
_COL = re.compile(rb"<col\b([^>]*)>")
_TYPED = re.compile(rb't="([ed])"')
_NO_CACHE = re.compile(rb"<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_FORMULA = re.compile(rb"<f[\s>/]")
_PREFIXED = re.compile(rb":(?:c|row)[\s>/]")
_CANONICAL_CELL = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"(?: (?:s|t|cm|vm|ph)="[^"<>]{0,16}")*/?>')


class NeedsExactScan(Exception):
    """The fast path met something it cannot place; the caller rescans the sheet with :func:`scan_exact`."""


@dataclass
class SheetScan:
    rows: int = 0
    columns: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    overrides: dict[tuple[int, int], CellValue] = field(default_factory=dict)

    def place(self, row: int, column: int) -> None:
        """Widen the used area to 1-based (row, column)."""
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)


def column_number(letters: bytes | str) -> int:
    """1-based column number of "A", "Z", "AA", … ."""
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        number = number * 26 + ord(char) - 64
    return number


def parse_ref(ref: bytes) -> tuple[int, int] | None:
    """(row, column), 1-based, of a cell reference such as b"B12"; None if it is not one."""
    match = _REF.match(ref)
    if match is None or int(match.group(2)) == 0:
        return None
    return int(match.group(2)), column_number(match.group(1))


def scan_sheet(chunks: Chunks, *, styles: StyleKinds, date1904: bool) -> SheetScan:
    """Scan a sheet part in one pass (see the module contract); exactly when the fast path cannot."""
    try:
        return scan_fast(chunks(), styles=styles, date1904=date1904)
    except NeedsExactScan:
        from gzdesk.core.excel.xlsx_exact import scan_exact

        return scan_exact(chunks(), styles=styles, date1904=date1904)


def scan_fast(chunks: Iterator[bytes], *, styles: StyleKinds, date1904: bool) -> SheetScan:
    """The fast scan alone; raises :class:`NeedsExactScan` when it meets a cell it cannot place. Its area is an
    upper bound (rows rounded up to two significant digits)."""
    return _FastScan(styles, date1904).run(chunks)


def scan_area(chunks: Iterator[bytes]) -> SheetScan:
    """:func:`scan_fast`'s used area alone (``rows`` and ``columns``; nothing else is filled in)."""
    return _FastScan(StyleKinds(), False, details=False).run(chunks)


def scan_details(chunks: Iterator[bytes], *, styles: StyleKinds, date1904: bool) -> SheetScan:
    """:func:`scan_fast` without the used area (``rows`` and ``columns`` stay 0): hidden rows and columns, overrides.
    It trusts the area pass: raises :class:`NeedsExactScan` only for what the area pass does not look at."""
    return _FastScan(styles, date1904, area=False).run(chunks)


class _FastScan:
    def __init__(self, styles: StyleKinds, date1904: bool, *, area: bool = True, details: bool = True) -> None:
        self.scan = SheetScan()
        self.date1904 = date1904
        self.date_checks = date_patterns(styles, date1904) if details else []
        self.area, self.details = area, details
        self.in_data = False
        self.bound = (0, 0)

    def run(self, chunks: Iterator[bytes]) -> SheetScan:
        carry = b""
        for raw in chunks:
            data = carry + raw if carry else raw
            cut = max(data.rfind(b"<c "), data.rfind(b"<row"))
            if cut <= 0:
                carry = data
                continue
            self.block(data[:cut])
            carry = data[cut:]
        self.block(carry)
        self.scan.rows, self.scan.columns = self.bound
        return self.scan

    def block(self, block: bytes) -> None:
        if not self.in_data:
            start = block.find(b"<sheetData")
            head = block if start < 0 else block[:start]
            if self.details:
                for match in _COL.finditer(head):
                    hide_columns(self.scan, match.group(1))
            if start < 0:
                return
            self.in_data, block = True, block[start:]
        if self.area:
            self.check_area(block)
        if self.details:
            self.find_details(block)

    def find_details(self, block: bytes) -> None:
        if b'hidden="' in block:
            for match in _ROW_HIDDEN.finditer(block):
                number = _ATTR_R.search(b" " + match.group(1))
                if number is None or not number.group(1).isdigit():
                    raise NeedsExactScan
                self.scan.hidden_rows.add(int(number.group(1)) - 1)
        if _TYPED.search(block):
            for match in _TYPED.finditer(block):
                self.typed_cell(block, match.start(), match.group(1))
        if _FORMULA.search(block):
            for match in _NO_CACHE.finditer(block):
                found = _cell_attributes(block, match.start(), inside_tag=False)
                if found and b't="str"' not in found[0] and b't="e"' not in found[0]:
                    self.scan.overrides[found[1]] = NO_CACHED_VALUE
        for kind, pattern in self.date_checks:
            for match in pattern.finditer(block):
                value = date_override(match.group(1), kind, self.date1904)
                found = _cell_attributes(block, match.start(), inside_tag=True)
                if value is not None and found is not None:
                    self.scan.overrides[found[1]] = value

    def check_area(self, block: bytes) -> None:
        """Widen the bounds to every cell of ``block``, or raise :class:`NeedsExactScan`.

        One regex finds every cell tag that is not in the canonical form ``<c r="B12" s=".." t="..">`` with a
        reference inside the bounds; a canonical tag beyond them widens the bounds, anything else (no ``r``,
        ``r`` not first or twice, quotes, entities, lower case, other attributes, whitespace) goes exact.
        Prefixed cell or row elements (``<x:c>``), which calamine also reads, go exact too.
        """
        if _PREFIXED.search(block):
            raise NeedsExactScan
        last = block.rfind(b'<c r="')
        if last >= 0:
            place = parse_ref(block[last + 6 : block.find(b'"', last + 6)])
            if place is not None:
                self.note(place)
        position = 0
        while (match := _beyond(*self.bound).search(block, position)) is not None:
            canonical = _CANONICAL_CELL.match(block, match.start())
            place = parse_ref(canonical.group(1)) if canonical else None
            if place is None:
                raise NeedsExactScan
            self.note(place)
            position = match.start() + 2

    def note(self, place: tuple[int, int]) -> None:
        """Raise the bounds to cover a cell: rows rounded up to two significant digits, columns exact."""
        self.bound = (max(self.bound[0], _round_up(place[0])), max(self.bound[1], place[1]))

    def typed_cell(self, block: bytes, at: int, kind: bytes) -> None:
        found = _cell_attributes(block, at, inside_tag=True)
        if found is None:
            return
        position = found[1]
        end = block.find(b"</c>", at)
        value = _VALUE.search(block, at, end if end >= 0 else len(block))
        text = value.group(1).decode("utf-8", errors="replace") if value else ""
        if kind == b"e":
            self.scan.overrides[position] = CellError(text.strip() or "#VALUE!")
        elif parse_iso_date(text) is None:
            self.scan.overrides[position] = BAD_DATE


def _cell_attributes(block: bytes, at: int, *, inside_tag: bool) -> tuple[bytes, tuple[int, int]] | None:
    """The attributes of the ``<c>`` tag at or before byte ``at`` and the cell's 0-based position.

    None when ``at`` is not inside a ``<c>`` tag (``inside_tag``) or not after one; raises
    :class:`NeedsExactScan` when the cell has no usable reference.
    """
    start = block.rfind(b"<c", 0, at)
    while start >= 0 and block[start + 2 : start + 3] not in (b" ", b"\t", b"\n", b"\r", b">", b"/"):
        start = block.rfind(b"<c", 0, start)
    end = block.find(b">", start)
    if start < 0 or end < 0 or (inside_tag and end < at):
        return None
    if not inside_tag and (block[end - 1 : end] == b"/" or block.find(b"</c>", start, at) >= 0):
        return None
    attributes = block[start + 2 : end]
    ref = _ATTR_R.search(attributes)
    place = parse_ref(ref.group(1)) if ref else None
    if place is None:
        raise NeedsExactScan
    return attributes, (place[0] - 1, place[1] - 1)


def hide_columns(scan: SheetScan, attributes: bytes) -> None:
    """Record ``<col min max hidden>`` (1-based inclusive) as hidden 0-based columns."""
    if re.search(rb'\bhidden="(?:1|true)"', attributes) is None:
        return
    low = re.search(rb'\bmin="(\d{1,5})"', attributes)
    high = re.search(rb'\bmax="(\d{1,5})"', attributes)
    if low and high:
        first, last = int(low.group(1)), min(int(high.group(1)), 16_384)
        scan.hidden_columns.update(range(first - 1, last))


def _round_up(number: int) -> int:
    """The largest number with the same digit count and first two digits (50001 → 50999, 7 → 9)."""
    text = str(number)
    return int(text[:2] + "9" * (len(text) - 2)) if len(text) > 2 else 10 ** len(text) - 1


@lru_cache(maxsize=256)
def _beyond(row_bound: int, column_bound: int) -> re.Pattern[bytes]:
    """A regex for cell tags that are not canonical with a reference inside the bounds (see ``check_area``).

    Every cell is a candidate, so the pattern is built per bound and kept simple (about 4 ns per byte).
    """
    rows = _greater(str(row_bound or 9), r"\d")
    if column_bound <= 26:
        columns = f"[A-{chr(64 + max(column_bound, 1))}]"
    else:
        columns = f"(?!(?:{_greater(_column_letters(column_bound), '[A-Z]')})\\d)[A-Z]{{1,3}}"
    return re.compile(rb'<c(?: (?!r="' + columns.encode() + b"(?!" + rows.encode()
                      + rb')\d{1,7}+"(?: s="\d{1,6}+")?+(?: t="[a-zA-Z]{1,9}+")?+/?>)|[>/\t\n\r])')


def _greater(bound: str, unit: str) -> str:
    """A regex matching the start of any digit (``unit`` ``\\d``) or letter (``[A-Z]``) string that is greater
    than ``bound`` in Excel's order: longer, or as long and greater at the first difference."""
    high = "9" if unit == r"\d" else "Z"
    options = [f"{unit}{{{len(bound) + 1}}}"]
    for index, char in enumerate(bound):
        if char < high:
            options.append(f"{re.escape(bound[:index])}[{chr(ord(char) + 1)}-{high}]{unit}{{{len(bound) - index - 1}}}")
    return "|".join(options)


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
