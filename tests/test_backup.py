"""`ltc db backup / restore / check`, and every kind of bad database file
(corrupt, truncated, read-only, newer schema, locked) met through the real
command: a clear one-line message and a way out, never a traceback, never
a partial write."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from safety_helpers import count, ltc_run, one_line_error, read_until, snapshot, worker

from ltc_tui.migrations.revisions import HEAD
from ltc_tui.services import leads

# --- helpers -------------------------------------------------------------------------------


def _add(team: Any, *titles: str) -> None:
    with team.act("li") as s:
        for title in titles:
            leads.add_lead(s, title=title, customer="Telmex")


def _titles(url: str) -> list[str]:
    return [row[-1] for row in sorted((r[0], r[1]) for r in _rows(url, "SELECT id, title FROM lead"))]


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    from safety_helpers import engine_for

    engine = engine_for(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(sql)]
    finally:
        engine.dispose()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


@pytest.fixture
def sqlite_db(db_url: str, backend: str) -> Path:
    if backend != "sqlite":
        pytest.skip("SQLite files")
    return Path(db_url)


def _quiet(team: Any, path: Path) -> None:
    """Close this process's connections, so the file on disk is the whole database
    (the last connection to close folds the WAL in) before a test damages or compares it."""
    team.db.dispose()
    wal = Path(str(path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


# --- backup and restore (SQLite) -------------------------------------------------------------


def test_backup_then_restore_brings_the_data_back(team, sqlite_db, tmp_path):
    _add(team, "Before the backup")
    copy = tmp_path / "backups" / "monday.db"
    copy.parent.mkdir()
    done = ltc_run("db", "backup", str(copy), db=str(sqlite_db))
    assert done.returncode == 0, done.stderr
    assert "Backed up" in done.stdout and str(copy) in done.stdout
    assert _mode(copy) == 0o600
    assert ltc_run("db", "check", db=str(copy)).returncode == 0  # the backup is itself a sound database
    assert _no_temp_files(copy.parent)

    _add(team, "After the backup")
    _quiet(team, sqlite_db)
    before = snapshot(str(sqlite_db))
    refused = ltc_run("db", "restore", str(copy), db=str(sqlite_db))
    assert refused.returncode == 1 and one_line_error(refused.stderr)
    assert "--force" in refused.stderr
    assert snapshot(str(sqlite_db)) == before

    restored = ltc_run("db", "restore", str(copy), "--force", db=str(sqlite_db))
    assert restored.returncode == 0, restored.stderr
    assert _titles(str(sqlite_db)) == ["Before the backup"]
    kept = [p for p in sqlite_db.parent.iterdir() if ".replaced-" in p.name]
    assert len(kept) == 1 and _mode(kept[0]) == 0o600
    assert "After the backup" in _titles(str(kept[0]))  # what was replaced is kept whole
    assert str(kept[0]) in restored.stdout
    assert ltc_run("db", "check", db=str(sqlite_db)).returncode == 0
    assert ltc_run("lead", "add", "Life goes on", "-c", "Telmex", db=str(sqlite_db), actor="li").returncode == 0


def test_backup_into_a_folder_makes_a_dated_file_and_never_overwrites(team, sqlite_db, tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir(mode=0o700)
    first = ltc_run("db", "backup", str(folder), db=str(sqlite_db), env={"LTC_TODAY": "2026-03-01"})
    assert first.returncode == 0, first.stderr
    made = list(folder.iterdir())
    assert len(made) == 1 and made[0].name.startswith("ltc-") and made[0].suffix == ".db"
    data = made[0].read_bytes()
    again = ltc_run("db", "backup", str(made[0]), db=str(sqlite_db))
    assert again.returncode == 1 and one_line_error(again.stderr) and "--force" in again.stderr
    assert made[0].read_bytes() == data
    forced = ltc_run("db", "backup", str(made[0]), "--force", db=str(sqlite_db))
    assert forced.returncode == 0 and _mode(made[0]) == 0o600


def test_backup_to_a_missing_or_unwritable_place_writes_nothing(team, sqlite_db, tmp_path):
    missing = ltc_run("db", "backup", str(tmp_path / "no" / "such" / "dir" / "x.db"), db=str(sqlite_db))
    assert missing.returncode == 2 and one_line_error(missing.stderr) and "does not exist" in missing.stderr
    same = ltc_run("db", "backup", str(sqlite_db), "--force", db=str(sqlite_db))
    assert same.returncode == 2 and one_line_error(same.stderr)


def test_backup_is_online_while_another_process_writes(team, sqlite_db, tmp_path):
    stop = tmp_path / "stop"
    writer = worker("write-until", str(sqlite_db), team["sam"], stop)
    try:
        read_until(writer, "added 20")
        copy = tmp_path / "online.db"
        done = ltc_run("db", "backup", str(copy), db=str(sqlite_db))
        assert done.returncode == 0, done.stderr
        read_until(writer, "added")  # the writer carried on during and after the backup
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    written = int(out.strip().split()[-1])
    in_backup = count(str(copy), "lead")
    assert 20 <= in_backup < written <= count(str(sqlite_db), "lead")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file


BAD_SOURCES = ["random", "truncated", "newer", "not-ltc", "pg-dump", "missing", "empty"]


def _bad_source(kind: str, good: Path, folder: Path) -> Path:
    path = folder / f"{kind}.db"
    if kind == "random":
        path.write_bytes(os.urandom(64 * 1024))
    elif kind == "truncated":
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "newer":
        shutil.copy(good, path)
        _sql(path, "UPDATE alembic_version SET version_num = '9999'")
    elif kind == "not-ltc":
        _sql(path, "CREATE TABLE recipes (name TEXT)")
    elif kind == "pg-dump":
        path.write_bytes(b"PGDMP\x01\x0e\x00" + os.urandom(100))
    elif kind == "empty":
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize("kind", BAD_SOURCES)
def test_restore_refuses_a_bad_backup_and_touches_nothing(team, sqlite_db, tmp_path, kind):
    _add(team, "Precious lead")
    good = tmp_path / "good.db"
    assert ltc_run("db", "backup", str(good), db=str(sqlite_db)).returncode == 0
    folder = tmp_path / "sources"
    folder.mkdir()
    source = _bad_source(kind, good, folder)
    _quiet(team, sqlite_db)
    before = sqlite_db.read_bytes()
    listing = sorted(p.name for p in sqlite_db.parent.iterdir())

    result = ltc_run("db", "restore", str(source), "--force", db=str(sqlite_db))
    assert result.returncode in (1, 2), result.stdout
    assert one_line_error(result.stderr), result.stderr
    expected = {
        "random": "not an ltc database", "truncated": "damaged", "newer": "newer ltc", "not-ltc": "not an ltc database",
        "pg-dump": "PostgreSQL backup", "missing": "no backup file", "empty": "not an ltc database",
    }[kind]
    assert expected in result.stderr
    assert sqlite_db.read_bytes() == before
    assert sorted(p.name for p in sqlite_db.parent.iterdir()) == listing  # no copy, no temp file
    assert _titles(str(sqlite_db)) == ["Precious lead"]


def test_restore_over_a_damaged_file_keeps_its_bytes(team, sqlite_db, tmp_path):
    _add(team, "In the backup")
    good = tmp_path / "good.db"
    assert ltc_run("db", "backup", str(good), db=str(sqlite_db)).returncode == 0
    _quiet(team, sqlite_db)
    garbage = os.urandom(100_000)
    sqlite_db.write_bytes(garbage)
    broken = ltc_run("lead", "list", db=str(sqlite_db), actor="li")
    assert broken.returncode == 1 and one_line_error(broken.stderr) and "ltc db restore" in broken.stderr
    restored = ltc_run("db", "restore", str(good), "--force", db=str(sqlite_db))
    assert restored.returncode == 0, restored.stderr
    assert _titles(str(sqlite_db)) == ["In the backup"]
    kept = next(p for p in sqlite_db.parent.iterdir() if ".replaced-" in p.name)
    assert kept.read_bytes() == garbage
    assert _mode(kept) == 0o600


def test_restore_onto_a_new_machine_needs_no_force(team, sqlite_db, tmp_path):
    _add(team, "Travelling lead")
    good = tmp_path / "good.db"
    assert ltc_run("db", "backup", str(good), db=str(sqlite_db)).returncode == 0
    fresh = tmp_path / "new-laptop" / "ltc.db"
    done = ltc_run("db", "restore", str(good), db=str(fresh))
    assert done.returncode == 0, done.stderr
    assert _titles(str(fresh)) == ["Travelling lead"]
    assert _mode(fresh) == 0o600 and _mode(fresh.parent) == 0o700


def test_restoring_an_older_backup_brings_it_up_to_date(team, sqlite_db, tmp_path):
    """A backup made by the first release (schema 0001) is upgraded on the way in."""
    old = Path(__file__).parent / "data" / "schema_0001.db"
    copy = tmp_path / "first-release.db"
    shutil.copy(old, copy)
    before = copy.read_bytes()
    done = ltc_run("db", "restore", str(copy), "--force", db=str(sqlite_db))
    assert done.returncode == 0, done.stderr
    assert f"upgraded to {HEAD}" in done.stdout
    assert copy.read_bytes() == before  # the backup itself is never touched
    assert _titles(str(sqlite_db))[0] == "CDMA450 rural coverage"
    check = ltc_run("db", "check", "--json", db=str(sqlite_db))
    assert check.returncode == 0 and f'"schema": "{HEAD}"' in check.stdout


# --- ltc db check ---------------------------------------------------------------------------


def test_check_passes_on_a_sound_database(team, db_url):
    _add(team, "Sound")
    result = ltc_run("db", "check", "--json", db=db_url)
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout)
    assert report["ok"] and report["schema"] == HEAD and report["counts"]["lead"] == 1
    assert {c["name"] for c in report["checks"]} >= {"integrity", "foreign_keys", "schema", "audit_append_only"}


@pytest.mark.parametrize("damage", ["orphan", "audit-guard-dropped", "newer", "random", "truncated"])
def test_check_says_what_is_wrong_and_exits_1(team, sqlite_db, damage):
    _add(team, "Soon damaged")
    _quiet(team, sqlite_db)
    if damage in ("random", "truncated"):
        data = sqlite_db.read_bytes()
        sqlite_db.write_bytes(os.urandom(50_000) if damage == "random" else data[: len(data) // 2])
    elif damage == "orphan":
        _sql(sqlite_db, "PRAGMA foreign_keys = OFF", "UPDATE lead SET owner_id = 9999")
    elif damage == "audit-guard-dropped":
        _sql(sqlite_db, "DROP TRIGGER audit_event_no_delete")
    else:
        _sql(sqlite_db, "UPDATE alembic_version SET version_num = '9999'")
    before = sqlite_db.read_bytes()
    result = ltc_run("db", "check", db=str(sqlite_db))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "FAILED" in result.stdout
    assert "ltc db restore" in result.stderr  # the way out
    assert sqlite_db.read_bytes() == before
    word = {"orphan": "lead", "audit-guard-dropped": "audit_event_no_delete", "newer": "newer ltc",
            "random": "not SQLite", "truncated": "malformed"}[damage]
    assert word in result.stdout


def test_check_of_a_missing_file_does_not_create_it(tmp_path):
    path = tmp_path / "nothing.db"
    result = ltc_run("db", "check", db=str(path))
    assert result.returncode == 1 and one_line_error(result.stderr) and "ltc db init" in result.stderr
    assert not path.exists()


# --- bad files met by everyday commands --------------------------------------------------------


def _drop_privileges() -> list[str] | None:
    """As root, file modes do not stop writes: run the command without the
    capability that overrides them (setpriv), so read-only means read-only."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


