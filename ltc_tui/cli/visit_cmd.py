"""``ltc visit ...``: customer visits, and the week against the target."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    customer: str = typer.Argument(..., help="Customer id or name."),
    kind: str = typer.Option("routine", "--kind", help="routine, tech_exchange, executive, site_tour, exhibition."),
    date: str = typer.Option(None, "--date", help="When (default: today)."),
    who: str = typer.Option(None, "--who", help="Who went (default: you)."),
    met: list[str] = typer.Option(None, "--met", help='Whom you met: contact id or "Name <email>" (repeatable).'),
    objective: str = typer.Option(None, "--objective"),
    outcome: str = typer.Option(None, "--outcome"),
    next_step: str = typer.Option(None, "--next", help="The next step agreed."),
    lead: int = typer.Option(None, "--lead", help="The lead it was about (its stale clock restarts)."),
    opp: int = typer.Option(None, "--opp", help="The opportunity it was about."),
) -> None:
    """Record a customer visit."""
    from ltc_tui.services.visits import add_visit

    with c.unit() as session:
        visit = add_visit(session, customer=customer, kind=kind, visited_on=date, person=who, contacts=met or [],
                          objective=objective, outcome=outcome, next_step=next_step, lead_id=lead, opportunity_id=opp)
    c.say("cli.visit.added", id=visit.id, date=visit.visited_on, style="green")


@app.command("list")
def list_(
    who: str = typer.Option(None, "--who"), customer: str = typer.Option(None, "--customer"),
    lead: int = typer.Option(None, "--lead"), limit: int = typer.Option(50, "--limit", min=1),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Visits, newest first."""
    from ltc_tui.services.visits import list_visits

    with c.unit(write=False) as session:
        rows = list_visits(session, person=who, customer=customer, lead_id=lead, limit=limit)
    if as_json:
        c.print_json([dict(c.to_jsonable(r.visit), person=r.person.handle, customer=r.customer.name, met=[x.name for x in r.contacts]) for r in rows])
        return
    from ltc_tui.i18n import join

    c.table(c.columns("field.date", "field.who", "field.customer", "field.kind", "field.met", "field.objective",
                      "field.outcome", "field.next_step"),
            [(r.visit.visited_on, r.person.handle, r.customer.name, c.label_of("VisitKind", r.visit.kind),
              join(x.name for x in r.contacts),
              r.visit.objective or "", r.visit.outcome or "", r.visit.next_step or "") for r in rows])


@app.command("week")
def week(date: str = typer.Option(None, "--date", help="Any day of the week (default: this week)."), as_json: bool = typer.Option(False, "--json")) -> None:
    """Visits per customer-facing person this week, against the weekly target (six)."""
    from ltc_tui.services.visits import week_counts
    from ltc_tui.values import parse_date

    with c.unit(write=False) as session:
        start, end, rows = week_counts(session, day=parse_date(date, field="--date"))
    if as_json:
        c.print_json({"week_start": start, "week_end": end,
                      "people": [{"handle": r.person.handle, "name": r.person.name, "visits": r.visits, "target": r.target, "met": r.met} for r in rows]})
        return
    from ltc_tui.i18n import t

    c.say("cli.visit.week", start=start, end=end, style="bold")
    c.table(c.columns("field.who", ">field.visits", ">field.target", ""),
            [(r.person.handle, r.visits, r.target,
              c.text(t("report.visits.met") if r.met else t("report.visits.to_go", count=r.target - r.visits),
                     "green" if r.met else "yellow")) for r in rows])
