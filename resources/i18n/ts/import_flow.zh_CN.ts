<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ImportFlow</name>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Reading “{name}”…</source>
        <translation>正在读取“{name}”…</translation>
    </message>
    <message>
        <source>Reading “{name}” again…</source>
        <translation>正在重新读取“{name}”…</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was changed.</source>
        <translation>已取消导入，数据没有任何改动。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
</TS>
