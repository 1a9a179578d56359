"""Claiming a lead from the pool (issue 9): K takes a verified, unowned lead."""

from __future__ import annotations

from ltc_tui.services import leads
from tui.tui_helpers import SIZE_WIDE, press, settle, table_rows


def notes(app):
    return " | ".join(n.message for n in app._notifications)


def _cursor_to(app, title):
    table = app.screen.query_one("#leads")
    row = next(i for i, r in enumerate(table_rows(app.screen)) if r[1] == title)
    table.move_cursor(row=row)


async def test_a_salesperson_claims_a_verified_lead_with_one_key(make_app, seed, db):
    app = make_app(actor="bo")
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        _cursor_to(app, "Billing migration")
        await press(pilot, "K")
        assert f"Lead #{seed.leads['verified_warm']} is yours now." in notes(app)
        row = next(r for r in table_rows(app.screen) if r[1] == "Billing migration")
        assert row[10] == "bo"
    with db.session(write=False) as s:
        assert leads.get_lead(s, seed.leads["verified_warm"]).owner_id is not None


async def test_claiming_refusals_are_shown_and_change_nothing(make_app, seed, db):
    app = make_app(actor="bo")
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        _cursor_to(app, "Core network upgrade")  # submitted: not verified yet
        await press(pilot, "K")
        assert "not verified yet" in notes(app)
    app = make_app(actor="sam")  # staff: not a salesperson
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        _cursor_to(app, "Billing migration")
        await press(pilot, "K")
        assert "may claim leads" in notes(app)
    with db.session(write=False) as s:
        assert leads.get_lead(s, seed.leads["verified_warm"]).owner_id is None
