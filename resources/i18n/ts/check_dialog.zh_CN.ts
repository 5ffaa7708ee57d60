<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Repair safely</source>
        <translation>安全修复(&amp;R)</translation>
    </message>
</context>
<context>
    <name>CheckFlow</name>
    <message>
        <source>Cannot check the database</source>
        <translation>无法检查数据库</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>{count:,} problem(s) found.</source>
        <translation>发现 {count:,} 个问题。</translation>
    </message>
    <message>
        <source>{count:,} of them can be repaired safely; a backup is taken first.</source>
        <translation>其中 {count:,} 个可以安全修复（修复前会先备份）。</translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>正在修复…</translation>
    </message>
    <message>
        <source>Repaired {count:,} problem(s).</source>
        <translation>已修复 {count:,} 个问题。</translation>
    </message>
    <message>
        <source>The data before the repair is in the backup “{name}”.</source>
        <translation>修复前的数据保存在备份“{name}”中。</translation>
    </message>
    <message>
        <source>{count:,} problem(s) remain; they need a decision and were left as they are.</source>
        <translation>另有 {count:,} 个问题需要人工处理，未作改动。</translation>
    </message>
</context>
</TS>
