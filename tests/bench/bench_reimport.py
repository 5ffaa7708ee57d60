"""Benchmark: re-import an untouched exchange workbook of 50,000 records (all unchanged) vs a bare calamine read.

Run:  python tests/bench/bench_reimport.py [--projects 50000] [--repeat 3] [--isolate]
The database is filled with fill_demo (evaluation_months=0) and exported once; then, in fresh processes and
interleaved, the bare read (every sheet, python-calamine) and gzdesk's plan_import + apply_import of the file
into the same database (a no-op: every row matches its record, zero changes), with peak RSS (--isolate: reading in
a worker process, plan_import(isolate=True)). Target (issue 4): <= 3x.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import json, sys, time
start = time.perf_counter()
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
cells = sum(len(row) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python())
print(json.dumps({"seconds": time.perf_counter() - start, "cells": cells}))
"""

REIMPORT = """
import json, resource, sys, time
start = time.perf_counter()
from gzdesk.core.store import Store
from gzdesk.core.importer import apply_import, plan_import
with Store.open(sys.argv[2]) as store:
    plan = plan_import(store, sys.argv[1], isolate=sys.argv[3] == "1")
    report = apply_import(store, plan)
counts = plan.counts()
print(json.dumps({"seconds": time.perf_counter() - start, "unchanged": counts["unchanged"],
                  "changed": counts["new"] + counts["updated"] + counts["conflicts"], "no_op": report.no_op,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--isolate", action="store_true", help="read in a worker process (plan_import(isolate=True))")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from gzdesk.core.demo import fill_demo
    from gzdesk.core.excel.export_exchange import export_exchange
    from gzdesk.core.store import Store

    folder = Path(tempfile.mkdtemp(prefix="gzdesk-reimport-"))
    database, workbook = folder / "office.db", folder / "交换表.xlsx"
    with Store.open(database) as store:
        fill_demo(store, projects=args.projects, evaluation_months=0)
        export_exchange(store, workbook)
    print(f"{workbook}: {workbook.stat().st_size / 1e6:.1f} MB for {args.projects} records")
    bare, full = [], []
    for index in range(args.repeat):
        copy = folder / f"office{index}.db"
        shutil.copy(database, copy)  # every round starts from the exported state
        bare.append(run(BARE, str(workbook)))
        full.append(run(REIMPORT, str(workbook), str(copy), "1" if args.isolate else "0"))
    assert all(r["changed"] == 0 and r["unchanged"] == args.projects for r in full), full
    bare_s = statistics.median(r["seconds"] for r in bare)
    full_s = statistics.median(r["seconds"] for r in full)
    print(f"bare calamine read (all sheets): median {bare_s:.2f} s")
    worker = f"   worker peak {max(r['worker_peak_mb'] for r in full):.0f} MB" if args.isolate else ""
    print(f"gzdesk re-import (all unchanged): median {full_s:.2f} s   peak {max(r['peak_mb'] for r in full):.0f} MB"
          f"{worker}")
    print(f"ratio: {full_s / bare_s:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
