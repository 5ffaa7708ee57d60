<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ProblemsPage</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>文件中的值</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No problems found: every data row can be imported as it is.</source>
        <translation>未发现问题，所有数据行均可直接导入。</translation>
    </message>
    <message>
        <source>{invalid:,} row(s) have errors and cannot be imported as they are; {notes:,} value(s) were read with a change you should know about. Double-click a line (or press Enter) to see its row.</source>
        <translation>有 {invalid:,} 行数据有错误，不能按原样导入；有 {notes:,} 个值在读取时作了转换，请留意。双击某一条（或按回车键）可查看该行原始内容。</translation>
    </message>
    <message>
        <source>Skip the {count:,} invalid row(s) and import the rest</source>
        <translation>跳过 {count:,} 行错误数据，导入其余数据</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Sheet “{sheet}”, row {row}, as it is in the file:</source>
        <translation>工作表“{sheet}”第 {row} 行的原始内容：</translation>
    </message>
    <message>
        <source>Some rows have errors: tick the box below to skip them, or correct the file and import it again.</source>
        <translation>部分行有错误：请勾选下方选项跳过这些行，或修改文件后重新导入。</translation>
    </message>
</context>
</TS>
