"""``ltc opp ...``: opportunities through their stages, gates and outcome."""

from __future__ import annotations

from typing import Any

import typer

from ltc_tui.cli import common as c
from ltc_tui.i18n import stored_note, t

app = typer.Typer(no_args_is_help=True)
STAGES = "verify, initiation, needs_analysis, value_presentation, bid, negotiation"


@app.command("list")
def list_(
    filters: list[str] = typer.Argument(None, help="Free text and filters: stage:bid owner:li customer:telmex stale all."),
    as_json: bool = typer.Option(False, "--json"),
    limit: int = typer.Option(200, "--limit", min=1, max=100_000),
) -> None:
    """Open opportunities (add `all` for won and lost too), with weighted amounts."""
    from ltc_tui.services.opportunities import OppQuery, parse_opp_filter, query_opportunities, stale_opportunity_cutoff
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        query = parse_opp_filter(" ".join(filters or []), OppQuery(limit=limit, me_id=session.info["actor_id"]))
        rows = query_opportunities(session, query)
        cutoff = stale_opportunity_cutoff(session)
    if as_json:
        c.print_json([dict(c.to_jsonable(r), amount=c.money_json(r.amount_cents), weighted=c.money_json(r.weighted_cents),
                           stale=r.stage_changed_at < cutoff and r.stage not in ("won", "lost")) for r in rows])
        return
    def since(r: Any) -> Any:
        day = str(r.stage_changed_at.date())
        if r.stage_changed_at < cutoff and r.stage not in ("won", "lost"):
            return c.text(t("cell.stale", date=day), "yellow")
        return c.text(day)

    c.table(c.columns(">#", "field.title", "field.customer", "field.stage", ">field.amount_short", ">field.probability_short",
                      ">field.weighted", "field.owner", "field.since"),
            [(r.id, r.title, r.customer, c.label_of("Stage", r.stage), format_money(r.amount_cents, compact=True),
              f"{r.probability}%", format_money(r.weighted_cents, compact=True), r.owner or "", since(r))
             for r in rows])


@app.command("add")
def add(
    title: str = typer.Argument(...),
    customer: str = typer.Option(..., "--customer", "-c"),
    amount: str = typer.Option(None, "--amount"),
    budget: str = typer.Option(None, "--budget"),
    start: str = typer.Option(None, "--start"),
    ar: str = typer.Option(None, "--ar"), sr: str = typer.Option(None, "--sr"), fr: str = typer.Option(None, "--fr"),
    product: str = typer.Option(None, "--product"),
) -> None:
    """Open an opportunity that did not come through the lead process."""
    from ltc_tui.services.opportunities import add_opportunity

    with c.unit() as session:
        opp = add_opportunity(session, title=title, customer=customer, amount=amount, budget=budget, start=start,
                              ar=ar, sr=sr, fr=fr, product=product)
    c.say("cli.opp.added", id=opp.id, title=opp.title, style="green")


