"""``ltc contact ...``: the customer's people (power map inputs)."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    customer: str = typer.Argument(..., help="Customer id or name."),
    name: str = typer.Argument(...),
    title: str = typer.Option(None, "--title", help="Job title."),
    email: str = typer.Option(None, "--email"),
    phone: str = typer.Option(None, "--phone"),
    level: str = typer.Option("manager", "--level", help="executive, manager, staff."),
    role: str = typer.Option("influencer", "--role", help="decision_maker, influencer, evaluator, user, coach, gatekeeper."),
    influence: str = typer.Option("medium", "--influence", help="high, medium, low."),
    attitude: str = typer.Option("unknown", "--attitude", help="champion, supporter, neutral, opponent, unknown."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add a contact to a customer."""
    from ltc_tui.services.customers import add_contact, get_customer

    with c.unit() as session:
        cust = get_customer(session, customer)
        contact = add_contact(session, customer_id=cust.id, name=name, job_title=title, email=email, phone=phone,
                              level=level, decision_role=role, influence=influence, attitude=attitude)
    if as_json:
        c.print_json(contact)
        return
    c.say("cli.contact.added", id=contact.id, name=contact.name, customer=cust.name, style="green")


@app.command("list")
def list_(customer: str = typer.Argument(None, help="Customer id or name."), as_json: bool = typer.Option(False, "--json")) -> None:
    """Contacts, by customer."""
    from ltc_tui.services.customers import get_customer, list_contacts

    with c.unit(write=False) as session:
        cid = get_customer(session, customer).id if customer else None
        rows = list_contacts(session, customer_id=cid)
    if as_json:
        c.print_json([dict(c.to_jsonable(x), customer=cu.name) for x, cu in rows])
        return
    c.table(c.columns(">#", "field.customer", "field.name", "field.job_title", "field.level", "field.decision_role",
                      "field.influence", "field.attitude", "field.email"),
            [(x.id, cu.name, x.name, x.job_title or "", c.label_of("ContactLevel", x.level),
              c.label_of("DecisionRole", x.decision_role), c.label_of("Influence", x.influence),
              c.label_of("Attitude", x.attitude), x.email or "") for x, cu in rows])


@app.command("show")
def show(contact_id: int = typer.Argument(...), as_json: bool = typer.Option(False, "--json")) -> None:
    """One contact."""
    from ltc_tui.services.customers import get_contact

    with c.unit(write=False) as session:
        contact = get_contact(session, contact_id)
    if as_json:
        c.print_json(contact)
        return
    from ltc_tui.i18n import t

    c.table(["", ""], [
        (t("field.name"), contact.name), (t("field.job_title"), contact.job_title or ""), (t("field.email"), contact.email or ""),
        (t("field.phone"), contact.phone or ""), (t("field.level"), c.label_of("ContactLevel", contact.level)),
        (t("field.decision_role"), c.label_of("DecisionRole", contact.decision_role)),
        (t("field.influence"), c.label_of("Influence", contact.influence)),
        (t("field.attitude"), c.label_of("Attitude", contact.attitude)), (t("field.notes"), contact.notes or ""),
    ])


@app.command("edit")
def edit(
    contact_id: int = typer.Argument(...),
    name: str = typer.Option(None, "--name"), title: str = typer.Option(None, "--title"),
    email: str = typer.Option(None, "--email"), phone: str = typer.Option(None, "--phone"),
    level: str = typer.Option(None, "--level"), role: str = typer.Option(None, "--role"),
    influence: str = typer.Option(None, "--influence"), attitude: str = typer.Option(None, "--attitude"),
    notes: str = typer.Option(None, "--notes"),
    version: int = typer.Option(None, "--version"),
) -> None:
    """Edit a contact (e.g. their attitude toward us)."""
    from ltc_tui.services.customers import update_contact

    changes = {k: v for k, v in {"name": name, "job_title": title, "email": email, "phone": phone, "level": level,
                                 "decision_role": role, "influence": influence, "attitude": attitude, "notes": notes}.items() if v is not None}
    with c.unit() as session:
        update_contact(session, contact_id=contact_id, expected_version=version, **changes)
    c.say("cli.saved", style="green")
