<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FirstStart</name>
    <message>
        <source>Cannot load the sample data</source>
        <translation>无法加载示例数据</translation>
    </message>
    <message>
        <source>Loading the sample data…</source>
        <translation>正在加载示例数据…</translation>
    </message>
</context>
<context>
    <name>FirstStartPanel</name>
    <message>
        <source>This database is empty</source>
        <translation>数据库中还没有数据</translation>
    </message>
    <message>
        <source>Start with a workbook your office already keeps: its projects are read, checked and shown before anything is saved. Or look around first with made-up sample data (2,000 projects, 500 enterprises, 14 officials).</source>
        <translation>可以先导入本单位现有的台账工作簿：导入前会逐项读取、校验并列出变更，确认后才保存。也可以先加载虚构的示例数据（2,000 个项目、500 家企业、14 位挂点领导）熟悉功能。</translation>
    </message>
    <message>
        <source>&amp;Import a workbook…</source>
        <translation>导入工作簿(&amp;I)…</translation>
    </message>
    <message>
        <source>Load &amp;sample data</source>
        <translation>加载示例数据(&amp;S)</translation>
    </message>
    <message>
        <source>Start &amp;empty</source>
        <translation>从空白开始(&amp;E)</translation>
    </message>
</context>
</TS>
