<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Automatic</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前备份</translation>
    </message>
    <message>
        <source>Before undoing an import</source>
        <translation>撤销导入前备份</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前备份</translation>
    </message>
    <message>
        <source>Before a repair</source>
        <translation>修复前备份</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Newer version</source>
        <translation>版本过新</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Backups of “{name}”</source>
        <translation>“{name}”的备份</translation>
    </message>
    <message>
        <source>Backups are kept beside the database, in the folder “{folder}”. Automatic backups are thinned to recent, daily, weekly and monthly copies; the others stay until you delete them.</source>
        <translation>备份保存在数据库旁的文件夹“{folder}”中。自动备份按最近、每天、每周、每月逐级精简保留；其他备份保留到您手动删除为止。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Automatic backups are paused since the last restore. Resume them once the restored data is right.</source>
        <translation>上次恢复后自动备份已暂停。核对恢复的数据无误后，请重新开启。</translation>
    </message>
    <message>
        <source>Res&amp;ume automatic backups</source>
        <translation>重新开启自动备份(&amp;U)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>校验中…</translation>
    </message>
</context>
</TS>