@app.command("show")
def show(opp_id: int = typer.Argument(...), as_json: bool = typer.Option(False, "--json")) -> None:
    """An opportunity: figures, triangle, stage history, gates, competitors, value proposition, power map."""
    from sqlmodel import select

    from ltc_tui.models.customers import Customer
    from ltc_tui.models.people import Person
    from ltc_tui.services import opportunities as o
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        opp = o.get_opportunity(session, opp_id)
        customer = session.get(Customer, opp.customer_id)
        people = {p.id: p.handle for p in session.exec(select(Person)).all()}
        history = o.stage_history(session, opp_id)
        gates = o.gates(session, opp_id)
        competitors = o.competitors_of(session, opp_id)
        pmap = o.power_map(session, opp_id)
    if as_json:
        c.print_json({"opportunity": opp, "customer": customer.name if customer else None,
                      "history": [dict(c.to_jsonable(h), days=h.days()) for h in history], "gates": gates, "competitors": competitors,
                      "power_map": [{"contact": r.contact.name, "role": r.contact.decision_role, "influence": r.contact.influence,
                                     "attitude": r.contact.attitude, "covered_by": r.covered_by.handle if r.covered_by else None,
                                     "uncovered_decision_maker": r.uncovered_decision_maker} for r in pmap]})
        return
    probability = f"{opp.probability}%"
    c.line(c.text(f"#{opp.id} {opp.title}", "bold"))
    c.table(["", ""], [
        (t("field.customer"), customer.name if customer else ""), (t("field.stage"), c.label_of("Stage", opp.stage)),
        (t("field.amount_short"), format_money(opp.amount_cents, opp.currency)),
        (t("field.budget"), format_money(opp.budget_cents, opp.currency)), (t("field.start_on"), opp.start_on or ""),
        (t("field.probability"), t("cell.set_by_hand", value=probability) if opp.probability_manual else probability),
        (t("field.triangle"), t("cell.triangle", ar=people.get(opp.ar_id, "-"), sr=people.get(opp.sr_id, "-"),
                                fr=people.get(opp.fr_id, "-"))),
        (t("field.lead"), f"#{opp.lead_id}" if opp.lead_id else ""), (t("field.lost_reason"), opp.lost_reason or ""),
    ])
    c.table(c.columns("field.stage", "field.entered", "field.days", "field.by", "field.note"),
            [(c.label_of("Stage", h.stage), h.entered_at.date(), h.days(), h.by or "", stored_note(h.note)) for h in history],
            title=t("cli.opp.stage_history"))
    if gates:
        c.table(c.columns("field.gate", "field.result", "field.approver", "field.when", "field.notes"),
                [(c.label_of("Gate", g.gate), c.label_of("GateResult", g.result), people.get(g.approver_id, ""), g.at.date(),
                  g.notes or g.conditions or "") for g in gates], title=t("cli.opp.gates"))
    if competitors:
        c.table(c.columns("field.competitor", "field.standing", "field.strategy", "field.locked"),
                [(x.name, c.label_of("CompetitorStanding", x.standing), x.strategy or "", t("ui.yes") if x.locked else "-")
                 for x in competitors], title=t("cli.opp.competitors"))
    c.table(c.columns("field.contact_name", "field.decision_role", "field.influence", "field.attitude", "field.covered_by"),
            [(r.contact.name, c.label_of("DecisionRole", r.contact.decision_role), c.label_of("Influence", r.contact.influence),
              c.label_of("Attitude", r.contact.attitude),
              c.text(r.covered_by.handle if r.covered_by else (t("cell.uncovered") if r.uncovered_decision_maker else "-"),
                     "bold red" if r.uncovered_decision_maker else "")) for r in pmap], title=t("cli.opp.power_map"))
    for key in ("our_strengths", "unique_value", "need_fit", "difference", "market_notes", "customer_notes", "product_notes",
                "competition_notes"):
        if getattr(opp, key):
            c.line(c.text(t("cell.label", label=t(f"field.{key}")), "bold"), c.text(getattr(opp, key)))


@app.command("stage")
def stage(
    opp_id: int = typer.Argument(...),
    to: str = typer.Argument(..., help=STAGES),
    note: str = typer.Option(None, "--note"),
    version: int = typer.Option(None, "--version"),
) -> None:
    """Move to another stage (forward moves pass the gates in between)."""
    from ltc_tui.services.opportunities import move_stage

    with c.unit() as session:
        opp = move_stage(session, opportunity_id=opp_id, to=to, note=note, expected_version=version)
    c.say("cli.opp.moved", id=opp.id, stage=opp.stage, probability=opp.probability, style="green")


