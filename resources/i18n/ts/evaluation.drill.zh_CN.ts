<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DrillDialog</name>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>{title}: {count:,} projects</source>
        <translation>{title}：{count:,} 个项目</translation>
    </message>
    <message>
        <source>Double-click a project to open it.</source>
        <translation>双击项目可打开。</translation>
    </message>
    <message>
        <source>Evaluations…</source>
        <translation>进展评估…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
