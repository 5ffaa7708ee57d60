"""The contract between the exchange workbook we write and the import that reads it back.

An exchange workbook carries, in a very-hidden sheet :data:`META_SHEET`, who exported it and, for every record,
the values as sent (the *base* of a three-way merge) with their hash. Layout (one value per cell):

    row 1   gzdesk-exchange | <format version>
    row 2   export_id       | <uuid>
    row 3   office          | <office code>
    row 4   exported_at     | <ISO time>
    row 5   lists           | investment,tech_transfer
    row 6   app_version     | 0.1.0
    row 7   records         | <count>
    row 9   list | id | revision | hash | values…
    row 10+ one record each; its values as canonical JSON, cut into chunks of at most
            :data:`CHUNK` characters across columns E, F, G … (a cell holds at most 32,767 UTF-16 units)

The hash makes the base tamper-evident (not a security boundary): a record whose values do not match its hash
has no trusted base and is merged like a row of a hand-made sheet. Each list sheet has the record id in its
first column under :data:`ID_HEADER`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused

META_SHEET = "_meta"
MAGIC = "gzdesk-exchange"
FORMAT_VERSION = 1
ID_HEADER = "记录编号（请勿修改）"
ID_HEADER_EN = "Record ID (do not edit)"
CHUNK = 16_000  # characters; at most 2 UTF-16 units each, so a chunk stays under 32,767 units
RECORDS_HEADER_ROW = 9

messages.register({
    "meta.newer_format": ("“{file}”由更新版本的 gzdesk 导出（格式 {found}），请升级后再导入",
                          "{file} was exported by a newer gzdesk (format {found}); update gzdesk to import it"),
    "meta.damaged": ("“{file}”的导出信息表已损坏（{detail}）", "The export information in {file} is damaged ({detail})"),
})


@dataclass(frozen=True)
class ExportInfo:
    export_id: str
    office: str
    exported_at: str
    lists: tuple[str, ...]
    app_version: str
    format_version: int = FORMAT_VERSION


@dataclass(frozen=True)
class BaseRecord:
    """A record as it was sent: the base of the three-way merge."""

    list_key: str
    record_id: str
    revision: int
    values: Mapping[str, object]
    hash: str
    trusted: bool  # the values match their hash (checked on the JSON text as read)


def base_record(list_key: str, record_id: str, revision: int, values: Mapping[str, object]) -> BaseRecord:
    """The base of a record being exported: its values and their hash."""
    return BaseRecord(list_key, record_id, revision, values, record_hash(values), True)


def canonical_json(values: Mapping[str, object]) -> str:
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_hash(values: Mapping[str, object]) -> str:
    """A stable digest of a record's field values (independent of key order and process)."""
    return text_hash(canonical_json(values))


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def meta_rows(info: ExportInfo, bases: Sequence[BaseRecord] | Iterator[BaseRecord], count: int) -> Iterator[list[object]]:
    """The rows of the metadata sheet, in order (row 8 is blank)."""
    yield [MAGIC, info.format_version]
    yield ["export_id", info.export_id]
    yield ["office", info.office]
    yield ["exported_at", info.exported_at]
    yield ["lists", ",".join(info.lists)]
    yield ["app_version", info.app_version]
    yield ["records", count]
    yield []
    yield ["list", "id", "revision", "hash", "values"]
    for base in bases:
        text = canonical_json(base.values)
        chunks = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
        yield [base.list_key, base.record_id, base.revision, base.hash, *chunks]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_meta(rows: Sequence[Sequence[object]], *, file: str) -> tuple[ExportInfo, dict[str, BaseRecord]]:
    """Read the metadata sheet's rows back; refuses a newer format or a broken layout."""
    try:
        if _text(rows[0][0]) != MAGIC:
            raise ValueError("not a gzdesk metadata sheet")
        version = int(float(_text(rows[0][1])))
        if version > FORMAT_VERSION:
            raise InputRefused("meta.newer_format", file=file, found=version)
        head = {_text(row[0]): _text(row[1]) for row in rows[1:7] if len(row) >= 2}
        info = ExportInfo(head["export_id"], head["office"], head["exported_at"],
                          tuple(k for k in head["lists"].split(",") if k), head["app_version"], version)
        bases: dict[str, BaseRecord] = {}
        for row in rows[RECORDS_HEADER_ROW:]:
            if not row or not _text(row[0]):
                continue
            text = "".join(_text(cell) for cell in row[4:])
            values = json.loads(text) if text else {}
            digest = _text(row[3])
            base = BaseRecord(_text(row[0]), _text(row[1]), int(float(_text(row[2]))), values, digest,
                              text_hash(text) == digest)
            bases[base.record_id] = base
    except InputRefused:
        raise
    except (IndexError, KeyError, ValueError, TypeError) as error:
        raise InputRefused("meta.damaged", file=file, detail=str(error)[:200]) from error
    return info, bases
