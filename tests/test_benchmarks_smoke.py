"""The benchmarks keep working (they are not run here: speed is measured by
``benchmarks/run.py``, as ratios, never asserted in tests).

The generated data must be whole (foreign keys, the app's own rules) and
read by the services like data the app made; the benchmark command must
run end to end at a tiny size and print its table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def datagen():
    sys.path.insert(0, str(BENCH))
    try:
        import datagen

        yield datagen
    finally:
        sys.path.remove(str(BENCH))


def test_generated_data_is_whole_and_read_like_the_apps_own(db_url, datagen):
    import sqlalchemy as sa

    from ltc_tui.db import open_database
    from ltc_tui.services import committee, leads, reports
    from ltc_tui.services.lead_file import lead_file

    counts = datagen.generate(db_url, 60, seed=3)
    assert counts["lead"] == 60 and counts["verification"] > 0 and counts["decision"] > 0
    db = open_database(db_url)
    with db.engine.connect() as conn:
        if db.is_sqlite:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute(sa.text("SELECT count(*) FROM lead_search")).scalar_one() == 60
    with db.session(actor_id=1, write=False) as s:
        everything = leads.query_leads(s, leads.LeadQuery(limit=1000))
        assert len(everything) == leads.count_leads(s, leads.LeadQuery()) == 60
        for row in everything:
            assert lead_file(s, row.id).lead.title == row.title
        committee.review_queue(s)
        reports.pipeline_report(s, period="all")
    with db.session(actor_id=1) as s:  # the app can write on top of it
        leads.add_lead(s, title="After generation", customer="Acme Telecom")
    db.dispose()


def test_salesforce_file_has_the_export_headers(tmp_path, datagen):
    import csv

    path = tmp_path / "sf.csv"
    datagen.salesforce_csv(path, 25)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == datagen.SF_HEADER and len(rows) == 26


def test_the_benchmark_command_runs_end_to_end(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTC_")}
    env["LTC_BENCH_CACHE"] = str(tmp_path / "cache")
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--only", "cli", "--runs", "1", "--warmup", "0",
         "--sizes", "3,5", "--json", str(out)],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| figure" in result.stdout and "a smoke run, not a measurement" in result.stdout
    figures = json.loads(out.read_text())
    assert [f["name"] for f in figures] == [
        "`ltc lead add` (5 leads, a known customer), fresh process", "`ltc lead list --json --limit 50` (5 leads)"
    ]
    assert all(f["ratio"] > 0 and f["note"] == "" for f in figures), figures


def test_the_app_probe_drives_the_app(tmp_path, datagen):
    """The probe behind the app figures: the app starts, paints, filters."""
    path = tmp_path / "five.db"
    datagen.generate(str(path), 5, seed=3)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTC_")}
    env.update(LTC_DATA_DIR=str(tmp_path / "data"), LTC_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, str(BENCH / "app_probe.py"), "--db", str(path), "--samples", "1"],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    measured = json.loads(result.stdout.splitlines()[-1])
    assert measured["rows"] == 5
    assert measured["first_paint"] > 0 and measured["filter_key"] > 0
    for key in ("lead_file", "meeting_next", "dashboard_month", "dashboard_all"):  # a number, or why not (a screen not there yet)
        assert isinstance(measured[key], float) or measured[key].startswith("n/a"), measured[key]
