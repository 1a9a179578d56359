"""A few commands as a user runs them: a real process, the default database
in LTC_DATA_DIR, exit codes and what lands on stdout and stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path, sqlite_template):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sqlite_template, data / "ltc.db")  # already migrated: no Alembic run in each process
    return tmp_path


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTC_")}
    env |= {"LTC_DATA_DIR": str(home / "data"), "LTC_CONFIG_DIR": str(home / "config"), "LTC_LANG": "en",
            "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "ltc_tui", *args], capture_output=True, text=True, env=env,
                          cwd=home, timeout=120)


def clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr


def test_lead_add_prints_the_new_id(home):
    first = run(home, "person", "add", "ana", "Ana Chair", "--role", "chair")
    clean(first)
    assert first.returncode == 0, first.stderr
    result = run(home, "--as", "ana", "lead", "add", "CDMA450 rural coverage", "--customer", "Telmex", "--amount", "1.2M")
    clean(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Added lead #1 'CDMA450 rural coverage' (tier B); new customer 'Telmex' created.\n"
    assert result.stderr == ""


def test_a_bad_date_exits_2_with_one_line_on_stderr(home):
    run(home, "person", "add", "ana", "Ana Chair")
    result = run(home, "--as", "ana", "lead", "add", "Fibre", "--customer", "Acme", "--start", "2026-02-30")
    clean(result)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "start: '2026-02-30' is not a real calendar date.\n"


def test_a_corrupt_database_file_gets_a_clear_message(home):
    bad = home / "data" / "ltc.db"
    bad.write_bytes(os.urandom(8192))
    before = bad.read_bytes()
    result = run(home, "--as", "ana", "lead", "list")
    clean(result)
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"The database at {bad} is damaged or not an ltc database.")
    assert bad.read_bytes() == before  # untouched


def test_a_database_path_that_is_a_directory(home):
    result = run(home, "--db", str(home), "--as", "ana", "lead", "list")
    clean(result)
    assert result.returncode == 1
    assert result.stderr.startswith("Cannot open the database at") and len(result.stderr.splitlines()) == 1
