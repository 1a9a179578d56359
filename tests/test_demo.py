"""`ltc demo`: the demo database holds every state the method knows, the
CDMA450 case of seed 003, and is built safely (never over someone's data)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import Shell, _backends
from sqlmodel import select

from ltc_tui import clock, paths
from ltc_tui.enums import (
    Attitude,
    ContractStatus,
    DecisionRole,
    Influence,
    LeadClass,
    LeadStatus,
    Role,
    Source,
    Stage,
    Standing,
    Temperature,
    Tier,
)
from ltc_tui.services.demo import build_demo

TODAY = dt.date(2026, 3, 11)  # a Wednesday: this week's visits fall on Monday to Wednesday


def values_of(session, column) -> set:
    return set(session.exec(select(column).distinct()).all())


@pytest.fixture(scope="module", params=_backends())
def demo(request, tmp_path_factory):
    """One demo per backend, built as of TODAY, shared by the tests that only read it."""
    import shutil

    from ltc_tui.db import open_database

    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("demo") / "demo.db")
        shutil.copy(request.getfixturevalue("sqlite_template"), url)
    else:
        url = request.getfixturevalue("pg_cluster").new_database(request.getfixturevalue("pg_template"))
    db = open_database(url)
    with clock.restored():
        clock.freeze(TODAY)
        summary = build_demo(db, today=TODAY)
    yield db, summary
    db.dispose()


def test_the_demo_holds_every_state_of_the_method(demo):
    from ltc_tui.models import (
        Contact,
        Contract,
        Customer,
        Dispute,
        GateRecord,
        Lead,
        Meeting,
        Opportunity,
        Payment,
        PersonRole,
    )
    from ltc_tui.services import committee, leads, visits

    db, summary = demo
    clock.freeze(TODAY)
    assert all(summary.leads[s.value] > 0 for s in LeadStatus), summary.leads
    assert all(summary.stages[s.value] > 0 for s in Stage), summary.stages
    assert all(summary.contracts[s.value] > 0 for s in ContractStatus), summary.contracts
    with db.session(write=False) as s:
        assert values_of(s, PersonRole.role) == {r.value for r in Role}
        assert values_of(s, Customer.standing) == {v.value for v in Standing}
        assert values_of(s, Contact.decision_role) == {v.value for v in DecisionRole}
        assert values_of(s, Contact.influence) == {v.value for v in Influence}
        assert values_of(s, Contact.attitude) == {v.value for v in Attitude}
        assert values_of(s, Lead.source) == {v.value for v in Source}
        assert {v.value for v in Tier} <= values_of(s, sa.func.coalesce(Lead.tier_override, Lead.tier))
        assert {v.value for v in LeadClass} <= values_of(s, Lead.lead_class)
        assert {v.value for v in Temperature} <= values_of(s, Lead.temperature)
        assert values_of(s, Lead.nurture_pass) == {1, 2}  # one lead went back to step 1
        assert all(lead.close_reason for lead in s.exec(select(Lead).where(Lead.status == "closed")).all())
        # Key customers: next year's budget known for some, not for others.
        keyish = s.exec(select(Customer).where(Customer.standing.in_(["key", "strategic"]))).all()
        assert {c.budget_known for c in keyish} == {True, False}
        assert all(c.budget_year == TODAY.year + 1 for c in keyish if c.budget_known)

        # The committee: past meetings closed, none open, a queue ready for the next one.
        assert {m.status for m in s.exec(select(Meeting)).all()} == {"closed"}
        reasons = {e.reason_key for e in committee.review_queue(s, today=TODAY)}
        assert reasons == {"queue.verified", "queue.review_due", "queue.unattended"}
        for view in ("stale", "due", "to_verify"):
            assert leads.query_leads(s, leads.LeadQuery(view=view, today=TODAY)), view

        # Visits this week: some people at or above the target of six, some below.
        _, _, week = visits.week_counts(s, day=TODAY)
        assert any(r.visits >= 6 for r in week) and any(r.visits < 6 for r in week)

        # Gates: passed, passed with conditions, failed once.
        assert values_of(s, GateRecord.result) == {"pass", "conditional", "fail"}
        assert all(o.lost_reason for o in s.exec(select(Opportunity).where(Opportunity.stage == "lost")).all())
        later = ["value_presentation", "bid", "negotiation", "won"]
        assert all(o.our_strengths and o.unique_value for o in s.exec(select(Opportunity).where(Opportunity.stage.in_(later))).all() if o.lead_id)

        # Cash: overdue, received, a final payment received, a write-off, disputes open and resolved.
        payments = s.exec(select(Payment)).all()
        assert any(p.received_on is None and p.due_on < TODAY for p in payments)
        assert any(p.is_final and p.received_on is not None for p in payments)
        assert any(c.write_off_cents and c.write_off_reason for c in s.exec(select(Contract)).all())
        assert {d.resolved_on is None for d in s.exec(select(Dispute)).all()} == {True, False}


def test_the_audit_trail_names_who_did_each_thing(demo):
    from ltc_tui.models import AuditEvent, Person

    db, summary = demo
    with db.session(write=False) as s:
        events = s.exec(select(AuditEvent)).all()
        first = s.exec(select(Person).order_by(Person.id)).first()
        by_nobody = [e for e in events if e.actor_id is None]
        # Only the very first person (the admin) was added by nobody: there was no one yet.
        assert {(e.entity, e.record_id) for e in by_nobody} == {("person", first.id), ("person_role", first.id)}
        assert len(events) == summary.audit_events
        assert len({e.actor_id for e in events}) > 10
        assert max(e.at for e in events).date() <= TODAY


def test_the_cdma450_case_runs_from_round_table_to_contract(demo):
    from ltc_tui.models import Contract, Customer, Decision, Lead, Meeting, Milestone, Opportunity, Verification
    from ltc_tui.services import nurturing, opportunities

    db, summary = demo
    with db.session(write=False) as s:
        lead = s.get(Lead, summary.cdma_lead_id)
        assert "CDMA450" in lead.title
        assert lead.status == "converted" and lead.source == "executive_visit"
        customer = s.get(Customer, lead.customer_id)
        assert customer.name == "Telmex" and "Carso" in customer.notes and customer.standing == "strategic"

        verification = s.exec(select(Verification).where(Verification.lead_id == lead.id)).one()
        assert verification.verifier_id != lead.submitter_id

        decisions = s.exec(select(Decision, Meeting).join(Meeting).where(Decision.lead_id == lead.id)).all()
        assert [d.kind for d, _ in decisions][0] == "nurture"
        assert {m.status for _, m in decisions} == {"closed"}

        progress = nurturing.progress(s, lead.id)
        assert progress.all_done and progress.current_pass == 1
        chain = nurturing.pain_chain(progress.pains)
        assert len(chain) == 1  # one chain, rooted in the pressure on the group's leadership
        depth, node = 1, chain[0]
        while node[1]:
            depth, node = depth + 1, node[1][0]
        assert depth == 4
        assert "Regulator" in chain[0][0].pain and "incumbent suppliers" in node[0].pain
        assert sorted((c.name, c.locked) for c in progress.competitors) == [
            ("Atlantic Telecom Systems", True), ("Nordvik Networks", True),
        ]

        opportunity = s.get(Opportunity, summary.cdma_opportunity_id)
        assert opportunity.lead_id == lead.id and opportunity.stage == "won"
        assert {g.gate for g in opportunities.gates(s, opportunity.id)} == {"initiation", "bid", "signing"}
        assert opportunity.market_notes and opportunity.unique_value

        contract = s.exec(select(Contract).where(Contract.opportunity_id == opportunity.id)).one()
        assert contract.number == summary.cdma_contract and "CDMA450" in contract.title
        assert contract.status == "executing"
        assert contract.signed_on == TODAY - dt.timedelta(days=150)  # dates follow the day it was built
        names = [m.name for m in s.exec(select(Milestone).where(Milestone.contract_id == contract.id)).all()]
        for wanted in ("Local technical test", "Network test", "China reference-site visit", "Rollout phase 1"):
            assert any(n.startswith(wanted) for n in names), wanted


# --- the command ------------------------------------------------------------------------------


def run(*args: str, db: str | None = None, actor: str | None = None):
    from typer.testing import CliRunner

    from ltc_tui.cli import app

    argv = (["--db", db] if db else []) + (["--as", actor] if actor else []) + list(args)
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    return result


def test_ltc_demo_builds_then_keeps_then_rebuilds_the_demo_file(tmp_path, monkeypatch, sqlite_template):
    import shutil

    from ltc_tui.services.people import add_person

    # LTC_DB points at someone's real database: `ltc demo` must not touch it.
    real = tmp_path / "real.db"
    shutil.copy(sqlite_template, real)
    from ltc_tui.db import open_database

    real_db = open_database(str(real))
    with real_db.session() as s:
        add_person(s, handle="me", name="Me")
    real_db.dispose()
    monkeypatch.setenv("LTC_DB", str(real))

    built = run("demo", "--json")
    assert built.exit_code == 0, built.output
    data = json.loads(built.output)
    assert data["built"] is True and data["database"] == str(paths.demo_db_path())
    assert data["summary"]["leads"]["converted"] > 0
    assert paths.demo_db_path().exists()
    assert not list(paths.demo_db_path().parent.glob("*.building-*"))

    kept = run("demo", "--no-open")
    assert kept.exit_code == 0
    assert "already" in kept.output and "--reset" in kept.output
    assert "lead list CDMA450" in kept.output

    rebuilt = run("demo", "--no-open", "--reset")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Demo database ready" in rebuilt.output and "TMX-" in rebuilt.output

    listed = run("customer", "list", db=str(paths.demo_db_path()), actor="lin")
    assert "[Beta] Networks" in listed.output and "深圳云港数据有限公司" in listed.output

    real_db = open_database(str(real))
    with real_db.session(write=False) as s:
        assert s.execute(sa.text("SELECT count(*) FROM person")).scalar_one() == 1
        assert s.execute(sa.text("SELECT count(*) FROM customer")).scalar_one() == 0
    real_db.dispose()


def test_ltc_demo_builds_and_resets_on_a_server_database(db_url, backend):
    if backend == "sqlite":
        pytest.skip("the demo file test above covers SQLite")
    shell = Shell(db_url)
    first = shell("demo", "--no-open", actor=None)
    assert first.exit_code == 0, first.output
    assert "Demo database ready" in first.output and "CDMA450 case" in first.output
    again = shell("demo", "--no-open", "--reset", actor=None)
    assert again.exit_code == 0, again.output
    assert "Demo database ready" in again.output
    listed = shell("person", "list", "--json", actor="lin")
    assert len(json.loads(listed.output)) == 15  # rebuilt, not added to


def test_ltc_demo_refuses_a_database_that_is_not_a_demo(ltc, team):
    for args in (("demo", "--no-open"), ("demo", "--no-open", "--reset")):
        result = ltc(*args)
        assert result.exit_code == 1
        assert "not a demo" in result.output and "never overwrites" in result.output
    with team.act("ana", write=False) as s:
        assert s.execute(sa.text("SELECT count(*) FROM person")).scalar_one() == 5
        assert s.execute(sa.text("SELECT count(*) FROM customer")).scalar_one() == 0


def test_ltc_demo_refuses_files_that_are_not_ltc_databases(tmp_path):
    import sqlite3

    garbage = tmp_path / "notes.db"
    garbage.write_text("my notes, not a database")
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    for path, says in ((garbage, "damaged or not an ltc database"), (foreign, "not an ltc database")):
        before = path.read_bytes()
        result = run("demo", "--no-open", "--reset", "--db", str(path))
        assert result.exit_code == 1
        assert says in result.output and str(path) in result.output
        assert path.read_bytes() == before


def test_an_interrupted_build_leaves_nothing_behind(monkeypatch):
    from ltc_tui.services import demo

    def broken(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(demo, "fill", broken)
    result = run("demo", "--no-open")
    assert result.exit_code == 1
    assert not paths.demo_db_path().exists()
    assert not list(paths.demo_db_path().parent.glob("demo.db*"))


def test_ltc_demo_opens_the_app_or_says_how_to_look_from_the_shell(monkeypatch):
    opened = []
    fake = types.ModuleType("ltc_tui.app")
    fake.run_app = lambda database, *, actor=None, start_in=None: opened.append((Path(database.path), actor))
    monkeypatch.setitem(sys.modules, "ltc_tui.app", fake)
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert opened == [(paths.demo_db_path(), "lin")]
    run("demo", actor="mateo")
    assert opened[-1] == (paths.demo_db_path(), "mateo")

    monkeypatch.setitem(sys.modules, "ltc_tui.app", None)  # the app cannot be imported here
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "cannot start" in result.output
    assert f"ltc --db {paths.demo_db_path()} --as lin lead list" in result.output


def test_this_weeks_visits_are_this_week_even_on_a_monday(tmp_path):
    from ltc_tui.db import open_database
    from ltc_tui.services import visits

    when = dt.date(2027, 1, 4)  # a Monday: every visit of "this week" falls today
    db = open_database(str(tmp_path / "demo.db"))
    clock.freeze(when)
    build_demo(db, today=when)
    with db.session(write=False) as s:
        start, end, week = visits.week_counts(s, day=when)
        assert max(r.visits for r in week) == 7
        latest = s.execute(sa.text("SELECT max(visited_on) FROM visit")).scalar_one()
        assert str(latest) == when.isoformat()
    db.dispose()


# --- service fixes found while building the demo ----------------------------------------------


def test_next_year_budget_follows_the_pinned_clock(ltc, team, monkeypatch):
    """`customer budget` and the known-budget share read "next year" from ltc's
    clock (LTC_TODAY / freeze), not the machine's date."""
    from ltc_tui.services.customers import add_customer, budget_known_share, get_customer

    with team.act("ana") as s:
        add_customer(s, name="Andes Telecom", standing="key")
    monkeypatch.setenv("LTC_TODAY", "2031-06-01")
    assert ltc("customer", "budget", "Andes Telecom", "--known", "--amount", "85M").exit_code == 0
    with team.act("ana", write=False) as s:
        assert get_customer(s, "Andes Telecom").budget_year == 2032
        assert budget_known_share(s) == (1, 1)


def test_build_demo_refuses_a_database_with_people_in_it(team):
    from ltc_tui.errors import RuleViolation

    with pytest.raises(RuleViolation, match="not a demo"):
        build_demo(team.db, today=TODAY)
    with team.act("ana", write=False) as s:
        assert s.execute(sa.text("SELECT count(*) FROM customer")).scalar_one() == 0
