"""Builders for hostile and odd workbook files, all made in code (nothing binary is checked in).

Each builder writes one file under the directory it is given and returns its path. The minimal .xlsx
package here is hand-written XML so a test can break exactly one thing; normal workbooks in the tests are
written by openpyxl and XlsxWriter instead.
"""

from __future__ import annotations

import random
import struct
import zipfile
from pathlib import Path

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DATE_STYLE = 1  # cellXfs index of the "yyyy-mm-dd" style in STYLES
TIME_STYLE = 2  # "hh:mm"
STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN_NS}">'
          '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
          '<numFmt numFmtId="165" formatCode="hh:mm"/></numFmts>'
          '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
          '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/>'
          '<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs>'
          "</styleSheet>")
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + "]>")
QUADRATIC = f'<!DOCTYPE q [<!ENTITY a "{"a" * 50_000}">]>'


def sheet_xml(body: str, *, dimension: str | None = None, head: str = "", prolog: str = "") -> str:
    """A worksheet part around ``body`` (the ``<sheetData>`` content), with an optional ``<dimension>``."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}">{dim}{head}<sheetData>{body}</sheetData></worksheet>')


def shared_strings_xml(strings: list[str], *, prolog: str = "", raw_items: str | None = None) -> str:
    items = raw_items if raw_items is not None else "".join(f"<si><t>{text}</t></si>" for text in strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<sst xmlns="{MAIN_NS}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')


def write_xlsx(path: Path, sheets: list[tuple[str, str | None, str]], *, shared: str | None = None,
               workbook_pr: str = "", extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .xlsx: ``sheets`` are (name, sheet XML or None for a missing part, state)."""
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT_MAIN}.worksheet+xml"/>'
                        for i in range(1, len(sheets) + 1))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT_MAIN}.sheet.main+xml"/>{overrides}</Types>')
    sheet_entries = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}" state="{state}"/>'
                            for i, (name, _, state) in enumerate(sheets, 1))
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN_NS}" '
                f'xmlns:r="{REL_NS}">{workbook_pr}<sheets>{sheet_entries}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(sheets) + 1))
    rels += f'<Relationship Id="rIdS" Type="{REL_NS}/styles" Target="styles.xml"/>'
    if shared is not None:
        rels += f'<Relationship Id="rIdT" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
                         f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
                         "</Relationships>")
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels",
                         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">{rels}'
                         "</Relationships>")
        archive.writestr("xl/styles.xml", STYLES)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        for i, (_, xml, _) in enumerate(sheets, 1):
            if xml is not None:
                archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def one_sheet(path: Path, body: str, **options: object) -> Path:
    """A one-sheet workbook named "Sheet1" whose sheetData is ``body`` (options go to :func:`sheet_xml`)."""
    shared = options.pop("shared", None)
    workbook_pr = str(options.pop("workbook_pr", ""))
    return write_xlsx(path, [("Sheet1", sheet_xml(body, **options), "visible")],  # type: ignore[arg-type]
                      shared=shared, workbook_pr=workbook_pr)  # type: ignore[arg-type]


def grid_body(rows: int, columns: int) -> str:
    """Rows 1..rows of numbers r*1000+c in columns A.., with refs."""
    letters = [chr(65 + c) for c in range(columns)]
    return "".join(f'<row r="{r}">' + "".join(f'<c r="{letters[c]}{r}"><v>{r * 1000 + c}</v></c>'
                                              for c in range(columns)) + "</row>" for r in range(1, rows + 1))


# ---- zip bombs and damaged containers -------------------------------------------------------------------

def whitespace_bomb(path: Path, megabytes: int = 300) -> Path:
    """A workbook whose sheet part is ``megabytes`` MB of spaces (level-9 deflate: tiny on disk)."""
    write_xlsx(path, [("Sheet1", None, "visible")])
    block = b" " * (1 << 20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
        part.write(b'<?xml version="1.0"?><worksheet xmlns="' + MAIN_NS.encode() + b'">')
        for _ in range(megabytes):
            part.write(block)
        part.write(b"<sheetData/></worksheet>")
    return path


def lying_sizes(path: Path, source: Path, member: str = "xl/worksheets/sheet1.xml", declared: int = 100) -> Path:
    """A copy of ``source`` whose ``member`` declares ``declared`` bytes (local header and directory)."""
    data = bytearray(source.read_bytes())
    name = member.encode()
    local = data.find(b"PK\x03\x04" + b"\x14\x00")
    while local >= 0:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_length] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def many_entries(path: Path, count: int = 100_000) -> Path:
    """A zip of ``count`` empty parts plus the two a workbook needs."""
    write_xlsx(path, [("Sheet1", sheet_xml(""), "visible")])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"x/{index}", b"")
    return path


def truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def random_bytes(path: Path, size: int = 20_000, seed: int = 7) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


# ---- legacy containers ---------------------------------------------------------------------------------

def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(sheet_kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, sheet_kind, 0x0DBB, 0x07CC, 0, 0x06))


