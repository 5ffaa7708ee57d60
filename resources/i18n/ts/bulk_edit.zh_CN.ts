<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BulkEditDialog</name>
    <message>
        <source>Bulk edit</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>Give one field the same value in the {count:,} selected records of “{list}”.</source>
        <translation>将“{list}”中选中的 {count:,} 条记录的某一字段改为同一值。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Leave empty to clear the field</source>
        <translation>留空则清空该字段</translation>
    </message>
</context>
</TS>
