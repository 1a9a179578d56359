"""`ltc lead ...` through Typer's runner: the happy paths, and bad input as one
line naming the field and the fix, exit 2 for usage errors, 1 for refusals,
nothing written, never a traceback."""

from __future__ import annotations

import json

import pytest
from core_builders import add_contact, add_lead, count, customer_id, failed, ok, usage_error, verified_lead, verify

from ltc_tui.models import Lead
from ltc_tui.services import leads


def lead(team, lead_id):
    with team.act("ana", write=False) as s:
        return s.get(Lead, lead_id)


# --- add ---------------------------------------------------------------------------------------


def test_lead_add_prints_the_id_and_says_the_customer_was_created(ltc, team):
    out = ok(ltc("lead", "add", "Fibre backbone", "--customer", "Acme Telecom", "--amount", "1.2M", "--start", "2027-03",
                 "--source", "sales visit", "--need", "Outages every week", "--new-product", actor="sam"))
    assert out.strip() == "Added lead #1 'Fibre backbone' (tier B); new customer 'Acme Telecom' created."
    saved = lead(team, 1)
    assert (saved.submitter_id, saved.source, saved.expected_amount_cents, saved.new_product) == (team["sam"], "sales_visit", 120_000_000, True)


def test_a_known_customer_is_matched_case_insensitively_and_the_output_says_so(ltc, team):
    ok(ltc("lead", "add", "Fibre backbone", "--customer", "Acme Telecom"))
    out = ok(ltc("lead", "add", "Billing system", "-c", "ACME telecom"))
    assert out.strip() == "Added lead #2 'Billing system' (tier C) for existing customer 'Acme Telecom'."
    assert count(team.db, "customer") == 1


def test_a_possible_duplicate_is_warned_on_stderr_and_still_added(ltc, team):
    ok(ltc("lead", "add", "Fibre backbone", "--customer", "Acme"))
    result = ltc("lead", "add", "fibre backbone", "--customer", "acme", "--contact", "Bob <bob@acme.com>")
    assert "Added lead #2" in ok(result)
    assert "Possible duplicate: lead #1 'Fibre backbone' (submitted) has the same customer and a similar title." in result.stderr
    assert count(team.db, "lead") == 2


def test_lead_add_json(ltc):
    data = json.loads(ok(ltc("lead", "add", "Fibre", "--customer", "Acme", "--json")))
    assert data | {"possible_duplicates": None} == {
        "id": 1, "title": "Fibre", "customer": "Acme", "customer_created": True, "tier": "C", "status": "submitted",
        "possible_duplicates": None,
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--start", "2026-13-01"], ["start:", "'2026-13-01' is not a real calendar date"]),
        (["--start", "next spring"], ["start:", "write YYYY-MM-DD"]),
        (["--amount", "-5"], ["amount:", "cannot be negative"]),
        (["--amount", "loads"], ["amount:", "1.2M"]),
        (["--source", "pigeon"], ["source:", "'pigeon' is not one of", "sales_visit"]),
        (["--currency", "dollars"], ["currency:", "three letters"]),
        (["--date", "+1x"], ["date:"]),
        (["--contact", "bob@"], ["email:", "not an e-mail address"]),
        (["--by", "ghost"], ["ghost"]),
    ],
)
def test_lead_add_bad_input_is_one_line_and_writes_nothing(ltc, team, args, words):
    message = failed(ltc("lead", "add", "Fibre", "--customer", "Acme", *args), 1 if args[0] == "--by" else 2, *words)
    assert message.endswith(".") or message.endswith("list` shows who is.")
    assert (count(team.db, "lead"), count(team.db, "customer"), count(team.db, "contact")) == (0, 0, 0)


def test_lead_add_without_a_title_or_customer_outside_a_terminal(ltc, team):
    failed(ltc("lead", "add"), 2, "TITLE: a value is required.")
    failed(ltc("lead", "add", "Fibre"), 2, "--customer: a value is required.")
    failed(ltc("lead", "add", "  ", "--customer", "Acme"), 2, "TITLE: a value is required.")
    assert count(team.db, "lead") == 0


