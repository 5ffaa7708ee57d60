"""The exact (slower) sheet scan: every element through lxml's safe pull parser.

Contract: same result as :func:`gzdesk.core.excel.xlsx_scan.scan_sheet`, but exact: cells without an ``r``
attribute are placed as calamine places them (next column; rows without ``r`` follow the previous row), and
the used area counts every ``<c>``. Memory stays bounded (rows are dropped once read). Malformed XML raises
:class:`SheetXmlError`; the caller names the sheet.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from gzdesk.core.excel.model import CellError
from gzdesk.core.excel.xlsx_dates import BAD_DATE, date_override, parse_iso_date
from gzdesk.core.excel.xlsx_parts import StyleKinds
from gzdesk.core.excel.xlsx_scan import NO_CACHED_VALUE, SheetScan, hide_columns, parse_ref


class SheetXmlError(Exception):
    """The sheet's XML is not well-formed (or uses a DTD)."""


def scan_exact(chunks: Iterator[bytes], *, styles: StyleKinds, date1904: bool) -> SheetScan:
    """Scan a sheet part element by element (see the module contract)."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True,
                                 huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True)
    state = _State(SheetScan(), styles, date1904)
    try:
        for chunk in chunks:
            parser.feed(chunk)
            state.consume(parser.read_events())
        parser.close()
        state.consume(parser.read_events())
    except etree.XMLSyntaxError as error:
        raise SheetXmlError(str(error)) from error
    return state.scan


class _State:
    """Places cells as calamine does: a ``<row r>`` sets the row, ``</row>`` moves to the next row and the
    first column; a cell with ``r`` goes where it says and the next column follows it; a cell without ``r``
    takes the current row and the next column."""

    def __init__(self, scan: SheetScan, styles: StyleKinds, date1904: bool) -> None:
        self.scan, self.styles, self.date1904 = scan, styles, date1904
        self.row, self.next_column = 0, 0  # 0-based
        self.position = (0, 0)

    def consume(self, events: Iterator[tuple[str, etree._Element]]) -> None:
        for event, element in events:
            tag = element.tag
            if not isinstance(tag, str):
                continue
            local = tag.rsplit("}", 1)[-1]
            if event == "start":
                self.start(local, element)
            elif local == "c":
                self.cell(element)
            elif local == "row":
                self.row, self.next_column = self.row + 1, 0
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]

    def start(self, local: str, element: etree._Element) -> None:
        if local == "row":
            number = element.get("r", "")
            if number and not (number.isdigit() and 0 < int(number) <= 9_999_999):
                raise SheetXmlError(f"bad row number {number[:20]!r}")
            self.row = int(number) - 1 if number else self.row
            if element.get("hidden") in ("1", "true"):
                self.scan.hidden_rows.add(self.row)
        elif local == "col":
            attributes = " ".join(f'{key}="{value}"' for key, value in element.attrib.items())
            hide_columns(self.scan, attributes.encode())
        elif local == "c":
            ref = element.get("r")
            if ref is None:
                self.position = (self.row, self.next_column)
            else:
                place = parse_ref(ref.encode())
                if place is None:
                    raise SheetXmlError(f"bad cell reference {ref[:20]!r}")
                self.position = (place[0] - 1, place[1] - 1)
            self.next_column = self.position[1] + 1
            self.scan.place(self.position[0] + 1, self.position[1] + 1)

    def cell(self, element: etree._Element) -> None:
        kind = element.get("t", "n")
        formula = value = None
        for child in element:
            if isinstance(child.tag, str):
                local = child.tag.rsplit("}", 1)[-1]
                formula = child if local == "f" else formula
                value = child if local == "v" else value
        text = (value.text or "") if value is not None else ""
        position = self.position
        if kind == "e":
            self.scan.overrides[position] = CellError(text.strip() or "#VALUE!")
        elif kind == "d":
            if parse_iso_date(text) is None:
                self.scan.overrides[position] = BAD_DATE
        elif formula is not None and not text.strip() and kind not in ("str", "inlineStr"):
            self.scan.overrides[position] = NO_CACHED_VALUE
        elif kind == "n" and text:
            style = int(element.get("s", "0")) if element.get("s", "0").isdigit() else 0
            date_kind = "date" if style in self.styles.dates else "time" if style in self.styles.times else None
            override = date_override(text, date_kind, self.date1904) if date_kind else None
            if override is not None:
                self.scan.overrides[position] = override
        element.clear()
