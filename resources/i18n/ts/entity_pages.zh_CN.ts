<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EnterprisePage</name>
    <message>
        <source>&amp;Edit enterprise…</source>
        <translation>编辑企业信息(&amp;E)…</translation>
    </message>
    <message>
        <source>Enterprise: {name}</source>
        <translation>企业：{name}</translation>
    </message>
    <message>
        <source>Official: {name} ({title})</source>
        <translation>挂点领导：{name}（{title}）</translation>
    </message>
    <message>
        <source>Official: {name}</source>
        <translation>挂点领导：{name}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Official: none assigned. Officials supporting its industry: {names}</source>
        <translation>挂点领导：未指定。所属产业的挂点领导：{names}</translation>
    </message>
    <message>
        <source>Official: none assigned.</source>
        <translation>挂点领导：未指定。</translation>
    </message>
    <message>
        <source>Open “{name}”</source>
        <translation>查看“{name}”</translation>
    </message>
    <message>
        <source>Projects in the three lists: {count:,}</source>
        <translation>三张清单中的项目：{count:,} 个</translation>
    </message>
</context>
<context>
    <name>OfficialPage</name>
    <message>
        <source>&amp;Edit official…</source>
        <translation>编辑领导信息(&amp;E)…</translation>
    </message>
    <message>
        <source>Official: {name}</source>
        <translation>挂点领导：{name}</translation>
    </message>
    <message>
        <source>(not in the industry list)</source>
        <translation>（不在产业分类表中）</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>产业</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>产业类别</translation>
    </message>
    <message>
        <source>Enterprises in it</source>
        <translation>该产业企业数</translation>
    </message>
    <message>
        <source>Projects in it</source>
        <translation>该产业项目数</translation>
    </message>
    <message>
        <source>Industries</source>
        <translation>挂点产业</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>联系企业</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>挂点项目</translation>
    </message>
    <message>
        <source>{label} ({count:,})</source>
        <translation>{label}（{count:,}）</translation>
    </message>
</context>
<context>
    <name>PageOpener</name>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>_Page</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>List</source>
        <translation>所属清单</translation>
    </message>
</context>
</TS>
