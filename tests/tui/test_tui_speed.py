"""What the speed work changed on screen: a long meeting agenda is drawn as a
window around the lead in front of the committee, with the rest counted."""

from __future__ import annotations

from ltc_tui.screens.meeting import AGENDA_WINDOW, MeetingScreen, agenda_window
from tui.tui_helpers import SIZE, SQLITE_ONLY, press, settle, shown


def test_the_window_keeps_the_current_item_near_the_top():
    assert agenda_window(12, 5) == (0, 12)  # fits: everything
    assert agenda_window(100, 0) == (0, AGENDA_WINDOW)
    assert agenda_window(100, 30) == (20, 20 + AGENDA_WINDOW)
    assert agenda_window(100, 99) == (100 - AGENDA_WINDOW, 100)


@SQLITE_ONLY
async def test_a_long_agenda_shows_a_window_and_counts_the_rest(make_app, team, db):
    from ltc_tui.enums import Competition, Risk
    from ltc_tui.services import committee, leads
    from ltc_tui.services.rules import Answers
    from ltc_tui.services.verification import verify_lead

    answers = Answers(need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=False,
                      relationship=2, solution_fit=2, solution_maturity=2, team_available=True,
                      competition=Competition.WEAK, risk=Risk.LOW)
    total = AGENDA_WINDOW + 10
    for index in range(total):
        with team.act("sam") as s:
            lead_id = leads.add_lead(s, title=f"Backbone segment {index:03d}", customer="Acme Telecom").lead.id
        with team.act("li") as s:
            verify_lead(s, lead_id=lead_id, answers=answers)
    with team.act("ana") as s:
        committee.start_meeting(s, attendees=["li"])
    app = make_app(start_in="meeting")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        agenda = shown(meeting.query_one("#agenda"))
        assert agenda.startswith("▸ 1 ") and "… 10 more on the agenda" in agenda and "earlier" not in agenda
        await press(pilot, *["right"] * 15)
        agenda = shown(meeting.query_one("#agenda"))
        assert agenda.startswith("… 5 earlier on the agenda") and "▸16 " in agenda
        assert f"Lead 16 of {total}" in shown(meeting.query_one("#meeting-bar"))
