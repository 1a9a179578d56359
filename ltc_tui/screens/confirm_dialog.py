"""Yes or no, for what cannot be taken back quietly: y / enter confirm, n / escape cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ltc_tui.i18n import t
from ltc_tui.ui import safe, translate_bindings


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "tp.key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "tp.key.no", id="confirm.no"),
    ]

    def __init__(self, question: str, *, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box"):
            yield Static(safe(self.question, "bold"), classes="dialog-title")
            if self.detail:
                yield Static(safe(self.detail), classes="dialog-intro")
            yield Static(safe(t("tp.confirm.keys"), "dim"), classes="dialog-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
