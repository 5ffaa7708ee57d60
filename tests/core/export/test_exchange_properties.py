"""T40 (writer side): random records written to an exchange workbook read back with python-calamine as exactly the
cell values they should be, and their bases come back from the metadata sheet unchanged."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gzdesk.core import schema
from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.exchange import meta
from gzdesk.core.schema.vocabularies import ENTERPRISE_TAGS, INVESTMENT_STAGES
from gzdesk.core.store import Store
from tests.core.export.helpers import by_id, calamine_sheets, expected_cell

ILLEGAL = "".join(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))) + "\ufffe\uffff"
characters = st.characters(blacklist_categories=["Cs"], blacklist_characters=ILLEGAL)
plain_text = st.text(characters, max_size=60)
chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=30)
formula_like = st.builds(lambda head, tail: head + tail, st.sampled_from(["=", "+", "-", "@", "＝", "\t", "\r", "\n",
                                                                           "#N/A", "_x0041_", "<r>", "00"]),
                         plain_text)
short_text = st.one_of(chinese, formula_like, plain_text)
long_text = st.one_of(st.text(characters, max_size=5000), st.builds(lambda a, b: a * 50 + b, chinese, formula_like))
day = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2199, 12, 31))
date_value = st.one_of(st.none(), day.map(dt.date.isoformat), day.map(lambda d: d.isoformat()[:7]))
money = st.one_of(st.none(), st.decimals(min_value=0, max_value=Decimal(10) ** 10, places=2).map(float),
                  st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 4)))
tags = st.one_of(st.none(), st.lists(st.sampled_from(ENTERPRISE_TAGS.values), unique=True, max_size=4))
record = st.fixed_dictionaries({
    "name": st.one_of(chinese, formula_like, plain_text).filter(lambda s: 0 < len(s) <= 200),
    "district": st.sampled_from(["440103", "440106", "440112", "440115"]),
    "enterprise": st.one_of(st.none(), short_text.filter(lambda s: len(s) <= 200)),
    "latest_progress": st.one_of(st.none(), long_text),
    "notes": st.one_of(st.none(), short_text),
    "signed_on": date_value,
    "planned_start": date_value,
    "agreed_investment": money,
    "funds_arrived": money,
    "jobs": st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)),
    "tags": tags,
    "foreign": st.one_of(st.none(), st.booleans()),
    "stage": st.one_of(st.none(), st.sampled_from(INVESTMENT_STAGES.values)),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(record, min_size=1, max_size=4))
def test_random_records_round_trip(rows: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "x.db") as store:
        store.create_many("investment", rows, source="test")
        path = export_exchange(store, Path(folder) / "x.xlsx", lists=["investment"]).path
        sheets = calamine_sheets(path)
        got = by_id(sheets["招商引资项目"])
        entity = schema.INVESTMENT
        records = list(store.iter_records("investment"))
        assert len(got) == len(records)
        for stored in records:
            expected = [expected_cell(f, stored[f.key], store.reference) for f in entity.fields]
            assert got[str(stored["id"])][1:] == expected
        _, bases = meta.parse_meta(sheets[meta.META_SHEET], file="x.xlsx")
        assert {key: dict(base.values) for key, base in bases.items()} == {
            str(r["id"]): {f.key: r[f.key] for f in entity.fields} for r in records}
        assert all(base.trusted for base in bases.values())
