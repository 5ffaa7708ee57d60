<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConflictView</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>发出时</translation>
    </message>
    <message>
        <source>Theirs (the file)</source>
        <translation>对方的（文件）</translation>
    </message>
    <message>
        <source>Mine (here)</source>
        <translation>我的（本库）</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Value to write</source>
        <translation>手工填写的值</translation>
    </message>
    <message>
        <source>“{name}” (sheet “{sheet}”, row {row}) was changed both here and in the file since we sent it. Choose for each field in conflict which value to keep.</source>
        <translation>“{name}”（工作表“{sheet}”第 {row} 行）发出后，本库和对方都作了修改。请逐个冲突字段选择保留哪个值。</translation>
    </message>
    <message>
        <source>Taken from the file</source>
        <translation>自动采用对方的</translation>
    </message>
    <message>
        <source>Changed only in the file: taken from the file</source>
        <translation>只有对方修改了此字段：采用文件中的值</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>Type a value</source>
        <translation>手工填写</translation>
    </message>
    <message>
        <source>type the value</source>
        <translation>输入要写入的值</translation>
    </message>
</context>
</TS>
