"""Benchmark: the desktop app with 1,000,000 records — start to a shown, populated window, and sort / filter /
search to the first visible rows — against a bare PySide6 window measured the same way in the same run.

Run:  QT_QPA_PLATFORM=offscreen python tests/bench/bench_ui_start.py [--db /tmp/gzdesk-bench-ui-1m.db] [--runs 5]

The database is a copy of ``--source`` (default /tmp/gzdesk-demo-1m.db, made with ``gzdesk demo --projects
1000000``) taken once with SQLite's backup API, or filled with ``fill_demo`` when there is no source; the app
migrates and writes to its own copy only. Start: wall time from ``Popen`` until the child has painted the table
with rows (app: ``gzdesk.ui.app.run`` on the database, the real start path with its lock, damage check, migrations
and window — after a clean close the full check is skipped (gzdesk.core.start_check), so a start that must check
is measured separately; bare: a ``QMainWindow`` with an empty ``QTableView``), runs interleaved, median of ``--runs``.
Interactions: in one child process with the main window shown; each is timed from the call to the end of a
synchronous repaint of the table (the first visible rows read and drawn), then the child waits until the
background read of every id has finished (reported as "all ids") before the next one. Targets (issue 5):
start within 2× the bare window or under 1.5 s; each interaction under 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FIRST_PAINT = r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

class FirstPaint(QObject):
    '''Prints READY after the first paint of a table viewport that has rows (or of any table when empty_ok).'''
    def __init__(self, empty_ok):
        super().__init__()
        self.empty_ok = empty_ok
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            table = watched.parent()
            if isinstance(table, QTableView) and watched is table.viewport():
                rows = table.model().rowCount() if table.model() is not None else 0
                if rows or self.empty_ok:
                    QApplication.instance().removeEventFilter(self)
                    QTimer.singleShot(0, lambda: report(table, rows))
        return False

def report(table, rows):
    model = table.model()
    first = model.data(model.index(0, 1)) if rows else ""
    print("READY " + json.dumps({"rows": rows, "first": first}, ensure_ascii=False), flush=True)
    for window in QApplication.topLevelWidgets():
        window.close()
    QApplication.quit()
"""

APP_CHILD = "import json, sys\n" + FIRST_PAINT + r"""
from pathlib import Path
from gzdesk.ui.app import application, run
app = application()
watcher = FirstPaint(False)
app.installEventFilter(watcher)
QTimer.singleShot(120_000, QApplication.quit)  # never hang a benchmark
sys.exit(run(db=Path(sys.argv[1]), lang="zh"))
"""

# The same start when the file must be checked in full (first start after a copy, a crash, a CLI write, or a week
# since the last check): start_check.may_skip says no, so recovery.damage runs PRAGMA quick_check.
APP_FULL_CHECK_CHILD = APP_CHILD.replace("from gzdesk.ui.app import application, run",
                                         "from gzdesk.core import start_check\n"
                                         "start_check.may_skip = lambda *args, **kwargs: False\n"
                                         "from gzdesk.ui.app import application, run")

BARE_CHILD = "import json, sys\n" + FIRST_PAINT + r"""
from PySide6.QtWidgets import QMainWindow
app = QApplication(sys.argv[:1])
watcher = FirstPaint(True)
app.installEventFilter(watcher)
QTimer.singleShot(120_000, QApplication.quit)  # never hang a benchmark
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

INTERACT_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from gzdesk.core.query import Filter
from gzdesk.core.store import Store
from gzdesk.ui.app import application
from gzdesk.ui.main_window import MainWindow

app = application()
store = Store.open(Path(sys.argv[1]))
runs = int(sys.argv[2])
window = MainWindow(store, lang="zh")
window.resize(1280, 800)
window.show()
table, results = window.table, {}

def settle():
    start = time.perf_counter()
    while not window.model.complete:
        QApplication.processEvents()
        time.sleep(0.002)
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000

def timed(name, action):
    start = time.perf_counter()
    action()
    table.viewport().repaint()  # paints the visible rows now: their page is read here
    elapsed = (time.perf_counter() - start) * 1000
    first = window.model.data(window.model.index(0, window.model.column_of("name")))
    assert first, (name, "no rows painted")
    rest = settle()
    results.setdefault(name, []).append({"ms": elapsed, "all_ids_ms": rest, "rows": window.model.rowCount()})

settle()
model = window.model
name, total, district = (model.column_of(key) for key in ("name", "total_investment", "district"))
sorts = [(name, Qt.SortOrder.AscendingOrder), (total, Qt.SortOrder.DescendingOrder), (name, Qt.SortOrder.DescendingOrder),
         (total, Qt.SortOrder.AscendingOrder), (district, Qt.SortOrder.AscendingOrder)]
districts = ["440112", "440106", "440111", "440113", "440114"]
words = ["芯片", "机器人", "新能源", "生物", "智能"]
for run in range(runs):
    column, order = sorts[run % len(sorts)]
    timed("sort", lambda: table.sortByColumn(column, order))
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    window.model.set_query(type(window.model.query)())
    settle()
    timed("filter", lambda: window.add_filter(Filter("district", "=", districts[run % 5])))
    window.clear_filters()
    settle()
    def search():
        window.search.setText(words[run % 5])
        window.search.returnPressed.emit()
    timed("search", search)
    window.search.clear()
    settle()
    table.sortByColumn(name, Qt.SortOrder.AscendingOrder)
    settle()
    timed("filter, sorted by name", lambda: window.add_filter(Filter("district", "=", districts[(run + 2) % 5])))
    window.clear_filters()
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    window.model.set_query(type(window.model.query)())
    settle()
results["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()
print("RESULT " + json.dumps(results, ensure_ascii=False), flush=True)
"""


