"""The PySide6 shell: shows and asks; every use case lives in gzdesk.core."""
