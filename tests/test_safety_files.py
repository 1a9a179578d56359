"""Sales data is the company's most sensitive list: every file ltc makes is
readable by its owner only (database, its WAL files, backups, crash.log,
preferences) and the data folder is the owner's alone, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from safety_helpers import LTC


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _ltc(*args: str, data: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LTC_DATA_DIR=str(data), LTC_CONFIG_DIR=str(config))
    env.pop("LTC_DB", None)
    # The most careless umask there is: nothing may rely on it.
    return subprocess.run([*LTC, *args], capture_output=True, text=True, env=env, preexec_fn=lambda: os.umask(0))


def test_every_file_is_owner_only_even_with_umask_0(tmp_path):
    data, config = tmp_path / "share" / "ltc-tui", tmp_path / "config" / "ltc-tui"
    assert _ltc("person", "add", "ana", "Ana", data=data, config=config).returncode == 0
    assert _ltc("person", "me", "ana", data=data, config=config).returncode == 0
    assert _ltc("lead", "add", "Private lead", "-c", "Telmex", data=data, config=config).returncode == 0

    db = data / "ltc.db"
    assert _mode(data) == 0o700
    assert _mode(db) == 0o600
    assert _mode(config / "prefs.json") == 0o600

    backups = tmp_path / "backups"
    backups.mkdir(mode=0o755)
    done = _ltc("db", "backup", str(backups / "b.db"), data=data, config=config)
    assert done.returncode == 0, done.stderr
    assert _mode(backups / "b.db") == 0o600
    assert _ltc("db", "restore", str(backups / "b.db"), "--force", data=data, config=config).returncode == 0
    kept = [p for p in data.iterdir() if ".replaced-" in p.name]
    assert kept and all(_mode(p) == 0o600 for p in kept)
    for leftover in data.iterdir():  # -wal, -shm and anything else made beside the database
        assert _mode(leftover) & 0o077 == 0, leftover


def test_the_wal_files_of_an_open_database_are_owner_only(db, backend, team):
    if backend != "sqlite":
        return
    from ltc_tui.services import leads

    with team.act("li") as s:  # the session is open: the WAL and its index exist now
        leads.add_lead(s, title="Open", customer="Telmex")
        path = Path(str(db.path))
        for side in ("-wal", "-shm"):
            assert _mode(Path(str(path) + side)) == 0o600


def test_crash_log_is_owner_only(tmp_path):
    data = tmp_path / "data"
    script = (
        "from ltc_tui.cli import common\n"
        "common._crash_log(RuntimeError('boom'))\n"
    )
    env = dict(os.environ, LTC_DATA_DIR=str(data))
    subprocess.run([str(Path(LTC[0]).with_name("python")), "-c", script], check=True, env=env,
                   preexec_fn=lambda: os.umask(0))
    assert _mode(data) == 0o700
    assert _mode(data / "crash.log") == 0o600
