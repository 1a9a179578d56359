"""The six steps (华为销售的六步): in order, each done only with its evidence,
"back to step 1" keeping the earlier pass, and the handover."""

from __future__ import annotations

import pytest
from core_builders import (
    add_contact,
    add_lead,
    count,
    customer_id,
    handed_over,
    nurtured_lead,
    verified_lead,
    work_steps,
)
from sqlmodel import select

from ltc_tui.errors import NotFound, RuleViolation, ValidationError
from ltc_tui.models import Competitor, Lead, Opportunity, PowerMapEntry
from ltc_tui.services import nurturing
from ltc_tui.services import settings as settings_service
from ltc_tui.services.nurturing import progress


def mark(team, lead_id, step, who="li"):
    with team.act(who) as s:
        return nurturing.mark_done(s, lead_id=lead_id, step=step)


def refusal(team, lead_id, step) -> str:
    with pytest.raises(RuleViolation) as caught:
        mark(team, lead_id, step)
    return caught.value.message


def state(team, lead_id, pass_no=None):
    with team.act("li", write=False) as s:
        return progress(s, lead_id, pass_no=pass_no)


def test_steps_go_in_order(team):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms, upto=1)
    with team.act("li") as s:
        for k in kdms:
            nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, interested=True, acknowledges_pain=True)
    assert refusal(team, lead_id, 3) == "Step 3 cannot be done before step 2 (kdm_interest)."
    mark(team, lead_id, 2)
    mark(team, lead_id, "pain acknowledged")
    p = state(team, lead_id)
    assert [s.done for s in p.steps] == [True, True, True, False, False, False]
    assert p.current_step.number == 4 and p.steps[3].current


def test_step_1_needs_a_row_in_the_pain_table(team):
    lead_id, _ = nurtured_lead(team)
    assert refusal(team, lead_id, 1).endswith("add at least one row to the pain table (role, KPI, pain, cause, impact).")
    with team.act("li") as s:
        nurturing.add_pain(s, lead_id=lead_id, role="CFO", pain="Capex overruns")
    mark(team, lead_id, 1)
    assert state(team, lead_id).steps[0].evidence_key == "evidence.pain_chain"
    assert refusal(team, lead_id, 1) == "Step 1 is already done."


def test_step_2_needs_enough_interested_kdms(team):
    lead_id, kdms = nurtured_lead(team, kdms=3)
    work_steps(team, lead_id, kdms, upto=1)
    with team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[0], interested=True)
    assert refusal(team, lead_id, 2).endswith("1 of 3 KDMs interested; 2 needed.")
    with team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[1], interested="yes")
    mark(team, lead_id, 2)


def test_kdm_steps_need_kdms_first(team):
    lead_id, _ = nurtured_lead(team, kdms=0)
    work_steps(team, lead_id, [], upto=1)
    assert refusal(team, lead_id, 2).endswith("name the key decision makers first.")


def test_the_kdm_threshold_setting_changes_the_need(team):
    lead_id, kdms = nurtured_lead(team, kdms=4)
    work_steps(team, lead_id, kdms[:1], upto=1)
    with team.act("li") as s:
        for k in kdms[:2]:
            nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, interested=True)
    assert refusal(team, lead_id, 2).endswith("2 of 4 KDMs interested; 3 needed.")  # a majority: more than half
    with team.act("ana") as s:
        settings_service.set_value(s, "kdm_threshold_pct", "40")
    meter = state(team, lead_id).steps[1].meter
    assert (meter.have, meter.total, meter.needed, meter.met) == (2, 4, 2, True)
    with team.act("ana") as s:
        settings_service.set_value(s, "kdm_threshold_pct", "100")
    assert refusal(team, lead_id, 2).endswith("2 of 4 KDMs interested; 4 needed.")
    with team.act("ana") as s:
        settings_service.set_value(s, "kdm_threshold_pct", "25")
    mark(team, lead_id, 2)


def test_step_3_needs_enough_kdms_acknowledging_the_pain(team):
    lead_id, kdms = nurtured_lead(team, kdms=2)
    work_steps(team, lead_id, kdms, upto=2)
    with team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[0], acknowledges_pain=True)
    assert refusal(team, lead_id, 3).endswith("1 of 2 KDMs acknowledge the pain; 2 needed.")


def test_step_4_needs_competitors_locked_with_a_strategy(team):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms, upto=3)
    assert refusal(team, lead_id, 4).endswith("name at least one competitor, with our strategy against it.")
    with team.act("li") as s:
        rival = nurturing.add_competitor(s, lead_id=lead_id, name="Rival Co", standing="strong")
        nurturing.add_competitor(s, lead_id=lead_id, name="Other Inc", strategy="price", locked=True)
    assert refusal(team, lead_id, 4).endswith("lock each competitor and write our strategy against it: Rival Co.")
    with team.act("li") as s:
        nurturing.update_competitor(s, competitor_id=rival.id, strategy="references", locked="yes")
    mark(team, lead_id, 4)


