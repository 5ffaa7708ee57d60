"""The evaluation sheets of the exchange workbook (工作评估, 节点, 问题), laid out as
:mod:`gzdesk.core.exchange.evaluation_sheets` declares, written after the list sheets.

Which evaluations: those of the exported projects (each list's query) whose period is one of the periods asked
for, with all their milestones and problems. Each record's base goes to the metadata sheet with the list records'
(list column "evaluation", "evaluation_milestone", "evaluation_problem"), so a returned workbook merges three ways.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from gzdesk.core import schema
from gzdesk.core.evaluation.filters import named_where
from gzdesk.core.evaluation.periods import parse_period
from gzdesk.core.excel.exchange_sheets import DropDown, add_validations
from gzdesk.core.excel.export_common import FieldColumn, Ticker, field_columns, write_field
from gzdesk.core.excel.write_safe import CellFormats, FormatBook, RowPlace, sheet_name, write_text
from gzdesk.core.exchange import meta
from gzdesk.core.exchange.evaluation_sheets import LAYOUTS, SheetLayout
from gzdesk.core.query import Query
from gzdesk.core.schema import Entity
from gzdesk.core.store import Store

ENTITIES = tuple(layout.entity for layout in LAYOUTS)


@dataclass(frozen=True)
class _Sheet:
    layout: SheetLayout
    sheet: Worksheet
    name: str
    columns: Sequence[FieldColumn]  # project_kind (evaluations only), then the other fields; info in between


class EvaluationPart:
    """The three sheets of one export: added up front (:meth:`add`), written after the list sheets
    (:meth:`rows_and_bases`)."""

    def __init__(self, store: Store, sheets: Sequence[_Sheet], evaluation_ids: Sequence[str], lang: str) -> None:
        self.store, self.sheets, self.evaluation_ids, self.lang = store, sheets, evaluation_ids, lang

    @classmethod
    def add(cls, book: Workbook, store: Store, lists: Sequence[Entity], queries: Mapping[str, Query],
            periods: Sequence[str], taken: list[str], lang: str) -> EvaluationPart:
        sheets = []
        for layout in LAYOUTS:
            name = sheet_name(layout.title["en" if lang == "en" else "zh"], taken)
            taken.append(name)
            keys = [k for k in layout.fields if k == "project_kind"] + [k for k in layout.fields if k != "project_kind"]
            sheets.append(_Sheet(layout, book.add_worksheet(name), name,
                                 field_columns(layout.entity, keys, store.reference, lang)))
        return cls(store, sheets, _evaluation_ids(store, lists, queries, periods), lang)

    @property
    def count(self) -> int:
        return len(self.evaluation_ids)

    def write_headers(self, formats: FormatBook, id_formats: CellFormats, header_formats: CellFormats,
                      sources: Mapping[str, DropDown], ranges: Mapping[str, str]) -> None:
        for part in self.sheets:
            sheet, layout = part.sheet, part.layout
            place = RowPlace(part.name, "", part.name)
            id_header = layout.id_header["en" if self.lang == "en" else "zh"]
            headers = layout.headers(self.lang)
            sheet.set_column(0, 0, 12, formats.format({"bg_color": "#D9D9D9", "font_color": "#595959"}))
            sheet.set_row(0, 36)
            write_text(sheet, 0, 0, id_header, id_formats, place, id_header)
            for index, header in enumerate(headers, start=1):
                write_text(sheet, 0, index, header, header_formats, place, header)
            for index, column in self._positions(part):
                number = {"num_format": column.number_format} if column.number_format else {}
                sheet.set_column(index, index, column.width, formats.format(number) if number else None)
            for index in self._info_positions(part):
                sheet.set_column(index, index, 24)
            lead = self._lead(part)  # project_kind (free text, no drop-down) precedes the informational columns
            add_validations(sheet, part.columns[lead:], sources, ranges, self.lang,
                            first_column=1 + lead + len(layout.info))
            sheet.freeze_panes(1, 1)
            sheet.autofilter(0, 0, 1, len(headers))

    @staticmethod
    def _lead(part: _Sheet) -> int:
        return 1 if "project_kind" in part.layout.fields else 0

    def _positions(self, part: _Sheet) -> Iterator[tuple[int, FieldColumn]]:
        """(sheet column, field column) of every field: column B on, the informational columns skipped."""
        lead = self._lead(part)
        for position, column in enumerate(part.columns):
            yield (1 + position if position < lead else 1 + position + len(part.layout.info)), column

    def _info_positions(self, part: _Sheet) -> range:
        lead = self._lead(part)
        return range(1 + lead, 1 + lead + len(part.layout.info))

    def rows_and_bases(self, formats: FormatBook, id_formats: CellFormats, ticker: Ticker
                       ) -> Iterator[meta.BaseRecord]:
        """Write every evaluation, milestone and problem on its sheet and yield its base, one at a time."""
        evaluations = _in_order(self.store, "evaluation", self.evaluation_ids)
        context = _Context(self.store, evaluations)
        for part in self.sheets:
            key = part.layout.entity_key
            records = list(evaluations.values()) if key == "evaluation" else _children(self.store, key, evaluations)
            column_formats = [formats.cell_formats({"num_format": c.number_format} if c.number_format else {})
                              for c in part.columns]
            plain = formats.cell_formats({})
            ticker.message = part.name
            fields = [f.key for f in part.layout.entity.fields]
            for row, record in enumerate(records, start=1):
                place = RowPlace(part.name, str(record["id"]), part.name)
                write_text(part.sheet, row, 0, str(record["id"]), id_formats, place, part.layout.id_header["zh"])
                for (index, column), cell_formats in zip(self._positions(part), column_formats, strict=True):
                    value = record.get(column.field.key)
                    if column.field.key == "project_kind":
                        value = schema.entity(str(value)).label(self.lang) if value in schema.LIST_KEYS else value
                    write_field(part.sheet, row, index, column, value, cell_formats, place)
                for index, text in zip(self._info_positions(part), context.info(part.layout, record), strict=True):
                    if text:
                        write_text(part.sheet, row, index, text, plain, place, "")
                yield meta.base_record(key, str(record["id"]), int(record["revision"]),  # type: ignore[call-overload]
                                       {field: record.get(field) for field in fields})
                if key == "evaluation":  # the progress total counts evaluations, not their details
                    ticker.tick()
            part.sheet.autofilter(0, 0, max(len(records), 1), len(part.layout.headers(self.lang)))


class _Context:
    """The project names and periods the informational columns show."""

    def __init__(self, store: Store, evaluations: Mapping[str, Mapping[str, object]]) -> None:
        self.evaluations = evaluations
        self.names: dict[str, str] = {}
        for kind in schema.LIST_KEYS:
            ids = [str(e["project_id"]) for e in evaluations.values() if e["project_kind"] == kind]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                sql = f"SELECT id, name FROM [{schema.entity(kind).table}] WHERE id IN ({', '.join('?' * len(chunk))})"
                self.names.update((str(i), str(n)) for i, n in store.conn.execute(sql, chunk))

    def info(self, layout: SheetLayout, record: Mapping[str, object]) -> list[str]:
        evaluation = record if layout.entity_key == "evaluation" else self.evaluations.get(
            str(record.get("evaluation_id")), {})
        values = {"project_name": self.names.get(str(evaluation.get("project_id")), ""),
                  "period": str(evaluation.get("period") or "")}
        return [values[key] for key in layout.info]


def _evaluation_ids(store: Store, lists: Sequence[Entity], queries: Mapping[str, Query],
                    periods: Sequence[str]) -> list[str]:
    """The evaluations of the exported projects for ``periods``: by list, project order, then period."""
    wanted = [str(parse_period(period)) for period in periods]
    found: list[str] = []
    for entity in lists:
        where, params = named_where(entity.key, queries.get(entity.key, Query()), "p")
        marks = ", ".join(f":period{i}" for i in range(len(wanted)))
        sql = (f"SELECT e.id FROM evaluation AS e JOIN [{entity.table}] AS p ON p.id = e.project_id"
               f" WHERE e.project_kind = :kind AND e.period IN ({marks}) {where.replace('WHERE', 'AND', 1)}"
               " ORDER BY p.rid, e.period")
        values = {**params, "kind": entity.key, **{f"period{i}": p for i, p in enumerate(wanted)}}
        found += [str(row[0]) for row in store.conn.execute(sql, values)]
    return found


def _in_order(store: Store, kind: str, ids: Sequence[str]) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for start in range(0, len(ids), 2000):
        chunk = ids[start:start + 2000]
        records = store.records_by_ids(kind, chunk)
        found.update((record_id, records[record_id]) for record_id in chunk if record_id in records)
    return found


def _children(store: Store, kind: str, evaluations: Mapping[str, Mapping[str, object]]) -> list[dict[str, object]]:
    """The milestones or problems of ``evaluations``, in evaluation order, then entry order."""
    table = schema.entity(kind).table
    ids = list(evaluations)
    found: list[dict[str, object]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = store.conn.execute(f"SELECT id, evaluation_id FROM [{table}] WHERE evaluation_id IN"
                                  f" ({', '.join('?' * len(chunk))}) ORDER BY rid", chunk).fetchall()
        order = {evaluation_id: index for index, evaluation_id in enumerate(chunk)}
        rows.sort(key=lambda row: order[str(row[1])])
        records = store.records_by_ids(kind, [str(row[0]) for row in rows])
        found += [records[str(row[0])] for row in rows]
    return found