@app.command("gate")
def gate(
    opp_id: int = typer.Argument(...),
    which: str = typer.Argument(..., help="initiation, bid or signing."),
    result: str = typer.Option("pass", "--result", help="pass, conditional, fail."),
    approver: str = typer.Option(None, "--approver", help="Who passed it (default: you). Initiation: not the AR. Bid: the FR."),
    notes: str = typer.Option(None, "--notes"),
    conditions: str = typer.Option(None, "--conditions", help="The conditions of a conditional pass."),
    deliverability: str = typer.Option(None, "--deliverability", help="Bid: pass, conditional, fail."),
    workload: int = typer.Option(None, "--workload", help="Bid: workload estimate in person-days."),
    price: str = typer.Option(None, "--price", help="Bid: the price reviewed."),
) -> None:
    """Record a gate: initiation approval, the FR's bid review, the scope of work agreed."""
    from ltc_tui.services.opportunities import record_gate

    with c.unit() as session:
        record = record_gate(session, opportunity_id=opp_id, gate=which, result=result, approver=approver, notes=notes,
                             conditions=conditions, deliverability=deliverability, workload_days=workload, price=price)
    c.say("cli.opp.gate", id=opp_id, gate=record.gate, result=record.result, style="green" if record.result != "fail" else "yellow")


