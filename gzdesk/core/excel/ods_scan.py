"""A scan of an .ods ``content.xml`` before calamine reads it.

Contract: :func:`scan_ods` streams the part through lxml's safe pull parser (no entities, no network, no huge
trees; the caller has refused DTDs) and returns, per table in order, an :class:`OdsTable`: name, the used
area from A1 counting repeated rows and cells (``number-rows-repeated``, ``number-columns-repeated``) that
hold a value — calamine expands those, so a 2 KB file can ask for billions of cells — and the hidden
(``table:visibility="collapse"``) rows and columns. Empty repeated rows and cells (LibreOffice pads every
sheet with them) do not count. Malformed XML raises :class:`OdsXmlError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MAX_REPEAT = 1 << 31


class OdsXmlError(Exception):
    """content.xml is not well-formed."""


@dataclass
class OdsTable:
    name: str
    rows: int = 0
    columns: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def scan_ods(chunks: Iterator[bytes]) -> list[OdsTable]:
    """Scan content.xml (see the module contract)."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True,
                                 huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True)
    state = _State()
    try:
        for chunk in chunks:
            parser.feed(chunk)
            state.consume(parser.read_events())
        parser.close()
        state.consume(parser.read_events())
    except etree.XMLSyntaxError as error:
        raise OdsXmlError(str(error)) from error
    return state.tables


def _repeat(element: etree._Element, name: str) -> int:
    value = element.get(f"{{{_TABLE}}}{name}", "1")
    return min(int(value), _MAX_REPEAT) if value.isdigit() and int(value) > 0 else 1


class _State:
    def __init__(self) -> None:
        self.tables: list[OdsTable] = []
        self.row = self.column = self.table_column = 0
        self.row_repeat = 1
        self.row_width = 0

    def consume(self, events: Iterator[tuple[str, etree._Element]]) -> None:
        for event, element in events:
            if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{_TABLE}}}"):
                continue
            local = element.tag[len(_TABLE) + 2 :]
            if event == "start":
                self.start(local, element)
            else:
                self.end(local, element)

    def start(self, local: str, element: etree._Element) -> None:
        if local == "table":
            self.tables.append(OdsTable(element.get(f"{{{_TABLE}}}name", "")))
            self.row = self.table_column = 0
        elif local == "table-row" and self.tables:
            self.row_repeat = _repeat(element, "number-rows-repeated")
            self.column = self.row_width = 0
            if element.get(f"{{{_TABLE}}}visibility", "visible") != "visible":
                self.tables[-1].hidden_rows.update(range(self.row, min(self.row + self.row_repeat, 1 << 20)))
        elif local == "table-column" and self.tables:
            repeat = _repeat(element, "number-columns-repeated")
            if element.get(f"{{{_TABLE}}}visibility", "visible") != "visible":
                end = min(self.table_column + repeat, 1 << 14)
                self.tables[-1].hidden_columns.update(range(self.table_column, end))
            self.table_column += repeat

    def end(self, local: str, element: etree._Element) -> None:
        if local in ("table-cell", "covered-table-cell") and self.tables:
            repeat = _repeat(element, "number-columns-repeated")
            if element.get(f"{{{_OFFICE}}}value-type") is not None or len(element):
                self.row_width = self.column + repeat
            self.column += repeat
            element.clear()
        elif local == "table-row" and self.tables:
            table = self.tables[-1]
            self.row += self.row_repeat
            if self.row_width:
                table.rows = max(table.rows, self.row)
                table.columns = max(table.columns, self.row_width)
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
