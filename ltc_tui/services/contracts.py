"""Contract execution (管理合同执行): milestones, invoices, payments, disputes.

Rules: amounts are never negative; every date of a contract's life falls on
or after its signing, and due dates after issue dates; a payment received
beyond what has been invoiced is refused unless confirmed; an open dispute
marks the contract disputed; closing needs the money collected, or the rest
written off with a reason, and no dispute open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import ContractStatus, parse
from ltc_tui.errors import NotFound, RuleViolation, ValidationError
from ltc_tui.models.contracts import Contract, Dispute, Invoice, Milestone, Payment
from ltc_tui.models.customers import Customer
from ltc_tui.models.opportunities import Opportunity
from ltc_tui.models.people import Person
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import apply_changes, load_for_update
from ltc_tui.values import clean_line, clean_text, format_money, parse_currency, parse_date, parse_money


def get_contract(session: Session, ref: int | str) -> Contract:
    """A contract by id or by number."""
    contract = None
    if isinstance(ref, int) or str(ref).isdigit():
        contract = session.get(Contract, int(ref))
    if contract is None:
        contract = session.exec(select(Contract).where(Contract.number == str(ref).strip())).first()
    if contract is None:
        raise NotFound("error.contract.not_found", ref=str(ref))
    return contract


def _unique_number(session: Session, wanted: str | None, signed_on: dt.date, hint: int) -> str:
    if wanted:
        number = clean_line(wanted, field="number", required=True, max_len=64) or ""
        if session.exec(select(Contract.id).where(Contract.number == number)).first() is not None:
            raise ValidationError("error.contract.number_taken", field="number", number=number)
        return number
    base = f"C{signed_on.year}-{hint:04d}"
    number, n = base, 1
    while session.exec(select(Contract.id).where(Contract.number == number)).first() is not None:
        n += 1
        number = f"{base}-{n}"
    return number


def create_contract(
    session: Session,
    *,
    opportunity: Opportunity,
    number: str | None,
    signed_on: dt.date,
    value_cents: int,
    po_number: str | None = None,
) -> Contract:
    """The contract a won opportunity becomes."""
    if signed_on < opportunity.engaged_on:
        raise ValidationError("error.contract.signed_before_engaged", field="signed on")
    contract = Contract(
        opportunity_id=opportunity.id,
        customer_id=opportunity.customer_id,
        number=_unique_number(session, number, signed_on, opportunity.id or 0),
        title=opportunity.title,
        signed_on=signed_on,
        value_cents=value_cents,
        currency=opportunity.currency,
        po_number=clean_line(po_number, field="PO", max_len=64),
        ar_id=opportunity.ar_id,
        fr_id=opportunity.fr_id,
        status=ContractStatus.SIGNED.value,
    )
    session.add(contract)
    session.flush()
    return contract


def add_contract(
    session: Session,
    *,
    customer: str,
    title: str,
    value: str | int,
    number: str | None = None,
    signed_on: str | dt.date | None = None,
    currency: str | None = None,
    po_number: str | None = None,
    ar: str | None = None,
    fr: str | None = None,
) -> Contract:
    """A contract signed outside the tracked pipeline."""
    from ltc_tui.services.customers import get_customer
    from ltc_tui.services.people import find_person

    cust = get_customer(session, customer)
    value_cents = parse_money(value, field="value")
    if value_cents is None:
        raise ValidationError("error.required", field="value")
    signed = parse_date(signed_on, field="signed on") or clock.today()
    contract = Contract(
        customer_id=cust.id or 0,
        number=_unique_number(session, number, signed, (session.exec(select(sa.func.max(Contract.id))).one() or 0) + 1),
        title=clean_line(title, field="title", required=True) or "",
        signed_on=signed,
        value_cents=value_cents,
        currency=parse_currency(currency) or settings_service.get(session, "currency"),
        po_number=clean_line(po_number, field="PO", max_len=64),
        ar_id=(find_person(session, ar).id if ar else None),  # type: ignore[union-attr]
        fr_id=(find_person(session, fr).id if fr else None),  # type: ignore[union-attr]
    )
    session.add(contract)
    session.flush()
    return contract


def _open_contract(session: Session, contract_id: int) -> Contract:
    contract = get_contract(session, contract_id)
    if contract.status == ContractStatus.CLOSED.value:
        raise RuleViolation("error.contract.closed", number=contract.number)
    return contract


def _not_before_signing(contract: Contract, day: dt.date | None, field: str) -> None:
    if day is not None and day < contract.signed_on:
        raise ValidationError(
            "error.contract.date_before_signed", field=field, date=day.isoformat(), signed=contract.signed_on.isoformat()
        )


def update_contract(session: Session, *, contract_id: int, expected_version: int | None = None, **changes: Any) -> Contract:
    from ltc_tui.services.people import find_person

    contract = load_for_update(session, Contract, contract_id, expected_version)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "po_number":
            clean[key] = clean_line(value, field="PO", max_len=64)
        elif key == "title":
            clean[key] = clean_line(value, field="title", required=True)
        elif key == "notes":
            clean[key] = clean_text(value, field="notes")
        elif key == "value":
            cents = parse_money(value, field="value")
            if cents is None:
                raise ValidationError("error.required", field="value")
            clean["value_cents"] = cents
        elif key in ("ar", "fr"):
            person = find_person(session, value)
            clean[f"{key}_id"] = person.id if person else None
        elif key == "status":
            status = ContractStatus(parse(ContractStatus, str(value), field="status"))
            if status in (ContractStatus.CLOSED, ContractStatus.DISPUTED):
                raise RuleViolation("error.contract.status_via", status=status.value)
            clean[key] = status.value
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(contract, clean)
    session.flush()
    return contract


def _started(contract: Contract) -> None:
    if contract.status == ContractStatus.SIGNED.value:
        contract.status = ContractStatus.EXECUTING.value


# --- milestones ----------------------------------------------------------------


def add_milestone(
    session: Session,
    *,
    contract_id: int,
    name: str,
    planned_on: str | dt.date | None = None,
    actual_on: str | dt.date | None = None,
    notes: str | None = None,
) -> Milestone:
    contract = _open_contract(session, contract_id)
    planned = parse_date(planned_on, field="planned")
    actual = parse_date(actual_on, field="actual")
    _not_before_signing(contract, planned, "planned")
    _not_before_signing(contract, actual, "actual")
    if actual is not None and actual > clock.today():
        raise ValidationError("error.date_future", field="actual", date=actual.isoformat())
    milestone = Milestone(
        contract_id=contract.id or 0,
        name=clean_line(name, field="name", required=True) or "",
        planned_on=planned,
        actual_on=actual,
        notes=clean_text(notes, field="notes"),
    )
    session.add(milestone)
    if actual is not None:
        _started(contract)
    session.flush()
    return milestone


def update_milestone(session: Session, *, milestone_id: int, expected_version: int | None = None, **changes: Any) -> Milestone:
    milestone = load_for_update(session, Milestone, milestone_id, expected_version)
    contract = _open_contract(session, milestone.contract_id)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = clean_line(value, field="name", required=True)
        elif key in ("planned_on", "actual_on"):
            day = parse_date(value, field=key.replace("_on", ""))
            _not_before_signing(contract, day, key.replace("_on", ""))
            if key == "actual_on" and day is not None and day > clock.today():
                raise ValidationError("error.date_future", field="actual", date=day.isoformat())
            clean[key] = day
        elif key == "notes":
            clean[key] = clean_text(value, field="notes")
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(milestone, clean)
    if milestone.actual_on is not None:
        _started(contract)
    session.flush()
    return milestone


# --- invoices and payments --------------------------------------------------------------


def _totals(session: Session, contract_id: int) -> tuple[int, int, int]:
    """(invoiced, planned payments, received) in cents."""
    invoiced = session.exec(
        select(sa.func.coalesce(sa.func.sum(Invoice.amount_cents), 0)).where(Invoice.contract_id == contract_id)
    ).one()
    planned, received = session.exec(
        select(
            sa.func.coalesce(sa.func.sum(Payment.amount_cents), 0),
            sa.func.coalesce(sa.func.sum(Payment.received_cents), 0),
        ).where(Payment.contract_id == contract_id)
    ).one()
    return int(invoiced), int(planned), int(received)


def add_invoice(
    session: Session,
    *,
    contract_id: int,
    number: str,
    amount: str | int,
    issued_on: str | dt.date | None = None,
    due_on: str | dt.date | None = None,
    notes: str | None = None,
    confirm_over_value: bool = False,
) -> Invoice:
    contract = _open_contract(session, contract_id)
    cents = parse_money(amount, field="amount")
    if cents is None:
        raise ValidationError("error.required", field="amount")
    issued = parse_date(issued_on, field="issued") or clock.today()
    due = parse_date(due_on, field="due")
    _not_before_signing(contract, issued, "issued")
    if due is not None and due < issued:
        raise ValidationError("error.contract.due_before_issue", field="due", due=due.isoformat(), issued=issued.isoformat())
    code = clean_line(number, field="number", required=True, max_len=64) or ""
    if session.exec(select(Invoice.id).where(Invoice.contract_id == contract.id, Invoice.number == code)).first():
        raise ValidationError("error.invoice.number_taken", field="number", number=code)
    invoiced, _, _ = _totals(session, contract.id or 0)
    if invoiced + cents > contract.value_cents and not confirm_over_value:
        raise RuleViolation(
            "error.invoice.over_value",
            total=format_money(invoiced + cents, contract.currency),
            value=format_money(contract.value_cents, contract.currency),
        )
    invoice = Invoice(
        contract_id=contract.id or 0, number=code, issued_on=issued, due_on=due, amount_cents=cents,
        notes=clean_text(notes, field="notes"),
    )
    session.add(invoice)
    _started(contract)
    session.flush()
    return invoice


def add_payment(
    session: Session,
    *,
    contract_id: int,
    amount: str | int,
    due_on: str | dt.date,
    invoice: str | None = None,
    is_final: bool = False,
    received_on: str | dt.date | None = None,
    notes: str | None = None,
    confirm_over_invoiced: bool = False,
) -> Payment:
    """Plan a payment (due date and amount); with ``received_on`` it is already in."""
    contract = _open_contract(session, contract_id)
    cents = parse_money(amount, field="amount")
    if cents is None:
        raise ValidationError("error.required", field="amount")
    due = parse_date(due_on, field="due")
    if due is None:
        raise ValidationError("error.required", field="due")
    _not_before_signing(contract, due, "due")
    invoice_id = None
    if invoice not in (None, ""):
        found = session.exec(
            select(Invoice).where(Invoice.contract_id == contract.id, Invoice.number == str(invoice).strip())
        ).first()
        if found is None and str(invoice).isdigit():
            found = session.get(Invoice, int(invoice))  # type: ignore[arg-type]
            if found is not None and found.contract_id != contract.id:
                found = None
        if found is None:
            raise NotFound("error.invoice.not_found", number=str(invoice), contract=contract.number)
        invoice_id = found.id
    if is_final:
        other = session.exec(select(Payment.id).where(Payment.contract_id == contract.id, Payment.is_final == sa.true())).first()
        if other is not None:
            raise RuleViolation("error.payment.final_exists", number=contract.number)
    payment = Payment(
        contract_id=contract.id or 0, invoice_id=invoice_id, due_on=due, amount_cents=cents,
        is_final=bool(is_final), notes=clean_text(notes, field="notes"),
    )
    session.add(payment)
    session.flush()
    if received_on not in (None, ""):
        receive_payment(
            session, payment_id=payment.id or 0, received_on=received_on, confirm_over_invoiced=confirm_over_invoiced
        )
    return payment


def receive_payment(
    session: Session,
    *,
    payment_id: int,
    received_on: str | dt.date | None = None,
    amount: str | int | None = None,
    confirm_over_invoiced: bool = False,
    expected_version: int | None = None,
) -> Payment:
    """Record money received against a planned payment (by default, all of it)."""
    payment = load_for_update(session, Payment, payment_id, expected_version)
    contract = _open_contract(session, payment.contract_id)
    day = parse_date(received_on, field="received") or clock.today()
    _not_before_signing(contract, day, "received")
    if day > clock.today():
        raise ValidationError("error.date_future", field="received", date=day.isoformat())
    cents = parse_money(amount, field="amount")
    if cents is None:
        cents = payment.amount_cents
    invoiced, _, received = _totals(session, contract.id or 0)
    received_after = received - (payment.received_cents or 0) + cents
    if received_after > invoiced and not confirm_over_invoiced:
        raise RuleViolation(
            "error.payment.over_invoiced",
            received=format_money(received_after, contract.currency),
            invoiced=format_money(invoiced, contract.currency),
        )
    payment.received_on = day
    payment.received_cents = cents
    _started(contract)
    session.flush()
    return payment


# --- disputes and closing ------------------------------------------------------------------


def open_dispute(
    session: Session, *, contract_id: int, description: str, opened_on: str | dt.date | None = None
) -> Dispute:
    contract = _open_contract(session, contract_id)
    day = parse_date(opened_on, field="opened") or clock.today()
    _not_before_signing(contract, day, "opened")
    dispute = Dispute(
        contract_id=contract.id or 0, opened_on=day,
        description=clean_text(description, field="description", required=True) or "",
    )
    session.add(dispute)
    contract.status = ContractStatus.DISPUTED.value
    session.flush()
    return dispute


def resolve_dispute(
    session: Session, *, dispute_id: int, resolution: str, resolved_on: str | dt.date | None = None,
    expected_version: int | None = None,
) -> Dispute:
    dispute = load_for_update(session, Dispute, dispute_id, expected_version)
    if dispute.resolved_on is not None:
        raise RuleViolation("error.dispute.resolved", id=dispute_id)
    contract = _open_contract(session, dispute.contract_id)
    day = parse_date(resolved_on, field="resolved") or clock.today()
    if day < dispute.opened_on:
        raise ValidationError("error.dispute.resolved_before_opened", field="resolved", date=day.isoformat())
    dispute.resolution = clean_text(resolution, field="resolution", required=True)
    dispute.resolved_on = day
    session.flush()
    still_open = session.exec(
        select(Dispute.id).where(Dispute.contract_id == contract.id, Dispute.resolved_on.is_(None))
    ).first()
    if still_open is None:
        contract.status = ContractStatus.EXECUTING.value
    session.flush()
    return dispute


def close_contract(
    session: Session,
    *,
    contract_id: int,
    write_off: str | int | None = None,
    reason: str | None = None,
    closed_on: str | dt.date | None = None,
    expected_version: int | None = None,
) -> Contract:
    """Close when the money is in, or write off what is left, with a reason."""
    contract = load_for_update(session, Contract, contract_id, expected_version)
    if contract.status == ContractStatus.CLOSED.value:
        raise RuleViolation("error.contract.closed", number=contract.number)
    if session.exec(select(Dispute.id).where(Dispute.contract_id == contract.id, Dispute.resolved_on.is_(None))).first():
        raise RuleViolation("error.contract.open_dispute", number=contract.number)
    _, _, received = _totals(session, contract.id or 0)
    outstanding = max(0, contract.value_cents - received)
    cents = parse_money(write_off, field="write-off")
    if outstanding > 0:
        if cents is None:
            raise RuleViolation(
                "error.contract.not_collected",
                number=contract.number,
                outstanding=format_money(outstanding, contract.currency),
            )
        if cents < outstanding:
            raise ValidationError(
                "error.contract.write_off_short", field="write-off",
                outstanding=format_money(outstanding, contract.currency),
            )
    if cents:
        why = clean_text(reason, field="reason")
        if not why:
            raise ValidationError("error.contract.write_off_reason", field="reason")
        contract.write_off_cents = cents
        contract.write_off_reason = why
    day = parse_date(closed_on, field="closed") or clock.today()
    _not_before_signing(contract, day, "closed")
    contract.status = ContractStatus.CLOSED.value
    contract.closed_on = day
    session.flush()
    return contract


# --- reading -------------------------------------------------------------------------------


@dataclass
class ContractRow:
    id: int
    number: str
    title: str
    customer: str
    value_cents: int
    currency: str
    signed_on: dt.date
    fr: str | None
    status: str
    invoiced_cents: int
    collected_cents: int
    write_off_cents: int
    next_due_on: dt.date | None
    overdue_count: int
    version: int

    @property
    def outstanding_cents(self) -> int:
        if self.status == ContractStatus.CLOSED.value:
            return 0
        return max(0, self.value_cents - self.collected_cents - self.write_off_cents)

    @property
    def overdue(self) -> bool:
        return self.overdue_count > 0


@dataclass
class ContractQuery:
    text: str | None = None
    statuses: list[str] | None = None
    fr: str | None = None
    customer: str | None = None
    overdue_only: bool = False
    sort: str = "signed"
    descending: bool = True
    limit: int = 500
    offset: int = 0
    today: dt.date | None = None


CONTRACT_SORTS = ("signed", "number", "customer", "value", "status", "outstanding", "due", "collected")


def parse_contract_filter(text: str, base: ContractQuery | None = None) -> ContractQuery:
    query = base or ContractQuery()
    words = []
    for token in text.split():
        key, sep, value = token.partition(":")
        key = key.lower()
        if sep and value and key == "status":
            query.statuses = [ContractStatus(parse(ContractStatus, v, field="status")).value for v in value.split(",") if v]
        elif sep and value and key == "fr":
            query.fr = value
        elif sep and value and key == "customer":
            query.customer = value
        elif sep and value and key == "sort":
            query.descending = value.startswith("-")
            query.sort = value.lstrip("-+").lower()
        elif token.lower() in ("overdue", "is:overdue"):
            query.overdue_only = True
        else:
            words.append(token)
    query.text = " ".join(words) or None
    if query.sort not in CONTRACT_SORTS:
        raise ValidationError("error.enum", field="sort", value=query.sort, choices=", ".join(CONTRACT_SORTS))
    return query


def query_contracts(session: Session, query: ContractQuery) -> list[ContractRow]:
    stmt, order = _contract_select(session, query)
    stmt = stmt.order_by(order, Contract.id.desc()).limit(query.limit).offset(query.offset)
    return [ContractRow(*row) for row in session.execute(stmt).all()]


def count_contracts(session: Session, query: ContractQuery) -> int:
    """How many contracts ``query`` matches, whatever its limit and offset
    (the tracker pages through them)."""
    stmt, _ = _contract_select(session, query)
    return int(session.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one())


def _contract_select(session: Session, query: ContractQuery) -> tuple[Any, Any]:
    """The filtered select of contract rows, and the order its sort asks for."""
    from ltc_tui.services.people import get_person

    today = query.today or clock.today()
    fr = sa.orm.aliased(Person)
    invoiced = (
        select(sa.func.coalesce(sa.func.sum(Invoice.amount_cents), 0))
        .where(Invoice.contract_id == Contract.id).scalar_subquery()
    )
    collected = (
        select(sa.func.coalesce(sa.func.sum(Payment.received_cents), 0))
        .where(Payment.contract_id == Contract.id).scalar_subquery()
    )
    next_due = (
        select(sa.func.min(Payment.due_on))
        .where(Payment.contract_id == Contract.id, Payment.received_on.is_(None)).scalar_subquery()
    )
    overdue = (
        select(sa.func.count())
        .select_from(Payment)
        .where(Payment.contract_id == Contract.id, Payment.received_on.is_(None), Payment.due_on < today)
        .scalar_subquery()
    )
    outstanding = Contract.value_cents - collected - sa.func.coalesce(Contract.write_off_cents, 0)
    stmt = (
        sa.select(
            Contract.id, Contract.number, Contract.title, Customer.name, Contract.value_cents, Contract.currency,
            Contract.signed_on, fr.handle, Contract.status, invoiced, collected,
            sa.func.coalesce(Contract.write_off_cents, 0), next_due, overdue, Contract.version,
        )
        .join(Customer, Customer.id == Contract.customer_id)
        .join(fr, fr.id == Contract.fr_id, isouter=True)
    )
    if query.statuses:
        stmt = stmt.where(Contract.status.in_(query.statuses))
    if query.text:
        for word in query.text.split():
            stmt = stmt.where(
                sa.or_(
                    Contract.number.icontains(word, autoescape=True),
                    Contract.title.icontains(word, autoescape=True),
                    Customer.name.icontains(word, autoescape=True),
                    Contract.po_number.icontains(word, autoescape=True),
                )
            )
    if query.fr:
        stmt = stmt.where(Contract.fr_id == get_person(session, query.fr).id)
    if query.customer:
        stmt = stmt.where(Customer.name.icontains(query.customer, autoescape=True))
    if query.overdue_only:
        stmt = stmt.where(overdue > 0)
    column = {
        "signed": Contract.signed_on, "number": Contract.number, "customer": Customer.name,
        "value": Contract.value_cents, "status": Contract.status, "outstanding": outstanding,
        "due": next_due, "collected": collected,
    }[query.sort]
    order = column.desc().nulls_last() if query.descending else column.asc().nulls_last()
    return stmt, order


@dataclass
class ContractFile:
    contract: Contract
    customer: Customer
    ar: Person | None
    fr: Person | None
    milestones: list[Milestone]
    invoices: list[Invoice]
    payments: list[Payment]
    disputes: list[Dispute]
    invoiced_cents: int
    collected_cents: int
    outstanding_cents: int
    overdue: list[Payment]
    final_payment: Payment | None


def contract_file(session: Session, ref: int | str, *, today: dt.date | None = None) -> ContractFile:
    contract = get_contract(session, ref)
    day = today or clock.today()
    customer = session.get(Customer, contract.customer_id)
    assert customer is not None
    cid = contract.id or 0
    milestones = list(session.exec(select(Milestone).where(Milestone.contract_id == cid).order_by(sa.func.coalesce(Milestone.planned_on, Milestone.actual_on), Milestone.id)).all())
    invoices = list(session.exec(select(Invoice).where(Invoice.contract_id == cid).order_by(Invoice.issued_on, Invoice.id)).all())
    payments = list(session.exec(select(Payment).where(Payment.contract_id == cid).order_by(Payment.due_on, Payment.id)).all())
    disputes = list(session.exec(select(Dispute).where(Dispute.contract_id == cid).order_by(Dispute.opened_on, Dispute.id)).all())
    invoiced = sum(i.amount_cents for i in invoices)
    collected = sum(p.received_cents or 0 for p in payments)
    outstanding = 0 if contract.status == ContractStatus.CLOSED.value else max(
        0, contract.value_cents - collected - (contract.write_off_cents or 0)
    )
    return ContractFile(
        contract, customer,
        session.get(Person, contract.ar_id) if contract.ar_id else None,
        session.get(Person, contract.fr_id) if contract.fr_id else None,
        milestones, invoices, payments, disputes, invoiced, collected, outstanding,
        [p for p in payments if p.received_on is None and p.due_on < day],
        next((p for p in payments if p.is_final), None),
    )
