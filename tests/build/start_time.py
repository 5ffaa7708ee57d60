"""Start-up to a shown window: the built bundle against ``python -m gzdesk``, measured the same way.

    python tests/build/start_time.py dist/gzdesk/gzdesk [--runs 5]

Each run starts the program with ``GZDESK_SMOKE_TEST=1`` (offscreen unless QT_QPA_PLATFORM is set), a fresh
database and a fresh settings folder, and takes the wall time from starting the process until it prints
"started in …" (the window is shown then). The two programs alternate, after one unmeasured warm-up each, so
a noisy machine hurts both alike. Prints each run and the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_to_window(command: list[str], scratch: Path) -> tuple[float, str]:
    """Seconds from starting ``command`` until it says its window is shown, and what it said."""
    database = Path(tempfile.mkdtemp(dir=scratch)) / "fresh.db"
    env = {**os.environ, "GZDESK_SMOKE_TEST": "1", "HOME": str(database.parent),
           "XDG_CONFIG_HOME": str(database.parent / "config"), "APPDATA": str(database.parent / "appdata")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    begun = time.perf_counter()
    process = subprocess.Popen([*command, "--db", str(database), "--lang", "zh"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    assert process.stdout is not None
    line = process.stdout.readline()
    shown = time.perf_counter() - begun
    process.wait(timeout=120)
    if process.returncode != 0 or "window shown" not in line:
        raise SystemExit(f"{command}: exit {process.returncode}, said {line!r}")
    return shown, line.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", help="the built executable, e.g. dist/gzdesk/gzdesk")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    programs = {"bundle": [arguments.bundle], "python -m gzdesk": [sys.executable, "-m", "gzdesk"]}
    times: dict[str, list[float]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory() as scratch:
        for command in programs.values():
            time_to_window(command, Path(scratch))  # warm-up: file cache, .pyc files
        for run in range(arguments.runs):
            for name, command in programs.items():
                seconds, said = time_to_window(command, Path(scratch))
                times[name].append(seconds)
                print(f"run {run + 1} {name:<17} {seconds:.3f} s   ({said})", flush=True)
    for name, values in times.items():
        print(f"median {name:<17} {statistics.median(values):.3f} s  (min {min(values):.3f}, max {max(values):.3f})")


if __name__ == "__main__":
    main()
