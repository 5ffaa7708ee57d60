"""Links between enterprises, officials and projects, read from real database files."""

from __future__ import annotations

import pytest

from gzdesk.core import relations
from gzdesk.core.errors import NotFound
from gzdesk.core.store import Store

CODE = "91440101MA59TEST0X"


def _seed(store: Store) -> dict[str, str]:
    """Two officials, two enterprises, projects in all three lists naming them in different ways."""
    (li,) = store.create("official", {"name": "李明", "title": "副市长", "industries": "人工智能、软件与互联网、未知产业"}).created
    (wang,) = store.create("official", {"name": "王芳", "title": "市政府秘书长", "industries": "生物医药与健康"}).created
    (chip,) = store.create("enterprise", {"name": "广州芯途科技有限公司", "district": "440112", "industry": "C07",
                                          "official": "李明", "key_enterprise": True}).created
    (robot,) = store.create("enterprise", {"name": "广州机械臂有限公司", "district": "440106",
                                           "industry": "C07"}).created
    store.conn.execute("UPDATE enterprise SET credit_code = ? WHERE id = ?", [CODE, chip])  # no check digit needed here
    store.create_many("investment", [
        {"name": "芯片设计总部", "district": "440112", "enterprise": "广州芯途科技有限公司", "total_investment": 5000.0,
         "official": "李明"},
        {"name": "芯片封测基地", "district": "440112", "enterprise": "芯途（广州）", "total_investment": 9000.0},
        {"name": "机械臂产线", "district": "440106", "enterprise": "广州机械臂有限公司", "official": "王芳"},
    ], source="test", validate=False)
    store.create_many("tech_transfer", [
        {"name": "芯片封装专利转化", "district": "440112", "enterprise": "广州芯途科技有限公司"},
    ], source="test", validate=False)
    store.create_many("expansion", [
        {"name": "芯途扩产", "district": "440112", "enterprise": "别名", "credit_code": CODE, "official": "李明",
         "total_investment": 100.0},
    ], source="test", validate=False)
    store.conn.execute("UPDATE investment SET credit_code = ? WHERE name = '芯片封测基地'", [CODE])
    return {"li": li, "wang": wang, "chip": chip, "robot": robot}


def test_an_enterprise_has_its_projects_in_every_list_and_its_official(store: Store) -> None:
    ids = _seed(store)
    links = relations.enterprise_links(store, ids["chip"])
    assert [(p.kind, p.name) for p in links.projects] == [
        ("investment", "芯片封测基地"), ("investment", "芯片设计总部"),  # by credit code, by name; larger first
        ("tech_transfer", "芯片封装专利转化"), ("expansion", "芯途扩产")]
    assert links.official_name == "李明" and links.official is not None and links.official["title"] == "副市长"
    assert [o["name"] for o in links.industry_officials] == ["李明"]  # 人工智能 C07 is 人工智能


def test_an_enterprise_without_official_still_shows_who_supports_its_industry(store: Store) -> None:
    ids = _seed(store)
    links = relations.enterprise_links(store, ids["robot"])
    assert [p.name for p in links.projects] == ["机械臂产线"]
    assert links.official_name is None and links.official is None
    assert [o["name"] for o in links.industry_officials] == ["李明"]


def test_an_official_has_industries_enterprises_and_projects(store: Store) -> None:
    ids = _seed(store)
    links = relations.official_links(store, ids["li"])
    assert [(s.code is not None, s.name) for s in links.industries] == [
        (True, "人工智能"), (True, "软件与互联网"), (False, "未知产业")]
    ai = links.industries[0]
    assert (ai.enterprises, ai.projects) == (2, 0)  # the projects above carry no industry
    assert [e["name"] for e in links.enterprises] == ["广州芯途科技有限公司"]
    assert [(p.kind, p.name) for p in links.projects] == [("investment", "芯片设计总部"), ("expansion", "芯途扩产")]
    wang = relations.official_links(store, ids["wang"])
    assert [p.name for p in wang.projects] == ["机械臂产线"] and wang.enterprises == ()


def test_unknown_ids_are_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        relations.enterprise_links(store, "nope")
    with pytest.raises(NotFound):
        relations.official_links(store, "nope")


def test_industry_words_split_on_every_separator() -> None:
    assert relations.industry_words(" 人工智能、软件与互联网，生物医药/新材料; 低空经济 ") == (
        "人工智能", "软件与互联网", "生物医药", "新材料", "低空经济")
    assert relations.industry_words(None) == ()


def test_the_sample_data_links_up(store: Store) -> None:
    from gzdesk.core.demo import fill_demo

    fill_demo(store, projects=400)
    officials = list(store.iter_records("official"))
    assert len(officials) == 14
    for official in officials:
        links = relations.official_links(store, str(official["id"]))
        assert links.industries and all(share.code for share in links.industries)
        assert all(p.record["official"] == official["name"] for p in links.projects)
        assert all(e["official"] == official["name"] for e in links.enterprises)
    total = 0
    for enterprise in store.iter_records("enterprise"):
        links = relations.enterprise_links(store, str(enterprise["id"]))
        assert all(p.record["enterprise"] == enterprise["name"] or p.record["credit_code"] == enterprise["credit_code"]
                   for p in links.projects)
        total += len(links.projects)
    assert total == 400  # every sample project belongs to exactly one enterprise
