<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TableActions</name>
    <message>
        <source>Delete selected records…</source>
        <translation>删除选中记录…</translation>
    </message>
    <message>
        <source>Bulk edit selected records…</source>
        <translation>批量修改选中记录…</translation>
    </message>
    <message>
        <source>Copy selected rows</source>
        <translation>复制选中行</translation>
    </message>
    <message>
        <source>Delete “{name}”?</source>
        <translation>删除“{name}”？</translation>
    </message>
    <message>
        <source>Delete the {count:,} selected records?</source>
        <translation>删除选中的 {count:,} 条记录？</translation>
    </message>
    <message>
        <source>Delete records</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z) brings them back.</source>
        <translation>删除后可用“撤销”（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <source>Delete “{name}”</source>
        <translation>删除“{name}”</translation>
    </message>
    <message>
        <source>Delete {count:,} records</source>
        <translation>删除 {count:,} 条记录</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Bulk edit</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>Select the records to change first.</source>
        <translation>请先选中要修改的记录。</translation>
    </message>
    <message>
        <source>Set “{field}” in {count:,} records</source>
        <translation>批量修改 {count:,} 条记录的“{field}”</translation>
    </message>
    <message>
        <source>Cannot change the records</source>
        <translation>无法修改记录</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>{count:,} rows are too many to copy; export a workbook instead (File menu).</source>
        <translation>{count:,} 行太多，无法复制；请改用“文件”菜单导出工作簿。</translation>
    </message>
    <message>
        <source>Copied {count:,} rows</source>
        <translation>已复制 {count:,} 行</translation>
    </message>
</context>
</TS>
