"""The import wizard (issue #5): one module per page, the shell in ``shell.py``; the flow in ``ui/import_flow.py``."""

from gzdesk.ui.wizard.shell import APPLY, COLUMNS, FOUND, PREVIEW, PROBLEMS, SUMMARY, ImportWizard

__all__ = ["APPLY", "COLUMNS", "FOUND", "PREVIEW", "PROBLEMS", "SUMMARY", "ImportWizard"]
