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
    # People
    "cli.person.deactivated": "{handle} is no longer active: they cannot act, and stay in the history.",
    "cli.person.activated": "{handle} is active again.",
    "error.person.deactivate_self": "You cannot deactivate yourself; ask another admin.",
    "error.person.last_active_admin": "{handle} is the last active admin: make someone else admin first.",
    # Audit
    "error.audit.record": "{field}: '{value}' is not a record; write e.g. lead:12, or lead for every lead.",
}

ZH: dict[str, str] = {}
