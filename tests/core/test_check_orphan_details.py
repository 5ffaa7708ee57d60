"""Milestones and problems whose evaluation no longer exists: possible (no foreign key ties them; deleting an
evaluation as a plain record leaves them — the evaluations table's Delete did so before it took them along), reported by the check, removed by the
repair in its one transaction with every row kept in the audit log; a second run finds and repairs nothing."""

from __future__ import annotations

from pathlib import Path

from gzdesk.core import audit, backup
from gzdesk.core.check import check_database, repair_database, safe_repairs
from gzdesk.core.evaluation import details, records
from gzdesk.core.store import Store


def evaluated(store: Store) -> tuple[str, str]:
    """Two evaluations of one project, each with a milestone and a problem; returns their ids."""
    store.create_many("investment", [{"id": "p1", "name": "甲项目", "district": "440106", "stage": "开工"}],
                      source="test")
    ids = []
    for period in ("2026-02", "2026-03"):
        evaluation_id = records.add_evaluation(store, {"project_kind": "investment", "project_id": "p1",
                                                       "period": period, "annual_plan": 100}).evaluation_id
        details.add_milestone(store, evaluation_id, {"name": f"{period} 主体封顶"})
        details.add_problem(store, evaluation_id, {"description": f"{period} 用地指标未落实"})
        ids.append(evaluation_id)
    return ids[0], ids[1]


def test_orphan_details_are_reported_then_removed_with_the_audit(db_path: Path) -> None:
    with Store.open(db_path) as store:
        gone, kept = evaluated(store)
        assert check_database(store) == []
        store.delete("evaluation", [gone], source="test")  # the record alone (as the table's Delete did before)
        orphans = {(r[0], r[1]) for r in store.conn.execute(
            "SELECT 'milestone', evaluation_id FROM evaluation_milestone UNION ALL"
            " SELECT 'problem', evaluation_id FROM evaluation_problem")}
        assert ("milestone", gone) in orphans and ("problem", gone) in orphans  # possible: no foreign key
        milestone = store.conn.execute("SELECT id FROM evaluation_milestone WHERE evaluation_id = ?",
                                       [gone]).fetchone()[0]
    with Store.open(db_path, read_only=True) as store:  # the check reads only
        found = check_database(store, lang="en")
        assert [(f.code, f.params["evaluation_id"]) for f in found] == [("check.orphan_detail", gone)] * 2
        assert found[0].message("en") == 'Milestones: "2026-02 主体封顶" — its evaluation no longer exists'
        assert check_database(store, lang="zh")[1].message("zh") == (
            "问题“2026-02 用地指标未落实”所属的进展评估已不存在")
        assert safe_repairs(store, lang="en") == found  # offered as a safe repair
    with Store.open(db_path) as store:
        report = repair_database(store, lang="en")
        assert [(f.code, f.params["count"]) for f in report.repaired] == [("repair.orphan_detail", 1)] * 2
        assert report.backup is not None and backup.verify_backup(report.backup) >= 1
        assert report.remaining == []
        assert store.conn.execute("SELECT count(*) FROM evaluation_milestone").fetchone()[0] == 1
        assert [m["evaluation_id"] for m in details.details_of(store, details.MILESTONES, [kept])] == [kept]
        deleted = [e for e in audit.history(store.conn, milestone) if e.action == "delete"]
        assert len(deleted) == 1 and deleted[0].source == "check" and deleted[0].old is not None
        again = repair_database(store)
        assert again.repaired == [] and again.backup is None and again.remaining == []
        assert check_database(store) == [] and safe_repairs(store) == []


def test_deleting_an_evaluation_through_its_own_function_leaves_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        gone, _ = evaluated(store)
        records.delete_evaluation(store, gone)
        assert check_database(store) == []
