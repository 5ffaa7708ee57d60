"""gzdesk: the desktop ledger for Guangzhou's three industrial project lists."""

__version__ = "0.1.0"
