"""New lead and edit lead: inline validation, duplicates before saving,
conflicts offering reload or re-apply."""

from __future__ import annotations

from ltc_tui.screens.lead_form import LeadFormScreen
from ltc_tui.screens.lead_pool import LeadPoolScreen
from tui.tui_helpers import SIZE_WIDE, SQLITE_ONLY, press, screen_text, settle, shown, table_rows, type_text


def leads_titled(db, title):
    from ltc_tui.services.leads import LeadQuery, query_leads

    with db.session(write=False) as s:
        return [r for r in query_leads(s, LeadQuery(text=title, limit=50)) if r.title == title]


async def fill(pilot, field_id, text, *, typed=False):
    """Put text in a field: typed key by key, or set at once (both go
    through the same checks: the input posts Changed either way)."""
    field = pilot.app.screen.query_one(f"#{field_id}-input")
    field.focus()
    if typed:
        await type_text(pilot, text)
    else:
        field.value = text
        await settle(pilot)


@SQLITE_ONLY
async def test_new_lead_checks_fields_as_you_type_and_saves(make_app, seed, db):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, LeadFormScreen)
        form = app.screen
        await fill(pilot, "amount", "12x", typed=True)
        assert shown(form.query_one("#amount")).startswith("amount: '12x' is not an amount; write e.g. 1200000")
        await fill(pilot, "start", "2026-02-30")
        assert shown(form.query_one("#start")) == "start: '2026-02-30' is not a real calendar date."
        await press(pilot, "ctrl+s")  # refused: title and customer missing, amount and date unreadable
        assert shown(form.query_one("#title")) == "title: a value is required."
        assert shown(form.query_one("#customer")) == "customer: a value is required."
        assert "Some fields need fixing (see the red lines); nothing was saved." in screen_text(app)
        assert app.screen is form
        # fix everything
        await fill(pilot, "amount", "1.5M")
        assert shown(form.query_one("#amount")) == "= 1,500,000"
        await fill(pilot, "start", "+3m")
        assert shown(form.query_one("#start")) == "= 2026-08-04 (Tue)"
        await fill(pilot, "title", "Campus Wi-Fi")
        await fill(pilot, "customer", "Nordic Rail")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LeadPoolScreen)
        (row,) = leads_titled(db, "Campus Wi-Fi")
        assert row.customer == "Nordic Rail"
        assert row.expected_amount_cents == 150_000_000
        assert row.submitter == "ana"
        # the pool shows it, with the cursor on it
        pool = app.screen
        assert pool.selected_lead_id() == row.id
        assert any(r[1] == "Campus Wi-Fi" for r in table_rows(pool))


@SQLITE_ONLY
async def test_possible_duplicates_show_before_saving(make_app, seed, db):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await fill(pilot, "title", "Core network upgrade phase 2")
        await fill(pilot, "customer", "acme telecom")
        text = shown(app.screen.query_one("#duplicates"))
        assert "1 lead(s) look like this one:" in text
        assert f"#{seed.leads['submitted_by_sam']} Core network upgrade (Acme Telecom, submitted)" in text
        await press(pilot, "ctrl+s")  # first ctrl+s: the warning, nothing saved
        assert "press ctrl+s again to save anyway" in screen_text(app)
        assert leads_titled(db, "Core network upgrade phase 2") == []
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LeadPoolScreen)
        assert len(leads_titled(db, "Core network upgrade phase 2")) == 1


@SQLITE_ONLY
async def test_edit_saves_only_what_changed(make_app, seed, db):
    from ltc_tui.services.leads import get_lead

    lead_id = seed.leads["submitted_by_sam"]
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        app.screen.want_lead = lead_id
        app.screen.load()
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, LeadFormScreen)
        assert form.query_one("#title-input").value == "Core network upgrade"
        assert form.query_one("#amount-input").value == "2,000,000"
        await fill(pilot, "amount", "2.5M")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LeadPoolScreen)
    with db.session(write=False) as s:
        lead = get_lead(s, lead_id)
        assert lead.expected_amount_cents == 250_000_000
        assert lead.title == "Core network upgrade"


async def test_edit_conflict_offers_reapply(make_app, seed, db, team):
    from ltc_tui.services.leads import get_lead, update_lead

    lead_id = seed.leads["submitted_by_sam"]
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        app.push_screen(LeadFormScreen(lead_id))
        await settle(pilot)
        # meanwhile, sam changes the title from the shell
        with team.act("sam") as s:
            update_lead(s, lead_id=lead_id, title="Core network upgrade 2027")
        await fill(pilot, "amount", "3M")
        await press(pilot, "ctrl+s")
        assert "Changed by someone else" in screen_text(app)
        message = shown(app.screen.query_one(".dialog-intro"))
        assert "was changed by sam since you opened it" in message
        assert "title: Core network upgrade -> Core network upgrade 2027" in message
        await press(pilot, "a")  # re-apply mine on top of theirs
        assert isinstance(app.screen, LeadPoolScreen)
    with db.session(write=False) as s:
        lead = get_lead(s, lead_id)
        assert (lead.title, lead.expected_amount_cents) == ("Core network upgrade 2027", 300_000_000)


async def test_edit_conflict_offers_reload(make_app, seed, db, team):
    from ltc_tui.services.leads import get_lead, update_lead

    lead_id = seed.leads["submitted_by_sam"]
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        app.push_screen(LeadFormScreen(lead_id))
        await settle(pilot)
        with team.act("sam") as s:
            update_lead(s, lead_id=lead_id, amount="9M")
        form = app.screen
        await fill(pilot, "amount", "3M")
        await press(pilot, "ctrl+s")
        await press(pilot, "r")  # reload theirs: the form shows the lead as it is now
        assert app.screen is form
        assert form.query_one("#amount-input").value == "9,000,000"
        assert "Reloaded" in screen_text(app)
    with db.session(write=False) as s:
        assert get_lead(s, lead_id).expected_amount_cents == 900_000_000
