"""Fault tests (RELIABILITY.md T01–T14, T40): real child processes, real files, real signals."""
