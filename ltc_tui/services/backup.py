"""Backups, restores and health checks of the whole database.

These work on the database as a whole (a SQLite file, a PostgreSQL
database), so they take its URL rather than a session:

- ``backup(url, target)``: an online copy while others keep working. SQLite:
  the backup API (a read transaction; in WAL mode writers carry on), into a
  temporary file beside the target that is checked and then renamed, so a
  failed backup leaves no half-written file. PostgreSQL: ``pg_dump``.
- ``restore(url, source)``: the source is checked first (an ltc database,
  undamaged, its schema not newer than this release; an older one is
  upgraded), what it replaces is kept as a copy, and the copy-in is one
  transaction: it lands whole or not at all.
- ``check(url)``: integrity, foreign keys, the append-only guard of the
  audit trail, the schema version and the record counts.

Every file made here is owner-only (0600): it holds the team's sales data.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ltc_tui import clock
from ltc_tui.db import (
    Database,
    SchemaState,
    SqliteAccess,
    busy_timeout_ms,
    display_url,
    make_engine,
    resolve_url,
    schema_state,
    sqlite_access,
    translate_errors,
    upgrade_schema,
)
from ltc_tui.errors import RuleViolation, StorageError, ValidationError
from ltc_tui.migrations.revisions import HEAD, KNOWN_REVISIONS
from ltc_tui.redact import redact

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
PG_BIN_DIRS = ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin")
COUNTED = ("person", "customer", "contact", "lead", "opportunity", "contract", "payment", "meeting", "decision", "audit_event")
AUDIT_TRIGGERS_SQLITE = ("audit_event_no_update", "audit_event_no_delete")
AUDIT_TRIGGER_PG = "audit_event_append_only"
AUDIT_TRUNCATE_PG = "audit_event_no_truncate"  # from schema 0004


@dataclass
class BackupResult:
    source: str  # as shown to people (no password)
    path: Path
    size: int
    version: str | None


@dataclass
class RestoreResult:
    target: str
    source: Path
    version: str
    upgraded_from: str | None
    replaced_copy: Path | None


@dataclass
class Check:
    name: str
    ok: bool
    detail: str  # English, as --json gives it
    key: str | None = None  # the detail in the catalogue, when it is one of our sentences (not raw findings)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckReport:
    where: str
    checks: list[Check] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    version: str | None = None

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str = "", key: str | None = None, **params: Any) -> None:
        self.checks.append(Check(name, ok, detail, key, params))


# --- where things are -----------------------------------------------------------------


def _parse(url: str | None) -> tuple[sa.URL, str]:
    resolved = resolve_url(url)
    try:
        parsed = sa.make_url(resolved)
    except sa.exc.ArgumentError as error:
        raise ValidationError("error.db.bad_url", url=display_url(resolved)) from error
    return parsed, display_url(parsed)


def _sqlite_path(parsed: sa.URL) -> Path | None:
    if parsed.get_backend_name() != "sqlite":
        return None
    if parsed.database in (None, "", ":memory:"):
        raise ValidationError("error.backup.memory")
    return Path(parsed.database)


def _stamp() -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")


def _target_file(target: str | Path, *, suffix: str, force: bool) -> Path:
    """Where the backup goes: FILE, or a dated file inside FOLDER."""
    path = Path(target).expanduser()
    if path.is_dir():
        path = path / f"ltc-{_stamp()}{suffix}"
    path = path.absolute()
    if not path.parent.is_dir():
        raise ValidationError("error.backup.no_folder", field="FILE", folder=str(path.parent))
    if path.exists() and not force:
        raise RuleViolation("error.backup.exists", path=str(path))
    return path


@contextlib.contextmanager
def _temp_beside(path: Path) -> Iterator[Path]:
    """An owner-only temporary file next to ``path``; removed unless renamed into place."""
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise StorageError("error.backup.cannot_write", path=str(path), detail=error.strerror or str(error)) from error
    os.close(fd)
    os.chmod(tmp, 0o600)  # O_CREAT keeps an existing file's mode
    try:
        yield tmp
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _move_into_place(tmp: Path, path: Path) -> None:
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sqlite_error(error: BaseException, where: str) -> StorageError:
    from ltc_tui.db import storage_error

    return storage_error(error, where)


def _connect_source(path: Path, where: str) -> sqlite3.Connection:
    """A connection that only reads ``path`` (never creates it, never writes it)."""
    from urllib.parse import quote

    if not path.exists():
        raise StorageError("error.db.missing", where=where)
    if path.is_dir():
        raise StorageError("error.db.cannot_open", where=where)
    if not os.access(path, os.R_OK):
        raise StorageError("error.db.cannot_open", where=where)
    _require_sqlite_header(path, where)
    # Read-only even when we could write: a checkpoint on close would write into
    # the main file, and a file being checked or rescued may be the damaged one.
    uri = "file:" + quote(str(path)) + "?mode=ro"
    if sqlite_access(path) is SqliteAccess.IMMUTABLE:
        uri += "&immutable=1"
    timeout = busy_timeout_ms() / 1000
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    return conn


def _require_sqlite_header(path: Path, where: str) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StorageError("error.db.cannot_open", where=where) from error
    if head != SQLITE_MAGIC:
        if head.startswith(PG_DUMP_MAGIC):
            raise StorageError("error.restore.pg_dump_for_sqlite", path=where)
        raise StorageError("error.backup.not_sqlite", path=where)


def _sqlite_version(conn: sqlite3.Connection) -> tuple[SchemaState, str | None]:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        return (SchemaState.FOREIGN if tables else SchemaState.EMPTY), None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    version = row[0] if row else None
    if version is None:
        return SchemaState.EMPTY, None
    if version == HEAD:
        return SchemaState.CURRENT, version
    if version in KNOWN_REVISIONS:
        return SchemaState.OLDER, version
    return SchemaState.NEWER, version


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection, where: str) -> None:
    """SQLite's backup API, giving up after the busy timeout.

    Python's ``Connection.backup`` retries a busy step for ever; a lock held by
    another program must end in a clear "busy" message instead of a hang."""
    import time

    deadline = time.monotonic() + busy_timeout_ms() / 1000

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() >= deadline:
            raise StorageError("error.db.locked", where=where)

    source.backup(target, pages=-1, progress=progress, sleep=0.05)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
    return [] if rows == ["ok"] else rows


# --- backup -------------------------------------------------------------------------------


def backup(url: str | None, target: str | Path, *, force: bool = False) -> BackupResult:
    """Copy the database to ``target`` (a file, or a folder for a dated file)."""
    parsed, where = _parse(url)
    path = _sqlite_path(parsed)
    if path is None:
        return _pg_backup(parsed, where, target, force=force)
    destination = _target_file(target, suffix=".db", force=force)
    if destination.resolve() == path.resolve():
        raise ValidationError("error.backup.same_file", field="FILE", path=str(destination))
    source = _connect_source(path, where)
    try:
        with _temp_beside(destination) as tmp:
            copy = sqlite3.connect(tmp, isolation_level=None)
            try:
                try:
                    _copy_pages(source, copy, where)
                except sqlite3.Error as error:
                    raise _sqlite_error(error, where) from error
                # A backup is one self-contained file, whatever mode the original runs in.
                copy.execute("PRAGMA journal_mode = DELETE")
                problems = _integrity(copy)
                if problems:
                    raise StorageError("error.db.corrupt", where=where)
                state, version = _sqlite_version(copy)
                if state is SchemaState.FOREIGN:
                    raise StorageError("error.db.foreign", where=where)
            finally:
                copy.close()
            _move_into_place(tmp, destination)
    except OSError as error:
        raise StorageError("error.backup.cannot_write", path=str(destination), detail=error.strerror or str(error)) from error
    finally:
        source.close()
    return BackupResult(where, destination, destination.stat().st_size, version)


# --- PostgreSQL: pg_dump and pg_restore -------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of ``pg_dump``/``pg_restore``: LTC_PG_BIN, then PATH, then the usual folders."""
    folder = os.environ.get("LTC_PG_BIN")
    if folder:  # said explicitly: only there
        candidates = [Path(folder) / name]
    else:
        found = shutil.which(name)
        candidates = ([Path(found)] if found else []) + [Path(d) / name for d in PG_BIN_DIRS]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise StorageError("error.backup.no_pg_tool", tool=name)


