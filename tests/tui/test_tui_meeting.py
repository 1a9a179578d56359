"""The committee meeting in the app: start, decide lead by lead, refusals,
undo, summary, close, minutes (viewed and saved)."""

from __future__ import annotations

from textual.widgets import Select

from ltc_tui.screens.decision_dialog import DecisionDialog
from ltc_tui.screens.lead_pool import LeadPoolScreen
from ltc_tui.screens.meeting import MeetingScreen
from ltc_tui.screens.meeting_start import MeetingStartScreen
from ltc_tui.screens.meeting_summary import MeetingSummaryScreen
from ltc_tui.screens.minutes import MinutesScreen
from tui.tui_helpers import SIZE, SQLITE_ONLY, lead_status, press, screen_text, settle, shown, type_text


def notes(app):
    return " | ".join(n.message for n in app._notifications)


def decisions(db, lead_id):
    from ltc_tui.services.committee import decisions_for_lead

    with db.session(write=False) as s:
        return [(d.kind, d.undone_at is not None) for d, _ in decisions_for_lead(s, lead_id)]


async def set_field(pilot, widget_id, value):
    pilot.app.screen.query_one(f"#{widget_id}-input" if widget_id in ("reason", "budget", "start", "review", "notes")
                               else f"#{widget_id}").value = value
    await settle(pilot)


async def test_a_whole_meeting_from_start_to_minutes(make_app, seed, db, tmp_path, monkeypatch):
    from ltc_tui.services.committee import minutes
    from ltc_tui.services.documents import minutes_markdown

    monkeypatch.chdir(tmp_path)
    hot, due, warm = seed.leads["verified_hot"], seed.leads["nurtured_due"], seed.leads["verified_warm"]
    app = make_app(start_in="meeting")  # what `ltc meeting` runs
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        start = app.screen
        assert isinstance(start, MeetingStartScreen)
        assert "Chair: Ana Chair (ana) · 2026-05-04 · agenda: 3 lead(s) from the review queue" in shown(
            start.query_one("#start-summary"))
        await press(pilot, "space", "down", "down", "space")  # bo, then li (the team in handle order)
        await press(pilot, "ctrl+s")

        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        bar = shown(meeting.query_one("#meeting-bar"))
        assert "Committee meeting #1 · 2026-05-04" in bar
        assert "Lead 1 of 3" in bar and "0 of 3 decided" in bar
        assert "attending: Ana Chair (ana), Bo Account (bo), Li Wei (li)" in bar
        assert shown(meeting.query_one("#agenda-reason")) == "On the agenda: verified, awaiting a decision"
        assert "#4 Data centre power" in screen_text(app)

        # 1. convert without a budget: the rule's message, nothing recorded
        await press(pilot, "o")
        assert isinstance(app.screen, DecisionDialog)
        await set_field(pilot, "start", "2026-09-01")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DecisionDialog)
        assert shown(app.screen.query_one("#dialog-error")) == (
            "Converting needs an explicit budget and start date; missing: budget.")
        assert lead_status(db, hot) == "verified" and decisions(db, hot) == []
        await set_field(pilot, "budget", "1.2M")
        await press(pilot, "ctrl+s")
        assert app.screen is meeting
        assert lead_status(db, hot) == "converted"
        assert "Opportunity #1 opened." in notes(app)

        # 2. the nurtured lead due for review: defer (one key)
        assert "Lead 2 of 3" in shown(meeting.query_one("#meeting-bar"))
        assert shown(meeting.query_one("#agenda-reason")) == "On the agenda: nurturing, review due 2026-05-04"
        await press(pilot, "d")
        assert decisions(db, due)[-1] == ("defer", False)

        # 3. nurture without the whole triangle: refused; then with it
        assert "Lead 3 of 3" in shown(meeting.query_one("#meeting-bar"))
        await press(pilot, "n")
        dialog = app.screen
        assert dialog.query_one("#review-input").value == "2026-06-03"  # today + review_days (30)
        await set_field(pilot, "sr", "li")
        assert dialog.query_one("#owner", Select).value == "li"  # the SR is proposed as owner
        await set_field(pilot, "ar", "bo")
        await press(pilot, "ctrl+s")
        assert shown(dialog.query_one("#dialog-error")) == (
            "Nurturing needs an owner, the whole iron triangle (AR, SR, FR) and a next review date; missing: FR.")
        assert lead_status(db, warm) == "verified" and decisions(db, warm) == []
        await set_field(pilot, "fr", "fay")
        await press(pilot, "ctrl+s")
        # past the last lead: the summary
        summary = app.screen
        assert isinstance(summary, MeetingSummaryScreen)
        assert lead_status(db, warm) == "nurturing"

        # undo the last decision from the meeting: the lead is as before
        await press(pilot, "escape")
        assert app.screen is meeting
        await press(pilot, "u")
        assert lead_status(db, warm) == "verified"
        assert decisions(db, warm) == [("nurture", True)]
        assert "Undone: nurture on lead #3." in notes(app)
        assert "Lead 3 of 3" in shown(meeting.query_one("#meeting-bar"))
        assert "No decision yet" in shown(meeting.query_one("#meeting-decision"))

        # close it instead, with a reason
        await press(pilot, "c")
        await set_field(pilot, "reason", "Customer chose to build in-house")
        await press(pilot, "ctrl+s")
        assert lead_status(db, warm) == "closed"
        summary = app.screen
        assert isinstance(summary, MeetingSummaryScreen)
        text = shown(summary.query_one("#summary"))
        for line in ("close           1", "convert         1", "nurture         0", "defer           1", "undecided       0",
                     "on the agenda   3"):
            assert " ".join(line.split()) in " ".join(text.split()), line

        # close the meeting: its minutes, then saved where the person says
        await press(pilot, "c")
        viewer = app.screen
        assert isinstance(viewer, MinutesScreen)
        with db.session(write=False) as s:
            expected = minutes_markdown(minutes(s, 1))
            assert minutes(s, 1).meeting.status == "closed"
        assert viewer.texts.markdown == expected
        assert "Lead committee meeting #1: minutes" in screen_text(app)
        await press(pilot, "s")
        path_field = app.screen.query_one("#text-input")
        assert path_field.value == str(tmp_path / "minutes-1-2026-05-04.md")  # default: the current directory
        await press(pilot, "ctrl+s")
        assert app.screen is viewer
        saved = tmp_path / "minutes-1-2026-05-04.md"
        assert saved.read_text(encoding="utf-8") == expected
        assert "Customer chose to build in" in expected
        # saving again on the same name asks before overwriting
        await press(pilot, "s", "ctrl+s")
        assert "already exists: press ctrl+s again to overwrite" in shown(app.screen.query_one("#dialog-error"))
        await press(pilot, "ctrl+s")
        assert app.screen is viewer
        await press(pilot, "escape")
        assert isinstance(app.screen, LeadPoolScreen)


