<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>选择列</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Tick the columns to show; drag them to change the order.</source>
        <translation>勾选要显示的列；拖动可调整顺序。</translation>
    </message>
</context>
<context>
    <name>ColumnLayouts</name>
    <message>
        <source>Hide column “{field}”</source>
        <translation>隐藏“{field}”列</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>选择列…</translation>
    </message>
</context>
</TS>
