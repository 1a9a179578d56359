"""`ltc meeting ...`, `ltc lead step ...` and `ltc lead handover` through Typer's runner."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from core_builders import count, failed, nurtured_lead, ok, usage_error, verified_lead, work_steps

from ltc_tui import clock
from ltc_tui.models import Lead

D0 = dt.date(2026, 4, 6)
COLD = {"urgent": False, "funds_committed": False}


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(D0)


def status(team, lead_id):
    with team.act("ana", write=False) as s:
        return s.get(Lead, lead_id).status


def test_a_meeting_from_queue_to_minutes(ltc, team, tmp_path):
    hot = verified_lead(team, title="Hot fibre", customer="Acme")
    cold = verified_lead(team, title="Cold billing", customer="Bravo", **COLD)
    out = ok(ltc("meeting", "queue"))
    assert out.index("Hot fibre") < out.index("Cold billing") and "verified, awaiting a decision" in out
    queue = json.loads(ok(ltc("meeting", "queue", "--json")))
    assert [(q["lead_id"], q["priority"], q["reason"]) for q in queue] == [
        (hot, 67, "verified, awaiting a decision"), (cold, 37, "verified, awaiting a decision")]

    assert ok(ltc("meeting", "start", "-a", "li", "-a", "bo", "--delegate", "li")).strip() == (
        "Meeting #1 started with 2 lead(s) on the agenda.")
    failed(ltc("meeting", "start"), 1, "Meeting #1 is still open")
    ok(ltc("lead", "decide", str(hot), "nurture", "--ar", "bo", "--sr", "li", "--fr", "fay", "--review", "+14d", actor="li"))
    failed(ltc("lead", "decide", str(cold), "close", "--reason", "x", actor="bo"), 1,
           "Only the chair of meeting #1 (or its named delegate) may record its decisions.")
    ok(ltc("lead", "decide", str(cold), "close", "--reason", "No budget"))
    assert ok(ltc("meeting", "undo", "1")).strip() == f"Undone: close on lead #{cold}."
    assert status(team, cold) == "verified"
    ok(ltc("lead", "decide", str(cold), "defer"))
    listed = json.loads(ok(ltc("meeting", "list", "--json")))
    assert [(m["id"], m["status"], m["agenda"], m["decided"]) for m in listed] == [(1, "open", 2, 2)]
    assert ok(ltc("meeting", "close", "1", "--notes", "Short meeting")).strip() == (
        "Meeting #1 closed: 0 closed, 0 converted, 1 nurtured, 1 deferred, 0 undecided.")
    failed(ltc("meeting", "undo", "1"), 1, "Meeting #1 is closed.")

    text = ok(ltc("meeting", "minutes", "1"))
    assert text.startswith("# Lead committee meeting #1: minutes") and "Short meeting" in text
    assert f"#{hot} Hot fibre (Acme)" in text and "- **Decision:** nurture" in text
    target = tmp_path / "minutes.md"
    assert ok(ltc("meeting", "minutes", "1", "-o", str(target))).strip() == f"Minutes written to {target}."
    assert target.read_text(encoding="utf-8") == text


def test_meeting_refusals(ltc, team):
    failed(ltc("meeting", "start", actor="sam"), 1, "chair a committee meeting")
    failed(ltc("meeting", "start", "-a", "ghost"), 1, "ghost")
    failed(ltc("meeting", "start", "--date", "someday"), 2, "date:")
    failed(ltc("meeting", "undo", "7"), 1, "No meeting #7.")
    failed(ltc("meeting", "minutes", "7"), 1, "No meeting #7.")
    assert count(team.db, "meeting") == 0
    meeting_id = ok(ltc("meeting", "start")).split("#")[1].split()[0]  # PostgreSQL sequences skip refused inserts
    failed(ltc("meeting", "undo", meeting_id), 1, f"Meeting #{meeting_id} has no decision to undo.")


def test_the_steps_from_the_shell(ltc, team):
    lead_id, kdms = nurtured_lead(team, kdms=2)
    failed(ltc("lead", "step", "done", str(lead_id), "1", actor="li"), 1,
           "Step 1 is not done yet: add at least one row to the pain table")
    out = ok(ltc("lead", "step", "pain", str(lead_id), "--role", "COO", "--pain", "Outages", "--kpi", "uptime", actor="li"))
    assert out.strip() == f"Pain #1 added to lead #{lead_id}."
    ok(ltc("lead", "step", "pain", str(lead_id), "--role", "NOC", "--pain", "Blind spots", "--leads-to", "1", actor="li"))
    failed(ltc("lead", "step", "pain-edit", "1", "--leads-to", "2", actor="li"), 2, "would make the chain a circle")
    assert ok(ltc("lead", "step", "done", str(lead_id), "1", actor="li")).strip() == f"Lead #{lead_id}: step pain_chain done."
    failed(ltc("lead", "step", "done", str(lead_id), "3", actor="li"), 1, "Step 3 cannot be done before step 2")
    failed(ltc("lead", "step", "done", str(lead_id), "9", actor="li"), 2, "step:")
    ok(ltc("lead", "step", "kdm", str(lead_id), str(kdms[0]), "--interested", actor="li"))
    failed(ltc("lead", "step", "done", str(lead_id), "2", actor="li"), 1, "1 of 2 KDMs interested; 2 needed.")
    ok(ltc("lead", "step", "kdm", str(lead_id), str(kdms[1]), "--interested", "--ack", actor="li"))
    failed(ltc("lead", "step", "kdm", str(lead_id), str(kdms[1]), "--vote", "perhaps", actor="li"), 2, "vote:")
    ok(ltc("lead", "step", "done", str(lead_id), "kdm_interest", actor="li"))
    ok(ltc("lead", "step", "competitor", str(lead_id), "Rival Co", "--strategy", "references", actor="li"))
    ok(ltc("lead", "step", "competitor", str(lead_id), "rival co", "--locked", actor="li"))  # updates the same one
    ok(ltc("lead", "step", "notes", str(lead_id), "5", "A network that pays for itself", actor="li"))

    out = ok(ltc("lead", "step", "show", str(lead_id)))
    assert f"Lead #{lead_id}" in out and "pass 1 (current pass 1)" in out
    assert "Pain table" in out and "Pain chain" in out and "└ NOC: Blind spots" in out
    assert "Key decision makers" in out and "Competitors" in out and "references" in out
    data = json.loads(ok(ltc("lead", "step", "show", str(lead_id), "--json")))
    assert data["current_step"] == 3 and [s["done"] for s in data["steps"]] == [True, True, False, False, False, False]
    assert [c["name"] for c in data["competitors"]] == ["Rival Co"] and data["competitors"][0]["locked"] is True
    assert data["steps"][4]["notes"] == "A network that pays for itself"

    failed(ltc("lead", "step", "back", str(lead_id), "--reason", " ", actor="li"), 2, "reason")
    assert ok(ltc("lead", "step", "back", str(lead_id), "-r", "Rival bid below cost", actor="li")).strip() == (
        f"Lead #{lead_id} is back at step 1 (pass 2); the earlier pass is kept.")
    old = json.loads(ok(ltc("lead", "step", "show", str(lead_id), "--pass", "1", "--json")))
    assert (old["pass"], old["current_pass"], old["steps"][0]["done"]) == (1, 2, True)
    assert "Pass 1 went back to step 1 on 2026-04-06: Rival bid below cost" in ok(ltc("lead", "step", "show", str(lead_id)))


def test_the_steps_of_a_lead_not_in_nurturing(ltc, team):
    lead_id = verified_lead(team)
    failed(ltc("lead", "step", "pain", str(lead_id), "--role", "COO", "--pain", "x", actor="li"), 1,
           f"Lead #{lead_id} is verified, not in nurturing.")
    assert count(team.db, "pain_row") == 0


def test_handover_from_the_shell(ltc, team):
    lead_id, kdms = nurtured_lead(team)
    work_steps(team, lead_id, kdms, upto=5)
    failed(ltc("lead", "handover", str(lead_id), "--budget", "2M", "--start", "+3m", actor="li"), 1,
           "Handover needs all six steps done; still open: 6.")
    work_steps(team, lead_id, kdms, upto=0)
    for k in kdms:
        ok(ltc("lead", "step", "kdm", str(lead_id), str(k), "--vote", "for", actor="li"))
    ok(ltc("lead", "step", "done", str(lead_id), "6", actor="li"))
    failed(ltc("lead", "handover", str(lead_id), "--budget", "2M", actor="li"), 2, "missing: start date.")
    failed(ltc("lead", "handover", str(lead_id), "--budget", "2M", "--start", "June", actor="li"), 2, "start:")
    assert count(team.db, "opportunity") == 0
    assert ok(ltc("lead", "handover", str(lead_id), "--budget", "2M", "--start", "+3m", actor="li")).strip() == (
        f"Lead #{lead_id} handed over: opportunity #1 opened.")
    assert status(team, lead_id) == "converted"
    out = ok(ltc("opp", "show", "1"))
    assert "AR bo / SR li / FR fay" in out and "Rival Co" in out and f"#{lead_id}" in out
    for n in range(1, 4):
        assert f"KDM {n}" in out  # the decision makers on the power map
    failed(ltc("lead", "handover", str(lead_id), "--budget", "2M", "--start", "+3m", actor="li"), 1, "not in nurturing")


def test_decide_inside_a_closed_meeting_is_refused(ltc, team):
    lead_id = verified_lead(team)
    ok(ltc("meeting", "start"))
    ok(ltc("meeting", "close", "1"))
    failed(ltc("lead", "decide", str(lead_id), "defer", "--meeting", "1"), 1, "Meeting #1 is closed.")
    usage_error(ltc("lead", "decide", str(lead_id), "defer", "--meeting", "one"), "--meeting")
