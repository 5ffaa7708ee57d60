"""The shared entities: enterprises, officials, offices, and progress evaluations (DOMAIN.md)."""

from __future__ import annotations

from gzdesk.core.schema import vocabularies as v
from gzdesk.core.schema.lists import _f
from gzdesk.core.schema.types import Entity, FieldType

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
