"""Shared fixtures: isolated directories, a fresh database per test on each
backend (SQLite, and PostgreSQL started by the tests themselves), a team.

Backends: ``LTC_TEST_BACKENDS`` (default ``sqlite,postgresql``). Tests that
take the ``db`` fixture run once per backend. PostgreSQL comes from a
throwaway cluster (initdb into a temp dir, a free port on 127.0.0.1,
stopped at the end); without its binaries the PostgreSQL runs are skipped,
except under ``CI=true`` where that is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PG_BIN_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]


def _backends() -> list[str]:
    raw = os.environ.get("LTC_TEST_BACKENDS", "sqlite,postgresql")
    return [b.strip() for b in raw.split(",") if b.strip()]


def pytest_report_header(config: Any) -> str:
    return f"ltc backends: {', '.join(_backends())}"


# --- which backends really ran (printed at the end; under CI=true, one that ran nothing fails the run) ---


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    callspec = getattr(item, "callspec", None)
    outcome.get_result().ltc_backend = callspec.params.get("backend") if callspec else None  # type: ignore[attr-defined]


def _backend_counts(stats: dict[str, list[Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {b: {} for b in _backends()}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in stats.get(outcome, []):
            backend = getattr(report, "ltc_backend", None)
            if backend is None or (outcome == "passed" and report.when != "call"):
                continue
            per = counts.setdefault(backend, {})
            per[outcome] = per.get(outcome, 0) + 1
    return counts


def _idle_backends(session: Any, stats: dict[str, list[Any]]) -> list[str]:
    """Backends that had tests selected but passed none."""
    selected = {getattr(getattr(item, "callspec", None), "params", {}).get("backend") for item in session.items}
    return [b for b, per in _backend_counts(stats).items() if b in selected and not per.get("passed")]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    counts = _backend_counts(terminalreporter.stats)
    parts = [
        f"{backend} " + (", ".join(f"{n} {k}" for k, n in sorted(per.items())) or "nothing run")
        for backend, per in counts.items()
    ]
    terminalreporter.write_line(f"ltc backends ran: {'; '.join(parts)}")
    idle = _idle_backends(terminalreporter._session, terminalreporter.stats)
    if os.environ.get("CI") == "true" and idle:
        terminalreporter.write_line(f"ltc backends: {', '.join(idle)} passed no test; under CI=true that fails the run")


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    ci = os.environ.get("CI") == "true"
    if ci and reporter is not None and exitstatus in (0, 1) and _idle_backends(session, reporter.stats):
        session.exitstatus = 1  # under CI every backend selected must really run


# --- isolation ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data and config dirs, English, and a running clock."""
    from ltc_tui import clock, i18n
    from ltc_tui.cli import common

    monkeypatch.setenv("LTC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LTC_CONFIG_DIR", str(tmp_path / "config"))
    for var in ("LTC_DB", "LTC_USER", "LTC_LANG", "LTC_TODAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    clock.freeze(None)
    common.reset_state()
    i18n.set_language("en")


# --- PostgreSQL ----------------------------------------------------------------------


def _pg_bin() -> Path | None:
    for candidate in PG_BIN_DIRS:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """A throwaway PostgreSQL cluster owned by the test session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="ltc-pg-"))
        self.datadir = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.user = "postgres"
        self.counter = 0

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.datadir), "-U", self.user, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self._run(
            "pg_ctl", "-D", str(self.datadir), "-l", str(self.root / "log"), "-w", "-t", "60",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        self.counter += 1
        name = f"ltc_test_{os.getpid()}_{self.counter}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL binaries not found: under CI=true the PostgreSQL tests must run")
        pytest.skip("PostgreSQL binaries not found")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("psycopg is not installed: under CI=true the PostgreSQL tests must run")
        pytest.skip("psycopg not installed")
    cluster = PgCluster(bindir)
    try:
        cluster.start()
    except (subprocess.CalledProcessError, OSError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        cluster.stop()
        if os.environ.get("CI") == "true":
            pytest.fail(f"could not start PostgreSQL: {detail}")
        pytest.skip(f"could not start PostgreSQL: {detail}")
    yield cluster
    cluster.stop()


# --- databases ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, copied for each test (migrating once is enough)."""
    from ltc_tui.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(str(path))
    db.dispose()  # the last connection to close folds the WAL into the file
    assert not Path(str(path) + "-wal").exists()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PgCluster) -> str:
    from ltc_tui.db import open_database

    url = pg_cluster.new_database()
    db = open_database(url)
    db.dispose()
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=_backends())
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database for this test, on the current backend."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "ltc.db"
        shutil.copy(template, path)
        os.chmod(path, 0o600)
        return str(path)
    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        template = request.getfixturevalue("pg_template")
        return _pg_fresh(cluster, template)
    raise ValueError(backend)


