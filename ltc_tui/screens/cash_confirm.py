"""A yes/no question in a modal: "record it anyway?", "reload?".

Dismisses with True (yes) or False (no, or escape)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ltc_tui.i18n import t
from ltc_tui.ui import safe, translate_bindings


class CashConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "answer(False)", "cash.key.no", id="cash.confirm.no"),
        Binding("y", "answer(True)", "cash.key.yes", id="cash.confirm.yes", show=False),
        Binding("n", "answer(False)", "cash.key.no", id="cash.confirm.no_key", show=False),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, *, title: str, message: str | Text, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes or t("cash.yes")
        self.no_label = no or t("cash.no")
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="cash-confirm-box"):
            yield Static(safe(self.title_text), classes="title")
            yield Static(self.message if isinstance(self.message, Text) else safe(self.message), id="cash-confirm-message")
            with Horizontal(id="cash-confirm-buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="warning", compact=True)
                yield Button(f"{self.no_label} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the one enter gives

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
