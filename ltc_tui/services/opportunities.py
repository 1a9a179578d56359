"""Opportunities (机会点): stages with history, gates, won and lost, power map.

Stages run verify -> initiation -> needs analysis -> value presentation ->
bid -> negotiation and signing, then won or lost. Gates (seed 004) guard
three of the moves, and each gate records who passed it and when:
  into initiation   approved by a named person who is not the AR;
  into bid          the FR's review of deliverability, workload and price
                    (pass / pass with conditions / fail; a fail blocks);
  into negotiation  the scope of work agreed.
Won creates the contract; lost needs a reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import DecisionRole, Gate, GateResult, Stage, parse
from ltc_tui.errors import NotFound, PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models.customers import Contact, Customer
from ltc_tui.models.leads import Lead
from ltc_tui.models.nurturing import Competitor, KdmStance
from ltc_tui.models.opportunities import GateRecord, Opportunity, PowerMapEntry, StageChange
from ltc_tui.models.people import Person
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import actor_id, apply_changes, load_for_update
from ltc_tui.services.rules import DEFAULT_PROBABILITY
from ltc_tui.values import clean_line, clean_text, parse_currency, parse_date, parse_int, parse_money

ORDER = Stage.open_stages()
# The gate that must be passed to enter a stage (and every stage after it).
GATE_INTO = {Stage.INITIATION: Gate.INITIATION, Stage.BID: Gate.BID, Stage.NEGOTIATION: Gate.SIGNING}


def get_opportunity(session: Session, opportunity_id: int) -> Opportunity:
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        raise NotFound("error.opp.not_found", id=opportunity_id)
    return opportunity


def open_from_lead(session: Session, *, lead: Lead, amount_cents: int | None = None) -> Opportunity:
    """The opportunity a converted lead becomes: customer, triangle, budget,
    start, its decision makers (as the power map) and its competitors."""
    existing = session.exec(select(Opportunity).where(Opportunity.lead_id == lead.id)).first()
    if existing is not None:
        raise RuleViolation("error.opp.exists_for_lead", id=lead.id, opp=existing.id)
    opportunity = Opportunity(
        lead_id=lead.id,
        customer_id=lead.customer_id,
        title=lead.title,
        stage=Stage.VERIFY.value,
        amount_cents=amount_cents if amount_cents is not None else (lead.expected_amount_cents or lead.budget_cents),
        budget_cents=lead.budget_cents,
        currency=lead.currency,
        start_on=lead.budget_start,
        probability=DEFAULT_PROBABILITY[Stage.VERIFY.value],
        owner_id=lead.ar_id or lead.owner_id,
        ar_id=lead.ar_id,
        sr_id=lead.sr_id,
        fr_id=lead.fr_id,
        engaged_on=lead.submitted_on,
        stage_changed_at=clock.now(),
    )
    session.add(opportunity)
    session.flush()
    session.add(
        StageChange(opportunity_id=opportunity.id or 0, from_stage=None, to_stage=Stage.VERIFY.value,
                    by_id=session.info.get("actor_id"), note=f"from lead #{lead.id}")
    )
    kdms = session.exec(
        select(KdmStance.contact_id)
        .where(KdmStance.lead_id == lead.id, KdmStance.pass_no == lead.nurture_pass)
    ).all()
    makers = session.exec(
        select(Contact.id).where(
            Contact.customer_id == lead.customer_id, Contact.decision_role == DecisionRole.DECISION_MAKER.value
        )
    ).all()
    for contact_id in dict.fromkeys([*kdms, *makers]):
        session.add(PowerMapEntry(opportunity_id=opportunity.id or 0, contact_id=contact_id))
    for competitor in session.exec(
        select(Competitor).where(Competitor.lead_id == lead.id, Competitor.pass_no == lead.nurture_pass)
    ).all():
        competitor.opportunity_id = opportunity.id
    session.flush()
    return opportunity


def discard_fresh(session: Session, *, opportunity_id: int) -> None:
    """Remove an opportunity that was just opened (undoing a convert decision);
    refused once anyone has worked on it."""
    opportunity = get_opportunity(session, opportunity_id)
    moves = session.exec(
        select(sa.func.count()).select_from(StageChange).where(StageChange.opportunity_id == opportunity_id)
    ).one()
    if opportunity.stage != Stage.VERIFY.value or moves > 1 or opportunity.version > 1:
        raise RuleViolation("error.undo.opp_worked", id=opportunity_id)
    for competitor in session.exec(select(Competitor).where(Competitor.opportunity_id == opportunity_id)).all():
        competitor.opportunity_id = None
    session.flush()
    for model in (PowerMapEntry, StageChange, GateRecord):
        for row in session.exec(select(model).where(model.opportunity_id == opportunity_id)).all():
            session.delete(row)
    session.flush()
    session.delete(opportunity)
    session.flush()


def add_opportunity(
    session: Session,
    *,
    title: str,
    customer: str,
    amount: str | int | None = None,
    budget: str | int | None = None,
    currency: str | None = None,
    start: str | dt.date | None = None,
    ar: str | None = None,
    sr: str | None = None,
    fr: str | None = None,
    product: str | None = None,
) -> Opportunity:
    """An opportunity that did not come through the lead process (a tender seen
    in the press, a renewal)."""
    from ltc_tui.services.customers import find_or_create_customer
    from ltc_tui.services.people import find_person

    cust, _ = find_or_create_customer(session, customer)
    people = {name: find_person(session, who) for name, who in (("ar", ar), ("sr", sr), ("fr", fr))}
    opportunity = Opportunity(
        customer_id=cust.id or 0,
        title=clean_line(title, field="title", required=True) or "",
        product=clean_line(product, field="product"),
        stage=Stage.VERIFY.value,
        amount_cents=parse_money(amount, field="amount"),
        budget_cents=parse_money(budget, field="budget"),
        currency=parse_currency(currency) or settings_service.get(session, "currency"),
        start_on=parse_date(start, field="start"),
        probability=DEFAULT_PROBABILITY[Stage.VERIFY.value],
        owner_id=(people["ar"].id if people["ar"] else actor_id(session)),
        ar_id=people["ar"].id if people["ar"] else None,
        sr_id=people["sr"].id if people["sr"] else None,
        fr_id=people["fr"].id if people["fr"] else None,
        engaged_on=clock.today(),
        stage_changed_at=clock.now(),
    )
    session.add(opportunity)
    session.flush()
    session.add(StageChange(opportunity_id=opportunity.id or 0, to_stage=Stage.VERIFY.value, by_id=session.info.get("actor_id")))
    session.flush()
    return opportunity


# --- gates -----------------------------------------------------------------------------


def latest_gate(session: Session, opportunity_id: int, gate: Gate) -> GateRecord | None:
    return session.exec(
        select(GateRecord)
        .where(GateRecord.opportunity_id == opportunity_id, GateRecord.gate == gate.value)
        .order_by(GateRecord.id.desc())
    ).first()


def gate_open(session: Session, opportunity: Opportunity, gate: Gate) -> tuple[bool, str, dict[str, Any]]:
    """Whether ``gate`` is passed, and if not, the reason to show."""
    record = latest_gate(session, opportunity.id or 0, gate)
    if record is None:
        return False, f"gate.{gate.value}.missing", {}
    if record.result == GateResult.FAIL.value:
        return False, f"gate.{gate.value}.failed", {"notes": record.notes or "-"}
    return True, f"gate.{gate.value}.passed", {}


def record_gate(
    session: Session,
    *,
    opportunity_id: int,
    gate: str | Gate,
    result: str | GateResult = GateResult.PASS,
    approver: str | None = None,
    notes: str | None = None,
    conditions: str | None = None,
    deliverability: str | GateResult | None = None,
    workload_days: str | int | None = None,
    price: str | int | None = None,
) -> GateRecord:
    """Record a gate: the initiation approval, the FR's bid review, the scope agreement."""
    from ltc_tui.services.people import find_person

    which = Gate(parse(Gate, str(gate), field="gate"))
    outcome = GateResult(parse(GateResult, str(result), field="result"))
    opportunity = get_opportunity(session, opportunity_id)
    if not Stage(opportunity.stage).is_open:
        raise RuleViolation("error.opp.closed", id=opportunity_id, stage=opportunity.stage)
    recorder = actor_id(session)
    person = find_person(session, approver) if approver else session.get(Person, recorder)
    assert person is not None
    record = GateRecord(
        opportunity_id=opportunity_id,
        gate=which.value,
        result=outcome.value,
        approver_id=person.id or 0,
        recorded_by_id=recorder,
        notes=clean_text(notes, field="notes"),
        conditions=clean_text(conditions, field="conditions"),
    )
    if outcome is GateResult.CONDITIONAL and not record.conditions:
        raise ValidationError("error.gate.conditions", field="conditions")
    if which is Gate.INITIATION:
        if opportunity.ar_id is not None and person.id == opportunity.ar_id:
            raise PermissionDenied("error.gate.initiation_ar", id=opportunity_id)
    elif which is Gate.BID:
        if opportunity.fr_id is None:
            raise RuleViolation("error.gate.bid_no_fr", id=opportunity_id)
        if person.id != opportunity.fr_id:
            raise PermissionDenied("error.gate.bid_not_fr", id=opportunity_id)
        record.deliverability = (
            GateResult(parse(GateResult, str(deliverability), field="deliverability")).value
            if deliverability not in (None, "")
            else outcome.value
        )
        if record.deliverability == GateResult.FAIL.value and outcome is not GateResult.FAIL:
            raise ValidationError("error.gate.bid_undeliverable", field="result")
        record.workload_days = parse_int(workload_days, field="workload days", low=0)
        record.price_cents = parse_money(price, field="price")
        if record.workload_days is None or record.price_cents is None:
            raise ValidationError(
                "error.gate.bid_needs", field="workload days" if record.workload_days is None else "price"
            )
    elif which is Gate.SIGNING and outcome is GateResult.FAIL and not record.notes:
        raise ValidationError("error.required", field="notes")
    session.add(record)
    session.flush()
    return record