_pg_reusable: dict[str, str] = {}


def _pg_fresh(cluster: PgCluster, template: str) -> str:
    """An empty, migrated PostgreSQL database: the session's shared one emptied
    (TRUNCATE ... RESTART IDENTITY is ~10x quicker than CREATE DATABASE from a
    template), or a new copy of the template when emptying is not enough."""
    url = _pg_reusable.get("url")
    if url is not None and _pg_empty(cluster, url.rsplit("/", 1)[1]):
        return url
    url = cluster.new_database(template)
    _pg_reusable["url"] = url
    return url


def _pg_empty(cluster: PgCluster, name: str) -> bool:
    import psycopg

    from ltc_tui.migrations.revisions import HEAD

    try:
        with psycopg.connect(
            f"host=127.0.0.1 port={cluster.port} user={cluster.user} dbname={name}", autocommit=True
        ) as conn:
            conn.execute("SET lock_timeout = '5s'")
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if version is None or version[0] != HEAD:
                return False
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                )
            ]
            conn.execute("SET session_replication_role = replica")  # the audit guard stays out of the way
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        return True
    except psycopg.Error:
        return False


@pytest.fixture
def db(db_url: str) -> Iterator[Any]:
    from ltc_tui.db import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


class Team:
    """The people of a small team, by handle, and sessions acting as them."""

    def __init__(self, db: Any, ids: dict[str, int]) -> None:
        self.db = db
        self.ids = ids

    def __getitem__(self, handle: str) -> int:
        return self.ids[handle]

    @contextlib.contextmanager
    def act(self, handle: str | None, *, write: bool = True) -> Iterator[Any]:
        with self.db.session(actor_id=self.ids[handle] if handle else None, write=write) as session:
            yield session


TEAM = [
    ("ana", "Ana Chair", ["chair", "member", "manager"]),  # first: admin too
    ("li", "Li Wei", ["sr", "member"]),
    ("bo", "Bo Account", ["ar"]),
    ("fay", "Fay Fulfil", ["fr"]),
    ("sam", "Sam Staff", ["staff"]),
]


@pytest.fixture
def team(db: Any) -> Team:
    from ltc_tui.services.people import add_person

    ids = {}
    with db.session() as session:
        for handle, name, roles in TEAM:
            ids[handle] = add_person(session, handle=handle, name=name, roles=roles).id
    return Team(db, ids)


# --- the shell -----------------------------------------------------------------------------


class Shell:
    """Runs ``ltc`` commands in-process through Typer's runner, on one database."""

    def __init__(self, db_url: str) -> None:
        import functools

        import typer.main
        import typer.testing
        from typer.testing import CliRunner

        # Typer rebuilds the whole Click tree on every invoke (two thirds of a
        # command's time here); the tree does not change, so build it once.
        if not hasattr(typer.testing._get_command, "cache_info"):
            typer.testing._get_command = functools.lru_cache(maxsize=None)(typer.main.get_command)
        self.db_url = db_url
        self.runner = CliRunner()

    def __call__(self, *args: str, actor: str | None = "ana", input: str | None = None) -> Any:
        from ltc_tui.cli import app

        argv = ["--db", self.db_url]
        if actor:
            argv += ["--as", actor]
        result = self.runner.invoke(app, [*argv, *args], input=input, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


@pytest.fixture
def ltc(db_url: str, team: Team) -> Shell:
    return Shell(db_url)


def wait_until(predicate: Any, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False
