"""Pictures of the nurturing screens: the list, each step's editor, the pain
row editor open in place, and an earlier pass read-only.

Snapshots run on SQLite only: the picture does not depend on the backend
(the Pilot tests run on both). Update after a deliberate change with
``pytest tests/tui/test_nurturing_snapshots.py --snapshot-update`` and look at the pictures first."""

from __future__ import annotations

from typing import Any

import pytest
from pipeline_story import TODAY, make_app, settle, worked_lead

from ltc_tui import clock
from tui.tui_helpers import SQLITE_ONLY

pytestmark = SQLITE_ONLY

SIZE = (130, 40)


@pytest.fixture
def worked(db: Any, team: Any) -> tuple[Any, int]:
    clock.freeze(TODAY)
    return db, worked_lead(team)


async def _open(pilot: Any, *keys: str) -> None:
    await settle(pilot)
    for key in ("2", "enter", *keys):
        await pilot.press(key)
        await settle(pilot)
    pilot.app.clear_notifications()
    await settle(pilot)


def test_nurturing_list(worked: tuple[Any, int], snap_compare: Any) -> None:
    db, _ = worked

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6])
def test_each_step_editor(worked: tuple[Any, int], snap_compare: Any, step: int) -> None:
    db, _ = worked

    async def run_before(pilot: Any) -> None:
        await _open(pilot)
        steps = pilot.app.screen.query_one("#steps")
        steps.focus()
        steps.highlighted = step - 1
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


def test_pain_row_editor_in_place(worked: tuple[Any, int], snap_compare: Any) -> None:
    db, _ = worked

    async def run_before(pilot: Any) -> None:
        await _open(pilot)
        steps = pilot.app.screen.query_one("#steps")
        steps.highlighted = 0
        await settle(pilot)
        table = pilot.app.screen.query_one("#pains")
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)


def test_earlier_pass_read_only(worked: tuple[Any, int], team: Any, snap_compare: Any) -> None:
    from ltc_tui.services.nurturing import back_to_step_one

    db, lead_id = worked
    with team.act("li") as s:
        back_to_step_one(s, lead_id=lead_id, reason="The CTO was replaced; the new one favours Huawei")

    async def run_before(pilot: Any) -> None:
        await _open(pilot, "p")

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=run_before)
