"""The shared entities: enterprises, officials, offices, progress evaluations and their milestones and problems
(DOMAIN.md)."""

from __future__ import annotations

from gzdesk.core.schema import vocabularies as v
from gzdesk.core.schema.lists import _f
from gzdesk.core.schema.types import Choice, Entity, FieldType, Vocabulary

T = FieldType

ENTERPRISE = Entity(
    key="enterprise",
    zh="企业",
    en="Enterprises",
    natural_key=("name",),
    aliases=("重点企业", "企业名录", "企业库", "enterprises"),
    fields=(
        _f("name", T.TEXT, "企业名称", "Enterprise name", "企业", "公司名称", "单位名称", "Enterprise", "Company",
           required=True, max_length=200, indexed=True, searchable=True),
        _f("credit_code", T.TEXT, "统一社会信用代码", "Unified social credit code", "信用代码", "社会信用代码",
           "USCC", validator="credit_code", max_length=18, indexed=True),
        _f("district", T.REFERENCE, "所属区", "District", "所在区", "区", reference="district", indexed=True),
        _f("industry", T.REFERENCE, "产业分类", "Industry", "所属产业", "行业", reference="industry", indexed=True),
        _f("tags", T.TAGS, "企业标签", "Tags", "企业类型", "企业性质", vocabulary=v.ENTERPRISE_TAGS),
        _f("key_enterprise", T.BOOLEAN, "重点企业", "Key enterprise", "是否重点企业", indexed=True),
        _f("official", T.TEXT, "挂点领导", "Official", "联系领导", "包联领导", max_length=50, indexed=True),
        _f("contact", T.TEXT, "联系人", "Contact", max_length=50),
        _f("phone", T.TEXT, "联系电话", "Phone", "电话", validator="phone", max_length=40),
        _f("notes", T.LONG_TEXT, "备注", "Notes", searchable=True),
    ),
)

OFFICIAL = Entity(
    key="official",
    zh="挂点领导",
    en="Officials",
    natural_key=("name",),
    aliases=("挂点领导", "联系领导", "officials"),
    fields=(
        _f("name", T.TEXT, "姓名", "Name", "领导姓名", "挂点领导", required=True, max_length=50, indexed=True,
           searchable=True),
        _f("title", T.TEXT, "职务", "Title", "职位", max_length=100, searchable=True),
        _f("industries", T.LONG_TEXT, "挂点产业", "Industries supported", "联系产业", "包联产业"),
        _f("phone", T.TEXT, "联系电话", "Phone", validator="phone", max_length=40),
        _f("notes", T.LONG_TEXT, "备注", "Notes"),
    ),
)

OFFICE = Entity(
    key="office",
    zh="填报单位",
    en="Offices",
    natural_key=("code",),
    fields=(
        _f("code", T.TEXT, "单位代码", "Office code", required=True, max_length=32, indexed=True),
        _f("name", T.TEXT, "单位名称", "Office name", "填报单位", required=True, max_length=100, searchable=True),
        _f("district", T.REFERENCE, "所属区", "District", reference="district"),
        _f("contact", T.TEXT, "联系人", "Contact", max_length=50),
        _f("phone", T.TEXT, "联系电话", "Phone", max_length=40),
    ),
)

EVALUATION = Entity(
    key="evaluation",
    zh="进展评估",
    en="Progress evaluations",
    natural_key=("project_id", "period"),
    aliases=("进展评估", "工作评估", "进度评估", "evaluations"),
    fields=(
        _f("project_kind", T.TEXT, "项目清单", "Project list", required=True, max_length=20, indexed=True),
        _f("project_id", T.TEXT, "项目标识", "Project id", required=True, max_length=36, indexed=True),
        _f("period", T.TEXT, "报告期", "Period", "报告期间", "填报期", "期别", required=True, max_length=12,
           indexed=True),
        _f("reported_on", T.DATE, "填报日期", "Reported on", "填报时间", indexed=True),
        _f("reporter", T.TEXT, "填报人", "Reporter", max_length=50),
        _f("stage_from", T.TEXT, "期初阶段", "Stage at start", max_length=20),
        _f("stage_to", T.TEXT, "期末阶段", "Stage at end", max_length=20),
        _f("planned_this_period", T.MONEY, "本期计划投资", "Planned this period", "本月计划投资", "本期计划"),
        _f("done_this_period", T.MONEY, "本期完成投资", "Done this period", "本月完成投资", "本期完成"),
        _f("annual_plan", T.MONEY, "年度计划投资", "Annual plan", "年度计划"),
        _f("done_ytd", T.MONEY, "年初至今累计", "Done year to date", "本年累计完成", "年度累计完成投资"),
        _f("done_since_start", T.MONEY, "开工以来累计", "Done since start", "累计完成投资", "自开工累计"),
        _f("funds_arrived", T.MONEY, "到资", "Funds arrived", "累计到资", "到位资金"),
        _f("progress_text", T.LONG_TEXT, "形象进度", "Physical progress", "进展情况", "工程进度", searchable=True),
        _f("next_steps", T.LONG_TEXT, "下步计划", "Next steps", "下一步工作计划", "下步工作", searchable=True),
        _f("judgement", T.ENUM, "进度评价", "Judgement", "评价", "进度评估", vocabulary=v.JUDGEMENT, indexed=True),
        _f("light", T.ENUM, "灯色", "Light", "亮灯", "预警灯", vocabulary=v.LIGHT, indexed=True),
        _f("override_reason", T.LONG_TEXT, "调整理由", "Override reason", "人工调整原因"),
    ),
)

