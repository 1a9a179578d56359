"""The lead committee: the review queue, meetings, each decision with the data
it needs, who may decide, undo, and the minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from core_builders import add_contact, add_lead, count, customer_id, nurture, verified_lead, verify
from sqlmodel import select

from ltc_tui import clock
from ltc_tui.errors import PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models import Decision, Lead, Opportunity
from ltc_tui.services import committee
from ltc_tui.services import settings as settings_service
from ltc_tui.services.documents import minutes_markdown

D0 = dt.date(2026, 4, 6)  # a Monday
WARM = {"funds_committed": False}
COLD = {"urgent": False, "funds_committed": False}


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(D0)


def decide(team, lead_id, kind, who="ana", **kw):
    with team.act(who) as s:
        return committee.decide(s, lead_id=lead_id, kind=kind, **kw)


def lead(team, lead_id):
    with team.act("ana", write=False) as s:
        return s.get(Lead, lead_id)


# --- decisions and their data ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["close", "convert", "nurture", "defer"])
def test_a_lead_not_yet_verified_cannot_be_decided(team, kind):
    lead_id = add_lead(team)
    with pytest.raises(RuleViolation) as caught:
        decide(team, lead_id, kind, reason="r", budget="1M", start="+1m", ar="bo", sr="li", fr="fay", next_review="+14d")
    assert "not verified yet" in caught.value.message
    assert count(team.db, "decision") == 0
    assert lead(team, lead_id).status == "submitted"


def test_close_needs_a_reason(team):
    lead_id = verified_lead(team)
    with pytest.raises(ValidationError) as caught:
        decide(team, lead_id, "close", reason="   ")
    assert caught.value.field == "reason"
    assert count(team.db, "decision") == 0
    decide(team, lead_id, "close", reason="Need not real: they built it in-house")
    closed = lead(team, lead_id)
    assert (closed.status, closed.close_reason, closed.closed_on) == ("closed", "Need not real: they built it in-house", D0)


def test_the_database_refuses_a_close_decision_without_a_reason(team):
    lead_id = verified_lead(team)
    with pytest.raises(ValidationError), team.act("ana") as s:
        s.add(Decision(lead_id=lead_id, kind="close", decided_by_id=team["ana"]))
        s.flush()
    with pytest.raises(ValidationError), team.act("ana") as s:
        s.add(Decision(lead_id=lead_id, kind="nurture", decided_by_id=team["ana"], owner_id=team["li"]))
        s.flush()


@pytest.mark.parametrize(
    ("budget", "start", "missing"),
    [(None, None, "budget and start date"), ("1M", None, "start date"), (None, "2026-09", "budget"), ("", "", "budget and start date")],
)
def test_convert_needs_budget_and_start(team, budget, start, missing):
    lead_id = verified_lead(team)
    with pytest.raises(ValidationError) as caught:
        decide(team, lead_id, "convert", budget=budget, start=start)
    assert caught.value.message.endswith(f"missing: {missing}.")
    assert count(team.db, "opportunity") == 0
    assert lead(team, lead_id).status == "verified"


def test_convert_opens_an_opportunity_with_the_triangle(team):
    lead_id = verified_lead(team, amount="900k")
    result = decide(team, lead_id, "convert", budget="1.2M", start="2026-09-01", ar="bo", sr="li", fr="fay")
    assert result.warnings == []
    converted = lead(team, lead_id)
    assert (converted.status, converted.budget_cents, converted.budget_start) == ("converted", 120_000_000, dt.date(2026, 9, 1))
    with team.act("ana", write=False) as s:
        opp = s.get(Opportunity, result.opportunity_id)
    assert (opp.lead_id, opp.customer_id, opp.stage) == (lead_id, converted.customer_id, "verify")
    assert (opp.ar_id, opp.sr_id, opp.fr_id) == (team["bo"], team["li"], team["fay"])
    assert (opp.budget_cents, opp.amount_cents, opp.start_on) == (120_000_000, 90_000_000, dt.date(2026, 9, 1))


def test_convert_without_a_triangle_warns(team):
    lead_id = verified_lead(team)
    assert decide(team, lead_id, "convert", budget="1M", start="+2m").warnings == ["warn.convert.no_triangle"]


@pytest.mark.parametrize(
    ("people", "review", "missing"),
    [
        ({}, None, "owner, AR, SR, FR, next review date"),
        ({"ar": "bo", "sr": "li"}, "+14d", "FR"),
        ({"ar": "bo", "fr": "fay"}, "+14d", "owner, SR"),
        ({"ar": "bo", "sr": "li", "fr": "fay"}, None, "next review date"),
    ],
)
def test_nurture_needs_owner_whole_triangle_and_next_review(team, people, review, missing):
    lead_id = verified_lead(team)
    with pytest.raises(ValidationError) as caught:
        decide(team, lead_id, "nurture", next_review=review, **people)
    assert caught.value.message.endswith(f"missing: {missing}.")
    assert lead(team, lead_id).status == "verified"
    assert count(team.db, "nurture_pass") == 0


def test_nurture_owner_defaults_to_the_sr_and_starts_the_six_steps(team):
    lead_id = add_lead(team)
    cto = add_contact(team, customer_id(team, lead_id), "CTO")
    add_contact(team, customer_id(team, lead_id), "Engineer", role="evaluator")
    verify(team, lead_id)
    decide(team, lead_id, "nurture", ar="bo", sr="li", fr="fay", next_review="+14d")
    nurtured = lead(team, lead_id)
    assert (nurtured.status, nurtured.owner_id, nurtured.sr_id) == ("nurturing", team["li"], team["li"])
    assert (nurtured.ar_id, nurtured.fr_id, nurtured.next_review_on) == (team["bo"], team["fay"], D0 + dt.timedelta(days=14))
    assert (count(team.db, "nurture_pass"), count(team.db, "step_record")) == (1, 6)
    with team.act("ana", write=False) as s:
        from ltc_tui.services.nurturing import progress

        assert [k.contact.id for k in progress(s, lead_id).kdms] == [cto]  # decision makers become KDMs


def test_an_explicit_owner_is_kept(team):
    lead_id = verified_lead(team)
    decide(team, lead_id, "nurture", owner="bo", ar="bo", sr="li", fr="fay", next_review="+7d")
    assert lead(team, lead_id).owner_id == team["bo"]


def test_a_review_date_in_the_past_is_refused(team):
    lead_id = verified_lead(team)
    with pytest.raises(ValidationError) as caught:
        decide(team, lead_id, "nurture", ar="bo", sr="li", fr="fay", next_review="2026-01-01")
    assert "in the past" in caught.value.message


def test_unknown_people_in_a_decision_are_refused(team):
    lead_id = verified_lead(team)
    with pytest.raises(Exception) as caught:
        decide(team, lead_id, "nurture", ar="nobody", sr="li", fr="fay", next_review="+7d")
    assert "nobody" in str(caught.value)
    assert count(team.db, "decision") == 0


def test_defer_changes_nothing_and_keeps_the_lead_in_the_next_queue(team):
    lead_id = verified_lead(team)
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, attendees=["li"])
    decide(team, lead_id, "defer", notes="waiting for their budget round")
    assert lead(team, lead_id).status == "verified"
    with team.act("ana") as s:
        committee.close_meeting(s, meeting_id=meeting.id)
    clock.freeze(D0 + dt.timedelta(days=14))
    with team.act("ana") as s:
        assert lead_id in [e.lead_id for e in committee.review_queue(s)]
        second = committee.start_meeting(s)
        assert [e.lead_id for e in committee.agenda(s, second.id)] == [lead_id]


def test_a_decided_lead_cannot_be_decided_again(team):
    lead_id = verified_lead(team)
    decide(team, lead_id, "close", reason="no")
    with pytest.raises(RuleViolation) as caught:
        decide(team, lead_id, "defer")
    assert "already closed" in caught.value.message


def test_a_nurtured_lead_can_be_decided_again_at_its_review(team):
    lead_id = verified_lead(team)
    nurture(team, lead_id)
    decide(team, lead_id, "nurture", ar="bo", sr="li", fr="fay", owner="li", next_review="+30d")
    assert lead(team, lead_id).next_review_on == D0 + dt.timedelta(days=30)
    decide(team, lead_id, "convert", budget="3M", start="+2m")
    assert lead(team, lead_id).status == "converted"


# --- who decides ------------------------------------------------------------------------------


def test_only_the_chair_may_start_a_meeting(team):
    with pytest.raises(PermissionDenied), team.act("sam") as s:
        committee.start_meeting(s)
    assert count(team.db, "meeting") == 0


def test_decisions_only_by_the_chair_or_the_meetings_delegate(team):
    first, second, third = (verified_lead(team, title=t) for t in ("One thing", "Second matter", "Third item"))
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, attendees=["li", "bo"], delegate="li")
    decide(team, first, "defer", who="ana")
    decide(team, second, "close", who="li", reason="not a fit")  # the delegate
    with pytest.raises(PermissionDenied) as caught:
        decide(team, third, "close", who="bo", reason="I think so")  # an attendee, not the delegate
    assert f"meeting #{meeting.id}" in caught.value.message
    assert lead(team, third).status == "verified"


def test_outside_a_meeting_only_a_chair_decides(team):
    lead_id = verified_lead(team)
    with pytest.raises(PermissionDenied) as caught:
        decide(team, lead_id, "close", who="li", reason="x")
    assert caught.value.key == "error.decide.no_role"
    decide(team, lead_id, "close", who="ana", reason="x")


def test_one_meeting_at_a_time_and_a_closed_one_takes_no_decisions(team):
    lead_id = verified_lead(team)
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    with pytest.raises(RuleViolation), team.act("ana") as s:
        committee.start_meeting(s)
    with team.act("ana") as s:
        committee.close_meeting(s, meeting_id=meeting.id, notes="short one")
    with pytest.raises(RuleViolation) as caught:
        decide(team, lead_id, "defer", meeting_id=meeting.id)
    assert "closed" in caught.value.message
    with pytest.raises(RuleViolation), team.act("ana") as s:
        committee.close_meeting(s, meeting_id=meeting.id)


# --- the queue ------------------------------------------------------------------------------


def test_the_review_queue_holds_verified_and_due_leads_by_priority(team):
    hot = verified_lead(team, title="Hot lead")  # priority 67
    cold = verified_lead(team, title="Cold lead", **COLD)  # 37
    add_lead(team, title="Not verified")
    closed = verified_lead(team, title="Closed one")
    decide(team, closed, "close", reason="no")
    due = verified_lead(team, title="Due for review", **WARM)  # 52
    nurture(team, due, review="+7d")
    later = verified_lead(team, title="Review later")
    nurture(team, later, review="+30d")

    with team.act("ana", write=False) as s:
        assert [e.lead_id for e in committee.review_queue(s)] == [hot, cold]
    clock.freeze(D0 + dt.timedelta(days=7))
    with team.act("ana", write=False) as s:
        queue = committee.review_queue(s)
    assert [(e.lead_id, e.priority) for e in queue] == [(hot, 67), (due, 52), (cold, 37)]
    assert [e.reason_key for e in queue] == ["queue.verified", "queue.review_due", "queue.verified"]
    assert queue[1].reason_params == {"date": "2026-04-13"}


def test_an_owned_lead_nobody_follows_up_returns_to_the_queue(team):
    lead_id = verified_lead(team)
    nurture(team, lead_id, review="+90d")
    with team.act("ana") as s:
        settings_service.set_value(s, "stale_days", "10")
    clock.freeze(D0 + dt.timedelta(days=9))
    with team.act("ana", write=False) as s:
        assert committee.review_queue(s) == []
    clock.freeze(D0 + dt.timedelta(days=12))
    with team.act("ana", write=False) as s:
        (entry,) = committee.review_queue(s)
    assert (entry.lead_id, entry.reason_key, entry.reason_params) == (lead_id, "queue.unattended", {"days": 12})


def test_the_agenda_is_the_queue_when_the_meeting_starts(team):
    first = verified_lead(team, title="First")
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    later = verified_lead(team, title="Came in later")
    decide(team, later, "defer")  # decided in the meeting: added to its agenda
    with team.act("ana", write=False) as s:
        entries = committee.agenda(s, meeting.id)
    assert [(e.lead_id, e.reason_key) for e in entries] == [(first, "queue.verified"), (later, "queue.added")]
    assert entries[0].decision is None and entries[1].decision.kind == "defer"


# --- undo ----------------------------------------------------------------------------------------


def test_undo_takes_back_the_last_decision_and_keeps_it_on_record(team):
    a = verified_lead(team, title="Lead A")
    b = verified_lead(team, title="Lead B")
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    decide(team, a, "close", reason="no need")
    decide(team, b, "nurture", ar="bo", sr="li", fr="fay", next_review="+14d")
    with team.act("ana") as s:
        undone = committee.undo_last(s, meeting_id=meeting.id)
    assert undone.lead_id == b
    restored = lead(team, b)
    assert (restored.status, restored.owner_id, restored.ar_id, restored.next_review_on) == ("verified", None, None, None)
    assert lead(team, a).status == "closed"
    with team.act("ana") as s:
        assert committee.undo_last(s, meeting_id=meeting.id).lead_id == a
    back = lead(team, a)
    assert (back.status, back.close_reason, back.closed_on) == ("verified", None, None)
    with pytest.raises(RuleViolation), team.act("ana") as s:
        committee.undo_last(s, meeting_id=meeting.id)
    with team.act("ana", write=False) as s:
        decisions = s.exec(select(Decision).order_by(Decision.id)).all()
    assert [(d.kind, d.undone_by_id is not None) for d in decisions] == [("close", True), ("nurture", True)]
    # The lead can be decided afresh.
    decide(team, b, "defer")


def test_undoing_a_convert_removes_the_fresh_opportunity(team):
    lead_id = verified_lead(team)
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    decide(team, lead_id, "convert", budget="1M", start="+1m", ar="bo", sr="li", fr="fay")
    assert count(team.db, "opportunity") == 1
    with team.act("ana") as s:
        committee.undo_last(s, meeting_id=meeting.id)
    assert count(team.db, "opportunity") == 0
    assert lead(team, lead_id).status == "verified"


def test_undo_is_the_chairs(team):
    lead_id = verified_lead(team)
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    decide(team, lead_id, "close", reason="x")
    with pytest.raises(PermissionDenied), team.act("bo") as s:
        committee.undo_last(s, meeting_id=meeting.id)
    assert lead(team, lead_id).status == "closed"


# --- minutes -------------------------------------------------------------------------------------


def test_minutes_record_date_chair_attendees_and_each_decision(team):
    a = verified_lead(team, title="Lead A", customer="Acme")
    b = verified_lead(team, title="Lead B", customer="Bravo")
    c = verified_lead(team, title="Lead C", customer="Charlie")
    d = verified_lead(team, title="Lead D", customer="Delta")
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, attendees=["li", "bo"], delegate="li")
    decide(team, a, "close", reason="Built in-house")
    decide(team, b, "nurture", ar="bo", sr="li", fr="fay", next_review="+14d", notes="Push for a CTO meeting")
    decide(team, c, "convert", budget="1.2M", start="2026-09-01")
    with team.act("ana") as s:
        committee.close_meeting(s, meeting_id=meeting.id, notes="Good session")
        text = minutes_markdown(committee.minutes(s, meeting.id))
    assert text.startswith(f"# Lead committee meeting #{meeting.id}: minutes")
    assert "- **Date:** 2026-04-06" in text
    assert "- **Chair:** Ana Chair \\(ana\\)" in text
    assert "- **Delegate:** Li Wei \\(li\\)" in text
    assert "Bo Account \\(bo\\)" in text and "- **Status:** closed" in text
    assert "1 closed, 1 converted, 1 to nurturing, 0 deferred, 1 not decided." in text
    assert f"### 1. #{a} Lead A (Acme)" in text
    assert "- **Reason:** Built in\\-house" in text
    assert "- **Assigned:** owner Li Wei \\(li\\); AR Bo Account \\(bo\\); SR Li Wei \\(li\\); FR Fay Fulfil \\(fay\\)" in text
    assert "- **Next review:** 2026-04-20" in text
    assert "- **Notes:** Push for a CTO meeting" in text
    assert "- **Budget / start:** 1,200,000 / 2026-09-01" in text
    assert f"#{d} Lead D" in text and "- **Decision:** not decided" in text
    assert text.rstrip().endswith("Good session")


def test_minutes_escape_hostile_text(team):
    lead_id = verified_lead(team, title="# Heading [link](http://evil.example) <script>", customer="\x1b[31mRed | Corp")
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    decide(team, lead_id, "close", reason="*bold*\n## injected heading\n- [x] done")
    with team.act("ana", write=False) as s:
        text = minutes_markdown(committee.minutes(s, meeting.id))
    assert "\x1b" not in text and "\\\\x1b\\[31mRed \\| Corp" in text
    assert "<script>" not in text and "](http" not in text
    assert "\\# Heading \\[link\\]\\(http://evil.example\\) \\<script\\>" in text
    assert "\\*bold\\* \\#\\# injected heading \\- \\[x\\] done" in text
    # No line that the user wrote starts a heading or a list item.
    for line in text.splitlines():
        if "injected" in line or "evil" in line:
            assert line.startswith(("### ", "- **"))


def test_a_convert_cannot_be_undone_once_the_opportunity_was_worked_on(team):
    from ltc_tui.services import opportunities

    lead_id = verified_lead(team)
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
    opp_id = decide(team, lead_id, "convert", budget="1M", start="+1m", ar="bo", sr="li", fr="fay").opportunity_id
    with team.act("li") as s:
        opportunities.update_opportunity(s, opportunity_id=opp_id, our_strengths="Local team")
    with pytest.raises(RuleViolation) as caught, team.act("ana") as s:
        committee.undo_last(s, meeting_id=meeting.id)
    assert "has been worked on" in caught.value.message
    assert lead(team, lead_id).status == "converted" and count(team.db, "opportunity") == 1


def test_the_next_meeting_is_due_one_cadence_after_the_last(team):
    import datetime as dt

    from ltc_tui import clock
    from ltc_tui.services import committee, settings

    clock.freeze(dt.date(2026, 5, 4))
    with team.act("ana") as s:
        assert committee.next_meeting_due(s) == dt.date(2026, 5, 4)
        committee.start_meeting(s)
        assert committee.next_meeting_due(s) == dt.date(2026, 5, 18)
        settings.set_value(s, "meeting_cadence_days", "7")
        assert committee.next_meeting_due(s) == dt.date(2026, 5, 11)
