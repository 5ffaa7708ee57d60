"""Is the database on a network or removable drive? SQLite's locking is unreliable there (RELIABILITY.md T13).

:func:`classify` looks only at the path and at mount information (``/proc/mounts`` text on Linux, passed in
for tests; the drive type on Windows); it never touches the database.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

from gzdesk.core import messages

messages.register({
    "location.network": ("数据库“{path}”位于网络驱动器上（{detail}），SQLite 在网络上加锁不可靠，可能损坏数据；请把数据库放在本机磁盘上",
                         "The database {path} is on a network drive ({detail}); SQLite locking is unreliable there "
                         "and the file can be damaged. Keep the database on a local disk"),
    "location.removable": ("数据库“{path}”位于可移动磁盘上（{detail}），拔出时可能损坏数据；请把数据库放在本机磁盘上",
                           "The database {path} is on removable media ({detail}); unplugging it can damage the "
                           "file. Keep the database on a local disk"),
})

NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "sshfs", "9p", "afs",
                                 "ncpfs", "fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "ceph"})
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/usb", "/Volumes/")


@dataclass(frozen=True)
class LocationWarning:
    """``code`` is ``location.network`` or ``location.removable``; ``detail`` names the share or mount."""

    code: str
    path: str
    detail: str

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.code, lang, path=self.path, detail=self.detail)


def classify(path: str | PurePath, *, mounts: str | None = None, platform: str = sys.platform) -> LocationWarning | None:
    """A warning for a database on a network share or removable medium, or None for a local disk.

    ``mounts`` is ``/proc/mounts`` text (read from the system when None on Linux).
    """
    text = str(path)
    if platform == "win32" or text.startswith(("\\\\", "//")):
        return _classify_windows(PureWindowsPath(text), text, platform)
    if mounts is None and platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = ""
    mount = _mount_of(text, mounts or "")
    if mount is not None and mount[1] in NETWORK_FILESYSTEMS:
        return LocationWarning("location.network", text, f"{mount[1]} {mount[2]}")
    for root in REMOVABLE_ROOTS:
        if text.startswith(root):
            return LocationWarning("location.removable", text, mount[0] if mount else root.rstrip("/"))
    return None


def journal_mode(path: str | PurePath, *, mounts: str | None = None, platform: str = sys.platform) -> str:
    """SQLite's journal mode for a database at ``path``: ``WAL`` on a local or removable disk; ``DELETE`` (the
    rollback journal) on a network drive, where WAL's shared-memory index cannot work across computers — a
    network database is never used in WAL mode, and the clerk is warned about it (:func:`classify`)."""
    warning = classify(path, mounts=mounts, platform=platform)
    return "DELETE" if warning is not None and warning.code == "location.network" else "WAL"


def _mount_of(path: str, mounts: str) -> tuple[str, str, str] | None:
    """The (mount point, filesystem type, source) with the longest mount point containing ``path``."""
    best: tuple[str, str, str] | None = None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        source, point, kind = parts[0], parts[1].replace("\\040", " "), parts[2]
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, kind, source)
    return best


def _classify_windows(path: PureWindowsPath, text: str, platform: str) -> LocationWarning | None:
    if text.startswith(("\\\\", "//")):
        return LocationWarning("location.network", text, path.anchor.rstrip("\\/") or text)
    if platform != "win32" or not path.drive:
        return None
    kind = _windows_drive_type(path.drive + "\\")
    if kind == 4:  # DRIVE_REMOTE: a mapped network drive
        return LocationWarning("location.network", text, path.drive)
    if kind == 2:  # DRIVE_REMOVABLE
        return LocationWarning("location.removable", text, path.drive)
    return None


def _windows_drive_type(root: str) -> int:
    """GetDriveTypeW of ``root`` (0 when unknown or not on Windows)."""
    if os.name != "nt":
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
