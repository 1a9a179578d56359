"""Data and Pilot helpers for the nurturing and pipeline app tests.

Everything is set up through the services, as the team would: a customer with
its people, a lead captured by sam, verified by li, sent to nurturing by the
chair (ana) with the iron triangle li / bo / fay; opportunities opened by ana.
"""

from __future__ import annotations

import asyncio
import datetime as dt
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
    """Wait until the app is idle: loads and writes done, messages handled.

    Workers of the "dialog" group wait for a person's answer in a modal, so
    they are not waited for (the test answers them with keys)."""
    app = pilot.app
    for _ in range(20):
        await pilot.pause()
        busy = [w for w in app.workers if w.group != "dialog" and not w.is_finished]
        if not busy:
            break
        await asyncio.wait_for(app.workers.wait_for_complete(busy), timeout=60)
    await pilot.pause()


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


def plain(widget: Any) -> str:
    """What a Static shows, as plain text."""
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def messages(app: Any) -> list[str]:
    """The notifications shown so far (title and message)."""
    return [f"{n.title or ''} {n.message}".strip() for n in app._notifications]  # noqa: SLF001 - no public list


def table_rows(table: Any) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
