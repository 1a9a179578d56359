"""The schema upgrades in place and keeps every row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ltc_tui.db import SchemaState, open_database, schema_state
from ltc_tui.migrations import script_heads
from ltc_tui.migrations.revisions import HEAD, KNOWN_REVISIONS

FIRST_RELEASE = Path(__file__).parent / "data" / "schema_0001.db"


def test_known_revisions_match_the_scripts():
    assert script_heads() == (HEAD,)
    assert KNOWN_REVISIONS[0] == "0001"


def _rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_a_first_release_database_opens_and_upgrades_intact(tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(FIRST_RELEASE, copy)
    before = {t: _rows(copy, t) for t in ("lead", "customer", "contact", "decision", "payment", "audit_event", "verification")}
    db = open_database(str(copy))
    assert schema_state(db.engine) == (SchemaState.CURRENT, HEAD)
    db.dispose()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        titles = [r[0] for r in conn.execute("SELECT title FROM lead ORDER BY id")]
    assert titles == ["CDMA450 rural coverage", "[red]x[/red] 中文线索 \x1b[31m", "Core network refresh"]
    for table, rows in before.items():
        after = _rows(copy, table)
        assert len(after) >= len(rows), table
        # Columns may be added by later revisions, never values lost: every old value is still there.
        for old, new in zip(rows, after, strict=False):
            assert old == new[: len(old)] or set(old) <= set(new), table


def test_the_old_file_still_works_with_todays_commands(tmp_path):
    from ltc_tui.services import leads

    copy = tmp_path / "old.db"
    shutil.copy(FIRST_RELEASE, copy)
    db = open_database(str(copy))
    with db.session(actor_id=1) as s:
        rows = leads.query_leads(s, leads.LeadQuery(sort="id", descending=False))
        assert [r.id for r in rows] == [1, 2, 3]
        leads.add_lead(s, title="After the upgrade", customer="Telmex")
    db.dispose()


def test_a_newer_schema_is_refused_untouched(tmp_path):
    from ltc_tui.errors import StorageError

    copy = tmp_path / "newer.db"
    shutil.copy(FIRST_RELEASE, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    data = copy.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(str(copy))
    assert "newer ltc" in caught.value.message
    assert copy.read_bytes() == data


def test_migrations_run_the_same_on_postgresql(pg_cluster):
    """An empty PostgreSQL database gets the same tables as SQLite."""
    import sqlalchemy as sa

    from ltc_tui.models import load_all

    db = open_database(pg_cluster.new_database())
    tables = set(sa.inspect(db.engine).get_table_names())
    db.dispose()
    assert set(load_all().tables) <= tables


def test_upgrading_the_first_release_through_0004_keeps_verifications_and_passes_db_check(tmp_path):
    """0004 rebuilds ``verification`` on SQLite: its rows, the contacts consulted
    and every check survive, and the new link to the lead's submitter holds."""
    from typer.testing import CliRunner

    from ltc_tui.cli import app

    copy = tmp_path / "old.db"
    shutil.copy(FIRST_RELEASE, copy)
    before = {t: _rows(copy, t) for t in ("verification", "verification_contact")}
    db = open_database(str(copy))
    db.dispose()
    assert {t: _rows(copy, t) for t in before} == before
    with sqlite3.connect(copy) as conn:
        schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'verification'").fetchone()[0]
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'verification'")}
    assert "FOREIGN KEY(lead_id, submitter_id) REFERENCES lead (id, submitter_id) ON DELETE CASCADE" in schema
    assert "ck_verification_verifier_not_submitter" in schema
    assert "ix_verification_lead_id" in indexes
    result = CliRunner().invoke(app, ["--db", str(copy), "db", "check"])
    assert result.exit_code == 0, result.output
    assert "all checks passed" in result.output


def _first_release_verification(copy: Path) -> tuple[int, int, int, int]:
    with sqlite3.connect(copy) as conn:
        return conn.execute(
            "SELECT v.id, v.verifier_id, l.submitter_id, (SELECT min(id) FROM person WHERE id NOT IN (v.verifier_id, l.submitter_id)) "
            "FROM verification v JOIN lead l ON l.id = v.lead_id ORDER BY v.id"
        ).fetchone()


def test_a_verification_copy_that_does_not_match_its_lead_is_set_right_by_0004(tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(FIRST_RELEASE, copy)
    vid, _verifier, submitter, other = _first_release_verification(copy)
    with sqlite3.connect(copy) as conn:  # edited by hand, behind ltc's back
        conn.execute("UPDATE verification SET submitter_id = ? WHERE id = ?", (other, vid))
    open_database(str(copy)).dispose()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT submitter_id FROM verification WHERE id = ?", (vid,)).fetchone() == (submitter,)


def test_an_upgrade_that_finds_a_verification_by_the_submitter_is_refused_and_changes_nothing(tmp_path):
    from ltc_tui.errors import LtcError

    copy = tmp_path / "old.db"
    shutil.copy(FIRST_RELEASE, copy)
    vid, _verifier, submitter, other = _first_release_verification(copy)
    with sqlite3.connect(copy) as conn:  # the submitter verified their own lead, disguised by hand
        conn.execute("UPDATE verification SET verifier_id = ?, submitter_id = ? WHERE id = ?", (submitter, other, vid))
    tables = ("lead", "verification", "verification_contact", "audit_event")
    before = {t: _rows(copy, t) for t in tables}
    with pytest.raises(LtcError) as caught:
        open_database(str(copy))
    assert "verifier_not_submitter" in caught.value.message
    assert {t: _rows(copy, t) for t in tables} == before
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
