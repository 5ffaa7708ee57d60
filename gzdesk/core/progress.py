"""The progress/cancel object every long core workflow takes (STYLE.md rule 2)."""

from __future__ import annotations

from typing import Protocol

from gzdesk.core.errors import Cancelled


class Progress(Protocol):
    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        """Report that ``done`` of ``total`` units are finished."""

    def cancelled(self) -> bool:
        """True when the clerk asked to stop; the workflow then raises :class:`Cancelled` and changes nothing."""


class NoProgress:
    """A progress object for callers that do not show progress and never cancel."""

    def step(self, done: int, total: int | None = None, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False


def check_cancelled(progress: Progress) -> None:
    if progress.cancelled():
        raise Cancelled("progress.cancelled")
