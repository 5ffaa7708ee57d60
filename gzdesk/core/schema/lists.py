"""The three project lists of the "12218" system: investment, tech_transfer, expansion (DOMAIN.md)."""

from __future__ import annotations

from gzdesk.core.schema import vocabularies as v
from gzdesk.core.schema.types import Entity, Field, FieldType, Vocabulary

T = FieldType


def _f(key: str, type_: FieldType, zh: str, en: str, *aliases: str, **options: object) -> Field:
    return Field(key, type_, zh, en, aliases=aliases, **options)  # type: ignore[arg-type]


def _common_head(stages: Vocabulary, *, enterprise_zh: str, enterprise_aliases: tuple[str, ...]) -> tuple[Field, ...]:
    return (
        _f("code", T.TEXT, "项目编号", "Project code", "编号", "项目代码", "项目编码", "Code", "Project No",
           max_length=64, indexed=True, searchable=True),
        _f("name", T.TEXT, "项目名称", "Project name", "项目", "项目名", "名称", "Project", "Name", "项目（名称）",
           required=True, max_length=200, indexed=True, searchable=True),
        _f("district", T.REFERENCE, "所属区", "District", "所在区", "区", "行政区", "所属区域", "区域", "所在区域",
           "辖区", "所属行政区", required=True, reference="district", indexed=True),
        _f("park", T.TEXT, "镇街/园区", "Town or park", "镇街", "园区", "园区平台", "所属园区", "所在镇街", "镇街园区",
           "所在园区", "街道", "所属街道", "镇（街）", "Park", max_length=100, indexed=True, searchable=True),
        _f("location", T.TEXT, "建设地点", "Location", "项目地址", "地址", "选址", "项目选址", "Address",
           max_length=200, searchable=True),
        _f("industry", T.REFERENCE, "产业分类", "Industry", "所属产业", "产业", "行业", "产业类别", "所属行业",
           "产业领域", "行业类别", "所属产业集群", "产业集群", "所属产业链", "产业链", reference="industry", indexed=True),
        _f("sector", T.ENUM, "三次产业", "Sector", "产业类型", "三产分类", vocabulary=v.SECTOR),
        _f("enterprise", T.TEXT, enterprise_zh, "Enterprise", *enterprise_aliases,
           max_length=200, indexed=True, searchable=True),
        _f("credit_code", T.TEXT, "统一社会信用代码", "Unified social credit code", "信用代码", "社会信用代码",
           "统一代码", "USCC", "Credit code", validator="credit_code", max_length=18),
        _f("total_investment", T.MONEY, "总投资", "Total investment", "计划总投资", "项目总投资", "投资总额",
           "总投资额", "计划投资总额", "投资额", indexed=True),
        _f("stage", T.ENUM, "当前阶段", "Stage", "项目阶段", "阶段", "进展阶段", "所处阶段", "项目进度", "Current stage",
           vocabulary=stages, indexed=True),
        _f("stage_date", T.DATE, "阶段日期", "Stage date", "进入阶段日期", "阶段时间"),
        _f("level", T.ENUM, "项目级别", "Level", "级别", "项目层级", "重点级别", vocabulary=v.LEVEL, indexed=True),
    )


def _common_tail() -> tuple[Field, ...]:
    return (
        _f("lead_unit", T.TEXT, "责任单位", "Responsible unit", "牵头单位", "责任部门", "牵头部门", "主责单位",
           max_length=100, indexed=True),
        _f("owner_person", T.TEXT, "责任人", "Person responsible", "项目负责人", "负责人", max_length=50),
        _f("contact", T.TEXT, "联系人", "Contact", "企业联系人", "Contact person", max_length=50),
        _f("phone", T.TEXT, "联系电话", "Phone", "电话", "联系方式", "手机", "Tel", validator="phone", max_length=40),
        _f("official", T.TEXT, "挂点领导", "Official", "联系领导", "包联领导", "挂点联系领导", "挂点市领导",
           "Leading official", max_length=50, indexed=True),
        _f("status", T.ENUM, "推进状态", "Status", "状态", "项目状态", "进度状态", vocabulary=v.STATUS, indexed=True),
        _f("latest_progress", T.LONG_TEXT, "最新进展", "Latest progress", "推进情况", "进展情况", "项目进展",
           "工作进展", "最新进展情况", "目前进展", "Progress", searchable=True),
        _f("completed_investment", T.MONEY, "累计完成投资", "Investment completed", "完成投资", "累计投资",
           "已完成投资", "累计完成投资额", indexed=True),
        _f("annual_plan", T.MONEY, "年度计划投资", "Annual planned investment", "年度计划", "年度投资计划",
           "本年计划投资", "年计划投资"),
        _f("issues", T.LONG_TEXT, "需协调事项", "Issues to coordinate", "存在问题", "困难问题", "需协调解决问题",
           "问题及建议", "Issues", searchable=True),
        _f("notes", T.LONG_TEXT, "备注", "Notes", "说明", "Remarks", "Note", searchable=True),
    )