def test_lead_add_with_no_arguments_in_a_terminal_asks_for_the_fields(ltc, team, monkeypatch):
    from ltc_tui.cli import common

    monkeypatch.setattr(common, "interactive", lambda: True)
    answers = "CDMA450 rural coverage\nTelmex\nAna Ruiz <ana@telmex.mx>\ntech_exchange\n1.2M\n2027-03\nVillages without signal\n"
    result = ltc("lead", "add", input=answers, actor="sam")
    out = ok(result)
    for prompt in ("Title (what the customer needs)", "Customer", "Contact (Name <email>, optional)", "Source (",
                   "Expected amount", "Expected start", "The need or pain as heard"):
        assert prompt in out
    assert "Added lead #1 'CDMA450 rural coverage' (tier B); new customer 'Telmex' created." in out
    saved = lead(team, 1)
    assert (saved.source, saved.expected_amount_cents, str(saved.expected_start), saved.need) == (
        "tech_exchange", 120_000_000, "2027-03-01", "Villages without signal")


def test_prompted_fields_may_be_left_empty(ltc, team, monkeypatch):
    from ltc_tui.cli import common

    monkeypatch.setattr(common, "interactive", lambda: True)
    ok(ltc("lead", "add", input="Quick one\nAcme\n\n\n\n\n\n"))
    saved = lead(team, 1)
    assert (saved.contact_id, saved.source, saved.expected_amount_cents, saved.need) == (None, "other", None, None)


def test_an_unknown_actor_is_refused(ltc, team):
    failed(ltc("lead", "add", "Fibre", "--customer", "Acme", actor="mallory"), 1, "'mallory' is not on the team")
    assert count(team.db, "lead") == 0


def test_no_actor_says_how_to_name_one(ltc, team):
    failed(ltc("lead", "add", "Fibre", "--customer", "Acme", actor=None), 2, "Who is acting?", "--as")


def test_ltc_user_names_the_actor(ltc, team, monkeypatch):
    monkeypatch.setenv("LTC_USER", "li")
    ok(ltc("lead", "add", "Fibre", "--customer", "Acme", actor=None))
    assert lead(team, 1).submitter_id == team["li"]


# --- list and show ---------------------------------------------------------------------------


def test_lead_list_filters_and_counts(ltc, team):
    hot = verified_lead(team, title="Hot fibre", customer="Acme")
    add_lead(team, title="Fresh billing", customer="Bravo", source="partner")
    out = ok(ltc("lead", "list"))
    assert "Hot fibre" in out and "Fresh billing" in out and "2 of 2 leads shown." in out
    out = ok(ltc("lead", "list", "status:verified", "acme"))
    assert "Hot fibre" in out and "Fresh billing" not in out
    out = ok(ltc("lead", "list", "--source", "partner", "--sort", "id", "--asc"))
    assert "Fresh billing" in out and "1 of 1" in out
    data = json.loads(ok(ltc("lead", "list", "--json", "--temp", "hot")))
    assert [(r["id"], r["temperature"], r["expected_amount"]) for r in data] == [(hot, "hot", None)]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--status", "won"], ["status:", "'won' is not one of"]),
        (["--view", "everything"], ["view:"]),
        (["--sort", "colour"], ["sort:"]),
        (["tier:Z"], ["tier:"]),
        (["--owner", "ghost"], ["ghost"]),
    ],
)
def test_lead_list_bad_filters(ltc, args, words):
    failed(ltc("lead", "list", *args), 1 if args[0] == "--owner" else 2, *words)


def test_lead_list_limit_out_of_range_is_a_usage_error(ltc):
    usage_error(ltc("lead", "list", "--limit", "-1"), "--limit")


def test_lead_show_explains_tier_and_priority(ltc, team):
    lead_id = add_lead(team, title="Fibre backbone", amount="2M")
    out = ok(ltc("lead", "show", str(lead_id)))
    assert "Why tier B: customer standing normal +0; expected amount at least 1,000,000 +2;" in out
    assert "Not verified yet: someone other than the submitter must verify it" in out
    verify(team, lead_id, who="li")
    out = ok(ltc("lead", "show", str(lead_id)))
    assert "verified | class opportunity | temperature hot | tier B | priority 75" in out
    assert ("Why priority 75: temperature hot +40; can we win: relationship 2, solution fit 2, maturity 2 (of 3 each) +20; "
            "key team members available +5; competition weak +2; risk low +0; tier B +8.") in out
    assert "Why this class and temperature: opportunity lead: a real, fitting need and hot;" in out
    assert "Verified by li on" in out
    data = json.loads(ok(ltc("lead", "show", str(lead_id), "--json")))
    assert data["lead"]["priority"] == 75
    assert sum(r["points"] or 0 for r in data["priority_reasons"]) == 75
    assert data["tier"]["tier"] == "B" and data["verification"]["verifier_id"] == team["li"]


def test_lead_show_of_a_missing_lead(ltc):
    failed(ltc("lead", "show", "99"), 1, "No lead #99.")
    usage_error(ltc("lead", "show", "ninety-nine"), "lead_id")


