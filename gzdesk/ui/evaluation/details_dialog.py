"""Add or edit one milestone (节点) or problem (问题) of an evaluation: the schema's record form without the
evaluation link, so every field is checked as typed by the same rules as a record (dates as clerks write them,
vocabularies as drop-downs, required fields), plus the core's rule that an open problem has no resolved date.

``ask()`` shows it and returns what to save (every given value for a new one, the changed ones otherwise) or None;
``outcome()`` is that answer once the dialog was closed, for callers that drive it themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from gzdesk.core import messages, schema
from gzdesk.core.evaluation import details
from gzdesk.core.store import Store
from gzdesk.ui.record_form import RecordForm

HIDDEN = frozenset({"evaluation_id"})  # fixed by the evaluation the dialog was opened for


def editable_entity(kind: str) -> schema.Entity:
    """The milestone or problem entity with only the fields a clerk fills in."""
    entity = schema.entity(kind)
    return dataclasses.replace(entity, fields=tuple(field for field in entity.fields if field.key not in HIDDEN))


class DetailDialog(RecordForm):
    """A milestone or problem (``kind``) of the evaluation described by ``context`` (project · period);
    ``record`` None: a new one."""

    def __init__(self, store: Store, kind: str, record: Mapping[str, object] | None = None, *, context: str,
                 lang: str = "zh", parent: QWidget | None = None) -> None:
        self.kind = kind
        super().__init__(store, editable_entity(kind), dict(record) if record is not None else None, lang=lang,
                         parent=parent)
        titles = {(details.MILESTONES, False): self.tr("New milestone"),
                  (details.MILESTONES, True): self.tr("Edit milestone"),
                  (details.PROBLEMS, False): self.tr("New problem"),
                  (details.PROBLEMS, True): self.tr("Edit problem")}
        self.setWindowTitle(titles[kind, record is not None])
        heading = QLabel(context)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, heading)
        self._fit_height(heading)

    def _fit_height(self, heading: QLabel) -> None:
        """As tall as the fields need (the form's rows would share any spare height and drift apart)."""
        scroll = self.findChild(QScrollArea)
        inner = scroll.widget() if scroll is not None else None
        if inner is None:
            return
        chrome = heading.sizeHint().height() + self.save_button.sizeHint().height() + 60
        self.resize(560, min(inner.sizeHint().height() + chrome, 720))

    def values(self) -> tuple[dict[str, object], dict[str, str]]:
        values, problems = super().values()
        if self.kind == details.PROBLEMS and values.get("status") == details.OPEN and values.get("resolved_on") \
                and "resolved_on" not in problems:
            problems["resolved_on"] = messages.render("problem.resolved_open", self.lang)
        return values, problems

    def outcome(self) -> dict[str, object] | None:
        return self.changes() if self.result() == QDialog.DialogCode.Accepted and self.validate() else None

    def ask(self) -> dict[str, object] | None:
        self.exec()
        return self.outcome()
