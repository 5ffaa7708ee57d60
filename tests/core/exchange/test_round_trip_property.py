"""Hypothesis: any records exported to an exchange workbook and imported into another database come back equal."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store

export_exchange = pytest.importorskip("gzdesk.core.excel.export_exchange").export_exchange

_counter = itertools.count()
printable = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\u200b\ufffe\uffff")
free_text = st.one_of(
    st.none(),
    st.text(printable, min_size=1, max_size=40).map(str.strip).filter(bool),
    st.sampled_from(["=1+2", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-5", "@SUM(A1)", "#N/A", "#REF!", "＝1",
                     "第一行\n第二行", "长" * 3000]),
)
day = st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))
date_value = st.one_of(st.none(), day.map(lambda d: d.isoformat()), day.map(lambda d: d.isoformat()[:7]))
money = st.one_of(st.none(), st.decimals(0, 10_000_000, places=4).map(float))
record = st.fixed_dictionaries({
    "name": st.text(st.sampled_from("芯片机器人新能源汽车生物医药数据中心广州一二期"), min_size=2, max_size=12),
    "district": st.sampled_from(["440106", "440112", "440115", "440113"]),
    "stage": st.one_of(st.none(), st.sampled_from(["线索", "在谈", "签约", "开工", "投产", "终止"])),
    "agreed_investment": money, "funds_arrived": money, "signed_on": date_value, "planned_start": date_value,
    "notes": free_text, "latest_progress": free_text, "tags": st.one_of(st.none(), st.lists(
        st.sampled_from(["世界500强", "链主", "外资", "上市公司"]), min_size=1, max_size=3, unique=True)),
    "foreign": st.one_of(st.none(), st.booleans()), "jobs": st.one_of(st.none(), st.integers(0, 100_000)),
    "industry": st.one_of(st.none(), st.sampled_from(["C01", "C08", "S01"])),
})


FIELDS = ("name", "district", "stage", "agreed_investment", "funds_arrived", "signed_on", "planned_start", "notes",
          "latest_progress", "tags", "foreign", "jobs", "industry")


def comparable(store: Store) -> dict[str, dict[str, object]]:
    """Each record's generated fields, by its stable id (the id travels with the workbook)."""
    return {str(row["id"]): {k: row[k] for k in FIELDS} for row in store.iter_records("investment")}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(rows=st.lists(record, min_size=1, max_size=8, unique_by=lambda r: r["name"]))
def test_export_then_import_into_another_database_gives_the_same_records(tmp_path: Path,
                                                                         rows: list[dict[str, object]]) -> None:
    folder = tmp_path / f"case{next(_counter)}"
    folder.mkdir()
    with Store.open(folder / "a.db") as office_a, Store.open(folder / "b.db") as office_b:
        office_a.create_many("investment", rows, source="test")
        export_exchange(office_a, folder / "x.xlsx", lists=("investment",))
        back = plan_import(office_a, folder / "x.xlsx")
        assert back.problems == () and back.updates == () and len(back.matched) == len(rows)
        plan = plan_import(office_b, folder / "x.xlsx")
        assert plan.problems == (), [p.message("en") for p in plan.problems]
        apply_import(office_b, plan)
        assert comparable(office_b) == comparable(office_a)
