<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EvaluationMenu</name>
    <message>
        <source>Ev&amp;aluations</source>
        <translation>进展评估(&amp;A)</translation>
    </message>
    <message>
        <source>Project evaluations…</source>
        <translation>项目进展评估…</translation>
    </message>
    <message>
        <source>Evaluation round…</source>
        <translation>评估轮次…</translation>
    </message>
    <message>
        <source>Meeting dashboard…</source>
        <translation>调度会看板…</translation>
    </message>
    <message>
        <source>Evaluations of this project…</source>
        <translation>本项目的进展评估…</translation>
    </message>
    <message>
        <source>Choose a project in one of the three lists first.</source>
        <translation>请先在三张清单中选择一个项目。</translation>
    </message>
</context>
</TS>
