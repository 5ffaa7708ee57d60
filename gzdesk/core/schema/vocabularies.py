"""The built-in vocabularies (DOMAIN.md) with the synonyms offices write in their sheets."""

from __future__ import annotations

from gzdesk.core.schema.types import Choice as C
from gzdesk.core.schema.types import Vocabulary

INVESTMENT_STAGES = Vocabulary(
    "investment_stage",
    (
        C("线索", "Lead", ("项目线索", "信息线索", "初步接触")),
        C("在谈", "Negotiating", ("洽谈", "洽谈中", "正在洽谈", "在洽谈", "跟踪洽谈", "Negotiation")),
        C("签约", "Signed", ("已签约", "签订协议", "已签订", "Contract signed")),
        C("注册", "Registered", ("已注册", "注册落地", "已落地", "落地", "Registration")),
        C("供地", "Land supplied", ("已供地", "拿地", "已拿地", "土地出让", "Land")),
        C("开工", "Construction started", ("动工", "已开工", "已动工", "开建", "在建", "Started", "Under construction")),
        C("投产", "In production", ("开业", "已开业", "竣工投产", "已投产", "运营", "Production")),
        C("达产", "Full production", ("已达产", "达产达效", "Full capacity")),
        C("暂缓", "On hold", ("暂停", "缓建", "搁置", "Suspended", "Paused")),
        C("终止", "Terminated", ("已终止", "取消", "放弃", "Cancelled", "Canceled")),
    ),
)

TECH_TRANSFER_STAGES = Vocabulary(
    "tech_transfer_stage",
    (
        C("成果对接", "Matching", ("对接", "对接中", "成果对接中", "Matchmaking")),
        C("签约", "Contract signed", ("已签约", "签订合同", "Signed")),
        C("登记认定", "Registered", ("登记", "合同登记", "认定登记", "已登记", "Registration")),
        C("概念验证/中试", "Proof of concept / Pilot", ("概念验证", "中试", "中试验证", "Proof of concept", "Pilot")),
        C("小批量试产", "Small-batch production", ("试产", "小试", "小批量生产", "Trial production")),
        C("产业化", "Industrialization", ("量产", "规模化生产", "产业化应用", "Industrialisation", "Mass production")),
        C("终止", "Terminated", ("已终止", "取消", "Cancelled", "Canceled")),
    ),
)

EXPANSION_STAGES = Vocabulary(
    "expansion_stage",
    (
        C("谋划", "Planning", ("谋划中", "储备", "前期", "Planned")),
        C("备案", "Filed", ("已备案", "立项", "技改备案", "Filing")),
        C("开工", "Construction started", ("动工", "已开工", "在建", "Started")),
        C("设备安装", "Equipment installation", ("设备安装调试", "安装调试", "Installation")),
        C("竣工投产", "Completed, in production", ("投产", "竣工", "已投产", "已竣工", "In production")),
        C("达产", "Full production", ("已达产", "达产达效", "Full capacity")),
        C("暂缓", "On hold", ("暂停", "缓建", "Suspended")),
        C("终止", "Terminated", ("已终止", "取消", "Cancelled")),
    ),
)

STATUS = Vocabulary(
    "status",
    (
        C("正常推进", "On track", ("正常", "推进中", "按计划推进", "正常推进中")),
        C("进度滞后", "Behind schedule", ("滞后", "进展滞后", "推进滞后", "Behind", "Lagging")),
        C("停滞", "Stalled", ("停工", "停滞不前", "Stopped")),
        C("已完成", "Completed", ("完成", "已办结", "Done")),
    ),
)

LEVEL = Vocabulary(
    "level",
    (
        C("省重点", "Provincial key", ("省重点项目", "省级重点", "省重大")),
        C("市重点", "Municipal key", ("市重点项目", "市级重点", "市重大")),
        C("区重点", "District key", ("区重点项目", "区级重点")),
        C("一般", "Ordinary", ("一般项目", "普通", "其他")),
    ),
)

SECTOR = Vocabulary(
    "sector",
    (
        C("农业", "Agriculture", ("第一产业", "一产", "Primary")),
        C("工业", "Industry", ("第二产业", "二产", "制造业", "Secondary", "Manufacturing")),
        C("服务业", "Services", ("第三产业", "三产", "Tertiary")),
    ),
)

INVESTOR_ORIGIN = Vocabulary(
    "investor_origin",
    (
        C("境外", "Overseas", ("国外", "外国", "Foreign")),
        C("港澳台", "Hong Kong, Macao, Taiwan", ("香港", "澳门", "台湾", "港澳")),
        C("省外", "Other provinces", ("外省", "国内省外")),
        C("省内市外", "Elsewhere in Guangdong", ("省内", "市外")),
        C("市内", "Within Guangzhou", ("本市", "广州市内", "Local")),
    ),
)