def biff8(sheets: list[tuple[str, int, list[tuple[int, int, object]]]], *, password: bool = False) -> bytes:
    """A BIFF8 Workbook stream: sheets are (name, hidden state, cells); a cell value is a str, bool, number,
    or ("error", code). ``password`` adds a FILEPASS record (RC4 encryption header)."""
    def short_string(text: str) -> bytes:
        return struct.pack("<BB", len(text), 1) + text.encode("utf-16-le")

    head = _bof(0x0005) + (_record(0x002F, b"\x01\x00" + b"\0" * 52) if password else b"")
    head += _record(0x0042, struct.pack("<H", 1200))
    bodies = []
    for _, _, cells in sheets:
        body = _bof(0x0010)
        for row, column, value in cells:
            if isinstance(value, tuple):
                body += _record(0x0205, struct.pack("<HHHBB", row, column, 15, value[1], 1))
            elif isinstance(value, bool):
                body += _record(0x0205, struct.pack("<HHHBB", row, column, 15, int(value), 0))
            elif isinstance(value, str):
                body += _record(0x0204, struct.pack("<HHHHB", row, column, 15, len(value), 1)
                                + value.encode("utf-16-le"))
            else:
                body += _record(0x0203, struct.pack("<HHHd", row, column, 15, float(value)))  # type: ignore[arg-type]
        bodies.append(body + _record(0x000A))
    bound_sheets_length = sum(len(_record(0x0085, b"\0" * 6 + short_string(name))) for name, _, _ in sheets)
    offset = len(head) + bound_sheets_length + 4
    stream = head
    for (name, state, _), body in zip(sheets, bodies, strict=True):
        stream += _record(0x0085, struct.pack("<IBB", offset, state, 0) + short_string(name))
        offset += len(body)
    return stream + _record(0x000A) + b"".join(bodies)


def cfb(streams: dict[str, bytes]) -> bytes:
    """A version-3 Compound File holding ``streams`` (each padded to 4096 bytes, so no mini stream)."""
    sector, end_of_chain, free, fat_sector, no_stream = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    items = [(name, data + b"\0" * max(0, 4096 - len(data))) for name, data in streams.items()]
    fat, starts, payload, next_sector = [fat_sector, end_of_chain], [], b"", 2
    for _, data in items:
        count = -(-len(data) // sector)
        starts.append(next_sector)
        fat += [next_sector + i + 1 for i in range(count - 1)] + [end_of_chain]
        next_sector += count
        payload += data + b"\0" * (count * sector - len(data))
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded + b"\0" * (64 - len(encoded)) + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream,
                                                                     right, child)
                + b"\0" * 36 + struct.pack("<IIi", start, size, 0))

    directory = entry("Root Entry", 5, 1 if items else no_stream, no_stream, end_of_chain, 0)
    for index, ((name, data), start) in enumerate(zip(items, starts, strict=True)):
        directory += entry(name, 2, no_stream, index + 2 if index + 1 < len(items) else no_stream, start, len(data))
    directory += b"\0" * (sector - len(directory))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain)
              + struct.pack("<I", 0) + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory + payload


def cfb_mini(streams: dict[str, bytes]) -> bytes:
    """A version-3 Compound File whose streams (each under 4096 bytes) live in the mini stream, as small
    workbooks saved by Excel and WPS do."""
    sector, end_of_chain, free, fat_sector, no_stream = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    minifat: list[int] = []
    container, starts = b"", []
    for data in streams.values():
        count = max(1, -(-len(data) // 64))
        starts.append(len(minifat))
        minifat += [len(minifat) + i + 1 for i in range(count - 1)] + [end_of_chain]
        container += data + b"\0" * (count * 64 - len(data))
    container_sectors = -(-len(container) // sector)
    container += b"\0" * (container_sectors * sector - len(container))
    fat = [fat_sector, end_of_chain, end_of_chain]  # FAT, directory, mini FAT
    fat += [3 + i + 1 for i in range(container_sectors - 1)] + [end_of_chain]
    fat += [free] * (128 - len(fat))
    minifat += [free] * (128 - len(minifat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded + b"\0" * (64 - len(encoded)) + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream,
                                                                     right, child)
                + b"\0" * 36 + struct.pack("<IIi", start, size, 0))

    directory = entry("Root Entry", 5, 1, no_stream, 3, len(container))
    names = list(streams)
    for index, (name, start) in enumerate(zip(names, starts, strict=True)):
        directory += entry(name, 2, no_stream, index + 2 if index + 1 < len(names) else no_stream, start,
                           len(streams[name]))
    directory += b"\0" * (sector - len(directory))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, 2, 1, end_of_chain)
              + struct.pack("<I", 0) + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + directory + struct.pack("<128I", *minifat) + container


def xls_file(path: Path, sheets: list[tuple[str, int, list[tuple[int, int, object]]]]) -> Path:
    path.write_bytes(cfb({"Workbook": biff8(sheets)}))
    return path


def encrypted_ooxml(path: Path) -> Path:
    """The CFB wrapper Excel writes around a password-protected .xlsx."""
    path.write_bytes(cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\0" * 64,
                          "EncryptedPackage": b"\x10\x00\x00\x00\x00\x00\x00\x00" + b"\x5a" * 200}))
    return path


def ods_file(path: Path, tables: str) -> Path:
    """A minimal valid .ods whose spreadsheet body is ``tables`` (``<table:table>`` elements)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def ods_cell(value: str | float) -> str:
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    return (f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>'
            "</table:table-cell>")


def word_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def with_macros(path: Path, source: Path) -> Path:
    """A copy of the .xlsx ``source`` with an ``xl/vbaProject.bin`` part (an .xlsm)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr("xl/vbaProject.bin", cfb({"dir": b"Attribute VB_Name = \"Module1\"\r\nShell \"calc.exe\""}))
    return path
