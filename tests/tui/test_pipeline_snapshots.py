"""Pictures of the pipeline board, the opportunity screen (stages and gates;
power map), and a gate's refusal with its offer to record it.

Snapshots run on SQLite only: the picture does not depend on the backend
(the Pilot tests run on both). Update after a deliberate change with
``pytest tests/tui/test_pipeline_snapshots.py --snapshot-update`` and look at the pictures first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_story import TODAY, customer_with_people, make_app, opportunity, settle

from ltc_tui import clock
from tui.tui_helpers import SQLITE_ONLY

pytestmark = SQLITE_ONLY

SIZE = (130, 40)


@pytest.fixture
def board(db: Any, team: Any) -> tuple[Any, dict[str, int]]:
    """Opportunities in every open stage, one stale, one won and one lost."""
    from ltc_tui.services.opportunities import cover, mark_lost, mark_won, move_stage, record_gate, update_opportunity

    clock.freeze(TODAY - dt.timedelta(days=50))
    ids = customer_with_people(team)
    customer_with_people(team, "Acme Corp")
    opps = {"stale": opportunity(team, title="Old RAN swap", amount="2M")}
    clock.freeze(TODAY - dt.timedelta(days=20))
    for key, title, customer, amount in (
        ("ran", "5G RAN expansion", "Telmex", "5M"), ("fiber", "Fiber backhaul", "Acme Corp", "1.2M"),
        ("core", "Core network [upgrade]", "Telmex", "3.4M"), ("cloud", "Private cloud", "Acme Corp", "800k"),
        ("won", "Billing replacement", "Telmex", "900k"), ("lost", "Data center cooling", "Acme Corp", "300k"),
    ):
        opps[key] = opportunity(team, title=title, customer=customer, amount=amount)
    with team.act("ana") as s:
        for key in ("ran", "fiber", "core", "cloud", "won"):
            record_gate(s, opportunity_id=opps[key], gate="initiation", approver="ana")
        move_stage(s, opportunity_id=opps["fiber"], to="initiation")
        clock.freeze(TODAY - dt.timedelta(days=12))
        move_stage(s, opportunity_id=opps["ran"], to="value_presentation")
        for key in ("core", "cloud", "won"):
            record_gate(s, opportunity_id=opps[key], gate="bid", approver="fay", workload_days=300, price="3.6M",
                        result="conditional", conditions="Phase the migration over two weekends")
        move_stage(s, opportunity_id=opps["core"], to="bid")
        clock.freeze(TODAY - dt.timedelta(days=3))
        for key in ("cloud", "won"):
            record_gate(s, opportunity_id=opps[key], gate="signing", approver="li")
            move_stage(s, opportunity_id=opps[key], to="negotiation")
        mark_won(s, opportunity_id=opps["won"])
        mark_lost(s, opportunity_id=opps["lost"], reason="Budget moved to next year")
        update_opportunity(s, opportunity_id=opps["ran"], budget="4.5M", start="2026-09-01", our_strengths="Local team",
                           market_notes="Operators consolidate cores")
        cover(s, opportunity_id=opps["ran"], contact_id=ids["carlos"], by="bo")
    clock.freeze(TODAY)
    return db, opps


def test_pipeline_board(board: tuple[Any, dict[str, int]], snap_compare: Any) -> None:
    db, _ = board

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


def test_pipeline_board_with_closed(board: tuple[Any, dict[str, int]], snap_compare: Any) -> None:
    db, _ = board

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pilot.app.screen.query_one("#filter").value = "all"
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(150, 40), run_before=run_before)


def test_gate_refused(board: tuple[Any, dict[str, int]], snap_compare: Any) -> None:
    db, opps = board

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pilot.app.screen.query_one("#cards-value_presentation").focus()
        await pilot.press("right_square_bracket")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("tab", [0, 1, 3])
def test_opportunity_screen(board: tuple[Any, dict[str, int]], snap_compare: Any, tab: int) -> None:
    from ltc_tui.screens.opportunity import OpportunityScreen

    db, opps = board

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(OpportunityScreen(opps["ran"] if tab else opps["core"]))
        await settle(pilot)
        for _ in range(tab):
            await pilot.press("t")
            await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)
