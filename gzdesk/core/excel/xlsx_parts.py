"""The structure of an .xlsx package: which part holds which sheet, the date system, which styles are dates.

Only worksheets are listed (chart sheets hold no table).

Contract: :func:`read_structure` parses only small parts (workbook, relationships, styles) with the safe
parser of :mod:`gzdesk.core.excel.gates`; a sheet whose part is missing raises ``excel.damaged_sheet`` naming
it, other damage ``excel.damaged``. It never reads sheet data.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gzdesk.core.excel.gates import parse_xml, read_part
from gzdesk.core.excel.refusals import refuse

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Built-in number formats that show dates (Excel's list, with the CJK ones 27–36 and 50–58).
_BUILTIN_TIME = frozenset({18, 19, 20, 21, 32, 33, 34, 35, 45, 47})
_BUILTIN_DURATION = frozenset({46})
_BUILTIN_DATE = frozenset({14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, *range(50, 59), *range(71, 82)})
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)
_BRACKETS = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class SheetPart:
    """One sheet as the workbook lists it: name, zip member, visibility."""

    name: str
    part: str | None
    visible: bool


@dataclass(frozen=True)
class StyleKinds:
    """Cell-style indexes (the ``s`` attribute) whose number format shows a date, a time or a duration."""

    dates: frozenset[int] = frozenset()
    times: frozenset[int] = frozenset()
    durations: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Structure:
    sheets: tuple[SheetPart, ...]
    date1904: bool
    styles: StyleKinds = field(default_factory=StyleKinds)


def read_structure(archive: zipfile.ZipFile, path: Path) -> Structure:
    """Sheets in workbook order with their parts, the date system and the date styles (see module contract)."""
    names = {name.lower(): name for name in archive.namelist()}
    workbook = parse_xml(read_part(archive, names["xl/workbook.xml"], path), path)
    relationships = _relationships(archive, names, path)
    date1904 = any(_flag(element.get("date1904")) for element in _iter_local(workbook, "workbookPr"))
    sheets: list[SheetPart] = []
    for element in _iter_local(workbook, "sheet"):
        name = element.get("name") or ""
        target, kind = relationships.get(element.get(f"{{{_REL_NS}}}id") or "", ("", "worksheet"))
        if kind != "worksheet":
            continue  # chart, dialog and macro sheets hold no table
        part = names.get(target.lower()) if target else None
        sheets.append(SheetPart(name, part, element.get("state", "visible") == "visible"))
    styles_target = next((t for t, kind in relationships.values() if kind == "styles"), None)
    styles = StyleKinds()
    if styles_target and styles_target.lower() in names:
        styles = _style_kinds(parse_xml(read_part(archive, names[styles_target.lower()], path), path))
    return Structure(tuple(sheets), date1904, styles)


def _relationships(archive: zipfile.ZipFile, names: dict[str, str], path: Path) -> dict[str, tuple[str, str]]:
    """Relationship id -> (zip member path, relationship kind such as "worksheet" or "styles")."""
    found: dict[str, tuple[str, str]] = {}
    rels = names.get("xl/_rels/workbook.xml.rels")
    if rels is None:
        return found
    root = parse_xml(read_part(archive, rels, path), path)
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname != "Relationship":
            continue
        target, key = element.get("Target") or "", element.get("Id") or ""
        if element.get("TargetMode") == "External" or not target:
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        found[key] = (resolved, (element.get("Type") or "").rsplit("/", 1)[-1])
    return found


def _style_kinds(root: etree._Element) -> StyleKinds:
    custom = {int(element.get("numFmtId") or -1): element.get("formatCode") or ""
              for element in _iter_local(root, "numFmt")}
    dates: set[int] = set()
    times: set[int] = set()
    durations: set[int] = set()
    for cell_xfs in _iter_local(root, "cellXfs"):
        for index, xf in enumerate(element for element in cell_xfs if _is(element, "xf")):
            try:
                number_format = int(xf.get("numFmtId") or 0)
            except ValueError:
                continue
            kind = classify_format(number_format, custom.get(number_format))
            {"date": dates, "time": times, "duration": durations}.get(kind or "", set()).add(index)
    return StyleKinds(frozenset(dates), frozenset(times), frozenset(durations))


def classify_format(number_format: int, code: str | None) -> str | None:
    """"date", "time" (no date part), "duration" (elapsed ``[h]``) or None for a number format."""
    if code is None:
        if number_format in _BUILTIN_DATE:
            return "date"
        if number_format in _BUILTIN_TIME:
            return "time"
        return "duration" if number_format in _BUILTIN_DURATION else None
    section = _QUOTED.sub("", code.split(";", 1)[0])
    if _ELAPSED.search(section):
        return "duration"
    section = _BRACKETS.sub("", section).lower()
    if section.strip() in ("general", "@", ""):
        return None
    has_time = "h" in section or "s" in section
    if "y" in section or "d" in section or any(mark in section for mark in "年月日") or (
            "m" in section and not has_time):
        return "date"
    return "time" if has_time else None


def _iter_local(root: etree._Element, local: str) -> list[etree._Element]:
    return [element for element in root.iter() if _is(element, local)]


def _is(element: etree._Element, local: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).localname == local


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def missing_part(path: Path, sheet: SheetPart) -> Exception:
    """The refusal for a sheet the workbook lists but whose data part is not in the file."""
    return refuse("excel.damaged_sheet", path, sheet=sheet.name, detail="missing part")
