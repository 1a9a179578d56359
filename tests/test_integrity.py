"""Integrity the database keeps by itself (migration 0004).

- A verification names its lead's real submitter (a composite foreign key),
  so even a writer that bypasses the services cannot record a verification
  by the submitter; a verified lead's submitter cannot be changed under it.
- PostgreSQL's TRUNCATE cannot empty the audit trail.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from core_builders import add_lead, count, verified_lead, verify

from ltc_tui.errors import PermissionDenied, ValidationError
from ltc_tui.models import Lead
from ltc_tui.services import leads

VERIFICATION_COLUMNS = (
    "lead_id, verifier_id, submitter_id, verified_at, need_real, fits_strategy, urgent, procurement_clear, "
    "funds_committed, relationship, solution_fit, solution_maturity, team_available, competition, risk, "
    "lead_class, temperature, priority"
)


def raw_verification(team: Any, lead_id: int, *, verifier: str, submitter: str) -> None:
    """A verification written straight in SQL, as a script or another tool might."""
    with team.act("ana") as s:
        s.execute(
            sa.text(
                f"INSERT INTO verification ({VERIFICATION_COLUMNS}) VALUES (:lead, :verifier, :submitter, "
                "CURRENT_TIMESTAMP, true, true, true, false, true, 2, 2, 2, true, 'weak', 'low', 'opportunity', 'hot', 50)"
            ),
            {"lead": lead_id, "verifier": team[verifier], "submitter": team[submitter]},
        )


# --- verification by the submitter ---------------------------------------------------------------


def test_a_verification_naming_someone_else_as_submitter_is_refused(team):
    lead_id = add_lead(team, who="sam")
    with pytest.raises(ValidationError) as caught:
        raw_verification(team, lead_id, verifier="li", submitter="bo")  # sam submitted it, not bo
    assert caught.value.key == "error.db.reference"
    assert count(team.db, "verification") == 0


def test_a_verification_by_the_leads_submitter_is_refused_however_it_is_written(team):
    lead_id = add_lead(team, who="sam")
    # Naming the real submitter: the check verifier <> submitter refuses it.
    with pytest.raises(ValidationError) as caught:
        raw_verification(team, lead_id, verifier="sam", submitter="sam")
    assert caught.value.key == "error.db.constraint"
    # Naming another "submitter" to slip past that check: the link to the lead refuses it.
    with pytest.raises(ValidationError) as caught:
        raw_verification(team, lead_id, verifier="sam", submitter="bo")
    assert caught.value.key == "error.db.reference"
    assert count(team.db, "verification") == 0
    with team.act("ana", write=False) as s:
        assert leads.get_lead(s, lead_id).status == "submitted"


def test_the_service_says_so_first_and_a_proper_verification_is_stored(team):
    lead_id = add_lead(team, who="sam")
    with pytest.raises(PermissionDenied) as caught:
        verify(team, lead_id, who="sam")
    assert f"You submitted lead #{lead_id}" in caught.value.message
    assert count(team.db, "verification") == 0
    verify(team, lead_id, who="li")
    raw_verification(team, lead_id, verifier="bo", submitter="sam")  # a correct row is accepted
    assert count(team.db, "verification") == 2


def test_a_verified_leads_submitter_cannot_be_changed_and_deleting_the_lead_takes_its_verifications(team):
    lead_id = verified_lead(team)
    with pytest.raises(ValidationError) as caught, team.act("ana") as s:
        s.execute(sa.text("UPDATE lead SET submitter_id = :bo WHERE id = :id"), {"bo": team["bo"], "id": lead_id})
    assert caught.value.key == "error.db.reference"
    with team.act("ana", write=False) as s:
        assert s.get(Lead, lead_id).submitter_id == team["sam"]
    unverified = add_lead(team, who="sam", title="Not verified yet")
    with team.act("ana") as s:  # a lead nobody verified: nothing refers to its submitter
        s.execute(sa.text("UPDATE lead SET submitter_id = :bo WHERE id = :id"), {"bo": team["bo"], "id": unverified})
    with team.act("ana") as s:
        s.execute(sa.text("DELETE FROM lead WHERE id = :id"), {"id": lead_id})
    assert count(team.db, "verification") == 0


def _keys(engine: sa.Engine) -> dict[str, Any]:
    """What 0004 is about, as the database reports it: lead's unique keys, verification's links."""
    inspector = sa.inspect(engine)
    unique = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("lead")}
    unique |= {tuple(i["column_names"]) for i in inspector.get_indexes("lead") if i["unique"]}
    links = {
        (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]),
         (f.get("options") or {}).get("ondelete"), (f.get("options") or {}).get("onupdate"))
        for f in inspector.get_foreign_keys("verification")
    }
    checks = {c["name"] for c in inspector.get_check_constraints("verification")}
    indexes = {i["name"] for i in inspector.get_indexes("verification")}
    return {"unique": unique, "links": links, "checks": checks, "indexes": indexes}


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection:sqlalchemy.exc.SAWarning")
def test_a_schema_made_from_the_models_agrees_with_the_migrated_one(db, backend, tmp_path, request):
    from ltc_tui.models import load_all

    if backend == "sqlite":
        fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        fresh_url = request.getfixturevalue("pg_cluster").new_database()
    fresh = sa.create_engine(fresh_url)
    try:
        load_all().create_all(fresh)
        made, migrated = _keys(fresh), _keys(db.engine)
    finally:
        fresh.dispose()
    assert ("id", "submitter_id") in migrated["unique"]
    assert (("lead_id", "submitter_id"), "lead", ("id", "submitter_id"), "CASCADE", None) in migrated["links"]
    assert "ck_verification_verifier_not_submitter" in migrated["checks"]
    assert made == migrated


# --- the audit trail and TRUNCATE ------------------------------------------------------------------


def test_truncate_cannot_empty_the_audit_trail(db, backend, team, request):
    if backend != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (its DELETE is refused: tests/test_audit.py)")
    add_lead(team)
    before = count(db, "audit_event")
    assert before > 0
    for statement in ("TRUNCATE audit_event", "TRUNCATE person, audit_event CASCADE"):
        with db.engine.connect() as conn, pytest.raises(sa.exc.DBAPIError) as caught:
            conn.exec_driver_sql(statement)
        assert "the audit trail is append-only" in str(caught.value)
    assert count(db, "audit_event") == before
    # The tests' own emptying (a superuser, in replica mode) still works.
    from conftest import _pg_empty

    db.dispose()
    assert _pg_empty(request.getfixturevalue("pg_cluster"), db.url.database)
    assert count(db, "audit_event") == 0
