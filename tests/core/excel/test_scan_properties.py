"""The fast sheet scan agrees with the exact (lxml) scan, and its used area is never smaller (Hypothesis)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from gzdesk.core.excel.xlsx_exact import scan_exact
from gzdesk.core.excel.xlsx_parts import StyleKinds
from gzdesk.core.excel.xlsx_scan import NeedsExactScan, SheetScan, column_number, scan_area, scan_details, scan_fast
from tests.core.excel import hostile

STYLES = StyleKinds(dates=frozenset({hostile.DATE_STYLE}), times=frozenset({hostile.TIME_STYLE}))
CELL_KINDS = st.sampled_from([
    "<v>1.5</v>", ' t="s"><v>0</v>', ' t="e"><v>#N/A</v>', ' t="e"><f>1/0</f><v>#DIV/0!</v>', "<f>A1</f>",
    "<f>A1</f><v>3</v>", ' t="str"><f>""</f><v></v>', ' t="d"><v>2024-13-45</v>', ' t="d"><v>2024-03-01</v>',
    ' s="1"><v>-5</v>', ' s="1"><v>0</v>', ' s="1"><v>60</v>', ' s="1"><v>45000</v>', ' s="1"><v>3000000</v>',
    ' s="2"><v>0.5</v>', ' s="2"><v>-1</v>', ' t="inlineStr"><is><t>x</t></is>'])


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml(cells: dict[tuple[int, int], str], hidden: set[int], *, shuffle_key: int) -> bytes:
    rows: dict[int, list[str]] = {}
    for (row, column), kind in sorted(cells.items(), key=lambda item: (item[0][0], (item[0][1] * shuffle_key) % 97)):
        body = kind if kind.startswith(" ") else ">" + kind
        rows.setdefault(row, []).append(f'<c r="{_letters(column)}{row}"{body}</c>')
    flag = ' hidden="1"'
    xml = "".join(f'<row r="{row}"{flag if row in hidden else ""}>' + "".join(parts) + "</row>"
                  for row, parts in sorted(rows.items()))
    return hostile.sheet_xml(xml, head='<cols><col min="2" max="3" hidden="1"/></cols>').encode()


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[index : index + size] for index in range(0, len(data), size)]


@settings(max_examples=150, deadline=None)
@given(cells=st.dictionaries(st.tuples(st.integers(1, 3000), st.integers(1, 60)), CELL_KINDS, min_size=1,
                             max_size=60),
       hidden=st.sets(st.integers(1, 3000), max_size=5), chunk=st.sampled_from([64, 300, 4096, 1 << 20]),
       shuffle_key=st.sampled_from([1, 7, 13]), date1904=st.booleans())
def test_fast_scan_matches_exact(cells: dict[tuple[int, int], str], hidden: set[int], chunk: int,
                                 shuffle_key: int, date1904: bool) -> None:
    hidden &= {row for row, _ in cells}
    data = _xml(cells, hidden, shuffle_key=shuffle_key)
    exact = scan_exact(iter(_chunks(data, chunk)), styles=STYLES, date1904=date1904)
    assert exact.rows == max(row for row, _ in cells)
    assert exact.columns == max(column for _, column in cells)
    try:
        fast = scan_fast(iter(_chunks(data, chunk)), styles=STYLES, date1904=date1904)
    except NeedsExactScan:
        return
    _assert_agree(fast, exact)


def _assert_agree(fast: SheetScan, exact: SheetScan) -> None:
    assert fast.rows >= exact.rows and fast.columns >= exact.columns
    assert fast.hidden_rows == exact.hidden_rows
    assert fast.hidden_columns == exact.hidden_columns == {1, 2}
    assert fast.overrides == exact.overrides


def test_column_numbers() -> None:
    assert [column_number(text) for text in ("A", "Z", "AA", "AZ", "XFD")] == [1, 26, 27, 52, 16_384]


def _outcome(scan: Callable[[], SheetScan]) -> SheetScan | None:
    try:
        return scan()
    except NeedsExactScan:
        return None


@settings(max_examples=150, deadline=None)
@given(cells=st.dictionaries(st.tuples(st.integers(1, 3000), st.integers(1, 60)), CELL_KINDS, min_size=1,
                             max_size=60),
       hidden=st.sets(st.integers(1, 3000), max_size=5), chunk=st.sampled_from([64, 300, 4096, 1 << 20]),
       shuffle_key=st.sampled_from([1, 7, 13]), date1904=st.booleans(),
       odd=st.sampled_from(["", '<c r="B2" r="C3"><v>1</v></c>', '<c><v>1</v></c>', '<row hidden="1"><c r="A9"/></row>',
                            '<x:c r="A1"/>', '<c r="A1" s="1"  t="n"/>']))
def test_the_area_and_the_details_passes_together_give_the_fast_scan(
        cells: dict[tuple[int, int], str], hidden: set[int], chunk: int, shuffle_key: int, date1904: bool,
        odd: str) -> None:
    """The reader's two passes (area before calamine, the rest while it reads) give exactly the one-pass scan, and
    between them go exact exactly when it would."""
    hidden &= {row for row, _ in cells}
    data = _xml(cells, hidden, shuffle_key=shuffle_key).replace(b"</sheetData>", odd.encode() + b"</sheetData>")
    whole = _outcome(lambda: scan_fast(iter(_chunks(data, chunk)), styles=STYLES, date1904=date1904))
    area = _outcome(lambda: scan_area(iter(_chunks(data, chunk))))
    details = _outcome(lambda: scan_details(iter(_chunks(data, chunk)), styles=STYLES, date1904=date1904))
    if whole is None:
        assert area is None or details is None
        return
    assert area is not None and details is not None
    assert (area.rows, area.columns) == (whole.rows, whole.columns)
    assert (details.hidden_rows, details.hidden_columns, details.overrides) == (
        whole.hidden_rows, whole.hidden_columns, whole.overrides)
