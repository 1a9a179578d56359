"""Claiming, assigning, and the stale clock (issue 9), with a frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from ltc_tui import clock
from ltc_tui.errors import PermissionDenied, RuleViolation
from ltc_tui.models.audit import AuditEvent
from ltc_tui.services import committee, distribution, leads, nurturing, settings, verification, visits

DAY0 = dt.date(2026, 3, 2)


def answers():
    return verification.make_answers(
        need_real=True, fits_strategy=True, urgent=True, procurement_clear=False, funds_committed=False,
        relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
    )


@pytest.fixture
def verified_lead(team):
    clock.freeze(DAY0)
    with team.act("sam") as s:
        lead_id = leads.add_lead(s, title="Metro Wi-Fi", customer="City of Tula").lead.id
    with team.act("li") as s:
        verification.verify_lead(s, lead_id=lead_id, answers=answers())
    return lead_id


def queue_reasons(team, day):
    with team.act("ana", write=False) as s:
        return {e.lead_id: (e.reason_key, e.reason_params) for e in committee.review_queue(s, today=day)}


def test_a_salesperson_claims_an_unowned_verified_lead_and_the_claim_is_recorded(team, verified_lead):
    with team.act("bo") as s:
        lead = distribution.claim(s, lead_id=verified_lead)
    assert lead.owner_id == team["bo"]
    with team.act("ana", write=False) as s:
        events = s.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "lead", AuditEvent.record_id == verified_lead, AuditEvent.action == "claim"
            )
        ).all()
    assert [e.actor_id for e in events] == [team["bo"]]


def test_claim_refusals(team, verified_lead):
    with team.act("sam") as s:
        unverified = leads.add_lead(s, title="Another", customer="City of Tula").lead.id
    with team.act("bo") as s, pytest.raises(RuleViolation, match="not verified yet"):
        distribution.claim(s, lead_id=unverified)
    with team.act("sam") as s, pytest.raises(PermissionDenied, match="claim leads"):
        distribution.claim(s, lead_id=verified_lead)
    with team.act("bo") as s:
        distribution.claim(s, lead_id=verified_lead)
    with team.act("li") as s, pytest.raises(RuleViolation, match="already belongs to bo"):
        distribution.claim(s, lead_id=verified_lead)


def test_only_the_chair_reassigns(team, verified_lead):
    with team.act("bo") as s:
        distribution.claim(s, lead_id=verified_lead)
    with team.act("li") as s, pytest.raises(PermissionDenied):
        distribution.assign(s, lead_id=verified_lead, owner="li")
    with team.act("ana") as s:
        assert distribution.assign(s, lead_id=verified_lead, owner="li").owner_id == team["li"]


def test_unattended_claimed_lead_joins_the_queue_and_activity_resets_the_clock(team, verified_lead):
    with team.act("bo") as s:
        distribution.claim(s, lead_id=verified_lead)
    stale_days = 30
    day = DAY0 + dt.timedelta(days=stale_days - 1)
    assert queue_reasons(team, day)[verified_lead][0] == "queue.verified"
    day = DAY0 + dt.timedelta(days=stale_days + 5)
    clock.freeze(day)
    assert queue_reasons(team, day)[verified_lead] == ("queue.unattended", {"days": stale_days + 5})
    with team.act("bo") as s:
        lead = leads.get_lead(s, verified_lead)
        assert distribution.is_stale(s, lead, today=day)
        visits.add_visit(s, customer="City of Tula", lead_id=verified_lead, objective="follow up")
    assert queue_reasons(team, day)[verified_lead][0] == "queue.verified"
    with team.act("bo", write=False) as s:
        assert not distribution.is_stale(s, leads.get_lead(s, verified_lead), today=day)


def test_the_stale_period_is_a_team_setting(team, verified_lead):
    with team.act("ana") as s:
        settings.set_value(s, "stale_days", "7")
        distribution.assign(s, lead_id=verified_lead, owner="bo")
    day = DAY0 + dt.timedelta(days=8)
    assert queue_reasons(team, day)[verified_lead] == ("queue.unattended", {"days": 8})


def test_nurtured_lead_step_evidence_resets_the_clock(team, verified_lead):
    with team.act("ana") as s:
        committee.decide(s, lead_id=verified_lead, kind="nurture", ar="bo", sr="li", fr="fay", next_review="2026-12-01")
    day = DAY0 + dt.timedelta(days=40)
    clock.freeze(day)
    assert queue_reasons(team, day)[verified_lead][0] == "queue.unattended"
    with team.act("li") as s:
        nurturing.add_pain(s, lead_id=verified_lead, role="Mayor", pain="Tourists complain about coverage")
    assert verified_lead not in queue_reasons(team, day)  # review not due until December


def test_claim_from_the_shell(ltc, team, verified_lead):
    result = ltc("lead", "claim", str(verified_lead), actor="bo")
    assert result.exit_code == 0, result.output
    assert f"Lead #{verified_lead} is yours now." in result.output
    again = ltc("lead", "claim", str(verified_lead), actor="li")
    assert again.exit_code == 1
    assert "already belongs to bo" in again.output