def _conninfo_value(value: Any) -> str:
    text = str(value)
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def pg_conninfo(parsed: sa.URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment that carries it.

    The password goes through ``PGPASSWORD`` so it never shows on a command
    line (``ps``) or in a message."""
    parts = {"host": parsed.host, "port": parsed.port, "user": parsed.username, "dbname": parsed.database}
    for key, value in parsed.query.items():
        if key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "application_name", "connect_timeout", "host", "port"):
            parts[key] = value if isinstance(value, str) else value[0]
    conninfo = " ".join(f"{k}={_conninfo_value(v)}" for k, v in parts.items() if v not in (None, ""))
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return conninfo, env


def _run_pg(args: list[str], env: dict[str, str], where: str) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(args, env=env, capture_output=True, timeout=6 * 3600, check=False)
    except OSError as error:
        raise StorageError("error.backup.tool_failed", tool=Path(args[0]).name, where=where, detail=str(error)) from error
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        detail = redact(lines[-1] if lines else f"exit {done.returncode}")
        raise StorageError("error.backup.tool_failed", tool=Path(args[0]).name, where=where, detail=detail)
    return done


def _pg_database(parsed: sa.URL, where: str) -> Database:
    try:
        engine = make_engine(parsed)
    except ModuleNotFoundError as error:
        raise StorageError("error.db.driver_missing", where=where, module=error.name) from error
    return Database(url=parsed, engine=engine)


def _pg_backup(parsed: sa.URL, where: str, target: str | Path, *, force: bool) -> BackupResult:
    destination = _target_file(target, suffix=".dump", force=force)
    db = _pg_database(parsed, where)
    try:
        with translate_errors(db):
            state, version = schema_state(db.engine)
    finally:
        db.dispose()
    if state is SchemaState.EMPTY:
        raise StorageError("error.backup.empty", where=where)
    if state is SchemaState.FOREIGN:
        raise StorageError("error.db.foreign", where=where)
    _pg_dump_to(parsed, where, destination)
    return BackupResult(where, destination, destination.stat().st_size, version)


def _pg_dump_to(parsed: sa.URL, where: str, destination: Path) -> None:
    tool = pg_tool("pg_dump")
    conninfo, env = pg_conninfo(parsed)
    with _temp_beside(destination) as tmp:
        _run_pg([tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={tmp}", f"--dbname={conninfo}"], env, where)
        os.chmod(tmp, 0o600)
        _move_into_place(tmp, destination)


_COPY_VERSION = re.compile(r"COPY \S*alembic_version \(version_num\) FROM stdin;\n(?P<version>[^\n\\]+)\n")


def _pg_dump_version(path: Path) -> str | None:
    tool = pg_tool("pg_restore")
    done = _run_pg([tool, "--data-only", "--table=alembic_version", "--file=-", str(path)], dict(os.environ), str(path))
    match = _COPY_VERSION.search(done.stdout.decode("utf-8", "replace"))
    return match.group("version").strip() if match else None


def _pg_restore(parsed: sa.URL, where: str, source: Path, *, force: bool) -> RestoreResult:
    with open(source, "rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if not head.startswith(PG_DUMP_MAGIC):
        if head == SQLITE_MAGIC:
            raise StorageError("error.restore.sqlite_for_pg", path=str(source))
        raise StorageError("error.restore.not_dump", path=str(source))
    version = _pg_dump_version(source)
    if version is None:
        raise StorageError("error.restore.not_ltc", path=str(source))
    if version not in KNOWN_REVISIONS:
        raise StorageError("error.restore.newer", path=str(source), version=version, head=HEAD)
    db = _pg_database(parsed, where)
    try:
        with translate_errors(db):
            state, current = schema_state(db.engine)
    finally:
        db.dispose()
    if state is SchemaState.NEWER:
        raise StorageError("error.db.newer_schema", where=where, version=current)
    replaced = None
    if state is not SchemaState.EMPTY:
        if not force:
            raise RuleViolation("error.restore.exists", where=where)
        replaced = _replaced_copy_path(f"{parsed.database}-replaced", ".dump")
        _pg_dump_to(parsed, where, replaced)
    tool = pg_tool("pg_restore")
    conninfo, env = pg_conninfo(parsed)
    _run_pg(
        [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", f"--dbname={conninfo}", str(source)],
        env, where,
    )
    upgraded_from = None
    if version != HEAD:
        db = _pg_database(parsed, where)
        try:
            with translate_errors(db):
                upgrade_schema(db, backup=False)
        finally:
            db.dispose()
        upgraded_from = version
    return RestoreResult(where, source, HEAD, upgraded_from, replaced)


def _replaced_copy_path(stem: str, suffix: str) -> Path:
    """Where the copy of a replaced PostgreSQL database goes: the data folder, owner-only."""
    from ltc_tui import paths

    folder = paths.data_dir() / "replaced"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", stem)
    return folder / f"{safe}-{_stamp()}{suffix}"


# --- restore ------------------------------------------------------------------------------


def restore(url: str | None, source: str | Path, *, force: bool = False) -> RestoreResult:
    """Put the backup ``source`` in place of the database at ``url``."""
    parsed, where = _parse(url)
    origin = Path(source).expanduser().absolute()
    if not origin.is_file():
        raise ValidationError("error.restore.no_file", field="FILE", path=str(origin))
    if not os.access(origin, os.R_OK):
        raise StorageError("error.restore.unreadable", path=str(origin))
    path = _sqlite_path(parsed)
    if path is None:
        return _pg_restore(parsed, where, origin, force=force)
    path = path.absolute()
    if origin.resolve() == path.resolve():
        raise ValidationError("error.backup.same_file", field="FILE", path=str(origin))
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StorageError("error.db.cannot_create", where=where, detail=error.strerror or str(error)) from error
    if path.exists() and sqlite_access(path) is not SqliteAccess.READ_WRITE:
        raise StorageError("error.db.readonly", where=where)
    replacing = path.exists() and path.stat().st_size > 0
    if replacing and not force:
        raise RuleViolation("error.restore.exists", where=where)
    _require_sqlite_header(origin, str(origin))

    with _temp_beside(path) as tmp:
        # Work on a private copy: the backup itself is never touched.
        shutil.copyfile(origin, tmp)
        upgraded_from = _vet_restore_copy(tmp, origin)
        replaced = _keep_replaced(path, where) if replacing else None
        _copy_in(tmp, path, where)
    return RestoreResult(where, origin, HEAD, upgraded_from, replaced)


def _vet_restore_copy(tmp: Path, origin: Path) -> str | None:
    """Check the copy is a sound ltc database this release can use; bring an older one up to date."""
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            problems = _integrity(conn)
            state, version = _sqlite_version(conn)
        except sqlite3.DatabaseError as error:
            raise StorageError("error.restore.damaged", path=str(origin), detail=_first(error)) from error
    finally:
        conn.close()
    if problems:
        raise StorageError("error.restore.damaged", path=str(origin), detail=problems[0])
    if state in (SchemaState.FOREIGN, SchemaState.EMPTY):
        raise StorageError("error.restore.not_ltc", path=str(origin))
    if state is SchemaState.NEWER:
        raise StorageError("error.restore.newer", path=str(origin), version=version, head=HEAD)
    if state is SchemaState.OLDER:
        db = Database(url=sa.make_url("sqlite:///" + str(tmp)), engine=make_engine("sqlite:///" + str(tmp)))
        try:
            with translate_errors(db):
                upgrade_schema(db, backup=False)
        finally:
            db.dispose()
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        return version
    return None


def _keep_replaced(path: Path, where: str) -> Path:
    """A copy of the database about to be replaced, beside it, owner-only."""
    keep = path.parent / f"{path.name}.replaced-{_stamp()}.bak"
    n = 1
    while keep.exists():
        n += 1
        keep = path.parent / f"{path.name}.replaced-{_stamp()}-{n}.bak"
    try:
        backup(str(path), keep)
    except StorageError:
        # The file being replaced may be the damaged one: keep its bytes as they are.
        fd = os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out)
        wal = Path(str(path) + "-wal")
        if wal.exists() and wal.stat().st_size:
            fd = os.open(str(keep) + "-wal", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, open(wal, "rb") as src:
                shutil.copyfileobj(src, out)
    return keep


def _copy_in(tmp: Path, path: Path, where: str) -> None:
    """Copy the vetted file into the live database in one transaction (others may have it open)."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    source = sqlite3.connect(tmp, isolation_level=None)
    try:
        target = sqlite3.connect(path, timeout=busy_timeout_ms() / 1000, isolation_level=None)
        try:
            target.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
            _copy_pages(source, target, where)
            target.execute("PRAGMA journal_mode = WAL")
            ok = _integrity(target) == []
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        low = str(error).lower()
        if not ("not a database" in low or "malformed" in low or "corrupt" in low):
            raise _sqlite_error(error, where) from error
        # The live file is itself damaged: swap the whole file (its copy is kept).
        source.close()
        for side in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(path) + side).unlink()
        shutil.copyfile(tmp, str(tmp) + ".swap")
        os.chmod(str(tmp) + ".swap", 0o600)
        _move_into_place(Path(str(tmp) + ".swap"), path)
        return
    finally:
        source.close()
    if not ok:
        raise StorageError("error.db.corrupt", where=where)


