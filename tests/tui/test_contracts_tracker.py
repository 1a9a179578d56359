"""The contract tracker: columns and money, overdue contracts standing out,
the filter language, sorting by column, paging from SQL, opening a contract."""

from __future__ import annotations

from typing import Any

import pytest

from tui.cash_helpers import SIZE, freeze, make_app, press, rows, screen_text, seed_contracts, settle, type_text
from tui.tui_helpers import click_header


@pytest.fixture
def seeded(team: Any) -> dict[str, int]:
    return seed_contracts(team)


def status_line(app: Any) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#status-line", Static).content)


async def test_every_contract_with_its_money_and_the_overdue_one_standing_out(db, seeded):
    from textual.widgets import DataTable

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for column in ("Number", "Customer", "Status", "Outstanding", "Next due", "Value", "Invoiced", "Collected",
                       "Signed", "FR"):
            assert column in text
        table = app.screen.query_one("#contracts", DataTable)
        assert rows(table) == [  # newest signature first; amounts in the team's currency go without a code
            ["!", "C-1", "Acme Telecom", "executing", "120,000", "2026-04-01 (1 overdue)", "120,000", "60,000", "0",
             "2026-03-02", "fay"],
            ["", "C-2", "[red]x[/red] Corp", "disputed", "50,000", "", "50,000", "0", "0", "2026-03-01", "li"],
            ["", "C-3", "华东物流集团", "closed", "0", "", "30,000", "30,000", "30,000", "2026-02-10", "fay"],
        ]
        flag, number, _, _, _, due, *_ = table.get_row_at(0)
        assert (str(flag.style), str(number.style), str(due.style)) == ("bold white on red", "bold red", "")
        assert str(due.spans[0].style) == "bold red"  # the whole date and its count
        assert "1-3 of 3 contracts · sorted by Signed (descending)" in status_line(app)
        assert "! 1 with a payment overdue" in status_line(app)

        await press(pilot, "o")  # overdue only
        assert [r[1] for r in rows(table)] == ["C-1"]
        await press(pilot, "o")
        assert len(rows(table)) == 3


async def test_overdue_follows_the_date(db, seeded):
    """Before the due date nothing is late; once it passes, the contract is flagged."""
    from textual.widgets import DataTable

    freeze("2026-04-01")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#contracts", DataTable)
        assert rows(table)[0][0] == "" and rows(table)[0][5] == "2026-04-01"
        freeze("2026-04-02")
        app.screen.refresh_data()
        await settle(pilot)
        assert rows(table)[0][0] == "!" and rows(table)[0][5] == "2026-04-01 (1 overdue)"


async def test_the_filter_language(db, seeded):
    from textual.widgets import DataTable

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#contracts", DataTable)

        async def shows(text: str) -> list[str]:
            await press(pilot, "slash")
            app.screen.query_one("#filter").value = ""
            await type_text(pilot, text)
            return [r[1] for r in rows(table)]

        assert await shows("status:closed") == ["C-3"]
        assert await shows("status:signed,disputed") == ["C-2"]
        assert await shows("fr:fay") == ["C-1", "C-3"]
        assert await shows("customer:acme") == ["C-1"]
        assert await shows("billing") == ["C-2"]  # free text: number, title, customer, PO
        assert await shows("PO-77") == ["C-1"]
        assert await shows("fr:fay sort:value") == ["C-3", "C-1"]
        assert "sorted by Value (ascending)" in status_line(app)
        await shows("status:lost")
        assert status_line(app) == "status: 'lost' is not one of: signed, executing, closed, disputed."
        await shows("fr:nobody")
        assert "nobody" in status_line(app)
        await press(pilot, "escape")  # clears the filter
        assert len(rows(table)) == 3


