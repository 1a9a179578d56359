"""A small sales history with known outcomes, built through the services,
and the report's figures worked out from it in plain Python.

``World`` records what it did (``LeadFact``, ``OppFact``, ``PaymentFact``...)
as it calls the services with the clock frozen on each event's day; the
``expected_*`` functions compute every figure from those records alone,
never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest

from ltc_tui import clock

TODAY = dt.date(2026, 5, 14)  # a Thursday: the week runs 2026-05-11 .. 2026-05-17
D = dt.date.fromisoformat


# --- what happened ----------------------------------------------------------------


@dataclass
class LeadFact:
    key: str
    submitted_on: dt.date
    source: str
    submitter: str
    amount: int | None  # cents
    currency: str
    customer: str
    id: int = 0
    status: str = "submitted"
    verified: bool = False
    nurtured: bool = False
    last_touch: dt.date | None = None
    opp: OppFact | None = None


@dataclass
class PaymentFact:
    due_on: dt.date
    amount: int
    received_on: dt.date | None = None
    received: int | None = None
    id: int = 0


@dataclass
class ContractFact:
    number: str
    customer: str
    value: int
    currency: str
    closed: bool = False
    payments: list[PaymentFact] = field(default_factory=list)
    id: int = 0
    ar: str | None = None
    fr: str | None = None


@dataclass
class OppFact:
    engaged_on: dt.date
    amount: int | None
    currency: str
    owner: str | None
    stage: str = "verify"
    closed_on: dt.date | None = None
    stage_changed_on: dt.date | None = None
    id: int = 0
    title: str = ""
    contract: ContractFact | None = None


@dataclass
class VisitFact:
    person: str
    on: dt.date


@dataclass
class CustomerFact:
    name: str
    standing: str
    budget_known: bool = False
    budget_year: int | None = None


def cents(units: int) -> int:
    return units * 100


class World:
    """Drives the services, acting as the right person on the right day."""

    ANSWERS = dict(
        need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=False,
        relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
    )

    def __init__(self, team: Any) -> None:
        self.team = team
        self.leads: dict[str, LeadFact] = {}
        self.opps: list[OppFact] = []
        self.contracts: list[ContractFact] = []
        self.visits: list[VisitFact] = []
        self.customers: list[CustomerFact] = []
        # handle -> roles, as conftest's TEAM has them
        self.people: dict[str, set[str]] = {
            "ana": {"chair", "member", "manager"}, "li": {"sr", "member"}, "bo": {"ar"}, "fay": {"fr"}, "sam": {"staff"},
        }

    # people, customers, settings
    def person(self, handle: str, name: str, roles: list[str]) -> None:
        from ltc_tui.services.people import add_person

        with self.team.act("ana") as s:
            self.team.ids[handle] = add_person(s, handle=handle, name=name, roles=roles).id
        self.people[handle] = set(roles)

    def customer(self, name: str, standing: str = "normal", *, known: bool = False, year: int | None = None) -> None:
        from ltc_tui.services.customers import add_customer, update_customer

        with self.team.act("ana") as s:
            row = add_customer(s, name=name, standing=standing)
            if known or year:
                update_customer(s, customer_id=row.id, budget_known=known, budget_year=year)
        self.customers.append(CustomerFact(name, standing, known, year))

    def setting(self, key: str, value: str) -> None:
        from ltc_tui.services.settings import set_value

        with self.team.act("ana") as s:
            set_value(s, key, value)

    # leads
    def lead(self, key: str, on: str, *, source: str, by: str, amount: int | None, customer: str,
             currency: str = "USD") -> LeadFact:
        from ltc_tui.services.leads import add_lead

        day = D(on)
        clock.freeze(day)
        with self.team.act(by) as s:
            added = add_lead(s, title=f"Lead {key}", customer=customer, source=source, submitter=by,
                             submitted_on=day, amount=None if amount is None else str(amount / 100),
                             currency=currency)
        fact = LeadFact(key, day, source, by, amount, currency, customer, id=added.lead.id, last_touch=day)
        self.leads[key] = fact
        return fact

    def verify(self, key: str, on: str, *, by: str = "ana") -> None:
        from ltc_tui.services.verification import make_answers, verify_lead

        fact = self.leads[key]
        clock.freeze(D(on))
        with self.team.act(by) as s:
            verify_lead(s, lead_id=fact.id, answers=make_answers(**self.ANSWERS))
        fact.verified, fact.status, fact.last_touch = True, "verified", D(on)

    def nurture(self, key: str, on: str) -> None:
        from ltc_tui.services.committee import decide

        fact = self.leads[key]
        clock.freeze(D(on))
        with self.team.act("ana") as s:
            decide(s, lead_id=fact.id, kind="nurture", sr="li", ar="bo", fr="fay", next_review=D(on) + dt.timedelta(days=14))
        fact.nurtured, fact.status, fact.last_touch = True, "nurturing", D(on)

    def close(self, key: str, on: str) -> None:
        from ltc_tui.services.committee import decide

        fact = self.leads[key]
        clock.freeze(D(on))
        with self.team.act("ana") as s:
            decide(s, lead_id=fact.id, kind="close", reason="no budget this decade")
        fact.status, fact.last_touch = "closed", D(on)

    def convert(self, key: str, on: str, *, ar: str) -> OppFact:
        from ltc_tui.services.committee import decide

        fact = self.leads[key]
        clock.freeze(D(on))
        with self.team.act("ana") as s:
            result = decide(s, lead_id=fact.id, kind="convert", budget="1M", start="2027-01", ar=ar, sr="li", fr="fay")
        fact.status, fact.last_touch = "converted", D(on)
        opp = OppFact(fact.submitted_on, fact.amount, fact.currency, ar, stage_changed_on=D(on),
                      id=result.opportunity_id, title=f"Lead {key}")
        fact.opp = opp
        self.opps.append(opp)
        return opp

    # opportunities
    def direct(self, title: str, on: str, *, customer: str, amount: int, ar: str, currency: str = "USD") -> OppFact:
        from ltc_tui.services.opportunities import add_opportunity

        clock.freeze(D(on))
        with self.team.act("ana") as s:
            row = add_opportunity(s, title=title, customer=customer, amount=str(amount / 100), ar=ar, fr="fay",
                                  currency=currency)
        opp = OppFact(D(on), amount, currency, ar, stage_changed_on=D(on), id=row.id, title=title)
        self.opps.append(opp)
        return opp

    def win(self, opp: OppFact, on: str, *, value: int) -> ContractFact:
        from ltc_tui.services import opportunities as o

        clock.freeze(D(on) - dt.timedelta(days=3))
        with self.team.act("ana") as s:
            o.record_gate(s, opportunity_id=opp.id, gate="initiation", approver="ana")
            o.move_stage(s, opportunity_id=opp.id, to="initiation")
            o.record_gate(s, opportunity_id=opp.id, gate="bid", approver="fay", workload_days=20, price="1M")
            o.record_gate(s, opportunity_id=opp.id, gate="signing", approver="ana")
            o.move_stage(s, opportunity_id=opp.id, to="negotiation")
        clock.freeze(D(on))
        with self.team.act("ana") as s:
            contract = o.mark_won(s, opportunity_id=opp.id, signed_on=D(on), value=str(value / 100))
            fact = ContractFact(contract.number, "", value, opp.currency, id=contract.id, ar=opp.owner, fr="fay")
        opp.stage, opp.closed_on, opp.amount, opp.stage_changed_on = "won", max(D(on), opp.engaged_on), value, D(on)
        opp.contract = fact
        self.contracts.append(fact)
        return fact

    def lose(self, opp: OppFact, on: str) -> None:
        from ltc_tui.services.opportunities import mark_lost

        clock.freeze(D(on))
        with self.team.act("ana") as s:
            mark_lost(s, opportunity_id=opp.id, reason="price")
        opp.stage, opp.closed_on, opp.stage_changed_on = "lost", max(D(on), opp.engaged_on), D(on)

    def imported(self, external_id: str, *, owner: str | None, engaged: str, closed: str, stage: str,
                 amount: int, customer: str, currency: str = "USD") -> OppFact:
        """An opportunity as another CRM's import would leave it: columns only, no history."""
        opp = OppFact(D(engaged), amount, currency, owner, stage=stage, closed_on=D(closed),
                      stage_changed_on=D(closed), title=f"Imported {external_id}")
        opp.id = insert_opportunities(self.team, [dict(
            external_id=external_id, owner=owner, engaged_on=opp.engaged_on, closed_on=opp.closed_on,
            stage=stage, amount_cents=amount, currency=currency, customer=customer, title=opp.title,
        )])[0]
        self.opps.append(opp)
        return opp

    # contracts and money
    def contract(self, number: str, customer: str, on: str, *, value: int, ar: str = "bo") -> ContractFact:
        from ltc_tui.services.contracts import add_contract

        clock.freeze(TODAY)
        with self.team.act("ana") as s:
            row = add_contract(s, customer=customer, title=f"Contract {number}", value=str(value / 100),
                               number=number, signed_on=D(on), ar=ar, fr="fay")
        fact = ContractFact(number, customer, value, "USD", id=row.id, ar=ar, fr="fay")
        self.contracts.append(fact)
        return fact

    def invoice_all(self, contract: ContractFact, on: str) -> None:
        from ltc_tui.services.contracts import add_invoice

        clock.freeze(TODAY)
        with self.team.act("ana") as s:
            add_invoice(s, contract_id=contract.id, number="INV-1", amount=str(contract.value / 100), issued_on=D(on))

    def payment(self, contract: ContractFact, due: str, amount: int, *, received_on: str | None = None,
                received: int | None = None) -> PaymentFact:
        from ltc_tui.services.contracts import add_payment, receive_payment

        clock.freeze(TODAY)
        with self.team.act("ana") as s:
            row = add_payment(s, contract_id=contract.id, amount=str(amount / 100), due_on=D(due))
            if received_on is not None:
                receive_payment(s, payment_id=row.id, received_on=D(received_on),
                                amount=None if received is None else str(received / 100))
        fact = PaymentFact(D(due), amount, D(received_on) if received_on else None,
                           (amount if received is None else received) if received_on else None, id=row.id)
        contract.payments.append(fact)
        return fact

    def write_off(self, contract: ContractFact) -> None:
        from ltc_tui.services.contracts import close_contract

        clock.freeze(TODAY)
        outstanding = contract.value - sum(p.received or 0 for p in contract.payments)
        with self.team.act("ana") as s:
            close_contract(s, contract_id=contract.id, write_off=str(outstanding / 100), reason="customer went bust")
        contract.closed = True

    def visit(self, who: str, on: str, customer: str) -> None:
        from ltc_tui.services.visits import add_visit

        clock.freeze(TODAY)
        with self.team.act(who) as s:
            add_visit(s, customer=customer, visited_on=D(on), person=who)
        self.visits.append(VisitFact(who, D(on)))