def _first(error: BaseException) -> str:
    text = str(error).strip()
    return redact(text.splitlines()[0]) if text else type(error).__name__


# --- check ------------------------------------------------------------------------------


def check(url: str | None) -> CheckReport:
    """How healthy the database is; never changes it."""
    parsed, where = _parse(url)
    path = _sqlite_path(parsed)
    report = CheckReport(where)
    if path is None:
        return _pg_check(parsed, report)
    try:
        conn = _connect_source(path, where)
    except StorageError as error:
        if error.key != "error.backup.not_sqlite":
            raise
        report.add("readable", False, error.message)
        return report
    try:
        try:
            problems = _integrity(conn)
        except sqlite3.DatabaseError as error:
            low = str(error).lower()
            if "locked" in low or "busy" in low:
                raise StorageError("error.db.locked", where=where) from error
            report.add("integrity", False, _first(error))
            return report
        report.add("integrity", not problems, "; ".join(problems[:3]) or "ok", None if problems else "check.detail.ok")
        try:
            bad_links = conn.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as error:
            bad_links = [(str(error),)]
        detail = ", ".join(sorted({f"{r[0]}#{r[1]} -> {r[2]}" if len(r) >= 3 else str(r[0]) for r in bad_links[:5]}))
        report.add("foreign_keys", not bad_links, detail or "ok", None if detail else "check.detail.ok")
        state, version = _sqlite_version(conn)
        _schema_check(report, state, version)
        if state in (SchemaState.CURRENT, SchemaState.OLDER):
            triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            missing = [t for t in AUDIT_TRIGGERS_SQLITE if t not in triggers]
            report.add("audit_append_only", not missing, ", ".join(missing) or "ok", None if missing else "check.detail.ok")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in COUNTED:
                if table in tables:
                    report.counts[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError as error:
        report.add("readable", False, _first(error))
    finally:
        conn.close()
    return report


def _schema_check(report: CheckReport, state: SchemaState, version: str | None) -> None:
    report.version = version
    messages = {
        SchemaState.CURRENT: (True, f"{version} (current)"),
        SchemaState.OLDER: (True, f"{version} (an upgrade to {HEAD} is due: ltc db upgrade)"),
        SchemaState.NEWER: (False, f"{version} (made by a newer ltc; this release knows up to {HEAD})"),
        SchemaState.EMPTY: (False, "no ltc schema (ltc db init creates it)"),
        SchemaState.FOREIGN: (False, "tables that are not an ltc database"),
    }
    ok, detail = messages[state]
    report.add("schema", ok, detail, f"check.detail.schema_{state.name.lower()}", version=version, head=HEAD)


def _pg_check(parsed: sa.URL, report: CheckReport) -> CheckReport:
    db = _pg_database(parsed, report.where)
    try:
        with translate_errors(db):
            state, version = schema_state(db.engine)
            report.add("integrity", True, "kept by the server", "check.detail.server")
            _schema_check(report, state, version)
            if state in (SchemaState.CURRENT, SchemaState.OLDER):
                with db.engine.connect() as conn:
                    wanted = [AUDIT_TRIGGER_PG] + ([AUDIT_TRUNCATE_PG] if version is not None and version >= "0004" else [])
                    present = {
                        name for (name,) in conn.execute(
                            sa.text("SELECT tgname FROM pg_trigger WHERE tgname = ANY(:names) AND NOT tgisinternal"),
                            {"names": wanted},
                        )
                    }
                    missing = [name for name in wanted if name not in present]
                    report.add("audit_append_only", not missing, ", ".join(missing) or "ok",
                               None if missing else "check.detail.ok")
                    unchecked = conn.execute(
                        sa.text("SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")
                    ).all()
                    report.add("foreign_keys", not unchecked, ", ".join(f"{t}.{c}" for t, c in unchecked) or "ok",
                               None if unchecked else "check.detail.ok")
                    tables = set(sa.inspect(conn).get_table_names())
                    for table in COUNTED:
                        if table in tables:
                            report.counts[table] = conn.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar_one()
    finally:
        db.dispose()
    return report