INVESTMENT = Entity(
    key="investment",
    zh="招商引资项目",
    en="Investment promotion",
    is_project_list=True,
    stages=v.INVESTMENT_STAGES,
    natural_key=("name", "district"),
    aliases=("招商引资", "招商项目", "招商", "投资促进", "investment"),
    fields=(
        *_common_head(v.INVESTMENT_STAGES, enterprise_zh="企业名称",
                      enterprise_aliases=("投资主体", "项目单位", "企业", "公司名称", "签约企业", "Company")),
        _f("referrer", T.TEXT, "引荐单位", "Referrer", "线索来源", "信息来源", "引荐人", max_length=100),
        _f("investor", T.TEXT, "投资方", "Investor", "投资方名称", "投资商", max_length=200, searchable=True),
        _f("investor_origin", T.ENUM, "投资方属地", "Investor origin", "投资来源地", "资金来源地", "来源地",
           vocabulary=v.INVESTOR_ORIGIN),
        _f("foreign", T.BOOLEAN, "是否外资", "Foreign-invested", "外资", "外资项目"),
        _f("tags", T.TAGS, "企业标签", "Enterprise tags", "企业类型", "企业性质", vocabulary=v.ENTERPRISE_TAGS),
        _f("project_type", T.ENUM, "项目类型", "Project type", "类型", "招商类型", vocabulary=v.PROJECT_TYPE,
           indexed=True),
        _f("agreed_investment", T.MONEY, "协议投资额", "Agreed investment", "协议投资", "签约投资额", "签约金额",
           "合同投资额", "协议总投资", indexed=True),
        _f("phase1_investment", T.MONEY, "一期投资额", "Phase 1 investment", "首期投资", "一期投资"),
        _f("signing_form", T.ENUM, "签约形式", "Form of signing", "签约方式", "协议类型", vocabulary=v.SIGNING_FORM),
        _f("signed_on", T.DATE, "签约时间", "Signed on", "签约日期", "签约", "签订时间", "Signing date", indexed=True),
        _f("registered_name", T.TEXT, "注册企业", "Registered company", "注册企业名称", "落地企业", max_length=200,
           searchable=True),
        _f("registered_capital", T.MONEY, "注册资本", "Registered capital", "注册资金"),
        _f("registered_on", T.DATE, "注册时间", "Registered on", "注册日期", "成立日期"),
        _f("land_area", T.AREA, "用地", "Land", "用地面积", "用地规模", "供地面积", "Land area"),
        _f("planned_start", T.DATE, "计划开工", "Planned start", "计划开工时间", "计划开工日期", "拟开工时间"),
        _f("actual_start", T.DATE, "实际开工", "Actual start", "实际开工时间", "开工时间", "开工日期"),
        _f("planned_production", T.DATE, "计划投产", "Planned production", "计划投产时间", "预计投产时间"),
        _f("actual_production", T.DATE, "实际投产", "Actual production", "实际投产时间", "投产时间", "投产日期"),
        _f("funds_arrived", T.MONEY, "累计到资", "Funds arrived", "到位资金", "累计到位资金", "实际到资", "到资",
           "资金到位", "实际利用资金", indexed=True),
        _f("expected_output", T.MONEY, "达产产值", "Output at capacity", "预计产值", "达产后产值", "达产年产值"),
        _f("expected_tax", T.MONEY, "预计税收", "Expected tax", "达产税收", "预计年税收"),
        _f("jobs", T.INTEGER, "就业", "Jobs", "就业人数", "带动就业", "新增就业"),
        _f("follow_up_by", T.TEXT, "跟踪人", "Followed up by", "跟进人", "项目跟踪人", "招商专员", max_length=50),
        _f("stop_reason", T.LONG_TEXT, "终止/暂缓原因", "Reason for stop or hold", "终止原因", "暂缓原因"),
        *_common_tail(),
    ),
)

