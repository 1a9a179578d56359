"""Live data: a lead added from the shell while the app is open appears
without restarting it, and the cursor stays on the lead it was on.
Runs on both backends (the app polls the database's change counter)."""

from __future__ import annotations

from ltc_tui import app as app_module
from tui.tui_helpers import SIZE_WIDE, press, settle, table_rows, type_text, until


async def test_a_lead_added_from_the_shell_appears(make_app, seed, ltc, monkeypatch):
    monkeypatch.setattr(app_module, "LIVE_REFRESH_SECONDS", 0.1)
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        pool = app.screen
        await press(pilot, "slash")
        await type_text(pilot, "sort:-id")
        await press(pilot, "enter", "down", "down")
        before = pool.selected_lead_id()
        assert [r[0] for r in table_rows(pool)][:3] == ["5", "4", "3"] and before == 3

        result = ltc("lead", "add", "Campus Wi-Fi", "--customer", "Nordic Rail", actor="sam")
        assert result.exit_code == 0, result.output

        assert await until(pilot, lambda: any(r[1] == "Campus Wi-Fi" for r in table_rows(pool)))
        await settle(pilot)
        assert [r[0] for r in table_rows(pool)][:2] == ["6", "5"]
        assert pool.selected_lead_id() == before  # the rows moved; the cursor followed its lead
