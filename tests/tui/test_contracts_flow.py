"""A contract driven through the app from signing to closed: milestones,
an invoice, payments (one overdue, one beyond what is invoiced and
confirmed), a dispute opened and resolved, a close refused while money is
outstanding and then done with a write-off and its reason."""

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
    settle,
    type_text,
)


@pytest.fixture
def acme(team: Any) -> None:
    from ltc_tui.services.customers import add_customer

    freeze("2026-03-02")
    with team.act("ana") as s:
        add_customer(s, name="Acme Telecom", standing="key")


def contract_in_db(db: Any, number: str) -> Any:
    from ltc_tui.services.contracts import contract_file

    with db.session(write=False) as s:
        return contract_file(s, number)


async def test_a_contract_from_signing_to_closed(db, team, acme):
    from textual.widgets import DataTable

    from ltc_tui.screens.cash_confirm import CashConfirmDialog
    from ltc_tui.screens.cash_form import CashForm
    from ltc_tui.screens.contract import ContractScreen
    from ltc_tui.screens.contracts import ContractTrackerScreen

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ContractTrackerScreen)
        assert "No contracts yet" in screen_text(app)

        # Signing: a new contract, with its FR chosen from the team.
        await press(pilot, "n")
        assert isinstance(app.screen, CashForm)
        await type_text(pilot, "Acme Telecom")
        await fill(pilot, "title", "Core network")
        await fill(pilot, "value", "120k")
        assert note(app, "value") == "understood: 120,000"
        await fill(pilot, "number", "C-1")
        app.screen.query_one("#in-fr").focus()
        await press(pilot, "enter", "f", "enter")  # open the list, jump to fay, take her
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ContractScreen)
        text = screen_text(app)
        assert "Contract C-1  Core network  signed" in text
        assert "- / fay" in text  # AR / FR

        # Two delivery milestones; the second one's date checked as it is typed.
        await press(pilot, "m")
        await type_text(pilot, "Design approved")
        await fill(pilot, "planned", "2026-03-20")
        await press(pilot, "ctrl+s")
        await press(pilot, "m")
        await type_text(pilot, "Equipment delivered")
        await fill(pilot, "planned", "2026-02-01")
        assert note(app, "planned") == "planned: 2026-02-01 is before the contract was signed (2026-03-02)."
        await fill(pilot, "planned", "2026-04-15")
        await fill(pilot, "actual", "2026-04-15")
        assert note(app, "actual") == "actual: 2026-04-15 is in the future; record it once it has happened."
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashForm)  # refused while a field is wrong
        assert form_error(app) == "Not saved: 1 field(s) to correct (in red)."
        await fill(pilot, "actual", "")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ContractScreen)
        milestones = rows(app.screen.query_one("#milestones", DataTable))
        assert [r[1:] for r in milestones] == [
            ["Design approved", "2026-03-20", "", "planned"],
            ["Equipment delivered", "2026-04-15", "", "planned"],
        ]

        # Half invoiced, due in 30 days.
        await press(pilot, "i")
        await type_text(pilot, "INV-1")
        await fill(pilot, "amount", "60,000")
        await fill(pilot, "due", "+30d")
        assert note(app, "due") == "understood: 2026-04-01 (Wed)"
        await press(pilot, "ctrl+s")
        assert rows(app.screen.query_one("#invoices", DataTable)) == [["INV-1", "2026-03-02", "2026-04-01", "60,000"]]

        # Two payments planned: the first against the invoice, the second the final one.
        await press(pilot, "p")
        await type_text(pilot, "60k")
        await fill(pilot, "due", "2026-04-01")
        app.screen.query_one("#in-invoice").focus()
        await press(pilot, "enter", "down", "enter")
        await press(pilot, "ctrl+s")
        await press(pilot, "p")
        await type_text(pilot, "40k")
        await fill(pilot, "due", "2026-06-30")
        app.screen.query_one("#in-final").focus()
        await press(pilot, "space", "ctrl+s")
        payments = rows(app.screen.query_one("#payments", DataTable))
        assert [r[1:] for r in payments] == [
            ["2026-04-01", "60,000", "INV-1", "", "", "", "due in 30 days"],
            ["2026-06-30", "40,000", "", "", "", "final", "due in 120 days"],
        ]
        assert "40,000 USD due 2026-06-30" in screen_text(app)  # the final payment

        # Weeks later the first payment has not come in: it is overdue, here and on the tracker.
        freeze("2026-04-20")
        app.screen.load()
        await settle(pilot)
        payments = rows(app.screen.query_one("#payments", DataTable))
        assert payments[0][-1] == "! overdue 19 days"
        assert "! 1 payment(s), 60,000 USD" in screen_text(app)
        await press(pilot, "escape")
        tracker = rows(app.screen.query_one("#contracts", DataTable))
        assert tracker == [["!", "C-1", "Acme Telecom", "executing", "120,000", "2026-04-01 (1 overdue)", "120,000",
                            "60,000", "0", "2026-03-02", "fay"]]
        await press(pilot, "enter")
        assert isinstance(app.screen, ContractScreen)

        # The first milestone reached; the money comes in two days later.
        milestones = app.screen.query_one("#milestones", DataTable)
        milestones.focus()
        await press(pilot, "enter")
        await fill(pilot, "actual", "2026-03-25")
        await press(pilot, "ctrl+s")
        assert rows(milestones)[0][3:] == ["2026-03-25", "reached"]
        freeze("2026-04-22")
        payments_table = app.screen.query_one("#payments", DataTable)
        payments_table.focus()
        await press(pilot, "enter")  # the first payment: record it received
        await fill(pilot, "received", "2026-04-21")
        await press(pilot, "ctrl+s")
        assert rows(payments_table)[0][4:] == ["2026-04-21", "60,000", "", "received"]

        # The final payment arrives before it is invoiced: refused, then confirmed.
        payments_table.move_cursor(row=1)
        await press(pilot, "r")
        await fill(pilot, "received", "2026-04-22")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CashConfirmDialog)
        assert dialog_message(app) == "Receiving 100,000 USD would exceed what is invoiced (60,000 USD). Record it anyway?"
        await press(pilot, "y")
        assert isinstance(app.screen, ContractScreen)
        assert rows(payments_table)[1][4:] == ["2026-04-22", "40,000", "final", "received"]
        assert contract_in_db(db, "C-1").collected_cents == 100_000_00

        # A dispute blocks closing until it is resolved.
        await press(pilot, "d")
        await type_text(pilot, "Customer disputes the last 20k")
        await press(pilot, "ctrl+s")
        assert "Contract C-1  Core network  disputed" in screen_text(app)
        await press(pilot, "c", "ctrl+s")
        assert form_error(app) == "Contract C-1 has an open dispute: resolve it before closing."
        await press(pilot, "escape", "v")
        await type_text(pilot, "Agreed: the rest is waived")
        await press(pilot, "ctrl+s")
        assert "Contract C-1  Core network  executing" in screen_text(app)

        # Closing with 20k outstanding is refused; with a write-off and its reason it closes.
        await press(pilot, "c")
        assert "20,000 USD still to collect" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert form_error(app) == (
            "Not closed: C-1 still has 20,000 USD to collect. Collect it first, or write it off below with a reason."
        )
        await fill(pilot, "write_off", "20k")
        await press(pilot, "ctrl+s")
        assert note(app, "reason") == "A write-off needs a reason."
        await fill(pilot, "reason", "Waived after the delivery dispute")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ContractScreen)
        text = screen_text(app)
        assert "Contract C-1  Core network  closed" in text
        assert "20,000 USD · Waived after the delivery dispute" in text
        saved = contract_in_db(db, "C-1")
        assert (saved.contract.status, saved.contract.write_off_cents, saved.contract.closed_on.isoformat()) == (
            "closed", 20_000_00, "2026-04-22")
        assert saved.outstanding_cents == 0

        # Closed: read-only.
        await press(pilot, "m")
        assert isinstance(app.screen, ContractScreen)
        await press(pilot, "escape")
        status, outstanding, _, value, invoiced, collected = rows(app.screen.query_one("#contracts", DataTable))[0][3:9]
        assert (status, outstanding, value, invoiced, collected) == ("closed", "0", "120,000", "60,000", "100,000")
