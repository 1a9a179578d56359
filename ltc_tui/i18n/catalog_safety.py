"""Messages about keeping data safe: backups, restores, checks, locks, read-only
files, and who may do what."""

EN = {
    # Opening the database
    "error.db.busy_timeout": "{field}: '{value}' is not a number of milliseconds (0 to 3600000).",
    "error.db.readonly_needs_write": (
        "The database at {where} is read-only and needs to be created or upgraded first: "
        "open it once where it can be written, or copy it somewhere writable."
    ),
    "error.conflict.same_time": (
        "This {entity} was saved by someone else at the same moment; nothing of yours was saved. "
        "Reload to see their change, then re-apply yours."
    ),
    "error.text_nul": "{field}: contains a NUL character (\\x00), which cannot be stored; remove it.",
    "error.db.number_too_large": "A number given is too large to be stored (at most 9223372036854775807); check the ids and amounts.",
    # Backups
    "error.backup.memory": "An in-memory database cannot be backed up or restored; use a file.",
    "error.backup.no_folder": "{field}: the folder {folder} does not exist; create it first or choose another place.",
    "error.backup.exists": "{path} already exists: choose another name, or add --force to overwrite it.",
    "error.backup.same_file": "{field}: {path} is the database itself; choose another file.",
    "error.backup.cannot_write": "Cannot write the backup to {path}: {detail}. Nothing was written; choose a writable place.",
    "error.backup.not_sqlite": (
        "{path} is not an ltc database file (it is not SQLite at all). If it should be, restore a "
        "backup with `ltc db restore FILE --force`."
    ),
    "error.backup.no_pg_tool": (
        "{tool} was not found. Install the PostgreSQL client tools (e.g. apt install postgresql-client), "
        "or set LTC_PG_BIN to the folder that holds them, or back the server up with its own tools."
    ),
    "error.backup.tool_failed": "{tool} failed on {where}: {detail}",
    "error.backup.empty": "{where} holds no ltc data yet: there is nothing to back up.",
    # Restores
    "error.restore.no_file": "{field}: there is no backup file at {path}.",
    "error.restore.unreadable": "Cannot read {path}: check its permissions.",
    "error.restore.damaged": "{path} is damaged ({detail}); nothing was restored. Try an older backup.",
    "error.restore.not_ltc": "{path} is not an ltc database backup; nothing was restored.",
    "error.restore.newer": (
        "{path} was made by a newer ltc (schema {version}; this release knows up to {head}). "
        "Upgrade ltc (pip install -U ltc-tui) before restoring it; nothing was restored."
    ),
    "error.restore.exists": (
        "{where} already holds a database. Add --force to replace it; a copy of it is kept first."
    ),
    "error.restore.pg_dump_for_sqlite": "{path} is a PostgreSQL backup (pg_dump): restore it into a PostgreSQL database (--db postgresql+psycopg://...).",
    "error.restore.sqlite_for_pg": "{path} is a SQLite database, not a PostgreSQL backup: restore it into a file (--db PATH).",
    "error.restore.not_dump": "{path} is not a PostgreSQL backup made by `ltc db backup` (pg_dump custom format); nothing was restored.",
    # The commands
    "cli.db.backup_done": "Backed up {where} to {path} ({size}, schema {version}). The file is readable by you only.",
    "cli.db.restored": "Restored {source} into {where} (schema {version}).",
    "cli.db.restored_upgraded": "The backup had schema {old}; it was upgraded to {version}.",
    "cli.db.replaced_copy": "The database it replaced is kept at {path}.",
    "cli.db.check_ok": "{where}: all checks passed.",
    "cli.db.check_failed": (
        "{where}: {count} check(s) failed. Restore a backup with `ltc db restore FILE --force` "
        "(a copy of the current file is kept), or ask for help with the file."
    ),
    "cli.db.check.integrity": "Integrity",
    "cli.db.check.readable": "Readable",
    "cli.db.check.foreign_keys": "Links between records",
    "cli.db.check.schema": "Schema version",
    "cli.db.check.audit_append_only": "Audit trail append-only",
    "cli.db.check.ok": "ok",
    "cli.db.check.col_check": "Check",
    "cli.db.check.col_result": "Result",
    "cli.db.check.col_detail": "Detail",
    "cli.db.check.col_table": "Records",
    "cli.db.check.col_count": "Count",
    "cli.db.check.failed": "FAILED",
    # What a check found, when all is well or the schema says where it stands
    "check.detail.ok": "ok",
    "check.detail.server": "kept by the server",
    "check.detail.schema_current": "{version} (current)",
    "check.detail.schema_older": "{version} (an upgrade to {head} is due: ltc db upgrade)",
    "check.detail.schema_newer": "{version} (made by a newer ltc; this release knows up to {head})",
    "check.detail.schema_empty": "no ltc schema (ltc db init creates it)",
    "check.detail.schema_foreign": "tables that are not an ltc database",
    # People
    "cli.person.deactivated": "{handle} is no longer active: they cannot act, and stay in the history.",
    "cli.person.activated": "{handle} is active again.",
    "error.person.deactivate_self": "You cannot deactivate yourself; ask another admin.",
    "error.person.last_active_admin": "{handle} is the last active admin: make someone else admin first.",
    # Audit
    "error.audit.record": "{field}: '{value}' is not a record; write e.g. lead:12, or lead for every lead.",
}