TECH_TRANSFER = Entity(
    key="tech_transfer",
    zh="科技成果转化项目",
    en="Technology transfer",
    is_project_list=True,
    stages=v.TECH_TRANSFER_STAGES,
    natural_key=("name", "district"),
    aliases=("科技成果转化", "成果转化", "科技转化", "技术转移", "tech transfer", "technology transfer"),
    fields=(
        *_common_head(v.TECH_TRANSFER_STAGES, enterprise_zh="承接企业",
                      enterprise_aliases=("承接单位", "转化企业", "企业名称", "实施企业", "受让方", "Receiving enterprise",
                                          "Receiver", "Company")),
        _f("result_name", T.TEXT, "成果名称", "Result name", "科技成果名称", "成果", "专利名称", "技术名称", "Result",
           max_length=200, searchable=True),
        _f("result_type", T.ENUM, "成果类型", "Result type", "成果类别", "知识产权类型", vocabulary=v.RESULT_TYPE),
        _f("patent_no", T.TEXT, "专利号/登记号", "Patent or registration no.", "专利号", "登记号", "授权号",
           "Patent no", max_length=64, searchable=True),
        _f("holder", T.TEXT, "成果持有单位", "Holder", "持有单位", "成果单位", "成果完成单位", "转让方", "Result holder",
           max_length=200, indexed=True, searchable=True),
        _f("holder_type", T.ENUM, "持有单位类型", "Holder type", "单位类型", "成果来源类型", vocabulary=v.HOLDER_TYPE),
        _f("field", T.TEXT, "技术领域", "Technology field", "领域", "所属领域", max_length=100, searchable=True),
        _f("transfer_mode", T.ENUM, "转化方式", "Transfer mode", "转化形式", "转移转化方式", vocabulary=v.TRANSFER_MODE,
           indexed=True),
        _f("contract_no", T.TEXT, "技术合同登记号", "Contract registration no.", "合同登记号", "合同编号", max_length=64),
        _f("contract_amount", T.MONEY, "合同金额", "Contract amount", "合同额", "成交金额", "技术合同成交额",
           "交易金额", indexed=True),
        _f("contract_date", T.DATE, "签订日期", "Contract date", "合同签订日期", "签约日期", "签约时间", indexed=True),
        _f("maturity", T.ENUM, "成熟度", "Maturity", "技术成熟度", "TRL", vocabulary=v.MATURITY),
        _f("pilot_platform", T.TEXT, "概念验证/中试平台", "Proof-of-concept or pilot platform", "中试平台",
           "概念验证平台", max_length=200),
        _f("industrial_investment", T.MONEY, "产业化投资", "Industrialization investment", "产业化投资额"),
        _f("expected_output", T.MONEY, "预计产值", "Expected output", "预期产值", "预计年产值"),
        _f("team_lead", T.TEXT, "团队负责人", "Team lead", "成果负责人", "项目负责人（团队）", max_length=50),
        *_common_tail(),
    ),
)

EXPANSION = Entity(
    key="expansion",
    zh="增资扩产项目",
    en="Expansion",
    is_project_list=True,
    stages=v.EXPANSION_STAGES,
    natural_key=("name", "district"),
    aliases=("增资扩产", "扩产", "技改", "增资", "expansion"),
    fields=(
        *_common_head(v.EXPANSION_STAGES, enterprise_zh="企业名称",
                      enterprise_aliases=("企业", "投资主体", "项目单位", "公司名称", "Company")),
        _f("scale", T.ENUM, "企业规模", "Enterprise scale", "规模", "规上规下", vocabulary=v.SCALE),
        _f("current_output", T.MONEY, "现有产值", "Current output", "上年产值", "现状产值", "年产值"),
        _f("expansion_type", T.ENUM, "扩产类型", "Expansion type", "增资扩产类型", "类型", "建设性质",
           vocabulary=v.EXPANSION_TYPE, indexed=True),
        _f("content", T.LONG_TEXT, "建设内容", "Construction content", "建设内容及规模", "主要建设内容",
           searchable=True),
        _f("new_investment", T.MONEY, "新增投资", "New investment", "新增投资额", "增资扩产投资", "计划新增投资",
           "新增投资额度", indexed=True),
        _f("equipment_investment", T.MONEY, "其中设备购置额", "Of which equipment", "设备购置额", "设备投资",
           "设备购置投资"),
        _f("filing_no", T.TEXT, "技改备案证号", "Filing no.", "备案证号", "备案号", "项目代码（备案）", max_length=64),
        _f("filed_on", T.DATE, "备案日期", "Filed on", "备案时间"),
        _f("land_mode", T.ENUM, "用地方式", "Land use", "用地类型", "用地情况", vocabulary=v.LAND_MODE),
        _f("land_area", T.AREA, "新增用地", "New land", "新增用地面积", "用地面积", "用地"),
        _f("planned_start", T.DATE, "计划开工", "Planned start", "计划开工时间", "计划开工日期"),
        _f("actual_start", T.DATE, "实际开工", "Actual start", "实际开工时间", "开工时间"),
        _f("planned_completion", T.DATE, "计划竣工", "Planned completion", "计划竣工时间", "预计竣工时间"),
        _f("planned_production", T.DATE, "计划投产", "Planned production", "计划投产时间", "预计投产时间"),
        _f("actual_production", T.DATE, "实际投产", "Actual production", "实际投产时间", "投产时间"),
        _f("new_output", T.MONEY, "新增产值", "New output", "预计新增产值", "达产新增产值"),
        _f("new_tax", T.MONEY, "新增税收", "New tax", "预计新增税收"),
        _f("policy_support", T.TEXT, "政策申报", "Policy support", "申报政策", "政策支持", "享受政策", max_length=200),
        *_common_tail(),
    ),
)

PROJECT_LISTS: tuple[Entity, ...] = (INVESTMENT, TECH_TRANSFER, EXPANSION)
