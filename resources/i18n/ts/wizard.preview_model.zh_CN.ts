<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PreviewModel</name>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Held for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>有变更</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Not in file</source>
        <translation>文件中没有</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Where in the file</source>
        <translation>文件位置</translation>
    </message>
    <message>
        <source>“{sheet}” row {row}</source>
        <translation>“{sheet}”第 {row} 行</translation>
    </message>
</context>
</TS>
