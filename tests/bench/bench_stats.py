"""Benchmark: meeting statistics over a copy of the 1M-project demo database with 12 evaluations per project.

Usage: python tests/bench/bench_stats.py [--source /tmp/gzdesk-demo-1m.db] [--db /tmp/bench-stats.db]
       [--projects N] [--as-of 2026-11-28] [--runs 5]
       (--projects: evaluate only the first N projects of each list; default all)

Each project gets 12 monthly evaluations: the 12 months up to the month due at --as-of (2025-11 … 2026-10 for the
default), as a meeting reads them. They are written directly with executemany (the demo generator is far too slow
for 12M rows), with the ``evaluation_latest`` triggers dropped during the load and the table rebuilt after, as
any bulk loader does; the source database is never modified, and a --db that already has evaluations is reused.

Prints, per run and as medians, ``meeting_stats`` reading each project's latest evaluation from
``evaluation_latest`` ("after") and, interleaved in the same process, reading every evaluation as before
migration 6 ("before"), and checks that both give the same result.
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
from gzdesk.core.evaluation import latest_table, stats
from gzdesk.core.evaluation.judgement import judge_points
from gzdesk.core.evaluation.periods import Period, month_schedule_percent
from gzdesk.core.store import Store

COLUMNS = ("rid", "id", "owner_office", "created_at", "updated_at", "updated_by", "revision", "project_kind",
           "project_id", "period", "reported_on", "annual_plan", "done_ytd", "judgement", "light")


def months_up_to(due: Period, count: int = 12) -> list[Period]:
    found = [due]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return found


def fill(store: Store, limit: int | None, as_of: dt.date) -> int:
    """12 monthly evaluations up to the month due at ``as_of`` for every project (or the first ``limit`` of each
    list); nothing when the database already has evaluations."""
    existing = store.conn.execute("SELECT count(*) FROM evaluation").fetchone()[0]
    if existing:
        return int(existing)
    dice = random.Random(7)
    months = months_up_to(stats.due_period(as_of))
    sql = f"INSERT INTO evaluation ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    rid, stamp = 0, f"{as_of.isoformat()}T00:00:00+08:00"
    store.conn.execute("BEGIN")
    # 12M random-order inserts into the project_id indexes would thrash the cache: drop, fill, rebuild sorted
    indexes = store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evaluation'"
                                 " AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        store.conn.execute(f"DROP INDEX [{name}]")
    latest_table.drop_triggers(store.conn)
    for kind in schema.LIST_KEYS:
        ids = [row[0] for row in store.conn.execute(
            f"SELECT id FROM [{schema.entity(kind).table}] ORDER BY rid" + (f" LIMIT {limit}" if limit else ""))]
        batch: list[tuple[object, ...]] = []
        for project_id in ids:
            plan, pace = round(dice.uniform(100, 50000), 1), dice.uniform(0.2, 1.3)
            for month in months:
                schedule = month_schedule_percent(month.year, month.number)
                done = round(plan * min(1.0, pace * schedule / 100), 1)
                judgement, light = judge_points(done / plan * 100, schedule)
                rid += 1
                batch.append((rid, str(uuid.UUID(int=rid)), "local", stamp, stamp, "local", 1, kind, project_id,
                              str(month), f"{month.end.isoformat()[:8]}28", plan, done, judgement, light))
            if len(batch) >= 120_000:
                store.conn.executemany(sql, batch)
                batch.clear()
        store.conn.executemany(sql, batch)
    for _, create in indexes:
        store.conn.execute(create)
    latest_table.create_triggers(store.conn)
    latest_table.rebuild(store.conn)
    store.conn.execute("COMMIT")
    store.conn.execute("ANALYZE")
    return rid


def timed(store: Store, as_of: dt.date, *, latest_table_on: bool) -> tuple[float, stats.MeetingStats]:
    stats.USE_LATEST_TABLE = latest_table_on
    try:
        started = time.perf_counter()
        result = stats.meeting_stats(store, as_of=as_of)
        return time.perf_counter() - started, result
    finally:
        stats.USE_LATEST_TABLE = True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("/tmp/gzdesk-demo-1m.db"))
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-stats.db"))
    parser.add_argument("--projects", type=int, default=None)
    parser.add_argument("--as-of", default="2026-11-28")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--after-only", action="store_true", help="Skip the (slow) baseline.")
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    if not args.db.exists():
        shutil.copyfile(args.source, args.db)
    started = time.perf_counter()
    with Store.open(args.db) as store:  # migrations (the evaluation_latest backfill) run here
        print(f"open and migrate: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        rows = fill(store, args.projects, as_of)
        print(f"evaluations: {rows:,} ({time.perf_counter() - started:.1f} s to ensure)")
        first, last = store.conn.execute("SELECT min(period), max(period) FROM evaluation").fetchone()
        projects = sum(store.count(kind) for kind in schema.LIST_KEYS)
        print(f"projects: {projects:,}; periods {first} … {last}; as of {as_of}")
        before: list[float] = []
        after: list[float] = []
        for _ in range(args.runs):
            seconds, result = timed(store, as_of, latest_table_on=True)
            after.append(seconds)
            if not args.after_only:
                seconds, baseline = timed(store, as_of, latest_table_on=False)
                before.append(seconds)
                assert result == baseline, "evaluation_latest disagrees with the scan"
        print(f"evaluated: {sum(n.evaluated for n in result.lists):,}; overdue: {result.overdue_count:,}; "
              f"ranking: {len(result.ranking)}, red {len(result.red)}, yellow {len(result.yellow)}")
        print("after (evaluation_latest): " + ", ".join(f"{t:.2f}" for t in after)
              + f"; median {statistics.median(after):.2f} s")
        if before:
            print("before (every evaluation): " + ", ".join(f"{t:.2f}" for t in before)
                  + f"; median {statistics.median(before):.2f} s")


if __name__ == "__main__":
    main()