async def test_sorting_by_column_and_by_key(db, seeded):
    from textual.widgets import DataTable

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#contracts", DataTable)
        assert "sorted by Signed (descending)" in status_line(app)

        await click_header(pilot, table, "value")
        assert [r[1] for r in rows(table)] == ["C-1", "C-2", "C-3"]
        assert "sorted by Value (descending)" in status_line(app)
        await click_header(pilot, table, "value")
        assert [r[1] for r in rows(table)] == ["C-3", "C-2", "C-1"]
        await press(pilot, "s")  # the next sort along the columns: collected, most first
        assert "sorted by Collected (descending)" in status_line(app)
        await press(pilot, "s", "s")  # signed, then round to the first: number
        assert "sorted by Number (ascending)" in status_line(app)
        await click_header(pilot, table, "status")
        assert "sorted by Status (ascending)" in status_line(app)
        assert [r[3] for r in rows(table)] == ["closed", "disputed", "executing"]
        await press(pilot, "r")
        assert [r[3] for r in rows(table)] == ["executing", "disputed", "closed"]
        await click_header(pilot, table, "fr")  # FR: the service has no such sort
        assert "sorted by Status (descending)" in status_line(app)


async def test_foreign_money_says_its_currency_and_long_names_are_cut(db, team):
    from textual.widgets import DataTable

    from ltc_tui.services.contracts import add_contract
    from ltc_tui.services.customers import add_customer

    freeze("2026-04-20")
    with team.act("ana") as s:
        add_customer(s, name="Hamburger Hafen- und Logistik Aktiengesellschaft")
        add_contract(s, customer="Hamburger Hafen- und Logistik Aktiengesellschaft", title="Port network",
                     value="80k", currency="EUR", number="H-1")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = rows(app.screen.query_one("#contracts", DataTable))[0]
        assert row[2] == "Hamburger Hafen- und Lo…"
        assert (row[4], row[6]) == ("80,000 EUR", "80,000 EUR")  # outstanding and value


async def test_pages_come_from_sql(db, team):
    from textual.widgets import DataTable

    from ltc_tui.services.contracts import add_contract
    from ltc_tui.services.customers import add_customer

    freeze("2026-04-20")
    with team.act("ana") as s:
        add_customer(s, name="Big Buyer")
        for n in range(130):
            add_contract(s, customer="Big Buyer", title=f"Deal {n}", value=f"{n + 1}k", number=f"K-{n:03d}",
                         signed_on="2026-01-01")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#contracts", DataTable)
        assert table.row_count == 100
        assert "1-100 of 130 contracts" in status_line(app)
        await press(pilot, "slash")
        await type_text(pilot, "sort:-value")
        await press(pilot, "enter")
        assert rows(table)[0][1] == "K-129"
        table.move_cursor(row=99)
        await press(pilot, "down")  # past the last row: the next page
        assert "101-130 of 130 contracts" in status_line(app)
        assert rows(table)[0][1] == "K-029" and table.row_count == 30
        await press(pilot, "up")  # before the first: back, on the last row
        assert "1-100 of 130 contracts" in status_line(app)
        assert table.cursor_row == 99


async def test_enter_opens_the_contract_and_escape_comes_back(db, seeded):
    from textual.widgets import DataTable

    from ltc_tui.screens.contract import ContractScreen
    from ltc_tui.screens.contracts import ContractTrackerScreen

    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#contracts", DataTable).move_cursor(row=1)
        await press(pilot, "enter")
        assert isinstance(app.screen, ContractScreen)
        assert app.screen.contract_id == seeded["C-2"]
        text = screen_text(app)
        assert "Contract C-2  [bold]Billing[/bold] revamp  disputed" in text
        assert "[b]Late[/b] \\x1b[31mdelivery\\x1b[0m" in text  # literally, never interpreted
        await press(pilot, "escape")
        assert isinstance(app.screen, ContractTrackerScreen)


async def test_the_number_keys_reach_the_tracker_and_the_dashboard(db, seeded):
    from ltc_tui.screens.contracts import ContractTrackerScreen
    from ltc_tui.screens.dashboard import DashboardScreen
    from ltc_tui.screens.lead_pool import LeadPoolScreen

    app = make_app(db, start_in="leads")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LeadPoolScreen)
        await press(pilot, "4")
        assert isinstance(app.screen, ContractTrackerScreen)
        await press(pilot, "5")
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "4")
        assert isinstance(app.screen, ContractTrackerScreen)
