"""Helpers for the safety tests: real processes (the worker, the `ltc` command),
and a picture of the whole database to compare before and after."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

HERE = Path(__file__).parent
WORKER = HERE / "safety_worker.py"
LTC = [str(Path(sys.executable).parent / "ltc")]  # the installed console script, as people run it


def worker(*args: Any, stdin: bool = False, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start the worker process; read its progress with ``proc.stdout.readline()``."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def ltc_run(*args: str, db: str | None = None, actor: str | None = None, env: dict[str, str] | None = None,
            prefix: list[str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `ltc` command in a subprocess."""
    argv = [*(prefix or []), *LTC]
    if db:
        argv += ["--db", db]
    if actor:
        argv += ["--as", actor]
    merged = dict(os.environ)
    merged.update(env or {})
    merged.setdefault("COLUMNS", "200")
    return subprocess.run([*argv, *args], capture_output=True, text=True, env=merged, timeout=timeout)


def read_until(proc: subprocess.Popen[str], prefix: str) -> str:
    """Read the worker's lines until one starts with ``prefix`` (fails if it ends first)."""
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        if not line:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"worker ended before {prefix!r}: {err}")
        if line.startswith(prefix):
            return line.strip()


def engine_for(url: str) -> sa.Engine:
    if "://" not in url:
        url = "sqlite:///" + str(Path(url).resolve())
    return sa.create_engine(url, poolclass=sa.pool.NullPool)


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: equal snapshots, equal databases."""
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            tables = sorted(sa.inspect(conn).get_table_names())
            return {
                t: sorted((tuple(r) for r in conn.execute(sa.text(f'SELECT * FROM "{t}"'))), key=repr)
                for t in tables
            }
    finally:
        engine.dispose()


def count(url: str, table: str, where: str = "") -> int:
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(f'SELECT count(*) FROM "{table}" {where}')).scalar_one()
    finally:
        engine.dispose()


def integrity(url: str) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check`` on SQLite; foreign keys on PostgreSQL."""
    if "://" not in url:
        with sqlite3.connect(url) as conn:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        return ([] if result == ["ok"] else result) + [f"fk {b}" for b in bad]
    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            unchecked = conn.execute(sa.text("SELECT conname FROM pg_constraint WHERE contype='f' AND NOT convalidated")).all()
            orphans = conn.execute(sa.text(
                "SELECT count(*) FROM lead l LEFT JOIN customer c ON c.id = l.customer_id WHERE c.id IS NULL"
            )).scalar_one()
        return [f"unvalidated {u}" for u in unchecked] + ([f"{orphans} orphan leads"] if orphans else [])
    finally:
        engine.dispose()


def one_line_error(stderr: str) -> bool:
    """What a user sees on a refusal: one line, no traceback."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    return len(lines) == 1 and "Traceback" not in stderr
