"""The Qt-free core: schema, store, workbooks, merge, evaluations. Never imports PySide6."""
