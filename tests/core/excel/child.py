"""Run :func:`read_workbook` in a child process, so a reader that aborts cannot take the test run with it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_SCRIPT = r"""
import json, resource, sys, time
from gzdesk.core.errors import GzdeskError
from gzdesk.core.excel.read import read_workbook
started = time.perf_counter()
try:
    workbook = read_workbook(sys.argv[1])
    outcome = {"sheets": [[sheet.name, sum(v is not None for row in sheet.rows for v in row)]
                          for sheet in workbook.sheets], "kind": str(workbook.kind)}
except GzdeskError as error:
    outcome = {"code": error.code, "message": error.message("zh"), "params": {k: str(v) for k, v in error.params.items()}}
outcome["seconds"] = time.perf_counter() - started
if "--defusedxml" in sys.argv:
    import openpyxl
    outcome["defusedxml"] = openpyxl.DEFUSEDXML
def peak_mb():
    # VmHWM is this process image's own peak; ru_maxrss also counts the parent's pages copied at fork
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
outcome["max_rss_mb"] = peak_mb()
print(json.dumps(outcome, ensure_ascii=False))
"""


@dataclass(frozen=True)
class ChildResult:
    returncode: int
    outcome: dict[str, object]
    stderr: str


def read_in_child(path: Path, *, timeout: float = 60, check_defusedxml: bool = False) -> ChildResult:
    """Read ``path`` in a fresh interpreter; the outcome is the error code/message or a per-sheet count of
    non-empty cells (and, with ``check_defusedxml``, whether openpyxl uses defusedxml there)."""
    flags = ["--defusedxml"] if check_defusedxml else []
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(path), *flags], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, check=False)
    lines = done.stdout.strip().splitlines()
    outcome = json.loads(lines[-1]) if done.returncode == 0 and lines else {}
    return ChildResult(done.returncode, outcome, done.stderr)
