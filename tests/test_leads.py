"""Lead capture: the lead file, customers matched or created, duplicate
warnings, tiers (computed, overridden with a reason), edits without lost
updates, and the pool query."""

from __future__ import annotations

import datetime as dt

import pytest
from core_builders import add_lead, count, verified_lead, verify

from ltc_tui import clock
from ltc_tui.errors import ConflictError, NotFound, RuleViolation, ValidationError
from ltc_tui.models import Lead
from ltc_tui.services import committee, customers, leads
from ltc_tui.services import settings as settings_service


def test_capture_records_the_lead_file(team):
    clock.freeze(dt.date(2026, 3, 2))
    with team.act("sam") as s:
        added = leads.add_lead(
            s, title="  CDMA450 rural   coverage ", customer="Telmex", contact="Ana Ruiz <ana.ruiz@telmex.mx>",
            source="tech-exchange", amount="1.2M", currency="mxn", start="2026-09", need="Villages without signal",
            has_offer="yes", new_solution=True,
        )
    lead = added.lead
    assert (lead.title, lead.source, lead.currency) == ("CDMA450 rural coverage", "tech_exchange", "MXN")
    assert (lead.expected_amount_cents, lead.expected_start) == (120_000_000, dt.date(2026, 9, 1))
    assert (lead.submitter_id, lead.submitted_on, lead.status) == (team["sam"], dt.date(2026, 3, 2), "submitted")
    assert lead.has_offer is True and lead.new_solution is True
    assert added.customer_created and added.contact_created
    assert added.contact.email == "ana.ruiz@telmex.mx"


def test_a_known_customer_is_matched_case_insensitively(team):
    add_lead(team, customer="Acme Telecom")
    with team.act("sam") as s:
        added = leads.add_lead(s, title="Billing", customer="  ACME   telecom ")
    assert not added.customer_created
    assert added.customer.name == "Acme Telecom"
    assert count(team.db, "customer") == 1


def test_currency_defaults_to_the_team_setting(team):
    with team.act("ana") as s:
        settings_service.set_value(s, "currency", "cny")
    with team.act("sam") as s:
        assert leads.add_lead(s, title="X", customer="Y").lead.currency == "CNY"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"customer": ""}, "customer"),
        ({"amount": "-300"}, "amount"),
        ({"amount": "lots"}, "amount"),
        ({"start": "2026-02-30"}, "start"),
        ({"start": "soonish"}, "start"),
        ({"source": "pigeon"}, "source"),
        ({"currency": "dollars"}, "currency"),
        ({"contact": "bob@"}, "email"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(team, changes, field):
    args = {"title": "Fibre", "customer": "Acme"} | changes
    with pytest.raises(ValidationError) as caught, team.act("sam") as s:
        leads.add_lead(s, **args)
    assert caught.value.field == field
    assert caught.value.exit_code == 2
    assert (count(team.db, "lead"), count(team.db, "customer"), count(team.db, "contact")) == (0, 0, 0)


def test_an_unknown_submitter_is_refused(team):
    with pytest.raises(NotFound), team.act("sam") as s:
        leads.add_lead(s, title="X", customer="Y", submitter="nobody")
    assert count(team.db, "lead") == 0


# --- duplicates -------------------------------------------------------------------------


def test_same_customer_and_similar_title_is_a_possible_duplicate(team):
    first = add_lead(team, title="Fibre backbone upgrade", customer="Acme")
    with team.act("li") as s:
        added = leads.add_lead(s, title="fibre backbone upgrade!", customer="ACME")
    assert [(d.lead_id, d.why) for d in added.duplicates] == [(first, "title")]
    assert count(team.db, "lead") == 2  # a warning, not a refusal


def test_a_similar_title_at_another_customer_is_not_a_duplicate(team):
    add_lead(team, title="Fibre backbone upgrade", customer="Acme")
    with team.act("li") as s:
        assert leads.add_lead(s, title="Fibre backbone upgrade", customer="Bravo").duplicates == []
        assert leads.add_lead(s, title="Billing system", customer="Acme").duplicates == []


def test_the_same_contact_email_is_a_possible_duplicate_even_under_another_customer_name(team):
    first = add_lead(team, title="Core network", customer="Acme", contact="Bob <bob@acme.com>")
    with team.act("li") as s:
        same_customer = leads.add_lead(s, title="Something else", customer="Acme", contact="bob@acme.com")
        other_name = leads.add_lead(s, title="Data centre", customer="Acme Holdings", contact="Bob <BOB@acme.com>")
    assert [(d.lead_id, d.why) for d in same_customer.duplicates] == [(first, "email")]
    assert first in [d.lead_id for d in other_name.duplicates if d.why == "email"]


def test_a_closed_lead_still_counts_as_a_duplicate(team):
    first = verified_lead(team, title="Fibre backbone", customer="Acme")
    with team.act("ana") as s:
        committee.decide(s, lead_id=first, kind="close", reason="not now")
    with team.act("sam") as s:
        dups = leads.add_lead(s, title="Fibre backbone", customer="Acme").duplicates
    assert [(d.lead_id, d.status) for d in dups] == [(first, "closed")]


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Fibre backbone", "FIBRE  backbone!", True),
        ("CDMA450 rural coverage", "CDMA450 rural coverage phase 2", True),
        ("Core network", "Core netwrok", True),
        ("Core network", "Billing system", False),
        ("Radio", "Billing", False),
        ("!!!", "!!!", False),
    ],
)
def test_similar_titles(a, b, similar):
    assert leads.similar_titles(a, b) is similar


