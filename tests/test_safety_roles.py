"""Who may do what, and the audit trail that remembers who did.

Committee decisions: the meeting's chair or its named delegate only.
Verification: never by the submitter. Another owner's lead: anyone may edit,
the history says who. Settings and deactivating people: admins only. The
audit trail cannot be changed, even with SQL, and reads per record and as
`ltc audit` filtered by person, record and date.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import sqlalchemy as sa

from ltc_tui import clock
from ltc_tui.errors import PermissionDenied, RuleViolation
from ltc_tui.services import committee, leads, people, settings, verification

ANSWERS = dict(
    need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=True,
    relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
)


def _verified(team: Any, title: str = "Rural coverage", by: str = "li", verifier: str = "bo") -> int:
    with team.act(by) as s:
        lead_id = leads.add_lead(s, title=title, customer="Telmex", amount="1M").lead.id
    with team.act(verifier) as s:
        verification.verify_lead(s, lead_id=lead_id, answers=verification.make_answers(**ANSWERS))
    return lead_id


def _admin_only(team: Any) -> None:
    """dee: an admin who is not on the committee."""
    with team.act("ana") as s:
        team.ids["dee"] = people.add_person(s, handle="dee", name="Dee Admin", roles=["admin"]).id


# --- the committee --------------------------------------------------------------------------


def test_only_the_chair_or_the_named_delegate_decide_in_a_meeting(team):
    _admin_only(team)
    first, second, third = (_verified(team, t) for t in ("One", "Two", "Three"))
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, delegate="fay", attendees=["li", "bo"])

    for who in ("li", "bo", "sam", "dee"):  # attendees, staff, an admin: none of them decides
        with pytest.raises(PermissionDenied) as refused, team.act(who) as s:
            committee.decide(s, lead_id=first, kind="close", reason="no")
        assert f"chair of meeting #{meeting.id}" in refused.value.message
    with team.act("ana") as s:
        committee.decide(s, lead_id=first, kind="close", reason="Not real")
    with team.act("fay") as s:  # the delegate named when the meeting started
        committee.decide(s, lead_id=second, kind="defer")
    with pytest.raises(PermissionDenied), team.act("li") as s:
        committee.undo_last(s, meeting_id=meeting.id)
    # An admin may do the housekeeping when the chair is away, not the deciding.
    with team.act("dee") as s:
        committee.close_meeting(s, meeting_id=meeting.id, notes="Closed for Ana")
    with team.act(None, write=False) as s:
        decided = {d.lead_id: p for d, p in ((d, d.decided_by_id) for d, _ in committee.decisions_for_lead(s, first))}
        assert decided == {first: team["ana"]}
        assert [d.decided_by_id for d, _ in committee.decisions_for_lead(s, second)] == [team["fay"]]
        assert committee.decisions_for_lead(s, third) == []


def test_outside_a_meeting_only_a_chair_decides(team):
    _admin_only(team)
    lead_id = _verified(team)
    for who in ("li", "dee"):
        with pytest.raises(PermissionDenied) as refused, team.act(who) as s:
            committee.decide(s, lead_id=lead_id, kind="close", reason="no")
        assert "committee chair" in refused.value.message
    with team.act("ana") as s:
        committee.decide(s, lead_id=lead_id, kind="close", reason="Not real")


def test_the_shell_refuses_a_decision_in_one_line(ltc, team):
    lead_id = _verified(team)
    assert ltc("meeting", "start").exit_code == 0
    refused = ltc("lead", "decide", str(lead_id), "close", "--reason", "mine now", actor="li")
    assert refused.exit_code == 1
    assert refused.stderr.strip().count("\n") == 0 and "chair of meeting" in refused.stderr
    assert "Traceback" not in refused.output


# --- verification --------------------------------------------------------------------------------


def test_the_submitter_never_verifies_their_own_lead(team, ltc):
    with team.act("sam") as s:  # sam types it in for li: li is the submitter
        lead_id = leads.add_lead(s, title="Heard at the fair", customer="Claro", submitter="li").lead.id
    with pytest.raises(PermissionDenied), team.act("li") as s:
        verification.verify_lead(s, lead_id=lead_id, answers=verification.make_answers(**ANSWERS))
    shell = ltc("lead", "verify", str(lead_id), "--need-real", "--fits", "--urgent", "--procurement", "--funds",
                "--relationship", "2", "--fit", "2", "--maturity", "2", "--team", actor="li")
    assert shell.exit_code == 1 and "You submitted" in shell.stderr and "Traceback" not in shell.output
    with team.act(None, write=False) as s:
        assert leads.get_lead(s, lead_id).status == "submitted"
    with team.act("sam") as s:  # whoever typed it is not the submitter: sam may verify
        verification.verify_lead(s, lead_id=lead_id, answers=verification.make_answers(**ANSWERS))


# --- editing someone else's lead ---------------------------------------------------------------


def test_editing_another_owners_lead_is_allowed_and_shown(team, ltc):
    lead_id = _verified(team)
    with team.act("ana") as s:
        committee.decide(s, lead_id=lead_id, kind="nurture", owner="li", sr="li", ar="bo", fr="fay", next_review="+14d")
    edited = ltc("lead", "edit", str(lead_id), "--need", "Backhaul for 40 towns", actor="bo")  # li owns it
    assert edited.exit_code == 0, edited.output

    shown = ltc("lead", "show", str(lead_id), actor="ana")
    history = [ln for ln in shown.output.splitlines() if "need:" in ln]
    assert history and "bo" in history[0] and "Backhaul for 40 towns" in history[0]
    trail = json.loads(ltc("audit", "--record", f"lead:{lead_id}", "--person", "bo", "--json").output)
    assert [(e["actor"], e["new"]) for e in trail if e["field"] == "need"] == [("bo", "Backhaul for 40 towns")]


# --- admins ----------------------------------------------------------------------------------------


def test_only_an_admin_changes_settings(team, ltc):
    with pytest.raises(PermissionDenied), team.act("li") as s:
        settings.set_value(s, "stale_days", "10")
    refused = ltc("config", "stale_days", "10", actor="li")
    assert refused.exit_code == 1 and "admin" in refused.stderr
    assert ltc("config", "stale_days", "10", actor="ana").exit_code == 0
    with team.act(None, write=False) as s:
        assert settings.get(s, "stale_days") == 10


def test_deactivating_someone_is_for_admins_and_keeps_their_history(team, ltc):
    with team.act("sam") as s:
        leads.add_lead(s, title="Sam's lead", customer="Telmex")
    refused = ltc("person", "deactivate", "sam", actor="li")
    assert refused.exit_code == 1 and "admin" in refused.stderr
    done = ltc("person", "deactivate", "sam", actor="ana")
    assert done.exit_code == 0 and "no longer active" in done.output

    locked_out = ltc("lead", "list", actor="sam")
    assert locked_out.exit_code == 1 and "no longer active" in locked_out.stderr
    assert "sam" not in [p["handle"] for p in json.loads(ltc("person", "list", "--json").output)]
    assert "sam" in [p["handle"] for p in json.loads(ltc("person", "list", "--all", "--json").output)]
    listed = json.loads(ltc("lead", "list", "--json", actor="li").output)
    assert [r["submitter"] for r in listed] == ["sam"]  # their leads keep their name
    trail = json.loads(ltc("audit", "--record", f"person:{team['sam']}", "--json").output)
    assert [(e["actor"], e["old"], e["new"]) for e in trail if e["field"] == "active"] == [("ana", "yes", "no")]

    assert ltc("person", "activate", "sam", actor="ana").exit_code == 0
    assert ltc("lead", "list", actor="sam").exit_code == 0


def test_an_admin_cannot_lock_the_team_out(team):
    with pytest.raises(RuleViolation), team.act("ana") as s:
        people.set_active(s, person_id=team["ana"], active=False)
    _admin_only(team)
    with team.act("dee") as s:  # two admins: one may deactivate the other...
        people.set_active(s, person_id=team["ana"], active=False)
    with pytest.raises(RuleViolation) as refused, team.act("dee") as s:  # ...but not themselves
        people.set_active(s, person_id=team["dee"], active=False)
    assert "yourself" in refused.value.message


# --- the audit trail ---------------------------------------------------------------------------------


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET new = 'forged'", "DELETE FROM audit_event"])
def test_the_audit_trail_refuses_update_and_delete_even_in_sql(team, statement):
    with team.act("li") as s:
        leads.add_lead(s, title="Audited", customer="Telmex")
    with team.db.engine.connect() as conn:
        before = conn.execute(sa.text("SELECT count(*), max(new) FROM audit_event")).one()
    with pytest.raises(sa.exc.DBAPIError) as refused, team.db.engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert "append-only" in str(refused.value)
    with team.db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*), max(new) FROM audit_event")).one() == before


def test_ltc_audit_filters_by_person_record_and_date(team, ltc):
    clock.freeze(dt.date(2099, 3, 2))
    with team.act("li") as s:
        first = leads.add_lead(s, title="March lead", customer="Telmex").lead.id
    clock.freeze(dt.date(2099, 3, 9))
    with team.act("bo") as s:
        second = leads.add_lead(s, title="Later lead", customer="Claro").lead.id
        leads.update_lead(s, lead_id=first, need="Edited by Bo")
    clock.freeze(None)

    def trail(*args: str) -> list[dict[str, Any]]:
        result = ltc("audit", "--json", "--limit", "1000", *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    assert {e["actor"] for e in trail("--person", "li")} == {"li"}
    assert {e["record_id"] for e in trail("--record", f"lead:{first}")} == {first}
    assert {(e["entity"], e["record_id"]) for e in trail("--record", "lead")} == {("lead", first), ("lead", second)}
    march_2 = trail("--since", "2099-03-02", "--until", "2099-03-02")
    assert march_2 and {e["actor"] for e in march_2} == {"li"}
    assert {e["actor"] for e in trail("--since", "2099-03-09")} == {"bo"}
    assert trail("--person", "bo", "--record", f"lead:{first}")[0]["field"] == "need"
    table = ltc("audit", "--person", "bo")
    assert "Edited by Bo" in table.output
    for bad in (("--record", "lead:twelve"), ("--since", "last tuesday"), ("--record", "lead:99999999999999999999")):
        refused = ltc("audit", *bad)
        assert refused.exit_code == 2 and "Traceback" not in refused.output, refused.output
    assert ltc("audit", "--person", "nobody").exit_code == 1
