<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Flow</name>
    <message>
        <source>Cannot finish</source>
        <translation>无法完成</translation>
    </message>
</context>
</TS>
