"""Helpers for the Pilot tests of the contract screens and the dashboard:
the app on the test database, waiting for it (never sleeping), typing,
and reading what the screen shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tui.tui_helpers import settle  # noqa: F401 - the one way to wait, for the cash tests too

SIZE = (140, 45)
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])  # snapshots: one backend is enough


def make_app(db: Any, *, actor: str = "ana", start_in: str = "contracts") -> Any:
    from ltc_tui.app import LtcApp

    return LtcApp(db, actor=actor, db_label="test.db", start_in=start_in)


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def fill(pilot: Any, name: str, text: str) -> None:
    """Replace what a form field holds with ``text``, typed key by key."""
    from textual.widgets import Input

    field = pilot.app.screen.query_one(f"#in-{name}", Input)
    field.focus()
    field.value = ""
    await settle(pilot)
    await type_text(pilot, text)


def screen_text(app: Any) -> str:
    """What the screen in front shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def rows(table: Any) -> list[list[str]]:
    return [[str(getattr(cell, "plain", cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def note(app: Any, name: str) -> str:
    """The line under a form field (its error, or what was understood)."""
    from textual.widgets import Static

    content = app.screen.query_one(f"#note-{name}", Static).content
    return str(getattr(content, "plain", content))


def form_error(app: Any) -> str:
    from textual.widgets import Static

    content = app.screen.query_one("#cash-form-error", Static).content
    return str(getattr(content, "plain", content))


def freeze(day: str) -> dt.date:
    from ltc_tui import clock

    when = dt.date.fromisoformat(day)
    clock.freeze(when)
    return when


def dialog_message(app: Any) -> str:
    """The question a confirmation dialog asks."""
    from textual.widgets import Static

    content = app.screen.query_one("#cash-confirm-message", Static).content
    return str(getattr(content, "plain", content))


def seed_contracts(team: Any) -> dict[str, int]:
    """Three contracts seen on 2026-04-20 (the date is left frozen there):
      C-1  Acme Telecom, executing: a milestone reached and one planned, half
           invoiced, a payment overdue since 2026-04-01 and the final one to come;
      C-2  a customer named like markup, disputed (the description holds an
           escape sequence);
      C-3  a Chinese customer, collected in full and closed.
    Returns contract ids by number."""
    from ltc_tui.services import contracts as k
    from ltc_tui.services.customers import add_customer

    freeze("2026-03-02")
    ids = {}
    with team.act("ana") as s:
        add_customer(s, name="Acme Telecom", standing="key")
        add_customer(s, name="[red]x[/red] Corp")
        add_customer(s, name="华东物流集团")
        c1 = k.add_contract(s, customer="Acme Telecom", title="Core network", value="120k", number="C-1", po_number="PO-77",
                            ar="bo", fr="fay")
        k.add_milestone(s, contract_id=c1.id, name="Design approved", planned_on="2026-03-20")
        k.add_milestone(s, contract_id=c1.id, name="Equipment delivered", planned_on="2026-04-15")
        k.add_invoice(s, contract_id=c1.id, number="INV-1", amount="60k", due_on="2026-04-01")
        k.add_payment(s, contract_id=c1.id, amount="60k", due_on="2026-04-01", invoice="INV-1")
        k.add_payment(s, contract_id=c1.id, amount="60k", due_on="2026-06-30", is_final=True)
        c2 = k.add_contract(s, customer="[red]x[/red] Corp", title="[bold]Billing[/bold] revamp", value="50k",
                            number="C-2", signed_on="2026-03-01", fr="li")
        c3 = k.add_contract(s, customer="华东物流集团", title="数据中心网络", value="30k", number="C-3",
                            signed_on="2026-02-10", ar="bo", fr="fay")
        k.add_invoice(s, contract_id=c3.id, number="F-001", amount="30k", issued_on="2026-02-10")
        k.add_payment(s, contract_id=c3.id, amount="30k", due_on="2026-03-01", received_on="2026-03-01", is_final=True)
    freeze("2026-03-25")
    with team.act("fay") as s:
        first = k.contract_file(s, "C-1").milestones[0]
        k.update_milestone(s, milestone_id=first.id, actual_on="2026-03-25")
        k.open_dispute(s, contract_id=c2.id, description="[b]Late[/b] \x1b[31mdelivery\x1b[0m")
        k.close_contract(s, contract_id=c3.id)
    freeze("2026-04-20")
    ids.update({"C-1": c1.id, "C-2": c2.id, "C-3": c3.id})
    return ids


def panel(app: Any, name: str, width: int = 200) -> str:
    """What a dashboard panel holds, laid out wide (nothing wraps), as plain text."""
    import io

    from rich.console import Console
    from textual.widgets import Static

    content = app.screen.query_one(f"#dash-{name}", Static).content
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(content)
    return "\n".join(" ".join(line.split()) for line in capture.get().splitlines())
