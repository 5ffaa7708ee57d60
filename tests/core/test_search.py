"""Chinese full-text search: 1- and 2-character queries, updates and deletes keep the index right."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gzdesk.core.query import Filter, Query
from gzdesk.core.search import match_expression, spaced
from gzdesk.core.store import Store
from tests.conftest import project


def names(store: Store, query: Query) -> list[str]:
    return [str(r["name"]) for r in store.rows("investment", store.ordered_ids("investment", query))]


def test_two_character_chinese_query_finds_words_inside_longer_text(store: Store) -> None:
    store.create_many("investment", [
        project("粤芯芯片制造项目"), project("机器人产业园"), project("生物医药基地", latest_progress="引进芯片封测线"),
        project("新能源汽车总部"),
    ], source="test")
    assert sorted(names(store, Query(search="芯片"))) == ["生物医药基地", "粤芯芯片制造项目"]
    assert names(store, Query(search="器人")) == ["机器人产业园"]
    assert names(store, Query(search="芯")) == ["粤芯芯片制造项目", "生物医药基地"]
    assert names(store, Query(search="汽车 新能源")) == ["新能源汽车总部"]  # every term must appear
    assert names(store, Query(search="芯片 汽车")) == []


def test_search_combines_with_filter_and_sort(store: Store) -> None:
    store.create_many("investment", [
        project("芯片一期", "440112", total_investment=5.0), project("芯片二期", "440112", total_investment=9.0),
        project("芯片三期", "440106", total_investment=7.0),
    ], source="test")
    query = Query(filters=(Filter("district", "=", "440112"),), sort=(("total_investment", True),), search="芯片")
    assert names(store, query) == ["芯片二期", "芯片一期"]


def test_index_follows_updates_and_deletes(store: Store) -> None:
    record_id = store.create("investment", project("数据中心项目")).created[0]
    store.update("investment", record_id, {"name": "算力中心项目"})
    assert names(store, Query(search="数据")) == []
    assert names(store, Query(search="算力")) == ["算力中心项目"]
    store.delete("investment", [record_id])
    assert names(store, Query(search="算力")) == []
    assert store.conn.execute("SELECT count(*) FROM investment_fts WHERE investment_fts MATCH '\"中 心\"'"
                              ).fetchone()[0] == 0


def test_latin_full_width_and_case() -> None:
    assert spaced("ＡＩ芯片 Lab") == "a i 芯 片 l a b"
    assert match_expression('a"b 芯片') == '"a b" AND "芯 片"'
    assert match_expression("  ") is None


def test_query_punctuation_is_harmless(store: Store) -> None:
    store.create("investment", project("AI 芯片（一期）"))
    for text in ('"', "(", "*", "NEAR", "AND OR", "芯片）", "-"):
        store.ordered_ids("investment", Query(search=text))
    assert names(store, Query(search="ai")) == ["AI 芯片（一期）"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet="芯片机器人新能源汽车生物医药数据中心广州AIx1", min_size=1, max_size=12),
       data=st.data())
def test_any_substring_of_a_name_finds_it(tmp_path: Path, name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, min(len(name), start + 3)))
    path = tmp_path / f"s{abs(hash(name))}.db"
    with Store.open(path) as store:
        record_id = store.create("investment", project(name)).created[0]
        found = store.rows("investment", store.ordered_ids("investment", Query(search=name[start:end])))
        assert [r["id"] for r in found] == [record_id]
    path.unlink()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(district=st.sampled_from(["440106", "440112", None]), stage=st.sampled_from(["在谈", "签约", None]),
       term=st.sampled_from(["", "芯片", "机器人", "一期"]), descending=st.booleans(), limit=st.integers(1, 40))
def test_first_rows_plans_give_the_same_rows_as_the_full_order(tmp_path: Path, district: str | None,
                                                               stage: str | None, term: str, descending: bool,
                                                               limit: int) -> None:
    """The LIMIT query plans (sort index walked, filters unindexed) must not change which rows come first."""
    path = tmp_path / "plans.db"
    with Store.open(path) as store:
        if not store.count("investment"):
            store.create_many("investment", [
                project(f"{['芯片', '机器人', '数据'][i % 3]}项目{'（一期）' if i % 4 else ''}{i}",
                        ["440106", "440112", "440115"][i % 3], stage=["在谈", "签约"][i % 2],
                        total_investment=float(i % 17) if i % 5 else None) for i in range(300)], source="test")
        filters = tuple(Filter(k, "=", v) for k, v in (("district", district), ("stage", stage)) if v)
        query = Query(filters, (("total_investment", descending),), term)
        assert store.ordered_ids("investment", query, limit=limit) == store.ordered_ids("investment", query)[:limit]
