"""Who is using ltc? Pick yourself from the team, or, on a fresh database,
add the first person (who becomes admin)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ltc_tui.i18n import t, words
from ltc_tui.ui import db_call, safe, show_error, translate_bindings


class WhoScreen(ModalScreen[Any]):
    BINDINGS = [Binding("escape", "cancel", "key.quit", id="who.cancel")]

    def __init__(self, *, first: bool) -> None:
        super().__init__()
        self.first = first
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="who-box"):
            if self.first:
                yield Static(safe(t("who.first_title")), classes="title")
                yield Static(safe(t("who.first_help")))
                yield Label(t("who.handle"))
                yield Input(placeholder=t("who.handle_placeholder"), id="handle")
                yield Label(t("who.name"))
                yield Input(placeholder=t("who.name_placeholder"), id="name")
                yield Button(t("who.create"), variant="primary", id="create")
            else:
                yield Static(safe(t("who.pick_title")), classes="title")
                yield OptionList(id="people")

    async def on_mount(self) -> None:
        if self.first:
            return
        from ltc_tui.services.people import list_people

        people = await db_call(self, list_people)
        options = self.query_one("#people", OptionList)
        for view in people:
            name = t("ui.paren", text=view.person.name, detail=view.person.handle)
            label = safe(f"{name} · {words('role', view.roles)}")
            options.add_option(Option(label, id=str(view.person.id)))
        self._people = {str(v.person.id): v.person for v in people}
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._people[event.option.id or ""])

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self._create()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "handle":
            self.query_one("#name", Input).focus()
        else:
            await self._create()

    async def _create(self) -> None:
        from ltc_tui.services.people import add_person

        handle = self.query_one("#handle", Input).value
        name = self.query_one("#name", Input).value
        try:
            person = await db_call(self, lambda s: add_person(s, handle=handle, name=name, roles=["chair"]), write=True)
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        self.dismiss(person)

    def action_cancel(self) -> None:
        self.dismiss(None)
