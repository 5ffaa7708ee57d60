<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>E&amp;xchange workbook: a colleague edits it and sends it back</source>
        <translation>交换表(&amp;X)：发给同事修改后发回，可再导入</translation>
    </message>
    <message>
        <source>&amp;Meeting workbook: summary and one sheet per list, ready to print</source>
        <translation>会议表(&amp;M)：汇总表加各清单明细，可直接打印</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录范围</translation>
    </message>
    <message>
        <source>&amp;All records</source>
        <translation>全部记录(&amp;A)</translation>
    </message>
    <message>
        <source>Only what the tables show now (&amp;current search and filters)</source>
        <translation>仅当前表格显示的记录（按当前搜索和筛选）(&amp;C)</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Exchange workbook</source>
        <translation>交换表</translation>
    </message>
    <message>
        <source>Meeting workbook</source>
        <translation>会议表</translation>
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
        <source>{list} ({count:,} records)</source>
        <translation>{list}（{count:,} 条）</translation>
    </message>
    <message>
        <source>“{name}” exists. Replace it?</source>
        <translation>“{name}”已存在，要替换吗？</translation>
    </message>
</context>
</TS>