def insert_opportunities(team: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Opportunities written straight into the table (as an importer would):
    ``owner`` is a handle or None, ``customer`` a name (created if new)."""
    import sqlalchemy as sa

    from ltc_tui.models.opportunities import Opportunity
    from ltc_tui.services.customers import find_or_create_customer

    now = clock.now()
    ids: list[int] = []
    with team.act("ana") as s:
        customers = {}
        for name in dict.fromkeys(r["customer"] for r in rows):
            customers[name] = find_or_create_customer(s, name)[0].id
        values = [
            dict(
                customer_id=customers[r["customer"]], title=r.get("title") or r["external_id"], stage=r["stage"],
                amount_cents=r["amount_cents"], currency=r.get("currency", "USD"), probability=100 if r["stage"] == "won" else 0,
                probability_manual=False, owner_id=team.ids[r["owner"]] if r["owner"] else None,
                engaged_on=r["engaged_on"], closed_on=r["closed_on"], stage_changed_at=now,
                lost_reason="imported" if r["stage"] == "lost" else None, external_id=r["external_id"],
                version=1, created_at=now, updated_at=now,
            )
            for r in rows
        ]
        table = Opportunity.__table__
        for start in range(0, len(values), 1000):
            s.execute(sa.insert(table), values[start : start + 1000])
        found = dict(
            s.execute(
                sa.select(Opportunity.external_id, Opportunity.id).where(
                    Opportunity.external_id.in_([r["external_id"] for r in rows])
                )
            ).all()
        )
        ids = [found[r["external_id"]] for r in rows]
    return ids


def build(team: Any) -> World:
    """The history every report test reads (see the module docstring)."""
    w = World(team)
    w.person("cy", "Cy Account", ["ar"])
    w.customer("Acme", "key", known=True, year=TODAY.year + 1)
    w.customer("Beta", "strategic", known=True)  # known, year not stated
    w.customer("Gamma", "key", known=True, year=TODAY.year)  # this year's, not next year's
    w.customer("Delta", "key")
    w.customer("Epsilon", "normal", known=True, year=TODAY.year + 1)  # not key
    w.customer("Zeta")
    w.setting("visit_target_weekly", "4")

    # Leads, oldest first, each followed to its fate.
    w.lead("L12", "2025-09-15", source="hq_marketing", by="ana", amount=cents(20_000), customer="Acme")
    w.verify("L12", "2025-09-16", by="li")
    w.convert("L12", "2025-09-20", ar="bo")  # an opportunity left untouched since: stale

    w.lead("L1", "2025-10-03", source="partner", by="sam", amount=cents(100_000), customer="Acme")
    w.verify("L1", "2025-10-10")
    l1 = w.convert("L1", "2025-11-01", ar="bo")

    w.lead("L2", "2025-11-20", source="sales_visit", by="li", amount=cents(50_000), customer="Beta")
    w.verify("L2", "2025-11-25")
    l2 = w.convert("L2", "2025-12-01", ar="cy")

    w.lead("L11", "2025-12-01", source="partner", by="sam", amount=cents(70_000), customer="Gamma")
    w.verify("L11", "2025-12-02")
    l11 = w.convert("L11", "2025-12-03", ar="cy")
    c11 = w.win(l11, "2025-12-20", value=cents(70_000))

    w.lead("L3", "2026-01-15", source="exhibition", by="sam", amount=cents(30_000), customer="Delta")
    w.verify("L3", "2026-01-20")
    w.close("L3", "2026-02-01")

    w.lead("L4", "2026-02-10", source="tech_exchange", by="bo", amount=cents(80_000), customer="Delta", currency="EUR")
    w.verify("L4", "2026-02-12")
    w.nurture("L4", "2026-02-20")  # nothing since: stale

    c1 = w.win(l1, "2026-02-15", value=cents(120_000))

    w.lead("L5", "2026-04-02", source="sales_visit", by="sam", amount=cents(200_000), customer="Acme")
    w.verify("L5", "2026-04-03")
    l5 = w.convert("L5", "2026-04-05", ar="bo")

    w.lead("L6", "2026-04-10", source="inbound", by="fay", amount=None, customer="Epsilon")  # stale
    w.lead("L7", "2026-04-20", source="partner", by="li", amount=cents(40_000), customer="Zeta")
    w.verify("L7", "2026-04-22")
    w.lose(l2, "2026-04-20")

    w.lead("L8", "2026-05-04", source="partner", by="sam", amount=cents(60_000), customer="Beta")
    w.verify("L8", "2026-05-05")
    w.nurture("L8", "2026-05-06")
    w.close("L8", "2026-05-08")
    c5 = w.win(l5, "2026-05-06", value=cents(210_000))

    w.lead("L13", "2026-04-15", source="tech_exchange", by="li", amount=cents(35_000), customer="Gamma")
    w.verify("L13", "2026-04-16")
    w.nurture("L13", "2026-04-17")
    w.convert("L13", "2026-05-04", ar="bo")  # nurtured, then converted by the committee

    w.lead("L9", "2026-05-07", source="other", by="sam", amount=cents(10_000), customer="Zeta")
    w.verify("L9", "2026-05-08")
    w.convert("L9", "2026-05-09", ar="cy")
    w.lead("L10", "2026-05-12", source="sales_visit", by="bo", amount=cents(5_000), customer="Acme")

    # Opportunities that skipped the lead process, and three from another CRM.
    d1 = w.direct("Tender seen in the press", "2026-03-03", customer="Zeta", amount=cents(90_000), ar="bo")
    w.lose(d1, "2026-05-02")
    w.direct("Renewal", "2026-05-11", customer="Beta", amount=cents(15_000), ar="cy", currency="EUR")
    w.imported("X1", owner="li", engaged="2025-06-01", closed="2026-01-20", stage="won", amount=cents(300_000), customer="Omega")
    w.imported("X2", owner=None, engaged="2026-04-01", closed="2026-05-03", stage="lost", amount=cents(25_000), customer="Omega")
    w.imported("X3", owner="bo", engaged="2026-02-01", closed="2026-04-25", stage="won", amount=cents(45_000), customer="Omega")

    # Money: invoices up front, payments received, late and not yet due.
    for contract, signed in ((c11, "2025-12-20"), (c1, "2026-02-15"), (c5, "2026-05-06")):
        w.invoice_all(contract, signed)
    w.payment(c11, "2026-01-15", cents(70_000), received_on="2026-01-10")
    w.payment(c1, "2026-03-01", cents(60_000), received_on="2026-03-05")
    w.payment(c1, "2026-04-01", cents(60_000))  # 43 days late
    w.payment(c5, "2026-05-10", cents(100_000), received_on="2026-05-12")
    w.payment(c5, "2026-06-15", cents(110_000))  # not yet due
    z = w.contract("Z-100", "Zeta", "2025-12-01", value=cents(100_000))
    w.invoice_all(z, "2025-12-01")
    w.payment(z, "2026-01-10", cents(20_000))  # 124 days late
    w.payment(z, "2026-03-01", cents(20_000))  # 74 days late
    w.payment(z, "2026-05-14", cents(20_000))  # due today: 0 days, not yet late
    w.payment(z, "2026-04-30", cents(20_000), received_on="2026-05-02", received=cents(5_000))  # part-paid: settled
    w.payment(z, "2026-05-13", cents(20_000))  # 1 day late
    gone = w.contract("W-1", "Zeta", "2026-01-05", value=cents(10_000))
    w.invoice_all(gone, "2026-01-05")
    w.payment(gone, "2026-02-01", cents(10_000))
    w.write_off(gone)  # closed: its unpaid payment is no receivable

    # Visits: this week (Mon 11 - Thu 14) and one last week.
    for day in ("2026-05-11", "2026-05-12", "2026-05-13", "2026-05-14"):
        w.visit("li", day, "Acme")
    w.visit("bo", "2026-05-12", "Beta")
    w.visit("ana", "2026-05-13", "Beta")
    w.visit("cy", "2026-05-08", "Delta")
    clock.freeze(TODAY)
    return w


# --- the figures, worked out by hand ---------------------------------------------------


def in_period(day: dt.date | None, period: str, today: dt.date = TODAY) -> bool:
    if day is None:
        return False
    if period == "all":
        return True
    if period == "year":
        return day.year == today.year
    if period == "quarter":
        return day.year == today.year and (day.month - 1) // 3 == (today.month - 1) // 3
    return (day.year, day.month) == (today.year, today.month)


def money(pairs: list[tuple[str, int]]) -> dict[str, str]:
    """Per-currency sums as ``--json`` shows them (the team's USD always there)."""
    total: dict[str, int] = defaultdict(int)
    total["USD"] += 0
    for currency, amount in pairs:
        total[currency] += amount
    return {k: f"{v / 100:.2f}" for k, v in total.items() if v or k == "USD"}


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def expected(w: World, period: str, today: dt.date = TODAY) -> dict[str, Any]:
    leads = [lead for lead in w.leads.values() if in_period(lead.submitted_on, period, today)]
    verified = [lead for lead in leads if lead.verified]
    nurtured = [lead for lead in leads if lead.nurtured]
    opps = [o for o in w.opps if in_period(o.engaged_on, period, today)]
    won = [o for o in opps if o.stage == "won"]
    full = [o for o in won if o.contract and sum(p.received or 0 for p in o.contract.payments) >= o.contract.value]
    cash = [(o.contract.currency, p.received or 0) for o in won if o.contract for p in o.contract.payments]

    def lead_money(rows: list[LeadFact]) -> dict[str, str]:
        return money([(lead.currency, lead.amount or 0) for lead in rows])

    funnel = [
        {"stage": "leads", "count": len(leads), "amount": lead_money(leads)},
        {"stage": "verified", "count": len(verified), "amount": lead_money(verified)},
        {"stage": "nurturing", "count": len(nurtured), "amount": lead_money(nurtured)},
        {"stage": "opportunities", "count": len(opps), "amount": money([(o.currency, o.amount or 0) for o in opps])},
        {"stage": "won", "count": len(won), "amount": money([(o.currency, o.amount or 0) for o in won])},
        {"stage": "collected", "count": len(full), "amount": money(cash)},
    ]

    converted = [lead for lead in leads if lead.status == "converted"]
    closed = [lead for lead in leads if lead.status == "closed"]
    conv_won = [lead for lead in converted if lead.opp and lead.opp.stage == "won"]
    conv_lost = [lead for lead in converted if lead.opp and lead.opp.stage == "lost"]
    conversion = {
        "leads": len(leads), "converted": len(converted), "closed": len(closed),
        "open": sum(1 for lead in leads if lead.status in ("submitted", "verified", "nurturing")),
        "ended": len(closed) + len(conv_won) + len(conv_lost), "won": len(conv_won),
        "lost": len(closed) + len(conv_lost),
        "conversion_rate": rate(len(converted), len(converted) + len(closed)),
        "loss_rate": rate(len(closed) + len(conv_lost), len(closed) + len(conv_won) + len(conv_lost)),
    }

    channels = Counter(lead.source for lead in leads)
    channel_rows = {
        source: {"leads": n, "converted": sum(1 for x in converted if x.source == source),
                 "won": sum(1 for x in conv_won if x.source == source)}
        for source, n in channels.items()
    }
    submitters = {
        who: {"leads": n, "converted": sum(1 for x in converted if x.submitter == who),
              "won": sum(1 for x in conv_won if x.submitter == who)}
        for who, n in Counter(lead.submitter for lead in leads).items()
    }

    closed_opps = [o for o in w.opps if o.stage in ("won", "lost") and in_period(o.closed_on, period, today)]
    won_closed = [o for o in closed_opps if o.stage == "won"]
    lost_closed = [o for o in closed_opps if o.stage == "lost"]
    owners: dict[str | None, dict[str, Any]] = {}
    for o in closed_opps:
        row = owners.setdefault(o.owner, {"won": 0, "lost": 0, "value": []})
        row[o.stage] += 1
        if o.stage == "won":
            row["value"].append((o.currency, o.amount or 0))
    outcomes = {
        "won": len(won_closed), "lost": len(lost_closed), "win_rate": rate(len(won_closed), len(closed_opps)),
        "won_value": money([(o.currency, o.amount or 0) for o in won_closed]),
        "lost_value": money([(o.currency, o.amount or 0) for o in lost_closed]),
        "median_days_won": median([(o.closed_on - o.engaged_on).days for o in won_closed]),
        "median_days_lost": median([(o.closed_on - o.engaged_on).days for o in lost_closed]),
        "owners": {
            who: {"won": r["won"], "lost": r["lost"], "win_rate": rate(r["won"], r["won"] + r["lost"]),
                  "won_value": money(r["value"])}
            for who, r in owners.items()
        },
    }

    week_start = today - dt.timedelta(days=today.weekday())
    week = [v for v in w.visits if week_start <= v.on <= week_start + dt.timedelta(days=6)]
    per_person = Counter(v.person for v in week)
    facing = {h for h, roles in w.people.items() if roles & {"ar", "sr", "fr"}}
    visits = {who: per_person.get(who, 0) for who in facing | set(per_person)}

    cutoff = today - dt.timedelta(days=30)
    stale_leads = sorted(
        (lead for lead in w.leads.values() if lead.status in ("submitted", "verified", "nurturing") and lead.last_touch < cutoff),
        key=lambda lead: lead.last_touch,
    )
    stale_opps = sorted(
        (o for o in w.opps if o.stage not in ("won", "lost") and o.stage_changed_on < cutoff),
        key=lambda o: o.stage_changed_on,
    )

    def age(p: PaymentFact) -> str:
        late = (today - p.due_on).days
        if late < 0:
            return "not_due"
        return "0_30" if late <= 30 else "31_60" if late <= 60 else "61_90" if late <= 90 else "over_90"

    unpaid = [(c, p) for c in w.contracts if not c.closed for p in c.payments if p.received_on is None]
    buckets = {a: [(c.currency, p.amount) for c, p in unpaid if age(p) == a] for a in ("not_due", "0_30", "31_60", "61_90", "over_90")}
    overdue = sorted(((c, p) for c, p in unpaid if p.due_on < today), key=lambda cp: (cp[1].due_on, cp[1].id))
    collected = [(c.currency, p.received or 0) for c in w.contracts for p in c.payments if in_period(p.received_on, period, today)]

    keyish = [c for c in w.customers if c.standing in ("key", "strategic")]
    known = [c for c in keyish if c.budget_known and c.budget_year in (None, today.year + 1)]

    return {
        "funnel": funnel,
        "conversion": conversion,
        "channels": channel_rows,
        "submitters": submitters,
        "outcomes": outcomes,
        "visits": visits,
        "stale_leads": [lead.id for lead in stale_leads],
        "stale_lead_idle": [(today - lead.last_touch).days for lead in stale_leads],
        "stale_opps": [o.id for o in stale_opps],
        "buckets": {a: {"count": len(rows), "amount": money(rows)} for a, rows in buckets.items()},
        "outstanding": {"count": len(unpaid), "amount": money([(c.currency, p.amount) for c, p in unpaid])},
        "overdue": {
            "count": len(overdue), "amount": money([(c.currency, p.amount) for c, p in overdue]),
            "payments": [(p.id, c.number, (today - p.due_on).days) for c, p in overdue],
        },
        "collected_in_period": money(collected),
        "budgets": {"year": today.year + 1, "known": len(known), "total": len(keyish), "share": rate(len(known), len(keyish))},
    }


def compare(got: dict, want: dict) -> None:
    """Every figure of ``report_json`` against the hand-made ``expected``."""
    assert got["funnel"] == want["funnel"]
    conversion = dict(got["conversion"])
    for key in ("conversion_rate", "loss_rate"):
        assert conversion.pop(key) == pytest.approx(want["conversion"][key]), key
    assert conversion == {k: v for k, v in want["conversion"].items() if not k.endswith("rate")}

    channels = {row["source"]: {k: row[k] for k in ("leads", "converted", "won")} for row in got["channels"]}
    assert {k: v for k, v in channels.items() if v["leads"]} == want["channels"]
    assert len(channels) == 10  # every channel listed, the silent ones with zeros
    assert [row["leads"] for row in got["channels"]] == sorted((row["leads"] for row in got["channels"]), reverse=True)
    assert {row["handle"]: {k: row[k] for k in ("leads", "converted", "won")} for row in got["submitters"]} == want["submitters"]

    out = dict(got["outcomes"])
    owners = {row["handle"]: row for row in out.pop("owners")}
    for key in ("win_rate", "median_days_won", "median_days_lost"):
        assert out.pop(key) == pytest.approx(want["outcomes"][key]), key
    assert out == {k: want["outcomes"][k] for k in ("won", "lost", "won_value", "lost_value")}
    assert set(owners) == set(want["outcomes"]["owners"])
    for handle, row in owners.items():
        mine = want["outcomes"]["owners"][handle]
        assert (row["won"], row["lost"], row["won_value"]) == (mine["won"], mine["lost"], mine["won_value"]), handle
        assert row["win_rate"] == pytest.approx(mine["win_rate"]), handle

    assert {p["handle"]: p["visits"] for p in got["visits"]["people"]} == want["visits"]
    assert got["visits"]["total"] == sum(want["visits"].values())

    assert [row["id"] for row in got["stale_leads"]["leads"]] == want["stale_leads"]
    assert [row["idle_days"] for row in got["stale_leads"]["leads"]] == want["stale_lead_idle"]
    assert got["stale_leads"]["count"] == len(want["stale_leads"])
    assert [row["id"] for row in got["stale_opportunities"]["opportunities"]] == want["stale_opps"]
    assert got["stale_opportunities"]["count"] == len(want["stale_opps"])

    rec = got["receivables"]
    assert {b["age"]: {"count": b["count"], "amount": b["amount"]} for b in rec["buckets"]} == want["buckets"]
    assert rec["outstanding"] == want["outstanding"]
    assert rec["overdue"]["count"] == want["overdue"]["count"]
    assert rec["overdue"]["amount"] == want["overdue"]["amount"]
    assert [(p["payment_id"], p["contract"], p["days_overdue"]) for p in rec["overdue"]["payments"]] == want["overdue"]["payments"]
    assert rec["collected_in_period"] == want["collected_in_period"]

    budgets = dict(got["budgets"])
    assert budgets.pop("share") == pytest.approx(want["budgets"]["share"])
    assert budgets == {k: v for k, v in want["budgets"].items() if k != "share"}
