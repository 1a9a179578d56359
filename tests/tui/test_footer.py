"""The key bar: at 80 columns in Chinese the command-palette key is whole
("^p 命令", not "^p 命"), no key is drawn half under it, and the keys that
did not fit come back when the terminal is wide again."""

from __future__ import annotations

from typing import Any

import pytest

from ltc_tui import i18n
from tui.tui_helpers import SQLITE_ONLY, press, settle

pytestmark = SQLITE_ONLY


def footer_line(app: Any) -> str:
    strips = app.screen._compositor.render_strips()  # noqa: SLF001 - the bottom line as the terminal gets it
    return "".join(segment.text for segment in strips[-1]).rstrip()


def keys_shown(app: Any) -> list[Any]:
    footer = app.screen.query_one("Footer")
    return [key for key in footer.children if key.display and not key.has_class("-command-palette")]


def none_under_the_palette(app: Any) -> bool:
    footer = app.screen.query_one("Footer")
    palette = footer.query_one(".-command-palette")
    return all(key.region.right <= palette.region.x for key in keys_shown(app))


@pytest.mark.parametrize("language, palette", [("zh", "^p 命令"), ("en", "^p Commands")])
async def test_the_palette_key_is_whole_at_80_columns(make_app, language, palette):
    i18n.set_language(language)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert line.endswith(palette)
        assert none_under_the_palette(app)
        assert line.startswith(" n ")  # the first keys are still there
        narrow = len(keys_shown(app))

        await press(pilot, "2")  # another screen, other keys: fitted too
        assert footer_line(app).endswith(palette) and none_under_the_palette(app)

        await press(pilot, "1")
        await pilot.resize_terminal(160, 24)
        await settle(pilot)
        assert len(keys_shown(app)) > narrow  # wide again: every key is back
        assert "?" in footer_line(app) and footer_line(app).endswith(palette)


async def test_a_screen_back_from_behind_another_fits_the_new_width(make_app, seed):
    """The terminal narrowed while a lead file covered the pool: back on the
    pool, its keys fit the new width (its footer was rebuilt while hidden)."""
    i18n.set_language("zh")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # the lead file
        await pilot.resize_terminal(70, 24)
        await settle(pilot)
        await press(pilot, "escape")
        assert footer_line(app).endswith("^p 命令")
        assert none_under_the_palette(app)
