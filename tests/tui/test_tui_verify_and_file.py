"""The lead file screen, and the verification form (with its refusal)."""

from __future__ import annotations

from ltc_tui.screens.lead_file import LeadFileScreen
from ltc_tui.screens.verify_form import VerifyScreen
from tui.tui_helpers import SIZE, SQLITE_ONLY, lead_status, press, settle, shown, type_text


async def open_file(pilot, lead_id):
    pilot.app.push_screen(LeadFileScreen(lead_id))
    await settle(pilot)
    return pilot.app.screen


def file_text(screen):
    return shown(screen.query_one("#lead-file-body"))


@SQLITE_ONLY
async def test_lead_file_shows_everything_with_reasons(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_file(pilot, seed.leads["nurtured_due"])
        text = file_text(screen)
        for expected in (
            "#5 Smart meters",
            "nurturing · class credible · temperature warm · tier B · priority",
            "Customer         Delta Grid (normal)",
            "Submitted by     sam on 2026-05-04 (0 days ago)",
            "Expected amount  2,400,000 USD",
            "Iron triangle    AR bo · SR li · FR fay",
            "Owner            li",
            "Next review      2026-05-04",
            "Tier B",  # and why
            "expected amount at least 1,000,000  +2",
            "Class: credible",
            "credible lead: a real need that fits our strategy",
            "Priority",
            "temperature warm  +25",
            "Verified by",
            "li on 2026-05-04",
            "1. Is it a lead?",
            "need real: yes · fits our strategy: yes",
            "Nurturing, pass 1: 0 of 6 steps done",
            "Pain chain",
            "Committee decisions",
            "chair, outside a meeting",
            "History",
        ):
            assert expected in text, expected


@SQLITE_ONLY
async def test_note_from_the_lead_file(make_app, seed, db):
    from ltc_tui.services.lead_file import lead_file

    lead_id = seed.leads["verified_warm"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_file(pilot, lead_id)
        await press(pilot, "n")
        await type_text(pilot, "Called Tom: budget review in June")
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert "Called Tom: budget review in June" in file_text(screen)
    with db.session(write=False) as s:
        assert [n.body for n in lead_file(s, lead_id).notes] == ["Called Tom: budget review in June"]


async def test_verification_shows_the_result_live_and_saves(make_app, seed, db):
    from ltc_tui.services.lead_file import lead_file

    lead_id = seed.leads["submitted_by_sam"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_file(pilot, lead_id)
        await press(pilot, "v")
        form = app.screen
        assert isinstance(form, VerifyScreen)
        preview = lambda: shown(form.query_one("#preview"))  # noqa: E731
        assert "primary" in preview()  # nothing answered yet: not a lead
        assert "not a lead (need not real or not fitting): priority 0" in preview()
        await press(pilot, "space")  # the need is real (focus starts there)
        await press(pilot, "tab", "space")  # fits our strategy
        assert "credible" in preview()
        assert "cold" in preview()
        for box in ("urgent", "procurement_clear", "funds_committed"):
            form.query_one(f"#{box}").value = True
        await settle(pilot)
        text = preview()
        assert "opportunity" in text and "hot" in text
        assert "temperature hot  +40" in text
        # contacts: one level only gets a warning, two levels are fine
        contacts = form.query_one("#contacts")
        contacts.select(seed.contacts["manager"])
        await settle(pilot)
        assert "sit at one level" in shown(form.query_one("#contacts-warning"))
        contacts.select(seed.contacts["executive"])
        await settle(pilot)
        assert "more than one level" in shown(form.query_one("#contacts-warning"))
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LeadFileScreen)
        assert "Lead #1 verified: opportunity, hot, priority" in " ".join(n.message for n in app._notifications)
    with db.session(write=False) as s:
        f = lead_file(s, lead_id)
        assert (f.lead.status, f.lead.lead_class, f.lead.temperature) == ("verified", "opportunity", "hot")
        assert f.verifier.handle == "ana"
        assert sorted(c.level for c in f.consulted) == ["executive", "manager"]


async def test_verification_refused_when_you_submitted_the_lead(make_app, seed, db):
    lead_id = seed.leads["submitted_by_ana"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(VerifyScreen(lead_id))
        await settle(pilot)
        form = app.screen
        refusal = shown(form.query_one("#verify-refusal"))
        # said the moment the form opens, not at save
        assert refusal.startswith("Not allowed: You submitted lead #2, so you cannot verify it")
        assert form.query_one("#save").disabled
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "You submitted lead #2" in shown(form.query_one("#form-error"))
    assert lead_status(db, lead_id) == "submitted"
