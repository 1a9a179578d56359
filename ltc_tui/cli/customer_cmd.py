"""``ltc customer ...``: customers, standing, next-year budget."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    name: str = typer.Argument(...),
    standing: str = typer.Option("normal", "--standing", help="strategic, key or normal (used for lead tiers)."),
    industry: str = typer.Option(None, "--industry"),
    region: str = typer.Option(None, "--region"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add a customer."""
    from ltc_tui.services.customers import add_customer

    with c.unit() as session:
        customer = add_customer(session, name=name, standing=standing, industry=industry, region=region)
    if as_json:
        c.print_json({"id": customer.id, "name": customer.name, "standing": customer.standing})
        return
    c.say("cli.customer.added", id=customer.id, name=customer.name, standing=customer.standing, style="green")


@app.command("list")
def list_(
    text: str = typer.Argument(None, help="Part of the name."),
    standing: str = typer.Option(None, "--standing"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Customers, with their contacts and open leads."""
    from ltc_tui.i18n import t
    from ltc_tui.services.customers import list_customers
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        rows = list_customers(session, text=text, standing=standing)
    if as_json:
        c.print_json([{"id": r.customer.id, "name": r.customer.name, "standing": r.customer.standing,
                       "industry": r.customer.industry, "region": r.customer.region, "contacts": r.contacts,
                       "open_leads": r.open_leads, "budget_known": r.customer.budget_known,
                       "budget": c.money_json(r.customer.budget_cents), "budget_year": r.customer.budget_year} for r in rows])
        return
    c.table(c.columns(">#", "field.name", "field.standing", "field.industry", "field.region", ">field.contacts",
                      ">field.open_leads", "field.next_year_budget"),
            [(r.customer.id, r.customer.name, c.label_of("Standing", r.customer.standing), r.customer.industry or "",
              r.customer.region or "", r.contacts, r.open_leads,
              (format_money(r.customer.budget_cents, r.customer.budget_currency) or t("cell.budget_known"))
              if r.customer.budget_known else "")
             for r in rows])


@app.command("show")
def show(ref: str = typer.Argument(..., help="Id or name."), as_json: bool = typer.Option(False, "--json")) -> None:
    """A customer and its people."""
    from ltc_tui.i18n import t
    from ltc_tui.services.customers import get_customer, list_contacts
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        customer = get_customer(session, ref)
        contacts = [ct for ct, _ in list_contacts(session, customer_id=customer.id)]
    if as_json:
        c.print_json({"customer": customer, "contacts": contacts})
        return
    budget = (t("cell.budget_known_amount", amount=format_money(customer.budget_cents, customer.budget_currency),
                year=customer.budget_year or "") if customer.budget_known else t("cell.budget_unknown"))
    c.table(["", ""], [(t("field.name"), customer.name), (t("field.standing"), c.label_of("Standing", customer.standing)),
                       (t("field.industry"), customer.industry or ""), (t("field.region"), customer.region or ""),
                       (t("field.next_year_budget"), budget)])
    if contacts:
        c.table(c.columns(">#", "field.name", "field.job_title", "field.level", "field.decision_role", "field.influence",
                          "field.attitude", "field.email"),
                [(x.id, x.name, x.job_title or "", c.label_of("ContactLevel", x.level), c.label_of("DecisionRole", x.decision_role),
                  c.label_of("Influence", x.influence), c.label_of("Attitude", x.attitude), x.email or "") for x in contacts])


@app.command("edit")
def edit(
    ref: str = typer.Argument(..., help="Id or name."),
    name: str = typer.Option(None, "--name"),
    standing: str = typer.Option(None, "--standing"),
    industry: str = typer.Option(None, "--industry"),
    region: str = typer.Option(None, "--region"),
    notes: str = typer.Option(None, "--notes"),
    version: int = typer.Option(None, "--version", help="Refuse if the customer changed since this version."),
) -> None:
    """Edit a customer."""
    from ltc_tui.services.customers import get_customer, update_customer

    changes = {k: v for k, v in {"name": name, "standing": standing, "industry": industry, "region": region, "notes": notes}.items() if v is not None}
    with c.unit() as session:
        customer = update_customer(session, customer_id=get_customer(session, ref).id, expected_version=version, **changes)
    c.say("cli.saved", style="green")
    del customer


@app.command("budget")
def budget(
    ref: str = typer.Argument(..., help="Id or name."),
    known: bool = typer.Option(True, "--known/--unknown", help="Whether next year's investment budget is known."),
    amount: str = typer.Option(None, "--amount", help="The budget amount."),
    year: int = typer.Option(None, "--year", help="The budget's year (default: next year)."),
    currency: str = typer.Option(None, "--currency"),
) -> None:
    """Record whether a key customer's next-year investment budget is known (and how much)."""
    from ltc_tui import clock
    from ltc_tui.services.customers import get_customer, update_customer

    with c.unit() as session:
        customer = get_customer(session, ref)
        update_customer(
            session, customer_id=customer.id, budget_known=known,
            budget_cents=amount if known else None, budget_year=(year or clock.today().year + 1) if known else None,
            budget_currency=currency if known else None,
        )
    c.say("cli.customer.budget_known" if known else "cli.customer.budget_unknown", name=customer.name, style="green")
