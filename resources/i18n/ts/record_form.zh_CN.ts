<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RecordForm</name>
    <message>
        <source>Edit: {list}</source>
        <translation>编辑{list}</translation>
    </message>
    <message>
        <source>New: {list}</source>
        <translation>新建{list}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
