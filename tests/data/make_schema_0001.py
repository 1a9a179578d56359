"""Builds tests/data/schema_0001.db: a database made by the first released
schema (revision 0001), with a little of everything in it.

Kept to show how the file was made; it is committed and never rebuilt,
because its point is to stay what the first release wrote. The migration
test opens a copy with the current code and checks every row survived.
Run from the repository root with the 0001-era code:
    python tests/data/make_schema_0001.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ltc_tui import clock
from ltc_tui.db import open_database
from ltc_tui.services import (
    committee,
    contracts,
    customers,
    leads,
    nurturing,
    opportunities,
    people,
    verification,
    visits,
)

OUT = Path(__file__).with_name("schema_0001.db")


def main() -> None:
    if OUT.exists():
        OUT.unlink()
    clock.freeze(dt.date(2026, 11, 2))
    db = open_database(str(OUT))
    with db.session() as s:
        ids = {h: people.add_person(s, handle=h, name=n, roles=r).id for h, n, r in [
            ("ana", "Ana Chair", ["chair"]), ("li", "Li Wei 李伟", ["sr"]), ("bo", "Bo", ["ar"]), ("fay", "Fay", ["fr"])]}
    with db.session(actor_id=ids["bo"]) as s:
        customers.add_customer(s, name="Telmex", standing="strategic", region="Mexico")
        for name, role in (("Carlos", "decision_maker"), ("Maria", "decision_maker"), ("Jose", "influencer")):
            customers.add_contact(s, customer_id=1, name=name, decision_role=role, email=f"{name.lower()}@telmex.example")
        leads.add_lead(s, title="CDMA450 rural coverage", customer="Telmex", amount="12M", source="executive_visit",
                       start="2027-03", need="Rural villages without coverage", new_solution=True)
        leads.add_lead(s, title="[red]x[/red] 中文线索 \x1b[31m", customer="华为测试客户", amount="300k")
        leads.add_lead(s, title="Core network refresh", customer="Telmex", amount="5M")
    answers = verification.make_answers(need_real=True, fits_strategy=True, urgent=True, procurement_clear=True,
                                        funds_committed=True, relationship=2, solution_fit=3, solution_maturity=2,
                                        team_available=True, competition="weak", risk="low")
    with db.session(actor_id=ids["li"]) as s:
        verification.verify_lead(s, lead_id=1, answers=answers, contact_ids=[1, 3])
        verification.verify_lead(s, lead_id=3, answers=answers)
    with db.session(actor_id=ids["ana"]) as s:
        m = committee.start_meeting(s, attendees=["li", "bo"])
        committee.decide(s, lead_id=1, kind="nurture", ar="bo", sr="li", fr="fay", next_review="+14d")
        committee.decide(s, lead_id=3, kind="convert", budget="5M", start="2027-01-01", ar="bo", sr="li", fr="fay")
        committee.close_meeting(s, meeting_id=m.id)
    with db.session(actor_id=ids["li"]) as s:
        nurturing.add_pain(s, lead_id=1, role="CEO", pain="Press criticism of rural coverage", kpi="brand")
        nurturing.mark_done(s, lead_id=1, step=1)
        nurturing.set_kdm(s, lead_id=1, contact_id=1, interested=True)
        nurturing.add_competitor(s, lead_id=1, name="Ericsson", strategy="rural niche", locked=True)
        visits.add_visit(s, customer="Telmex", kind="tech_exchange", contacts=["1"], objective="CDMA450 demo", lead_id=1)
    with db.session(actor_id=ids["ana"]) as s:
        opportunities.record_gate(s, opportunity_id=1, gate="initiation", approver="ana")
        opportunities.move_stage(s, opportunity_id=1, to="needs_analysis")
    with db.session(actor_id=ids["bo"]) as s:
        k = contracts.add_contract(s, customer="Telmex", title="Maintenance 2026", value="1M", number="C-OLD-1",
                                   signed_on="2026-01-10", fr="fay")
        contracts.add_invoice(s, contract_id=k.id, number="INV-1", amount="400k", issued_on="2026-02-01", due_on="2026-03-01")
        p = contracts.add_payment(s, contract_id=k.id, amount="400k", due_on="2026-03-01", invoice="INV-1")
        contracts.receive_payment(s, payment_id=p.id, received_on="2026-03-05")
        contracts.add_payment(s, contract_id=k.id, amount="600k", due_on="2026-09-01", is_final=True)
    db.dispose()
    os.chmod(OUT, 0o600)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
