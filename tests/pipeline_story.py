"""Data and Pilot helpers for the nurturing and pipeline app tests.

Everything is set up through the services, as the team would: a customer with
its people, a lead captured by sam, verified by li, sent to nurturing by the
chair (ana) with the iron triangle li / bo / fay; opportunities opened by ana.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from rich.text import Text

TODAY = dt.date(2026, 3, 2)


def customer_with_people(team: Any, name: str = "Telmex") -> dict[str, int]:
    """A key customer with two decision makers and an influencer."""
    from ltc_tui.services.customers import add_contact, add_customer

    with team.act("ana") as s:
        customer = add_customer(s, name=name, standing="key")
        ids = {"customer": customer.id}
        for who, title, role, influence in (
            ("Carlos Ruiz", "CEO", "decision_maker", "high"),
            ("Diana Paz", "CTO", "decision_maker", "medium"),
            ("Eve Soto", "Head of operations", "influencer", "medium"),
        ):
            contact = add_contact(s, customer_id=customer.id, name=who, job_title=title, decision_role=role,
                                  influence=influence, level="executive")
            ids[who.split()[0].lower()] = contact.id
    return ids


def nurtured_lead(team: Any, *, title: str = "Core network upgrade", customer: str = "Telmex",
                  review: str = "+14d", sr: str = "li") -> int:
    """A lead in nurturing (pass 1, nothing done yet), owned by its SR (li by default)."""
    from ltc_tui.services.committee import decide
    from ltc_tui.services.leads import add_lead
    from ltc_tui.services.verification import make_answers, verify_lead

    with team.act("sam") as s:
        lead_id = add_lead(s, title=title, customer=customer, amount="2M", source="sales_visit").lead.id
    answers = make_answers(need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=True,
                           relationship=2, solution_fit=3, solution_maturity=2, team_available=True,
                           competition="weak", risk="medium")
    with team.act("li") as s:
        verify_lead(s, lead_id=lead_id, answers=answers)
    with team.act("ana") as s:
        decide(s, lead_id=lead_id, kind="nurture", sr=sr, ar="bo", fr="fay", next_review=review)
    return lead_id


def opportunity(team: Any, *, title: str = "5G RAN expansion", customer: str = "Telmex", amount: str = "5M",
                fr: str | None = "fay") -> int:
    from ltc_tui.services.opportunities import add_opportunity

    with team.act("ana") as s:
        return add_opportunity(s, title=title, customer=customer, amount=amount, ar="bo", sr="li", fr=fr).id


def make_app(db: Any, actor: str = "li") -> Any:
    from ltc_tui.app import LtcApp

    return LtcApp(db, actor=actor, db_label="test.db")


async def settle(pilot: Any) -> None:
    """Wait until the app is idle: loads and writes done, messages handled; and
    stop the cursors blinking, so a picture is the same every run.

    While a modal is open, the workers of the "dialog" group are waiting for
    the person's answer (the test gives it with keys), so they are not waited
    for; once it is closed, they are."""
    from tui.tui_helpers import tables_laid_out, workers_done

    app = pilot.app
    await workers_done(pilot)
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()
    await tables_laid_out(pilot)  # a DataTable sizes its columns when next idle


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


def plain(widget: Any) -> str:
    """What a Static shows, as plain text (Rich tables rendered as a terminal would)."""
    content = widget.content
    if isinstance(content, Text):
        return content.plain
    if isinstance(content, str):
        return content
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text()


def messages(app: Any) -> list[str]:
    """The notifications shown so far (title and message)."""
    return [f"{n.title or ''} {n.message}".strip() for n in app._notifications]  # noqa: SLF001 - no public list


def table_rows(table: Any) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


# --- a lead with something in every step's editor ----------------------------------------


def worked_lead(team: Any) -> int:
    """A lead part-way through nurturing, with something in every step's editor:
    a three-pain chain, three KDMs with stances, two competitors (one not yet
    locked), the vision written; steps 1 to 3 done."""
    from ltc_tui.services import nurturing as n

    ids = customer_with_people(team)
    lead_id = nurtured_lead(team)
    with team.act("li") as s:
        n.add_kdm(s, lead_id=lead_id, contact_id=ids["eve"])
        revenue = n.add_pain(s, lead_id=lead_id, role="CEO", kpi="Revenue growth", pain="Revenue flat for two years",
                             impact="Board pressure")
        churn = n.add_pain(s, lead_id=lead_id, role="COO", kpi="Churn", pain="Customers leave after outages",
                           cause="Dropped calls at peak", impact="4% churn a quarter", leads_to=revenue.id)
        n.add_pain(s, lead_id=lead_id, role="Diana Paz (CTO)", kpi="Network uptime", pain="Core fails at peak load",
                   cause="Ten-year-old core", impact="SLA fines", leads_to=churn.id, contact_id=ids["diana"])
        for who in ("carlos", "diana"):
            n.set_kdm(s, lead_id=lead_id, contact_id=ids[who], interested=True, acknowledges_pain=True)
        n.set_kdm(s, lead_id=lead_id, contact_id=ids["carlos"], shares_vision=True, vote="for",
                  notes="Wants it live before the 2027 budget")
        n.set_kdm(s, lead_id=lead_id, contact_id=ids["eve"], vote="against", notes="Fears the migration weekend")
        n.set_step_notes(s, lead_id=lead_id, step=1, notes="Mapped with the COO on the site visit.")
        for step in (1, 2, 3):
            n.mark_done(s, lead_id=lead_id, step=step)
        n.add_competitor(s, lead_id=lead_id, name="Huawei", strengths="Price, local stock", weaknesses="Support in the north",
                         standing="strong", strategy="Lead with uptime guarantees", locked=True)
        n.add_competitor(s, lead_id=lead_id, name="[red]Nokia[/red]", strengths="Installed base", standing="medium")
        n.set_step_notes(s, lead_id=lead_id, step=5, notes="One core, half the outages, live before the 2027 budget.")
    return lead_id
