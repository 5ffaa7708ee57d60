"""Rows as tab-separated text for the clipboard, the way Excel and WPS write and read it.

One line per row, cells separated by a tab, lines ended by CR LF (as Excel copies). A cell holding a tab, a line
break or a double quote — or starting with a quote — is put in double quotes with its quotes doubled, so a pasted
cell keeps its line breaks and stays one cell; line breaks inside a cell are written as LF, as Excel writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

LINE_END = "\r\n"
_NEEDS_QUOTES = ("\t", "\n", "\r", '"')


def cell_text(value: str) -> str:
    """One cell as Excel expects it in pasted text."""
    if not any(mark in value for mark in _NEEDS_QUOTES):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return '"' + value.replace('"', '""') + '"'


def tab_separated(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """``header`` and ``rows`` (cells as shown) as tab-separated text ending with a line break."""
    lines = ["\t".join(map(cell_text, header))]
    lines += ["\t".join(map(cell_text, row)) for row in rows]
    return LINE_END.join(lines) + LINE_END
