"""The app shell: header, number keys, help, the command palette (every
action of every screen, jump to lead), the theme remembered, and every
string of the lead screens in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from ltc_tui.screens.help import HelpScreen
from ltc_tui.screens.lead_file import LeadFileScreen
from ltc_tui.screens.lead_pool import LeadPoolScreen
from tui.tui_helpers import SIZE, SQLITE_ONLY, press, screen_text, settle, type_text


@SQLITE_ONLY
async def test_header_footer_and_help(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "ltc — test.db · Ana Chair (ana)" in text
        footer = text.splitlines()[-1]
        for key in ("n New lead", "e Edit", "v Verify", "c Close lead", "M Meeting", "/ Filter", "? Help"):
            assert key in footer, key
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        for line in ("New lead", "My leads", "To verify", "Due for review", "Stale", "Meeting", "Lead pool"):
            assert line in help_text, line
        await press(pilot, "escape")
        await press(pilot, "1")  # the number key of the lead pool
        assert isinstance(app.screen, LeadPoolScreen)


@SQLITE_ONLY
async def test_palette_lists_every_action_of_the_pool_and_of_the_screen_in_front(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for binding in LeadPoolScreen.BINDINGS:
            from ltc_tui.i18n import t

            assert f"Lead pool: {t(binding.description)}" in titles
        assert "Theme" in titles
        app.push_screen(LeadFileScreen(seed.leads["verified_hot"]))
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Lead file: Verify" in titles and "Lead file: Note" in titles
        assert "Lead pool: New lead" in titles


@SQLITE_ONLY
async def test_palette_runs_a_pool_action(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "lead pool: to verify")
        await press(pilot, "enter")
        assert isinstance(app.screen, LeadPoolScreen)
        assert app.screen.view == "to_verify"


@SQLITE_ONLY
async def test_palette_runs_an_action_of_the_screen_in_front(make_app, seed):
    from ltc_tui.screens.text_dialog import TextDialog

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(LeadFileScreen(seed.leads["verified_hot"]))
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "lead file: note")
        await press(pilot, "enter")
        assert isinstance(app.screen, TextDialog)
        assert "Note on lead #4" in screen_text(app)


@SQLITE_ONLY
async def test_jump_to_lead_from_the_palette(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "smart met")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert "Jump to lead #5 Smart meters · Delta Grid" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, LeadFileScreen)
        assert app.screen.lead_id == seed.leads["nurtured_due"]


@SQLITE_ONLY
async def test_theme_is_remembered(make_app, seed):
    from ltc_tui import paths

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "gruvbox"
        await settle(pilot)
    assert paths.load_prefs()["theme"] == "gruvbox"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"


KEY_CALL = re.compile(r"""\b(?:t|say|label_of)\(\s*(?:self|node|\w+)?\s*,?\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")
KEY_LITERAL = re.compile(r"""["']((?:key|view|mode|meeting|summary|leads|form|file|verify|decide|minutes|note|close|palette|"""
                         r"""conflict|ui|col)\.[a-zA-Z0-9_.]+)["']""")
BINDING_IDS = re.compile(r"""id=f?["'][^"']+["']""")


def test_every_string_of_the_lead_screens_is_in_the_catalogue():
    from ltc_tui.i18n import has

    root = Path(__file__).parents[2] / "ltc_tui"
    files = [*root.glob("screens/*.py"), *root.glob("widgets/*.py"), root / "commands.py", root / "ui.py", root / "app.py"]
    missing = set()
    for path in files:
        source = BINDING_IDS.sub("", path.read_text(encoding="utf-8"))
        for key in set(KEY_CALL.findall(source)) | set(KEY_LITERAL.findall(source)):
            if not has(key) and not key.endswith("."):
                missing.add(f"{path.name}: {key}")
    assert not missing, sorted(missing)