@app.command("won")
def won(
    opp_id: int = typer.Argument(...),
    reason: str = typer.Option(None, "--reason"),
    number: str = typer.Option(None, "--number", help="Contract number (default: generated)."),
    signed: str = typer.Option(None, "--signed", help="Signing date (default: today)."),
    value: str = typer.Option(None, "--value", help="Contract value (default: the opportunity amount)."),
    po: str = typer.Option(None, "--po", help="Customer PO number."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Mark won: creates the contract."""
    from ltc_tui.services.opportunities import mark_won

    with c.unit() as session:
        contract = mark_won(session, opportunity_id=opp_id, reason=reason, number=number, signed_on=signed, value=value, po_number=po)
    if as_json:
        c.print_json({"opportunity_id": opp_id, "contract_id": contract.id, "contract_number": contract.number})
        return
    c.say("cli.opp.won", id=opp_id, number=contract.number, style="green")


@app.command("lost")
def lost(opp_id: int = typer.Argument(...), reason: str = typer.Option(None, "--reason", "-r", help="Why it was lost (required).")) -> None:
    """Mark lost, with the reason."""
    from ltc_tui.services.opportunities import mark_lost

    with c.unit() as session:
        mark_lost(session, opportunity_id=opp_id, reason=reason or "")
    c.say("cli.opp.lost", id=opp_id, style="yellow")


@app.command("edit")
def edit(
    opp_id: int = typer.Argument(...),
    title: str = typer.Option(None, "--title"), product: str = typer.Option(None, "--product"),
    amount: str = typer.Option(None, "--amount"), budget: str = typer.Option(None, "--budget"),
    start: str = typer.Option(None, "--start"), probability: str = typer.Option(None, "--probability", help="0-100, or auto."),
    ar: str = typer.Option(None, "--ar"), sr: str = typer.Option(None, "--sr"), fr: str = typer.Option(None, "--fr"),
    strengths: str = typer.Option(None, "--strengths", help="Value proposition: our unique strengths."),
    value: str = typer.Option(None, "--value", help="Value proposition: the solution's unique value."),
    fit: str = typer.Option(None, "--fit", help="Value proposition: how far it meets the need."),
    difference: str = typer.Option(None, "--difference", help="Value proposition: difference from competitors."),
    market: str = typer.Option(None, "--market", help="Four dimensions: market."),
    customer: str = typer.Option(None, "--customer-notes", help="Four dimensions: customer."),
    product_notes: str = typer.Option(None, "--product-notes", help="Four dimensions: product."),
    competition: str = typer.Option(None, "--competition", help="Four dimensions: competition."),
    version: int = typer.Option(None, "--version"),
) -> None:
    """Edit an opportunity's figures, triangle, value proposition and four-dimension notes."""
    from ltc_tui.services.opportunities import update_opportunity

    changes = {k: v for k, v in {
        "title": title, "product": product, "amount": amount, "budget": budget, "start": start, "probability": probability,
        "ar": ar, "sr": sr, "fr": fr, "our_strengths": strengths, "unique_value": value, "need_fit": fit, "difference": difference,
        "market_notes": market, "customer_notes": customer, "product_notes": product_notes, "competition_notes": competition,
    }.items() if v is not None}
    if not changes:
        raise typer.BadParameter(t("cli.nothing_to_change"))
    with c.unit() as session:
        update_opportunity(session, opportunity_id=opp_id, expected_version=version, **changes)
    c.say("cli.saved", style="green")


@app.command("cover")
def cover(
    opp_id: int = typer.Argument(...),
    contact: int = typer.Argument(..., help="Contact id."),
    by: str = typer.Option(None, "--by", help="Triangle member who covers them (omit to uncover)."),
    notes: str = typer.Option(None, "--notes"),
) -> None:
    """Power map: say which triangle member covers a contact."""
    from ltc_tui.services.opportunities import cover as do_cover

    with c.unit() as session:
        do_cover(session, opportunity_id=opp_id, contact_id=contact, by=by, notes=notes)
    c.say("cli.saved", style="green")


@app.command("pipeline")
def pipeline(
    filters: list[str] = typer.Argument(None, help="Only these: stage:bid owner:li customer:telmex stale, free text."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Count, amount and weighted amount per stage (of the opportunities the filters select)."""
    from ltc_tui.services.opportunities import OppQuery, parse_opp_filter, pipeline_summary
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        query = parse_opp_filter(" ".join(filters), OppQuery(me_id=session.info["actor_id"], include_closed=True)) if filters else None
        rows = pipeline_summary(session, query)
    if as_json:
        c.print_json([dict(c.to_jsonable(r), amount=c.money_json(r.amount_cents), weighted=c.money_json(r.weighted_cents)) for r in rows])
        return
    c.table(c.columns("field.stage", ">field.count", ">field.amount_short", ">field.weighted"),
            [(c.label_of("Stage", r.stage), r.count, format_money(r.amount_cents), format_money(r.weighted_cents)) for r in rows])


@app.command("competitor")
def competitor(
    opp_id: int = typer.Argument(...),
    name: str = typer.Argument(..., help="Competitor name (updated if already named on this opportunity)."),
    strengths: str = typer.Option(None, "--strengths"),
    weaknesses: str = typer.Option(None, "--weaknesses"),
    standing: str = typer.Option(None, "--standing", help="Their standing with the customer: strong, medium, weak."),
    strategy: str = typer.Option(None, "--strategy", help="Our strategy against them."),
    locked: bool = typer.Option(None, "--locked/--not-locked", help="Whether they are locked (pinned down)."),
) -> None:
    """Name a competitor on an opportunity, with our strategy against them."""
    from ltc_tui.services.nurturing import update_competitor
    from ltc_tui.services.opportunities import add_competitor, competitors_of

    fields = {k: v for k, v in {"strengths": strengths, "weaknesses": weaknesses, "standing": standing,
                                "strategy": strategy, "locked": locked}.items() if v is not None}
    with c.unit() as session:
        existing = next((x for x in competitors_of(session, opp_id) if x.name.casefold() == name.strip().casefold()), None)
        if existing is None:
            add_competitor(session, opportunity_id=opp_id, name=name, **fields)
        else:
            update_competitor(session, competitor_id=existing.id or 0, **fields)
    c.say("cli.saved", style="green")


@app.command("competitor-rm")
def competitor_rm(
    opp_id: int = typer.Argument(...),
    name: str = typer.Argument(..., help="Competitor name."),
) -> None:
    """Remove a competitor from an opportunity."""
    from ltc_tui.errors import NotFound
    from ltc_tui.services.nurturing import remove_competitor
    from ltc_tui.services.opportunities import competitors_of

    with c.unit() as session:
        existing = next((x for x in competitors_of(session, opp_id) if x.name.casefold() == name.strip().casefold()), None)
        if existing is None:
            raise NotFound("error.opp.no_competitor", id=opp_id, name=name)
        remove_competitor(session, competitor_id=existing.id or 0)
    c.say("cli.saved", style="green")
