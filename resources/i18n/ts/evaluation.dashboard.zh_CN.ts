<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Meeting dashboard</source>
        <translation>调度会看板</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>全部清单</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Most behind schedule (double-click to open)</source>
        <translation>进度最滞后的项目（双击打开）</translation>
    </message>
    <message>
        <source>Computing the meeting numbers…</source>
        <translation>正在计算调度会数据…</translation>
    </message>
    <message>
        <source>As of {date} (reports due for {period}, schedule {schedule}): {count:,} projects, total investment {amount:,.1f} (100M CNY); {red:,} red, {yellow:,} yellow, {overdue:,} overdue.</source>
        <translation>截至 {date}（应报期 {period}，序时进度 {schedule}）：项目 {count:,} 个，总投资 {amount:,.1f} 亿元；红灯 {red:,} 个，黄灯 {yellow:,} 个，逾期未报 {overdue:,} 个。</translation>
    </message>
    <message>
        <source>{light} light</source>
        <translation>{light}灯</translation>
    </message>
    <message>
        <source>Behind the schedule</source>
        <translation>落后于序时进度</translation>
    </message>
    <message>
        <source>{list} · {what}</source>
        <translation>{list} · {what}</translation>
    </message>
    <message>
        <source>Finding the projects…</source>
        <translation>正在查找项目…</translation>
    </message>
    <message>
        <source>Meeting dashboard — {scope} — as of {date}</source>
        <translation>调度会看板 — {scope} — 截至 {date}</translation>
    </message>
    <message>
        <source>Most behind schedule</source>
        <translation>进度最滞后的项目</translation>
    </message>
    <message>
        <source>Saved {pages} pages to {path}</source>
        <translation>已保存 {pages} 页到 {path}</translation>
    </message>
    <message>
        <source>meeting-dashboard-{date}.pdf</source>
        <translation>调度会看板-{date}.pdf</translation>
    </message>
    <message>
        <source>Export the dashboard to PDF</source>
        <translation>将看板导出为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
</TS>
