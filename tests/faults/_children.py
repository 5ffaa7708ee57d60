"""Helpers for fault tests: run a Python child process in the repository and talk to it line by line."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def spawn(code: str, *args: object) -> subprocess.Popen[str]:
    """Start ``python -c code args...`` in the repository root with line-buffered text pipes."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *map(str, args)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(child: subprocess.Popen[str], word: str) -> str:
    """Read the child's stdout until a line starting with ``word``; fail with its stderr if it ends first."""
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith(word):
            return line.strip()
    child.wait(10)
    raise AssertionError(f"child ended before {word!r}: {child.stderr.read() if child.stderr else ''}")


def run(code: str, *args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
