<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Marks</name>
    <message>
        <source>Red light</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Yellow light</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>Report overdue</source>
        <translation>逾期未报</translation>
    </message>
    <message>
        <source>A row&apos;s colour is the light of the project&apos;s latest progress evaluation, or blue when last month&apos;s report is missing (the name is then in italics).</source>
        <translation>行底色为项目最近一次进展评估的灯色；上月进展未报的显示为蓝色（项目名称为斜体）。</translation>
    </message>
    <message>
        <source>Latest evaluation {period}: {judgement}, {light} light</source>
        <translation>最近评估 {period}：{judgement}，{light}灯</translation>
    </message>
    <message>
        <source>Overdue: no progress report for {period}</source>
        <translation>逾期：{period} 未报进展评估</translation>
    </message>
</context>
</TS>
