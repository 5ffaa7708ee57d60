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


#: Prefix for a child that must meet file permissions like an ordinary user even when the tests run as root:
#: it drops CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER (effective and permitted, so ``access()``
#: agrees) before anything else. A non-root child has nothing to drop. Linux only.
AS_ORDINARY_USER = """
    import ctypes, os
    if os.geteuid() == 0:
        class _Header(ctypes.Structure):
            _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
        class _Data(ctypes.Structure):
            _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                        ("inheritable", ctypes.c_uint32)]
        _libc = ctypes.CDLL(None, use_errno=True)
        _header, _data = _Header(0x20080522, 0), (_Data * 2)()
        assert _libc.capget(ctypes.byref(_header), _data) == 0
        _keep = ~((1 << 1) | (1 << 2) | (1 << 3))
        _data[0].effective &= _keep
        _data[0].permitted &= _keep
        assert _libc.capset(ctypes.byref(_header), _data) == 0, ctypes.get_errno()
"""
