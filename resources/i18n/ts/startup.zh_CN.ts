<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Startup</name>
    <message>
        <source>The database “{name}” is in use by another gzdesk (computer {host}, process {pid}).</source>
        <translation>数据库“{name}”正被另一个 gzdesk 使用（计算机 {host}，进程 {pid}）。</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>数据库正在使用</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>
If gzdesk on that computer is closed, you may take over.</source>
        <translation>
如果那台计算机上的 gzdesk 已经关闭，可以接管。</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Database damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>
No good backup exists; a new empty database is created.</source>
        <translation>
没有可用的备份，将新建一个空数据库。</translation>
    </message>
    <message>
        <source>
Restore the newest good backup ({taken})?</source>
        <translation>
恢复最近的完好备份（{taken}）？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
</context>
</TS>