def gates(session: Session, opportunity_id: int) -> list[GateRecord]:
    return list(
        session.exec(
            select(GateRecord).where(GateRecord.opportunity_id == opportunity_id).order_by(GateRecord.at, GateRecord.id)
        ).all()
    )


# --- stages ------------------------------------------------------------------------------


def move_stage(
    session: Session,
    *,
    opportunity_id: int,
    to: str | Stage,
    note: str | None = None,
    expected_version: int | None = None,
) -> Opportunity:
    """Move to another open stage; moving forward passes the gates in between."""
    target = Stage(parse(Stage, str(to), field="stage"))
    if not target.is_open:
        raise ValidationError("error.opp.use_won_lost", field="stage", stage=target.value)
    opportunity = load_for_update(session, Opportunity, opportunity_id, expected_version)
    current = Stage(opportunity.stage)
    if not current.is_open:
        raise RuleViolation("error.opp.closed", id=opportunity_id, stage=current.value)
    if target is current:
        raise RuleViolation("error.opp.same_stage", stage=current.value)
    if ORDER.index(target) > ORDER.index(current):
        for stage in ORDER[ORDER.index(current) + 1 : ORDER.index(target) + 1]:
            gate = GATE_INTO.get(stage)
            if gate is None:
                continue
            ok, key, params = gate_open(session, opportunity, gate)
            if not ok:
                from ltc_tui.i18n import t

                raise RuleViolation("error.opp.gate", stage=stage.value, why=t(key, **params))
    _set_stage(session, opportunity, target, note)
    return opportunity


