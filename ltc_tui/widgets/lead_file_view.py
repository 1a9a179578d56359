"""Everything about one lead, drawn from a ``services.lead_file.LeadFile``.

Used by the lead file screen and, in a shorter form, by the committee
meeting. It draws what it is given; it never reads the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ltc_tui import clock
from ltc_tui.i18n import join, t, term
from ltc_tui.i18n.changes import change_text
from ltc_tui.ui import label_of, reasons_text, safe, styled, yes_no
from ltc_tui.values import format_money

SCALE = {0: "ui.scale.0", 1: "ui.scale.1", 2: "ui.scale.2", 3: "ui.scale.3"}


class LeadFileView(VerticalScroll):
    """A scrollable lead file; ``show(file)`` draws it."""

    DEFAULT_CSS = """
    LeadFileView { height: 1fr; padding: 0 1; }
    LeadFileView > Static { width: 100%; }
    """

    def __init__(self, *, compact: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.compact = compact

    def compose(self) -> Any:
        yield Static(Text(t("ui.loading"), style="dim"), id="lead-file-body")

    def show(self, file: Any) -> None:
        self.query_one("#lead-file-body", Static).update(render_lead_file(file, compact=self.compact))


def section(title_key: str, **params: Any) -> Text:
    return Text("\n" + t(title_key, **params), style="bold underline")


def grid() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    return table


def render_lead_file(f: Any, *, compact: bool = False, today: dt.date | None = None) -> RenderableType:
    today = today or clock.today()
    lead = f.lead
    parts: list[RenderableType] = [headline(f), *file_fields(f, today), *why(f)]
    parts += verification(f)
    if f.nurturing is not None:
        parts += nurturing(f)
    if f.decisions:
        parts += decisions(f)
    if f.visits:
        parts += visits(f)
    if f.notes:
        parts += notes(f, limit=5 if compact else 50)
    if f.duplicates:
        parts.append(section("file.duplicates"))
        for dup in f.duplicates:
            parts.append(
                safe(t("file.duplicate_line", id=dup.lead_id, title=dup.title, customer=dup.customer,
                       status=label_of("LeadStatus", dup.status)), "yellow")
            )
    if f.history and not compact:
        parts += history(f)
    if lead.close_reason and compact:
        parts.append(safe(t("file.closed_because", reason=lead.close_reason), "dim"))
    return Group(*parts)


def headline(f: Any) -> Text:
    lead = f.lead
    line = Text()
    line.append(f"#{lead.id} ", style="bold")
    line.append_text(safe(lead.title, "bold"))
    line.append("\n")
    line.append_text(styled("LeadStatus", lead.status))
    line.append(" · " + t("file.class") + " ")
    line.append_text(safe(label_of("LeadClass", lead.lead_class) or "-"))
    line.append(" · " + t("file.temp") + " ")
    line.append_text(styled("Temperature", lead.temperature) if lead.temperature else Text("-"))
    line.append(" · " + t("file.tier") + " ")
    line.append(lead.effective_tier, style="bold")
    line.append(" · " + t("file.priority") + " ")
    line.append("-" if lead.priority is None else str(lead.priority), style="bold")
    return line


def file_fields(f: Any, today: dt.date) -> list[RenderableType]:
    lead = f.lead
    table = grid()
    contact = ""
    if f.contact is not None:
        contact = f"{f.contact.name} <{f.contact.email}>" if f.contact.email else f.contact.name
    novelty = [
        t(key) for key, flag in (
            ("file.new_product", lead.new_product),
            ("file.new_solution", lead.new_solution),
            ("file.new_model", lead.new_business_model),
        ) if flag
    ]
    rows: list[tuple[str, Text]] = [
        (t("field.customer"), safe(t("ui.paren", text=f.customer.name, detail=label_of("Standing", f.customer.standing)))),
        (t("field.contact"), safe(contact or "-")),
        (t("field.need"), safe(lead.need or "-")),
        (t("field.source"), safe(label_of("Source", lead.source))),
        (t("field.submitter"), safe(t("file.submitted", who=f.name(lead.submitter_id), date=lead.submitted_on.isoformat(),
                                       days=(today - lead.submitted_on).days))),
        (t("field.amount"), safe(format_money(lead.expected_amount_cents, lead.currency) or "-")),
        (t("field.start"), safe(lead.expected_start.isoformat() if lead.expected_start else "-")),
        (t("file.has_offer"), safe(yes_no(lead.has_offer))),
        (t("field.novelty"), safe(join(novelty) or "-")),
        (t("field.owner"), safe(f.name(lead.owner_id) or "-")),
        (t("field.triangle"), safe(triangle(f))),
        (t("field.next_review"), safe(lead.next_review_on.isoformat() if lead.next_review_on else "-")),
    ]
    if lead.budget_cents is not None:
        rows.append((t("field.budget"), safe(t("file.budget", amount=format_money(lead.budget_cents, lead.currency),
                                                start=lead.budget_start.isoformat() if lead.budget_start else "-"))))
    if lead.close_reason:
        rows.append((t("field.close_reason"), safe(lead.close_reason)))
    if f.opportunity is not None:
        rows.append((t("field.opportunity"), safe(t("ui.paren", text=f"#{f.opportunity.id}",
                                                     detail=label_of("Stage", f.opportunity.stage)))))
    for name, value in rows:
        table.add_row(Text(name), value)
    return [section("file.section.file"), table]


def triangle(f: Any) -> str:
    lead = f.lead
    return t("file.triangle", ar=f.name(lead.ar_id) or "-", sr=f.name(lead.sr_id) or "-", fr=f.name(lead.fr_id) or "-")


def why(f: Any) -> list[RenderableType]:
    lead = f.lead
    table = grid()
    tier = reasons_text(f.tier.reasons)
    if lead.tier_override:
        tier.append("\n")
        tier.append_text(safe(t("file.tier_override", tier=lead.tier_override, computed=f.tier.tier.value,
                                 reason=lead.tier_override_reason or ""), "yellow"))
    table.add_row(Text(t("file.why_tier", tier=lead.effective_tier)), tier)
    if f.assessment is not None:
        a = f.assessment
        table.add_row(Text(t("file.why_class", klass=label_of("LeadClass", a.lead_class.value))), reasons_text(a.class_reasons))
        table.add_row(Text(t("file.why_temp", temp=label_of("Temperature", a.temperature.value))), reasons_text(a.temperature_reasons))
        table.add_row(Text(t("file.why_priority", priority=a.priority)), reasons_text(a.priority_reasons))
    return [section("file.section.why"), table]


def verification(f: Any) -> list[RenderableType]:
    v = f.verification
    if v is None:
        return [section("file.section.verification"), Text(t("file.not_verified"), style="yellow")]
    table = grid()
    table.add_row(Text(t("file.verified_by")), safe(t("file.verified_line", who=f.verifier.handle if f.verifier else "?",
                                                      date=v.verified_at.date().isoformat())))
    consulted = join(t("ui.paren", text=c.name, detail=label_of("ContactLevel", c.level)) for c in f.consulted)
    table.add_row(Text(t("file.consulted")), safe(consulted or "-"))
    table.add_row(Text(t("verify.q1")), safe(t("file.q1", real=yes_no(v.need_real), fits=yes_no(v.fits_strategy))))
    if v.q1_notes:
        table.add_row(Text(""), safe(v.q1_notes, "italic"))
    table.add_row(Text(t("verify.q2")), safe(t("file.q2", urgent=yes_no(v.urgent), procurement=yes_no(v.procurement_clear),
                                                funds=yes_no(v.funds_committed))))
    if v.q2_notes:
        table.add_row(Text(""), safe(v.q2_notes, "italic"))
    table.add_row(Text(t("verify.q3")), safe(t(
        "file.q3", relationship=t(SCALE[v.relationship]), fit=t(SCALE[v.solution_fit]), maturity=t(SCALE[v.solution_maturity]),
        team=yes_no(v.team_available), competition=label_of("Competition", v.competition), risk=label_of("Risk", v.risk),
    )))
    if v.q3_notes:
        table.add_row(Text(""), safe(v.q3_notes, "italic"))
    return [section("file.section.verification"), table]


def nurturing(f: Any) -> list[RenderableType]:
    p = f.nurturing
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for status in p.steps:
        mark = Text("✓", style="green") if status.done else Text("▸", style="bold yellow") if status.current else Text("·", style="dim")
        table.add_row(
            Text.assemble(mark, f" {status.step.number}"),
            Text(label_of("Step", status.step.value)),
            safe(t(status.evidence_key, **status.evidence_params), "" if status.done or status.evidence_ok else "dim"),
        )
    return [section("file.section.nurturing", pass_no=p.pass_no, done=p.done_count), table]


def decision_detail(d: Any, name: Any) -> str:
    parts = []
    if d.reason:
        parts.append(d.reason)
    if d.budget_cents is not None:
        parts.append(t("file.decision_budget", amount=format_money(d.budget_cents), start=d.start_on.isoformat() if d.start_on else "-"))
    if d.owner_id:
        parts.append(t("file.decision_owner", owner=name(d.owner_id)))
    if d.next_review_on:
        parts.append(t("file.decision_review", date=d.next_review_on.isoformat()))
    if d.notes:
        parts.append(d.notes)
    return "; ".join(parts)


def decisions(f: Any) -> list[RenderableType]:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for d, meeting in f.decisions:
        kind = styled("DecisionKind", d.kind)
        if d.undone_at is not None:
            kind = Text(label_of("DecisionKind", d.kind) + " " + t("file.undone"), style="dim strike")
        where = t("file.in_meeting", id=meeting.id) if meeting is not None else t("file.outside_meeting")
        table.add_row(Text(d.decided_at.date().isoformat()), Text(where), kind, safe(decision_detail(d, f.name)))
    return [section("file.section.decisions"), table]


def visits(f: Any) -> list[RenderableType]:
    table = Table.grid(padding=(0, 2))
    for _ in range(4):
        table.add_column()
    for row in f.visits[:10]:
        v = row.visit
        table.add_row(Text(v.visited_on.isoformat()), safe(row.person.handle), safe(label_of("VisitKind", v.kind)),
                      safe(v.outcome or v.objective or ""))
    return [section("file.section.visits"), table]


def notes(f: Any, *, limit: int) -> list[RenderableType]:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for note in f.notes[:limit]:
        table.add_row(Text(note.at.date().isoformat()), safe(f.name(note.author_id)), safe(note.body))
    return [section("file.section.notes"), table]


def history(f: Any) -> list[RenderableType]:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for row in f.history[:30]:
        e = row.event
        change = term("audit", e.action) if not e.field else change_text(e.entity, e.field, e.old, e.new, name=f.name)
        table.add_row(Text(e.at.strftime("%Y-%m-%d %H:%M")), safe(row.actor or ""), safe(change))
    return [section("file.section.history"), table]
