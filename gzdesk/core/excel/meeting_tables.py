"""Writing the meeting workbook's statistics sheets: rows top to bottom (XlsxWriter's constant-memory order), in a
few shared cell styles, with the print setup of the meeting sheets.

Header words on these sheets deliberately name no schema field (项目数（个）, 重点项目, 区县 …), so our own importer
never takes a statistics sheet for a project list; a test holds every sheet to that.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.worksheet import Worksheet

from gzdesk.core.excel.write_safe import CellFormats, FormatBook, RowPlace, write_text, write_value

MONEY = "#,##0.00"
_BORDER = {"border": 1, "valign": "vcenter", "font_size": 10}
_STYLES: dict[str, dict[str, object]] = {
    "label": {}, "text": {"text_wrap": True}, "count": {"num_format": "0"}, "money": {"num_format": MONEY},
    "percent": {"num_format": "0.0%"}, "points": {"num_format": "0.0"},
}
A4 = 9
FOOTER = {"zh": "&C第 &P 页，共 &N 页", "en": "&CPage &P of &N"}


class SheetWriter:
    """Writes one sheet's rows in order; ``row`` is the next free row. Each cell style is a :class:`CellFormats`
    attribute (title, line, section, header, and the data styles of :meth:`style`)."""

    def __init__(self, sheet: Worksheet, formats: FormatBook, place: str) -> None:
        self.sheet, self.formats, self.row = sheet, formats, 0
        self.place = RowPlace(place, "", sheet.name)
        self.title = formats.cell_formats({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
        self.line = formats.cell_formats({"font_size": 10, "valign": "vcenter"})
        self.section = formats.cell_formats({"bold": True, "font_size": 12})
        self.header = formats.cell_formats({**_BORDER, "bold": True, "text_wrap": True, "align": "center",
                                            "bg_color": "#DDEBF7"})
        self.label = self.style("label")
        self.text = self.style("text")
        self.count = self.style("count")
        self.money = self.style("money")
        self.percent = self.style("percent")
        self.points = self.style("points")

    def style(self, name: str, fill: str | None = None) -> CellFormats:
        """A bordered data cell style (label, text, count, money, percent, points), with a background colour."""
        return self.formats.cell_formats({**_BORDER, **_STYLES[name], **({"bg_color": fill} if fill else {})})

    def cells(self, values: Sequence[str | int | float | None], formats: Sequence[CellFormats], *,
              merge_to: int | None = None) -> int:
        """Write one row (None: a bordered blank cell); returns its index. ``merge_to``: the last cell spans to
        that column (a long explanation)."""
        row = self.row
        if merge_to is not None and merge_to > len(values) - 1:
            self.sheet.merge_range(row, len(values) - 1, row, merge_to, "", formats[-1].plain)
        for column, (value, cell_formats) in enumerate(zip(values, formats, strict=True)):
            if value is None:
                self.sheet.write_blank(row, column, None, cell_formats.plain)
            elif isinstance(value, str):
                write_text(self.sheet, row, column, value, cell_formats, self.place, "")
            else:
                write_value(self.sheet, row, column, value, cell_formats, self.place, "")
        self.row += 1
        return row

    def merged(self, text: str, width: int, cell_formats: CellFormats, height: float | None = None) -> int:
        """One text across columns 0 … ``width`` (a title or an information line)."""
        row = self.row
        if height is not None:
            self.sheet.set_row(row, height)
        if width > 0:
            self.sheet.merge_range(row, 0, row, width, "", cell_formats.plain)
        write_text(self.sheet, row, 0, text, cell_formats, self.place, "")
        self.row += 1
        return row

    def headers(self, texts: Sequence[str], *, height: float = 40) -> int:
        """A header row, tall enough for headers wrapped on three lines (rows are not fitted on opening)."""
        self.sheet.set_row(self.row, height)
        return self.cells(list(texts), [self.header] * len(texts))

    def skip(self, rows: int = 1) -> None:
        self.row += rows


def page_setup(sheet: Worksheet, *, lang: str, repeat_rows: tuple[int, int] | None = None,
               freeze_row: int | None = None, landscape: bool = True) -> None:
    """The meeting sheets' print setup: A4, one page wide, narrow margins, page numbers in the footer; the header
    rows repeated on every page and frozen when given."""
    if landscape:
        sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(FOOTER["en" if lang == "en" else "zh"])
    if repeat_rows is not None:
        sheet.repeat_rows(*repeat_rows)
    if freeze_row is not None:
        sheet.freeze_panes(freeze_row, 0)