def _set_stage(session: Session, opportunity: Opportunity, target: Stage, note: str | None) -> None:
    session.add(
        StageChange(
            opportunity_id=opportunity.id or 0,
            from_stage=opportunity.stage,
            to_stage=target.value,
            by_id=session.info.get("actor_id"),
            note=clean_text(note, field="note"),
        )
    )
    opportunity.stage = target.value
    opportunity.stage_changed_at = clock.now()
    if not opportunity.probability_manual:
        opportunity.probability = DEFAULT_PROBABILITY[target.value]
    session.flush()


def mark_won(
    session: Session,
    *,
    opportunity_id: int,
    reason: str | None = None,
    number: str | None = None,
    signed_on: str | dt.date | None = None,
    value: str | int | None = None,
    po_number: str | None = None,
    expected_version: int | None = None,
) -> Any:
    """Won: from negotiation and signing (the scope agreed); creates the contract."""
    from ltc_tui.services.contracts import create_contract

    opportunity = load_for_update(session, Opportunity, opportunity_id, expected_version)
    current = Stage(opportunity.stage)
    if not current.is_open:
        raise RuleViolation("error.opp.closed", id=opportunity_id, stage=current.value)
    if current is not Stage.NEGOTIATION:
        raise RuleViolation("error.opp.won_stage", id=opportunity_id, stage=current.value)
    signed = parse_date(signed_on, field="signed on") or clock.today()
    value_cents = parse_money(value, field="value")
    if value_cents is None:
        value_cents = opportunity.amount_cents
    if value_cents is None:
        raise ValidationError("error.opp.won_value", field="value")
    opportunity.won_reason = clean_text(reason, field="reason")
    opportunity.closed_on = max(signed, opportunity.engaged_on)
    opportunity.amount_cents = value_cents
    _set_stage(session, opportunity, Stage.WON, reason)
    contract = create_contract(
        session,
        opportunity=opportunity,
        number=number,
        signed_on=signed,
        value_cents=value_cents,
        po_number=po_number,
    )
    return contract


