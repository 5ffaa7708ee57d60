"""Which projects report progress, and from when their year counts: declared once for records, listings, the
latest-evaluation table and the meeting statistics.

Kept free of the store so that the migrations can read it.
"""

from __future__ import annotations

# The stages whose projects must report every period: from signing (filing, for expansion) to production.
# 线索/在谈/成果对接/谋划 have no investment to report yet, 达产/产业化 are done, 暂缓/终止 are stopped.
REPORTING_STAGES: dict[str, tuple[str, ...]] = {
    "investment": ("签约", "注册", "供地", "开工", "投产"),
    "tech_transfer": ("签约", "登记认定", "概念验证/中试", "小批量试产"),
    "expansion": ("备案", "开工", "设备安装", "竣工投产"),
}

# The project field whose date starts the project's year: 序时 counts from that month when it lies in the year.
START_FIELDS: dict[str, str] = {"investment": "actual_start", "tech_transfer": "contract_date",
                                "expansion": "actual_start"}
