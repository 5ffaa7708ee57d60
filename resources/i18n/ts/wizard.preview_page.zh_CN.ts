<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PreviewPage</name>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Keep mine in every conflict</source>
        <translation>冲突全部保留我的</translation>
    </message>
    <message>
        <source>Take theirs in every conflict</source>
        <translation>冲突全部采用对方的</translation>
    </message>
    <message>
        <source>Also apply the changes held for review to our own projects (recorded in the audit log)</source>
        <translation>同时采用对本单位项目的待审核修改（记入审计日志）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>变更预览</translation>
    </message>
    <message>
        <source>All records ({count:,})</source>
        <translation>全部记录（{count:,}）</translation>
    </message>
    <message>
        <source>{label} ({count:,})</source>
        <translation>{label}（{count:,}）</translation>
    </message>
    <message>
        <source>Add only the {count:,} new project(s); the record-id column is missing</source>
        <translation>“记录编号”列已缺失：只新增 {count:,} 个新项目</translation>
    </message>
    <message>
        <source>{sheet}: {counts}</source>
        <translation>{sheet}：{counts}</translation>
    </message>
    <message>
        <source>Of these, from the evaluation sheets — {parts}</source>
        <translation>其中来自评估表 — {parts}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{done:,} of {total:,} conflicting field(s) decided</source>
        <translation>冲突字段共 {total:,} 个，已选择 {done:,} 个</translation>
    </message>
    <message>
        <source>This file was imported already: there is nothing to do.</source>
        <translation>该文件已导入过，无需再次导入。</translation>
    </message>
    <message>
        <source>Nothing to import: the file brings no new records and no changes.</source>
        <translation>没有可导入的内容：文件中既没有新增项目，也没有修改。</translation>
    </message>
    <message>
        <source>Choose mine, theirs or a value for every conflicting field ({count:,} left).</source>
        <translation>请为每个冲突字段选择“保留我的”“采用对方的”或手工填写（还剩 {count:,} 个）。</translation>
    </message>
    <message>
        <source>The record-id column is missing: tick the box below to add only the new projects.</source>
        <translation>“记录编号”列已缺失：请勾选下方选项，只新增新项目。</translation>
    </message>
</context>
</TS>