PROJECT_TYPE = Vocabulary(
    "project_type",
    (
        C("新引进", "Newly attracted", ("新项目", "新引进项目", "新设", "New")),
        C("增资", "Capital increase", ("增资扩股", "追加投资", "Capital increase")),
        C("总部", "Headquarters", ("总部项目", "区域总部", "HQ")),
        C("平台", "Platform", ("平台项目", "创新平台", "Platform")),
    ),
)

SIGNING_FORM = Vocabulary(
    "signing_form",
    (
        C("意向", "Letter of intent", ("意向协议", "意向书", "合作意向")),
        C("框架协议", "Framework agreement", ("战略合作协议", "框架", "合作框架协议")),
        C("投资协议", "Investment agreement", ("投资合作协议", "正式协议")),
        C("合同", "Contract", ("投资合同", "正式合同")),
    ),
)

RESULT_TYPE = Vocabulary(
    "result_type",
    (
        C("发明专利", "Invention patent", ("专利", "发明")),
        C("实用新型", "Utility model", ("实用新型专利",)),
        C("软件著作权", "Software copyright", ("软著", "计算机软件著作权")),
        C("新品种", "New variety", ("植物新品种",)),
        C("技术秘密", "Know-how", ("专有技术", "技术诀窍")),
        C("其他", "Other", ("其它",)),
    ),
)

HOLDER_TYPE = Vocabulary(
    "holder_type",
    (
        C("高校", "University", ("高等院校", "大学", "College")),
        C("科研院所", "Research institute", ("研究所", "研究院", "科研机构", "Institute")),
        C("新型研发机构", "New R&D institution", ("新型研发", "研发机构")),
        C("企业", "Enterprise", ("公司", "Company")),
        C("医院", "Hospital", ("医疗机构",)),
    ),
)

TRANSFER_MODE = Vocabulary(
    "transfer_mode",
    (
        C("自行实施", "Self-implementation", ("自行投资实施", "自主实施")),
        C("转让", "Assignment", ("技术转让", "专利转让", "Transfer")),
        C("许可", "License", ("许可使用", "专利许可", "技术许可", "Licence", "Licensing")),
        C("合作实施", "Joint implementation", ("合作", "共同实施", "Cooperation")),
        C("作价投资", "Equity investment", ("作价入股", "技术入股", "Equity")),
        C("其他", "Other", ("其它",)),
    ),
)

MATURITY = Vocabulary(
    "maturity",
    (
        C("初期", "Early", ("TRL1", "TRL2", "TRL3", "早期", "实验室阶段")),
        C("中期", "Intermediate", ("TRL4", "TRL5", "TRL6", "中试阶段")),
        C("成熟", "Mature", ("TRL7", "TRL8", "TRL9", "成熟期", "可产业化")),
    ),
)

SCALE = Vocabulary(
    "scale",
    (
        C("规上", "Above designated size", ("规模以上", "规上企业")),
        C("规下", "Below designated size", ("规模以下", "规下企业")),
    ),
)

EXPANSION_TYPE = Vocabulary(
    "expansion_type",
    (
        C("新增产线", "New production line", ("新建产线", "新增生产线", "扩建产线")),
        C("技术改造", "Technical upgrade", ("技改", "技术改造项目", "智能化改造", "数字化改造")),
        C("增资", "Capital increase", ("增资扩股", "追加投资")),
        C("新建厂房", "New plant", ("新建厂区", "扩建厂房")),
        C("零增地提容", "More floor area, no new land", ("零增地技改", "零增地", "提容增效")),
    ),
)

LAND_MODE = Vocabulary(
    "land_mode",
    (
        C("现有厂房", "Existing plant", ("自有厂房", "原有厂房", "租赁厂房")),
        C("提容", "More floor area", ("提容增效", "工改工")),
        C("新增用地", "New land", ("新增土地", "新供地")),
    ),
)

ENTERPRISE_TAGS = Vocabulary(
    "enterprise_tag",
    (
        C("世界500强", "Fortune Global 500", ("世界五百强", "全球500强")),
        C("中国500强", "China Top 500", ("中国五百强",)),
        C("民营500强", "Private Top 500", ("民营企业500强", "民企500强")),
        C("上市公司", "Listed company", ("上市企业", "已上市")),
        C("链主", "Chain leader", ("链主企业",)),
        C("央企", "Central SOE", ("中央企业",)),
        C("外资", "Foreign-invested", ("外资企业", "外商投资")),
    ),
)

JUDGEMENT = Vocabulary(
    "judgement",
    (
        C("超前", "Ahead", ("提前",)),
        C("正常", "On track", ("正常推进", "按序时")),
        C("滞后", "Behind", ("进度滞后", "落后")),
        C("严重滞后", "Seriously behind", ("严重落后",)),
    ),
)

LIGHT = Vocabulary(
    "light",
    (
        C("绿", "Green", ("绿灯", "绿色")),
        C("黄", "Yellow", ("黄灯", "黄色")),
        C("红", "Red", ("红灯", "红色")),
    ),
)
