"""A bulk insert writes its search texts and audit entries after the table rows (made on a thread while the indexes
are built again): the search index holds exactly what indexing every record afresh gives, the audit log one entry
per record in the order of the rows, and new ids are random UUIDs as ``uuid.uuid4`` makes them."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gzdesk.core import insert_backlog, schema, search
from gzdesk.core.store import Store, uuid4_text
from tests.conftest import project


def _index(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Every (term, record, column, position) of the investment search index."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, investment_fts, instance)")
    return sorted(conn.execute("SELECT term, doc, col, offset FROM temp.vocabulary"))


def _rows(count: int) -> list[dict[str, object]]:
    return [{**project(f"芯片项目{i}（一期）", park="南沙 Ｐａｒｋ", latest_progress=None if i % 3 else "已签约",
                       notes=f"备注{i % 7}", code=f"GZ-{i:05d}"), "_origin": f"f.xlsx!表!{i + 2}"}
            for i in range(count)]


@pytest.mark.parametrize("limit", [insert_backlog.LIMIT, 700])  # everything at the end; or written on the way too
def test_a_bulk_insert_indexes_and_audits_exactly_its_rows(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                           limit: int) -> None:
    monkeypatch.setattr(insert_backlog, "LIMIT", limit)
    change = store.create_many("investment", _rows(2500), source="import", validate=False, total=2500)
    written = _index(store.conn)
    with store.transaction() as conn:
        search.rebuild_index(conn, schema.entity("investment"))
    assert written == _index(store.conn) and written
    entries = store.conn.execute("SELECT record_id, origin, action, revision FROM audit ORDER BY seq").fetchall()
    assert entries == [(record_id, f"f.xlsx!表!{i + 2}", "create", 1) for i, record_id in enumerate(change.created)]
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failure_while_writing_them_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise RuntimeError("texts failed")

    monkeypatch.setattr(search, "spaced_rows", fail)
    with pytest.raises(RuntimeError, match="texts failed"):
        store.create_many("investment", _rows(1500), source="import", validate=False)
    assert store.count("investment") == 0 and _index(store.conn) == []
    assert store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 0


@given(st.binary(min_size=16, max_size=16))
def test_new_ids_are_version_4_uuids_as_uuid4_writes_them(random: bytes) -> None:
    text = uuid4_text(random)
    assert text == str(uuid.UUID(bytes=random, version=4))
    assert uuid.UUID(text).version == 4 and uuid.UUID(text).variant == uuid.RFC_4122


def test_new_ids_differ(store: Store) -> None:
    ids = store.create_many("investment", [project(f"项目{i}") for i in range(3000)], source="test").created
    assert len(set(ids)) == 3000 and all(uuid.UUID(i).version == 4 for i in ids)
