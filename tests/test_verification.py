"""Cross verification (错位验证法): never by the submitter, and it sets class,
temperature and priority, which the lead file explains."""

from __future__ import annotations

import pytest
from core_builders import HOT, add_contact, add_lead, count, customer_id, verify

from ltc_tui.errors import PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models import Lead, Verification
from ltc_tui.services import committee, leads, verification
from ltc_tui.services.lead_file import lead_file


def test_the_submitter_cannot_verify_their_own_lead(team):
    lead_id = add_lead(team, who="sam")
    with pytest.raises(PermissionDenied) as caught:
        verify(team, lead_id, who="sam")
    assert f"You submitted lead #{lead_id}" in caught.value.message
    assert caught.value.exit_code == 1
    assert count(team.db, "verification") == 0
    with team.act("ana", write=False) as s:
        lead = leads.get_lead(s, lead_id)
        assert (lead.status, lead.lead_class, lead.priority) == ("submitted", None, None)


def test_a_lead_typed_for_someone_else_cannot_be_verified_by_its_submitter(team):
    lead_id = add_lead(team, who="ana", submitter="bo")  # ana typed it in for bo
    with pytest.raises(PermissionDenied):
        verify(team, lead_id, who="bo")
    verify(team, lead_id, who="ana")  # ana only typed it: she may verify


def test_the_database_refuses_a_verification_by_the_submitter_too(team):
    lead_id = add_lead(team, who="sam")
    with pytest.raises(ValidationError) as caught, team.act("sam") as s:
        s.add(Verification(
            lead_id=lead_id, verifier_id=team["sam"], submitter_id=team["sam"], need_real=True, fits_strategy=True,
            urgent=False, procurement_clear=False, funds_committed=False, relationship=1, solution_fit=1,
            solution_maturity=1, team_available=False, competition="weak", risk="low", lead_class="credible",
            temperature="cold", priority=10,
        ))
        s.flush()
    assert caught.value.key == "error.db.constraint"
    assert count(team.db, "verification") == 0


def test_verification_sets_class_temperature_and_priority(team):
    lead_id = add_lead(team)
    result = verify(team, lead_id, who="li")
    assert result.assessment.temperature.value == "hot"
    with team.act("ana", write=False) as s:
        lead = leads.get_lead(s, lead_id)
        saved = verification.latest_verification(s, lead_id)
    assert (lead.status, lead.lead_class, lead.temperature) == ("verified", "opportunity", "hot")
    assert lead.priority == result.assessment.priority == saved.priority
    assert saved.verifier_id == team["li"] and saved.submitter_id == team["sam"]


def test_verification_can_find_a_lead_is_not_one(team):
    lead_id = add_lead(team)
    result = verify(team, lead_id, need_real=False)
    assert (result.assessment.lead_class.value, result.assessment.priority) == ("primary", 0)


def test_verifying_again_updates_the_result(team):
    lead_id = add_lead(team)
    verify(team, lead_id)
    verify(team, lead_id, who="bo", urgent=False, funds_committed=False)
    with team.act("ana", write=False) as s:
        lead = leads.get_lead(s, lead_id)
    assert (lead.status, lead.temperature, lead.lead_class) == ("verified", "cold", "credible")
    assert count(team.db, "verification") == 2


def test_a_closed_lead_cannot_be_verified(team):
    lead_id = add_lead(team)
    verify(team, lead_id)
    with team.act("ana") as s:
        committee.decide(s, lead_id=lead_id, kind="close", reason="no budget this decade")
    with pytest.raises(RuleViolation):
        verify(team, lead_id, who="bo")


def test_consulted_contacts_must_be_the_customers_and_one_level_is_warned(team):
    lead_id = add_lead(team)
    cust = customer_id(team, lead_id)
    cto = add_contact(team, cust, "CTO", level="executive")
    engineer = add_contact(team, cust, "Engineer", level="staff")
    other_lead = add_lead(team, title="Other", customer="Other Co")
    stranger = add_contact(team, customer_id(team, other_lead), "Stranger")
    with pytest.raises(ValidationError) as caught:
        verify(team, lead_id, contact_ids=[stranger])
    assert caught.value.field == "contacts"
    assert verify(team, lead_id).warnings == ["warn.verify.no_contacts"]
    assert verify(team, lead_id, contact_ids=[cto]).warnings == ["warn.verify.one_level"]
    result = verify(team, lead_id, contact_ids=[cto, engineer])
    assert result.warnings == []
    with team.act("ana", write=False) as s:
        assert [c.name for c in verification.consulted(s, result.verification.id)] == ["CTO", "Engineer"]


def test_levels_out_of_range_are_refused_before_anything_is_written(team):
    lead_id = add_lead(team)
    with pytest.raises(ValidationError) as caught:
        verification.make_answers(**(HOT | {"relationship": 5}))
    assert caught.value.field == "relationship"
    with pytest.raises(ValidationError):
        verification.make_answers(**(HOT | {"competition": "fierce"}))
    assert count(team.db, "verification") == 0
    del lead_id


def test_the_lead_file_explains_priority_and_tier(team):
    lead_id = add_lead(team, amount="2M", new_product=True)
    verify(team, lead_id)
    with team.act("ana", write=False) as s:
        f = lead_file(s, lead_id)
    assert f.tier.tier.value == f.lead.tier == "B"  # normal 0 + amount 2 + novelty 1 = 3
    assert {r.key for r in f.tier.reasons} >= {"rule.tier.standing", "rule.tier.amount_a", "rule.tier.novelty"}
    assert f.assessment is not None
    assert sum(r.points or 0 for r in f.assessment.priority_reasons) == f.lead.priority
    assert f.verifier.handle == "li"


def test_a_tier_change_moves_a_verified_leads_priority(team):
    lead_id = add_lead(team, amount="100k")  # tier C
    verify(team, lead_id)
    with team.act("ana") as s:
        before = leads.get_lead(s, lead_id).priority
        lead = leads.update_lead(s, lead_id=lead_id, amount="5M", new_product=True)  # 2 + 1 = 3: tier B
        assert lead.tier == "B"
        assert lead.priority == before + 8


def test_preview_saves_nothing(team):
    lead_id = add_lead(team)
    with team.act("li") as s:
        result = verification.preview(s, lead_id=lead_id, answers=verification.make_answers(**HOT))
    assert result.temperature.value == "hot"
    assert count(team.db, "verification") == 0
    with team.act("ana", write=False) as s:
        assert s.get(Lead, lead_id).status == "submitted"
