<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FoundPage</name>
    <message>
        <source>Recognise automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Read the sheets as:</source>
        <translation>按以下清单读取：</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Header rows</source>
        <translation>表头行</translation>
    </message>
    <message>
        <source>Data rows</source>
        <translation>数据行数</translation>
    </message>
    <message>
        <source>Skipped rows</source>
        <translation>跳过行数</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>金额单位</translation>
    </message>
    <message>
        <source>Reporting office</source>
        <translation>填报单位</translation>
    </message>
    <message>
        <source>Why it was not read</source>
        <translation>未读取原因</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>What the row says</source>
        <translation>该行内容</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>识别结果</translation>
    </message>
    <message>
        <source>“{file}” from {office}: {lists} list(s) with {rows:,} data rows.</source>
        <translation>“{file}”，报送单位：{office}。共识别 {lists} 张清单、{rows:,} 行数据。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{count:,} rows below the header are not data and were skipped:</source>
        <translation>表头以下有 {count:,} 行不是数据，已跳过：</translation>
    </message>
    <message>
        <source>No rows were skipped.</source>
        <translation>没有跳过的行。</translation>
    </message>
    <message>
        <source>10k CNY</source>
        <translation>万元</translation>
    </message>
    <message>
        <source>100M CNY</source>
        <translation>亿元</translation>
    </message>
    <message>
        <source>CNY</source>
        <translation>元</translation>
    </message>
</context>
</TS>