# --- tier ------------------------------------------------------------------------------


def test_tier_is_computed_from_standing_scale_and_novelty(team):
    with team.act("ana") as s:
        customers.add_customer(s, name="Big State Telco", standing="strategic")
    assert _tier(team, add_lead(team, customer="Big State Telco", new_product=True)) == "A"  # 3 + 1
    assert _tier(team, add_lead(team, title="Small thing", customer="Big State Telco")) == "B"  # 3
    assert _tier(team, add_lead(team, customer="Corner Shop", amount="10k")) == "C"


def _tier(team, lead_id):
    with team.act("ana", write=False) as s:
        return leads.get_lead(s, lead_id).effective_tier


def test_the_tier_can_be_overridden_with_a_reason_and_returned_to_the_rule(team):
    lead_id = verified_lead(team, amount="10k")
    with team.act("ana") as s:
        before = leads.get_lead(s, lead_id).priority
        lead = leads.override_tier(s, lead_id=lead_id, tier="a", reason="CEO's personal account")
        assert (lead.tier, lead.tier_override, lead.effective_tier) == ("C", "A", "A")
        assert lead.priority == before + 15
    with team.act("ana") as s:
        lead = leads.override_tier(s, lead_id=lead_id, tier="auto", reason=None)
        assert (lead.tier_override, lead.tier_override_reason, lead.effective_tier, lead.priority) == (None, None, "C", before)


def test_an_override_without_a_reason_is_refused(team):
    lead_id = add_lead(team)
    with pytest.raises(ValidationError) as caught, team.act("ana") as s:
        leads.override_tier(s, lead_id=lead_id, tier="A", reason="  ")
    assert caught.value.field == "reason"
    with pytest.raises(ValidationError), team.act("ana") as s:
        leads.override_tier(s, lead_id=lead_id, tier="D", reason="because")
    assert _tier(team, lead_id) == "C"


def test_the_database_refuses_an_override_without_a_reason(team):
    lead_id = add_lead(team)
    with pytest.raises(ValidationError), team.act("ana") as s:
        s.get(Lead, lead_id).tier_override = "A"
        s.flush()


def test_editing_the_inputs_recomputes_the_tier(team):
    lead_id = add_lead(team, amount="10k")
    with team.act("li") as s:
        assert leads.update_lead(s, lead_id=lead_id, amount="3M").tier == "B"
        assert leads.update_lead(s, lead_id=lead_id, customer="Other Co", new_business_model=True).tier == "B"


# --- edits -----------------------------------------------------------------------------------


def test_a_stale_edit_is_refused_naming_who_changed_what(team):
    lead_id = add_lead(team, title="Fibre backbone")
    with team.act("li") as s:
        assert leads.update_lead(s, lead_id=lead_id, expected_version=1, title="Fibre backbone phase 1").version == 2
    with pytest.raises(ConflictError) as caught, team.act("bo") as s:
        leads.update_lead(s, lead_id=lead_id, expected_version=1, need="they said so")
    error = caught.value
    assert error.current_version == 2
    assert "li" in error.message
    assert "title: Fibre backbone -> Fibre backbone phase 1" in error.message
    with team.act("ana", write=False) as s:
        lead = s.get(Lead, lead_id)
        assert (lead.need, lead.version) == (None, 2)


