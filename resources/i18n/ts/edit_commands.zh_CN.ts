<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EditHistory</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>New record “{name}”</source>
        <translation>新建记录“{name}”</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <source>Edit “{name}”</source>
        <translation>修改“{name}”</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <source>“{action}” cannot be undone: {reason}</source>
        <translation>无法撤销“{action}”：{reason}</translation>
    </message>
    <message>
        <source>Cannot redo</source>
        <translation>无法重做</translation>
    </message>
    <message>
        <source>“{action}” cannot be redone: {reason}</source>
        <translation>无法重做“{action}”：{reason}</translation>
    </message>
    <message>
        <source>Nothing was changed; this step was removed from the history.</source>
        <translation>未做任何修改；这一步已从撤销记录中移除。</translation>
    </message>
    <message>
        <source>Undo {action}</source>
        <translation>撤销 {action}</translation>
    </message>
    <message>
        <source>Redo {action}</source>
        <translation>重做 {action}</translation>
    </message>
</context>
</TS>
