<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SavedViews</name>
    <message>
        <source>Saved views</source>
        <translation>已存视图</translation>
    </message>
    <message>
        <source>Saved views: filters, sort, search and columns under a name</source>
        <translation>已保存的视图：以名称保存的筛选、排序、搜索和列</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>尚无保存的视图</translation>
    </message>
    <message>
        <source>Save current view…</source>
        <translation>保存当前视图…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Cannot save the view</source>
        <translation>无法保存视图</translation>
    </message>
    <message>
        <source>Cannot delete the view</source>
        <translation>无法删除视图</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of the view (filters, sort, search and columns):</source>
        <translation>视图名称（保存筛选、排序、搜索和列）：</translation>
    </message>
</context>
</TS>
