"""Customer visits, and visits per customer-facing person per week against the target."""

from __future__ import annotations

import datetime as dt

import pytest
from core_builders import add_lead, count

from ltc_tui import clock
from ltc_tui.errors import NotFound, ValidationError
from ltc_tui.models import Lead
from ltc_tui.services import customers, visits
from ltc_tui.services import settings as settings_service

WEDNESDAY = dt.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(WEDNESDAY)


def visit(team, who="bo", **kw):
    with team.act(who) as s:
        return visits.add_visit(s, **({"customer": "Acme"} | kw))


@pytest.fixture
def acme(team):
    with team.act("ana") as s:
        return customers.add_customer(s, name="Acme").id


def test_a_visit_records_who_whom_why_and_what_came_of_it(team, acme):
    v = visit(team, kind="tech-exchange", contacts=["Ana Ruiz <ana@acme.com>", "ana@acme.com", ""],
              objective="Show the CDMA450 demo", outcome="They want a pilot", next_step="Send pilot plan")
    with team.act("ana", write=False) as s:
        (row,) = visits.list_visits(s, customer="acme")
    assert (row.person.handle, row.visit.kind, row.visit.visited_on) == ("bo", "tech_exchange", WEDNESDAY)
    assert [c.name for c in row.contacts] == ["Ana Ruiz"]
    assert (row.visit.outcome, row.visit.next_step) == ("They want a pilot", "Send pilot plan")
    assert v.id == row.visit.id


@pytest.mark.parametrize(
    ("kw", "error"),
    [
        ({"visited_on": "2026-06-11"}, ValidationError),  # tomorrow
        ({"kind": "lunch"}, ValidationError),
        ({"customer": "Nobody"}, NotFound),
        ({"person": "ghost"}, NotFound),
        ({"contacts": ["99999"]}, ValidationError),  # no such contact
    ],
)
def test_bad_visits_are_refused(team, acme, kw, error):
    with pytest.raises(error):
        visit(team, **kw)
    assert count(team.db, "visit") == 0


def test_a_visit_about_a_lead_restarts_its_stale_clock(team, acme):
    clock.freeze(dt.date(2026, 5, 1))
    lead_id = add_lead(team, customer="Acme")
    other = add_lead(team, title="Elsewhere", customer="Bravo")
    clock.freeze(WEDNESDAY)
    with pytest.raises(ValidationError) as caught:
        visit(team, lead_id=other)
    assert caught.value.field == "lead"
    visit(team, lead_id=lead_id, visited_on="2026-06-08")
    with team.act("ana", write=False) as s:
        assert s.get(Lead, lead_id).last_activity_at.date() == WEDNESDAY


def test_the_week_counts_visits_per_customer_facing_person_against_six(team, acme):
    clock.freeze(dt.date(2026, 6, 14))
    for day in ("2026-06-08", "2026-06-09", "2026-06-14"):  # Monday, Tuesday, Sunday
        visit(team, who="bo", visited_on=day)
    visit(team, who="bo", visited_on="2026-06-07")  # the Sunday before: last week
    visit(team, who="sam", visited_on="2026-06-09")  # staff who visited count too
    with team.act("ana", write=False) as s:
        start, end, rows = visits.week_counts(s, day=WEDNESDAY)
    assert (start, end) == (dt.date(2026, 6, 8), dt.date(2026, 6, 14))
    assert [(r.person.handle, r.visits, r.target, r.met) for r in rows] == [
        ("bo", 3, 6, False), ("sam", 1, 6, False), ("fay", 0, 6, False), ("li", 0, 6, False),
    ]
    with team.act("ana") as s:
        settings_service.set_value(s, "visit_target_weekly", "3")
    with team.act("ana", write=False) as s:
        assert visits.week_counts(s, day=WEDNESDAY)[2][0].met