@SQLITE_ONLY
async def test_resume_an_unfinished_meeting_where_it_stopped(make_app, seed, team):
    from ltc_tui.services.committee import decide, start_meeting

    with team.act("ana") as s:
        meeting = start_meeting(s, attendees=["li"])
    with team.act("ana") as s:
        decide(s, meeting_id=meeting.id, lead_id=seed.leads["verified_hot"], kind="defer")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "M")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert "Resuming meeting #1 of 2026-05-04." in notes(app)
        assert "Lead 2 of 3" in shown(screen.query_one("#meeting-bar"))  # the first lead not decided
        await press(pilot, "left")
        assert "Decided in this meeting: defer" in shown(screen.query_one("#meeting-decision"))
        await press(pilot, "escape")  # leave: the meeting stays open
        assert isinstance(app.screen, LeadPoolScreen)
        assert "stays open" in notes(app)


async def test_only_the_chair_decides(make_app, seed, team, db):
    from ltc_tui.services.committee import start_meeting

    app = make_app(actor="li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "M")  # no meeting open, and li does not chair
        assert isinstance(app.screen, LeadPoolScreen)
        assert "Only someone with the role chair (or an admin) may chair a committee meeting." in notes(app)
        with team.act("ana") as s:
            start_meeting(s)
        await press(pilot, "M")  # li may follow the meeting...
        assert isinstance(app.screen, MeetingScreen)
        await press(pilot, "c")  # ...but not decide: said before asking for a reason
        assert isinstance(app.screen, MeetingScreen)
        assert "Only the chair of meeting #1 (or its named delegate) may record its decisions." in notes(app)
    assert lead_status(db, seed.leads["verified_hot"]) == "verified"


async def test_close_from_the_pool_asks_a_reason_of_the_chair_only(make_app, seed, db):
    lead_id = seed.leads["verified_warm"]
    app = make_app(actor="sam")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pool = app.screen
        pool.want_lead = lead_id
        pool.load()
        await settle(pilot)
        await press(pilot, "c")
        assert app.screen is pool
        assert "Only the committee chair may decide on a lead outside a meeting." in notes(app)
    assert lead_status(db, lead_id) == "verified"

    app = make_app(actor="ana")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pool = app.screen
        pool.want_lead = lead_id
        pool.load()
        await settle(pilot)
        await press(pilot, "c")
        await press(pilot, "ctrl+s")  # no reason: refused in the dialog
        assert shown(app.screen.query_one("#text")) == "reason: a value is required."
        await type_text(pilot, "Duplicate of #4")
        await press(pilot, "ctrl+s")
        assert app.screen is pool
        assert "Lead #3 closed." in notes(app)
    assert lead_status(db, lead_id) == "closed"