def ensure_database(path: Path, source: Path) -> None:
    if path.exists():
        return
    start = time.perf_counter()
    if source.exists():
        with sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True) as src, sqlite3.connect(path) as dst:
            src.backup(dst)
        print(f"copied {source} to {path} in {time.perf_counter() - start:.1f} s", flush=True)
        return
    from gzdesk.core.demo import fill_demo
    from gzdesk.core.store import Store

    with Store.open(path) as store:
        report = fill_demo(store, projects=1_000_000, evaluation_months=0)
    print(f"filled {path} with {report.counts} in {time.perf_counter() - start:.1f} s", flush=True)


def child_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("GZDESK_SMOKE_TEST", None)
    return env


def start_once(code: str, database: Path) -> tuple[float, dict[str, object]]:
    """Wall seconds from Popen to the child's READY line (after its first painted table), and what it saw."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, str(database)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT)
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("READY "):
            elapsed = time.perf_counter() - start
            seen = json.loads(line[6:])
            child.wait(60)
            return elapsed, seen
    raise RuntimeError(f"the child never painted its table: {child.stderr.read() if child.stderr else ''}")


def quick_check_seconds(database: Path) -> float:
    start = time.perf_counter()
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/gzdesk-bench-ui-1m.db"))
    parser.add_argument("--source", type=Path, default=Path("/tmp/gzdesk-demo-1m.db"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_database(args.db, args.source)
    start_once(APP_CHILD, args.db)  # migrate once and warm the file cache; not counted
    app_times, bare_times, checked_times = [], [], []
    seen: dict[str, object] = {}
    for _ in range(args.runs):
        elapsed, seen = start_once(APP_CHILD, args.db)
        app_times.append(elapsed)
        bare_times.append(start_once(BARE_CHILD, args.db)[0])
        checked_times.append(start_once(APP_FULL_CHECK_CHILD, args.db)[0])
    checks = [quick_check_seconds(args.db) for _ in range(3)]
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"start, app  : median {app:.2f} s  (runs {', '.join(f'{t:.2f}' for t in app_times)}; first rows {seen})")
    print(f"start, bare : median {bare:.2f} s  (runs {', '.join(f'{t:.2f}' for t in bare_times)})")
    print(f"ratio app/bare: {app / bare:.2f}  (target ≤ 2, or app < 1.5 s)")
    print(f"  a start that must check the file in full (PRAGMA quick_check, recovery.damage, median "
          f"{statistics.median(checks):.2f} s alone): median {statistics.median(checked_times):.2f} s "
          f"(ratio {statistics.median(checked_times) / bare:.2f})")
    child = subprocess.run([sys.executable, "-c", INTERACT_CHILD, str(args.db), str(args.runs)], capture_output=True,
                           text=True, env=child_env(), cwd=ROOT, check=False)
    lines = [line for line in child.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(child.stderr)
    results = json.loads(lines[0][7:])
    for name, runs in results.items():
        if name == "rss_mb":
            continue
        times = [run["ms"] for run in runs]
        rest = [run["all_ids_ms"] for run in runs]
        print(f"{name:24s}: median {statistics.median(times):6.1f} ms to the first visible rows"
              f"  (runs {', '.join(f'{t:.0f}' for t in times)}; rows {', '.join(str(r['rows']) for r in runs)});"
              f" every id read in the background after a further median {statistics.median(rest):.0f} ms")
    print(f"peak RSS of the interaction process: {results['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
