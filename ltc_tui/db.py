"""The database: engine factory, sessions, schema version, error translation.

``open_database(url)`` builds the engine for a path or any SQLAlchemy URL,
checks the schema version with one query (Alembic is only imported when an
upgrade or a first initialisation is due) and returns a ``Database``.
``db.session(actor_id=...)`` opens a session whose changes are versioned and
audited in the same transaction; on SQLite a writing session takes the write
lock at BEGIN (``BEGIN IMMEDIATE``) so concurrent writers queue on the busy
timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.orm import attributes
from sqlalchemy.orm import exc as orm_exc
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.errors import ConflictError, LtcError, StorageError, ValidationError
from ltc_tui.migrations.revisions import HEAD, KNOWN_REVISIONS

BUSY_TIMEOUT_MS = 30_000  # default; LTC_BUSY_TIMEOUT_MS overrides (tests use a short one)


def busy_timeout_ms() -> int:
    """How long a writer waits for another's lock before saying the database is busy."""
    raw = os.environ.get("LTC_BUSY_TIMEOUT_MS", "").strip()
    if not raw:
        return BUSY_TIMEOUT_MS
    if not raw.isdigit() or int(raw) > 3_600_000:
        raise ValidationError("error.db.busy_timeout", field="LTC_BUSY_TIMEOUT_MS", value=raw)
    return int(raw)

# Fields whose changes are bookkeeping, not edits a person made.
_UNAUDITED_FIELDS = {"version", "updated_at", "created_at", "last_activity_at", "stage_changed_at"}


def resolve_url(db: str | None = None) -> str:
    """``--db``, else ``LTC_DB``, else the default SQLite file. Paths become URLs."""
    from ltc_tui import paths

    raw = db or os.environ.get("LTC_DB") or str(paths.default_db_path())
    if "://" in raw:
        return raw
    return "sqlite:///" + str(Path(raw).expanduser().resolve())


def display_url(url: str | sa.URL) -> str:
    """The URL as shown to people: never with its password."""
    try:
        parsed = sa.make_url(url) if isinstance(url, str) else url
    except exc.ArgumentError:
        return "<invalid database URL>"
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


class LtcSession(Session):
    """A session that knows who acts (``info["actor_id"]``)."""


