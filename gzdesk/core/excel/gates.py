"""Safety gates a zip workbook passes before any parser sees it.

Contracts:

* :func:`open_zip` reads the end-of-central-directory record itself and refuses more than
  :data:`MAX_ZIP_ENTRIES` parts before :mod:`zipfile` builds its index; it then refuses declared sizes over
  the limits (one part, all parts, compression ratio), encrypted or unknown-method parts. Truncated or
  malformed zips give ``excel.damaged``.
* :func:`iter_part` streams one part in chunks, never more than the size it declares; a part that holds more
  or less than it declares, or fails its CRC, gives ``excel.damaged``. Memory stays at one chunk.
* :func:`check_prolog` refuses a DTD (hence any entity declaration) before the root element:
  ``excel.forbidden_xml``. :func:`parse_xml` parses a small part with lxml (no entities, no network, no huge
  trees) after that check.

Every refusal is :class:`gzdesk.core.errors.InputRefused`; no other exception escapes for a bad file.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from gzdesk.core.excel.refusals import (
    MAX_COMPRESSION_RATIO,
    MAX_PART_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_CHECK_BYTES,
    refuse,
)

CHUNK_BYTES = 1 << 20
_MAX_CENTRAL_DIRECTORY = MAX_ZIP_ENTRIES * 1024
_MAX_PROLOG = 1 << 16
_MB = 1024 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          dtd_validation=False, remove_comments=True, remove_pis=True)
_PROLOG_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)?", re.DOTALL)


def declared_entry_count(path: Path) -> int:
    """The number of parts the zip's end-of-central-directory record declares (zip64 aware)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        tail_start = max(0, size - 65_557)
        handle.seek(tail_start)
        tail = handle.read()
        position = tail.rfind(b"PK\x05\x06")
        if position < 0 or len(tail) - position < 22:
            raise refuse("excel.damaged", path)
        _, _, _, entries, directory_size, _, _ = struct.unpack_from("<HHHHIIH", tail, position + 4)
        count = entries
        if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
            count, directory_size = _zip64_counts(handle, tail, position, path)
    if directory_size > _MAX_CENTRAL_DIRECTORY:
        raise refuse("excel.too_many_parts", path, count=max(count, MAX_ZIP_ENTRIES + 1), max_count=MAX_ZIP_ENTRIES)
    return int(count)


def _zip64_counts(handle: BinaryIO, tail: bytes, position: int, path: Path) -> tuple[int, int]:
    locator = position - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        raise refuse("excel.damaged", path)
    (record_offset,) = struct.unpack_from("<Q", tail, locator + 8)
    handle.seek(record_offset)
    record = handle.read(56)
    if len(record) < 56 or record[:4] != b"PK\x06\x06":
        raise refuse("excel.damaged", path)
    _, total, directory_size, _ = struct.unpack_from("<QQQQ", record, 24)
    return int(total), int(directory_size)


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip at ``path`` after the entry-count and declared-size gates (see the module contract)."""
    count = declared_entry_count(path)
    if count > MAX_ZIP_ENTRIES:
        raise refuse("excel.too_many_parts", path, count=count, max_count=MAX_ZIP_ENTRIES)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error) as error:
        raise refuse("excel.damaged", path) from error
    try:
        check_declared_sizes(archive, path)
    except BaseException:
        archive.close()
        raise
    return archive


def check_declared_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse too many parts, parts or totals too large when unpacked, bomb-like ratios, odd compression."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise refuse("excel.too_many_parts", path, count=len(infos), max_count=MAX_ZIP_ENTRIES)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse("excel.encrypted", path)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse("excel.damaged", path)
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise _too_large(path, info.file_size, MAX_PART_BYTES)
        if info.file_size > RATIO_CHECK_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise refuse("excel.suspicious_compression", path, ratio=info.file_size // max(info.compress_size, 1),
                         max_ratio=MAX_COMPRESSION_RATIO)
    if total > MAX_UNPACKED_BYTES:
        raise _too_large(path, total, MAX_UNPACKED_BYTES)


def _too_large(path: Path, size: int, limit: int) -> Exception:
    return refuse("excel.too_large_unpacked", path, size_mb=size // _MB, max_mb=limit // _MB)


def iter_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, *,
              chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The bytes of one part in chunks of about ``chunk_bytes``, verified against its declared size and CRC."""
    seen = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(chunk_bytes):
                seen += len(chunk)
                if seen > info.file_size:
                    raise refuse("excel.damaged", path)
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise refuse("excel.damaged", path) from error
    if seen != info.file_size:
        raise refuse("excel.damaged", path)


def read_part(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """A whole (small) part, verified as :func:`iter_part` does, with its prolog checked."""
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise refuse("excel.damaged", path) from error
    data = b"".join(iter_part(archive, info, path))
    check_prolog(data, path)
    return data


def check_prolog(head: bytes, path: Path) -> None:
    """Refuse a DTD before the root element of an XML part whose first bytes are ``head``.

    A prolog longer than 64 KB (only comments and processing instructions) is refused too: no writer makes one.
    """
    text = head[:_MAX_PROLOG]
    if text.startswith((b"\xff\xfe", b"\xfe\xff")) or text[:2] in (b"<\0", b"\0<"):
        text = _utf16_to_ascii(text)
    elif text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    position = 0
    while True:
        match = _PROLOG_SKIP.match(text, position)
        end = match.end() if match else position
        if end == position:
            break
        position = end
    if text.startswith((b"<!", b"<?"), position):  # a DTD, or a prolog longer than we look at
        raise refuse("excel.forbidden_xml", path)
    if position >= len(text) and len(head) > _MAX_PROLOG:
        raise refuse("excel.forbidden_xml", path)


def _utf16_to_ascii(data: bytes) -> bytes:
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else (
        "utf-16-le" if data[:2] == b"<\0" else "utf-16-be")
    text = data[: len(data) // 2 * 2].decode(encoding, errors="replace")
    return text.encode("ascii", errors="replace")


def parse_xml(data: bytes, path: Path) -> etree._Element:
    """A small XML part parsed safely; a DTD gives ``excel.forbidden_xml``, bad XML ``excel.damaged``."""
    check_prolog(data, path)
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise refuse("excel.damaged", path) from error
    if root is None:
        raise refuse("excel.damaged", path)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise refuse("excel.forbidden_xml", path)
    return root
