"""Opportunities: stage moves with history, the gates between stages (seed
004), won creating the contract, lost needing a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from core_builders import count, opportunity, to_negotiation

from ltc_tui import clock
from ltc_tui.errors import ConflictError, NotFound, PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models import Contract, GateRecord, Opportunity
from ltc_tui.services import opportunities as opps

D0 = dt.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(D0)


def gate(team, opp_id, which, who="ana", **kw):
    with team.act(who) as s:
        return opps.record_gate(s, opportunity_id=opp_id, gate=which, **kw)


def move(team, opp_id, to, who="bo", **kw):
    with team.act(who) as s:
        return opps.move_stage(s, opportunity_id=opp_id, to=to, **kw)


def get(team, opp_id):
    with team.act("ana", write=False) as s:
        return s.get(Opportunity, opp_id)


def test_initiation_must_be_approved_before_the_move(team):
    opp_id = opportunity(team)
    with pytest.raises(RuleViolation) as caught:
        move(team, opp_id, "initiation")
    assert caught.value.message.startswith("Cannot move to initiation: initiation has not been approved")
    assert get(team, opp_id).stage == "verify"


def test_the_ar_cannot_approve_the_initiation(team):
    opp_id = opportunity(team)
    with pytest.raises(PermissionDenied) as caught:
        gate(team, opp_id, "initiation", who="bo")  # bo is the AR
    assert "someone other than its AR" in caught.value.message
    with pytest.raises(PermissionDenied):
        gate(team, opp_id, "initiation", who="li", approver="bo")
    assert count(team.db, "gate_record") == 0
    record = gate(team, opp_id, "initiation", who="bo", approver="ana", notes="resources committed")
    assert (record.approver_id, record.recorded_by_id) == (team["ana"], team["bo"])
    assert move(team, opp_id, "initiation").probability == 20


def test_stage_moves_keep_their_history(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    move(team, opp_id, "initiation", note="approved Monday")
    clock.freeze(D0 + dt.timedelta(days=9))
    move(team, opp_id, "needs analysis", who="li")
    move(team, opp_id, "value_presentation", who="li")
    clock.freeze(D0 + dt.timedelta(days=12))
    move(team, opp_id, "needs_analysis", who="li", note="back: new stakeholder")  # backwards needs no gate
    with team.act("ana", write=False) as s:
        spans = opps.stage_history(s, opp_id)
    assert [(h.stage, h.by) for h in spans] == [
        ("verify", "ana"), ("initiation", "bo"), ("needs_analysis", "li"), ("value_presentation", "li"), ("needs_analysis", "li"),
    ]
    assert spans[1].note == "approved Monday" and spans[1].days() == 9
    assert spans[-1].left_at is None


def test_the_bid_needs_the_frs_review_with_workload_and_price(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    move(team, opp_id, "value_presentation")
    with pytest.raises(RuleViolation) as caught:
        move(team, opp_id, "bid")
    assert "the FR has not reviewed deliverability, workload and price" in caught.value.message
    with pytest.raises(PermissionDenied) as denied:
        gate(team, opp_id, "bid", who="ana", workload_days=10, price="1M")
    assert "is the FR's" in denied.value.message
    with pytest.raises(ValidationError) as missing:
        gate(team, opp_id, "bid", who="fay", price="1M")
    assert missing.value.field == "workload days"
    with pytest.raises(ValidationError) as missing:
        gate(team, opp_id, "bid", who="fay", workload_days="30")
    assert missing.value.field == "price"
    with pytest.raises(ValidationError):
        gate(team, opp_id, "bid", who="fay", workload_days="-3", price="1M")
    assert count(team.db, "gate_record") == 1
    record = gate(team, opp_id, "bid", who="fay", workload_days="45", price="1.4M", deliverability="conditional")
    assert (record.workload_days, record.price_cents, record.deliverability) == (45, 140_000_000, "conditional")
    assert move(team, opp_id, "bid").stage == "bid"


def test_a_failed_bid_review_blocks_until_a_later_pass(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    move(team, opp_id, "value_presentation")
    gate(team, opp_id, "bid", who="fay", result="fail", workload_days=300, price="1.4M", notes="cannot deliver at this price")
    with pytest.raises(RuleViolation) as caught:
        move(team, opp_id, "bid")
    assert caught.value.message == "Cannot move to bid: the FR's review failed: cannot deliver at this price"
    gate(team, opp_id, "bid", who="fay", workload_days=120, price="2.1M", notes="re-priced")
    move(team, opp_id, "bid")


def test_a_bid_review_needs_an_fr(team):
    with team.act("ana") as s:
        opp_id = opps.add_opportunity(s, title="No FR yet", customer="Acme", amount="1M", ar="bo").id
    with pytest.raises(RuleViolation) as caught:
        gate(team, opp_id, "bid", who="fay", workload_days=1, price="1")
    assert "has no FR" in caught.value.message


def test_signing_needs_the_scope_of_work_agreed(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    gate(team, opp_id, "bid", who="fay", workload_days=40, price="1.4M")
    move(team, opp_id, "bid")
    with pytest.raises(RuleViolation) as caught:
        move(team, opp_id, "negotiation")
    assert "the scope of work is not agreed yet" in caught.value.message
    with pytest.raises(ValidationError):
        gate(team, opp_id, "signing", result="fail")  # a failed scope needs notes
    gate(team, opp_id, "signing", result="conditional", conditions="pilot site first")
    assert move(team, opp_id, "negotiation").probability == 80


def test_a_conditional_pass_names_its_conditions(team):
    opp_id = opportunity(team)
    with pytest.raises(ValidationError) as caught:
        gate(team, opp_id, "initiation", result="conditional")
    assert caught.value.field == "conditions"


def test_jumping_ahead_passes_every_gate_in_between(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    gate(team, opp_id, "signing")
    with pytest.raises(RuleViolation) as caught:
        move(team, opp_id, "negotiation")
    assert caught.value.message.startswith("Cannot move to bid:")


@pytest.mark.parametrize(("to", "error"), [("won", ValidationError), ("lost", ValidationError), ("verify", RuleViolation), ("closing", ValidationError)])
def test_bad_stage_moves(team, to, error):
    opp_id = opportunity(team)
    with pytest.raises(error):
        move(team, opp_id, to)


def test_probability_follows_the_stage_unless_set_by_hand(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    with team.act("bo") as s:
        opps.update_opportunity(s, opportunity_id=opp_id, probability="35")
    assert move(team, opp_id, "initiation").probability == 35
    with team.act("bo") as s:
        assert opps.update_opportunity(s, opportunity_id=opp_id, probability="auto").probability == 20
    with pytest.raises(ValidationError), team.act("bo") as s:
        opps.update_opportunity(s, opportunity_id=opp_id, probability="120")


def test_a_stale_stage_move_is_refused(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation")
    seen = get(team, opp_id).version
    with team.act("li") as s:
        opps.update_opportunity(s, opportunity_id=opp_id, amount="2M")
    with pytest.raises(ConflictError) as caught:
        move(team, opp_id, "initiation", expected_version=seen)
    assert "li" in caught.value.message and "amount_cents" in caught.value.message
    assert get(team, opp_id).stage == "verify"


# --- won and lost -------------------------------------------------------------------------------


def test_won_only_from_negotiation_and_signing(team):
    opp_id = opportunity(team)
    with pytest.raises(RuleViolation) as caught, team.act("bo") as s:
        opps.mark_won(s, opportunity_id=opp_id)
    assert "won from negotiation and signing" in caught.value.message
    assert count(team.db, "contract") == 0


def test_won_creates_the_contract(team):
    opp_id = opportunity(team, amount="1.5M")
    to_negotiation(team, opp_id)
    with team.act("bo") as s:
        contract = opps.mark_won(s, opportunity_id=opp_id, reason="best delivery plan", po_number="PO-77")
    won = get(team, opp_id)
    assert (won.stage, won.probability, won.closed_on, won.won_reason) == ("won", 100, D0, "best delivery plan")
    with team.act("ana", write=False) as s:
        saved = s.get(Contract, contract.id)
    assert (saved.opportunity_id, saved.customer_id, saved.title) == (opp_id, won.customer_id, won.title)
    assert (saved.value_cents, saved.currency, saved.signed_on, saved.status) == (150_000_000, "USD", D0, "signed")
    assert (saved.ar_id, saved.fr_id, saved.po_number) == (team["bo"], team["fay"], "PO-77")
    assert saved.number == f"C2026-{opp_id:04d}"
    with pytest.raises(RuleViolation), team.act("bo") as s:  # it can no longer change
        opps.move_stage(s, opportunity_id=opp_id, to="bid")
    with pytest.raises(RuleViolation), team.act("ana") as s:
        opps.record_gate(s, opportunity_id=opp_id, gate="initiation")


def test_won_with_its_own_value_number_and_date(team):
    opp_id = opportunity(team, amount=None)
    to_negotiation(team, opp_id)
    with pytest.raises(ValidationError) as caught, team.act("bo") as s:
        opps.mark_won(s, opportunity_id=opp_id)
    assert caught.value.field == "value"
    with pytest.raises(ValidationError), team.act("bo") as s:
        opps.mark_won(s, opportunity_id=opp_id, value="2M", signed_on="2020-01-01")  # before first engagement
    with team.act("bo") as s:
        contract = opps.mark_won(s, opportunity_id=opp_id, value="2M", number="TMX-2026-01", signed_on="2026-05-04")
    assert (contract.number, contract.value_cents, contract.signed_on) == ("TMX-2026-01", 200_000_000, D0)
    other = opportunity(team, title="Second deal")
    to_negotiation(team, other)
    with pytest.raises(ValidationError) as taken, team.act("bo") as s:
        opps.mark_won(s, opportunity_id=other, number="TMX-2026-01")
    assert "taken" in taken.value.message
    assert get(team, other).stage == "negotiation"


def test_lost_needs_a_reason(team):
    opp_id = opportunity(team)
    with pytest.raises(ValidationError) as caught, team.act("bo") as s:
        opps.mark_lost(s, opportunity_id=opp_id, reason="  ")
    assert caught.value.field == "reason"
    assert get(team, opp_id).stage == "verify"
    with team.act("bo") as s:
        opps.mark_lost(s, opportunity_id=opp_id, reason="Price: competitor 30% lower")
    lost = get(team, opp_id)
    assert (lost.stage, lost.lost_reason, lost.probability, lost.closed_on) == ("lost", "Price: competitor 30% lower", 0, D0)
    with pytest.raises(RuleViolation), team.act("bo") as s:
        opps.mark_lost(s, opportunity_id=opp_id, reason="again")


def test_the_database_refuses_lost_without_a_reason(team):
    opp_id = opportunity(team)
    with pytest.raises(ValidationError), team.act("bo") as s:
        opp = s.get(Opportunity, opp_id)
        opp.stage, opp.closed_on = "lost", D0
        s.flush()


def test_gates_record_who_and_when(team):
    opp_id = opportunity(team)
    gate(team, opp_id, "initiation", approver="ana")
    with team.act("ana", write=False) as s:
        (record,) = opps.gates(s, opp_id)
    assert isinstance(record, GateRecord) and record.at.date() == D0 and record.approver_id == team["ana"]


def test_power_map_covered_by_the_triangle_only(team):
    from core_builders import add_contact

    opp_id = opportunity(team)
    cto = add_contact(team, get(team, opp_id).customer_id, "CTO")
    with team.act("ana", write=False) as s:
        (row,) = opps.power_map(s, opp_id)
    assert row.uncovered_decision_maker
    with pytest.raises(RuleViolation), team.act("bo") as s:
        opps.cover(s, opportunity_id=opp_id, contact_id=cto, by="sam")
    with team.act("bo") as s:
        opps.cover(s, opportunity_id=opp_id, contact_id=cto, by="bo")
    with team.act("ana", write=False) as s:
        (row,) = opps.power_map(s, opp_id)
    assert row.covered_by.handle == "bo" and not row.uncovered_decision_maker


def test_unknown_opportunity(team):
    with pytest.raises(NotFound), team.act("bo") as s:
        opps.move_stage(s, opportunity_id=404, to="bid")
