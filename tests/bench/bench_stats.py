"""Benchmark: meeting statistics over a copy of the 1M-project demo database with 12 evaluations per project.

Usage: python tests/bench/bench_stats.py [--source /tmp/gzdesk-demo-1m.db] [--db /tmp/bench-stats.db]
       [--projects N]   (evaluate only the first N projects of each list's reporting stages; default all)

The evaluation rows are written directly with executemany (the demo generator is far too slow for 12M rows);
the source database is never modified. Prints the median of 5 runs of ``meeting_stats``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import time
import uuid
from pathlib import Path

from gzdesk.core import schema
from gzdesk.core.evaluation.judgement import judge_points
from gzdesk.core.evaluation.periods import month_schedule_percent
from gzdesk.core.evaluation.stats import meeting_stats
from gzdesk.core.store import Store

COLUMNS = ("rid", "id", "owner_office", "created_at", "updated_at", "updated_by", "revision", "project_kind",
           "project_id", "period", "reported_on", "annual_plan", "done_ytd", "judgement", "light")


def fill(store: Store, limit: int | None) -> int:
    """12 monthly evaluations (2026-01 … 2026-12) for every project (or the first ``limit`` of each list)."""
    existing = store.conn.execute("SELECT count(*) FROM evaluation").fetchone()[0]
    if existing:
        return int(existing)
    dice = random.Random(7)
    sql = f"INSERT INTO evaluation ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    rid, stamp = 0, "2026-11-28T00:00:00+08:00"
    store.conn.execute("BEGIN")
    for kind in schema.LIST_KEYS:
        ids = [row[0] for row in store.conn.execute(
            f"SELECT id FROM [{schema.entity(kind).table}] ORDER BY rid" + (f" LIMIT {limit}" if limit else ""))]
        batch: list[tuple[object, ...]] = []
        for project_id in ids:
            plan, pace = round(dice.uniform(100, 50000), 1), dice.uniform(0.2, 1.3)
            for month in range(1, 13):
                schedule = month_schedule_percent(2026, month)
                done = round(plan * min(1.0, pace * schedule / 100), 1)
                judgement, light = judge_points(done / plan * 100, schedule)
                rid += 1
                batch.append((rid, str(uuid.UUID(int=rid)), "local", stamp, stamp, "local", 1, kind, project_id,
                              f"2026-{month:02d}", f"2026-{month:02d}-28", plan, done, judgement, light))
            if len(batch) >= 120_000:
                store.conn.executemany(sql, batch)
                batch.clear()
        store.conn.executemany(sql, batch)
    store.conn.execute("COMMIT")
    store.conn.execute("ANALYZE")
    return rid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("/tmp/gzdesk-demo-1m.db"))
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-stats.db"))
    parser.add_argument("--projects", type=int, default=None)
    parser.add_argument("--as-of", default="2026-11-28")
    args = parser.parse_args()
    if not args.db.exists():
        shutil.copyfile(args.source, args.db)
    with Store.open(args.db) as store:
        started = time.perf_counter()
        rows = fill(store, args.projects)
        print(f"evaluations: {rows:,} ({time.perf_counter() - started:.1f} s to ensure)")
        projects = sum(store.count(kind) for kind in schema.LIST_KEYS)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            result = meeting_stats(store, as_of=dt.date.fromisoformat(args.as_of))
            timings.append(time.perf_counter() - started)
        print(f"projects: {projects:,}; evaluated: {sum(n.evaluated for n in result.lists):,}; "
              f"overdue: {len(result.overdue):,}")
        print("runs: " + ", ".join(f"{t:.2f}" for t in timings) + f"; median {statistics.median(timings):.2f} s")


if __name__ == "__main__":
    main()