def test_step_5_needs_the_vision_written_and_shared(team):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms, upto=4)
    with team.act("li") as s:
        for k in kdms:
            nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, shares_vision=True)
    assert refusal(team, lead_id, 5).endswith("write the vision in the step's notes first.")
    with team.act("li") as s:
        nurturing.set_step_notes(s, lead_id=lead_id, step="vision", notes="One network for all villages")
    mark(team, lead_id, 5)


def test_step_6_needs_enough_votes_and_its_own_threshold(team):
    lead_id, kdms = nurtured_lead(team, kdms=3)
    work_steps(team, lead_id, kdms, upto=5)
    with team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[0], vote="for")
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[1], vote="against")
    assert refusal(team, lead_id, 6).endswith("1 of 3 KDM votes for our solution (1 against); 2 needed.")
    with team.act("ana") as s:
        settings_service.set_value(s, "vote_threshold_pct", "30")
    mark(team, lead_id, 6)
    assert state(team, lead_id).all_done


def test_bad_kdm_input_is_refused(team):
    lead_id, kdms = nurtured_lead(team)
    with pytest.raises(ValidationError), team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[0], vote="maybe")
    with pytest.raises(ValidationError), team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[0], interested="perhaps")
    with pytest.raises(ValidationError), team.act("li") as s:
        nurturing.add_kdm(s, lead_id=lead_id, contact_id=kdms[0])  # already one
    other = add_lead(team, customer="Elsewhere")
    stranger = add_contact(team, customer_id(team, other), "Stranger")
    with pytest.raises(ValidationError), team.act("li") as s:
        nurturing.add_kdm(s, lead_id=lead_id, contact_id=stranger)
    with pytest.raises(NotFound), team.act("li") as s:
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=stranger, interested=True)


def test_only_a_lead_in_nurturing_has_steps(team):
    lead_id = verified_lead(team)
    with pytest.raises(RuleViolation) as caught, team.act("li") as s:
        nurturing.add_pain(s, lead_id=lead_id, role="COO", pain="x")
    assert caught.value.message == f"Lead #{lead_id} is verified, not in nurturing."
    assert count(team.db, "pain_row") == 0


def test_the_pain_chain_links_within_the_lead_and_never_loops(team):
    lead_id, _ = nurtured_lead(team)
    with team.act("li") as s:
        ceo = nurturing.add_pain(s, lead_id=lead_id, role="CEO", pain="Market share falling")
        coo = nurturing.add_pain(s, lead_id=lead_id, role="COO", pain="Outages", leads_to=ceo.id)
        noc = nurturing.add_pain(s, lead_id=lead_id, role="NOC lead", pain="No remote monitoring", leads_to=coo.id)
    with pytest.raises(ValidationError) as caught, team.act("li") as s:
        nurturing.update_pain(s, row_id=ceo.id, leads_to=noc.id)
    assert "circle" in caught.value.message
    with pytest.raises(ValidationError), team.act("li") as s:
        nurturing.add_pain(s, lead_id=lead_id, role="x", pain="y", leads_to=99_999)
    with team.act("li", write=False) as s:
        (root,) = nurturing.pain_chain(progress(s, lead_id).pains)
    assert root[0].role == "CEO" and root[1][0][0].role == "COO" and root[1][0][1][0][0].role == "NOC lead"
    with team.act("li") as s:
        nurturing.remove_pain(s, row_id=coo.id)  # NOC's pain now leads straight to the CEO's
    with team.act("li", write=False) as s:
        pains = {p.role: p for p in progress(s, lead_id).pains}
    assert pains["NOC lead"].leads_to_id == ceo.id


def test_reopening_a_step_reopens_the_ones_after_it(team):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms, upto=3)
    with team.act("li") as s:
        nurturing.reopen(s, lead_id=lead_id, step=2)
    assert [s.done for s in state(team, lead_id).steps] == [True, False, False, False, False, False]


# --- back to step 1 ------------------------------------------------------------------------------


def test_back_to_step_one_needs_a_reason(team):
    lead_id, _ = nurtured_lead(team)
    with pytest.raises(ValidationError) as caught, team.act("li") as s:
        nurturing.back_to_step_one(s, lead_id=lead_id, reason=" ")
    assert caught.value.field == "reason"
    assert state(team, lead_id).pass_no == 1