# --- edit, tier, note -----------------------------------------------------------------------


def test_lead_edit(ltc, team):
    lead_id = add_lead(team, amount="10k")
    assert "Lead #1 saved" in ok(ltc("lead", "edit", str(lead_id), "--amount", "3M", "--title", "Bigger"))
    assert (lead(team, lead_id).title, lead(team, lead_id).tier) == ("Bigger", "B")
    usage_error(ltc("lead", "edit", str(lead_id)), "Nothing to change")
    failed(ltc("lead", "edit", str(lead_id), "--amount", "-3"), 2, "amount:")
    assert lead(team, lead_id).expected_amount_cents == 300_000_000


def test_a_stale_edit_is_refused_saying_who_changed_what(ltc, team):
    lead_id = add_lead(team, title="Fibre")
    ok(ltc("lead", "edit", str(lead_id), "--title", "Fibre phase 2", actor="li"))
    message = failed(ltc("lead", "edit", str(lead_id), "--need", "x", "--version", "1", actor="bo"), 1,
                     "changed by li", "title: Fibre -> Fibre phase 2", "Reload")
    assert lead(team, lead_id).need is None
    assert message


def test_lead_tier_override_needs_a_reason(ltc, team):
    lead_id = add_lead(team)
    failed(ltc("lead", "tier", str(lead_id), "A"), 2, "reason: a value is required.")
    assert ok(ltc("lead", "tier", str(lead_id), "A", "--reason", "Board-level account")).strip() == f"Lead #{lead_id} is tier A."
    out = ok(ltc("lead", "show", str(lead_id)))
    assert "Set by hand to A (computed C): Board-level account." in out
    ok(ltc("lead", "tier", str(lead_id), "auto"))
    assert lead(team, lead_id).effective_tier == "C"


def test_lead_note(ltc, team):
    lead_id = add_lead(team)
    ok(ltc("lead", "note", str(lead_id), "Called the CTO", actor="li"))
    assert "Called the CTO" in ok(ltc("lead", "show", str(lead_id)))
    failed(ltc("lead", "note", str(lead_id), "  "), 2, "note: a value is required.")


# --- verify ------------------------------------------------------------------------------------


VERIFY = ["--need-real", "--fits", "--urgent", "--funds", "--relationship", "2", "--fit", "2", "--maturity", "2", "--team",
          "--competition", "weak", "--risk", "low"]


def test_lead_verify(ltc, team):
    lead_id = add_lead(team, who="sam")
    cust = customer_id(team, lead_id)
    cto, eng = add_contact(team, cust, "CTO"), add_contact(team, cust, "Engineer", level="staff")
    result = ltc("lead", "verify", str(lead_id), *VERIFY, "--contact", str(cto), "--contact", str(eng), actor="li")
    out = ok(result)
    assert f"Lead #{lead_id} verified: opportunity lead, hot, priority 67." in out
    assert "Why priority 67:" in out and result.stderr == ""
    assert lead(team, lead_id).status == "verified"


def test_lead_verify_by_the_submitter_is_refused(ltc, team):
    lead_id = add_lead(team, who="sam")
    failed(ltc("lead", "verify", str(lead_id), *VERIFY, actor="sam"), 1,
           f"You submitted lead #{lead_id}, so you cannot verify it")
    failed(ltc("lead", "verify", str(lead_id), *VERIFY, "--preview", actor="sam"), 1, "cannot verify it")
    assert count(team.db, "verification") == 0
    assert lead(team, lead_id).status == "submitted"


def test_lead_verify_preview_saves_nothing(ltc, team):
    lead_id = add_lead(team)
    assert "would be: opportunity lead, hot" in ok(ltc("lead", "verify", str(lead_id), *VERIFY, "--preview", actor="li"))
    assert count(team.db, "verification") == 0


def test_lead_verify_bad_answers(ltc, team):
    lead_id = add_lead(team)
    failed(ltc("lead", "verify", str(lead_id), "--need-real", "--fits", actor="li"), 2, "--relationship: a value is required.")
    usage_error(ltc("lead", "verify", str(lead_id), *VERIFY[:4], "--relationship", "5", actor="li"), "--relationship")
    failed(ltc("lead", "verify", str(lead_id), *VERIFY[:-2], "--risk", "extreme", actor="li"), 2, "risk:", "low, medium, high")
    assert count(team.db, "verification") == 0


