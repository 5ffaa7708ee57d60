"""The industry taxonomy is editable without a code change, and every edit is audited."""

from __future__ import annotations

import pytest

from gzdesk.core import taxonomy
from gzdesk.core.errors import InputRefused, NotFound
from gzdesk.core.store import Store


def test_seed_has_fifteen_clusters_and_the_placeholders(store: Store) -> None:
    codes = sorted(store.reference.industries)
    assert [c for c in codes if c.startswith("C")] == [f"C{i:02d}" for i in range(1, 16)]
    assert {"F01", "S01"} <= set(codes)
    assert store.reference.industry_code("集成电路") == "C08"
    assert store.reference.industry_code("AI") == "C07"
    assert store.reference.industry_code("现代金融业") == "S01"


def test_fill_in_a_future_industry_rename_alias_and_retire(store: Store) -> None:
    taxonomy.add_industry(store, code="f02", name_zh="量子科技", name_en="Quantum technology", group_zh="未来产业",
                          aliases=("量子信息",))
    assert store.reference.industry_code("量子信息") == "F02"
    taxonomy.rename_industry(store, "F01", name_zh="具身智能", name_en="Embodied intelligence")
    assert store.reference.industry_name("F01") == "具身智能"
    assert store.reference.industry_code("未来产业（待补充）") == "F01"  # old name still resolves
    taxonomy.add_alias(store, "S01", "现代物流")
    assert store.reference.industry_code("现代物流") == "S01"
    assert taxonomy.set_retired(store, "C13").retired
    assert store.reference.industry_code("轨道交通") == "C13"
    fields = [e.field for e in store.history("F01")]
    assert fields == ["name_zh", "aliases", "name_en"]
    with Store.open(store.path) as again:  # persisted
        assert again.reference.industry_code("量子信息") == "F02"


def test_taxonomy_refusals(store: Store) -> None:
    with pytest.raises(InputRefused):
        taxonomy.add_industry(store, code="C01", name_zh="重复")
    with pytest.raises(InputRefused):
        taxonomy.add_industry(store, code="X 1", name_zh="坏代码")
    with pytest.raises(InputRefused) as raised:
        taxonomy.add_alias(store, "S01", "集成电路")  # belongs to C08
    assert "C08" in raised.value.message("zh")
    with pytest.raises(NotFound):
        taxonomy.rename_industry(store, "Z99", name_zh="无")
