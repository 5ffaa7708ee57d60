"""What an import would do, shown before anything is written; the clerk decides (``ask()`` returns plain data)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from gzdesk.core import messages, schema
from gzdesk.core.importer import ImportPlan
from gzdesk.ui.text import tr

COUNT_LABELS = {
    "new": ("新增", "New"), "updated": ("更新", "Updated"), "unchanged": ("未变", "Unchanged"),
    "conflicts": ("冲突", "Conflicts"), "held": ("待审核", "Held for review"), "invalid": ("错误行", "Invalid rows"),
    "duplicates": ("重复行（已合并）", "Duplicate rows (merged)"), "not_in_file": ("文件中没有的项目", "Not in file"),
}


@dataclass(frozen=True)
class ImportDecision:
    apply: bool
    skip_invalid: bool = False
    on_conflict: str = "fail"
    accept_foreign: bool = False


class ImportDialog(QDialog):
    """Counts, tables found, every problem, and the choices the plan needs."""

    def __init__(self, plan: ImportPlan, *, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(tr(lang, f"导入“{plan.file_name}”", f"Import {plan.file_name}"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        for table in plan.tables:
            layout.addWidget(QLabel(tr(
                lang,
                f"工作表「{table.sheet_name}」：{schema.entity(table.list_key).zh}，表头第 "
                f"{'、'.join(map(str, table.header_rows))} 行，数据 {len(table.data_rows)} 行，跳过 {len(table.skipped)} 行",
                f"Sheet {table.sheet_name}: {schema.entity(table.list_key).en}, header row(s) "
                f"{', '.join(map(str, table.header_rows))}, {len(table.data_rows)} data rows, "
                f"{len(table.skipped)} skipped")))
        counts = plan.counts()
        form = QFormLayout()
        for key, (zh, en) in COUNT_LABELS.items():
            if counts[key] or key in ("new", "updated", "unchanged"):
                form.addRow(tr(lang, zh, en) + "：" if lang != "en" else en + ":", QLabel(f"{counts[key]:,}"))
        layout.addLayout(form)
        if plan.already_imported is not None:
            layout.addWidget(QLabel(messages.render("batch.already_imported", lang,
                                                    at=plan.already_imported.started_at,
                                                    batch=plan.already_imported.id)))
        self.problems = QListWidget()
        self.problems.addItems([p.message(lang) for p in plan.problems])
        self.problems.setVisible(bool(plan.problems))
        layout.addWidget(self.problems)
        self.skip_invalid = QCheckBox(tr(lang, "跳过有错误的行，只导入正确的行", "Skip the invalid rows, import the rest"))
        self.skip_invalid.setVisible(bool(plan.invalid_rows))
        layout.addWidget(self.skip_invalid)
        self.on_conflict = QComboBox()
        for value, zh, en in (("fail", "有冲突时不导入", "Stop on conflicts"),
                              ("keep-mine", "冲突字段保留我的", "Conflicts: keep mine"),
                              ("take-theirs", "冲突字段采用对方的", "Conflicts: take theirs")):
            self.on_conflict.addItem(tr(lang, zh, en), value)
        self.on_conflict.setVisible(bool(plan.conflicts))
        layout.addWidget(self.on_conflict)
        self.accept_foreign = QCheckBox(tr(lang, "也接受对本单位项目的修改（将记入审计日志）",
                                           "Also accept changes to our own projects (audited)"))
        self.accept_foreign.setVisible(counts["held"] > 0)
        layout.addWidget(self.accept_foreign)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr(lang, "导入", "Import"))
        self.skip_invalid.toggled.connect(self._refresh_ok)
        self.on_conflict.currentIndexChanged.connect(self._refresh_ok)
        self._refresh_ok()
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr(lang, "取消", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _refresh_ok(self) -> None:
        """Import is possible only once every decision the plan needs has been made."""
        plan = self.plan
        self.ok.setEnabled(plan.already_imported is None and bool(plan.new or plan.updates)
                           and (not plan.invalid_rows or self.skip_invalid.isChecked())
                           and (not plan.conflicts or self.on_conflict.currentData() != "fail"))

    def decision(self, accepted: bool) -> ImportDecision:
        if not accepted:
            return ImportDecision(apply=False)
        return ImportDecision(True, self.skip_invalid.isChecked(), str(self.on_conflict.currentData()),
                              self.accept_foreign.isChecked())

    def ask(self) -> ImportDecision:
        return self.decision(self.exec() == QDialog.DialogCode.Accepted)
