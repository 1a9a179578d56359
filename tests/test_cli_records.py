"""`ltc person|customer|contact|opp|contract|visit|config|audit|db|version`
through Typer's runner: each group's happy path and its bad inputs."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from core_builders import add_lead, count, failed, ok, opportunity, to_negotiation, usage_error

from ltc_tui import clock
from ltc_tui.models import Contract, Customer, Opportunity
from ltc_tui.services import settings as settings_service

TODAY = dt.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(TODAY)


# --- person -------------------------------------------------------------------------------


def test_person_add_list_show_roles(ltc, team):
    out = ok(ltc("person", "add", "Kim", "Kim Park", "-r", "ar", "-r", "fr", "--email", "kim@example.com"))
    assert out.strip() == "Added Kim Park (kim): staff, ar, fr."
    assert "kim" in ok(ltc("person", "list")) and "Kim Park" in ok(ltc("person", "show", "KIM"))
    assert ok(ltc("person", "roles", "kim", "--add", "sr", "--remove", "fr")).strip() == "kim: staff, ar, sr."
    data = json.loads(ok(ltc("person", "show", "kim", "--json")))
    assert (data["email"], data["roles"]) == ("kim@example.com", ["staff", "ar", "sr"])


@pytest.mark.parametrize(
    ("args", "actor", "code", "words"),
    [
        (["add", "bad handle", "X"], "ana", 2, ["handle:", "lower-case letters"]),
        (["add", "kim", "Kim", "-r", "boss"], "ana", 2, ["role:", "'boss' is not one of"]),
        (["add", "li", "Another Li"], "ana", 2, ["already someone with the handle 'li'"]),
        (["add", "kim", "Kim"], "li", 1, ["Only someone with the role admin"]),
        (["roles", "li", "--add", "chair"], "li", 1, ["admin"]),
        (["roles", "ana", "--remove", "admin"], "ana", 1, ["You cannot remove your own admin role."]),
        (["show", "ghost"], "ana", 1, ["No one on the team is called 'ghost'"]),
    ],
)
def test_person_refusals(ltc, team, args, actor, code, words):
    before = count(team.db, "person"), count(team.db, "person_role")
    failed(ltc("person", *args, actor=actor), code, *words)
    assert (count(team.db, "person"), count(team.db, "person_role")) == before


def test_person_me_saves_who_you_are(ltc, team):
    failed(ltc("person", "me", actor=None), 1, "Nobody is saved as you on this machine: ltc person me HANDLE.")
    assert ok(ltc("person", "me", "li", actor=None)).strip() == "Saved: you are li on this machine."
    assert ok(ltc("person", "me", actor=None)).strip() == "You are Li Wei (li)."
    ok(ltc("lead", "add", "Saved actor", "--customer", "Acme", actor=None))
    with team.act("ana", write=False) as s:
        from ltc_tui.services.leads import get_lead

        assert get_lead(s, 1).submitter_id == team["li"]
    failed(ltc("person", "me", "ghost", actor=None), 1, "ghost")


# --- customer and contact ---------------------------------------------------------------------


def test_customer_commands(ltc, team):
    assert ok(ltc("customer", "add", "Telmex", "--standing", "key", "--industry", "Telecom")).strip() == (
        "Added customer #1 Telmex (key).")
    failed(ltc("customer", "add", "TELMEX"), 2, "There is already a customer called 'TELMEX'.")
    failed(ltc("customer", "add", "Other", "--standing", "vip"), 2, "standing:", "strategic, key, normal")
    ok(ltc("customer", "edit", "telmex", "--region", "North"))
    failed(ltc("customer", "edit", "telmex", "--standing", "huge"), 2, "standing:")
    failed(ltc("customer", "edit", "Nobody"), 1, "No customer 'Nobody'")
    ok(ltc("customer", "budget", "Telmex", "--amount", "50M", "--year", "2027"))
    failed(ltc("customer", "budget", "Telmex", "--amount", "-5"), 2, "budget:")
    out = ok(ltc("customer", "show", "telmex"))
    assert "Telmex" in out and "key" in out and "known 50,000,000" in out and "North" in out
    data = json.loads(ok(ltc("customer", "list", "--json")))
    assert [(c["name"], c["budget_known"], c["budget"], c["budget_year"]) for c in data] == [("Telmex", True, "50000000.00", 2027)]
    ok(ltc("customer", "budget", "Telmex", "--unknown"))
    with team.act("ana", write=False) as s:
        assert s.get(Customer, 1).budget_known is False
    failed(ltc("customer", "edit", "telmex", "--region", "South", "--version", "1"), 1, "changed by ana")


def test_contact_commands(ltc, team):
    ok(ltc("customer", "add", "Telmex"))
    out = ok(ltc("contact", "add", "telmex", "Ana Ruiz", "--title", "CTO", "--email", "Ana@Telmex.mx",
                 "--level", "executive", "--role", "decision-maker", "--influence", "high", "--attitude", "supporter"))
    assert out.strip() == "Added contact #1 Ana Ruiz at Telmex."
    failed(ltc("contact", "add", "telmex", "Someone", "--email", "ana@telmex.mx"), 2, "already a contact")
    failed(ltc("contact", "add", "telmex", "Someone", "--email", "not-an-email"), 2, "email:")
    failed(ltc("contact", "add", "telmex", "Someone", "--role", "king"), 2, "role:")
    failed(ltc("contact", "add", "nobody", "Someone"), 1, "No customer 'nobody'")
    ok(ltc("contact", "edit", "1", "--attitude", "champion"))
    failed(ltc("contact", "edit", "1", "--attitude", "ecstatic"), 2, "attitude:")
    failed(ltc("contact", "show", "9"), 1, "No contact #9.")
    assert "champion" in ok(ltc("contact", "show", "1"))
    data = json.loads(ok(ltc("contact", "list", "telmex", "--json")))
    assert [(c["name"], c["email"], c["decision_role"], c["customer"]) for c in data] == [
        ("Ana Ruiz", "ana@telmex.mx", "decision_maker", "Telmex")]
    assert count(team.db, "contact") == 1


# --- opportunities ---------------------------------------------------------------------------------


def test_opportunity_commands(ltc, team):
    assert ok(ltc("opp", "add", "Core refresh", "--customer", "Acme", "--amount", "1.5M", "--ar", "bo", "--sr", "li",
                  "--fr", "fay")).strip() == "Opened opportunity #1 Core refresh."
    failed(ltc("opp", "stage", "1", "initiation"), 1, "Cannot move to initiation: initiation has not been approved")
    failed(ltc("opp", "gate", "1", "initiation", actor="bo"), 1, "someone other than its AR")
    ok(ltc("opp", "gate", "1", "initiation", "--approver", "ana", actor="bo"))
    assert ok(ltc("opp", "stage", "1", "value presentation", actor="bo")).strip() == "Opportunity #1 is at value presentation (50%)."
    failed(ltc("opp", "gate", "1", "bid", "--workload", "30", "--price", "1.4M", actor="bo"), 1, "is the FR's")
    failed(ltc("opp", "gate", "1", "bid", "--price", "1.4M", actor="fay"), 2, "workload days:")
    failed(ltc("opp", "gate", "1", "bid", "--workload", "30", "--price", "-1", actor="fay"), 2, "price:")
    failed(ltc("opp", "gate", "1", "bid", "--result", "meh", actor="fay"), 2, "result:")
    ok(ltc("opp", "gate", "1", "bid", "--result", "fail", "--workload", "300", "--price", "1.4M", "--notes", "Undeliverable", actor="fay"))
    failed(ltc("opp", "stage", "1", "bid", actor="bo"), 1, "the FR's review failed: Undeliverable")
    ok(ltc("opp", "gate", "1", "bid", "--workload", "90", "--price", "2M", actor="fay"))
    ok(ltc("opp", "stage", "1", "bid", actor="bo"))
    failed(ltc("opp", "won", "1", actor="bo"), 1, "won from negotiation and signing")
    failed(ltc("opp", "stage", "1", "negotiation", actor="bo"), 1, "scope of work is not agreed")
    ok(ltc("opp", "gate", "1", "signing", "--notes", "SOW v2", actor="bo"))
    ok(ltc("opp", "stage", "1", "negotiation", actor="bo"))
    failed(ltc("opp", "stage", "1", "won", actor="bo"), 2, "use `ltc opp won`")
    out = ok(ltc("opp", "won", "1", "--number", "ACME-1", "--po", "PO-9", actor="bo"))
    assert out.strip() == "Opportunity #1 won: contract ACME-1 created."
    show = ok(ltc("opp", "show", "1"))
    assert "Stage history" in show and "Gates" in show and "won" in show and "Undeliverable" in show
    with team.act("ana", write=False) as s:
        assert s.get(Contract, 1).value_cents == 150_000_000


def test_opportunity_lost_needs_a_reason(ltc, team):
    opp_id = opportunity(team)
    failed(ltc("opp", "lost", str(opp_id)), 2, "Marking an opportunity lost needs a reason.")
    ok(ltc("opp", "lost", str(opp_id), "-r", "Price"))
    with team.act("ana", write=False) as s:
        assert s.get(Opportunity, opp_id).stage == "lost"
    failed(ltc("opp", "lost", str(opp_id), "-r", "Again"), 1, "is lost: it can no longer change")


def test_opportunity_edit_cover_list_pipeline(ltc, team):
    opp_id = opportunity(team)
    usage_error(ltc("opp", "edit", str(opp_id)), "Nothing to change")
    failed(ltc("opp", "edit", str(opp_id), "--probability", "150"), 2, "probability:")
    ok(ltc("opp", "edit", str(opp_id), "--strengths", "Local team", "--market", "Rural 4G push", "--probability", "15"))
    ok(ltc("contact", "add", "Acme Telecom", "CTO", "--role", "decision_maker"))
    failed(ltc("opp", "cover", str(opp_id), "1", "--by", "sam"), 1, "sam is not in this opportunity's iron triangle.")
    ok(ltc("opp", "cover", str(opp_id), "1", "--by", "bo"))
    show = ok(ltc("opp", "show", str(opp_id)))
    assert "Our unique strengths: Local team" in show and "Market: Rural 4G push" in show and "(set by hand)" in show
    assert "Core refresh" in ok(ltc("opp", "list"))
    failed(ltc("opp", "list", "stage:closing"), 2, "stage:")
    pipeline = {r["stage"]: r for r in json.loads(ok(ltc("opp", "pipeline", "--json")))}
    assert (pipeline["verify"]["count"], pipeline["verify"]["amount"]) == (1, "1500000.00")


# --- contracts -------------------------------------------------------------------------------


def test_contract_commands(ltc, team):
    ok(ltc("customer", "add", "Telmex"))
    assert ok(ltc("contract", "add", "-c", "telmex", "--title", "Phase 1", "--value", "1M", "--number", "TMX-1",
                  "--signed", "2026-02-02", "--fr", "fay")).strip() == "Contract TMX-1 added."
    failed(ltc("contract", "add", "-c", "telmex", "--title", "X", "--value", "-1"), 2, "value:")
    failed(ltc("contract", "add", "-c", "telmex", "--title", "X", "--value", "1", "--signed", "2026-02-31"), 2, "signed on:")
    failed(ltc("contract", "milestone", "TMX-1", "Design", "--planned", "2026-01-01"), 2, "planned:", "before the contract was signed")
    ok(ltc("contract", "milestone", "TMX-1", "Design", "--planned", "2026-03-01"))
    ok(ltc("contract", "milestone", "TMX-1", "1", "--done", "--actual", "2026-03-05"))
    failed(ltc("contract", "invoice", "TMX-1", "F1", "--amount", "600k", "--issued", "2026-03-10", "--due", "2026-03-01"), 2, "due:")
    ok(ltc("contract", "invoice", "TMX-1", "F1", "--amount", "600k", "--issued", "2026-03-10", "--due", "2026-04-10"))
    failed(ltc("contract", "invoice", "TMX-1", "F2", "--amount", "500k"), 1, "would exceed the contract value", "--confirm")
    assert "Payment #1 recorded." in ok(ltc("contract", "pay", "TMX-1", "--amount", "600k", "--due", "2026-04-10", "--invoice", "F1"))
    ok(ltc("contract", "pay", "TMX-1", "--amount", "400k", "--due", "2026-07-01", "--final"))
    failed(ltc("contract", "receive", "1", "--date", "2026-07-01"), 2, "received:", "in the future")
    ok(ltc("contract", "receive", "1", "--date", "2026-04-12"))
    failed(ltc("contract", "receive", "2"), 1, "would exceed what is invoiced", "--confirm")
    ok(ltc("contract", "dispute", "TMX-1", "Coverage below spec"))
    with team.act("ana", write=False) as s:
        assert s.get(Contract, 1).status == "disputed"
    failed(ltc("contract", "close", "TMX-1", "--write-off", "400k", "--reason", "x"), 1, "open dispute")
    ok(ltc("contract", "dispute", "TMX-1", "--resolve", "1", "--resolution", "Extra site"))
    failed(ltc("contract", "close", "TMX-1"), 1, "still has 400,000 USD to collect")
    failed(ltc("contract", "close", "TMX-1", "--write-off", "400k"), 2, "A write-off needs a reason.")
    assert ok(ltc("contract", "close", "TMX-1", "--write-off", "400k", "--reason", "Goodwill")).strip() == "Contract TMX-1 closed."
    show = ok(ltc("contract", "show", "TMX-1"))
    assert "closed" in show and "Goodwill" in show and "Milestones" in show and "Invoices" in show and "Payments" in show
    failed(ltc("contract", "show", "NOPE"), 1, "No contract 'NOPE'.")


def test_a_won_opportunitys_contract_shows_overdue_payments(ltc, team):
    clock.freeze(dt.date(2026, 4, 1))
    opp_id = opportunity(team)
    to_negotiation(team, opp_id)
    clock.freeze(TODAY)
    ok(ltc("opp", "won", str(opp_id), "--signed", "2026-05-01", "--value", "1M", actor="bo"))
    ok(ltc("contract", "invoice", "1", "F1", "--amount", "1M", "--issued", "2026-05-02"))
    ok(ltc("contract", "pay", "1", "--amount", "300k", "--due", "2026-06-01"))
    assert "OVERDUE x1" in ok(ltc("contract", "list", "overdue"))
    data = json.loads(ok(ltc("contract", "list", "--json")))
    assert [(r["overdue"], r["outstanding"]) for r in data] == [(True, "1000000.00")]


# --- visits -------------------------------------------------------------------------------


def test_visit_commands(ltc, team):
    add_lead(team, customer="Acme")
    assert ok(ltc("visit", "add", "acme", "--kind", "executive", "--met", "Ana Ruiz <ana@acme.com>", "--lead", "1",
                  "--outcome", "Pilot agreed", actor="bo")).strip() == "Visit #1 on 2026-06-10 recorded."
    failed(ltc("visit", "add", "acme", "--date", "2026-06-11"), 2, "date:", "in the future")
    failed(ltc("visit", "add", "acme", "--kind", "lunch"), 2, "kind:")
    failed(ltc("visit", "add", "nobody"), 1, "No customer 'nobody'")
    assert "Pilot agreed" in ok(ltc("visit", "list", "--who", "bo"))
    week = json.loads(ok(ltc("visit", "week", "--json")))
    assert week["week_start"] == "2026-06-08"
    assert {p["handle"]: (p["visits"], p["target"]) for p in week["people"]}["bo"] == (1, 6)
    assert "5 to go" in ok(ltc("visit", "week"))
    failed(ltc("visit", "week", "--date", "someday"), 2, "--date:")


# --- config, audit, db, version ---------------------------------------------------------------


def test_config_shows_and_changes_settings(ltc, team):
    out = ok(ltc("config"))
    assert "stale_days" in out and "Days without activity after which a lead is stale" in out
    assert json.loads(ok(ltc("config", "kdm-threshold-pct", "--json"))) == {"kdm-threshold-pct": 50}
    assert ok(ltc("config", "stale_days", "21")).strip() == "stale_days = 21"
    assert ok(ltc("config", "tier_a_amount", "5M")).strip() == "tier_a_amount = 5,000,000"
    assert json.loads(ok(ltc("config", "--json")))["stale_days"] == 21
    with team.act("ana", write=False) as s:
        assert settings_service.get(s, "stale_days") == 21


@pytest.mark.parametrize(
    ("args", "actor", "code", "words"),
    [
        (["stale_days", "7"], "li", 1, ["Only someone with the role admin", "change settings"]),
        (["stale_days", "soon"], "ana", 2, ["stale_days: 'soon' is not a whole number."]),
        (["kdm_threshold_pct", "0"], "ana", 2, ["kdm_threshold_pct:", "out of range"]),
        (["currency", "dollars"], "ana", 2, ["currency:"]),
        (["coffee", "9"], "ana", 2, ["No setting 'coffee'"]),
        (["coffee"], "ana", 2, ["No setting 'coffee'"]),
    ],
)
def test_config_refusals(ltc, team, args, actor, code, words):
    failed(ltc("config", *args, actor=actor), code, *words)
    with team.act("ana", write=False) as s:
        assert settings_service.get(s, "stale_days") == 30
    assert count(team.db, "setting") == 0


def test_audit_shows_who_changed_what(ltc, team):
    ok(ltc("lead", "add", "Fibre", "--customer", "Acme", actor="sam"))
    ok(ltc("lead", "edit", "1", "--title", "Fibre 2", actor="li"))
    out = ok(ltc("audit", "--record", "lead:1"))
    assert "title" in out and "Fibre 2" in out and "li" in out and "sam" in out
    rows = json.loads(ok(ltc("audit", "--person", "li", "--json")))
    assert {(r["entity"], r["field"], r["old"], r["new"], r["actor"]) for r in rows} == {("lead", "title", "Fibre", "Fibre 2", "li")}
    failed(ltc("audit", "--since", "last week"), 2, "--since:")
    failed(ltc("audit", "--person", "ghost"), 1, "ghost")


def test_db_info_and_version(ltc, team):
    data = json.loads(ok(ltc("db", "info", "--json")))
    from ltc_tui.migrations.revisions import HEAD

    assert data["schema"] == HEAD and data["counts"]["person"] == 5
    assert ok(ltc("db", "init")).startswith("Database ready:")
    assert ok(ltc("version")).startswith("ltc-tui ")


def test_milestone_done_needs_a_milestone_id(ltc, team):
    ok(ltc("customer", "add", "Telmex"))
    ok(ltc("contract", "add", "-c", "telmex", "--title", "Phase 1", "--value", "1M", "--number", "TMX-1", "--signed", "2026-06-01"))
    failed(ltc("contract", "milestone", "TMX-1", "Design", "--done"), 2, "milestone id (with --done): 'Design' is not a whole number.")
    ok(ltc("contract", "milestone", "TMX-1", "Design", "--planned", "2026-07-01"))
    ok(ltc("contract", "milestone", "TMX-1", "1", "--done"))
    assert "2026-06-10" in ok(ltc("contract", "show", "TMX-1"))


def test_db_upgrade_does_not_create_a_missing_file(ltc, team, tmp_path):
    missing = tmp_path / "nowhere.db"
    failed(ltc("--db", str(missing), "db", "upgrade", actor=None), 1, f"No database at {missing}; run `ltc db init`")
    assert not missing.exists()
    ok(ltc("--db", str(missing), "db", "init", actor=None))
    assert missing.stat().st_mode & 0o077 == 0  # owner only
    assert "is up to date" in ok(ltc("--db", str(missing), "db", "upgrade", actor=None))
