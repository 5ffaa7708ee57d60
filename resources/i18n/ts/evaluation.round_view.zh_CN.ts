<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RoundWindow</name>
    <message>
        <source>Evaluation round</source>
        <translation>评估轮次</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>全部清单</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区</translation>
    </message>
    <message>
        <source>All officials</source>
        <translation>全部挂点领导</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue or not reported</source>
        <translation>逾期或未报</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已报</translation>
    </message>
    <message>
        <source>Bulk entry</source>
        <translation>批量填报</translation>
    </message>
    <message>
        <source>Save all</source>
        <translation>全部保存</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Undo this save</source>
        <translation>撤销本次保存</translation>
    </message>
    <message>
        <source>Take back the whole last save: the evaluations it added go, the numbers it changed get their old values; asks first if any was edited since.</source>
        <translation>整批撤销上一次保存：删除其新增的进展评估，其修改的数值恢复原值；如保存后又有修改，会先询问。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>报告期</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>挂点领导</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reading the round…</source>
        <translation>正在读取本轮评估…</translation>
    </message>
    <message>
        <source>{count:,} rows shown; amounts in 10k CNY</source>
        <translation>显示 {count:,} 行；金额单位：万元</translation>
    </message>
    <message>
        <source>{period}: {reported:,} reported, {overdue:,} overdue</source>
        <translation>{period}：已报 {reported:,} 个，逾期 {overdue:,} 个</translation>
    </message>
    <message>
        <source>{period}: {reported:,} reported, {missing:,} not yet reported</source>
        <translation>{period}：已报 {reported:,} 个，未报 {missing:,} 个</translation>
    </message>
    <message>
        <source>Type the amounts (10k CNY) and the stage; Tab moves right, Enter moves down. Nothing is saved until “Save all”.</source>
        <translation>填写金额（万元）和阶段；Tab 向右，Enter 向下。点“全部保存”前不会保存。</translation>
    </message>
    <message>
        <source>{count:,} projects typed, not saved yet</source>
        <translation>已填 {count:,} 个项目，尚未保存</translation>
    </message>
    <message>
        <source>The save of the {period} evaluations was undone.</source>
        <translation>{period} 的进展评估保存已撤销。</translation>
    </message>
</context>
</TS>
