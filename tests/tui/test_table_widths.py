"""A table redrawn at its new column widths once it has measured new rows.

Textual's DataTable caches its lines under a counter that adding rows moves
and measuring them does not, so a frame drawn between the two kept the old
widths: the Chinese contract tracker showed "C2026-00" for "C2026-0003" now
and then. ``LtcDataTable`` (the base of every table in the app) moves it."""

from __future__ import annotations

from typing import Any


def table_app(table_class: type) -> Any:
    from textual.app import App, ComposeResult

    class TableApp(App):
        CSS = "DataTable { height: 10; }"

        def compose(self) -> ComposeResult:
            yield table_class(id="t")

        def on_mount(self) -> None:
            table = self.query_one("#t")
            table.add_column("N", key="n")
            table.add_column("Name", key="name")
            table.add_row("1", "short")

    return TableApp()


async def row_after_reload(table_class: type) -> tuple[str, str]:
    """Reload the rows as a screen does, with a frame drawn before the table
    measured them: the row as that frame had it, and as it is drawn after."""
    app = table_app(table_class)
    async with app.run_test(size=(60, 12)) as pilot:
        for _ in range(3):
            await pilot.pause(0.05)
        table = app.query_one("#t")
        table.clear()
        table.add_row("1", "a much longer customer name")
        early = table.render_line(1).text.rstrip()
        for _ in range(3):
            await pilot.pause(0.05)
        return early, table.render_line(1).text.rstrip()


async def test_rows_are_drawn_whole_once_measured():
    from ltc_tui.widgets.table import LtcDataTable

    early, later = await row_after_reload(LtcDataTable)
    assert early.endswith("a muc")  # the frame drawn before measuring: cut at the old width
    assert later.endswith("a much longer customer name")


async def test_textual_alone_keeps_the_cut_row():
    """Why LtcDataTable exists: if Textual fixes this, this test says so and
    the subclass can go."""
    from textual.widgets import DataTable

    _, later = await row_after_reload(DataTable)
    assert later.endswith("a muc")
