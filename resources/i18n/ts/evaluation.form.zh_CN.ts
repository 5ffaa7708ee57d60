<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EvaluationForm</name>
    <message>
        <source>Edit evaluation: {name}</source>
        <translation>修改进展评估：{name}</translation>
    </message>
    <message>
        <source>New evaluation: {name}</source>
        <translation>新增进展评估：{name}</translation>
    </message>
    <message>
        <source>By the rule</source>
        <translation>按规则评价</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Override the rule&apos;s judgement</source>
        <translation>人工调整进度评价</translation>
    </message>
    <message>
        <source>This project already has an evaluation for {period}: edit that one instead.</source>
        <translation>该项目已有 {period} 的进展评估，请修改原评估。</translation>
    </message>
    <message>
        <source>Choose the judgement or the light you give instead of the rule&apos;s.</source>
        <translation>请选择调整后的进度评价或灯色。</translation>
    </message>
    <message>
        <source>{judgement}: {completion} of the annual plan done, schedule {schedule}</source>
        <translation>{judgement}：完成年度计划 {completion}，序时进度 {schedule}</translation>
    </message>
</context>
</TS>
