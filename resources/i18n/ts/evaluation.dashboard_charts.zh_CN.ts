<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DashboardCharts</name>
    <message>
        <source>Lights of the latest evaluations</source>
        <translation>最新评估灯色</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Annual plan completed</source>
        <translation>年度计划完成率</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <source>Annual plan completion against the schedule</source>
        <translation>年度计划完成率与序时进度</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>各项比率</translation>
    </message>
    <message>
        <source>Total investment by district</source>
        <translation>各区总投资</translation>
    </message>
    <message>
        <source>100M CNY</source>
        <translation>亿元</translation>
    </message>
    <message>
        <source>Projects by district</source>
        <translation>各区项目数</translation>
    </message>
    <message>
        <source>{list}: projects by stage</source>
        <translation>{list}：各阶段项目数</translation>
    </message>
</context>
</TS>
