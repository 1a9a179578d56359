"""``ltc import`` in the shell: what a person sees, exit codes, nothing written
when refused, and a process killed mid-import leaving nothing behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ltc_tui.models.customers import Contact, Customer
from ltc_tui.models.leads import Lead
from tests.conftest import wait_until
from tests.test_import_leads import API, BAD_ROWS


def flat(text: str) -> str:
    """Output with Rich's line wrapping undone."""
    return " ".join(text.split())


def counts(db: Any) -> tuple[int, int, int]:
    with db.session(write=False) as session:
        return tuple(  # type: ignore[return-value]
            session.execute(sa.select(sa.func.count()).select_from(m)).scalar_one() for m in (Lead, Customer, Contact)
        )


@pytest.fixture
def sf_file(tmp_path: Path) -> Path:
    path = tmp_path / "salesforce.csv"
    path.write_bytes(("\ufeff" + API + BAD_ROWS).encode("utf-8"))  # Excel's "CSV UTF-8": BOM and CRLF
    return path


def test_bad_rows_refuse_the_import_and_list_the_problems(ltc: Any, team: Any, sf_file: Path) -> None:
    result = ltc("import", str(sf_file))
    assert result.exit_code == 1
    out = flat(result.stdout)
    assert "a Salesforce lead export (API-name headers), 6 rows (CSV)" in out
    # Row 2 holds a quoted newline: the spreadsheet row and the file's line differ from there on.
    assert "row 5 (line 6): Company: a value is required." in out
    assert "row 5 (line 6): Email: 'not-an-email' is not an e-mail address." in out
    assert "row 7 (line 8): CreatedDate: 'someday' is not a date" in out
    assert "Unknown columns, not imported: Favourite Colour." in out
    assert "Custom (__c) columns, not imported (map one with --map): Region__c." in out
    assert "Nothing imported: 2 of 6 rows have problems" in flat(result.stderr)
    assert "Traceback" not in result.output
    assert counts(team.db) == (0, 0, 0)


def test_allow_partial_imports_the_good_rows(ltc: Any, team: Any, sf_file: Path) -> None:
    result = ltc("import", str(sf_file), "--allow-partial")
    assert result.exit_code == 0, result.output
    assert "Imported: 4 leads, 3 customers, 4 contacts" in flat(result.stdout)
    assert "Not imported, with problems (listed above): 2 rows." in flat(result.stderr)
    assert counts(team.db) == (4, 3, 4)
    again = ltc("import", str(sf_file), "--allow-partial")
    assert "Already here, left as they are: 4 rows." in flat(again.stdout) and counts(team.db) == (4, 3, 4)


def test_dry_run_shows_the_rows_and_writes_nothing(ltc: Any, team: Any, sf_file: Path, tmp_path: Path) -> None:
    refused = ltc("import", str(sf_file), "--dry-run")
    assert refused.exit_code == 1
    assert "would be refused" in flat(refused.stdout) and counts(team.db) == (0, 0, 0)
    good = tmp_path / "good.csv"
    good.write_text(API, encoding="utf-8")
    result = ltc("import", str(good), "--dry-run")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "First rows as they would be created:" in out
    assert "Core network refresh" in out and "Acme Corp (new)" in out and "华为技术" in out
    assert "Would create: 3 leads, 2 customers, 3 contacts" in out and "Dry run: nothing was written." in out
    assert counts(team.db) == (0, 0, 0)


def test_json_outcome(ltc: Any, team: Any, sf_file: Path) -> None:
    result = ltc("import", str(sf_file), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["rows"] == 6 and report["bad_rows"] == 2 and not report["written"]
    assert {(p["row"], p["column"]) for p in report["problems"]} >= {(5, "Company"), (7, "CreatedDate")}


def test_the_map_option_from_the_shell(ltc: Any, team: Any, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Account Name,Deal,Owner Email\nNorthwind,Fibre backbone,x@y.z\n", encoding="utf-8")
    result = ltc("import", str(path), "--map", "Account Name=company,Deal=title", "--map", "Owner Email=ignore")
    assert result.exit_code == 0, result.output
    with team.db.session(write=False) as session:
        assert session.execute(sa.select(Lead.title)).scalar_one() == "Fibre backbone"
    mapfile = tmp_path / "map.txt"
    mapfile.write_text("[columns]\nAccount Name = company\nDeal = wibble\n", encoding="utf-8")
    bad = ltc("import", str(path), "--map-file", str(mapfile))
    assert bad.exit_code == 2 and "'wibble' is not one of our fields" in flat(bad.stderr)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name\nCafé\n".encode("latin-1"), "is not UTF-8 text (line 2"),
        (b"PK\x03\x04....", "is an Excel workbook, not CSV"),
        (b'Company,LastName\nA,"unclosed\n', "a quoted cell is never closed"),
    ],
)
def test_unreadable_files_get_one_clear_line(ltc: Any, team: Any, tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    result = ltc("import", str(path))
    assert result.exit_code == 2
    assert expected in flat(result.stderr) and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) <= 2


def test_usage_errors(ltc: Any, team: Any, tmp_path: Path) -> None:
    missing = ltc("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    path = tmp_path / "x.csv"
    path.write_text(API, encoding="utf-8")
    for args, word in (
        (["--unknown-people", "maybe"], "--unknown-people"),
        (["--kind", "contracts"], "--kind"),
        (["--date-format", "whenever"], "--date-format"),
        (["--map", "nonsense"], "--map"),
        (["--from", "hubspot"], "--from"),
    ):
        result = ltc("import", str(path), *args)
        assert result.exit_code == 2 and word in result.stderr, (args, result.output)
    assert counts(team.db) == (0, 0, 0)


def test_standard_input(ltc: Any, team: Any) -> None:
    result = ltc("import", "-", input=API)
    assert result.exit_code == 0, result.output
    assert counts(team.db)[0] == 3


KILLER = """
import signal, sys
from pathlib import Path
from ltc_tui.services import bulk

marker, argv = Path(sys.argv[1]), sys.argv[2:]
real = bulk._execute_chunk
sent = 0

def send_then_stop(conn, statement, params):
    global sent
    real(conn, statement, params)
    sent += 1
    if sent == 3:  # rows are in the transaction, which is not committed
        marker.write_text("inside")
        signal.pause()

bulk._execute_chunk = send_then_stop
sys.argv = ["ltc", *argv]
from ltc_tui.cli import main
main()
"""


def test_a_process_killed_mid_import_leaves_nothing(backend: str, db_url: str, team: Any, tmp_path: Path) -> None:
    if backend != "sqlite":
        pytest.skip("one backend shows it: the import is one transaction on both")
    lines = ["Id,Company,LastName,Email"]
    lines += [f"K{i:05d},Company {i % 700},Name {i},p{i}@example.com" for i in range(6000)]
    source = tmp_path / "big.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    marker = tmp_path / "marker"
    env = dict(os.environ, LTC_DATA_DIR=str(tmp_path / "data"), LTC_CONFIG_DIR=str(tmp_path / "config"))
    root = str(Path(__file__).resolve().parent.parent)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(marker), "--db", db_url, "--as", "ana", "import", str(source)],
        env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        assert wait_until(lambda: marker.exists() or child.poll() is not None, timeout=120)
        assert marker.exists(), child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    team.db.dispose()
    assert counts(team.db) == (0, 0, 0)
