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
    """Let the app finish what it is doing: messages, then every worker (a
    worker may start another: the start-up one opens a screen whose load is
    a worker too), then a repaint once the tables have laid out their rows."""
    await workers_done(pilot)
    await pilot.pause()
    await tables_laid_out(pilot)


async def workers_done(pilot: Any) -> None:
    """Wait until no worker is left. A newer load cancels the one it replaces:
    wait for that one next. While a modal is open, the workers of the "dialog"
    group wait for the person's answer (the test gives it with keys), so they
    are not waited for; once it is closed, they are."""
    import asyncio
    import contextlib

    from textual.screen import ModalScreen
    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(500):
        await pilot.pause()
        asking = isinstance(app.screen, ModalScreen)
        busy = [w for w in app.workers if not w.is_finished and not (asking and w.group == "dialog")]
        if not busy:
            return
        loads = [w for w in busy if w.group != "dialog"]
        if loads:
            with contextlib.suppress(WorkerCancelled):
                await asyncio.wait_for(app.workers.wait_for_complete(loads), timeout=60)
        # else: a dialog flow on its way to asking (or finishing): look again after the next message


async def tables_laid_out(pilot: Any) -> None:
    """A DataTable sizes its columns for new rows when it is next idle, which on
    a busy machine can come after the workers are done: wait (bounded) for it."""
    from textual.widgets import DataTable

    tables = list(pilot.app.screen.query(DataTable))
    for _ in range(1000):
        if not any(table._require_update_dimensions for table in tables):
            break
        await pilot.pause(0.01)
    for table in tables:  # and draw all of it again: a header drawn before the new widths may be kept
        table.refresh()
    await pilot.pause()


async def click_header(pilot: Any, table: Any, key: str) -> None:
    """Click the header of column ``key`` where the screen shows it (a person
    clicks what they see), then let the app finish."""
    keys = [k.value for k in table.columns]
    index = keys.index(key)
    region = table.region
    for x in range(region.width):
        meta = pilot.app.screen.get_style_at(region.x + x, region.y).meta
        if meta.get("row") == -1 and meta.get("column") == index:
            await pilot.click(table, offset=(x + 1, 0))
            await settle(pilot)
            return
    raise AssertionError(f"no header of column {key!r} on the screen")


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
