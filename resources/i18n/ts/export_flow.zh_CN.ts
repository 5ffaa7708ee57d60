<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>ExportFlow</name>
        <message>
            <source>Cannot export</source>
            <translation>无法导出</translation>
        </message>
        <message>
            <source>exchange.xlsx</source>
            <translation>交换表.xlsx</translation>
        </message>
        <message>
            <source>meeting.xlsx</source>
            <translation>会议表.xlsx</translation>
        </message>
        <message>
            <source>Export to</source>
            <translation>导出到</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Exporting “{name}”…</source>
            <translation>正在导出“{name}”…</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>导出完成</translation>
        </message>
        <message>
            <source>Open the folder?</source>
            <translation>打开所在文件夹？</translation>
        </message>
    </context>
</TS>
