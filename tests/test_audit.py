"""Every change records an audit event naming the acting person (which
record and field, old -> new); the trail is append-only; a stale save says
who changed what."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from core_builders import add_lead, handed_over, opportunity, to_negotiation, verify
from sqlmodel import select

from ltc_tui import clock
from ltc_tui.errors import ConflictError, LtcError
from ltc_tui.models import AuditEvent
from ltc_tui.services import audit, committee, customers, leads, opportunities
from ltc_tui.services import settings as settings_service


def events(team, **where):
    with team.act("ana", write=False) as s:
        stmt = select(AuditEvent).order_by(AuditEvent.id)
        for key, value in where.items():
            stmt = stmt.where(getattr(AuditEvent, key) == value)
        return s.exec(stmt).all()


def test_capture_records_who_created_what(team):
    lead_id = add_lead(team, who="sam", title="Fibre backbone", customer="Acme")
    created = {(e.entity, e.action, e.actor_id, e.new) for e in events(team, action="create")}
    assert ("lead", "create", team["sam"], "Fibre backbone") in created
    assert ("customer", "create", team["sam"], "Acme") in created
    (event,) = events(team, entity="lead", record_id=lead_id)
    assert (event.record_version, event.at.tzinfo is not None) == (1, True)


def test_an_edit_records_field_old_and_new(team):
    clock.freeze(dt.date(2026, 7, 1))
    lead_id = add_lead(team, title="Fibre backbone", amount="100k")
    with team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, title="Fibre backbone phase 2", amount="5M")
    changes = {(e.field, e.old, e.new, e.actor_id, e.record_version) for e in events(team, entity="lead", action="update")}
    assert ("title", "Fibre backbone", "Fibre backbone phase 2", team["li"], 2) in changes
    assert ("expected_amount_cents", "10000000", "500000000", team["li"], 2) in changes
    assert ("tier", "C", "B", team["li"]) in {c[:4] for c in changes}
    assert not {f for f, *_ in changes} & {"version", "updated_at", "last_activity_at"}


def test_every_step_of_a_lead_names_its_actor(team):
    lead_id, opp_id = handed_over(team)
    to_negotiation(team, opp_id)
    with team.act("bo") as s:
        opportunities.mark_won(s, opportunity_id=opp_id)
    with team.act("ana") as s:
        settings_service.set_value(s, "stale_days", "10")
    trail = [e for e in events(team) if e.entity not in ("person", "person_role")]  # the team fixture's setup
    assert trail and all(e.actor_id is not None for e in trail)
    entities = {e.entity for e in trail}
    assert {"lead", "verification", "decision", "nurture_pass", "step_record", "pain_row", "kdm_stance", "competitor",
            "opportunity", "stage_change", "gate_record", "contract", "setting"} <= entities
    status_changes = [(e.new, e.actor_id) for e in trail if e.entity == "lead" and e.field == "status"]
    assert status_changes == [("verified", team["li"]), ("nurturing", team["ana"]), ("converted", team["li"])]
    assert lead_id


def test_history_filters_by_record_person_and_date(team):
    clock.freeze(dt.date(2026, 7, 1))
    first = add_lead(team, who="sam")
    clock.freeze(dt.date(2026, 7, 3))
    verify(team, first, who="li")
    with team.act("ana", write=False) as s:
        by_li = audit.history(s, person="li")
        on_lead = audit.lead_history(s, first)
        early = audit.history(s, until=dt.date(2026, 7, 2))
        late = audit.history(s, since=dt.date(2026, 7, 2))
    assert by_li and {r.actor for r in by_li} == {"li"}
    assert on_lead[0].event.id > on_lead[-1].event.id  # newest first
    assert {r.event.entity for r in on_lead} == {"lead"}
    assert {r.actor for r in early} == {"sam"}
    assert {r.actor for r in late} - {None} == {"li"}  # None: the team set up without an actor


def test_the_trail_is_append_only(team):
    add_lead(team)
    before = [(e.id, e.new) for e in events(team)]
    for sql in ("UPDATE audit_event SET new = 'forged'", "DELETE FROM audit_event"):
        with pytest.raises(LtcError), team.act("ana") as s:
            s.execute(sa.text(sql))
    assert [(e.id, e.new) for e in events(team)] == before


def test_a_stale_save_names_who_changed_what(team):
    with team.act("ana") as s:
        customer = customers.add_customer(s, name="Telmex")
    with team.act("li") as s:
        customers.update_customer(s, customer_id=customer.id, expected_version=1, standing="key", region="North")
    with pytest.raises(ConflictError) as caught, team.act("bo") as s:
        customers.update_customer(s, customer_id=customer.id, expected_version=1, industry="Telecom")
    message = caught.value.message
    assert message.startswith(f"customer #{customer.id} was changed by li since you opened it (version 1 -> 2)")
    assert "standing: normal -> key" in message and "region: - -> North" in message
    with team.act("bo") as s:  # the current version goes through
        customers.update_customer(s, customer_id=customer.id, expected_version=2, industry="Telecom")


def test_a_conflict_on_a_decision_leaves_the_lead_as_it_was(team):
    lead_id = add_lead(team)
    verify(team, lead_id)
    with team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, need="more detail")
    with pytest.raises(ConflictError), team.act("ana") as s:
        committee.decide(s, lead_id=lead_id, kind="close", reason="x", expected_version=2)
    with team.act("ana", write=False) as s:
        assert leads.get_lead(s, lead_id).status == "verified"


def test_an_opportunity_made_outside_the_pipeline_is_audited_too(team):
    opp_id = opportunity(team)
    assert [(e.action, e.actor_id) for e in events(team, entity="opportunity", record_id=opp_id)] == [("create", team["ana"])]
