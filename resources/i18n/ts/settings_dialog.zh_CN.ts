<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The database is read-only: only the language and the backup interval can change.</source>
        <translation>数据库为只读：只能修改界面语言和备份间隔。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>e.g. Huangpu District Investment Promotion Bureau</source>
        <translation>如：黄埔区投资促进局</translation>
    </message>
    <message>
        <source>Office &amp;name:</source>
        <translation>单位名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Office &amp;code:</source>
        <translation>单位代码(&amp;C)：</translation>
    </message>
    <message>
        <source>New records belong to this code, and workbooks sent to colleagues carry it. The name heads the meeting workbook.</source>
        <translation>新建的记录归属此单位代码，发给同事的交换表也带有此代码；单位名称显示在会议表的标题中。</translation>
    </message>
    <message>
        <source>Progress evaluation: when a project is behind</source>
        <translation>进展评估：进度滞后的判定规则</translation>
    </message>
    <message>
        <source>By &amp;points: 10 to 30 points below the time schedule is yellow, more than 30 below is red</source>
        <translation>按百分点(&amp;P)：完成率低于序时进度 10–30 个百分点亮黄灯，超过 30 个百分点亮红灯</translation>
    </message>
    <message>
        <source>By &amp;ratio: below 80% of the time schedule is yellow, below 60% is red</source>
        <translation>按比例(&amp;R)：完成率不足序时进度的 80% 亮黄灯，不足 60% 亮红灯</translation>
    </message>
    <message>
        <source>Completion is the share of the annual plan done so far; the time schedule is the share of the year gone by. New evaluations are judged by this rule.</source>
        <translation>完成率 = 年初至今完成投资 ÷ 年度计划投资；序时进度 = 本年已过时间的比例。新的进展评估按此规则判定。</translation>
    </message>
    <message>
        <source>Language and backups</source>
        <translation>语言与备份</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Back up automatically</source>
        <translation>自动备份(&amp;B)</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>every 4 hours</source>
        <translation>每 4 小时</translation>
    </message>
    <message>
        <source>once a day</source>
        <translation>每天一次</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>备份：</translation>
    </message>
</context>
</TS>
