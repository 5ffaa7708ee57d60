<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>ImportDialog</name>
        <message>
            <source>New</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>未变</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Held for review</source>
            <translation>待审核</translation>
        </message>
        <message>
            <source>Invalid rows</source>
            <translation>错误行</translation>
        </message>
        <message>
            <source>Duplicate rows (merged)</source>
            <translation>重复行（已合并）</translation>
        </message>
        <message>
            <source>Not in file</source>
            <translation>文件中没有的项目</translation>
        </message>
        <message>
            <source>Import “{name}”</source>
            <translation>导入“{name}”</translation>
        </message>
        <message>
            <source>Sheet “{sheet}”: {list}, header row(s) {header}, {data:,} data rows, {skipped:,} skipped</source>
            <translation>工作表「{sheet}」：{list}，表头第 {header} 行，数据 {data:,} 行，跳过 {skipped:,} 行</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>{label}:</source>
            <translation>{label}：</translation>
        </message>
        <message>
            <source>Skip the invalid rows, import the rest</source>
            <translation>跳过有错误的行，只导入正确的行</translation>
        </message>
        <message>
            <source>Stop on conflicts</source>
            <translation>有冲突时不导入</translation>
        </message>
        <message>
            <source>Conflicts: keep mine</source>
            <translation>冲突字段保留我的</translation>
        </message>
        <message>
            <source>Conflicts: take theirs</source>
            <translation>冲突字段采用对方的</translation>
        </message>
        <message>
            <source>Also accept changes to our own projects (audited)</source>
            <translation>也接受对本单位项目的修改（将记入审计日志）</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
</TS>
