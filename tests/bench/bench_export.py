"""Benchmark: the exchange export of 50,000 demo records end to end vs a bare XlsxWriter write of the same cells.

Run:  python tests/bench/bench_export.py [--projects 50000] [--repeat 3] [--db /tmp/gzdesk-bench-export.db]
The database is filled once with `fill_demo(projects=N, evaluation_months=0)` (about half land in investment) and
reused. Each round runs in fresh processes: the gzdesk export (timed from the call to the finished, checked and
renamed file, ledger included), then the bare write: every cell value of that exported workbook is fetched first
(untimed, with python-calamine) and only writing them with XlsxWriter constant_memory and typed calls is timed.
Medians are reported, with peak RSS. Target: export <= 2x the bare write.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FILL = """
import sys, time
from gzdesk.core.demo import fill_demo
from gzdesk.core.store import Store
store = Store.open(sys.argv[1])
start = time.perf_counter()
fill_demo(store, projects=int(sys.argv[2]), evaluation_months=0)
store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
store.close()
print(f"filled in {time.perf_counter() - start:.1f} s")
"""

FULL = """
import json, resource, sys, time
from pathlib import Path
from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.store import Store
store = Store.open(sys.argv[1])
start = time.perf_counter()
report = export_exchange(store, Path(sys.argv[2]))
seconds = time.perf_counter() - start
store.close()
print(json.dumps({"seconds": seconds, "counts": dict(report.counts),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BARE = """
import datetime as dt, json, resource, sys, time
import python_calamine, xlsxwriter
source = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
sheets = [(name, source.get_sheet_by_name(name).to_python()) for name in source.sheet_names]
cells = sum(1 for _, rows in sheets for row in rows for value in row if value != "")
start = time.perf_counter()
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
date_format = book.add_format({"num_format": "yyyy-mm-dd"})
for name, rows in sheets:
    sheet = book.add_worksheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                if value:
                    sheet.write_string(r, c, value)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, date_format)
            else:
                sheet.write_number(r, c, value)
book.close()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cells": cells,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "gzdesk-bench-export.db")
    args = parser.parse_args()
    if not args.db.exists():
        subprocess.run([sys.executable, "-c", FILL, str(args.db), str(args.projects)], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    folder = Path(tempfile.mkdtemp(prefix="gzdesk-bench-export-"))
    full, bare = [], []
    for index in range(args.repeat):
        exported = folder / f"exchange{index}.xlsx"
        full.append(run(FULL, str(args.db), str(exported)))
        bare.append(run(BARE, str(exported), str(folder / f"bare{index}.xlsx")))
        exported.unlink()
    counts = full[0]["counts"]
    print(f"{args.db}: {counts} ({sum(counts.values())} records, {bare[0]['cells']} cells)")  # type: ignore[attr-defined]
    full_s = statistics.median(float(r["seconds"]) for r in full)  # type: ignore[arg-type]
    bare_s = statistics.median(float(r["seconds"]) for r in bare)  # type: ignore[arg-type]
    full_mb = max(float(r["peak_mb"]) for r in full)  # type: ignore[arg-type]
    bare_mb = max(float(r["peak_mb"]) for r in bare)  # type: ignore[arg-type]
    print(f"bare XlsxWriter write : median {bare_s:.2f} s   runs {[round(float(r['seconds']), 2) for r in bare]}"  # type: ignore[arg-type]
          f"   peak {bare_mb:.0f} MB (values held in memory)")
    print(f"gzdesk exchange export: median {full_s:.2f} s   runs {[round(float(r['seconds']), 2) for r in full]}"  # type: ignore[arg-type]
          f"   peak {full_mb:.0f} MB")
    print(f"ratio export/bare     : {full_s / bare_s:.2f}x   (target <= 2x)")


if __name__ == "__main__":
    main()
