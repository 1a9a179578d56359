"""SVG snapshots of the contract tracker and a contract's own screen, on a
frozen date (2026-04-20: one payment 19 days overdue). The data is hostile
on purpose: a customer and a title written like markup (shown literally),
an escape sequence in a dispute (shown as ``\\x1b[31m``), Chinese text
(wide characters keep the columns aligned).

After a deliberate change: ``pytest tests/tui/test_contracts_snapshots.py
--snapshot-update``, then look at the report before committing."""

from __future__ import annotations

from tui.cash_helpers import SQLITE_ONLY, make_app, seed_contracts, settle

pytestmark = SQLITE_ONLY

SNAP_SIZE = (140, 40)


async def ready(pilot) -> None:
    await settle(pilot)


def test_contract_tracker_snapshot(snap_compare, db, team):
    seed_contracts(team)
    assert snap_compare(make_app(db), terminal_size=SNAP_SIZE, run_before=ready)


def test_contract_screen_snapshot(snap_compare, db, team):
    ids = seed_contracts(team)

    async def open_first(pilot) -> None:
        from ltc_tui.screens.contract import ContractScreen

        await ready(pilot)
        pilot.app.push_screen(ContractScreen(ids["C-1"]))
        await ready(pilot)

    assert snap_compare(make_app(db), terminal_size=SNAP_SIZE, run_before=open_first)


def test_disputed_contract_snapshot(snap_compare, db, team):
    ids = seed_contracts(team)

    async def open_disputed(pilot) -> None:
        from ltc_tui.screens.contract import ContractScreen

        await ready(pilot)
        pilot.app.push_screen(ContractScreen(ids["C-2"]))
        await ready(pilot)

    assert snap_compare(make_app(db), terminal_size=SNAP_SIZE, run_before=open_disputed)


def test_close_form_snapshot(snap_compare, db, team):
    """The close form on a contract with money outstanding, after the refusal."""
    ids = seed_contracts(team)

    async def refused(pilot) -> None:
        from ltc_tui.screens.contract import ContractScreen

        await ready(pilot)
        pilot.app.push_screen(ContractScreen(ids["C-1"]))
        await ready(pilot)
        await pilot.press("c")
        await ready(pilot)
        await pilot.press("ctrl+s")
        await ready(pilot)
        pilot.app.screen.query_one("#cash-save").focus()  # no blinking cursor in the picture
        await ready(pilot)

    assert snap_compare(make_app(db), terminal_size=SNAP_SIZE, run_before=refused)