def mark_lost(
    session: Session, *, opportunity_id: int, reason: str, expected_version: int | None = None
) -> Opportunity:
    why = clean_text(reason, field="reason")
    if not why:
        raise ValidationError("error.opp.lost_reason", field="reason")
    opportunity = load_for_update(session, Opportunity, opportunity_id, expected_version)
    if not Stage(opportunity.stage).is_open:
        raise RuleViolation("error.opp.closed", id=opportunity_id, stage=opportunity.stage)
    opportunity.lost_reason = why
    opportunity.closed_on = max(clock.today(), opportunity.engaged_on)
    _set_stage(session, opportunity, Stage.LOST, why)
    return opportunity


TEXT_FIELDS = (
    "our_strengths", "unique_value", "need_fit", "difference",
    "market_notes", "customer_notes", "product_notes", "competition_notes",
)


def update_opportunity(
    session: Session, *, opportunity_id: int, expected_version: int | None = None, **changes: Any
) -> Opportunity:
    from ltc_tui.services.people import find_person

    opportunity = load_for_update(session, Opportunity, opportunity_id, expected_version)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key in TEXT_FIELDS:
            clean[key] = clean_text(value, field=key.replace("_", " "))
        elif key == "title":
            clean[key] = clean_line(value, field="title", required=True)
        elif key == "product":
            clean[key] = clean_line(value, field="product")
        elif key in ("amount", "budget"):
            clean[f"{key}_cents"] = parse_money(value, field=key)
        elif key == "currency":
            clean[key] = parse_currency(value) or opportunity.currency
        elif key == "start":
            clean["start_on"] = parse_date(value, field="start")
        elif key == "probability":
            if value in (None, "", "auto"):
                clean["probability_manual"] = False
                clean["probability"] = DEFAULT_PROBABILITY[opportunity.stage]
            else:
                clean["probability"] = parse_int(value, field="probability", low=0, high=100)
                clean["probability_manual"] = True
        elif key in ("ar", "sr", "fr", "owner"):
            person = find_person(session, value)
            clean[f"{key}_id"] = person.id if person else None
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(opportunity, clean)
    session.flush()
    return opportunity


# --- power map -----------------------------------------------------------------------


@dataclass
class PowerMapRow:
    contact: Contact
    entry: PowerMapEntry | None
    covered_by: Person | None

    @property
    def uncovered_decision_maker(self) -> bool:
        return self.contact.decision_role == DecisionRole.DECISION_MAKER.value and self.covered_by is None


