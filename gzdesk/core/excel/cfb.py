"""A small, defensive reader of Compound File Binary containers (legacy .xls, encrypted .xlsx).

Contract: :class:`CompoundFile` lists the streams in the directory and reads one stream whole. Any structural
problem (bad header, sector out of range, a chain that loops, sizes that do not add up) raises :class:`CfbError`;
nothing else escapes for a bad file. Work is bounded by the file's size: every chain is followed at most once
per sector in the file.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import BinaryIO

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_REGULAR_SECTOR = 0xFFFFFFFA
_STREAM = 2
_ROOT = 5


class CfbError(Exception):
    """The container is malformed."""


class CompoundFile:
    """The directory and streams of a CFB file read through ``handle`` (``size`` bytes long)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle = handle
        self._size = size
        header = self._read_at(0, 512)
        if len(header) < 512 or header[:8] != CFB_SIGNATURE:
            raise CfbError("no CFB header")
        major, byte_order, sector_shift, mini_shift = struct.unpack_from("<HHHH", header, 26)
        if byte_order != 0xFFFE or (major, sector_shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
            raise CfbError("unknown CFB version")
        self._sector_size = 1 << sector_shift
        (fat_count, first_dir, _, self._mini_cutoff, first_minifat, minifat_count, first_difat,
         difat_count) = struct.unpack_from("<IIIIIIII", header, 44)
        self._max_sectors = max(1, (size - self._sector_size) // self._sector_size + 1)
        if fat_count > self._max_sectors:
            raise CfbError("FAT larger than file")
        fat_sectors = list(struct.unpack_from("<109I", header, 76))[:fat_count]
        fat_sectors += self._difat(first_difat, difat_count, fat_count - len(fat_sectors))
        fat_bytes = b"".join(self._sector(number) for number in fat_sectors[:fat_count])
        self._fat = struct.unpack(f"<{len(fat_bytes) // 4}I", fat_bytes)
        directory = self._chain_bytes(self._fat, first_dir, self._sector)
        self.entries = self._parse_directory(directory)
        root = self.entries.get("Root Entry")
        self._mini_stream = b""
        self._minifat: tuple[int, ...] = ()
        if root is not None and first_minifat not in (_END_OF_CHAIN, _FREE) and minifat_count:
            minifat = self._chain_bytes(self._fat, first_minifat, self._sector)
            self._minifat = struct.unpack(f"<{len(minifat) // 4}I", minifat)
            self._mini_stream = self._chain_bytes(self._fat, root[0], self._sector)[: root[1]]

    def names(self) -> set[str]:
        """The stream and storage names in the directory (as written, case kept)."""
        return set(self.entries)

    def read_stream(self, name: str) -> bytes:
        """The whole stream ``name``; :class:`CfbError` if it is missing or its chain is broken."""
        entry = self.entries.get(name)
        if entry is None:
            raise CfbError(f"no stream {name}")
        start, size = entry
        if size < self._mini_cutoff:
            data = self._chain_bytes(self._minifat, start, self._mini_sector)
        else:
            data = self._chain_bytes(self._fat, start, self._sector)
        if len(data) < size:
            raise CfbError(f"stream {name} is shorter than declared")
        return data[:size]

    def _read_at(self, offset: int, length: int) -> bytes:
        self._handle.seek(offset)
        return self._handle.read(length)

    def _sector(self, number: int) -> bytes:
        if number > _MAX_REGULAR_SECTOR or number >= self._max_sectors:
            raise CfbError("sector out of range")
        data = self._read_at((number + 1) * self._sector_size, self._sector_size)
        if len(data) < self._sector_size:
            data += b"\0" * (self._sector_size - len(data))  # the last sector may be cut short on disk
        return data

    def _mini_sector(self, number: int) -> bytes:
        offset = number * 64
        if offset + 64 > len(self._mini_stream):
            raise CfbError("mini sector out of range")
        return self._mini_stream[offset : offset + 64]

    def _difat(self, first: int, count: int, wanted: int) -> list[int]:
        found: list[int] = []
        number, seen = first, 0
        while wanted > len(found) and number not in (_END_OF_CHAIN, _FREE) and seen <= count:
            values = struct.unpack(f"<{self._sector_size // 4}I", self._sector(number))
            found.extend(values[:-1])
            number, seen = values[-1], seen + 1
        if len(found) < wanted:
            raise CfbError("DIFAT too short")
        return found

    @staticmethod
    def _chain_bytes(table: tuple[int, ...], start: int, read: Callable[[int], bytes]) -> bytes:
        parts: list[bytes] = []
        number = start
        while number != _END_OF_CHAIN:
            if number >= len(table) or len(parts) > len(table):
                raise CfbError("broken sector chain")
            parts.append(read(number))
            number = table[number]
        return b"".join(parts)

    def _parse_directory(self, data: bytes) -> dict[str, tuple[int, int]]:
        entries: dict[str, tuple[int, int]] = {}
        for offset in range(0, len(data) - 127, 128):
            name_length, kind = struct.unpack_from("<HB", data, offset + 64)
            if kind not in (1, _STREAM, _ROOT) or not 2 <= name_length <= 64:
                continue
            name = data[offset : offset + name_length - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<IQ", data, offset + 116)
            if self._sector_size == 512:
                size &= 0xFFFFFFFF
            if size > self._size and kind == _STREAM:
                raise CfbError("stream larger than file")
            entries.setdefault(name, (start, size))
        return entries
