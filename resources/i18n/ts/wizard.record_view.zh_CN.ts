<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RecordView</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现值</translation>
    </message>
    <message>
        <source>After the import</source>
        <translation>导入后</translation>
    </message>
    <message>
        <source>Choose a record on the left to see what the import does to it.</source>
        <translation>在左侧选择一条记录，查看导入后的变化。</translation>
    </message>
    <message>
        <source>“{name}” is a new record (sheet “{sheet}”, row {row}).</source>
        <translation>“{name}”是新增项目（工作表“{sheet}”第 {row} 行）。</translation>
    </message>
    <message>
        <source>“{name}”: {count} field(s) change (sheet “{sheet}”, row {row}).</source>
        <translation>“{name}”有 {count} 个字段变更（工作表“{sheet}”第 {row} 行）。</translation>
    </message>
    <message>
        <source>This project is ours and the file does not answer one of our exports: its changes are applied only if you accept them below.</source>
        <translation>该项目属于本单位，而此文件不是本单位导出表的回复：只有在下方勾选采用后，这些修改才会写入。</translation>
    </message>
    <message>
        <source>“{name}” was in the workbook we sent but is not in this file. Nothing is deleted.</source>
        <translation>“{name}”在本单位发出的交换表中，但不在此文件里。不会删除任何数据。</translation>
    </message>
    <message>
        <source>“{name}” (sheet “{sheet}”, row {row}) matches the record here: nothing changes.</source>
        <translation>“{name}”（工作表“{sheet}”第 {row} 行）与本库记录一致，没有变化。</translation>
    </message>
</context>
</TS>
