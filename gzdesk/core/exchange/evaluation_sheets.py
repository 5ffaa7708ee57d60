"""The evaluation part of an exchange workbook, declared once for the writer and the reader.

Three sheets follow the list sheets when an export includes evaluations (``evaluation_periods``):

    工作评估  A 评估编号（请勿修改） | 项目清单 | 项目名称 | 项目标识 | 报告期 | 填报日期 | … | 调整理由
    节点      A 节点编号（请勿修改） | 项目名称 | 报告期 | 评估编号 | 节点名称 | 计划完成时间 | …
    问题      A 问题编号（请勿修改） | 项目名称 | 报告期 | 评估编号 | 问题类型 | 问题描述 | …

Column A holds the record id (locked like a list sheet's 记录编号, blank on a new row). 项目清单 is written as the
list's label (招商引资项目). 项目名称 (and 报告期 on the child sheets) are for reading, and for new rows: a new
evaluation names its project by 项目标识 (copied from the list sheet) or by 项目清单 + 项目名称; a new milestone or
problem names its evaluation by 评估编号, or by 项目名称 + 报告期 (an evaluation in the database or in this file).
Every other column is a schema field with its usual header, so values are written and read as on the list sheets.
A sheet is recognised by the header of column A, whatever its name, and never taken for a project list.
"""

from __future__ import annotations

from dataclasses import dataclass

from gzdesk.core import schema
from gzdesk.core.schema import Entity, fold

PROJECT_NAME = {"zh": "项目名称", "en": "Project name"}
PERIOD = {"zh": "报告期", "en": "Period"}


@dataclass(frozen=True)
class SheetLayout:
    """One sheet of the evaluation part: its entity, names, id header, informational columns and fields."""

    entity_key: str
    title: dict[str, str]  # sheet name by language
    id_header: dict[str, str]
    info: tuple[str, ...]  # "project_name", "period": read-only context columns, after project_kind
    fields: tuple[str, ...]  # schema fields, in order

    @property
    def entity(self) -> Entity:
        return schema.entity(self.entity_key)

    def info_header(self, key: str, lang: str) -> str:
        return (PROJECT_NAME if key == "project_name" else PERIOD)["en" if lang == "en" else "zh"]

    def headers(self, lang: str) -> list[str]:
        """Every header after column A, in order (project_kind first when the sheet has it)."""
        lead = [self.entity.field("project_kind").header(lang)] if "project_kind" in self.fields else []
        rest = [self.entity.field(key).header(lang) for key in self.fields if key != "project_kind"]
        return [*lead, *(self.info_header(key, lang) for key in self.info), *rest]

    @property
    def id_words(self) -> frozenset[str]:
        return frozenset(fold(text) for text in self.id_header.values())


_EVALUATION_FIELDS = tuple(f.key for f in schema.EVALUATION.fields)
EVALUATIONS = SheetLayout(
    "evaluation", {"zh": "工作评估", "en": "Evaluations"},
    {"zh": "评估编号（请勿修改）", "en": "Evaluation ID (do not edit)"}, ("project_name",), _EVALUATION_FIELDS)
MILESTONES = SheetLayout(
    schema.MILESTONE.key, {"zh": "节点", "en": "Milestones"},
    {"zh": "节点编号（请勿修改）", "en": "Milestone ID (do not edit)"}, ("project_name", "period"),
    tuple(f.key for f in schema.MILESTONE.fields))
PROBLEMS = SheetLayout(
    schema.PROBLEM.key, {"zh": "问题", "en": "Problems"},
    {"zh": "问题编号（请勿修改）", "en": "Problem ID (do not edit)"}, ("project_name", "period"),
    tuple(f.key for f in schema.PROBLEM.fields))
LAYOUTS = (EVALUATIONS, MILESTONES, PROBLEMS)


def layout_of(first_header: object) -> SheetLayout | None:
    """The layout whose column-A header is ``first_header`` (either language), or None."""
    if not isinstance(first_header, str):
        return None
    word = fold(first_header)
    return next((layout for layout in LAYOUTS if word in layout.id_words), None)


def list_key_of(text: object) -> str | None:
    """The list named by a 项目清单 cell: its label in either language, or its key."""
    if not isinstance(text, str):
        return None
    word = fold(text)
    for entity in schema.PROJECT_LISTS:
        if word in {fold(entity.zh), fold(entity.en), fold(entity.key)}:
            return entity.key
    return None
