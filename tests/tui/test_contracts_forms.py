"""The contract forms: money and dates checked as they are typed, nothing
saved while a field is wrong, the service's refusals shown (and overruled
only when confirmed), and someone else's change offering a reload."""

from __future__ import annotations

from typing import Any

import pytest

from tui.cash_helpers import (
    SIZE,
    dialog_message,
    fill,
    form_error,
    freeze,
    make_app,
    note,
    press,
    rows,
    screen_text,
    seed_contracts,
    settle,
    type_text,
)


@pytest.fixture
def seeded(team: Any) -> dict[str, int]:
    return seed_contracts(team)


async def open_contract(pilot: Any, contract_id: int) -> None:
    from ltc_tui.screens.contract import ContractScreen

    pilot.app.push_screen(ContractScreen(contract_id))
    await settle(pilot)


def payments_in_db(db: Any, number: str) -> list[tuple[str, int, Any]]:
    from ltc_tui.services.contracts import contract_file

    with db.session(write=False) as s:
        return [(p.due_on.isoformat(), p.amount_cents, p.received_on) for p in contract_file(s, number).payments]


async def test_money_and_dates_are_checked_as_they_are_typed(db, seeded):
    from ltc_tui.screens.cash_form import CashForm

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-1"])
        before = payments_in_db(db, "C-1")
        await press(pilot, "p")
        await type_text(pilot, "-5")
        assert note(app, "amount") == "amount: amounts cannot be negative (got -5)."
        await fill(pilot, "amount", "five")
        assert note(app, "amount") == "amount: 'five' is not an amount; write e.g. 1200000, 1,200,000, 1.2M or 300k."
        await fill(pilot, "amount", "1.5M")
        assert note(app, "amount") == "understood: 1,500,000"
        await fill(pilot, "due", "2026-02-30")
        assert note(app, "due") == "due: '2026-02-30' is not a real calendar date."
        await fill(pilot, "due", "next friday")
        assert note(app, "due").startswith("due: 'next friday' is not a date; write YYYY-MM-DD")
        await fill(pilot, "due", "2026-02-27")
        assert note(app, "due") == "due: 2026-02-27 is before the contract was signed (2026-03-02)."
        await fill(pilot, "received", "2026-05-01")
        assert note(app, "received") == "received: 2026-05-01 is in the future; record it once it has happened."
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashForm)
        assert form_error(app) == "Not saved: 2 field(s) to correct (in red)."
        assert app.screen.query_one("#field-due").has_class("-invalid")
        assert payments_in_db(db, "C-1") == before

        await press(pilot, "escape", "i")  # an invoice: due after issue
        await type_text(pilot, "INV-2")
        await fill(pilot, "issued", "2026-04-10")
        await fill(pilot, "due", "2026-04-09")
        assert note(app, "due") == "due: due 2026-04-09 is before the invoice was issued (2026-04-10)."
        await press(pilot, "escape")


async def test_a_required_field_left_empty_is_named(db, seeded):
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-1"])
        await press(pilot, "m")
        assert note(app, "name") == ""  # nothing said before the person has done anything
        await press(pilot, "ctrl+s")
        assert note(app, "name") == "name: a value is required."


async def test_invoicing_beyond_the_value_asks_first(db, seeded):
    from ltc_tui.screens.cash_confirm import CashConfirmDialog
    from ltc_tui.screens.cash_form import CashForm

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-1"])
        await press(pilot, "i")
        assert "Value 120,000 USD; invoiced so far 60,000 USD; left to invoice 60,000 USD." in screen_text(app)
        await type_text(pilot, "INV-2")
        await fill(pilot, "amount", "80k")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashConfirmDialog)
        assert dialog_message(app) == (
            "Invoicing 140,000 USD would exceed the contract value 120,000 USD. Record the invoice anyway?"
        )
        await press(pilot, "n")  # no: back in the form, nothing saved
        assert isinstance(app.screen, CashForm)
        assert form_error(app) == "Not saved."
        await press(pilot, "ctrl+s", "y")
        from textual.widgets import DataTable

        assert [r[0] for r in rows(app.screen.query_one("#invoices", DataTable))] == ["INV-1", "INV-2"]


