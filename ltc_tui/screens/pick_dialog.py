"""Pick one of a few things (a contact, a triangle member, a gate): a list
in a modal; enter picks, escape cancels (``None``)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ltc_tui.i18n import t
from ltc_tui.ui import safe, translate_bindings


class PickDialog(ModalScreen[Any]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "tp.key.cancel", id="pick.cancel")]

    def __init__(self, title: str, choices: list[tuple[Text | str, Any]], *, intro: str = "", empty: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.intro = intro
        self.empty = empty
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="dialog-box"):
            yield Static(safe(self.title_text, "bold"), classes="dialog-title")
            if self.intro:
                yield Static(safe(self.intro), classes="dialog-intro")
            if self.choices:
                yield OptionList(
                    *(Option(label if isinstance(label, Text) else safe(label), id=str(i)) for i, (label, _) in enumerate(self.choices)),
                    id="pick-list",
                )
            else:
                yield Static(safe(self.empty or t("tp.pick.empty"), "italic"), id="pick-empty")
            yield Static(safe(t("tp.pick.keys"), "dim"), classes="dialog-keys")

    def on_mount(self) -> None:
        if self.choices:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
