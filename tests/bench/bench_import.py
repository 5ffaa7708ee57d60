"""Benchmark: import a 50,000-row x 20-column .xlsx end to end vs python-calamine's bare read of the same file.

Run:  python tests/bench/bench_import.py [--rows 50000] [--repeat 3] [--isolate] [--phases]
Each measurement runs in a fresh process; rounds are interleaved; medians reported, with peak RSS (and, with
--isolate, the peak of the reading worker process, which then holds the workbook). ``--phases`` also measures the
plan alone (read with its safety gate, find, coerce, dedupe, match: everything but writing) in its own process, and
the writing phases of the full import (table rows, index rebuild, search index, audit, commit), so the share of
each is known.
Target (issue 3): import <= 2.5x the bare read, peak memory < 600 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEADER = ["序号", "项目名称", "企业名称", "所属区", "镇街/园区", "产业分类", "投资方属地", "项目类型", "协议投资额（万元）",
          "累计到资（万元）", "总投资（万元）", "签约时间", "计划开工", "当前阶段", "项目级别", "推进状态", "责任单位",
          "跟踪人", "最新进展", "备注"]
DISTRICTS = ["天河区", "黄埔区", "南沙区", "番禺区", "白云区", "海珠区", "越秀区", "荔湾区", "花都区", "增城区", "从化区"]
INDUSTRIES = ["人工智能", "半导体与集成电路", "生物医药与健康", "智能装备与机器人", "软件与互联网", "新能源与新型储能"]
STAGES = ["线索", "在谈", "签约", "注册", "供地", "开工", "投产", "达产"]


def build(path: Path, rows: int) -> None:
    import xlsxwriter

    rng = random.Random(7)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("招商项目")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for column, title in enumerate(HEADER):
        sheet.write_string(0, column, title)
    for r in range(1, rows + 1):
        values = [r, f"广州{rng.choice('岚舟星岫翎川粤芯云帆')}{r}号智造项目", f"广州第{r}科技有限公司",
                  rng.choice(DISTRICTS), "广州开发区", rng.choice(INDUSTRIES), "省外", "新引进",
                  round(rng.uniform(500, 500000), 2), round(rng.uniform(0, 5000), 2), round(rng.uniform(500, 900000), 2),
                  None, f"{rng.randint(2024, 2027)}年{rng.randint(1, 12)}月", rng.choice(STAGES), "区重点", "正常推进",
                  "区投资促进局", "张三", "已完成项目备案，正在办理施工许可。", "无"]
        for column, value in enumerate(values):
            if column == 11:
                sheet.write_datetime(r, column, dt.datetime(2025, 1, 1) + dt.timedelta(days=r % 600), date_format)
            elif isinstance(value, str):
                sheet.write_string(r, column, value)
            else:
                sheet.write_number(r, column, value)
    book.close()


BARE = """
import resource, sys, time, json
start = time.perf_counter()
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(rows),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

FULL = """
import resource, sys, time, json
start = time.perf_counter()
from gzdesk.core.store import Store
from gzdesk.core.importer import apply_import, plan_import
store = Store.open(sys.argv[2])
plan = plan_import(store, sys.argv[1], isolate=sys.argv[3] == "1")
report = apply_import(store, plan)
store.close()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(plan.new), "problems": len(plan.problems),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


PLAN = """
import resource, sys, time, json
start = time.perf_counter()
from gzdesk.core.store import Store
from gzdesk.core.importer import plan_import
store = Store.open(sys.argv[2])
plan = plan_import(store, sys.argv[1])
store.close()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(plan.new),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

WRITES = """
import functools, sys, time, json
from gzdesk.core import audit, bulk_indexes, search, store as store_module
from gzdesk.core.store import Store
from gzdesk.core.importer import apply_import, plan_import
spent = {}

def timed(owner, name, label):
    original = getattr(owner, name)
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - began
    setattr(owner, name, staticmethod(wrapper) if name == "_insert_chunk" else wrapper)

timed(Store, "_insert_chunk", "table rows")
timed(search, "add_spaced", "search index")
timed(audit, "write_entries", "audit entries")
store = Store.open(sys.argv[2])
plan = plan_import(store, sys.argv[1])
began = time.perf_counter()
apply_import(store, plan)
spent["apply (all)"] = time.perf_counter() - began
print(json.dumps(spent))
"""


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--isolate", action="store_true", help="read in a worker process (plan_import(isolate=True))")
    parser.add_argument("--phases", action="store_true", help="also time the plan alone and the writing phases")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gzdesk-bench-"))
    source = folder / "import.xlsx"
    build(source, args.rows)
    print(f"{source}: {source.stat().st_size / 1e6:.1f} MB, {args.rows} rows x {len(HEADER)} columns")
    bare, full, plans, writes = [], [], [], []
    for index in range(args.repeat):
        bare.append(run(BARE, str(source)))
        full.append(run(FULL, str(source), str(folder / f"db{index}.db"), "1" if args.isolate else "0"))
        if args.phases:
            plans.append(run(PLAN, str(source), str(folder / f"plan{index}.db")))
            writes.append(run(WRITES, str(source), str(folder / f"writes{index}.db")))
    assert all(r["rows"] == args.rows for r in full), full
    bare_s = statistics.median(r["seconds"] for r in bare)
    full_s = statistics.median(r["seconds"] for r in full)
    print(f"bare calamine read : median {bare_s:.2f} s   peak {max(r['peak_mb'] for r in bare):.0f} MB")
    worker = f"   worker peak {max(r['worker_peak_mb'] for r in full):.0f} MB" if args.isolate else ""
    print(f"gzdesk import      : median {full_s:.2f} s   peak {max(r['peak_mb'] for r in full):.0f} MB{worker}")
    print(f"ratio import/bare  : {full_s / bare_s:.2f}x   (target <= 2.5x, < 600 MB)")
    if args.phases:
        plan_s = statistics.median(r["seconds"] for r in plans)
        print(f"plan alone (no writing): median {plan_s:.2f} s = {plan_s / bare_s:.2f}x the bare read")
        for label in writes[0]:
            print(f"  writing, {label:14}: median {statistics.median(w[label] for w in writes):.2f} s")


if __name__ == "__main__":
    main()
