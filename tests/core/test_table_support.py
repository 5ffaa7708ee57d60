"""What the list table needs from the core: clipboard text, saved views, progress marks, counts and id arrays."""

from __future__ import annotations

import datetime as dt
from array import array

from gzdesk.core.clipboard_text import tab_separated
from gzdesk.core.errors import Cancelled
from gzdesk.core.evaluation.marks import progress_marks
from gzdesk.core.id_array import ordered_id_array, read_ordered_ids, row_count
from gzdesk.core.progress import NoProgress
from gzdesk.core.query import Filter, Query
from gzdesk.core.saved_views import SavedView, delete_view, save_view, saved_views
from gzdesk.core.store import Store
from tests.conftest import project


def test_tab_separated_text_quotes_cells_the_way_excel_reads_them() -> None:
    text = tab_separated(["名称", "备注"], [["芯片项目", "第一行\n第二行"], ['说"明"', "a\tb"], ["", '"开头']])
    assert text == ('名称\t备注\r\n芯片项目\t"第一行\n第二行"\r\n"说""明"""\t"a\tb"\r\n\t"""开头"\r\n')
    assert tab_separated(["x"], [["a\r\nb"]]) == 'x\r\n"a\nb"\r\n'


def test_saved_views_round_trip_in_the_database(store: Store) -> None:
    query = Query((Filter("district", "=", "440112"), Filter("stage", "in", ("签约", "开工"))),
                  (("total_investment", True),), "芯片")
    save_view(store, "investment", SavedView("黄埔签约开工", query, ("name", "district", "stage")))
    save_view(store, "investment", SavedView("全部", Query()))
    save_view(store, "expansion", SavedView("全部", Query(search="扩产")))
    views = saved_views(store, "investment")
    assert views == [SavedView("黄埔签约开工", query, ("name", "district", "stage")), SavedView("全部", Query())]
    save_view(store, "investment", SavedView("全部", Query(search="机器人")))  # same name: replaced in its place
    assert [(v.name, v.query.search) for v in saved_views(store, "investment")] == [("黄埔签约开工", "芯片"),
                                                                                   ("全部", "机器人")]
    assert [v.name for v in delete_view(store, "investment", "黄埔签约开工")] == ["全部"]
    assert saved_views(store, "expansion")[0].query.search == "扩产"
    stored = store.setting("saved_views")
    assert isinstance(stored, dict) and set(stored) == {"investment", "expansion"}


def test_a_saved_view_that_no_longer_fits_the_schema_loses_only_that_part(store: Store) -> None:
    store.set_setting("saved_views", {"investment": [
        {"name": "旧视图", "filters": [{"field": "gone", "op": "=", "value": 1},
                                    {"field": "stage", "op": "=", "value": "签约"}],
         "sort": [["gone", True]], "search": "", "columns": ["gone", "name"]},
        "broken", {"name": ""}]})
    assert saved_views(store, "investment") == [SavedView("旧视图", Query((Filter("stage", "=", "签约"),)), ("name",))]


def test_progress_marks_follow_the_latest_evaluation_and_the_due_period(store: Store) -> None:
    ids = list(store.create_many("investment", [project("红灯项目", stage="开工"), project("按时项目", stage="开工"),
                                                project("逾期项目", stage="签约"), project("在谈项目", stage="在谈")],
                                 source="test").created)
    rows = [
        {"project_kind": "investment", "project_id": ids[0], "period": "2026-08", "light": "绿", "judgement": "正常"},
        {"project_kind": "investment", "project_id": ids[0], "period": "2026-09", "light": "红", "judgement": "严重滞后"},
        {"project_kind": "investment", "project_id": ids[1], "period": "2026-09", "light": "绿", "judgement": "超前"},
        {"project_kind": "investment", "project_id": ids[1], "period": "2026-Q3", "light": "黄", "judgement": "滞后"},
        {"project_kind": "investment", "project_id": ids[2], "period": "2026-08", "light": "黄", "judgement": "滞后"},
    ]
    store.create_many("evaluation", rows, source="test")
    marks = progress_marks(store, "investment", store.records_by_ids("investment", ids).values(),
                           as_of=dt.date(2026, 10, 15))
    red, on_time, overdue, talking = (marks[i] for i in ids)
    assert (red.light, red.period, red.lagging, red.overdue, red.due) == ("红", "2026-09", True, False, "2026-09")
    assert (on_time.light, on_time.period, on_time.marked) == ("绿", "2026-09", False)  # a month before its quarter
    assert (overdue.light, overdue.overdue, overdue.lagging) == ("黄", True, True)
    assert not talking.marked and talking.light is None  # 在谈 does not report


def test_row_counts_and_id_arrays_match_the_store(store: Store, db_path: object) -> None:
    store.create_many("investment", [project(f"{'芯片' if i % 3 == 0 else '机器人'}项目{i}",
                                             "440112" if i % 2 else "440106", total_investment=float(i))
                                     for i in range(300)], source="test")
    for query in (Query(), Query(search="芯片"), Query((Filter("district", "=", "440112"),), search="芯片"),
                  Query(sort=(("total_investment", True),)), Query(search="没有")):
        assert row_count(store, "investment", query) == store.count("investment", query)
        ids = ordered_id_array(store, "investment", query, chunk=7)
        assert isinstance(ids, array) and list(ids) == store.ordered_ids("investment", query)
    read = read_ordered_ids(store.path, "investment", Query(sort=(("name", False),)), progress=NoProgress())
    assert list(read) == store.ordered_ids("investment", Query(sort=(("name", False),)))


def test_a_cancelled_id_read_leaves_no_side_files_once_the_app_closes(store: Store) -> None:
    """The worker's read-only connection must really close when its read is cancelled: an open statement (kept
    alive by the Cancelled error the GUI holds) left it a zombie holding the -wal past the app's own close, and,
    read-only, it could not remove it — so every next start looked like a crash and was checked in full."""
    store.create_many("investment", [project(f"项目{i}") for i in range(300)], source="test")

    class CancelAfterFirstChunk(NoProgress):
        def cancelled(self) -> bool:
            return True

    held: list[BaseException] = []  # as the GUI holds the worker's error until it is handled
    try:
        read_ordered_ids(store.path, "investment", Query(), progress=CancelAfterFirstChunk(), chunk=100)
    except Cancelled as error:
        held.append(error)
    assert held
    store.close()
    assert [s for s in ("-wal", "-shm") if store.path.with_name(store.path.name + s).exists()] == []
