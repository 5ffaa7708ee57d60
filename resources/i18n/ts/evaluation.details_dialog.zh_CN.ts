<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DetailDialog</name>
    <message>
        <source>New milestone</source>
        <translation>新建节点</translation>
    </message>
    <message>
        <source>Edit milestone</source>
        <translation>编辑节点</translation>
    </message>
    <message>
        <source>New problem</source>
        <translation>新建问题</translation>
    </message>
    <message>
        <source>Edit problem</source>
        <translation>编辑问题</translation>
    </message>
</context>
</TS>
