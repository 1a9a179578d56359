"""The end of a meeting: how many leads were closed, converted, nurtured,
deferred or left undecided; close the meeting, or read its minutes."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ltc_tui.errors import LtcError
from ltc_tui.i18n import t
from ltc_tui.ui import DECISION_STYLE, db_call, label_of, safe, say, show_error, translate_bindings

KINDS = ("close", "convert", "nurture", "defer")


class MeetingSummaryScreen(ModalScreen[Any]):
    """Dismisses with "closed" (the meeting was closed), "minutes", or None (back)."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="summary.back"),
        Binding("c", "close_meeting", "meeting.close", id="summary.close"),
        Binding("m", "minutes", "key.minutes", id="summary.minutes"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.minutes: Any = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box summary-box"):
            yield Static(Text(t("summary.title", id=self.meeting_id), style="bold"), classes="title")
            yield Static("", id="summary")
            yield Static("", id="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("meeting.close") + " (c)", variant="primary", id="close")
                yield Button(t("key.minutes") + " (m)", id="minutes")
                yield Button(t("key.back") + " (esc)", id="back")

    async def on_mount(self) -> None:
        from ltc_tui.services.committee import minutes

        try:
            self.minutes = m = await db_call(self, partial(minutes, meeting_id=self.meeting_id))
        except Exception as error:  # noqa: BLE001 - shown; back to the meeting
            show_error(self, error)
            self.dismiss(None)
            return
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(justify="right")
        for kind in KINDS:
            table.add_row(Text(label_of("DecisionKind", kind), style=DECISION_STYLE[kind]), Text(str(m.counts.get(kind, 0))))
        undecided = m.counts.get("undecided", 0)
        table.add_row(Text(t("summary.undecided"), style="dim"), Text(str(undecided)))
        table.add_row(Text(t("summary.total")), Text(str(len(m.items)), style="bold"))
        parts = [table]
        note = Text("\n")
        if m.meeting.status != "open":
            note.append(t("summary.already_closed"), style="dim")
            self.query_one("#close", Button).disabled = True
        elif undecided:
            note.append(t("summary.undecided_note", count=undecided), style="yellow")
        self.query_one("#summary", Static).update(Group(*parts, note))
        self.query_one("#close", Button).focus()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "close":
            await self.action_close_meeting()
        elif event.button.id == "minutes":
            self.action_minutes()
        else:
            self.action_back()

    async def action_close_meeting(self) -> None:
        from ltc_tui.services.committee import close_meeting

        if self.minutes is None or self.minutes.meeting.status != "open":
            return
        try:
            await db_call(self, partial(close_meeting, meeting_id=self.meeting_id), write=True)
        except LtcError as error:
            self.query_one("#dialog-error", Static).update(safe(error.message, "bold red"))
            return
        say(self, "summary.closed", id=self.meeting_id)
        self.dismiss("closed")

    def action_minutes(self) -> None:
        self.dismiss("minutes")

    def action_back(self) -> None:
        self.dismiss(None)
