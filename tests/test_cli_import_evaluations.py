"""``gzdesk import`` of an exchange workbook with evaluation sheets: the dry run and --json say what the 工作评估,
节点 and 问题 sheets would change, conflicts on evaluation fields included; a file without them says nothing of
evaluations."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gzdesk.cli import cli
from gzdesk.core.evaluation import records
from gzdesk.core.store import Store
from tests.ui import wizard_books


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def edited_book(db_path: Path, tmp_path: Path) -> tuple[Path, str]:
    with Store.open(db_path) as store:
        path = wizard_books.exchange_with_evaluations(store, tmp_path / "交换表.xlsx")
        return path, records.existing_id(store, "p1", wizard_books.EVALUATION_PERIOD) or ""


def test_dry_run_text_gives_the_evaluation_counts(db_path: Path, tmp_path: Path) -> None:
    path, _ = edited_book(db_path, tmp_path)
    code, out, _ = invoke("import", str(path), "--db", str(db_path), "--dry-run", "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert "进展评估：新增 1 条，更新 0 条，未变 0 条，冲突 1 条，待审核 0 条" in lines
    assert "节点：新增 0 条，更新 0 条，未变 1 条，冲突 0 条，待审核 0 条" in lines
    assert "问题：新增 1 条，更新 1 条，未变 0 条，冲突 0 条，待审核 0 条" in lines
    code, out, _ = invoke("import", str(path), "--db", str(db_path), "--dry-run", "--lang", "en")
    assert "Progress evaluations: 1 new, 0 updated, 0 unchanged, 1 with conflicts, 0 held for review" in out


def test_json_gives_counts_and_the_conflict_and_a_decision_is_needed(db_path: Path, tmp_path: Path) -> None:
    path, evaluation_id = edited_book(db_path, tmp_path)
    code, out, _ = invoke("import", str(path), "--db", str(db_path), "--dry-run", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["evaluation_counts"] == {
        "evaluation": {"new": 1, "updated": 0, "unchanged": 0, "conflicts": 1, "held": 0},
        "evaluation_milestone": {"new": 0, "updated": 0, "unchanged": 1, "conflicts": 0, "held": 0},
        "evaluation_problem": {"new": 1, "updated": 1, "unchanged": 0, "conflicts": 0, "held": 0}}
    conflict = next(u for u in document["evaluation_updates"] if u["list"] == "evaluation")
    assert conflict["id"] == evaluation_id and conflict["sheet"] == "工作评估" and conflict["row"] == 2
    assert {c["field"]: (c["decision"], c["theirs"], c["ours"]) for c in conflict["changes"]} == {
        "progress_text": ("conflict", "主体施工（对方）", "主体施工（我方）"),
        "next_steps": ("take", "加快主体施工", None)}
    assert document["counts"]["new"] == 0  # the list records are counted apart, as before
    code, out, err = invoke("import", str(path), "--db", str(db_path), "--json")
    assert code == 3 and json.loads(out)["status"] == "decision-needed"
    code, _, err = invoke("import", str(path), "--db", str(db_path), "--lang", "en")
    assert code == 3 and "工作评估!2" in err and "主体施工（对方）" in err  # the conflict is shown, field by field
    code, out, _ = invoke("import", str(path), "--db", str(db_path), "--on-conflict", "take-theirs", "--lang", "en")
    assert code == 0 and "Progress evaluations: 1 new" in out
    with Store.open(db_path, read_only=True) as store:
        evaluation = store.record("evaluation", evaluation_id)
        assert evaluation is not None and evaluation["progress_text"] == "主体施工（对方）"


def test_a_file_without_evaluation_sheets_says_nothing_of_them(db_path: Path, tmp_path: Path) -> None:
    path = wizard_books.messy_ledger(tmp_path / "天河台账.xlsx")
    code, out, _ = invoke("import", str(path), "--db", str(db_path), "--dry-run", "--json")
    assert code == 0
    document = json.loads(out)
    assert "evaluation_counts" not in document and "evaluation_updates" not in document
    code, out, _ = invoke("import", str(path), "--db", str(db_path), "--dry-run", "--lang", "zh")
    assert "进展评估" not in out and "节点" not in out
