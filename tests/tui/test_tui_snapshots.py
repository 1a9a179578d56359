"""SVG snapshots of the lead pool, the lead file and the meeting screen.

The data is hostile on purpose: a customer named ``[red]x[/red]`` (markup
must show literally), a title holding a terminal escape sequence (shown as
``\\x1b[31m``, never interpreted), and Chinese text (wide characters must keep
the columns aligned). The date is frozen and the database label stable.
Update after a deliberate change with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

import pytest

from tui.tui_helpers import SQLITE_ONLY

pytestmark = SQLITE_ONLY

SNAP_SIZE = (140, 40)


@pytest.fixture
def hostile(seed, team):
    """The seeded team plus leads whose text tries to break the screen."""
    from ltc_tui.services import committee, customers, leads, verification

    with team.act("ana") as s:
        cust = customers.add_customer(s, name="[red]x[/red]", standing="strategic")
        customers.add_contact(s, customer_id=cust.id, name="[bold]Boss[/bold]", level="executive")
        customers.add_contact(s, customer_id=cust.id, name="王经理", level="manager")
    ids = {}
    with team.act("sam") as s:
        ids["escape"] = leads.add_lead(s, title="Router \x1b[31mRED\x1b[0m swap", customer="[red]x[/red]", amount="3M",
                                       need="Needs [link=http://evil]click[/link] and \x07 bell").lead.id
        ids["chinese"] = leads.add_lead(s, title="数据中心网络改造项目", customer="华东物流集团", amount="50万",
                                        source="hq_marketing", need="仓库之间的网络经常中断。").lead.id
    with team.act("li") as s:
        for lead_id in ids.values():
            verification.verify_lead(
                s, lead_id=lead_id,
                answers=verification.make_answers(
                    need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=True,
                    relationship=3, solution_fit=3, solution_maturity=3, team_available=True, competition="none",
                    risk="low"),
            )
    with team.act("ana") as s:
        leads.add_note(s, lead_id=ids["escape"], body="[b]not bold[/b] \x1b[2J still here")
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, attendees=["li", "bo"])
    ids["meeting"] = meeting.id
    return ids


def test_lead_pool_snapshot(snap_compare, make_app, hostile):
    async def ready(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(150, 40), run_before=ready)


def test_lead_file_snapshot(snap_compare, make_app, hostile):
    from ltc_tui.screens.lead_file import LeadFileScreen

    async def open_file(pilot):
        await pilot.app.workers.wait_for_complete()
        pilot.app.push_screen(LeadFileScreen(hostile["escape"]))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_file)


def test_meeting_snapshot(snap_compare, make_app, hostile):
    from ltc_tui.screens.meeting import MeetingScreen

    async def open_meeting(pilot):
        await pilot.app.workers.wait_for_complete()
        pilot.app.push_screen(MeetingScreen(hostile["meeting"]))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        # step to the hostile lead so its text is on screen
        items = screen.state.minutes.items
        screen.index = next(i for i, item in enumerate(items) if item.lead_id == hostile["escape"])
        await screen._show_lead()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_meeting)
