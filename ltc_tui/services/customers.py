"""Customers and their contacts."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import Attitude, ContactLevel, DecisionRole, Influence, Standing, parse
from ltc_tui.errors import NotFound, ValidationError
from ltc_tui.models.customers import Contact, Customer
from ltc_tui.services.common import apply_changes, load_for_update
from ltc_tui.values import clean_line, clean_text, parse_currency, parse_money


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def find_customer(session: Session, name: str) -> Customer | None:
    return session.exec(select(Customer).where(Customer.name_key == name_key(name))).first()


def get_customer(session: Session, ref: str | int) -> Customer:
    """A customer by id or by name (case-insensitive)."""
    customer = None
    if isinstance(ref, int) or str(ref).isdigit():
        customer = session.get(Customer, int(ref))
    if customer is None:
        customer = find_customer(session, str(ref))
    if customer is None:
        raise NotFound("error.customer.not_found", name=str(ref))
    return customer


def add_customer(
    session: Session,
    *,
    name: str,
    standing: str | Standing = Standing.NORMAL,
    industry: str | None = None,
    region: str | None = None,
    notes: str | None = None,
) -> Customer:
    clean = clean_line(name, field="customer", required=True)
    assert clean is not None
    if find_customer(session, clean):
        raise ValidationError("error.customer.exists", field="customer", name=clean)
    customer = Customer(
        name=clean,
        name_key=name_key(clean),
        standing=parse(Standing, str(standing), field="standing").value,
        industry=clean_line(industry, field="industry", max_len=100),
        region=clean_line(region, field="region", max_len=100),
        notes=clean_text(notes, field="notes"),
    )
    session.add(customer)
    session.flush()
    return customer


def find_or_create_customer(session: Session, name: str) -> tuple[Customer, bool]:
    """The customer of that name (matched case-insensitively), or a new one."""
    clean = clean_line(name, field="customer", required=True)
    assert clean is not None
    existing = find_customer(session, clean)
    if existing is not None:
        return existing, False
    return add_customer(session, name=clean), True


def update_customer(
    session: Session, *, customer_id: int, expected_version: int | None = None, **changes: object
) -> Customer:
    """Edit a customer; ``budget_known``/``budget_cents``/``budget_year`` record
    a key customer's next-year investment budget."""
    customer = load_for_update(session, Customer, customer_id, expected_version)
    clean: dict[str, object] = {}
    for key, value in changes.items():
        if key == "name":
            text = clean_line(str(value), field="name", required=True)
            assert text is not None
            other = find_customer(session, text)
            if other is not None and other.id != customer.id:
                raise ValidationError("error.customer.exists", field="name", name=text)
            clean["name"] = text
            clean["name_key"] = name_key(text)
        elif key == "standing":
            clean[key] = parse(Standing, str(value), field="standing").value
        elif key in ("industry", "region"):
            clean[key] = clean_line(value, field=key, max_len=100)  # type: ignore[arg-type]
        elif key == "notes":
            clean[key] = clean_text(value, field=key)  # type: ignore[arg-type]
        elif key == "budget_cents":
            clean[key] = parse_money(value, field="budget")  # type: ignore[arg-type]
        elif key == "budget_currency":
            clean[key] = parse_currency(value)  # type: ignore[arg-type]
        elif key == "budget_year":
            if value is not None and not (2000 <= int(value) <= 2100):  # type: ignore[call-overload]
                raise ValidationError("error.int_range", field="budget year", value=value, low=2000, high=2100)
            clean[key] = value
        elif key == "budget_known":
            clean[key] = bool(value)
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(customer, clean)
    return customer


@dataclass
class CustomerRow:
    customer: Customer
    contacts: int
    open_leads: int


def list_customers(session: Session, *, text: str | None = None, standing: str | None = None) -> list[CustomerRow]:
    from ltc_tui.models.leads import Lead

    contacts = (
        select(sa.func.count()).select_from(Contact).where(Contact.customer_id == Customer.id).scalar_subquery()
    )
    open_leads = (
        select(sa.func.count())
        .select_from(Lead)
        .where(Lead.customer_id == Customer.id, Lead.status.in_(("submitted", "verified", "nurturing")))
        .scalar_subquery()
    )
    query = select(Customer, contacts, open_leads).order_by(Customer.name_key)
    if text:
        query = query.where(Customer.name_key.contains(name_key(text), autoescape=True))
    if standing:
        query = query.where(Customer.standing == parse(Standing, standing, field="standing").value)
    return [CustomerRow(c, n, m) for c, n, m in session.exec(query).all()]


