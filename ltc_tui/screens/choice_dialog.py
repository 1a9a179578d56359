"""A modal that says something and offers a few choices, each with a key
(confirmations, and "someone else changed this lead: reload or re-apply?")."""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ltc_tui.ui import safe


class Choice(NamedTuple):
    key: str
    label: str
    value: Any


class ChoiceDialog(ModalScreen[Any]):
    """Dismisses with the chosen value, or None on escape."""

    def __init__(self, *, title: str, message: str | Text, choices: list[Choice]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(safe(self.title_text), classes="title")
            yield Static(self.message if isinstance(self.message, Text) else safe(self.message), classes="dialog-intro")
            with Horizontal(classes="dialog-buttons"):
                for i, choice in enumerate(self.choices):
                    yield Button(f"{choice.label} ({choice.key})", id=f"choice-{i}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query_one("#choice-0", Button).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self.dismiss(None)
            return
        for choice in self.choices:
            if event.key == choice.key:
                event.stop()
                self.dismiss(choice.value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "choice-0").split("-")[1])
        self.dismiss(self.choices[index].value)
