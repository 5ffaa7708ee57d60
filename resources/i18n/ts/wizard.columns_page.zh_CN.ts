<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>首行数据</translation>
    </message>
    <message>
        <source>Goes into field</source>
        <translation>导入到字段</translation>
    </message>
    <message>
        <source>No field found: ignored unless you choose one</source>
        <translation>未识别：不导入，除非手动指定字段</translation>
    </message>
    <message>
        <source>Your correction</source>
        <translation>已手动调整</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Check which field each column goes into and correct it where the guess is wrong. Your corrections are remembered for files from {office}.</source>
        <translation>请核对每一列导入到哪个字段，识别有误的请手动调整。调整结果将被记住，以后导入{office}报送的文件时自动采用。</translation>
    </message>
    <message>
        <source>Another column already goes into this field</source>
        <translation>已有其他列导入到该字段</translation>
    </message>
    <message>
        <source>No field has this header</source>
        <translation>没有与此表头对应的字段</translation>
    </message>
    <message>
        <source>(serial number, ignored)</source>
        <translation>（序号，不导入）</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（不导入）</translation>
    </message>
</context>
</TS>
