"""``ltc lead ...``: capture, list, show, edit, verify, decide, nurture, hand over."""

from __future__ import annotations

from typing import Any

import typer

from ltc_tui.cli import common as c
from ltc_tui.enums import DecisionKind, Source
from ltc_tui.i18n import t

app = typer.Typer(no_args_is_help=True)
step_app = typer.Typer(no_args_is_help=True, help="Nurturing: the six steps, pain table, KDMs, competitors.")
app.add_typer(step_app, name="step")

SOURCES = ", ".join(s.value for s in Source)


@app.command("add")
def add(
    title: str = typer.Argument(None, help="What the customer needs, in a few words."),
    customer: str = typer.Option(None, "--customer", "-c", help="Customer name (matched case-insensitively, created if new)."),
    contact: str = typer.Option(None, "--contact", help='Contact: "Name <email>", an e-mail, or a name.'),
    source: str = typer.Option("other", "--source", "-s", help=f"Source channel: {SOURCES}."),
    amount: str = typer.Option(None, "--amount", "-a", help="Expected scale, e.g. 1200000, 1.2M, 300k, 50万."),
    currency: str = typer.Option(None, "--currency", help="Currency code (default: the team setting)."),
    start: str = typer.Option(None, "--start", help="Expected start: YYYY-MM-DD, YYYY-MM, +3m ..."),
    need: str = typer.Option(None, "--need", "-n", help="The need or pain as heard."),
    by: str = typer.Option(None, "--by", help="Submitter, when typing it for someone else (default: you)."),
    date: str = typer.Option(None, "--date", help="Date heard (default: today)."),
    has_offer: bool = typer.Option(None, "--has-offer/--no-offer", help="Whether a matching product or solution exists."),
    new_product: bool = typer.Option(False, "--new-product", help="Involves a new product."),
    new_solution: bool = typer.Option(False, "--new-solution", help="Involves a new solution."),
    new_model: bool = typer.Option(False, "--new-model", help="Involves a new business model."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Capture a lead in seconds; prints its id. With no arguments in a terminal, asks for the fields."""
    from ltc_tui.services import leads

    if title is None and customer is None and c.interactive():
        title = typer.prompt(t("cli.prompt.title"))
        customer = typer.prompt(t("cli.prompt.customer"))
        contact = typer.prompt(t("cli.prompt.contact"), default="", show_default=False) or None
        source = typer.prompt(t("cli.prompt.source", choices=SOURCES), default="other")
        amount = typer.prompt(t("cli.prompt.amount"), default="", show_default=False) or None
        start = typer.prompt(t("cli.prompt.start"), default="", show_default=False) or None
        need = typer.prompt(t("cli.prompt.need"), default="", show_default=False) or None
    c.need(title, "TITLE")
    c.need(customer, "--customer")
    with c.unit() as session:
        result = leads.add_lead(
            session, title=title, customer=customer, contact=contact, source=source, amount=amount,
            currency=currency, start=start, need=need, submitter=by, submitted_on=date, has_offer=has_offer,
            new_product=new_product, new_solution=new_solution, new_business_model=new_model,
        )
    lead = result.lead
    if as_json:
        c.print_json(
            {
                "id": lead.id, "title": lead.title, "customer": result.customer.name,
                "customer_created": result.customer_created, "tier": lead.tier, "status": lead.status,
                "possible_duplicates": result.duplicates,
            }
        )
        return
    key = "cli.lead.added_new_customer" if result.customer_created else "cli.lead.added_known_customer"
    c.say(key, id=lead.id, title=lead.title, customer=result.customer.name, tier=lead.tier, style="green")
    for dup in result.duplicates:
        c.warn(f"cli.lead.duplicate_{dup.why}", id=dup.lead_id, title=dup.title, status=dup.status)


def _status_style(status: str) -> str:
    return {"submitted": "yellow", "verified": "cyan", "nurturing": "blue", "converted": "green", "closed": "dim"}.get(status, "")


TEMP_STYLE = {"hot": "bold red", "warm": "yellow", "cold": "blue"}


@app.command("list")
def list_(
    filters: list[str] = typer.Argument(None, help="Free text and field filters, e.g. status:verified temp:hot tier:A owner:li cdma."),
    status: list[str] = typer.Option(None, "--status", help="submitted, verified, nurturing, converted, closed (repeatable)."),
    lead_class: list[str] = typer.Option(None, "--class", help="primary, credible, opportunity."),
    temp: list[str] = typer.Option(None, "--temp", help="cold, warm, hot."),
    tier: list[str] = typer.Option(None, "--tier", help="A, B, C."),
    source: list[str] = typer.Option(None, "--source", help=f"Source channel: {SOURCES}."),
    owner: str = typer.Option(None, "--owner", help="Owner handle, 'me' or 'none'."),
    view: str = typer.Option("all", "--view", help="all, mine, to_verify, due, stale, open, closed."),
    sort: str = typer.Option("priority", "--sort", help="id, title, customer, source, submitter, class, temp, tier, priority, status, owner, age, review."),
    ascending: bool = typer.Option(False, "--asc", help="Sort ascending (default: descending)."),
    limit: int = typer.Option(50, "--limit", min=0, max=100_000, help="How many rows."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List leads: filter, sort, page."""
    from ltc_tui import clock
    from ltc_tui.services.leads import LeadQuery, count_leads, parse_filter, query_leads
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        me = session.info["actor_id"]
        base = LeadQuery(
            status=list(status or []), lead_class=list(lead_class or []), temperature=list(temp or []),
            tier=list(tier or []), source=list(source or []), owner=owner, view=view, sort=sort,
            descending=not ascending, limit=limit, offset=offset, me_id=me,
        )
        query = parse_filter(" ".join(filters or []), base)
        rows = query_leads(session, query)
        total = None if as_json else count_leads(session, query)
    today = clock.today()
    if as_json:
        c.print_json([dict(r.as_dict(today), expected_amount=c.money_json(r.expected_amount_cents)) for r in rows])
        return
    c.table(
        c.columns(">#", "field.title_short", "field.customer", "field.source", "field.submitter_short", "field.lead_class",
                  "field.temp", "field.tier", ">field.priority", "field.status", "field.owner", ">field.age", "field.review",
                  ">field.amount_short"),
        [
            (
                r.id, r.title, r.customer, c.label_of("Source", r.source), r.submitter, c.label_of("LeadClass", r.lead_class),
                c.text(c.label_of("Temperature", r.temperature), TEMP_STYLE.get(r.temperature or "", "")), r.tier,
                "" if r.priority is None else r.priority, c.text(c.label_of("LeadStatus", r.status), _status_style(r.status)),
                r.owner or "", t("ui.days", days=r.age_days(today)), r.next_review_on or "",
                format_money(r.expected_amount_cents, compact=True),
            )
            for r in rows
        ],
    )
    c.say("cli.lead.list_count", shown=len(rows), total=total, style="dim")


def _reasons(reasons: list[Any]) -> str:
    from ltc_tui.i18n import describe

    return describe(reasons)


@app.command("show")
def show(
    lead_id: int = typer.Argument(..., help="Lead id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Everything about one lead, with why it sits in its tier and ranks where it does."""
    from ltc_tui import clock
    from ltc_tui.services.lead_file import lead_file
    from ltc_tui.values import format_money

    with c.unit(write=False) as session:
        f = lead_file(session, lead_id)
    lead = f.lead
    if as_json:
        c.print_json(
            {
                "lead": lead,
                "customer": f.customer.name,
                "contact": f.contact.name if f.contact else None,
                "submitter": f.name(lead.submitter_id),
                "owner": f.name(lead.owner_id),
                "triangle": {"ar": f.name(lead.ar_id), "sr": f.name(lead.sr_id), "fr": f.name(lead.fr_id)},
                "tier": {"tier": lead.effective_tier, "computed": f.tier.tier, "points": f.tier.points,
                         "reasons": [t(r.key, **r.params) for r in f.tier.reasons],
                         "override_reason": lead.tier_override_reason},
                "verification": f.verification,
                "priority_reasons": [
                    {"reason": t(r.key, **r.params), "points": r.points} for r in (f.assessment.priority_reasons if f.assessment else [])
                ],
                "decisions": [d for d, _ in f.decisions],
                "nurturing": None if f.nurturing is None else {
                    "pass": f.nurturing.pass_no,
                    "steps": [{"step": s.step.value, "done": s.done, "evidence": t(s.evidence_key, **s.evidence_params)} for s in f.nurturing.steps],
                },
                "opportunity_id": f.opportunity.id if f.opportunity else None,
                "history": [h.event for h in f.history],
            }
        )
        return
    c.line(c.text(f"#{lead.id} ", "bold"), c.text(lead.title, "bold"))
    c.line(
        c.text(t("cli.lead.status_line", status=lead.status, klass=lead.lead_class or "-", temp=lead.temperature or "-",
                 tier=lead.effective_tier, priority="-" if lead.priority is None else lead.priority))
    )
    from ltc_tui.i18n import join, term
    from ltc_tui.i18n.changes import change_text

    novelty = [t(key) for key, flag in (("file.new_product", lead.new_product), ("file.new_solution", lead.new_solution),
                                        ("file.new_model", lead.new_business_model)) if flag]
    rows: list[tuple[str, Any]] = [
        (t("field.customer"), t("cell.customer_standing", name=f.customer.name, standing=f.customer.standing)),
        (t("field.contact"), f"{f.contact.name} <{f.contact.email}>" if f.contact and f.contact.email else (f.contact.name if f.contact else "")),
        (t("field.need"), lead.need or ""),
        (t("field.source"), c.label_of("Source", lead.source)),
        (t("field.submitter"), t("cell.days_ago", who=f.name(lead.submitter_id), date=lead.submitted_on,
                                 days=(clock.today() - lead.submitted_on).days)),
        (t("field.amount"), format_money(lead.expected_amount_cents, lead.currency)),
        (t("field.start"), lead.expected_start or ""),
        (t("field.novelty"), join(novelty) or "-"),
        (t("field.owner"), f.name(lead.owner_id)),
        (t("field.triangle"), t("cell.triangle", ar=f.name(lead.ar_id) or "-", sr=f.name(lead.sr_id) or "-",
                                fr=f.name(lead.fr_id) or "-")),
        (t("field.next_review"), lead.next_review_on or ""),
    ]
    if lead.budget_cents is not None:
        rows.append((t("field.budget"), t("file.budget", amount=format_money(lead.budget_cents, lead.currency),
                                           start=lead.budget_start or "-")))
    if lead.close_reason:
        rows.append((t("field.close_reason"), lead.close_reason))
    if f.opportunity:
        rows.append((t("field.opportunity"), t("cell.opportunity_stage", id=f.opportunity.id, stage=f.opportunity.stage)))
    c.table(["", ""], rows)
    tier_line = t("cli.lead.why_tier", tier=lead.effective_tier, why=_reasons(f.tier.reasons))
    if lead.tier_override:
        tier_line += " " + t("cli.lead.tier_override", tier=lead.tier_override, computed=f.tier.tier.value, reason=lead.tier_override_reason)
    c.line(c.text(tier_line))
    if f.assessment:
        c.line(c.text(t("cli.lead.why_class", why=_reasons([*f.assessment.class_reasons, *f.assessment.temperature_reasons]))))
        c.line(c.text(t("cli.lead.why_priority", priority=f.assessment.priority, why=_reasons(f.assessment.priority_reasons))))
        v = f.verification
        assert v is not None
        c.line(c.text(t("cli.lead.verified_by", who=f.verifier.handle if f.verifier else "?", at=v.verified_at.date(),
                        contacts=join(x.name for x in f.consulted) or "-")))
    else:
        c.say("cli.lead.not_verified", style="yellow")
    if f.nurturing:
        steps = " ".join(f"{s.step.number}{'✓' if s.done else ('▸' if s.current else '·')}" for s in f.nurturing.steps)
        c.line(c.text(t("cli.lead.nurturing", pass_no=f.nurturing.pass_no, steps=steps, done=f.nurturing.done_count)))
    if f.decisions:
        c.table(
            [t("field.when"), t("field.decision"), t("field.detail")],
            [
                (d.decided_at.date(),
                 t("cell.decision_undone", kind=d.kind) if d.undone_at else c.label_of("DecisionKind", d.kind),
                 d.reason or d.notes or (t("file.decision_review", date=d.next_review_on) if d.next_review_on else ""))
                for d, _ in f.decisions
            ],
            title=t("cli.lead.decisions"),
        )
    if f.visits:
        c.table([t("field.when"), t("field.who"), t("field.kind"), t("field.outcome")],
                [(v.visit.visited_on, v.person.handle, c.label_of("VisitKind", v.visit.kind), v.visit.outcome or "")
                 for v in f.visits[:10]],
                title=t("cli.lead.visits"))
    if f.notes:
        c.table([t("field.when"), t("field.who"), t("field.note")],
                [(n.at.date(), f.name(n.author_id), n.body) for n in f.notes[:10]], title=t("cli.lead.notes"))
    if f.duplicates:
        for dup in f.duplicates:
            c.warn(f"cli.lead.duplicate_{dup.why}", id=dup.lead_id, title=dup.title, status=dup.status)
    if f.history:
        c.table(
            [t("field.when"), t("field.who"), t("field.change")],
            [
                (h.event.at.strftime("%Y-%m-%d %H:%M"), h.actor or "",
                 term("audit", h.event.action) if not h.event.field
                 else change_text(h.event.entity, h.event.field, h.event.old, h.event.new, name=f.name))
                for h in f.history[:15]
            ],
            title=t("cli.lead.history"),
        )


@app.command("edit")
def edit(
    lead_id: int = typer.Argument(..., help="Lead id."),
    title: str = typer.Option(None, "--title"),
    customer: str = typer.Option(None, "--customer"),
    contact: str = typer.Option(None, "--contact"),
    source: str = typer.Option(None, "--source", help=f"{SOURCES}."),
    amount: str = typer.Option(None, "--amount"),
    currency: str = typer.Option(None, "--currency"),
    start: str = typer.Option(None, "--start"),
    need: str = typer.Option(None, "--need"),
    review: str = typer.Option(None, "--review", help="Next review date."),
    new_product: bool = typer.Option(None, "--new-product/--no-new-product"),
    new_solution: bool = typer.Option(None, "--new-solution/--no-new-solution"),
    new_model: bool = typer.Option(None, "--new-model/--no-new-model"),
    has_offer: bool = typer.Option(None, "--has-offer/--no-offer"),
    version: int = typer.Option(None, "--version", help="Refuse if the lead changed since this version."),
) -> None:
    """Edit the lead file (tier and priority follow their inputs)."""
    from ltc_tui.services.leads import update_lead

    changes = {
        k: v for k, v in {
            "title": title, "customer": customer, "contact": contact, "source": source, "amount": amount,
            "currency": currency, "start": start, "need": need, "next_review_on": review,
            "new_product": new_product, "new_solution": new_solution, "new_business_model": new_model,
            "has_offer": has_offer,
        }.items() if v is not None
    }
    if not changes:
        raise typer.BadParameter(t("cli.nothing_to_change"))
    with c.unit() as session:
        lead = update_lead(session, lead_id=lead_id, expected_version=version, **changes)
    c.say("cli.lead.updated", id=lead.id, version=lead.version, tier=lead.effective_tier, style="green")


@app.command("tier")
def tier(
    lead_id: int = typer.Argument(...),
    value: str = typer.Argument(..., help="A, B, C, or auto to go back to the computed tier."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why (required to override)."),
) -> None:
    """Override the computed tier, with a reason (or return to the computed one)."""
    from ltc_tui.services.leads import override_tier

    with c.unit() as session:
        lead = override_tier(session, lead_id=lead_id, tier=value, reason=reason)
    c.say("cli.lead.tier_set", id=lead.id, tier=lead.effective_tier, style="green")


@app.command("note")
def note(lead_id: int = typer.Argument(...), body: str = typer.Argument(..., help="The note.")) -> None:
    """Add a note to a lead (counts as activity)."""
    from ltc_tui.services.leads import add_note

    with c.unit() as session:
        add_note(session, lead_id=lead_id, body=body)
    c.say("cli.lead.noted", id=lead_id, style="green")


def _level(value: int | None, name: str) -> int:
    if value is None:
        if c.interactive():
            return typer.prompt(t(f"cli.verify.ask_{name}"), type=typer.IntRange(0, 3))
        c.need(None, f"--{name.replace('_', '-')}")
    return int(value)  # type: ignore[arg-type]


def _yes(value: bool | None, name: str, flag: str | None = None) -> bool:
    """A yes/no answer: asked in a terminal; elsewhere ``flag`` (Q1) must be
    given explicitly and the others count as "no" when left out."""
    if value is None:
        if c.interactive():
            return typer.confirm(t(f"cli.verify.ask_{name}"))
        if flag:
            c.need(None, flag)
        return False
    return value


@app.command("verify")
def verify(
    lead_id: int = typer.Argument(..., help="Lead id."),
    need_real: bool = typer.Option(None, "--need-real/--need-not-real", help="Q1: is the need real?"),
    fits: bool = typer.Option(None, "--fits/--no-fit", help="Q1: does it fit our strategy?"),
    urgent: bool = typer.Option(None, "--urgent/--not-urgent", help="Q2: urgent business need? (default: no)"),
    procurement: bool = typer.Option(None, "--procurement/--no-procurement", help="Q2: clear procurement process? (default: no)"),
    funds: bool = typer.Option(None, "--funds/--no-funds", help="Q2: money and resources committed? (default: no)"),
    relationship: int = typer.Option(None, "--relationship", min=0, max=3, help="Q3: relationship strength, 0-3."),
    fit: int = typer.Option(None, "--fit", min=0, max=3, help="Q3: our solution's ability, 0-3."),
    maturity: int = typer.Option(None, "--maturity", min=0, max=3, help="Q3: our solution's maturity, 0-3."),
    team: bool = typer.Option(None, "--team/--no-team", help="Q3: key team members available? (default: no)"),
    competition: str = typer.Option("weak", "--competition", help="Q3: none, weak, strong."),
    risk: str = typer.Option("medium", "--risk", help="Q3: low, medium, high."),
    contact: list[int] = typer.Option(None, "--contact", help="Contact id consulted (repeatable; more than one level)."),
    q1_notes: str = typer.Option(None, "--q1-notes"),
    q2_notes: str = typer.Option(None, "--q2-notes"),
    q3_notes: str = typer.Option(None, "--q3-notes"),
    preview: bool = typer.Option(False, "--preview", help="Show the result without saving."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Cross verification: answer the three questions (by someone other than the submitter).

    In a terminal, unanswered questions are asked; in a script, Q1 (--need-real/--need-not-real,
    --fits/--no-fit) and the three 0-3 levels are required."""
    from ltc_tui.services import verification as v

    answers = v.make_answers(
        need_real=_yes(need_real, "need_real", "--need-real/--need-not-real"), fits_strategy=_yes(fits, "fits", "--fits/--no-fit"), urgent=_yes(urgent, "urgent"),
        procurement_clear=_yes(procurement, "procurement"), funds_committed=_yes(funds, "funds"),
        relationship=_level(relationship, "relationship"), solution_fit=_level(fit, "fit"),
        solution_maturity=_level(maturity, "maturity"), team_available=_yes(team, "team"),
        competition=competition, risk=risk,
    )
    with c.unit(write=not preview) as session:
        if preview:
            from ltc_tui.services.leads import get_lead

            v.check_verifier(get_lead(session, lead_id), session.info["actor_id"])
            assessment = v.preview(session, lead_id=lead_id, answers=answers)
            warnings: list[str] = []
        else:
            result = v.verify_lead(
                session, lead_id=lead_id, answers=answers, contact_ids=contact or [],
                q1_notes=q1_notes, q2_notes=q2_notes, q3_notes=q3_notes,
            )
            assessment, warnings = result.assessment, result.warnings
    if as_json:
        c.print_json({"lead_id": lead_id, "saved": not preview, "class": assessment.lead_class, "temperature": assessment.temperature,
                      "priority": assessment.priority, "warnings": [t(w) for w in warnings]})
        return
    c.say("cli.verify.preview" if preview else "cli.verify.saved", id=lead_id, klass=assessment.lead_class.value,
          temp=assessment.temperature.value, priority=assessment.priority, style="green")
    c.line(c.text(t("cli.lead.why_priority", priority=assessment.priority, why=_reasons(assessment.priority_reasons))))
    for w in warnings:
        c.warn(w)


@app.command("decide")
def decide(
    lead_id: int = typer.Argument(..., help="Lead id."),
    kind: DecisionKind = typer.Argument(..., help="close, convert, nurture or defer."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why (required to close)."),
    budget: str = typer.Option(None, "--budget", help="Explicit budget (required to convert)."),
    start: str = typer.Option(None, "--start", help="Explicit start date (required to convert)."),
    owner: str = typer.Option(None, "--owner", help="Owner (nurture; default: the SR)."),
    ar: str = typer.Option(None, "--ar", help="Account responsible."),
    sr: str = typer.Option(None, "--sr", help="Solution responsible."),
    fr: str = typer.Option(None, "--fr", help="Fulfilment responsible."),
    review: str = typer.Option(None, "--review", help="Next review date (nurture), e.g. +14d."),
    notes: str = typer.Option(None, "--notes"),
    meeting: int = typer.Option(None, "--meeting", help="Meeting id (default: the open meeting, if any)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Record the committee's decision: close, convert, nurture or defer."""
    from ltc_tui.services.committee import decide as do_decide

    with c.unit() as session:
        result = do_decide(
            session, lead_id=lead_id, kind=kind.value, meeting_id=meeting, reason=reason, notes=notes,
            budget=budget, start=start, owner=owner, ar=ar, sr=sr, fr=fr, next_review=review,
        )
    if as_json:
        c.print_json({"decision_id": result.decision.id, "lead_id": lead_id, "kind": kind.value,
                      "opportunity_id": result.opportunity_id, "warnings": [t(w) for w in result.warnings]})
        return
    c.say(f"cli.decide.{kind.value}", id=lead_id, opp=result.opportunity_id, style="green")
    for w in result.warnings:
        c.warn(w)


@app.command("claim")
def claim(lead_id: int = typer.Argument(..., help="A verified lead with no owner.")) -> None:
    """Claim a verified lead from the pool (认领): you become its owner."""
    from ltc_tui.services.distribution import claim as do_claim

    with c.unit() as session:
        do_claim(session, lead_id=lead_id)
    c.say("cli.lead.claimed", id=lead_id, style="green")


@app.command("assign")
def assign(
    lead_id: int = typer.Argument(...),
    owner: str = typer.Argument(None, help="The new owner's handle; omit to release the lead back to the pool."),
) -> None:
    """Assign or reassign a lead's owner (the committee chair)."""
    from ltc_tui.services.distribution import assign as do_assign

    with c.unit() as session:
        do_assign(session, lead_id=lead_id, owner=owner)
    c.say("cli.lead.assigned" if owner else "cli.lead.released", id=lead_id, owner=owner or "", style="green")


@app.command("handover")
def handover(
    lead_id: int = typer.Argument(...),
    budget: str = typer.Option(None, "--budget", help="Explicit budget."),
    start: str = typer.Option(None, "--start", help="Explicit start date."),
    amount: str = typer.Option(None, "--amount", help="Opportunity amount (default: the expected amount)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Hand a nurtured lead over: all six steps done, budget and start explicit -> opportunity."""
    from ltc_tui.services.nurturing import handover as do_handover

    with c.unit() as session:
        opp = do_handover(session, lead_id=lead_id, budget=budget, start=start, amount=amount)
    if as_json:
        c.print_json({"lead_id": lead_id, "opportunity_id": opp.id})
        return
    c.say("cli.lead.handed_over", id=lead_id, opp=opp.id, style="green")


# --- nurturing ----------------------------------------------------------------------------


def _print_progress(session: Any, lead_id: int, pass_no: int | None = None) -> None:
    from ltc_tui.i18n import label
    from ltc_tui.services.nurturing import pain_chain, progress

    p = progress(session, lead_id, pass_no=pass_no)
    c.line(c.text(t("cli.step.header", id=lead_id, title=p.lead.title, pass_no=p.pass_no, current=p.current_pass), "bold"))
    c.table(
        [">#", t("field.step"), t("field.state"), t("field.evidence"), t("field.notes")],
        [
            (s.step.number, label(s.step),
             c.text(t("cell.step_done", date=s.record.done_on) if s.done else
                    t("cell.step_current") if s.current else t("cell.step_open"),
                    "green" if s.done else ("bold yellow" if s.current else "dim")),
             t(s.evidence_key, **s.evidence_params), s.record.notes or "")
            for s in p.steps
        ],
    )
    if p.pains:
        c.table(c.columns(">#", "field.role", "field.kpi", "field.pain", "field.cause", "field.impact", "field.leads_to"),
                [(r.id, r.role, r.kpi or "", r.pain, r.cause or "", r.impact or "", r.leads_to_id or "") for r in p.pains],
                title=t("cli.step.pain_table"))

        def draw(node: Any, depth: int) -> None:
            row, kids = node
            c.line(c.text("  " * depth + ("└ " if depth else "") + t("cell.label", label=row.role) + row.pain))
            for kid in kids:
                draw(kid, depth + 1)

        c.say("cli.step.pain_chain", style="bold")
        for root in pain_chain(p.pains):
            draw(root, 0)
    if p.kdms:
        yes = t("ui.yes")
        c.table(c.columns(">#", "field.kdm", "field.interested", "field.acknowledges", "field.vision", "field.vote", "field.notes"),
                [(k.contact.id, k.contact.name, yes if k.stance.interested else "-", yes if k.stance.acknowledges_pain else "-",
                  yes if k.stance.shares_vision else "-", c.label_of("Vote", k.stance.vote), k.stance.notes or "") for k in p.kdms],
                title=t("cli.step.kdms"))
    if p.competitors:
        c.table([">#", t("field.name"), t("field.standing"), t("field.strengths"), t("field.weaknesses"), t("field.strategy"), t("field.locked")],
                [(x.id, x.name, c.label_of("CompetitorStanding", x.standing), x.strengths or "", x.weaknesses or "",
                  x.strategy or "", t("ui.yes") if x.locked else "-") for x in p.competitors],
                title=t("cli.step.competitors"))
    for past in p.passes:
        if past.ended_at is not None:
            c.line(c.text(t("cli.step.pass_ended", pass_no=past.pass_no, at=past.ended_at.date(), reason=past.end_reason or ""), "dim"))


@step_app.command("show")
def step_show(
    lead_id: int = typer.Argument(...),
    pass_no: int = typer.Option(None, "--pass", help="Show an earlier pass."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The six-step checklist of a nurtured lead, with evidence."""
    from ltc_tui.services.nurturing import progress

    with c.unit(write=False) as session:
        if as_json:
            p = progress(session, lead_id, pass_no=pass_no)
            c.print_json({
                "lead_id": lead_id, "pass": p.pass_no, "current_pass": p.current_pass,
                "current_step": p.current_step.number if p.current_step else None,
                "steps": [{"number": s.step.number, "step": s.step.value, "done": s.done, "done_on": s.record.done_on,
                           "evidence_ok": s.evidence_ok, "evidence": t(s.evidence_key, **s.evidence_params), "notes": s.record.notes}
                          for s in p.steps],
                "pains": p.pains, "kdms": [{"contact_id": k.contact.id, "name": k.contact.name, **c.to_jsonable(k.stance)} for k in p.kdms],
                "competitors": p.competitors,
                "passes": p.passes,
            })
            return
        _print_progress(session, lead_id, pass_no)


@step_app.command("done")
def step_done(lead_id: int = typer.Argument(...), step: str = typer.Argument(..., help="1-6 or the step's name.")) -> None:
    """Mark a step done (refused, with the reason, until its evidence is there)."""
    from ltc_tui.services.nurturing import mark_done

    with c.unit() as session:
        record = mark_done(session, lead_id=lead_id, step=step)
    c.say("cli.step.marked_done", id=lead_id, step=record.step, style="green")


@step_app.command("reopen")
def step_reopen(lead_id: int = typer.Argument(...), step: str = typer.Argument(...)) -> None:
    """Take back "done" on a step and the steps after it."""
    from ltc_tui.services.nurturing import reopen

    with c.unit() as session:
        reopen(session, lead_id=lead_id, step=step)
    c.say("cli.step.reopened", id=lead_id, step=step, style="green")


@step_app.command("back")
def step_back(lead_id: int = typer.Argument(...), reason: str = typer.Option(..., "--reason", "-r", help="The risk found.")) -> None:
    """A risk was found: back to step 1 (the earlier pass stays readable)."""
    from ltc_tui.services.nurturing import back_to_step_one

    with c.unit() as session:
        number = back_to_step_one(session, lead_id=lead_id, reason=reason)
    c.say("cli.step.back", id=lead_id, pass_no=number, style="yellow")


@step_app.command("notes")
def step_notes(lead_id: int = typer.Argument(...), step: str = typer.Argument(...), notes: str = typer.Argument(...)) -> None:
    """Write a step's notes (step 5: the vision itself)."""
    from ltc_tui.services.nurturing import set_step_notes

    with c.unit() as session:
        set_step_notes(session, lead_id=lead_id, step=step, notes=notes)
    c.say("cli.step.noted", id=lead_id, step=step, style="green")


@step_app.command("pain")
def step_pain(
    lead_id: int = typer.Argument(...),
    role: str = typer.Option(..., "--role", help="The role or person who feels it (e.g. COO)."),
    pain: str = typer.Option(..., "--pain", help="The pain."),
    kpi: str = typer.Option(None, "--kpi", help="The KPI that hurts."),
    cause: str = typer.Option(None, "--cause"),
    impact: str = typer.Option(None, "--impact"),
    contact: int = typer.Option(None, "--contact", help="Contact id of that person."),
    leads_to: int = typer.Option(None, "--leads-to", help="Id of the pain this one causes next (the chain)."),
) -> None:
    """Add a row to the pain table (step 1)."""
    from ltc_tui.services.nurturing import add_pain

    with c.unit() as session:
        row = add_pain(session, lead_id=lead_id, role=role, pain=pain, kpi=kpi, cause=cause, impact=impact,
                       contact_id=contact, leads_to=leads_to)
    c.say("cli.step.pain_added", id=row.id, lead=lead_id, style="green")


@step_app.command("pain-edit")
def step_pain_edit(
    row_id: int = typer.Argument(...),
    role: str = typer.Option(None, "--role"), pain: str = typer.Option(None, "--pain"), kpi: str = typer.Option(None, "--kpi"),
    cause: str = typer.Option(None, "--cause"), impact: str = typer.Option(None, "--impact"),
    leads_to: int = typer.Option(None, "--leads-to", help="0 to unlink."),
) -> None:
    """Edit a pain-table row."""
    from ltc_tui.services.nurturing import update_pain

    changes: dict[str, Any] = {k: v for k, v in {"role": role, "pain": pain, "kpi": kpi, "cause": cause, "impact": impact}.items() if v is not None}
    if leads_to is not None:
        changes["leads_to"] = leads_to or None
    with c.unit() as session:
        update_pain(session, row_id=row_id, **changes)
    c.say("cli.saved", style="green")


@step_app.command("pain-rm")
def step_pain_rm(row_id: int = typer.Argument(...)) -> None:
    """Remove a pain-table row (pains it caused link on to its own successor)."""
    from ltc_tui.services.nurturing import remove_pain

    with c.unit() as session:
        remove_pain(session, row_id=row_id)
    c.say("cli.saved", style="green")


@step_app.command("kdm")
def step_kdm(
    lead_id: int = typer.Argument(...),
    contact: int = typer.Argument(..., help="Contact id (added as KDM if not yet)."),
    interested: bool = typer.Option(None, "--interested/--not-interested", help="Step 2."),
    ack: bool = typer.Option(None, "--ack/--no-ack", help="Step 3: acknowledges the pain."),
    vision: bool = typer.Option(None, "--vision/--no-vision", help="Step 5: shares the vision."),
    vote: str = typer.Option(None, "--vote", help="Step 6: for, against, undecided."),
    notes: str = typer.Option(None, "--notes"),
) -> None:
    """Add a key decision maker and record where they stand."""
    from ltc_tui.errors import NotFound
    from ltc_tui.services.nurturing import add_kdm, set_kdm

    with c.unit() as session:
        try:
            set_kdm(session, lead_id=lead_id, contact_id=contact, interested=interested, acknowledges_pain=ack,
                    shares_vision=vision, vote=vote, notes=notes)
        except NotFound:
            add_kdm(session, lead_id=lead_id, contact_id=contact)
            set_kdm(session, lead_id=lead_id, contact_id=contact, interested=interested, acknowledges_pain=ack,
                    shares_vision=vision, vote=vote, notes=notes)
    c.say("cli.saved", style="green")


@step_app.command("kdm-rm")
def step_kdm_rm(lead_id: int = typer.Argument(...), contact: int = typer.Argument(...)) -> None:
    """Remove a key decision maker from this pass."""
    from ltc_tui.services.nurturing import remove_kdm

    with c.unit() as session:
        remove_kdm(session, lead_id=lead_id, contact_id=contact)
    c.say("cli.saved", style="green")


@step_app.command("competitor")
def step_competitor(
    lead_id: int = typer.Argument(...),
    name: str = typer.Argument(..., help="Competitor name (updated if already named)."),
    strengths: str = typer.Option(None, "--strengths"),
    weaknesses: str = typer.Option(None, "--weaknesses"),
    standing: str = typer.Option(None, "--standing", help="Their standing with the customer: strong, medium, weak."),
    strategy: str = typer.Option(None, "--strategy", help="Our strategy against them."),
    locked: bool = typer.Option(None, "--locked/--not-locked", help="Whether they are locked (pinned down)."),
) -> None:
    """Name a competitor (step 4), with our strategy, and lock them."""
    from ltc_tui.services.nurturing import add_competitor, progress, update_competitor

    with c.unit() as session:
        existing = next((x for x in progress(session, lead_id).competitors if x.name.casefold() == name.strip().casefold()), None)
        fields = {k: v for k, v in {"strengths": strengths, "weaknesses": weaknesses, "standing": standing,
                                    "strategy": strategy, "locked": locked}.items() if v is not None}
        if existing is None:
            add_competitor(session, lead_id=lead_id, name=name, **fields)
        else:
            update_competitor(session, competitor_id=existing.id or 0, **fields)
    c.say("cli.saved", style="green")


@step_app.command("competitor-rm")
def step_competitor_rm(competitor_id: int = typer.Argument(...)) -> None:
    """Remove a competitor from the current pass."""
    from ltc_tui.services.nurturing import remove_competitor

    with c.unit() as session:
        remove_competitor(session, competitor_id=competitor_id)
    c.say("cli.saved", style="green")


@step_app.command("list")
def step_list(
    filters: list[str] = typer.Argument(None, help="Free text and filters: owner:li owner:me customer:telmex step:3 step:done due."),
    limit: int = typer.Option(100, "--limit", min=1, max=100_000, help="How many rows."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The leads in nurturing, yours first: pass, steps done, current step, next review."""
    from ltc_tui import clock
    from ltc_tui.i18n import label
    from ltc_tui.services.nurture_queue import NurtureQuery, count_nurturing, parse_nurture_filter, query_nurturing

    with c.unit(write=False) as session:
        query = parse_nurture_filter(" ".join(filters or []),
                                     NurtureQuery(limit=limit, offset=offset, me_id=session.info["actor_id"]))
        rows = query_nurturing(session, query)
        total = count_nurturing(session, query)
    today = clock.today()
    if as_json:
        c.print_json([
            dict(c.to_jsonable(r), current_step=r.current_step.number if r.current_step else None, due=r.due(today))
            for r in rows
        ])
        return
    c.table(
        c.columns(">#", "field.title_short", "field.customer", "field.owner", ">nurt.col.pass", ">field.steps_done",
                  "field.current_step", "field.review"),
        [
            (r.id, r.title, r.customer, r.owner or r.sr or "", r.pass_no, f"{r.steps_done}/6",
             label(r.current_step) if r.current_step else c.text(t("cli.step.ready"), "green"),
             c.text(str(r.next_review_on or ""), "bold red" if r.due(today) else ""))
            for r in rows
        ],
    )
    c.say("cli.step.list_count", shown=len(rows), total=total, style="dim")
