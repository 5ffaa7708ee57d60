<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>gzdesk project lists</source>
        <translation>gzdesk 项目清单</translation>
    </message>
    <message>
        <source>Search (Chinese works, e.g. 芯片)</source>
        <translation>搜索（支持中文，如：芯片）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Import workbook…</source>
        <translation>导入工作簿(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export exchange workbook…</source>
        <translation>导出交换表（供对方修改后发回）(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;meeting workbook…</source>
        <translation>导出会议表（打印）(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;New record…</source>
        <translation>新建记录(&amp;N)…</translation>
    </message>
    <message>
        <source>Undo the last &amp;import</source>
        <translation>撤销上次导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Choose a workbook to import</source>
        <translation>选择要导入的工作簿</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx *.xlsm *.xls *.ods *.csv)</source>
        <translation>工作簿 (*.xlsx *.xlsm *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Filter “{field}”…</source>
        <translation>筛选“{field}”…</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>清除全部筛选</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>“{field}” contains:</source>
        <translation>“{field}”包含：</translation>
    </message>
    <message>
        <source>Undid import {batch}</source>
        <translation>已撤销导入 {batch}</translation>
    </message>
    <message>
        <source>{total:,} records</source>
        <translation>共 {total:,} 条</translation>
    </message>
    <message>
        <source>Sums (10k CNY):</source>
        <translation>合计（万元）：</translation>
    </message>
</context>
</TS>
