"""SVG snapshot of the dashboard on the report tests' known history, on a
frozen date (2026-05-14), for this month and for the year.

After a deliberate change: ``pytest tests/tui/test_dashboard_snapshots.py
--snapshot-update``, then look at the report before committing."""

from __future__ import annotations

import pytest
from reports_data import TODAY, build

from ltc_tui import clock
from tui.cash_helpers import SQLITE_ONLY, make_app, settle

pytestmark = SQLITE_ONLY

SNAP_SIZE = (140, 50)


async def ready(pilot) -> None:
    await settle(pilot)


@pytest.mark.parametrize("key", ["m", "y"])
def test_dashboard_snapshot(snap_compare, db, team, key):
    build(team)
    clock.freeze(TODAY)

    async def period(pilot) -> None:
        await ready(pilot)
        await pilot.press(key)
        await ready(pilot)

    assert snap_compare(make_app(db, start_in="dashboard"), terminal_size=SNAP_SIZE, run_before=period)


def test_dashboard_narrow_snapshot(snap_compare, db, team):
    """On an 80-column terminal the panels stack in one column."""
    build(team)
    clock.freeze(TODAY)
    assert snap_compare(make_app(db, start_in="dashboard"), terminal_size=(80, 30), run_before=ready)