def test_back_to_step_one_keeps_the_earlier_pass_and_copies_its_rows(team):
    lead_id, kdms = nurtured_lead(team, kdms=2)
    work_steps(team, lead_id, kdms, upto=4)
    with team.act("li") as s:
        first = progress(s, lead_id).pains[0]
        nurturing.add_pain(s, lead_id=lead_id, role="NOC", pain="Blind spots", leads_to=first.id)
        nurturing.set_kdm(s, lead_id=lead_id, contact_id=kdms[0], notes="ally")
        assert nurturing.back_to_step_one(s, lead_id=lead_id, reason="A new competitor bid below cost") == 2

    old = state(team, lead_id, pass_no=1)
    assert (old.pass_no, old.current_pass) == (1, 2)
    assert [s.done for s in old.steps] == [True, True, True, True, False, False]
    assert old.passes[0].end_reason == "A new competitor bid below cost"
    new = state(team, lead_id)
    assert new.pass_no == 2 and new.done_count == 0 and new.current_step.number == 1
    # Copies, with the chain kept inside the new pass
    assert [p.role for p in new.pains] == [p.role for p in old.pains] == ["COO", "NOC"]
    assert {p.id for p in new.pains}.isdisjoint({p.id for p in old.pains})
    assert new.pains[1].leads_to_id == new.pains[0].id
    # KDMs carried, their stances cleared (to be won again), notes kept
    assert [k.contact.id for k in new.kdms] == [k.contact.id for k in old.kdms]
    assert not any(k.stance.interested or k.stance.acknowledges_pain for k in new.kdms)
    assert any(k.stance.notes == "ally" for k in new.kdms)
    assert [(c.name, c.locked) for c in new.competitors] == [("Rival Co", True)]
    # The earlier pass is read-only
    with pytest.raises(RuleViolation) as caught, team.act("li") as s:
        nurturing.update_pain(s, row_id=old.pains[0].id, pain="rewritten")
    assert "pass 1" in caught.value.message
    with pytest.raises(RuleViolation), team.act("li") as s:
        nurturing.update_competitor(s, competitor_id=old.competitors[0].id, strategy="changed")
    assert state(team, lead_id, pass_no=1).pains[0].pain == "outages"
    # And the new pass starts over at step 1
    mark(team, lead_id, 1)


# --- handover --------------------------------------------------------------------------------------


def test_handover_needs_all_six_steps(team):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms, upto=4)
    with pytest.raises(RuleViolation) as caught, team.act("li") as s:
        nurturing.handover(s, lead_id=lead_id, budget="2M", start="+3m")
    assert caught.value.message == "Handover needs all six steps done; still open: 5, 6."
    assert count(team.db, "opportunity") == 0


@pytest.mark.parametrize(("budget", "start", "missing"), [(None, "+3m", "budget"), ("2M", None, "start date"), ("", "", "budget and start date")])
def test_handover_needs_explicit_budget_and_start(team, budget, start, missing):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms)
    with pytest.raises(ValidationError) as caught, team.act("li") as s:
        nurturing.handover(s, lead_id=lead_id, budget=budget, start=start)
    assert caught.value.message.endswith(f"missing: {missing}.")
    with team.act("li", write=False) as s:
        assert s.get(Lead, lead_id).status == "nurturing"


def test_handover_carries_customer_triangle_kdms_and_competitors(team):
    lead_id, opp_id = handed_over(team, amount="1.8M")
    with team.act("ana", write=False) as s:
        lead = s.get(Lead, lead_id)
        opp = s.get(Opportunity, opp_id)
        mapped = s.exec(select(PowerMapEntry.contact_id).where(PowerMapEntry.opportunity_id == opp_id)).all()
        competitors = s.exec(select(Competitor).where(Competitor.opportunity_id == opp_id)).all()
        kdm_ids = [k.contact.id for k in progress(s, lead_id).kdms]
    assert lead.status == "converted" and (lead.budget_cents, lead.budget_start) == (200_000_000, opp.start_on)
    assert (opp.lead_id, opp.customer_id, opp.title, opp.stage) == (lead_id, lead.customer_id, lead.title, "verify")
    assert (opp.ar_id, opp.sr_id, opp.fr_id, opp.owner_id) == (team["bo"], team["li"], team["fay"], team["bo"])
    assert (opp.amount_cents, opp.budget_cents) == (180_000_000, 200_000_000)
    assert sorted(mapped) == sorted(kdm_ids) and len(kdm_ids) == 3
    assert [(c.name, c.strategy, c.locked) for c in competitors] == [("Rival Co", "win on delivery", True)]
    assert state(team, lead_id).passes[0].end_reason == "handover"
    with pytest.raises(RuleViolation), team.act("li") as s:  # no second handover
        nurturing.handover(s, lead_id=lead_id, budget="2M", start="+3m")
