"""A problem (or a note) with one cell of an imported file, located so a clerk can find and fix it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gzdesk.core import messages

messages.register({
    "coerce.where": ("{file}「{sheet}」第 {row} 行，{column} 列：{reason}", "{file}, sheet {sheet}, row {row}, column {column}: {reason}"),
})


@dataclass(frozen=True)
class Problem:
    """What is wrong with (or was changed in) one cell: file, sheet, 1-based row, column ("H 协议投资额"), the raw
    value as read, a message code and its parameters. ``field`` is the schema field key; ``severity`` is "error"
    (the row cannot be taken as it is) or "note" (taken, but the clerk should see the change)."""

    file: str
    sheet: str
    row: int
    column: str
    raw: object
    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    field: str | None = None
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def reason(self, lang: str = "zh") -> str:
        """Why, without the location (the raw value is part of most reasons)."""
        return messages.render(self.code, lang, **self.params)

    def message(self, lang: str = "zh") -> str:
        """The located message: file, sheet, row, column and why."""
        return messages.render("coerce.where", lang, file=self.file, sheet=self.sheet, row=self.row,
                               column=self.column, reason=self.reason(lang))