def add_contact(
    session: Session,
    *,
    customer_id: int,
    name: str,
    job_title: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    level: str | ContactLevel = ContactLevel.MANAGER,
    decision_role: str | DecisionRole = DecisionRole.INFLUENCER,
    influence: str | Influence = Influence.MEDIUM,
    attitude: str | Attitude = Attitude.UNKNOWN,
    notes: str | None = None,
) -> Contact:
    if session.get(Customer, customer_id) is None:
        raise NotFound("error.customer.not_found", name=str(customer_id))
    clean_email = normalise_email(email)
    if clean_email and find_contact_by_email(session, customer_id, clean_email):
        raise ValidationError("error.contact.exists", field="email", email=clean_email)
    contact = Contact(
        customer_id=customer_id,
        name=clean_line(name, field="name", required=True, max_len=120) or "",
        job_title=clean_line(job_title, field="title", max_len=120),
        email=clean_email,
        phone=clean_line(phone, field="phone", max_len=60),
        level=parse(ContactLevel, str(level), field="level").value,
        decision_role=parse(DecisionRole, str(decision_role), field="role").value,
        influence=parse(Influence, str(influence), field="influence").value,
        attitude=parse(Attitude, str(attitude), field="attitude").value,
        notes=clean_text(notes, field="notes"),
    )
    session.add(contact)
    session.flush()
    return contact


def update_contact(
    session: Session, *, contact_id: int, expected_version: int | None = None, **changes: object
) -> Contact:
    contact = load_for_update(session, Contact, contact_id, expected_version)
    clean: dict[str, object] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = clean_line(value, field="name", required=True, max_len=120)  # type: ignore[arg-type]
        elif key in ("job_title", "phone"):
            clean[key] = clean_line(value, field=key, max_len=120)  # type: ignore[arg-type]
        elif key == "email":
            clean[key] = normalise_email(value)  # type: ignore[arg-type]
        elif key == "level":
            clean[key] = parse(ContactLevel, str(value), field="level").value
        elif key == "decision_role":
            clean[key] = parse(DecisionRole, str(value), field="role").value
        elif key == "influence":
            clean[key] = parse(Influence, str(value), field="influence").value
        elif key == "attitude":
            clean[key] = parse(Attitude, str(value), field="attitude").value
        elif key == "notes":
            clean[key] = clean_text(value, field="notes")  # type: ignore[arg-type]
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(contact, clean)
    return contact


def normalise_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    value = email.strip().lower()
    if "@" not in value or value.startswith("@") or value.endswith("@") or " " in value or len(value) > 200:
        raise ValidationError("error.email", field="email", value=email)
    return value


def find_contact_by_email(session: Session, customer_id: int | None, email: str) -> Contact | None:
    query = select(Contact).where(Contact.email == email.strip().lower())
    if customer_id is not None:
        query = query.where(Contact.customer_id == customer_id)
    return session.exec(query).first()


def get_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound("error.contact.not_found", id=contact_id)
    return contact


def find_or_create_contact(session: Session, *, customer_id: int, text: str) -> tuple[Contact, bool]:
    """``"Name <email>"``, ``"email"`` or ``"Name"`` -> that customer's contact."""
    raw = text.strip()
    name, email = raw, None
    if "<" in raw and raw.endswith(">"):
        name, email = raw[: raw.index("<")].strip(), raw[raw.index("<") + 1 : -1].strip()
    elif "@" in raw and " " not in raw:
        name, email = raw.split("@")[0], raw
    if email:
        found = find_contact_by_email(session, customer_id, email)
        if found is not None:
            return found, False
    else:
        found = session.exec(
            select(Contact).where(
                Contact.customer_id == customer_id, sa.func.lower(Contact.name) == name.lower()
            )
        ).first()
        if found is not None:
            return found, False
    return add_contact(session, customer_id=customer_id, name=name or raw, email=email), True


def list_contacts(session: Session, *, customer_id: int | None = None) -> list[tuple[Contact, Customer]]:
    query = select(Contact, Customer).join(Customer, Customer.id == Contact.customer_id)
    if customer_id is not None:
        query = query.where(Contact.customer_id == customer_id)
    return list(session.exec(query.order_by(Customer.name_key, Contact.name)).all())


def decision_makers(session: Session, customer_id: int) -> list[Contact]:
    return list(
        session.exec(
            select(Contact).where(
                Contact.customer_id == customer_id, Contact.decision_role == DecisionRole.DECISION_MAKER.value
            ).order_by(Contact.name)
        ).all()
    )


def budget_known_share(session: Session, *, year: int | None = None) -> tuple[int, int]:
    """(key or strategic customers whose next-year budget is known, all of them)."""
    target = year or (clock.today().year + 1)
    keyish = Customer.standing.in_((Standing.KEY.value, Standing.STRATEGIC.value))
    total = session.exec(select(sa.func.count()).select_from(Customer).where(keyish)).one()
    known = session.exec(
        select(sa.func.count()).select_from(Customer).where(
            keyish, Customer.budget_known == sa.true(), sa.or_(Customer.budget_year.is_(None), Customer.budget_year == target)
        )
    ).one()
    return known, total
