"""``gzdesk evaluate`` through click's CliRunner, mounted on a small test group (registered in the app later)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from gzdesk.cli.common import Group, Settings
from gzdesk.cli.evaluations import evaluate
from gzdesk.core.store import Store


def make_cli() -> click.Group:
    @click.group(cls=Group)
    @click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None)
    @click.pass_context
    def main(ctx: click.Context, db: Path | None) -> None:
        ctx.obj = Settings(db, "en")

    main.add_command(evaluate)
    return main


def test_add_list_overdue_lights(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        store.create_many("investment", [
            {"id": "p1", "name": "甲", "district": "440106", "stage": "开工"},
            {"id": "p2", "name": "乙", "district": "440106", "stage": "签约"}], source="test")
    runner, cli = CliRunner(), make_cli()
    base = ["--db", str(db), "evaluate"]
    result = runner.invoke(cli, [*base, "add", "--list", "investment", "--project", "p1", "--period", "2026-03",
                                 "--annual-plan", "1000", "--done-ytd", "10", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["computed"]["light"] == "黄"  # 1 % vs 24.7 %
    again = runner.invoke(cli, [*base, "add", "--list", "investment", "--project", "p1", "--period", "2026-03"])
    assert again.exit_code == 1 and "already has an evaluation" in again.output
    bad = runner.invoke(cli, [*base, "add", "--list", "investment", "--project", "p1", "--period", "2026-13"])
    assert bad.exit_code == 1
    usage = runner.invoke(cli, [*base, "add", "--list", "nope", "--project", "p1", "--period", "2026-03"])
    assert usage.exit_code == 2
    listed = json.loads(runner.invoke(cli, [*base, "list", "--project", "p1", "--json"]).output)
    assert [row["period"] for row in listed] == ["2026-03"] and listed[0]["judgement"] == "滞后"
    late = json.loads(runner.invoke(cli, [*base, "overdue", "--period", "2026-03", "--json"]).output)
    assert late["count"] == 1 and late["projects"][0]["project_id"] == "p2"
    lights = json.loads(runner.invoke(cli, [*base, "lights", "--period", "2026-03", "--json"]).output)
    assert [p["project_id"] for p in lights["projects"]] == ["p1"]
    assert runner.invoke(cli, [*base, "rule", "ratio"]).exit_code == 0


def test_stats_json(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        store.create_many("investment", [{"id": "p1", "name": "甲", "district": "440106", "stage": "开工"}],
                          source="test")
    result = CliRunner().invoke(make_cli(), ["--db", str(db), "evaluate", "stats", "--as-of", "2026-04-15", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["due_period"] == "2026-03" and len(document["overdue"]) == 1
    bad = CliRunner().invoke(make_cli(), ["--db", str(db), "evaluate", "stats", "--as-of", "soon"])
    assert bad.exit_code == 1


def test_milestones_problems_and_delete(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        store.create_many("investment", [{"id": "p1", "name": "甲", "district": "440106", "stage": "开工"}],
                          source="test")
    runner, cli = CliRunner(), make_cli()
    base = ["--db", str(db), "evaluate"]

    def run(*args: str) -> Any:
        result = runner.invoke(cli, [*base, *args, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    evaluation = run("add", "--list", "investment", "--project", "p1", "--period", "2026-03", "--annual-plan", "100",
                     "--done-ytd", "30")
    evaluation_id = evaluation["id"]
    milestone = run("milestone", "add", "--evaluation", evaluation_id, "--name", "主体封顶", "--planned-on", "2026-06")
    assert (milestone["name"], milestone["planned_on"], milestone["status"]) == ("主体封顶", "2026-06", None)
    done = run("milestone", "done", milestone["id"], "--done-on", "2026-05-30")
    assert (done["status"], done["done_on"]) == ("已完成", "2026-05-30")
    problem = run("problem", "add", "--evaluation", evaluation_id, "--description", "用地未落实", "--category", "土地",
                  "--unit", "区规划和自然资源局", "--needs-leader")
    assert (problem["category"], problem["status"], problem["needs_leader"]) == ("用地", "未解决", True)
    assert [p["id"] for p in run("problem", "list")] == [problem["id"]]
    resolved = run("problem", "resolve", problem["id"], "--resolved-on", "2026-04-10",
                   "--resolution", "已摘牌")
    assert (resolved["status"], resolved["resolved_on"]) == ("已解决", "2026-04-10")
    assert run("problem", "list") == []
    assert len(run("milestone", "list", "--evaluation", evaluation_id)) == 1
    bad = runner.invoke(cli, [*base, "problem", "add", "--evaluation", evaluation_id, "--description", "x",
                              "--category", "天气"])
    assert bad.exit_code == 1 and "天气" in bad.output
    missing = runner.invoke(cli, [*base, "milestone", "add", "--evaluation", "nope", "--name", "x"])
    assert missing.exit_code == 1 and "not found" in missing.output
    deleted = run("delete", evaluation_id)
    assert deleted["deleted"] == {"evaluation_milestone": 1, "evaluation_problem": 1, "evaluation": 1}
    assert runner.invoke(cli, [*base, "delete", evaluation_id]).exit_code == 1


def test_export_with_evaluations(tmp_path: Path) -> None:
    import openpyxl

    db = tmp_path / "x.db"
    with Store.open(db) as store:
        store.create_many("investment", [{"id": "p1", "name": "甲", "district": "440106", "stage": "开工"}],
                          source="test")
    runner, cli = CliRunner(), make_cli()
    base = ["--db", str(db), "evaluate"]
    added = runner.invoke(cli, [*base, "add", "--list", "investment", "--project", "p1", "--period", "2026-03",
                                "--annual-plan", "100", "--done-ytd", "30"])
    assert added.exit_code == 0, added.output
    out = tmp_path / "交换表.xlsx"
    result = runner.invoke(cli, [*base, "export", str(out), "--period", "2026-03", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["periods"] == ["2026-03"]
    rows = list(openpyxl.load_workbook(out)["Evaluations"].iter_rows(values_only=True))  # --lang en
    assert len(rows) == 2 and rows[1][2] == "甲"
    assert runner.invoke(cli, [*base, "export", str(out), "--period", "三月"]).exit_code == 1