ZH: dict[str, str] = {
    # 打开数据库
    "error.db.busy_timeout": "{field}：'{value}' 不是有效的毫秒数（0 到 3600000）。",
    "error.db.readonly_needs_write": (
        "{where} 的数据库是只读的，需要先创建或升级：请在可写的位置打开一次，或把它复制到可写的位置。"
    ),
    "error.conflict.same_time": (
        "这条{entity}在同一时刻被别人保存了；你的内容没有保存。请重新加载查看对方的修改，再重新填写你的修改。"
    ),
    "error.text_nul": "{field}：含有无法保存的 NUL 字符（\\x00），请删除。",
    "error.db.number_too_large": "输入的数字太大，无法保存（最大 9223372036854775807）；请检查编号和金额。",
    # 备份
    "error.backup.memory": "内存数据库无法备份或恢复；请使用文件。",
    "error.backup.no_folder": "{field}：文件夹 {folder} 不存在；请先创建，或换一个位置。",
    "error.backup.exists": "{path} 已存在：请换一个名字，或加 --force 覆盖。",
    "error.backup.same_file": "{field}：{path} 就是数据库本身；请选择另一个文件。",
    "error.backup.cannot_write": "无法把备份写入 {path}：{detail}。没有写入任何内容；请选择可写的位置。",
    "error.backup.not_sqlite": (
        "{path} 不是 ltc 数据库文件（根本不是 SQLite）。如果它本应是，请用 `ltc db restore FILE --force` 恢复备份。"
    ),
    "error.backup.no_pg_tool": (
        "找不到 {tool}。请安装 PostgreSQL 客户端工具（例如 apt install postgresql-client），"
        "或把 LTC_PG_BIN 设为这些工具所在的文件夹，或用服务器自带的工具备份。"
    ),
    "error.backup.tool_failed": "{tool} 在 {where} 上执行失败：{detail}",
    "error.backup.empty": "{where} 里还没有 ltc 数据：没有可备份的内容。",
    # 恢复
    "error.restore.no_file": "{field}：{path} 没有备份文件。",
    "error.restore.unreadable": "无法读取 {path}：请检查文件权限。",
    "error.restore.damaged": "{path} 已损坏（{detail}）；没有恢复任何内容。请试试更早的备份。",
    "error.restore.not_ltc": "{path} 不是 ltc 数据库备份；没有恢复任何内容。",
    "error.restore.newer": (
        "{path} 由更新版本的 ltc 生成（结构版本 {version}；本版本最多支持到 {head}）。"
        "请先升级 ltc（pip install -U ltc-tui）再恢复；没有恢复任何内容。"
    ),
    "error.restore.exists": "{where} 已经有数据库。加 --force 替换它；替换前会先保留一份副本。",
    "error.restore.pg_dump_for_sqlite": (
        "{path} 是 PostgreSQL 备份（pg_dump）：请恢复到 PostgreSQL 数据库（--db postgresql+psycopg://...）。"
    ),
    "error.restore.sqlite_for_pg": "{path} 是 SQLite 数据库，不是 PostgreSQL 备份：请恢复到文件（--db PATH）。",
    "error.restore.not_dump": (
        "{path} 不是 `ltc db backup` 生成的 PostgreSQL 备份（pg_dump 自定义格式）；没有恢复任何内容。"
    ),
    # 命令
    "cli.db.backup_done": "已把 {where} 备份到 {path}（{size}，结构版本 {version}）。该文件只有你本人可以读取。",
    "cli.db.restored": "已把 {source} 恢复到 {where}（结构版本 {version}）。",
    "cli.db.restored_upgraded": "备份的结构版本是 {old}；已升级到 {version}。",
    "cli.db.replaced_copy": "被替换的数据库保留在 {path}。",
    "cli.db.check_ok": "{where}：全部检查通过。",
    "cli.db.check_failed": (
        "{where}：有 {count} 项检查未通过。可用 `ltc db restore FILE --force` 恢复备份"
        "（会先保留当前文件的副本），或就该文件寻求帮助。"
    ),
    "cli.db.check.integrity": "完整性",
    "cli.db.check.readable": "可读取",
    "cli.db.check.foreign_keys": "记录之间的关联",
    "cli.db.check.schema": "结构版本",
    "cli.db.check.audit_append_only": "审计记录只增不改",
    "cli.db.check.ok": "正常",
    "cli.db.check.col_check": "检查项",
    "cli.db.check.col_result": "结果",
    "cli.db.check.col_detail": "详情",
    "cli.db.check.col_table": "记录",
    "cli.db.check.col_count": "数量",
    "cli.db.check.failed": "未通过",
    "check.detail.ok": "正常",
    "check.detail.server": "由数据库服务器保证",
    "check.detail.schema_current": "{version}（最新）",
    "check.detail.schema_older": "{version}（需要升级到 {head}：ltc db upgrade）",
    "check.detail.schema_newer": "{version}（由更新版本的 ltc 生成；本版本最多支持到 {head}）",
    "check.detail.schema_empty": "没有 ltc 的数据库结构（ltc db init 会创建）",
    "check.detail.schema_foreign": "这些表不属于 ltc 数据库",
    # 成员
    "cli.person.deactivated": "{handle} 已停用：不能再进行操作，历史记录中仍然保留。",
    "cli.person.activated": "{handle} 已重新启用。",
    "error.person.deactivate_self": "不能停用你自己；请让另一位管理员来操作。",
    "error.person.last_active_admin": "{handle} 是最后一位在用的管理员：请先让其他人成为管理员。",
    # 审计
    "error.audit.record": "{field}：'{value}' 不是记录；请写成例如 lead:12，或写 lead 表示所有线索。",
}
