"""One version step per record per saved change (a transaction), however
many flushes the save makes on the way; stale edits still refused."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from core_builders import add_lead, verified_lead

from ltc_tui.errors import ConflictError, ValidationError
from ltc_tui.models import Lead
from ltc_tui.services import leads


def _lead(team: Any, lead_id: int) -> Lead:
    with team.act("ana", write=False) as s:
        return s.get(Lead, lead_id)


def _audit_versions(team: Any, lead_id: int, after_id: int) -> list[tuple[str, int]]:
    """The fields changed on the lead by audit events after ``after_id``, with the version each names."""
    with team.act("ana", write=False) as s:
        return list(s.execute(sa.text(
            "SELECT field, record_version FROM audit_event WHERE entity = 'lead' AND record_id = :id "
            "AND action = 'update' AND id > :after ORDER BY id"
        ), {"id": lead_id, "after": after_id}).all())


def _last_audit_id(team: Any) -> int:
    with team.act("ana", write=False) as s:
        return s.execute(sa.text("SELECT max(id) FROM audit_event")).scalar_one()


def test_a_save_that_flushes_midway_moves_the_version_by_one(team):
    lead_id = verified_lead(team)
    before = _lead(team, lead_id)
    last = _last_audit_id(team)
    with team.act("ana") as s:
        # Sets the override, then reads the latest verification (an autoflush),
        # then sets the priority that follows from the new tier: two flushes.
        leads.override_tier(s, lead_id=lead_id, tier="C" if before.effective_tier != "C" else "A",
                            reason="Board decision", expected_version=before.version)
    after = _lead(team, lead_id)
    assert after.priority != before.priority  # both fields really changed, in two flushes
    assert after.version == before.version + 1
    # Every change of that save is recorded against the one new version.
    changes = _audit_versions(team, lead_id, last)
    assert {field for field, _ in changes} >= {"tier_override", "priority"}
    assert {version for _, version in changes} == {before.version + 1}


def test_one_session_flushing_by_hand_still_makes_one_step(team):
    lead_id = add_lead(team)
    seen = _lead(team, lead_id).version
    with team.act("li") as s:
        lead = s.get(Lead, lead_id)
        lead.title = "First words"
        s.flush()
        lead.need = "Then the need"
        s.flush()
        lead.title = "Second words"
    assert _lead(team, lead_id).version == seen + 1


def test_two_saves_make_two_steps(team):
    lead_id = add_lead(team)
    seen = _lead(team, lead_id).version
    with team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, expected_version=seen, title="One")
    with team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, expected_version=seen + 1, title="Two")
    assert _lead(team, lead_id).version == seen + 2


def test_a_refused_save_does_not_spare_the_next_one_its_step(team):
    """A rolled-back transaction forgets what it bumped: the next one bumps again."""
    lead_id = add_lead(team)
    seen = _lead(team, lead_id).version
    session_cm = team.act("li")
    with pytest.raises(ValidationError), session_cm as s:
        lead = s.get(Lead, lead_id)
        lead.title = "Will not stay"
        s.flush()
        leads.update_lead(s, lead_id=lead_id, amount="-5")
    assert _lead(team, lead_id).version == seen
    with team.db.session(actor_id=team["li"]) as s:
        lead = s.get(Lead, lead_id)
        lead.title = "Stays"
        s.flush()
        s.commit()
        lead.need = "A second transaction in the same session"
    after = _lead(team, lead_id)
    assert (after.title, after.version) == ("Stays", seen + 2)


def test_a_stale_edit_is_still_refused(team):
    lead_id = add_lead(team)
    seen = _lead(team, lead_id).version
    with team.act("bo") as s:
        leads.update_lead(s, lead_id=lead_id, expected_version=seen, title="Bo's title", amount="2M")
    with pytest.raises(ConflictError) as caught, team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, expected_version=seen, title="Li's title")
    assert f"version {seen} -> {seen + 1}" in caught.value.message
    assert "bo" in caught.value.message
    after = _lead(team, lead_id)
    assert (after.title, after.version) == ("Bo's title", seen + 1)


def test_an_edit_from_a_session_that_read_before_another_saved_is_refused_at_the_flush(team):
    """Without ``load_for_update``: the version in the UPDATE's WHERE still catches it."""
    lead_id = add_lead(team)
    with team.act("li") as stale:
        lead = stale.get(Lead, lead_id)  # li reads ...
        stale.commit()
        with team.act("bo") as s:  # ... bo saves meanwhile ...
            s.get(Lead, lead_id).title = "Bo's"
        lead.title = "Li's"  # ... li saves over what she read
        with pytest.raises(ConflictError):
            from ltc_tui.db import translate_errors

            with translate_errors():
                stale.flush()
        stale.rollback()
    assert _lead(team, lead_id).title == "Bo's"
