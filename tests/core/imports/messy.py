"""Messy ledgers written in code with openpyxl, the way district offices make them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment


def district_ledger(path: Path) -> Path:
    """Title, 填报单位/单位：亿元 line, a two-level merged header, 序号, section rows, a hidden row, a vertical
    merge, full-width digits, legacy district names, dates in many forms, duplicates, 合计 and notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2026年重点项目"
    ws["A1"] = "黄埔区2026年招商引资重点项目台账"
    ws.merge_cells("A1:J1")
    ws["A2"] = "填报单位：黄埔区投资促进局    填报日期：2026年11月20日    单位：亿元"
    ws.merge_cells("A2:J2")
    top = ["序号", "项目名称", "企业名称", "所属区", "产业分类", "投资额", None, "签约时间", "当前阶段", "备注"]
    sub = [None, None, None, None, None, "协议投资额", "累计到资", None, None, None]
    ws.append(top)
    ws.append(sub)
    ws.merge_cells("F3:G3")
    for column in "ABCDEHIJ":
        ws.merge_cells(f"{column}3:{column}4")
    rows = [
        ["一、新签约项目"],
        [1, "粤芯芯片制造项目（一期）", "广州粤芯半导体技术有限公司", "萝岗区", "集成电路", 12.5, 3, dt.date(2026, 3, 15), "已签约", "重点"],
        [2, "粤芯芯片制造项目（二期）", "广州粤芯半导体技术有限公司", "黄埔", "集成电路", "８", None, "2026年5月", "洽谈中", None],
        [3, "小鹏汽车智造基地", "广州小鹏汽车科技有限公司", "黄埔区", "新能源汽车", "3000万", "1,200万元", "2025.11", "动工", "单位自带"],
        ["二、续建项目"],
        [4, "百济神州生物药基地", "百济神州（广州）生物科技有限公司", "广州开发区", "生物医药", 20, 18.5, 45000, "竣工投产", None],
        [5, "百济神州生物药基地", "百济神州（广州）生物科技有限公司", "广州开发区", "生物医药", 20, 18.5, 45000, "竣工投产", None],
        [6, "隐藏行项目", "广州隐行科技有限公司", "黄埔区", "人工智能", 1, None, "202604", "线索", None],
        [7, "量子计算研究院", "广州量子科技有限公司", "黄埔区", "量子科技", 2, None, "2026-06-30", "在谈", None],
        [8, "穗港智造合作园", "广州穗港智造有限公司", "黄埔区", "智能装备", 6, None, None, "签约", None],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A5:J5")
    ws.merge_cells("A9:J9")
    ws.row_dimensions[12].hidden = True
    ws.append(["合计", None, None, None, None, "=SUM(F6:F14)", "=SUM(G6:G14)"])
    ws.append([])
    ws.append(["填报说明：1. 金额单位为亿元；2. 阶段按台账口径填写。"])
    ws.merge_cells(f"A{ws.max_row}:J{ws.max_row}")
    ws.append(["填表人：张三", None, None, "审核人：李四"])
    ws["B6"].alignment = Alignment(wrap_text=True)
    wb.save(path)
    return path


def two_lists_and_instructions(path: Path) -> Path:
    wb = Workbook()
    notes = wb.active
    notes.title = "填报说明"
    notes["A1"] = "请按以下要求填写：项目名称必填，金额单位万元。"
    tech = wb.create_sheet("科技成果转化")
    tech.append(["项目名称", "成果名称", "承接企业", "所属区", "转化方式", "合同金额（万元）", "签订日期", "当前阶段"])
    tech.append(["柔性屏成果转化", "柔性OLED封装技术", "广州柔显科技有限公司", "天河区", "许可", 500, dt.date(2026, 2, 1), "中试"])
    tech.append(["示例：某某成果转化项目", "示例", "示例公司", "天河区", "转让", 1, None, "签约"])
    expansion = wb.create_sheet("增资扩产")
    expansion.append(["企业名称", "项目名称", "所在区", "扩产类型", "新增投资（万元）", "计划开工", "计划投产"])
    expansion.append(["广州立白企业集团有限公司", "立白智能工厂扩产", "番禺区", "技改", "２２０００", "2026年5月", "2027-01"])
    expansion.append(["广州立白企业集团有限公司", "立白研发中心提容", "番禺", "零增地技改", 3500, "2026.7", None])
    wb.save(path)
    return path


def with_bad_rows(path: Path) -> Path:
    """Two good rows and three bad ones: unknown district, impossible date, unknown stage."""
    wb = Workbook()
    ws = wb.active
    ws.title = "招商"
    ws.append(["项目名称", "所属区", "签约时间", "当前阶段", "协议投资额（万元）"])
    ws.append(["好项目甲", "天河区", "2026-01-05", "签约", 100])
    ws.append(["坏区项目", "火星区", "2026-01-05", "签约", 100])
    ws.append(["坏日期项目", "天河区", "2024-13-45", "签约", 100])
    ws.append(["坏阶段项目", "天河区", "2026-01-05", "研究研究", 100])
    ws.append(["好项目乙", "海珠区", "2026/2/3", "在谈", "约5亿"])
    wb.save(path)
    return path