# ------------------------------------------------ an evaluation's milestones and problems (migration 6)
# Child records of one evaluation (``evaluation_id``); not in ``schema.ENTITIES`` (which the first migrations
# created their tables from), so they are listed in ``schema.CHILD_ENTITIES``.

MILESTONE_STATUS = Vocabulary(
    "milestone_status",
    (
        Choice("未开始", "Not started", ("未启动",)),
        Choice("推进中", "In progress", ("进行中", "正在推进", "在建")),
        Choice("已完成", "Done", ("完成", "已完成节点", "按期完成")),
        Choice("已延期", "Delayed", ("延期", "逾期", "未按期完成", "滞后")),
    ),
)

PROBLEM_TYPE = Vocabulary(
    "problem_type",
    (
        Choice("用地", "Land", ("土地", "用地问题", "供地")),
        Choice("规划", "Planning", ("规划调整",)),
        Choice("审批", "Approvals", ("报批", "审批手续", "手续")),
        Choice("资金", "Funding", ("融资", "资金问题")),
        Choice("征拆", "Land clearance", ("征地拆迁", "拆迁", "征收")),
        Choice("施工", "Construction", ("建设", "施工问题")),
        Choice("要素", "Utilities and inputs", ("要素保障", "水电气", "能耗")),
        Choice("其他", "Other", ("其它",)),
    ),
)

PROBLEM_STATUS = Vocabulary(
    "problem_status",
    (
        Choice("未解决", "Open", ("待解决", "协调中", "正在协调", "未完成")),
        Choice("已解决", "Resolved", ("解决", "已协调解决", "已办结")),
    ),
)

MILESTONE = Entity(
    key="evaluation_milestone",
    zh="节点",
    en="Milestones",
    natural_key=("evaluation_id", "name"),
    aliases=("节点", "项目节点", "milestones"),
    fields=(
        _f("evaluation_id", T.TEXT, "评估编号", "Evaluation id", required=True, max_length=36, indexed=True),
        _f("name", T.TEXT, "节点名称", "Milestone", "节点", "关键节点", "节点内容", required=True, max_length=200,
           searchable=True),
        _f("planned_on", T.DATE, "计划完成时间", "Planned date", "完成时限", "计划时间", "计划完成日期"),
        _f("done_on", T.DATE, "实际完成时间", "Done on", "完成时间", "实际完成日期"),
        _f("status", T.ENUM, "完成状态", "Status", "状态", "节点状态", vocabulary=MILESTONE_STATUS),
        _f("note", T.LONG_TEXT, "完成情况", "Notes", "情况说明", "备注"),
    ),
)

PROBLEM = Entity(
    key="evaluation_problem",
    zh="问题",
    en="Problems",
    natural_key=("evaluation_id", "description"),
    aliases=("问题", "存在问题", "困难问题", "problems"),
    fields=(
        _f("evaluation_id", T.TEXT, "评估编号", "Evaluation id", required=True, max_length=36, indexed=True),
        _f("category", T.ENUM, "问题类型", "Category", "类型", "问题类别", vocabulary=PROBLEM_TYPE),
        _f("description", T.LONG_TEXT, "问题描述", "Problem", "问题", "存在问题", "困难问题", required=True,
           searchable=True),
        _f("responsible_unit", T.TEXT, "责任单位", "Responsible unit", "牵头单位", "责任部门", max_length=100),
        _f("due_on", T.DATE, "解决时限", "Due", "完成时限", "办结时限"),
        _f("status", T.ENUM, "解决状态", "Status", "状态", "是否解决", vocabulary=PROBLEM_STATUS, indexed=True),
        _f("resolved_on", T.DATE, "解决日期", "Resolved on", "办结日期", "解决时间"),
        _f("resolution", T.LONG_TEXT, "解决情况", "Resolution", "办理情况", "协调结果"),
        _f("needs_leader", T.BOOLEAN, "需领导协调", "Needs a leader", "是否需领导协调", "提请领导协调"),
    ),
)
