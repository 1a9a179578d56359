"""``ltc contract ...``: from signature to cash."""

from __future__ import annotations

from typing import Any

import typer

from ltc_tui.cli import common as c
from ltc_tui.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    customer: str = typer.Option(..., "--customer", "-c"),
    title: str = typer.Option(..., "--title"),
    value: str = typer.Option(..., "--value"),
    number: str = typer.Option(None, "--number"),
    signed: str = typer.Option(None, "--signed", help="Signing date (default: today)."),
    currency: str = typer.Option(None, "--currency"),
    po: str = typer.Option(None, "--po"),
    ar: str = typer.Option(None, "--ar"), fr: str = typer.Option(None, "--fr"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add a contract signed outside the tracked pipeline (won opportunities create theirs)."""
    from ltc_tui.services.contracts import add_contract

    with c.unit() as session:
        contract = add_contract(session, customer=customer, title=title, value=value, number=number, signed_on=signed,
                                currency=currency, po_number=po, ar=ar, fr=fr)
    if as_json:
        c.print_json({"id": contract.id, "number": contract.number})
        return
    c.say("cli.contract.added", number=contract.number, style="green")


@app.command("list")
def list_(
    filters: list[str] = typer.Argument(None, help="Free text and filters: status:executing fr:li customer:telmex overdue sort:-outstanding."),
    as_json: bool = typer.Option(False, "--json"),
    limit: int = typer.Option(200, "--limit", min=1, max=100_000),
) -> None:
    """Contracts with invoiced, collected, outstanding and the next due date; overdue ones stand out."""
    from ltc_tui.services.contracts import ContractQuery, parse_contract_filter, query_contracts
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        rows = query_contracts(session, parse_contract_filter(" ".join(filters or []), ContractQuery(limit=limit)))
    if as_json:
        c.print_json([dict(c.to_jsonable(r), value=c.money_json(r.value_cents), invoiced=c.money_json(r.invoiced_cents),
                           collected=c.money_json(r.collected_cents), outstanding=c.money_json(r.outstanding_cents),
                           overdue=r.overdue) for r in rows])
        return
    c.table(c.columns("field.number", "field.customer", ">field.contract_value", "field.signed", "report.col.fr", "field.status",
                      ">field.invoiced", ">field.collected", ">field.outstanding", "field.next_due"),
            [(r.number, r.customer, format_money(r.value_cents), r.signed_on, r.fr or "", c.label_of("ContractStatus", r.status),
              format_money(r.invoiced_cents), format_money(r.collected_cents), format_money(r.outstanding_cents),
              c.text(t("cell.overdue_count", date=r.next_due_on or "", count=r.overdue_count), "bold red") if r.overdue
              else c.text(r.next_due_on or ""))
             for r in rows])


@app.command("show")
def show(ref: str = typer.Argument(..., help="Contract id or number."), as_json: bool = typer.Option(False, "--json")) -> None:
    """A contract: milestones, invoices, payments, final payment, disputes."""
    from ltc_tui.services.contracts import contract_file
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        f = contract_file(session, ref)
    k = f.contract
    if as_json:
        c.print_json({"contract": k, "customer": f.customer.name, "milestones": f.milestones, "invoices": f.invoices,
                      "payments": f.payments, "disputes": f.disputes, "invoiced": c.money_json(f.invoiced_cents),
                      "collected": c.money_json(f.collected_cents), "outstanding": c.money_json(f.outstanding_cents),
                      "overdue_payment_ids": [p.id for p in f.overdue]})
        return
    c.line(c.text(f"{k.number} {k.title}", "bold"))
    c.table(["", ""], [
        (t("field.customer"), f.customer.name), (t("field.status"), c.label_of("ContractStatus", k.status)),
        (t("field.contract_value"), format_money(k.value_cents, k.currency)),
        (t("field.signed"), k.signed_on), (t("field.po"), k.po_number or ""),
        (t("field.ar_fr"), f"{f.ar.handle if f.ar else '-'} / {f.fr.handle if f.fr else '-'}"),
        (t("field.invoiced"), format_money(f.invoiced_cents)), (t("field.collected"), format_money(f.collected_cents)),
        (t("field.outstanding"), format_money(f.outstanding_cents)),
        (t("field.write_off"), t("cell.write_off", amount=format_money(k.write_off_cents), reason=k.write_off_reason or "")
         if k.write_off_cents else ""),
    ])
    if f.milestones:
        c.table(c.columns(">#", "field.milestone", "field.planned", "field.actual"),
                [(m.id, m.name, m.planned_on or "", m.actual_on or "") for m in f.milestones], title=t("cli.contract.milestones"))
    if f.invoices:
        c.table(c.columns("field.invoice", "field.issued", "field.due", ">field.amount_short"),
                [(i.number, i.issued_on, i.due_on or "", format_money(i.amount_cents)) for i in f.invoices],
                title=t("cli.contract.invoices"))
    if f.payments:
        overdue = {p.id for p in f.overdue}

        def flags(p: Any) -> Any:
            if p.id in overdue:
                return c.text(t("cell.final_overdue") if p.is_final else t("cell.overdue"), "bold red")
            return c.text(t("cell.final") if p.is_final else "")

        c.table(c.columns(">#", "field.due", ">field.amount_short", "field.received", ">field.received_amount", ""),
                [(p.id, c.text(str(p.due_on), "bold red" if p.id in overdue else ""), format_money(p.amount_cents), p.received_on or "",
                  format_money(p.received_cents), flags(p))
                 for p in f.payments], title=t("cli.contract.payments"))
    if f.disputes:
        c.table(c.columns(">#", "field.opened", "field.description", "field.resolution", "field.resolved"),
                [(d.id, d.opened_on, d.description, d.resolution or "", d.resolved_on or "") for d in f.disputes],
                title=t("cli.contract.disputes"))


@app.command("milestone")
def milestone(
    ref: str = typer.Argument(..., help="Contract id or number."),
    name: str = typer.Argument(..., help="Milestone name (or id with --done)."),
    planned: str = typer.Option(None, "--planned"),
    actual: str = typer.Option(None, "--actual", help="Date it was reached."),
    done: bool = typer.Option(False, "--done", help="NAME is an existing milestone's id: record its actual date."),
) -> None:
    """Add a delivery milestone, or record that one was reached."""
    from ltc_tui.services.contracts import add_milestone, get_contract, update_milestone
    from ltc_tui.values import parse_int

    with c.unit() as session:
        contract = get_contract(session, ref)
        if done:
            milestone_id = parse_int(name, field="milestone id (with --done)", low=1)
            update_milestone(session, milestone_id=milestone_id or 0, actual_on=actual or "today")
        else:
            add_milestone(session, contract_id=contract.id, name=name, planned_on=planned, actual_on=actual)
    c.say("cli.saved", style="green")


@app.command("invoice")
def invoice(
    ref: str = typer.Argument(...),
    number: str = typer.Argument(..., help="Invoice number."),
    amount: str = typer.Option(..., "--amount"),
    issued: str = typer.Option(None, "--issued", help="Issue date (default: today)."),
    due: str = typer.Option(None, "--due", help="Due date."),
    confirm: bool = typer.Option(False, "--confirm", help="Allow invoicing beyond the contract value."),
) -> None:
    """Record an invoice."""
    from ltc_tui.services.contracts import add_invoice, get_contract

    with c.unit() as session:
        add_invoice(session, contract_id=get_contract(session, ref).id, number=number, amount=amount, issued_on=issued,
                    due_on=due, confirm_over_value=confirm)
    c.say("cli.saved", style="green")


@app.command("pay")
def pay(
    ref: str = typer.Argument(...),
    amount: str = typer.Option(..., "--amount"),
    due: str = typer.Option(..., "--due", help="Due date."),
    invoice: str = typer.Option(None, "--invoice", help="Invoice number it settles."),
    final: bool = typer.Option(False, "--final", help="This is the final payment (尾款)."),
    received: str = typer.Option(None, "--received", help="Already received on this date."),
    confirm: bool = typer.Option(False, "--confirm", help="Allow receiving beyond what is invoiced."),
) -> None:
    """Plan a payment (due date and amount), optionally already received."""
    from ltc_tui.services.contracts import add_payment, get_contract

    with c.unit() as session:
        payment = add_payment(session, contract_id=get_contract(session, ref).id, amount=amount, due_on=due, invoice=invoice,
                              is_final=final, received_on=received, confirm_over_invoiced=confirm)
    c.say("cli.contract.payment", id=payment.id, style="green")


@app.command("receive")
def receive(
    payment_id: int = typer.Argument(..., help="Payment id (see `ltc contract show`)."),
    date: str = typer.Option(None, "--date", help="Received on (default: today)."),
    amount: str = typer.Option(None, "--amount", help="Amount received (default: the amount due)."),
    confirm: bool = typer.Option(False, "--confirm", help="Allow receiving beyond what is invoiced."),
) -> None:
    """Record money received."""
    from ltc_tui.services.contracts import receive_payment

    with c.unit() as session:
        receive_payment(session, payment_id=payment_id, received_on=date, amount=amount, confirm_over_invoiced=confirm)
    c.say("cli.saved", style="green")


@app.command("dispute")
def dispute(
    ref: str = typer.Argument(...),
    description: str = typer.Argument(None, help="What is disputed (to open one)."),
    resolve: int = typer.Option(None, "--resolve", help="Dispute id to resolve."),
    resolution: str = typer.Option(None, "--resolution"),
    date: str = typer.Option(None, "--date"),
) -> None:
    """Open a dispute, or resolve one (--resolve ID --resolution TEXT)."""
    from ltc_tui.services.contracts import get_contract, open_dispute, resolve_dispute

    with c.unit() as session:
        if resolve is not None:
            resolve_dispute(session, dispute_id=resolve, resolution=resolution or "", resolved_on=date)
        else:
            open_dispute(session, contract_id=get_contract(session, ref).id, description=description or "", opened_on=date)
    c.say("cli.saved", style="green")


@app.command("close")
def close(
    ref: str = typer.Argument(...),
    write_off: str = typer.Option(None, "--write-off", help="Amount written off (what is left uncollected)."),
    reason: str = typer.Option(None, "--reason", help="Why it is written off."),
    date: str = typer.Option(None, "--date"),
) -> None:
    """Close a contract: the money collected, or the rest written off with a reason."""
    from ltc_tui.services.contracts import close_contract, get_contract

    with c.unit() as session:
        contract = close_contract(session, contract_id=get_contract(session, ref).id, write_off=write_off, reason=reason, closed_on=date)
    c.say("cli.contract.closed", number=contract.number, style="green")
