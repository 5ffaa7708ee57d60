<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>UndoFlow</name>
    <message>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
    <message>
        <source>Undoing the saved round…</source>
        <translation>正在撤销本轮保存…</translation>
    </message>
    <message>
        <source>Undo the saved round</source>
        <translation>撤销本轮保存</translation>
    </message>
    <message>
        <source>This removes {added:,} evaluation(s) the save added and restores {fields:,} field(s).</source>
        <translation>将删除本次保存新增的 {added:,} 条进展评估，并恢复 {fields:,} 处修改。</translation>
    </message>
    <message>
        <source>This removes {added:,} record(s) the import added and restores {fields:,} field(s).</source>
        <translation>将删除该次导入新增的 {added:,} 条记录，恢复 {fields:,} 处修改。</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo, keep later edits</source>
        <translation>撤销，保留之后的修改</translation>
    </message>
    <message>
        <source>Undo everything</source>
        <translation>全部撤销</translation>
    </message>
</context>
</TS>
