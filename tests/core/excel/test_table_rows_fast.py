"""The quick test for plain data rows (``_Rules.plain``) never disagrees with the rules: a row it calls plain is data
by every rule, whatever its cells (Hypothesis, with texts built from the very characters and words the rules look
for), so ``plan_rows`` gives what the rules alone give."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gzdesk.core.excel import table_rows
from gzdesk.core.excel.model import CellError, CellValue, Merge, Sheet
from gzdesk.core.excel.table_header import ColumnMap
from gzdesk.core.excel.table_rows import _maybe_special, _Rules
from gzdesk.core.reference import Reference, seed_districts, seed_industries

REFERENCE = Reference(seed_districts(), seed_industries())
_PATTERNS = (table_rows._TOTAL_HINT, table_rows._NOTE, table_rows._EXAMPLE, table_rows._EXAMPLE_MARK,
             table_rows._SECTION)
# Every character the rules' patterns name, Latin letters and their case-blind look-alikes, and some plain ones.
_ALPHABET = "".join(sorted({c for p in _PATTERNS for c in p.pattern if not c.isascii()}
                           | set("abcdegilmnoprstuxyzAEGNRSTſK0123456789 :：()（）.、[]【】\t\n\u3000") | set("广州项目公司")))
_WORDS = ["合计", "小 计", "总计", "共计", "Total", "SUM", "填报说明", "说明：", "注：", "注1.", "备注", "Notes:", "remark:",
          "数据来源：", "示例", "样例：", "例", "Example", "e.g.", "（示例）", "[example]", "一、", "（二）", "第三批",
          "Ⅳ、", "其中：", "天河区", "项目名称", "所属区", "ſum", "Kemarks"]
TEXTS = st.one_of(st.text(_ALPHABET, max_size=10),
                  st.builds(lambda a, w, b: a + w + b, st.text(_ALPHABET, max_size=3), st.sampled_from(_WORDS),
                            st.text(_ALPHABET, max_size=3)))
CELLS: st.SearchStrategy[CellValue] = st.one_of(
    st.none(), st.sampled_from(["", " ", "\u3000", "\u200b"]), TEXTS, st.integers(-3, 50), st.floats(0, 99),
    st.booleans(), st.just(CellError("#N/A")))


def _matches_a_rule(text: str) -> bool:
    return any(p.search(text) if p in (table_rows._TOTAL_HINT, table_rows._EXAMPLE_MARK) else p.match(text)
               for p in _PATTERNS)


@settings(max_examples=3000, deadline=None)
@given(text=TEXTS)
@example(text="ſum")
@example(text="小计")
@example(text="Ⅱ、二期")
@example(text="（示例）项目")
def test_a_text_any_rule_could_match_is_never_called_plain(text: str) -> None:
    stripped = text.strip()
    if _matches_a_rule(stripped):
        assert _maybe_special(stripped)


@settings(max_examples=1500, deadline=None)
@given(rows=st.lists(st.lists(CELLS, max_size=7), min_size=1, max_size=8),
       sequence=st.sets(st.integers(0, 5), max_size=5), header=st.lists(TEXTS, min_size=2, max_size=5),
       wide=st.booleans())
def test_a_row_called_plain_is_data_by_every_rule(rows: list[list[CellValue]], sequence: set[int],
                                                   header: list[str], wide: bool) -> None:
    columns = [ColumnMap(c, "", "序号", None, None, "sequence") for c in sorted(sequence)]
    merges = (Merge(0, 0, len(rows) - 1, 1),) if wide else ()
    header_texts = [{c: re.sub(r"\s", "", text) or "x" for c, text in enumerate(header)}]
    rules = _Rules(Sheet("表", rows, merges=merges), columns, header_texts, REFERENCE, 0)
    for r, row in enumerate(rows):
        if rules.plain(row):
            assert rules.apply_rules(r, row, False) is None
            assert rules.apply_rules(r, row, True) is None


def test_an_ordinary_data_row_is_plain_and_special_rows_are_not() -> None:
    rules = _Rules(Sheet("表", []), [ColumnMap(0, "A", "序号", None, None, "sequence")], [{1: "项目名称", 2: "所属区"}],
                   REFERENCE, 0)
    assert rules.plain([1, "广州岚1号智造项目", "广州第1科技有限公司", "天河区", 500.0])
    for row in ([1, "合计", None, None, 3.0], [None, "项目A", "企业", "天河区"], [1, "项目名称", "所属区", "x"],
                ["一、续建项目", "a", "b", "c"], [1, None, None, None], [1, "项目（示例）", "企业", "天河区"]):
        assert not rules.plain(row)  # type: ignore[arg-type]
