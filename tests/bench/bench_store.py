"""Benchmark: first 100 ordered ids for a sort, a filter and a Chinese search with 1,000,000 demo records.

Run:  python tests/bench/bench_store.py [--projects 1000000] [--db /tmp/gzdesk-bench-1m.db] [--repeat 7]
The database is filled once with `fill_demo` (evaluation_months=0) and reused. Each query runs in a fresh
process per round (cold connection, warm OS cache), rounds interleaved; medians are reported in ms.
Target (issue 2): each under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

QUERIES = {
    "sort total_investment desc": {"sort": [["total_investment", True]]},
    "sort name": {"sort": [["name", False]]},
    "filter district=黄埔 + stage=开工": {"filters": [["district", "=", "440112"], ["stage", "=", "开工"]]},
    "filter district, sort agreed desc": {"filters": [["district", "=", "440115"]], "sort": [["agreed_investment", True]]},
    "search 芯片": {"search": "芯片"},
    "search 机器人, sort total desc": {"search": "机器人", "sort": [["total_investment", True]]},
    "search 芯片 + filter district": {"search": "芯片", "filters": [["district", "=", "440112"]]},
}

CHILD = """
import json, sys, time
from gzdesk.core.store import Store
from gzdesk.core.query import Filter, Query
spec = json.loads(sys.argv[2])
query = Query(tuple(Filter(*f) for f in spec.get("filters", [])), tuple(tuple(s) for s in spec.get("sort", [])),
              spec.get("search", ""))
store = Store.open(sys.argv[1], read_only=True)
start = time.perf_counter()
ids = store.ordered_ids("investment", query, limit=100)
first = time.perf_counter() - start
start = time.perf_counter()
total = store.count("investment", query)
counted = time.perf_counter() - start
print(json.dumps({"first100_ms": first * 1000, "count_ms": counted * 1000, "found": len(ids), "total": total}))
"""


def ensure_database(path: Path, projects: int) -> None:
    if path.exists():
        return
    from gzdesk.core.demo import fill_demo
    from gzdesk.core.store import Store

    start = time.perf_counter()
    with Store.open(path) as store:
        report = fill_demo(store, projects=projects, evaluation_months=0)
    print(f"filled {path} with {report.counts} in {time.perf_counter() - start:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/gzdesk-bench-1m.db"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    ensure_database(args.db, args.projects)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in QUERIES}
    for _ in range(args.repeat):
        for name, spec in QUERIES.items():
            out = subprocess.run([sys.executable, "-c", CHILD, str(args.db), json.dumps(spec)], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            results[name].append(json.loads(out))
    print(f"{'query':<38} {'first 100 ids (median ms)':>26} {'count (ms)':>11} {'matches':>9}")
    for name, runs in results.items():
        first = statistics.median(r["first100_ms"] for r in runs)
        count = statistics.median(r["count_ms"] for r in runs)
        print(f"{name:<38} {first:>26.1f} {count:>11.1f} {int(runs[0]['total']):>9,}")


if __name__ == "__main__":
    main()
