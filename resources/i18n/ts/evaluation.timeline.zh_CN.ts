<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TimelineDialog</name>
    <message>
        <source>Evaluations: {name}</source>
        <translation>进展评估：{name}</translation>
    </message>
    <message>
        <source>No evaluations yet. Add the first with “Add evaluation…”.</source>
        <translation>还没有进展评估，可点“新增评估…”添加第一条。</translation>
    </message>
    <message>
        <source>Add evaluation…</source>
        <translation>新增评估…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Delete evaluation…</source>
        <translation>删除评估…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Amounts in 10k CNY; * marks a judgement set by the clerk.</source>
        <translation>金额单位：万元；带 * 的为人工调整的评价。</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>Add evaluation {period}</source>
        <translation>新增 {period} 评估</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Edit evaluation {period}</source>
        <translation>修改 {period} 评估</translation>
    </message>
    <message>
        <source>Delete evaluation</source>
        <translation>删除评估</translation>
    </message>
    <message>
        <source>Delete evaluation {period}</source>
        <translation>删除 {period} 评估</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Delete the {period} evaluation of “{project}”?</source>
        <translation>删除“{project}”的 {period} 评估？</translation>
    </message>
    <message>
        <source>Its milestones ({milestones}) and problems ({problems}) are deleted with it.</source>
        <translation>其节点（{milestones} 个）和问题（{problems} 个）将一并删除。</translation>
    </message>
    <message>
        <source>It has no milestones or problems.</source>
        <translation>该评估没有节点或问题。</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z) brings it all back.</source>
        <translation>删除后可用“撤销”（Ctrl+Z）全部恢复。</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Progress</source>
        <translation>进度评价</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <source>Gap (points)</source>
        <translation>偏差（百分点）</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>人工调整</translation>
    </message>
    <message>
        <source>Set by the clerk: {judgement}, {light} (the rule gives {computed}). Reason: {reason}</source>
        <translation>人工调整为：{judgement}、{light}（按规则为{computed}）。理由：{reason}</translation>
    </message>
    <message>
        <source>{light} light</source>
        <translation>{light}灯</translation>
    </message>
</context>
</TS>
