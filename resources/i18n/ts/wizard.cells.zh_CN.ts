<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>WizardValues</name>
    <message>
        <source>(formula without a saved result)</source>
        <translation>（公式，未保存计算结果）</translation>
    </message>
    <message>
        <source>(not a date)</source>
        <translation>（不是有效日期）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>（空）</translation>
    </message>
</context>
</TS>