def power_map(session: Session, opportunity_id: int) -> list[PowerMapRow]:
    """The customer's contacts by decision role and influence, with who covers each."""
    opportunity = get_opportunity(session, opportunity_id)
    entries = {
        e.contact_id: e
        for e in session.exec(select(PowerMapEntry).where(PowerMapEntry.opportunity_id == opportunity_id)).all()
    }
    people = {p.id: p for p in session.exec(select(Person)).all()}
    contacts = session.exec(select(Contact).where(Contact.customer_id == opportunity.customer_id)).all()
    role_order = [r.value for r in DecisionRole]
    influence_order = ["high", "medium", "low"]
    rows = [
        PowerMapRow(
            c, entries.get(c.id or 0),
            people.get(entries[c.id].covered_by_id) if c.id in entries and entries[c.id].covered_by_id else None,
        )
        for c in contacts
    ]
    rows.sort(key=lambda r: (role_order.index(r.contact.decision_role), influence_order.index(r.contact.influence), r.contact.name))
    return rows


def cover(session: Session, *, opportunity_id: int, contact_id: int, by: str | None, notes: str | None = None) -> PowerMapEntry:
    """Say which triangle member covers a contact (``by=None`` uncovers)."""
    from ltc_tui.services.people import find_person

    opportunity = get_opportunity(session, opportunity_id)
    contact = session.get(Contact, contact_id)
    if contact is None or contact.customer_id != opportunity.customer_id:
        raise ValidationError("error.nurture.contact", field="contact", id=contact_id)
    person = find_person(session, by)
    if person is not None and person.id not in (opportunity.ar_id, opportunity.sr_id, opportunity.fr_id):
        raise RuleViolation("error.power.not_triangle", who=person.handle)
    entry = session.exec(
        select(PowerMapEntry).where(PowerMapEntry.opportunity_id == opportunity_id, PowerMapEntry.contact_id == contact_id)
    ).first()
    if entry is None:
        entry = PowerMapEntry(opportunity_id=opportunity_id, contact_id=contact_id)
        session.add(entry)
    entry.covered_by_id = person.id if person else None
    if notes is not None:
        entry.notes = clean_text(notes, field="notes")
    session.flush()
    return entry


# --- lists and the file --------------------------------------------------------------


@dataclass
class OppRow:
    id: int
    title: str
    customer: str
    stage: str
    amount_cents: int | None
    currency: str
    probability: int
    owner: str | None
    engaged_on: dt.date
    closed_on: dt.date | None
    stage_changed_at: dt.datetime
    version: int

    @property
    def weighted_cents(self) -> int:
        return (self.amount_cents or 0) * self.probability // 100


@dataclass
class OppQuery:
    text: str | None = None
    stages: list[str] | None = None
    owner: str | None = None
    customer: str | None = None
    stale_only: bool = False
    include_closed: bool = False
    limit: int = 500
    offset: int = 0
    me_id: int | None = None


def stale_opportunity_cutoff(session: Session) -> dt.datetime:
    return clock.now() - dt.timedelta(days=int(settings_service.get(session, "opportunity_stale_days")))


def parse_opp_filter(text: str, base: OppQuery | None = None) -> OppQuery:
    """``"stage:bid owner:li stale cdma"``: the same field-filter language as the pool."""
    query = base or OppQuery()
    words = []
    for token in text.split():
        key, sep, value = token.partition(":")
        key = key.lower()
        if sep and value and key == "stage":
            query.stages = [Stage(parse(Stage, v, field="stage")).value for v in value.split(",") if v]
            if any(not Stage(s).is_open for s in query.stages):
                query.include_closed = True
        elif sep and value and key == "owner":
            query.owner = value
        elif sep and value and key == "customer":
            query.customer = value
        elif token.lower() in ("stale", "is:stale"):
            query.stale_only = True
        elif token.lower() in ("all", "is:all"):
            query.include_closed = True
        else:
            words.append(token)
    query.text = " ".join(words) or None
    return query