COMMANDS = {
    "read": ("lead", "list"),
    "write": ("lead", "add", "Should not land", "-c", "Nowhere"),
    "check": ("db", "check"),
    "backup": ("db", "backup", "{backup}"),
}

# state -> command -> (exit code, words in the message); exit 0 means it must just work
EXPECTED: dict[str, dict[str, tuple[int, str]]] = {
    "corrupt": {"read": (1, "damaged"), "write": (1, "damaged"), "check": (1, "not SQLite"), "backup": (1, "not an ltc database")},
    "truncated": {"read": (1, "damaged"), "write": (1, "damaged"), "check": (1, "malformed"), "backup": (1, "damaged")},
    "newer": {"read": (1, "newer ltc"), "write": (1, "newer ltc"), "check": (1, "newer ltc"), "backup": (0, "")},
    "readonly-file": {"read": (0, ""), "write": (1, "read-only"), "check": (0, ""), "backup": (0, "")},
    "readonly-dir": {"read": (0, ""), "write": (1, "read-only"), "check": (0, ""), "backup": (0, "")},
    "locked": {"read": (1, "busy"), "write": (1, "busy"), "check": (1, "busy"), "backup": (1, "busy")},
    "writer-busy": {"read": (0, ""), "write": (1, "busy"), "check": (0, ""), "backup": (0, "")},
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("state", EXPECTED)
def test_a_bad_database_file_gives_a_clear_message(team, sqlite_db, tmp_path, state, command):
    _add(team, "Existing lead")
    _quiet(team, sqlite_db)
    prefix: list[str] = []
    holder = None
    env = {"LTC_BUSY_TIMEOUT_MS": "300"}
    backups = tmp_path / "backups"
    backups.mkdir()
    folder = sqlite_db.parent
    if state == "corrupt":
        sqlite_db.write_bytes(os.urandom(300_000))
    elif state == "truncated":
        data = sqlite_db.read_bytes()
        sqlite_db.write_bytes(data[: len(data) // 2])
    elif state == "newer":
        _sql(sqlite_db, "UPDATE alembic_version SET version_num = '9999'")
    elif state.startswith("readonly"):
        dropped = _drop_privileges()
        if dropped is None:
            pytest.skip("running as root without setpriv: cannot make a file read-only")
        prefix = dropped
        if state == "readonly-file":
            sqlite_db.chmod(0o400)
        else:
            folder.chmod(0o500)
    elif state in ("locked", "writer-busy"):
        holder = worker("hold-lock", sqlite_db, "exclusive" if state == "locked" else "immediate", stdin=True)
        read_until(holder, "locked")
    before = sqlite_db.read_bytes()
    try:
        argv = [a.replace("{backup}", str(backups / "copy.db")) for a in COMMANDS[command]]
        result = ltc_run(*argv, db=str(sqlite_db), actor="li", env=env, prefix=prefix)
    finally:
        if holder is not None:
            holder.communicate("", timeout=60)
        folder.chmod(0o700)
        if sqlite_db.exists():
            sqlite_db.chmod(0o600)
    code, words = EXPECTED[state][command]
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == code, output
    if code:
        assert words in (output if command == "check" else result.stderr), output
        assert len([ln for ln in result.stderr.splitlines() if ln.strip()]) == 1, result.stderr
    if command == "read" and code == 0:
        assert "Existing lead" in result.stdout
    if command == "backup" and code == 0:
        assert _mode(backups / "copy.db") == 0o600
    if command == "backup" and code:
        assert list(backups.iterdir()) == []  # no partial backup
    assert sqlite_db.read_bytes() == before  # never a partial write
    if state in ("corrupt", "truncated", "newer", "readonly-file", "readonly-dir"):
        assert not (tmp_path / "data" / "crash.log").exists()


def test_a_bad_busy_timeout_setting_is_a_usage_error(team, sqlite_db):
    result = ltc_run("lead", "list", db=str(sqlite_db), actor="li", env={"LTC_BUSY_TIMEOUT_MS": "soon"})
    assert result.returncode == 2 and one_line_error(result.stderr) and "LTC_BUSY_TIMEOUT_MS" in result.stderr


# --- PostgreSQL: pg_dump / pg_restore ---------------------------------------------------------------


@pytest.fixture
def pg_url(db_url: str, backend: str) -> str:
    if backend != "postgresql":
        pytest.skip("PostgreSQL")
    return db_url


def test_postgresql_backup_and_restore(team, pg_url, pg_cluster, tmp_path):
    _add(team, "Server lead")
    dump = tmp_path / "team.dump"
    done = ltc_run("db", "backup", str(dump), db=pg_url)
    assert done.returncode == 0, done.stderr
    assert _mode(dump) == 0o600 and dump.read_bytes().startswith(b"PGDMP")

    _add(team, "Added later")
    refused = ltc_run("db", "restore", str(dump), db=pg_url)
    assert refused.returncode == 1 and one_line_error(refused.stderr) and "--force" in refused.stderr
    assert _titles(pg_url) == ["Server lead", "Added later"]

    restored = ltc_run("db", "restore", str(dump), "--force", db=pg_url)
    assert restored.returncode == 0, restored.stderr
    assert _titles(pg_url) == ["Server lead"]
    kept = list((tmp_path / "data" / "replaced").iterdir())
    assert len(kept) == 1 and _mode(kept[0]) == 0o600 and _mode(kept[0].parent) == 0o700
    assert ltc_run("db", "check", db=pg_url).returncode == 0
    # The audit trail is still append-only after the restore.
    import sqlalchemy as sa
    from safety_helpers import engine_for

    engine = engine_for(pg_url)
    with pytest.raises(sa.exc.DBAPIError), engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_event")
    engine.dispose()
    # Restoring into an empty database (a new server) needs no --force.
    empty = pg_cluster.new_database()
    fresh = ltc_run("db", "restore", str(dump), db=empty)
    assert fresh.returncode == 0, fresh.stderr
    assert _titles(empty) == ["Server lead"]
    assert ltc_run("lead", "add", "On the new server", "-c", "Telmex", db=empty, actor="li").returncode == 0


def test_postgresql_refuses_a_sqlite_file_and_junk(team, pg_url, tmp_path, sqlite_template):
    _add(team, "Stays")
    junk = tmp_path / "junk.dump"
    junk.write_bytes(os.urandom(1000))
    for source, words in ((sqlite_template, "SQLite database"), (junk, "not a PostgreSQL backup")):
        result = ltc_run("db", "restore", str(source), "--force", db=pg_url)
        assert result.returncode == 1 and one_line_error(result.stderr) and words in result.stderr
    assert _titles(pg_url) == ["Stays"]


def test_without_pg_dump_the_message_says_what_to_do(team, pg_url, tmp_path):
    empty = tmp_path / "no-tools"
    empty.mkdir()
    result = ltc_run("db", "backup", str(tmp_path / "x.dump"), db=pg_url, env={"LTC_PG_BIN": str(empty)})
    assert result.returncode == 1 and one_line_error(result.stderr)
    assert "pg_dump was not found" in result.stderr and "postgresql-client" in result.stderr
    assert not (tmp_path / "x.dump").exists()


def test_postgresql_check_names_a_dropped_truncate_guard(team, pg_url):
    _add(team, "Guarded")
    assert ltc_run("db", "check", db=pg_url).returncode == 0
    from safety_helpers import engine_for

    engine = engine_for(pg_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER audit_event_no_truncate ON audit_event")
        result = ltc_run("db", "check", db=pg_url)
        assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
        assert "FAILED" in result.stdout and "audit_event_no_truncate" in result.stdout
    finally:
        with engine.begin() as conn:  # put the guard back for the tests after this one
            conn.exec_driver_sql(
                "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
                "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
            )
        engine.dispose()