@dataclass
class Database:
    url: sa.URL
    engine: sa.Engine
    read_only: bool = False  # a SQLite file (or its directory) we may read but not write

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    @property
    def display(self) -> str:
        return display_url(self.url)

    @contextlib.contextmanager
    def session(self, *, actor_id: int | None = None, write: bool = True) -> Iterator[LtcSession]:
        """A unit of work: committed when the block ends, rolled back on any error.

        Database errors come out as our own errors (never a traceback)."""
        if write and self.read_only:
            raise StorageError("error.db.readonly", where=self.display)
        bind = self.engine.execution_options(ltc_write=write)
        session = LtcSession(bind=bind, expire_on_commit=False, autoflush=True)
        session.info["actor_id"] = actor_id
        try:
            with translate_errors(self):
                yield session
                if write:
                    session.commit()
        except BaseException:
            # A dead connection may refuse the rollback too: the error that got
            # us here is the one to report (the server rolls back on its own).
            with contextlib.suppress(exc.SQLAlchemyError, sqlite3.Error):
                session.rollback()
            raise
        finally:
            with contextlib.suppress(exc.SQLAlchemyError, sqlite3.Error):
                session.close()

    def dispose(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def translate_errors(db: Database | None = None) -> Iterator[None]:
    """Turn driver and SQLAlchemy errors into ``StorageError``/``ValidationError``."""
    where = db.display if db is not None else ""
    try:
        yield
    except LtcError:
        raise
    except orm_exc.StaleDataError as error:
        # The row's version moved between our read and our write: another
        # transaction committed a change to it. Nothing of ours is saved.
        import re

        found = re.search(r"table '([^']+)'", str(error))
        raise ConflictError("error.conflict.same_time", entity=found.group(1) if found else "record") from error
    except exc.IntegrityError as error:
        raise integrity_error(error) from error
    except OverflowError as error:
        # SQLite stores 64-bit integers: an id or amount beyond that is bad input, not a crash.
        raise ValidationError("error.db.number_too_large") from error
    except (exc.OperationalError, exc.DatabaseError, sqlite3.DatabaseError) as error:
        raise storage_error(error, where) from error
    except exc.SQLAlchemyError as error:
        raise StorageError("error.db.generic", where=where, detail=_first_line(error)) from error


def _first_line(error: BaseException) -> str:
    from ltc_tui.redact import redact

    original = getattr(error, "orig", None) or error
    return redact(str(original).strip().splitlines()[0]) if str(original).strip() else type(error).__name__


def storage_error(error: BaseException, where: str) -> StorageError:
    detail = _first_line(error)
    low = detail.lower()
    if "locked" in low or "busy" in low or "lock timeout" in low:
        return StorageError("error.db.locked", where=where)
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return StorageError("error.db.corrupt", where=where)
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StorageError("error.db.readonly", where=where)
    if "unable to open" in low:
        return StorageError("error.db.cannot_open", where=where)
    if "disk" in low and "full" in low:
        return StorageError("error.db.disk_full", where=where)
    if "connection" in low or "could not connect" in low or "refused" in low:
        return StorageError("error.db.connect", where=where, detail=detail)
    return StorageError("error.db.generic", where=where, detail=detail)


def integrity_error(error: exc.IntegrityError) -> LtcError:
    """A constraint the rules should have caught first: say which, plainly."""
    detail = _first_line(error)
    low = detail.lower()
    if "unique" in low or "duplicate" in low:
        return ValidationError("error.db.duplicate", detail=detail)
    if "foreign key" in low:
        return ValidationError("error.db.reference", detail=detail)
    return ValidationError("error.db.constraint", detail=detail)


# --- engine -----------------------------------------------------------------


def _prepare_sqlite_file(path: Path) -> None:
    """Create the file owner-only before SQLite does (it would honour the umask)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


class SqliteAccess(enum.Enum):
    READ_WRITE = "rw"
    READ_ONLY = "ro"  # the file is not writable: SQLite can still share the WAL index
    IMMUTABLE = "immutable"  # not even the directory is writable: read the file as it stands


def sqlite_access(path: Path) -> SqliteAccess:
    """What this process may do with an existing SQLite file.

    A WAL database needs its ``-shm`` file even to read; in a read-only
    directory where that file cannot be made, the file is opened immutable
    (a snapshot), so that reading commands still work."""
    if not path.exists():
        return SqliteAccess.READ_WRITE
    effective = os.access in os.supports_effective_ids
    file_writable = os.access(path, os.W_OK, effective_ids=effective)
    directory_writable = os.access(path.parent, os.W_OK, effective_ids=effective)
    if file_writable and directory_writable:
        return SqliteAccess.READ_WRITE
    if not directory_writable and not Path(str(path) + "-shm").exists():
        return SqliteAccess.IMMUTABLE
    return SqliteAccess.READ_ONLY


def make_engine(url: str | sa.URL, *, access: SqliteAccess = SqliteAccess.READ_WRITE) -> sa.Engine:
    parsed = sa.make_url(url) if isinstance(url, str) else url
    timeout_ms = busy_timeout_ms()
    if parsed.get_backend_name() != "sqlite":
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "psycopg":
            # A row lock held too long gives a clear "busy" message instead of a hang.
            connect_args["options"] = f"-c lock_timeout={timeout_ms}"
        return sa.create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)

    creator = None
    if access is not SqliteAccess.READ_WRITE and parsed.database:
        from urllib.parse import quote

        uri = "file:" + quote(str(parsed.database)) + "?mode=ro"
        if access is SqliteAccess.IMMUTABLE:
            uri += "&immutable=1"

        def creator() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=timeout_ms / 1000, check_same_thread=False)

    engine = sa.create_engine(
        parsed,
        connect_args={"timeout": timeout_ms / 1000, "check_same_thread": False},
        poolclass=sa.pool.QueuePool if parsed.database not in (None, "", ":memory:") else None,
        **({"creator": creator} if creator is not None else {}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so that writers can take the lock up front.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = cursor.execute("PRAGMA journal_mode").fetchone()
            if mode and str(mode[0]).lower() != "wal":
                # A read-only file or medium stays in its mode; reads still work.
                with contextlib.suppress(sqlite3.OperationalError):
                    cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("ltc_write", True)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


# --- schema version -----------------------------------------------------------


class SchemaState(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    NEWER = "newer"
    FOREIGN = "foreign"  # tables, but not ours


def schema_state(engine: sa.Engine) -> tuple[SchemaState, str | None]:
    # A reading transaction: a read-only file must still open, and every command
    # checks the schema when it opens the database without queueing behind writers.
    with engine.execution_options(ltc_write=False).connect() as conn:
        try:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        except exc.DBAPIError as error:
            conn.rollback()
            if "alembic_version" not in str(error) and "no such table" not in str(error):
                raise
            tables = sa.inspect(conn).get_table_names()
            return (SchemaState.FOREIGN if tables else SchemaState.EMPTY), None
    version = row[0] if row else None
    if version == HEAD:
        return SchemaState.CURRENT, version
    if version in KNOWN_REVISIONS:
        return SchemaState.OLDER, version
    if version is None:
        return SchemaState.EMPTY, None
    return SchemaState.NEWER, version


def upgrade_schema(db: Database, *, backup: bool = True) -> str | None:
    """Bring the schema to HEAD (Alembic); on SQLite keep a copy first.

    Returns the path of the copy, if one was made."""
    from ltc_tui.migrations import run_upgrade

    copy = None
    state, version = schema_state(db.engine)
    if state is SchemaState.OLDER and backup and db.path is not None:
        stamp = clock.now().strftime("%Y%m%d%H%M%S")
        copy = str(db.path) + f".before-{HEAD}-{stamp}.bak"
        db.engine.dispose()
        shutil.copy2(db.path, copy)
        os.chmod(copy, 0o600)
    run_upgrade(db.engine)
    return copy


def open_database(
    url: str | None = None, *, create: bool = True, upgrade: bool = True
) -> Database:
    """Open (and if needed create or upgrade) the database at ``url``."""
    resolved = resolve_url(url)
    try:
        parsed = sa.make_url(resolved)
    except exc.ArgumentError as error:
        raise ValidationError("error.db.bad_url", url=display_url(resolved)) from error
    where = display_url(parsed)
    access = SqliteAccess.READ_WRITE
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.exists() and not create:
            raise StorageError("error.db.missing", where=where)
        if path.is_dir():
            raise StorageError("error.db.cannot_open", where=where)
        try:
            _prepare_sqlite_file(path)
        except OSError as error:
            raise StorageError("error.db.cannot_create", where=where, detail=error.strerror) from error
        access = sqlite_access(path)
    try:
        engine = make_engine(parsed, access=access)
    except ModuleNotFoundError as error:
        raise StorageError("error.db.driver_missing", where=where, module=error.name) from error
    db = Database(url=parsed, engine=engine, read_only=access is not SqliteAccess.READ_WRITE)
    try:
        with translate_errors(db):
            state, version = schema_state(engine)
            if state is SchemaState.CURRENT:
                return db
            if state is SchemaState.NEWER:
                raise StorageError("error.db.newer_schema", where=where, version=version)
            if state is SchemaState.FOREIGN:
                raise StorageError("error.db.foreign", where=where)
            if not upgrade and state is SchemaState.OLDER:
                raise StorageError("error.db.needs_upgrade", where=where, version=version)
            if db.read_only:
                raise StorageError("error.db.readonly_needs_write", where=where)
            upgrade_schema(db)
    except BaseException:
        db.dispose()  # no connection (nor -wal/-shm file) left behind by a refusal
        raise
    return db


# --- versioning and audit -----------------------------------------------------


def _audited(obj: Any) -> bool:
    return getattr(obj, "__tablename__", None) not in (None, "audit_event")


def _render(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _label(obj: Any) -> str | None:
    for name in ("title", "name", "number", "handle", "kind", "role", "key", "body", "pain"):
        value = getattr(obj, name, None)
        if value:
            return str(value)[:200]
    return None


# Records whose version this transaction already moved (or created): a save
# that flushes several times (an autoflush before a query) is still one step.
_STEPPED = "ltc_versions_stepped"


def _identity(obj: Any) -> Any:
    return sa.inspect(obj).mapper.identity_key_from_instance(obj)


@event.listens_for(LtcSession, "before_flush")
def _bump_versions(session: Session, _ctx: Any, _instances: Any) -> None:
    now = clock.now()
    stepped = session.info.setdefault(_STEPPED, set())
    for obj in session.dirty:
        if not hasattr(obj, "version") or not session.is_modified(obj):
            continue
        key = _identity(obj)
        if key not in stepped and not attributes.get_history(obj, "version").has_changes():
            obj.version = (obj.version or 0) + 1
        stepped.add(key)
        if hasattr(obj, "updated_at"):
            obj.updated_at = now


@event.listens_for(LtcSession, "after_flush")
def _created_count_as_a_step(session: Session, _ctx: Any) -> None:
    stepped = session.info.setdefault(_STEPPED, set())
    stepped.update(_identity(obj) for obj in session.new if hasattr(obj, "version"))


@event.listens_for(LtcSession, "after_transaction_end")
def _forget_steps(session: Session, transaction: Any) -> None:
    # The transaction ended (committed, rolled back or closed): the next one
    # steps again. A savepoint's end forgets too: after a rolled-back one the
    # row is back at its old version and must step again (one step too many
    # after a released savepoint is harmless; one too few would hide an edit).
    if transaction.parent is None or transaction.nested:
        session.info.pop(_STEPPED, None)


@event.listens_for(LtcSession, "after_rollback")
def _forget_steps_on_rollback(session: Session) -> None:
    session.info.pop(_STEPPED, None)


@event.listens_for(LtcSession, "after_flush")
def _write_audit(session: Session, _ctx: Any) -> None:
    from ltc_tui.models.audit import AuditEvent

    actor = session.info.get("actor_id")
    now = clock.now()
    rows: list[dict[str, Any]] = []

    def base(obj: Any, action: str) -> dict[str, Any]:
        mapper = sa.inspect(obj).mapper
        identity = mapper.primary_key_from_instance(obj)
        record_id = identity[0] if identity and isinstance(identity[0], int) else None
        return {
            "at": now,
            "actor_id": actor,
            "entity": obj.__tablename__,
            "record_id": record_id,
            "action": action,
            "field": None,
            "old": None,
            "new": None,
            "record_version": getattr(obj, "version", None),
        }

    for obj in session.new:
        if _audited(obj):
            row = base(obj, "create")
            row["new"] = _label(obj) or ", ".join(
                f"{c.key}={_render(getattr(obj, c.key))}"
                for c in sa.inspect(obj).mapper.primary_key
            )
            rows.append(row)
    for obj in session.dirty:
        if not _audited(obj) or not session.is_modified(obj):
            continue
        for attr in sa.inspect(obj).mapper.column_attrs:
            if attr.key in _UNAUDITED_FIELDS:
                continue
            history = attributes.get_history(obj, attr.key)
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _render(old) == _render(new):
                continue
            row = base(obj, "update")
            row.update(field=attr.key, old=_render(old), new=_render(new))
            rows.append(row)
    for obj in session.deleted:
        if _audited(obj):
            row = base(obj, "delete")
            row["old"] = _label(obj)
            rows.append(row)
    if rows:
        session.connection().execute(sa.insert(AuditEvent.__table__), rows)


def record_event(
    session: Session,
    *,
    entity: str,
    record_id: int | None,
    action: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    """An audit event that is not a column change (a claim, an import, a gate)."""
    from ltc_tui.models.audit import AuditEvent

    session.connection().execute(
        sa.insert(AuditEvent.__table__),
        [
            {
                "at": clock.now(),
                "actor_id": session.info.get("actor_id"),
                "entity": entity,
                "record_id": record_id,
                "action": action,
                "field": field,
                "old": _render(old),
                "new": _render(new),
                "record_version": None,
            }
        ],
    )
