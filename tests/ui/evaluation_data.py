"""A small fixed dataset for the evaluation screens, built through the core, with its numbers worked out by hand.

As of 2026-04-15 the due round is 2026-03. In a reporting stage: investment p1 开工, p2 签约, p3 注册, p5 投产;
expansion e1 开工, e2 备案; tech transfer t1 签约 (p4 is a lead: not due). Evaluated for 2026-03: p1 (5 % of the plan
vs 序时 17.7 % from its February start → 滞后/黄), p2 (40 % vs 24.7 % → 超前/绿), p5 (5 % → 滞后/黄 by the rule, the
clerk's override 红 with a reason) and e1 (no annual plan → cannot judge). t1 reported for 2026-02 only (超前/绿).
So the 2026-03 round: 4 reported, 3 overdue (p3, e2, t1).
"""

from __future__ import annotations

import datetime as dt

from gzdesk.core.evaluation import records
from gzdesk.core.store import Store

AS_OF = dt.date(2026, 4, 15)
ROUND = "2026-03"

INVESTMENT = [
    {"id": "p1", "name": "甲芯片项目", "district": "440106", "stage": "开工", "official": "张", "agreed_investment": 1000,
     "funds_arrived": 500, "total_investment": 2000, "planned_start": "2026-03", "actual_start": "2026-02-10"},
    {"id": "p2", "name": "乙机器人项目", "district": "440106", "stage": "签约", "official": "李",
     "agreed_investment": 3000, "funds_arrived": 0, "total_investment": 4000, "planned_start": "2026-02"},
    {"id": "p3", "name": "丙新材料项目", "district": "440112", "stage": "注册", "official": "张", "total_investment": 1000},
    {"id": "p4", "name": "丁线索项目", "district": "440112", "stage": "线索"},
    {"id": "p5", "name": "戊储能项目", "district": "440112", "stage": "投产", "official": "王", "total_investment": 3000,
     "agreed_investment": 2500, "funds_arrived": 2500, "planned_start": "2025-06", "actual_start": "2025-05-01"},
]
EXPANSION = [
    {"id": "e1", "name": "己技改扩产项目", "district": "440106", "stage": "开工", "official": "张", "total_investment": 800,
     "new_investment": 600, "planned_start": "2026-01", "actual_start": "2026-01-15"},
    {"id": "e2", "name": "庚增资扩产项目", "district": "440114", "stage": "备案", "total_investment": 500},
]
TECH_TRANSFER = [
    {"id": "t1", "name": "辛成果转化项目", "district": "440106", "stage": "签约", "contract_date": "2025-11-01",
     "total_investment": 300},
]


def evaluate(store: Store, kind: str, project_id: str, period: str, plan: object, done: object,
             **extra: object) -> str:
    return records.add_evaluation(store, {"project_kind": kind, "project_id": project_id, "period": period,
                                          "annual_plan": plan, "done_ytd": done, "reported_on": "2026-04-03",
                                          **extra}, source="test").evaluation_id


def fill(store: Store) -> Store:
    store.create_many("investment", INVESTMENT, source="test")
    store.create_many("expansion", EXPANSION, source="test")
    store.create_many("tech_transfer", TECH_TRANSFER, source="test")
    evaluate(store, "investment", "p1", "2026-03", 1000, 50, done_this_period=20)
    evaluate(store, "investment", "p2", "2026-03", 1000, 400)
    evaluate(store, "investment", "p5", "2026-03", 2000, 100, light="红", override_reason="设备未到货，实际停工")
    evaluate(store, "expansion", "e1", "2026-03", None, 10)
    evaluate(store, "tech_transfer", "t1", "2026-02", 100, 30)
    return store
