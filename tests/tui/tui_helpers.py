"""Helpers for Pilot tests: wait for the app (never sleep), read the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

# Tests marked with this run on SQLite only (snapshots, and flows whose
# storage side the PostgreSQL runs of the other tests already cover).
SIZE = (140, 40)
SIZE_WIDE = (150, 40)  # every pool column visible

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])


# --- helpers -----------------------------------------------------------------------------------


async def settle(pilot: Any) -> None:
    """Let the app finish what it is doing: messages, then workers, then a repaint
    (once the tables have laid out the rows they were given)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await tables_laid_out(pilot)


async def tables_laid_out(pilot: Any) -> None:
    """A DataTable sizes its columns for new rows when it is next idle, which on
    a busy machine can come after the workers are done: wait (bounded) for it."""
    from textual.widgets import DataTable

    tables = list(pilot.app.screen.query(DataTable))
    for _ in range(100):
        if not any(table._require_update_dimensions for table in tables):
            break
        await pilot.pause(0.01)
    for table in tables:  # and draw all of it again: a header drawn before the new widths may be kept
        table.refresh()
    await pilot.pause()


async def until(pilot: Any, predicate: Callable[[], bool], *, tries: int = 200, step: float = 0.05) -> bool:
    """Wait (bounded) for something that happens on a timer, e.g. the live refresh."""
    for _ in range(tries):
        if predicate():
            return True
        await pilot.pause(step)
    return predicate()


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])
    await settle(pilot)


def screen_text(app: Any) -> str:
    """What the screen in front shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_rows(screen: Any) -> list[list[str]]:
    from ltc_tui.widgets.paged_table import PagedTable

    table = screen.query_one(PagedTable)
    return [[str(getattr(cell, "plain", cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def lead_status(db: Any, lead_id: int) -> str:
    from ltc_tui.services.leads import get_lead

    with db.session(write=False) as s:
        return get_lead(s, lead_id).status


def shown(widget: Any, width: int = 200) -> str:
    """The text a Static (or a field's note line) shows, laid out wide so that
    nothing wraps: Text as is, tables and groups rendered."""
    import io

    from rich.console import Console
    from rich.text import Text
    from textual.widgets import Static

    if not isinstance(widget, Static):
        widget = widget.query_one(".field-note", Static)
    content = widget.content
    if isinstance(content, str):
        return content
    if isinstance(content, Text):
        return content.plain
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(content)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())
