"""Replacing a file all at once: the clerk finds either the old file or the complete new one, never half of one.

Contract of :func:`write_atomically` (RELIABILITY.md T39):

* The new content is written to a temporary file in the target's folder (so the final rename stays on one disk),
  flushed to disk (fsync), re-opened by ``self_check``, and only then renamed over the target (``os.replace``).
* On any failure or cancellation the temporary file is removed and the file at the target (if any) is
  byte-identical to before. Errors a clerk can act on become :class:`InputRefused`: the target open in Excel/WPS
  (``export.target_locked``), a folder that cannot be written (``export.cannot_write``), a full disk
  (``export.disk_full``), a file that does not read back (``export.self_check_failed``). Other exceptions
  (:class:`Cancelled`, refusals from ``write``, programming errors) pass through unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gzdesk.core import messages
from gzdesk.core.errors import GzdeskError, InputRefused

messages.register({
    "export.target_locked": ("无法替换“{file}”：文件可能正在 Excel/WPS 中打开。请关闭该文件，或另选一个文件名",
                             "Cannot replace {file}: it is probably open in Excel/WPS. Close the file in Excel/WPS "
                             "or choose another name"),
    "export.cannot_write": ("不能在“{folder}”保存文件（{detail}），请另选一个文件夹",
                            "Cannot write to {folder} ({detail}); choose another folder"),
    "export.disk_full": ("磁盘空间不足，“{file}”未能保存；原有文件没有改动",
                         "Not enough disk space: {file} was not saved; the previous file is unchanged"),
    "export.write_failed": ("保存“{file}”时出错（{detail}）；原有文件没有改动",
                            "Could not save {file} ({detail}); the previous file is unchanged"),
    "export.self_check_failed": ("保存后的“{file}”无法重新读取（{detail}），已放弃；原有文件没有改动",
                                 "The saved {file} could not be read back ({detail}) and was discarded; the previous "
                                 "file is unchanged"),
})

_FULL = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DENIED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EISDIR})


def write_atomically(target: Path, write: Callable[[Path], None], *,
                     self_check: Callable[[Path], None] | None) -> None:
    """Call ``write(temporary_path)``, check the result with ``self_check`` and rename it over ``target``.

    ``write`` must create the complete file at the path it is given (which already exists, empty). See the module
    docstring for what happens on failure.
    """
    target = Path(target)
    temporary = _create_temporary(target)
    try:
        try:
            write(temporary)
            _fsync(temporary)
        except GzdeskError:
            raise
        except Exception as error:
            cause = _os_error(error)
            if cause is None:
                raise
            raise _refusal(cause, target) from error
        if self_check is not None:
            _run_self_check(self_check, temporary, target)
        _replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync_folder(target.parent)


def _create_temporary(target: Path) -> Path:
    """An empty new file beside ``target`` (permissions as for any new file: 0666 less the umask)."""
    folder = target.parent
    if target.is_dir():
        raise InputRefused("export.cannot_write", folder=str(target), detail=os.strerror(errno.EISDIR))
    temporary = folder / f".~gzdesk-{uuid.uuid4().hex[:12]}{target.suffix or '.tmp'}"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        if error.errno in _FULL:
            raise InputRefused("export.disk_full", file=target.name) from error
        raise InputRefused("export.cannot_write", folder=str(folder),
                           detail=error.strerror or str(error)) from error
    os.close(descriptor)
    return temporary


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _run_self_check(self_check: Callable[[Path], None], temporary: Path, target: Path) -> None:
    try:
        self_check(temporary)
    except GzdeskError:
        raise
    except Exception as error:
        raise InputRefused("export.self_check_failed", file=target.name,
                           detail=f"{type(error).__name__}: {error}"[:200]) from error


def _replace(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except PermissionError as error:  # Windows: the target is open in Excel/WPS (sharing violation)
        raise InputRefused("export.target_locked", file=target.name) from error
    except OSError as error:
        raise _refusal(error, target) from error


def _os_error(error: BaseException) -> OSError | None:
    """The OS error behind ``error``: itself, or one a library wrapped (XlsxWriter's FileCreateError)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        wrapped = next((arg for arg in current.args if isinstance(arg, OSError)), None)
        current = wrapped or current.__cause__ or current.__context__
    return None


def _refusal(error: OSError, target: Path) -> InputRefused:
    """The clerk's message for an OS error while writing the temporary file (or renaming it)."""
    if error.errno in _FULL:
        return InputRefused("export.disk_full", file=target.name)
    if error.errno in _DENIED:
        return InputRefused("export.cannot_write", folder=str(target.parent), detail=error.strerror or str(error))
    return InputRefused("export.write_failed", file=target.name, detail=error.strerror or str(error))


def check_xlsx(path: Path) -> None:
    """Re-open an .xlsx we wrote the way our readers and colleagues' programs do; raises when it does not read.

    openpyxl (read-only, ``reset_dimensions``) parses the workbook, styles and the first rows of every sheet;
    python-calamine reads every cell of every sheet.
    """
    import openpyxl
    import python_calamine

    with path.open("rb") as handle:  # a file object: openpyxl, like calamine, would go by the name
        _check_openpyxl(openpyxl.load_workbook(handle, read_only=True))
    with contextlib.ExitStack() as stack:
        if path.suffix.lower() == ".xlsx":
            calamine = python_calamine.CalamineWorkbook.from_path(str(path))
        else:  # calamine goes by the name; hand it the bytes (held in memory) under any other name
            calamine = python_calamine.CalamineWorkbook.from_filelike(stack.enter_context(path.open("rb")))
        stack.callback(calamine.close)
        for name in calamine.sheet_names:
            for _ in calamine.get_sheet_by_name(name).iter_rows():
                pass


def _check_openpyxl(workbook: Any) -> None:
    try:
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()
            for _ in worksheet.iter_rows(max_row=3, values_only=True):
                pass
    finally:
        workbook.close()
