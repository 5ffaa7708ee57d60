<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SummaryPage</name>
    <message>
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <source>Undo puts back every value this import changed and removes the records it added; it asks first if any of them was edited since.</source>
        <translation>撤销将恢复本次导入改动的所有值，并删除本次新增的项目；如其中有记录在导入后又被修改过，会先征求您的意见。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Nothing was imported: the file brings no changes this database takes.</source>
        <translation>未导入任何数据：文件中没有本库可采用的修改。</translation>
    </message>
    <message>
        <source>“{file}” was imported.</source>
        <translation>“{file}”已导入。</translation>
    </message>
    <message>
        <source>New records</source>
        <translation>新增项目</translation>
    </message>
    <message>
        <source>Records updated</source>
        <translation>更新项目</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变项目</translation>
    </message>
    <message>
        <source>Conflicts resolved by you</source>
        <translation>已处理冲突的项目</translation>
    </message>
    <message>
        <source>Invalid rows skipped</source>
        <translation>跳过的错误行</translation>
    </message>
    <message>
        <source>Held for review, not applied</source>
        <translation>待审核、未采用</translation>
    </message>
    <message>
        <source>Not in the file (nothing deleted)</source>
        <translation>文件中没有的项目（未删除）</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Backup made before the import:</source>
        <translation>导入前的备份：</translation>
    </message>
    <message>
        <source>{new:,} new, {updated:,} updated, {unchanged:,} unchanged</source>
        <translation>新增 {new:,} 条，更新 {updated:,} 条，未变 {unchanged:,} 条</translation>
    </message>
</context>
</TS>