def test_finished_leads_cannot_be_edited(team):
    lead_id = verified_lead(team)
    with team.act("ana") as s:
        committee.decide(s, lead_id=lead_id, kind="close", reason="lost interest")
    with pytest.raises(RuleViolation), team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, title="Reopened?")


def test_unknown_fields_are_refused(team):
    lead_id = add_lead(team)
    with pytest.raises(ValidationError), team.act("li") as s:
        leads.update_lead(s, lead_id=lead_id, priority=100)


def test_a_missing_lead_is_not_found(team):
    with pytest.raises(NotFound) as caught, team.act("li") as s:
        leads.update_lead(s, lead_id=999, title="x")
    assert caught.value.exit_code == 1


def test_a_note_restarts_the_stale_clock(team):
    clock.freeze(dt.date(2026, 1, 1))
    lead_id = add_lead(team)
    clock.freeze(dt.date(2026, 3, 1))
    with team.act("li") as s:
        leads.add_note(s, lead_id=lead_id, body="Called the CTO")
    with team.act("ana", write=False) as s:
        assert s.get(Lead, lead_id).last_activity_at.date() == dt.date(2026, 3, 1)
    with pytest.raises(ValidationError), team.act("li") as s:
        leads.add_note(s, lead_id=lead_id, body="   ")


# --- the pool ----------------------------------------------------------------------------------


def test_query_filters_sorts_and_pages(team):
    hot = verified_lead(team, title="Hot one", customer="Acme")
    cold = verified_lead(team, title="Cold one", customer="Bravo", urgent=False, funds_committed=False)
    fresh = add_lead(team, title="Fresh one", customer="Acme", source="partner")
    with team.act("ana", write=False) as s:
        def ids(text="", **kw):
            return [r.id for r in leads.query_leads(s, leads.parse_filter(text, leads.LeadQuery(**kw)))]

        assert ids() == [hot, cold, fresh]  # priority, highest first; none last
        assert ids("status:verified") == [hot, cold]
        assert ids("temp:hot") == [hot]
        assert ids("source:partner") == [fresh]
        assert ids("acme") == [hot, fresh]
        assert ids("customer:bravo") == [cold]
        assert ids("sort:-id") == [fresh, cold, hot]
        assert ids("sort:id") == [hot, cold, fresh]
        assert ids("owner:none view:to_verify") == [fresh]
        assert ids(limit=1, offset=1) == [cold]
        assert leads.count_leads(s, leads.parse_filter("status:verified")) == 2


@pytest.mark.parametrize("text", ["status:won", "temp:boiling", "tier:Z", "view:everything", "sort:colour"])
def test_bad_filters_name_the_field(team, text):
    with pytest.raises(ValidationError), team.act("ana", write=False) as s:
        leads.query_leads(s, leads.parse_filter(text))


def test_stale_view_uses_the_stale_days_setting(team):
    clock.freeze(dt.date(2026, 1, 1))
    lead_id = add_lead(team)
    clock.freeze(dt.date(2026, 1, 21))
    with team.act("ana") as s:
        assert leads.query_leads(s, leads.LeadQuery(view="stale")) == []
        settings_service.set_value(s, "stale_days", "14")
    with team.act("ana", write=False) as s:
        assert [r.id for r in leads.query_leads(s, leads.LeadQuery(view="stale"))] == [lead_id]


def test_verified_leads_show_in_to_verify_only_until_verified(team):
    lead_id = add_lead(team)
    with team.act("li", write=False) as s:
        assert [r.id for r in leads.query_leads(s, leads.LeadQuery(view="to_verify", me_id=team["li"]))] == [lead_id]
    with team.act("sam", write=False) as s:  # not your own
        assert leads.query_leads(s, leads.LeadQuery(view="to_verify", me_id=team["sam"])) == []
    verify(team, lead_id)
    with team.act("li", write=False) as s:
        assert leads.query_leads(s, leads.LeadQuery(view="to_verify")) == []
