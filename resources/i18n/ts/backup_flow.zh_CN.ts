<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackupFlow</name>
    <message>
        <source>Backup or restore failed</source>
        <translation>备份或恢复失败</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Replace all data with the backup “{name}”? The current data is backed up first, and automatic backups pause until you resume them.</source>
        <translation>用备份“{name}”替换全部数据吗？恢复前会先备份当前数据；恢复后自动备份暂停，直到您重新开启。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restored from “{name}”. The data before the restore is in the backup “{safety}”. Automatic backups are paused until you resume them (Tools › Backups and restore).</source>
        <translation>已从备份“{name}”恢复。恢复前的数据保存在备份“{safety}”中。自动备份已暂停，核对数据无误后请在“工具 › 备份与恢复”中重新开启。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
</context>
</TS>
