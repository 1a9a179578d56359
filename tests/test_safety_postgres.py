"""Team mode: every command runs the same on SQLite and on a PostgreSQL server,
`ltc db init` prepares an empty server, and a database URL's password never
shows: not in output, not in error messages, not in crash.log."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

from safety_helpers import ltc_run, one_line_error

from ltc_tui.migrations.revisions import HEAD

PASSWORD = "S3cr3t-Pa55w0rd"

# A working day from the shell: every group and most verbs. (args, acting person)
TOUR: list[tuple[tuple[str, ...], str]] = [
    (("person", "list"), "ana"),
    (("person", "show", "li"), "ana"),
    (("person", "roles", "sam", "--add", "member"), "ana"),
    (("customer", "add", "Telmex", "--standing", "key", "--industry", "telecom"), "ana"),
    (("customer", "list"), "li"),
    (("customer", "edit", "Telmex", "--region", "MX"), "li"),
    (("customer", "budget", "Telmex", "--known", "--amount", "3M"), "bo"),
    (("customer", "show", "Telmex"), "li"),
    (("contact", "add", "Telmex", "Rosa Diaz", "--email", "rosa@telmex.mx", "--role", "decision_maker"), "li"),
    (("contact", "add", "Telmex", "Juan Ruiz", "--email", "juan@telmex.mx", "--level", "executive"), "li"),
    (("contact", "list"), "li"),
    (("contact", "show", "1"), "li"),
    (("contact", "edit", "1", "--title", "CTO"), "li"),
    (("lead", "add", "CDMA450 rural coverage", "-c", "Telmex", "--contact", "rosa@telmex.mx", "-a", "2M", "-s", "sales_visit"), "sam"),
    (("lead", "add", "Core network refresh", "-c", "Telmex", "-a", "800k"), "sam"),
    (("lead", "add", "Fibre backbone", "-c", "Claro", "-a", "5M"), "li"),
    (("lead", "list"), "li"),
    (("lead", "list", "status:submitted", "--sort", "id", "--json"), "li"),
    (("lead", "show", "1"), "li"),
    (("lead", "edit", "1", "--need", "Coverage for 300 villages", "--start", "+3m"), "li"),
    (("lead", "tier", "2", "A", "--reason", "Strategic account"), "ana"),
    (("lead", "note", "1", "Met the CTO"), "li"),
    (("lead", "verify", "1", "--need-real", "--fits", "--urgent", "--procurement", "--funds", "--relationship", "2",
      "--fit", "3", "--maturity", "2", "--team", "--contact", "1", "--contact", "2"), "bo"),
    (("lead", "verify", "2", "--need-real", "--fits", "--not-urgent", "--no-procurement", "--no-funds", "--relationship", "1",
      "--fit", "2", "--maturity", "2", "--team"), "bo"),
    (("lead", "verify", "3", "--need-real", "--fits", "--urgent", "--procurement", "--no-funds", "--relationship", "1",
      "--fit", "1", "--maturity", "1", "--no-team"), "sam"),
    (("meeting", "queue"), "ana"),
    (("meeting", "start", "--attendee", "li", "--attendee", "bo"), "ana"),
    (("meeting", "list"), "ana"),
    (("lead", "decide", "1", "nurture", "--sr", "li", "--ar", "bo", "--fr", "fay", "--review", "+14d"), "ana"),
    (("lead", "decide", "2", "convert", "--budget", "900k", "--start", "+1m", "--ar", "bo", "--sr", "li", "--fr", "fay"), "ana"),
    (("lead", "decide", "3", "close", "--reason", "No budget this year"), "ana"),
    (("meeting", "undo", "1"), "ana"),
    (("lead", "decide", "3", "defer"), "ana"),
    (("meeting", "minutes", "1"), "ana"),
    (("meeting", "close", "1", "--notes", "Good session"), "ana"),
    (("lead", "step", "show", "1"), "li"),
    (("lead", "step", "pain", "1", "--role", "COO", "--pain", "Churn in rural areas", "--kpi", "ARPU"), "li"),
    (("lead", "step", "kdm", "1", "1", "--interested"), "li"),
    (("lead", "step", "competitor", "1", "Huawei", "--standing", "strong", "--strategy", "Lock on TCO", "--locked"), "li"),
    (("lead", "step", "done", "1", "1"), "li"),
    (("lead", "step", "notes", "1", "5", "A network that pays for itself"), "li"),
    (("opp", "list"), "bo"),
    (("opp", "show", "1"), "bo"),
    (("opp", "edit", "1", "--amount", "950k", "--strengths", "Local team"), "bo"),
    (("opp", "cover", "1", "2", "--by", "bo"), "bo"),
    (("opp", "gate", "1", "initiation", "--approver", "ana"), "ana"),
    (("opp", "stage", "1", "initiation"), "bo"),
    (("opp", "pipeline",), "ana"),
    (("opp", "add", "Tender: metro Wi-Fi", "-c", "Claro", "--amount", "1.5M"), "bo"),
    (("opp", "lost", "2", "--reason", "Price"), "bo"),
    (("contract", "add", "-c", "Telmex", "--title", "Backhaul upgrade", "--value", "1.2M", "--signed", "2020-01-10", "--fr", "fay"), "fay"),
    (("contract", "list"), "fay"),
    (("contract", "milestone", "1", "Design approved", "--planned", "2020-02-01"), "fay"),
    (("contract", "invoice", "1", "INV-1", "--amount", "600k", "--issued", "2020-02-05", "--due", "2020-03-05"), "fay"),
    (("contract", "pay", "1", "--amount", "600k", "--due", "2020-03-05", "--invoice", "INV-1"), "fay"),
    (("contract", "receive", "1", "--date", "2020-03-01"), "bo"),
    (("contract", "dispute", "1", "Late delivery claim"), "fay"),
    (("contract", "dispute", "1", "--resolve", "1", "--resolution", "Credit note"), "fay"),
    (("contract", "show", "1"), "fay"),
    (("visit", "add", "Telmex", "--kind", "routine", "--met", "1", "--objective", "Intro", "--lead", "1"), "li"),
    (("visit", "list"), "li"),
    (("visit", "week"), "ana"),
    (("config",), "li"),
    (("config", "stale_days", "21"), "ana"),
    (("audit", "--limit", "20"), "ana"),
    (("audit", "--record", "lead:1"), "ana"),
    (("db", "info"), "ana"),
    (("db", "check"), "ana"),
]


def test_every_command_runs_on_this_backend(ltc, backend):
    """The same commands, the same results, on SQLite and on PostgreSQL."""
    for args, actor in TOUR:
        result = ltc(*args, actor=actor)
        assert result.exit_code == 0, f"{backend}: ltc {' '.join(args)} -> {result.exit_code}: {result.output}"
    shown = ltc("lead", "show", "1", actor="li")
    assert "nurturing" in shown.output and "li" in shown.output
    listed = json.loads(ltc("lead", "list", "--json", "--sort", "id", "--asc", actor="li").output)
    assert [(r["id"], r["status"]) for r in listed] == [(1, "nurturing"), (2, "converted"), (3, "verified")]


def test_db_init_prepares_an_empty_server(pg_cluster):
    """`ltc db init` on an empty PostgreSQL database, then the team starts working (real processes)."""
    import sqlalchemy as sa

    from ltc_tui.models import load_all

    url = pg_cluster.new_database()
    init = ltc_run("db", "init", db=url)
    assert init.returncode == 0, init.stderr
    assert "Database ready" in init.stdout
    again = ltc_run("db", "init", db=url)
    assert again.returncode == 0  # running it twice is harmless
    engine = sa.create_engine(url)
    assert set(load_all().tables) <= set(sa.inspect(engine).get_table_names())
    engine.dispose()
    for args, actor in [
        (("person", "add", "ana", "Ana Chair", "--role", "chair"), None),
        (("person", "add", "li", "Li Wei", "--role", "sr"), "ana"),
        (("lead", "add", "Shared lead", "-c", "Telmex", "-a", "1M"), "li"),
        (("lead", "edit", "1", "--need", "Seen by the whole team"), "ana"),
    ]:
        done = ltc_run(*args, db=url, actor=actor)
        assert done.returncode == 0, done.stderr
    info = json.loads(ltc_run("db", "info", "--json", db=url).stdout)
    assert info["schema"] == HEAD and info["counts"]["lead"] == 1 and info["counts"]["person"] == 2
    history = ltc_run("audit", "--record", "lead:1", "--json", db=url, actor="li")
    assert {e["actor"] for e in json.loads(history.stdout)} == {"li", "ana"}


def test_ltc_db_from_the_environment(pg_cluster):
    url = pg_cluster.new_database()
    assert ltc_run("db", "init", env={"LTC_DB": url}).returncode == 0
    assert ltc_run("person", "add", "ana", "Ana", env={"LTC_DB": url}).returncode == 0
    listed = ltc_run("person", "list", "--json", env={"LTC_DB": url})
    assert [p["handle"] for p in json.loads(listed.stdout)] == ["ana"]


# --- passwords ----------------------------------------------------------------------------------


def _with_password(url: str, password: str = PASSWORD) -> str:
    return re.sub(r"://([^@/]+)@", lambda m: f"://{m.group(1)}:{password}@", url, count=1)


def test_a_password_in_the_url_never_shows(pg_cluster, tmp_path):
    """The test server trusts local connections, so any password is accepted; it must
    still never appear in what ltc prints, in its messages or its files."""
    url = _with_password(pg_cluster.new_database())
    outputs = []
    for args, actor in [
        (("db", "init"), None),
        (("person", "add", "ana", "Ana"), None),
        (("db", "info"), "ana"),
        (("db", "info", "--json"), "ana"),
        (("db", "check"), "ana"),
        (("db", "backup", str(tmp_path / "team.dump")), "ana"),
        (("lead", "add", "Quiet lead", "-c", "Acme"), "ana"),
        (("lead", "show", "999"), "ana"),  # an error message
        (("audit",), "ana"),
    ]:
        done = ltc_run(*args, db=url, actor=actor)
        outputs.append(done.stdout + done.stderr)
    joined = "\n".join(outputs)
    assert PASSWORD not in joined
    assert "postgresql+psycopg://postgres:***@127.0.0.1" in joined  # shown, masked
    # ... nor when the URL comes from the environment
    from_env = ltc_run("db", "info", actor="ana", env={"LTC_DB": url})
    assert from_env.returncode == 0 and PASSWORD not in from_env.stdout + from_env.stderr


def test_a_password_never_shows_when_the_server_cannot_be_reached(tmp_path):
    url = f"postgresql+psycopg://ana:{PASSWORD}@127.0.0.1:1/ltc"
    for args in (("lead", "list"), ("db", "init"), ("db", "check"), ("db", "backup", str(tmp_path / "x.dump"))):
        done = ltc_run(*args, db=url, actor="ana", env={"PGCONNECT_TIMEOUT": "3"})
        assert done.returncode == 1, done.stdout
        assert one_line_error(done.stderr), done.stderr
        assert "Cannot reach the database" in done.stderr or "failed" in done.stderr
        assert PASSWORD not in done.stdout + done.stderr
    assert not (tmp_path / "x.dump").exists()


def test_a_crash_log_never_holds_the_password(tmp_path):
    """An unexpected error writes crash.log: owner-only, password masked (in the
    command line and in the traceback)."""
    url = f"postgresql+psycopg://ana:{PASSWORD}@127.0.0.1:1/ltc"
    script = (
        "import sys\n"
        "from ltc_tui import cli\n"
        "from ltc_tui.cli import common\n"
        "def boom(*a, **k):\n"
        f"    raise RuntimeError('failed talking to {url} (password={PASSWORD})')\n"
        "common.open_db = boom\n"
        "sys.argv = ['ltc', '--db', sys.argv[1], '--as', 'ana', 'lead', 'list']\n"
        "cli.main()\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", script, url], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and one_line_error(done.stderr)
    assert "internal error" in done.stderr and PASSWORD not in done.stderr
    log = Path(os.environ["LTC_DATA_DIR"]) / "crash.log"
    text = log.read_text()
    assert "RuntimeError" in text and PASSWORD not in text
    assert "ana:***@127.0.0.1" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_redact_masks_every_form():
    from ltc_tui.redact import redact

    cases: dict[str, Any] = {
        f"postgresql+psycopg://ana:{PASSWORD}@db.example.com:5432/ltc": "postgresql+psycopg://ana:***@db.example.com:5432/ltc",
        f"host=db user=ana password={PASSWORD} dbname=ltc": "host=db user=ana password=*** dbname=ltc",
        f"postgresql://ana:{PASSWORD}@h/db?sslmode=require&password={PASSWORD}": "postgresql://ana:***@h/db?sslmode=require&password=***",
        "postgresql://ana@h/db": "postgresql://ana@h/db",
        "sqlite:////home/ana/ltc.db": "sqlite:////home/ana/ltc.db",
    }
    for raw, shown in cases.items():
        assert redact(raw) == shown
