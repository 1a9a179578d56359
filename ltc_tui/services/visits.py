"""Customer visits, and the weekly count per person against the target (six)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import Role, VisitKind, parse
from ltc_tui.errors import ValidationError
from ltc_tui.models.customers import Contact, Customer
from ltc_tui.models.people import Person, PersonRole
from ltc_tui.models.visits import Visit, VisitContact
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import actor_id, touch_lead
from ltc_tui.values import clean_text, parse_date

# Customer-facing roles: the people the weekly visit target applies to.
FACING_ROLES = (Role.AR.value, Role.SR.value, Role.FR.value)


def add_visit(
    session: Session,
    *,
    customer: str,
    kind: str | VisitKind = VisitKind.ROUTINE,
    visited_on: str | dt.date | None = None,
    person: str | None = None,
    contacts: Iterable[str] = (),
    objective: str | None = None,
    outcome: str | None = None,
    next_step: str | None = None,
    lead_id: int | None = None,
    opportunity_id: int | None = None,
) -> Visit:
    """Record a visit: who went, whom they met, why, and what came of it.
    A visit on a lead counts as activity (its stale clock starts again)."""
    from ltc_tui.services.customers import find_or_create_contact, get_customer
    from ltc_tui.services.people import get_person

    cust = get_customer(session, customer)
    day = parse_date(visited_on, field="date") or clock.today()
    if day > clock.today():
        raise ValidationError("error.date_future", field="date", date=day.isoformat())
    who = get_person(session, person).id if person else actor_id(session)
    if lead_id is not None:
        from ltc_tui.services.leads import get_lead

        if get_lead(session, lead_id).customer_id != cust.id:
            raise ValidationError("error.visit.lead_customer", field="lead", id=lead_id)
    if opportunity_id is not None:
        from ltc_tui.services.opportunities import get_opportunity

        if get_opportunity(session, opportunity_id).customer_id != cust.id:
            raise ValidationError("error.visit.opp_customer", field="opportunity", id=opportunity_id)
    visit = Visit(
        person_id=who or 0,
        customer_id=cust.id or 0,
        visited_on=day,
        kind=parse(VisitKind, str(kind), field="kind").value,
        objective=clean_text(objective, field="objective"),
        outcome=clean_text(outcome, field="outcome"),
        next_step=clean_text(next_step, field="next step"),
        lead_id=lead_id,
        opportunity_id=opportunity_id,
    )
    session.add(visit)
    session.flush()
    for text in contacts:
        if not str(text).strip():
            continue
        contact = (
            session.get(Contact, int(text)) if str(text).isdigit() else find_or_create_contact(session, customer_id=cust.id or 0, text=str(text))[0]
        )
        if contact is None or contact.customer_id != cust.id:
            raise ValidationError("error.nurture.contact", field="contact", id=text)
        if session.get(VisitContact, (visit.id, contact.id)) is None:
            session.add(VisitContact(visit_id=visit.id or 0, contact_id=contact.id or 0))
    touch_lead(session, lead_id)
    session.flush()
    return visit


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding ``day``."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


@dataclass
class WeekCount:
    person: Person
    visits: int
    target: int

    @property
    def met(self) -> bool:
        return self.visits >= self.target


def week_counts(session: Session, *, day: dt.date | None = None) -> tuple[dt.date, dt.date, list[WeekCount]]:
    """Visits per customer-facing person (AR, SR, FR, or anyone who visited)
    in the week of ``day``, against the weekly target."""
    start, end = week_bounds(day or clock.today())
    target = int(settings_service.get(session, "visit_target_weekly"))
    counts = dict(
        session.exec(
            select(Visit.person_id, sa.func.count())
            .where(Visit.visited_on >= start, Visit.visited_on <= end)
            .group_by(Visit.person_id)
        ).all()
    )
    facing = set(session.exec(select(PersonRole.person_id).where(PersonRole.role.in_(FACING_ROLES))).all())
    people = session.exec(select(Person).where(Person.active == sa.true()).order_by(Person.handle)).all()
    rows = [WeekCount(p, int(counts.get(p.id, 0)), target) for p in people if p.id in facing or p.id in counts]
    rows.sort(key=lambda r: (-r.visits, r.person.handle))
    return start, end, rows


@dataclass
class VisitRow:
    visit: Visit
    person: Person
    customer: Customer
    contacts: list[Contact]


def list_visits(
    session: Session,
    *,
    person: str | None = None,
    customer: str | None = None,
    lead_id: int | None = None,
    since: dt.date | None = None,
    limit: int = 200,
) -> list[VisitRow]:
    from ltc_tui.services.customers import get_customer
    from ltc_tui.services.people import get_person

    stmt = (
        select(Visit, Person, Customer)
        .join(Person, Person.id == Visit.person_id)
        .join(Customer, Customer.id == Visit.customer_id)
    )
    if person:
        stmt = stmt.where(Visit.person_id == get_person(session, person).id)
    if customer:
        stmt = stmt.where(Visit.customer_id == get_customer(session, customer).id)
    if lead_id is not None:
        stmt = stmt.where(Visit.lead_id == lead_id)
    if since is not None:
        stmt = stmt.where(Visit.visited_on >= since)
    rows = session.exec(stmt.order_by(Visit.visited_on.desc(), Visit.id.desc()).limit(limit)).all()
    ids = [v.id for v, _, _ in rows]
    met: dict[int, list[Contact]] = {}
    if ids:
        for link, contact in session.exec(
            select(VisitContact, Contact).join(Contact, Contact.id == VisitContact.contact_id).where(VisitContact.visit_id.in_(ids))
        ).all():
            met.setdefault(link.visit_id, []).append(contact)
    return [VisitRow(v, p, c, met.get(v.id or 0, [])) for v, p, c in rows]
