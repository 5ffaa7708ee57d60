<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EvaluationLabels</name>
    <message>
        <source>Cannot judge</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <source>(no stage)</source>
        <translation>（未填阶段）</translation>
    </message>
    <message>
        <source>(no district)</source>
        <translation>（未填区）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Ten days</source>
        <translation>旬</translation>
    </message>
</context>
</TS>