def query_opportunities(session: Session, query: OppQuery) -> list[OppRow]:
    from ltc_tui.services.people import get_person

    owner = sa.orm.aliased(Person)
    stmt = (
        sa.select(
            Opportunity.id, Opportunity.title, Customer.name, Opportunity.stage, Opportunity.amount_cents,
            Opportunity.currency, Opportunity.probability, owner.handle, Opportunity.engaged_on,
            Opportunity.closed_on, Opportunity.stage_changed_at, Opportunity.version,
        )
        .join(Customer, Customer.id == Opportunity.customer_id)
        .join(owner, owner.id == Opportunity.owner_id, isouter=True)
    )
    if query.stages:
        stmt = stmt.where(Opportunity.stage.in_(query.stages))
    elif not query.include_closed:
        stmt = stmt.where(Opportunity.stage.in_([s.value for s in ORDER]))
    if query.text:
        for word in query.text.split():
            stmt = stmt.where(
                sa.or_(
                    Opportunity.title.icontains(word, autoescape=True),
                    Customer.name.icontains(word, autoescape=True),
                    Opportunity.product.icontains(word, autoescape=True),
                )
            )
    if query.owner:
        if query.owner.lower() == "me":
            stmt = stmt.where(Opportunity.owner_id == (query.me_id or -1))
        else:
            who = get_person(session, query.owner).id
            stmt = stmt.where(
                sa.or_(Opportunity.owner_id == who, Opportunity.ar_id == who, Opportunity.sr_id == who, Opportunity.fr_id == who)
            )
    if query.customer:
        stmt = stmt.where(Customer.name.icontains(query.customer, autoescape=True))
    if query.stale_only:
        stmt = stmt.where(
            Opportunity.stage.in_([s.value for s in ORDER]),
            Opportunity.stage_changed_at < stale_opportunity_cutoff(session),
        )
    stmt = stmt.order_by(Opportunity.stage_changed_at.desc(), Opportunity.id.desc()).limit(query.limit).offset(query.offset)
    return [OppRow(*row) for row in session.execute(stmt).all()]


@dataclass
class StageSummary:
    stage: str
    count: int
    amount_cents: int
    weighted_cents: int


def pipeline_summary(session: Session) -> list[StageSummary]:
    rows = session.execute(
        sa.select(
            Opportunity.stage,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(Opportunity.amount_cents), 0),
            sa.func.coalesce(sa.func.sum(Opportunity.amount_cents * Opportunity.probability / 100), 0),
        ).group_by(Opportunity.stage)
    ).all()
    found = {stage: StageSummary(stage, n, int(amount), int(weighted)) for stage, n, amount, weighted in rows}
    return [found.get(s.value, StageSummary(s.value, 0, 0, 0)) for s in Stage]


@dataclass
class StageSpan:
    stage: str
    entered_at: dt.datetime
    left_at: dt.datetime | None
    by: str | None
    note: str | None

    def days(self, now: dt.datetime | None = None) -> int:
        end = self.left_at or now or clock.now()
        return max(0, (end - self.entered_at).days)


def stage_history(session: Session, opportunity_id: int) -> list[StageSpan]:
    rows = session.exec(
        select(StageChange, Person)
        .join(Person, Person.id == StageChange.by_id, isouter=True)
        .where(StageChange.opportunity_id == opportunity_id)
        .order_by(StageChange.at, StageChange.id)
    ).all()
    spans: list[StageSpan] = []
    for change, person in rows:
        if spans:
            spans[-1].left_at = change.at
        spans.append(StageSpan(change.to_stage, change.at, None, person.handle if person else None, change.note))
    return spans


def competitors_of(session: Session, opportunity_id: int) -> list[Competitor]:
    return list(session.exec(select(Competitor).where(Competitor.opportunity_id == opportunity_id).order_by(Competitor.id)).all())


def add_competitor(session: Session, *, opportunity_id: int, name: str, **fields: Any) -> Competitor:
    from ltc_tui.enums import CompetitorStanding
    from ltc_tui.values import parse_bool

    get_opportunity(session, opportunity_id)
    competitor = Competitor(
        opportunity_id=opportunity_id,
        name=clean_line(name, field="name", required=True, max_len=120) or "",
        strengths=clean_text(fields.get("strengths"), field="strengths"),
        weaknesses=clean_text(fields.get("weaknesses"), field="weaknesses"),
        standing=parse(CompetitorStanding, str(fields.get("standing") or "medium"), field="standing").value,
        strategy=clean_text(fields.get("strategy"), field="strategy"),
        locked=bool(parse_bool(fields.get("locked"), field="locked")),
    )
    session.add(competitor)
    session.flush()
    return competitor
