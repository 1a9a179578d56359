"""Start a committee meeting: the acting person chairs; pick who attends and,
optionally, a delegate who may also record decisions. The agenda is the
review queue as it stands now (fixed at the start, so a meeting can be
resumed). Earlier meetings are listed too: pick one to read its minutes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ltc_tui import clock
from ltc_tui.errors import LtcError
from ltc_tui.i18n import t, words
from ltc_tui.ui import db_call, safe, show_error, translate_bindings


@dataclass
class StartContext:
    me: Any
    people: list[Any]
    queue: list[Any]
    meetings: list[Any]


def load_start(session: Any) -> StartContext:
    from ltc_tui.services.committee import list_meetings, review_queue
    from ltc_tui.services.common import actor_id
    from ltc_tui.services.people import get_person, list_people

    me = get_person(session, actor_id(session))
    return StartContext(me, list_people(session), review_queue(session), list_meetings(session, limit=10))


class MeetingStartScreen(ModalScreen[Any]):
    """Dismisses with the new meeting's id, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="start.cancel"),
        Binding("ctrl+s", "start", "meeting.start", id="start.start", priority=True),
    ]

    def __init__(self, context: StartContext | None = None) -> None:
        super().__init__()
        self.context = context  # given when loaded before opening: keys typed at once are not lost
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box start-box"):
            yield Static(Text(t("meeting.start_title"), style="bold"), classes="title")
            yield Static("", id="start-summary")
            yield Label(t("meeting.attendees"))
            yield SelectionList[str](id="attendees")
            with Horizontal(classes="form-row"), Vertical(classes="select-field"):
                yield Label(t("meeting.delegate"))
                yield Select([], prompt=t("meeting.no_delegate"), id="delegate")
            yield Static("", id="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("meeting.start") + " (ctrl+s)", variant="primary", id="start")
                yield Button(t("key.cancel") + " (esc)", id="cancel")
            yield Label(t("meeting.earlier"), id="earlier-label")
            yield OptionList(id="earlier")

    async def on_mount(self) -> None:
        if self.context is None:
            try:
                self.context = await db_call(self, load_start)
            except Exception as error:  # noqa: BLE001 - shown; nothing to start
                show_error(self, error)
                self.dismiss(None)
                return
        ctx = self.context
        if not self.query("#start-summary"):
            return  # closed (or the app quit) before it was filled in
        summary = Text(t("meeting.start_summary", chair=t("ui.paren", text=ctx.me.name, detail=ctx.me.handle), date=clock.today().isoformat(),
                         count=len(ctx.queue)))
        if not ctx.queue:
            summary.append("\n" + t("meeting.queue_empty"), style="yellow")
        for entry in ctx.queue[:5]:
            summary.append("\n  ")
            summary.append_text(safe(f"#{entry.lead_id} {entry.title} · {t(entry.reason_key, **entry.reason_params)}", "dim"))
        if len(ctx.queue) > 5:
            summary.append("\n  " + t("meeting.and_more", count=len(ctx.queue) - 5), style="dim")
        self.query_one("#start-summary", Static).update(summary)
        others = [v for v in ctx.people if v.person.id != ctx.me.id]
        attendees = self.query_one("#attendees", SelectionList)
        for view in others:
            name = t("ui.paren", text=view.person.name, detail=view.person.handle)
            attendees.add_option(Selection(safe(f"{name} · {words('role', view.roles)}"),
                                           view.person.handle))
        self.query_one("#delegate", Select).set_options(
            [(safe(t("ui.paren", text=v.person.name, detail=v.person.handle)), v.person.handle) for v in others]
        )
        earlier = self.query_one("#earlier", OptionList)
        for meeting, items, decided in ctx.meetings:
            earlier.add_option(Option(safe(t("meeting.earlier_line", id=meeting.id, date=meeting.held_on.isoformat(),
                                             status=meeting.status, decided=decided, items=items)), id=str(meeting.id)))
        if not ctx.meetings:
            self.query_one("#earlier-label", Label).display = False
            earlier.display = False
        if others:
            attendees.highlighted = 0  # space picks the first person at once
        attendees.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from ltc_tui.screens.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(int(event.option.id or 0)))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            await self.action_start()
        else:
            self.action_cancel()

    async def action_start(self) -> None:
        from ltc_tui.services.committee import start_meeting

        attendees = list(self.query_one("#attendees", SelectionList).selected)
        delegate = self.query_one("#delegate", Select).value
        try:
            meeting = await db_call(
                self,
                partial(start_meeting, attendees=attendees, delegate=None if delegate is Select.NULL else str(delegate)),
                write=True,
            )
        except LtcError as error:
            self.query_one("#dialog-error", Static).update(safe(error.message, "bold red"))
            return
        self.dismiss(meeting.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
