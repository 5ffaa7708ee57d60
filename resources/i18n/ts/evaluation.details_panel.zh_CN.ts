<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Add milestone…</source>
        <translation>添加节点…</translation>
    </message>
    <message>
        <source>Add problem…</source>
        <translation>添加问题…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标为已完成</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>标为已解决</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>改回未解决…</translation>
    </message>
    <message>
        <source>Milestones and problems of the {period} evaluation</source>
        <translation>{period} 进展评估的节点和问题</translation>
    </message>
    <message>
        <source>Choose an evaluation to see its milestones and problems.</source>
        <translation>选择一条进展评估即可查看其节点和问题。</translation>
    </message>
    <message>
        <source>Milestones ({count})</source>
        <translation>节点（{count}）</translation>
    </message>
    <message>
        <source>Problems ({count}, {open} open)</source>
        <translation>问题（{count}，未解决 {open}）</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Add milestone “{name}”</source>
        <translation>新增节点“{name}”</translation>
    </message>
    <message>
        <source>Edit milestone “{name}”</source>
        <translation>修改节点“{name}”</translation>
    </message>
    <message>
        <source>Delete milestone “{name}”</source>
        <translation>删除节点“{name}”</translation>
    </message>
    <message>
        <source>Mark milestone “{name}” done</source>
        <translation>标记节点“{name}”已完成</translation>
    </message>
    <message>
        <source>Add problem “{name}”</source>
        <translation>新增问题“{name}”</translation>
    </message>
    <message>
        <source>Edit problem “{name}”</source>
        <translation>修改问题“{name}”</translation>
    </message>
    <message>
        <source>Delete problem “{name}”</source>
        <translation>删除问题“{name}”</translation>
    </message>
    <message>
        <source>Resolve problem “{name}”</source>
        <translation>解决问题“{name}”</translation>
    </message>
    <message>
        <source>Reopen problem “{name}”</source>
        <translation>重新打开问题“{name}”</translation>
    </message>
    <message>
        <source>Delete milestone</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <source>Delete the milestone “{name}”?</source>
        <translation>删除节点“{name}”？</translation>
    </message>
    <message>
        <source>Delete problem</source>
        <translation>删除问题</translation>
    </message>
    <message>
        <source>Delete the problem “{name}”?</source>
        <translation>删除问题“{name}”？</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z) brings it back.</source>
        <translation>删除后可用“撤销”（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <source>Mark the problem “{name}” open again? Its resolved date is cleared.</source>
        <translation>将问题“{name}”改回未解决？其解决日期将被清空。</translation>
    </message>
    <message>
        <source>Reopen problem</source>
        <translation>改回未解决</translation>
    </message>
</context>
</TS>
