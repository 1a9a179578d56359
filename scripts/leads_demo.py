"""A small, demo-like team database for the lead screens (screenshots, trying
the app by hand): people, customers with contacts at several levels, leads
at every status, one earlier meeting with its decisions.

    .venv/bin/python scripts/leads_demo.py /tmp/demo.db [--today 2026-05-04]

Everything goes through the services, as the app and the shell do.
When ``ltc_tui.services.demo.build_demo`` exists it is the better demo;
this one stays small and stable for pictures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

PEOPLE = [
    ("ana", "Ana Chen", ["chair", "member", "manager"]),
    ("li", "Li Wei", ["sr", "member"]),
    ("bo", "Bo Zhang", ["ar"]),
    ("fay", "Fay Liu", ["fr"]),
    ("wu", "Wu Hao", ["sr"]),
    ("sam", "Sam Park", ["staff"]),
]
CUSTOMERS = [
    ("China Mobile Henan", "strategic", [("Wang Jun", "CTO", "executive", "decision_maker"),
                                         ("Zhou Min", "Network planning manager", "manager", "influencer"),
                                         ("Liu Yang", "Transmission engineer", "staff", "user")]),
    ("Acme Telecom", "key", [("Maria Costa", "COO", "executive", "decision_maker"),
                             ("Tom Reed", "IT manager", "manager", "evaluator")]),
    ("Delta Power Grid", "normal", [("Chen Jie", "Operations manager", "manager", "decision_maker"),
                                    ("He Lin", "Engineer", "staff", "user")]),
    ("Nordic Rail", "key", [("Anna Berg", "CIO", "executive", "decision_maker")]),
    ("华东物流集团", "normal", [("赵强", "信息部经理", "manager", "decision_maker")]),
]
# title, customer, submitter, source, amount, start (days from today), age (days), need
LEADS = [
    ("5G core capacity expansion", "China Mobile Henan", "sam", "sales_visit", "12M", 120, 40,
     "Core capacity runs out before the 2027 subscriber growth."),
    ("Fibre backbone Zhengzhou-Luoyang", "China Mobile Henan", "li", "tech_exchange", "8.5M", 200, 25,
     "Backbone latency complaints from enterprise customers."),
    ("Billing system migration", "Acme Telecom", "sam", "inbound", "900k", 90, 12, "Legacy billing is end of life."),
    ("Data centre power monitoring", "Delta Power Grid", "bo", "partner", "350k", 60, 30, "Outages not seen in time."),
    ("Smart meter rollout phase 2", "Delta Power Grid", "sam", "delivery", "2.4M", 150, 70, "Phase 1 went well."),
    ("Station Wi-Fi for passengers", "Nordic Rail", "fay", "exhibition", "600k", 100, 8, "Met at the rail expo."),
    ("Network security audit", "Acme Telecom", "li", "sales_visit", "150k", 30, 5, None),
    ("仓储网络改造", "华东物流集团", "sam", "hq_marketing", "50万", 90, 3, "仓库之间的网络经常中断。"),
    ("Signalling network refresh", "Nordic Rail", "bo", "executive_visit", "5M", 365, 55, None),
    ("Edge computing pilot", "China Mobile Henan", "wu", "tech_exchange", "1.2M", 180, 18, None),
    ("Old PBX replacement", "Acme Telecom", "sam", "other", "80k", 30, 95, "Small office phones."),
    ("Grid substation IoT", "Delta Power Grid", "li", "sales_visit", "3M", 240, 48, None),
]
# lead index -> verification answers (verifier, need_real, fits, urgent, procurement, funds, rel, fit, maturity, team, comp, risk, contacts)
VERIFY = {
    0: ("li", True, True, True, True, True, 3, 3, 2, True, "weak", "low", [0, 1]),
    1: ("wu", True, True, True, False, False, 2, 3, 3, True, "strong", "medium", [1, 2]),
    2: ("li", True, True, False, True, False, 2, 2, 2, False, "weak", "medium", [0]),
    3: ("li", True, True, True, True, True, 1, 2, 2, True, "none", "low", [0, 1]),
    4: ("wu", True, True, False, False, False, 2, 2, 3, True, "weak", "low", [0]),
    5: ("li", True, True, False, False, True, 1, 1, 1, False, "strong", "high", [0]),
    8: ("li", True, False, False, False, False, 1, 1, 1, False, "strong", "high", [0]),
    9: ("li", True, True, True, False, True, 2, 2, 1, True, "weak", "medium", [0, 2]),
    10: ("li", False, True, False, False, False, 0, 1, 1, False, "weak", "low", [0]),
}


def build(db: Any, today: dt.date) -> None:
    from ltc_tui import clock
    from ltc_tui.services import committee, customers, leads, people, verification

    clock.freeze(today)
    try:
        with db.session() as s:
            for handle, name, roles in PEOPLE:
                people.add_person(s, handle=handle, name=name, roles=roles)
        ids: dict[str, int] = {}
        with db.session() as s:
            for h, *_ in PEOPLE:
                ids[h] = people.get_person(s, h).id
        contacts: dict[str, list[int]] = {}
        with db.session(actor_id=ids["ana"]) as s:
            for name, standing, people_there in CUSTOMERS:
                customer = customers.add_customer(s, name=name, standing=standing)
                contacts[name] = [
                    customers.add_contact(s, customer_id=customer.id, name=n, job_title=job, level=level,
                                          decision_role=role).id
                    for n, job, level, role in people_there
                ]
        lead_ids = []
        for title, customer, who, source, amount, start, age, need in LEADS:
            clock.freeze(today - dt.timedelta(days=age))
            with db.session(actor_id=ids[who]) as s:
                added = leads.add_lead(s, title=title, customer=customer, source=source, amount=amount,
                                       start=(today + dt.timedelta(days=start)).isoformat(), need=need)
                lead_ids.append(added.lead.id)
        for index, (who, *answers, contact_idx) in VERIFY.items():
            clock.freeze(today - dt.timedelta(days=max(1, LEADS[index][6] - 3)))
            keys = ("need_real", "fits_strategy", "urgent", "procurement_clear", "funds_committed", "relationship",
                    "solution_fit", "solution_maturity", "team_available", "competition", "risk")
            with db.session(actor_id=ids[who]) as s:
                verification.verify_lead(
                    s, lead_id=lead_ids[index], answers=verification.make_answers(**dict(zip(keys, answers, strict=True))),
                    contact_ids=[contacts[LEADS[index][1]][i] for i in contact_idx],
                )
        # An earlier meeting, two weeks ago: one lead nurtured (review due now), one closed.
        clock.freeze(today - dt.timedelta(days=14))
        with db.session(actor_id=ids["ana"]) as s:
            meeting = committee.start_meeting(s, attendees=["li", "bo", "fay"])
        with db.session(actor_id=ids["ana"]) as s:
            committee.decide(s, meeting_id=meeting.id, lead_id=lead_ids[4], kind="nurture", ar="bo", sr="wu", fr="fay",
                             next_review=today.isoformat(), notes="Customer happy with phase 1; map the KDMs.")
            committee.decide(s, meeting_id=meeting.id, lead_id=lead_ids[10], kind="close",
                             reason="Not a real need: the office moves to softphones.")
            committee.decide(s, meeting_id=meeting.id, lead_id=lead_ids[8], kind="defer", reason="Wait for the CIO visit.")
            committee.close_meeting(s, meeting_id=meeting.id)
        clock.freeze(today - dt.timedelta(days=2))
        with db.session(actor_id=ids["wu"]) as s:
            leads.add_note(s, lead_id=lead_ids[4], body="Met Chen Jie: budget for phase 2 is in the 2026 plan.")
    finally:
        clock.freeze(None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="SQLite file to create (must not exist)")
    parser.add_argument("--today", default=None, help="the date the demo is built for (default: today)")
    args = parser.parse_args()
    path = Path(args.path)
    if path.exists():
        sys.exit(f"{path} exists; remove it first")
    from ltc_tui.db import open_database

    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    db = open_database(str(path))
    build(db, today)
    db.dispose()
    print(f"built {path} for {today}: `ltc --db {path} --as ana`")


if __name__ == "__main__":
    main()