def test_lead_verify_json_and_warnings(ltc, team):
    lead_id = add_lead(team)
    data = json.loads(ok(ltc("lead", "verify", str(lead_id), *VERIFY, "--json", actor="li")))
    assert data == {"lead_id": lead_id, "saved": True, "class": "opportunity", "temperature": "hot", "priority": 67,
                    "warnings": ["No customer contacts recorded as consulted: cross verification asks for more than one level."]}


# --- decide --------------------------------------------------------------------------------------


def test_lead_decide_each_kind(ltc, team):
    a, b, c, d = (verified_lead(team, title=t) for t in ("Alpha deal", "Bravo matter", "Charlie item", "Delta thing"))
    assert ok(ltc("lead", "decide", str(a), "close", "--reason", "Built in-house")).strip() == f"Lead #{a} closed."
    out = ok(ltc("lead", "decide", str(b), "convert", "--budget", "1M", "--start", "2027-01", "--ar", "bo", "--sr", "li", "--fr", "fay"))
    assert out.strip() == f"Lead #{b} converted: opportunity #1 opened."
    assert ok(ltc("lead", "decide", str(c), "nurture", "--ar", "bo", "--sr", "li", "--fr", "fay", "--review", "+14d")).strip() == (
        f"Lead #{c} goes to nurturing.")
    assert ok(ltc("lead", "decide", str(d), "defer")).strip() == f"Lead #{d} deferred to the next meeting."
    assert [lead(team, x).status for x in (a, b, c, d)] == ["closed", "converted", "nurturing", "verified"]
    assert lead(team, c).owner_id == team["li"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["close"], 2, ["Closing a lead needs a reason (--reason)."]),
        (["convert", "--budget", "1M"], 2, ["missing: start date."]),
        (["convert", "--budget", "-1M", "--start", "+1m"], 2, ["budget:", "cannot be negative"]),
        (["nurture", "--ar", "bo", "--sr", "li"], 2, ["missing: FR, next review date."]),
        (["nurture", "--ar", "bo", "--sr", "li", "--fr", "fay", "--review", "2020-01-01"], 2, ["in the past"]),
        (["nurture", "--ar", "ghost", "--sr", "li", "--fr", "fay", "--review", "+1w"], 1, ["ghost"]),
    ],
)
def test_lead_decide_refusals(ltc, team, args, code, words):
    lead_id = verified_lead(team)
    failed(ltc("lead", "decide", str(lead_id), *args), code, *words)
    assert lead(team, lead_id).status == "verified"
    assert count(team.db, "decision") == 0


def test_lead_decide_on_an_unverified_lead_or_by_a_non_chair(ltc, team):
    fresh = add_lead(team)
    failed(ltc("lead", "decide", str(fresh), "close", "--reason", "x"), 1, f"Lead #{fresh} is not verified yet")
    ready = verified_lead(team, title="Something else")
    failed(ltc("lead", "decide", str(ready), "close", "--reason", "x", actor="li"), 1, "Only the committee chair")
    usage_error(ltc("lead", "decide", str(ready), "maybe"), "'maybe' is not one of")
    assert count(team.db, "decision") == 0


def test_lead_decide_json(ltc, team):
    lead_id = verified_lead(team)
    data = json.loads(ok(ltc("lead", "decide", str(lead_id), "convert", "--budget", "1M", "--start", "+1m", "--json")))
    assert data["kind"] == "convert" and data["opportunity_id"] == 1
    assert data["warnings"] == ["The new opportunity has no complete iron triangle yet: name its AR, SR and FR."]


def test_the_lead_file_lists_decisions_and_history(ltc, team):
    lead_id = verified_lead(team)
    ok(ltc("lead", "decide", str(lead_id), "close", "--reason", "Customer went with a rival"))
    out = ok(ltc("lead", "show", str(lead_id)))
    assert "Committee decisions" in out and "Customer went with a rival" in out
    assert "status: verified -> closed" in out and "status: submitted -> verified" in out
    with team.act("ana", write=False) as s:
        assert leads.get_lead(s, lead_id).close_reason == "Customer went with a rival"


def test_verify_in_a_script_needs_the_first_question_answered(ltc, team):
    from ltc_tui.services import leads

    with team.act("sam") as s:
        lead_id = leads.add_lead(s, title="Port cameras", customer="Harbour Co").lead.id
    result = ltc("lead", "verify", str(lead_id), "--relationship", "1", "--fit", "1", "--maturity", "1", actor="li")
    assert result.exit_code == 2
    assert "--need-real/--need-not-real: a value is required." in result.output
    with team.act("li", write=False) as s:
        assert leads.get_lead(s, lead_id).status == "submitted"
