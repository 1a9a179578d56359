"""The forms of the contract screens: what each one asks, how its fields are
checked against the contract as they are typed (amounts, dates in order,
nothing before the signing, nothing received in the future), and which
service saves it. Each builder returns a ``CashForm`` (see ``cash_form``);
the rules themselves stay in ``services.contracts``, which checks again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.dom import DOMNode

from ltc_tui import clock
from ltc_tui.i18n import label, t
from ltc_tui.screens.cash_form import CashForm, FormField, Parsed, Values, not_before
from ltc_tui.ui import db_call
from ltc_tui.values import format_money

OVER_INVOICED = {"error.payment.over_invoiced": ("cash.confirm.over_invoiced", "cash.form.go_ahead")}


def _signed_check(file: Any, parsed: Parsed, *names: str) -> dict[str, str]:
    """Each named date on or after the signing."""
    signed = file.contract.signed_on
    errors = {}
    for name in names:
        day = parsed.get(name)
        message = not_before(day, signed, t("error.contract.date_before_signed", field=name,
                                               date=day.isoformat() if day else "", signed=signed.isoformat()))
        if message:
            errors[name] = message
    return errors


def _not_future(parsed: Parsed, name: str, errors: dict[str, str]) -> None:
    day = parsed.get(name)
    if day is not None and day > clock.today() and name not in errors:
        errors[name] = t("error.date_future", field=name, date=day.isoformat())


def _people_choices(people: list[Any]) -> list[tuple[str, str]]:
    return [(f"{v.person.handle} ({v.person.name})", v.person.handle) for v in people]


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


# --- the contract itself ---------------------------------------------------------------------


async def new_contract_form(node: DOMNode) -> CashForm:
    """A contract signed outside the tracked pipeline (won opportunities make theirs)."""
    from ltc_tui.services.customers import list_customers
    from ltc_tui.services.people import list_people

    def fetch(session: Any) -> tuple[list[str], list[Any]]:
        return [row.customer.name for row in list_customers(session)], list_people(session)

    customers, people = await db_call(node, fetch)

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import add_contract
        from ltc_tui.services.customers import find_or_create_customer

        def run(session: Any) -> Any:
            if confirmed:  # the person agreed to add the customer
                find_or_create_customer(session, values["customer"])
            return add_contract(
                session, customer=values["customer"], title=values["title"], value=values["value"],
                number=values["number"] or None, signed_on=values["signed"] or None,
                currency=values["currency"] or None, po_number=values["po"] or None,
                ar=values["ar"] or None, fr=values["fr"] or None,
            )

        return await db_call(node, run, write=True)

    def check(parsed: Parsed) -> dict[str, str]:
        errors: dict[str, str] = {}
        _not_future(parsed, "signed", errors)
        return errors

    return CashForm(
        title=t("cash.form.new_contract"),
        intro=t("cash.form.new_contract_intro"),
        fields=[
            FormField("customer", t("cash.field.customer"), required=True, suggestions=customers),
            FormField("title", t("cash.field.title"), required=True),
            FormField("value", t("cash.field.value"), "money", required=True, placeholder="1.2M"),
            FormField("signed", t("cash.field.signed"), "date", value=clock.today().isoformat(), error_name="signed on"),
            FormField("number", t("cash.field.number"), placeholder=t("cash.field.number_auto")),
            FormField("currency", t("cash.field.currency"), placeholder="USD"),
            FormField("po", t("cash.field.po"), error_name="PO"),
            FormField("ar", t("cash.field.ar"), "choice", choices=_people_choices(people)),
            FormField("fr", t("cash.field.fr"), "choice", choices=_people_choices(people)),
        ],
        check=check,
        save=save,
        confirm={"error.customer.not_found": ("cash.confirm.new_customer", "cash.form.add_customer")},
    )


def edit_contract_form(node: DOMNode, file: Any, people: list[Any]) -> CashForm:
    from ltc_tui.enums import ContractStatus

    k = file.contract
    fields = [
        FormField("title", t("cash.field.title"), value=k.title, required=True),
        FormField("value", t("cash.field.value"), "money", value=format_money(k.value_cents), required=True),
        FormField("po_number", t("cash.field.po"), value=k.po_number or "", error_name="PO"),
        FormField("ar", t("cash.field.ar"), "choice", value=file.ar.handle if file.ar else None,
                  choices=_people_choices(people)),
        FormField("fr", t("cash.field.fr"), "choice", value=file.fr.handle if file.fr else None,
                  choices=_people_choices(people)),
    ]
    if k.status in (ContractStatus.SIGNED.value, ContractStatus.EXECUTING.value):
        fields.append(FormField(
            "status", t("cash.field.status"), "choice", value=k.status, required=True,
            choices=[(label(s), s.value) for s in (ContractStatus.SIGNED, ContractStatus.EXECUTING)],
            note=t("cash.field.status_note"),
        ))
    fields.append(FormField("notes", t("cash.field.notes"), "long", value=k.notes or ""))
    initial = {f.name: f.value for f in fields}

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import update_contract

        changes = {name: value for name, value in values.items() if (value or None) != (initial[name] or None)}
        if not changes:
            return k
        return await db_call(
            node, lambda s: update_contract(s, contract_id=k.id, expected_version=k.version, **changes), write=True
        )

    return CashForm(title=t("cash.form.edit_contract", number=k.number), fields=fields, save=save)


def close_form(node: DOMNode, file: Any) -> CashForm:
    k = file.contract
    outstanding = file.outstanding_cents
    owed = format_money(outstanding, k.currency)
    if outstanding:
        intro = t("cash.close.intro_outstanding", value=format_money(k.value_cents, k.currency),
                  collected=format_money(file.collected_cents, k.currency), outstanding=owed)
    else:
        intro = t("cash.close.intro_collected", value=format_money(k.value_cents, k.currency))

    def check(parsed: Parsed) -> dict[str, str]:
        errors = _signed_check(file, parsed, "closed")
        written = parsed.get("write_off")
        if written is not None and outstanding and written < outstanding:
            errors["write_off"] = t("error.contract.write_off_short", field="write-off", outstanding=owed)
        if written and not parsed.get("reason"):
            errors["reason"] = t("error.contract.write_off_reason")
        return errors

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import close_contract

        return await db_call(node, lambda s: close_contract(
            s, contract_id=k.id, write_off=values["write_off"] or None, reason=values["reason"] or None,
            closed_on=values["closed"] or None, expected_version=k.version,
        ), write=True)

    return CashForm(
        title=t("cash.form.close", number=k.number),
        intro=intro,
        fields=[
            FormField("closed", t("cash.field.closed"), "date", value=clock.today().isoformat(), required=True),
            FormField("write_off", t("cash.field.write_off"), "money", error_name="write-off",
                      placeholder=format_money(outstanding) if outstanding else "",
                      note=t("cash.field.write_off_note", outstanding=owed) if outstanding else t("cash.field.nothing_owed")),
            FormField("reason", t("cash.field.write_off_reason"), "long"),
        ],
        check=check,
        save=save,
        rephrase={"error.contract.not_collected": "cash.close.not_collected"},
    )


# --- milestones, invoices, payments, disputes -------------------------------------------------


def milestone_form(node: DOMNode, file: Any, milestone: Any = None) -> CashForm:
    k = file.contract

    def check(parsed: Parsed) -> dict[str, str]:
        errors = _signed_check(file, parsed, "planned", "actual")
        _not_future(parsed, "actual", errors)
        return errors

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import add_milestone, update_milestone

        fields = dict(name=values["name"], planned_on=values["planned"] or None, actual_on=values["actual"] or None,
                      notes=values["notes"] or None)
        if milestone is None:
            return await db_call(node, lambda s: add_milestone(s, contract_id=k.id, **fields), write=True)
        return await db_call(node, lambda s: update_milestone(
            s, milestone_id=milestone.id, expected_version=milestone.version, **fields), write=True)

    m = milestone
    return CashForm(
        title=t("cash.form.milestone_edit", name=m.name) if m else t("cash.form.milestone_new", number=k.number),
        fields=[
            FormField("name", t("cash.field.milestone"), value=m.name if m else "", required=True),
            FormField("planned", t("cash.field.planned"), "date", value=_iso(m.planned_on) if m else ""),
            FormField("actual", t("cash.field.actual"), "date", value=_iso(m.actual_on) if m else "",
                      note=t("cash.field.actual_note")),
            FormField("notes", t("cash.field.notes"), "long", value=(m.notes or "") if m else ""),
        ],
        check=check,
        save=save,
    )


def invoice_form(node: DOMNode, file: Any) -> CashForm:
    k = file.contract

    def check(parsed: Parsed) -> dict[str, str]:
        errors = _signed_check(file, parsed, "issued")
        issued, due = parsed.get("issued") or clock.today(), parsed.get("due")
        if due is not None and due < issued and "due" not in errors:
            errors["due"] = t("error.contract.due_before_issue", field="due", due=due.isoformat(), issued=issued.isoformat())
        return errors

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import add_invoice

        return await db_call(node, lambda s: add_invoice(
            s, contract_id=k.id, number=values["number"], amount=values["amount"], issued_on=values["issued"] or None,
            due_on=values["due"] or None, notes=values["notes"] or None, confirm_over_value=confirmed,
        ), write=True)

    remaining = max(0, k.value_cents - file.invoiced_cents)
    return CashForm(
        title=t("cash.form.invoice", number=k.number),
        intro=t("cash.form.invoice_intro", value=format_money(k.value_cents, k.currency),
                invoiced=format_money(file.invoiced_cents, k.currency), remaining=format_money(remaining, k.currency)),
        fields=[
            FormField("number", t("cash.field.invoice_number"), required=True,
                      placeholder=f"INV-{len(file.invoices) + 1}"),
            FormField("amount", t("cash.field.amount"), "money", required=True, placeholder=format_money(remaining)),
            FormField("issued", t("cash.field.issued"), "date", value=clock.today().isoformat()),
            FormField("due", t("cash.field.due"), "date"),
            FormField("notes", t("cash.field.notes"), "long"),
        ],
        check=check,
        save=save,
        confirm={"error.invoice.over_value": ("cash.confirm.over_value", "cash.form.go_ahead")},
    )


def payment_form(node: DOMNode, file: Any) -> CashForm:
    k = file.contract

    def check(parsed: Parsed) -> dict[str, str]:
        errors = _signed_check(file, parsed, "due", "received")
        _not_future(parsed, "received", errors)
        return errors

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import add_payment

        return await db_call(node, lambda s: add_payment(
            s, contract_id=k.id, amount=values["amount"], due_on=values["due"], invoice=values["invoice"] or None,
            is_final=bool(values["final"]), received_on=values["received"] or None, notes=values["notes"] or None,
            confirm_over_invoiced=confirmed,
        ), write=True)

    invoices = [(f"{i.number} · {format_money(i.amount_cents)}", i.number) for i in file.invoices]
    return CashForm(
        title=t("cash.form.payment", number=k.number),
        intro=t("cash.form.payment_intro", invoiced=format_money(file.invoiced_cents, k.currency),
                collected=format_money(file.collected_cents, k.currency)),
        fields=[
            FormField("amount", t("cash.field.amount"), "money", required=True),
            FormField("due", t("cash.field.due"), "date", required=True),
            FormField("invoice", t("cash.field.invoice"), "choice", choices=invoices,
                      placeholder=t("cash.field.no_invoice")),
            FormField("final", t("cash.field.final"), "flag",
                      note=t("cash.field.final_taken") if file.final_payment else ""),
            FormField("received", t("cash.field.received_on"), "date", note=t("cash.field.received_note")),
            FormField("notes", t("cash.field.notes"), "long"),
        ],
        check=check,
        save=save,
        confirm=OVER_INVOICED,
    )


def receive_form(node: DOMNode, file: Any, payment: Any) -> CashForm:
    k = file.contract

    def check(parsed: Parsed) -> dict[str, str]:
        errors = _signed_check(file, parsed, "received")
        _not_future(parsed, "received", errors)
        return errors

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import receive_payment

        return await db_call(node, lambda s: receive_payment(
            s, payment_id=payment.id, received_on=values["received"], amount=values["amount"] or None,
            confirm_over_invoiced=confirmed, expected_version=payment.version,
        ), write=True)

    return CashForm(
        title=t("cash.form.receive", id=payment.id, number=k.number),
        intro=t("cash.form.receive_intro", due=payment.due_on.isoformat(),
                amount=format_money(payment.amount_cents, k.currency),
                invoiced=format_money(file.invoiced_cents, k.currency),
                collected=format_money(file.collected_cents, k.currency)),
        fields=[
            FormField("received", t("cash.field.received_on"), "date", required=True,
                      value=_iso(payment.received_on) or clock.today().isoformat()),
            FormField("amount", t("cash.field.received_amount"), "money",
                      value=format_money(payment.received_cents if payment.received_cents is not None else payment.amount_cents)),
        ],
        check=check,
        save=save,
        confirm=OVER_INVOICED,
    )


def dispute_form(node: DOMNode, file: Any) -> CashForm:
    k = file.contract

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import open_dispute

        return await db_call(node, lambda s: open_dispute(
            s, contract_id=k.id, description=values["description"], opened_on=values["opened"] or None), write=True)

    return CashForm(
        title=t("cash.form.dispute", number=k.number),
        intro=t("cash.form.dispute_intro"),
        fields=[
            FormField("description", t("cash.field.description"), "long", required=True),
            FormField("opened", t("cash.field.opened"), "date", value=clock.today().isoformat()),
        ],
        check=lambda parsed: _signed_check(file, parsed, "opened"),
        save=save,
    )


def resolve_form(node: DOMNode, file: Any, dispute: Any) -> CashForm:
    def check(parsed: Parsed) -> dict[str, str]:
        day = parsed.get("resolved")
        if day is not None and day < dispute.opened_on:
            return {"resolved": t("error.dispute.resolved_before_opened", field="resolved", date=day.isoformat())}
        return {}

    async def save(values: Values, confirmed: bool) -> Any:
        from ltc_tui.services.contracts import resolve_dispute

        return await db_call(node, lambda s: resolve_dispute(
            s, dispute_id=dispute.id, resolution=values["resolution"], resolved_on=values["resolved"] or None,
            expected_version=dispute.version), write=True)

    return CashForm(
        title=t("cash.form.resolve", id=dispute.id),
        intro=t("cash.form.resolve_intro", opened=dispute.opened_on.isoformat(), description=dispute.description),
        fields=[
            FormField("resolution", t("cash.field.resolution"), "long", required=True),
            FormField("resolved", t("cash.field.resolved"), "date", value=clock.today().isoformat()),
        ],
        check=check,
        save=save,
    )
