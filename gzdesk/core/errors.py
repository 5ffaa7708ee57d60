"""One error base class whose messages a clerk can read (in Chinese or English)."""

from __future__ import annotations

from gzdesk.core import messages


class GzdeskError(Exception):
    """An error with a message code and parameters; ``message(lang)`` renders it for a clerk."""

    exit_code = 1

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return messages.render(self.code, lang, **self.params)


class InputRefused(GzdeskError):
    """A file, value or request was refused; nothing was changed (CLI exit code 1)."""


class DatabaseRefused(GzdeskError):
    """The database cannot be used as asked (newer version, read-only, locked, damaged)."""


class NotFound(GzdeskError):
    """A record, backup or batch the caller named does not exist."""


class DecisionNeeded(GzdeskError):
    """Conflicts or invalid rows need a decision the chosen policy did not allow (CLI exit code 3)."""

    exit_code = 3


class Cancelled(GzdeskError):
    """The clerk cancelled a long operation; nothing was changed."""


class InvalidValues(InputRefused):
    """A record's values break the schema's rules; ``problems`` lists each (field, message)."""

    def __init__(self, entity_labels: tuple[str, str], problems: list[object]) -> None:
        self.problems = problems
        self.entity_labels = entity_labels
        super().__init__("record.invalid_values", count=len(problems))

    def message(self, lang: str = "zh") -> str:
        first = self.problems[0].message(lang) if self.problems else ""  # type: ignore[attr-defined]
        entity = self.entity_labels[1] if lang == "en" else self.entity_labels[0]
        return messages.render(self.code, lang, **{**self.params, "first": first, "entity": entity})


class WriteRefused(InputRefused):
    """SQLite refused one value (or one row) of a write — a constraint, a trigger, a value it cannot store — and
    the whole write was rolled back. ``field`` is the refused field's key (None when it could not be told),
    ``origin`` where the row came from (``file!sheet!row`` for an imported row), ``reason`` a message code
    saying why (rendered with ``detail``, SQLite's own words). ``column_labels`` (zh, en) fill ``{column}``."""

    def __init__(self, code: str, /, *, field: str | None, origin: str | None, reason: str,
                 column_labels: tuple[str, str] | None = None, **params: object) -> None:
        self.field = field
        self.origin = origin
        self.reason = reason
        self.column_labels = column_labels
        super().__init__(code, **params)

    def message(self, lang: str = "zh") -> str:
        params = dict(self.params)
        params["reason"] = messages.render(self.reason, lang, **params)
        if self.column_labels is not None:
            params["column"] = self.column_labels[1] if lang == "en" else self.column_labels[0]
        return messages.render(self.code, lang, **params)