async def test_someone_elses_change_offers_a_reload(db, team, seeded):
    from ltc_tui.screens.cash_confirm import CashConfirmDialog
    from ltc_tui.screens.contract import ContractScreen
    from ltc_tui.services.contracts import update_contract

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-1"])
        await press(pilot, "e")
        await fill(pilot, "title", "Core network, phase 1")
        with team.act("li") as s:  # meanwhile, at li's desk
            update_contract(s, contract_id=seeded["C-1"], po_number="PO-78")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashConfirmDialog)
        message = dialog_message(app)
        assert message.startswith("contract #")
        assert "was changed by li since you opened it" in message and "po_number: PO-77 -> PO-78" in message
        await press(pilot, "y")  # reload
        assert isinstance(app.screen, ContractScreen)
        text = screen_text(app)
        assert "PO-78" in text and "Core network, phase 1" not in text  # theirs shown, mine not saved
        await press(pilot, "e")
        await fill(pilot, "title", "Core network, phase 1")
        await press(pilot, "ctrl+s")  # on the fresh version it goes through
        assert "Contract C-1  Core network, phase 1" in screen_text(app)


async def test_keeping_editing_after_a_conflict_saves_nothing(db, team, seeded):
    from ltc_tui.screens.cash_form import CashForm
    from ltc_tui.services.contracts import contract_file, update_milestone

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-1"])
        from textual.widgets import DataTable

        table = app.screen.query_one("#milestones", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await press(pilot, "enter")
        await fill(pilot, "planned", "2026-04-30")
        with team.act("fay") as s:
            milestone = contract_file(s, "C-1").milestones[1]
            update_milestone(s, milestone_id=milestone.id, planned_on="2026-05-15")
        await press(pilot, "ctrl+s", "n")
        assert isinstance(app.screen, CashForm)
        assert form_error(app).startswith("Not saved: someone else changed this record.")
        with db.session(write=False) as s:
            assert contract_file(s, "C-1").milestones[1].planned_on.isoformat() == "2026-05-15"


async def test_a_new_contract_for_a_new_customer_asks_first(db, team):
    from ltc_tui.screens.cash_confirm import CashConfirmDialog
    from ltc_tui.screens.contract import ContractScreen

    freeze("2026-04-20")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Nova Grid")
        await fill(pilot, "title", "Substation telemetry")
        await fill(pilot, "value", "75万")
        assert note(app, "value") == "understood: 750,000"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashConfirmDialog)
        assert dialog_message(app) == "There is no customer 'Nova Grid'. Add it as a new customer, with this contract?"
        await press(pilot, "y")
        assert isinstance(app.screen, ContractScreen)
        text = screen_text(app)
        assert "Nova Grid" in text and "750,000 USD" in text and "2026-04-20" in text


async def test_a_payment_received_on_planning_beyond_the_invoiced_asks_first(db, seeded):
    from ltc_tui.screens.cash_confirm import CashConfirmDialog

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-2"])  # nothing invoiced
        await press(pilot, "p")
        await type_text(pilot, "10k")
        await fill(pilot, "due", "2026-04-15")
        await fill(pilot, "received", "2026-04-16")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashConfirmDialog)
        assert dialog_message(app) == "Receiving 10,000 USD would exceed what is invoiced (0 USD). Record it anyway?"
        await press(pilot, "n", "escape")
        assert payments_in_db(db, "C-2") == []  # the refused payment left nothing behind


async def test_a_long_dispute_is_cut_in_the_table_and_whole_in_its_form(db, seeded):
    from textual.widgets import DataTable, Static

    long = "Customer withholds the second payment: 12 of 40 routers failed the acceptance test"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_contract(pilot, seeded["C-1"])
        await press(pilot, "d")
        await type_text(pilot, long)
        await press(pilot, "ctrl+s")
        description = rows(app.screen.query_one("#disputes", DataTable))[0][2]
        assert description == long[:43] + "…"
        await press(pilot, "v")
        intro = app.screen.query_one("#cash-intro", Static).content
        assert intro.plain == f"Opened 2026-04-20: {long}"
