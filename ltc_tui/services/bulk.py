"""Many rows at once, in the caller's transaction: ids reserved up front, rows
sent with the driver's ``executemany`` in chunks.

The ORM costs about 50 µs per object before it writes anything (see
``perf-baselines.md`` section 3); an import of 100,000 rows goes through
here instead. On SQLite the rows are converted with SQLAlchemy's own bind
processors (so dates and aware UTC datetimes are stored exactly as the ORM
stores them) and handed to ``sqlite3`` directly; elsewhere they go through
a Core ``insert`` (PostgreSQL batches them itself).

On SQLite the rows go first into a TEMP table (no index, no trigger, no
constraint) and then into theirs with one ``INSERT ... SELECT``: executemany
straight into ``lead`` runs one statement per row, and with the table's
indexes and search triggers each statement keeps its own statement journal
(~1 ms a row here; 3,000 leads 3.2 s, staged 0.9 s). Triggers still fire and
constraints are still checked, for every row.

Rows written here bypass the session's audit hook: the caller records one
summary event (``db.record_event``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa

CHUNK = 2_000
# SQLite's page cache while a bulk write runs (KiB): with the default 2 MiB a
# large transaction spills index pages to the WAL again and again.
BULK_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def roomy_cache(conn: sa.Connection) -> Iterator[None]:
    """A large page cache for the duration of a bulk write (SQLite); the
    connection's own setting is restored afterwards (it returns to the pool)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def reserve_ids(conn: sa.Connection, table: sa.Table, count: int) -> list[int]:
    """``count`` fresh primary keys for ``table``, taken inside this transaction.

    SQLite: the writer holds the database lock from BEGIN IMMEDIATE, so the
    ids after the current maximum are ours. PostgreSQL: drawn from the
    column's sequence, so concurrent writers never collide."""
    if count <= 0:
        return []
    if conn.dialect.name == "sqlite":
        top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()
        return list(range(int(top) + 1, int(top) + 1 + count))
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": table.name, "n": count},
        ).scalars()
        return [int(r) for r in rows]
    top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)).with_for_update()).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + count))


def insert_rows(
    conn: sa.Connection,
    table: sa.Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert ``rows`` (tuples of Python values, in ``columns`` order); returns the count."""
    if not rows:
        return 0
    if conn.dialect.name == "sqlite":
        processors = [table.c[name].type._cached_bind_processor(conn.dialect) for name in columns]
        active = [(i, p) for i, p in enumerate(processors) if p is not None]
        names = ", ".join(conn.dialect.identifier_preparer.quote(name) for name in columns)
        target = conn.dialect.identifier_preparer.format_table(table)
        stage = f"temp._ltc_stage_{table.name}"
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {stage}")
        conn.exec_driver_sql(f"CREATE TEMP TABLE {stage.split('.')[1]} AS SELECT {names} FROM {target} WHERE 0")
        sql = f"INSERT INTO {stage} ({names}) VALUES ({', '.join('?' for _ in columns)})"

        # Dates repeat (and every row of an import shares its timestamps): each
        # distinct value is converted once.
        caches: list[dict[Any, Any]] = [{} for _ in active]

        def send(part: Sequence[Sequence[Any]]) -> None:
            if active:
                converted = []
                for row in part:
                    values = list(row)
                    for (index, process), cache in zip(active, caches, strict=True):
                        value = values[index]
                        if value is not None:
                            try:
                                values[index] = cache[value]
                            except KeyError:
                                values[index] = cache[value] = process(value)
                    converted.append(tuple(values))
                part = converted
            _execute_chunk(conn, sql, part)

    else:
        statement = sa.insert(table)

        def send(part: Sequence[Sequence[Any]]) -> None:
            _execute_chunk(conn, statement, [dict(zip(columns, row, strict=True)) for row in part])

    done = 0
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        send(part)
        done += len(part)
        if progress is not None:
            progress(done)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"INSERT INTO {target} ({names}) SELECT {names} FROM {stage} ORDER BY rowid")
        conn.exec_driver_sql(f"DROP TABLE {stage}")
    return done


def _execute_chunk(conn: sa.Connection, statement: Any, params: Any) -> None:
    if isinstance(statement, str):
        conn.exec_driver_sql(statement, params)
    else:
        conn.execute(statement, params)
