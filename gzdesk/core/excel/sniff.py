"""What kind of file this really is, from its first bytes and container directory — never from its name.

Contract: :func:`detect` returns a :class:`Detection` for a readable workbook or text table, or raises
:class:`gzdesk.core.errors.InputRefused` with one of ``excel.empty_file``, ``excel.encrypted``,
``excel.word_document``, ``excel.web_page``, ``excel.unsupported_format``, ``excel.not_workbook``,
``excel.damaged`` (a truncated or malformed container), ``excel.too_many_parts`` or
``excel.too_large_unpacked`` (zip gates), ``excel.unreadable_file`` (the OS refused to read it).
Zips pass :func:`gzdesk.core.excel.gates.open_zip` here, so their declared sizes are checked before anything
else reads them.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from gzdesk.core.excel.cfb import CFB_SIGNATURE, CfbError, CompoundFile
from gzdesk.core.excel.gates import iter_part, open_zip
from gzdesk.core.excel.model import FileKind
from gzdesk.core.excel.refusals import MAX_CFB_BYTES, refuse

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TEXT_SAMPLE = 64 * 1024
_WEB_PREFIXES = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta", b"mime-version:")
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})


@dataclass(frozen=True)
class Detection:
    """The detected kind; ``notices`` are message codes for the clerk; ``encoding`` is set for text files."""

    kind: FileKind
    notices: tuple[str, ...] = ()
    encoding: str | None = None


def sniff(path: Path | str) -> FileKind:
    """The file's real kind (see :func:`detect`)."""
    return detect(path).kind


def detect(path: Path | str) -> Detection:
    """Detect the kind of the file at ``path`` from its content (see the module contract)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_TEXT_SAMPLE)
    except OSError as error:
        raise refuse("excel.unreadable_file", path, detail=error.strerror or type(error).__name__) from error
    if size == 0:
        raise refuse("excel.empty_file", path)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _detect_zip(path)
    if head.startswith(CFB_SIGNATURE):
        return _detect_cfb(path, size)
    return _detect_text(path, head)


def _detect_zip(path: Path) -> Detection:
    with open_zip(path) as archive:
        names = {name.lower(): name for name in archive.namelist()}
        if "mimetype" in names:
            info = archive.getinfo(names["mimetype"])
            if info.file_size <= 256 and b"".join(iter_part(archive, info, path)).strip() == ODS_MIMETYPE:
                return Detection(FileKind.ODS)
        if "[content_types].xml" in names and "xl/workbook.xml" in names:
            notices = ("excel.macros_ignored",) if "xl/vbaproject.bin" in names else ()
            return Detection(FileKind.XLSX, notices)
        if "xl/workbook.bin" in names:
            raise refuse("excel.unsupported_format", path, format="Excel 二进制工作簿 (.xlsb)")
        if any(name.startswith("word/") for name in names):
            raise refuse("excel.word_document", path)
    raise refuse("excel.not_workbook", path)


def _detect_cfb(path: Path, size: int) -> Detection:
    if size > MAX_CFB_BYTES:
        raise refuse("excel.too_large_file", path, size_mb=size >> 20, max_mb=MAX_CFB_BYTES >> 20)
    try:
        with path.open("rb") as handle:
            names = {name.lower() for name in CompoundFile(handle, size).names()}
    except CfbError as error:
        raise refuse("excel.damaged", path) from error
    if {"encryptioninfo", "encryptedpackage"} & names:
        raise refuse("excel.encrypted", path)
    if {"workbook", "book"} & names:
        return Detection(FileKind.XLS)
    if "worddocument" in names:
        raise refuse("excel.word_document", path)
    raise refuse("excel.not_workbook", path)


def _detect_text(path: Path, head: bytes) -> Detection:
    encoding = text_encoding(head)
    if encoding is None:
        raise refuse("excel.not_workbook", path)
    text = _decode_sample(head, encoding).lstrip("\ufeff \t\r\n").lower()
    if text.encode("utf-8", errors="replace").startswith(_WEB_PREFIXES) or (
            text.startswith("<?xml") and "<html" in text[:2048]):
        raise refuse("excel.web_page", path)
    if text.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        raise refuse("excel.unsupported_format", path, format="Excel 2003 XML")
    if text.startswith("{\\rtf"):
        raise refuse("excel.word_document", path)
    return Detection(FileKind.CSV, encoding=encoding)


def text_encoding(sample: bytes) -> str | None:
    """The encoding a text table in ``sample`` (its first bytes) uses — "utf-8-sig", "utf-16", "utf-8" or
    "gb18030" — or None when it is not text (invalid in all of them, NUL bytes, many control characters)."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif sample.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = _decode_sample(sample, encoding, strict=True)
        except UnicodeDecodeError:
            continue
        if "\0" in text:
            continue
        controls = sum(text.count(chr(byte)) for byte in _CONTROL_BYTES)
        if controls * 100 <= len(text):
            return encoding
    return None


def _decode_sample(sample: bytes, encoding: str, *, strict: bool = False) -> str:
    """Decode a file's first bytes; a multi-byte character cut at the sample's end is not an error."""
    decoder = codecs.getincrementaldecoder(encoding)("strict" if strict else "replace")
    return decoder.decode(sample, final=False)
