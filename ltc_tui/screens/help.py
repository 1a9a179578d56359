"""``?``: every key of the screen underneath and of the app."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ltc_tui.i18n import t
from ltc_tui.ui import translate_bindings


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "key.close", id="help.close"),
        Binding("question_mark", "dismiss", "key.close", show=False),
        Binding("q", "dismiss", "key.close", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(t("help.title"), style="bold"), id="help-title")
            yield Static(self._keys(), id="help-keys")
            yield Static(Text(t("help.footer"), style="dim"))

    def _keys(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        seen: set[tuple[str, str]] = set()
        sections = [(t("help.this_screen"), self.under), (t("help.everywhere"), self.app)]
        for title, node in sections:
            table.add_row(Text(title, style="underline"), "")
            for key, binding in node._bindings:  # noqa: SLF001 - the per-instance, translated bindings
                description = binding.description
                if not description or (key, description) in seen:
                    continue
                seen.add((key, description))
                table.add_row(Text(self.app.get_key_display(binding)), Text(description))
            table.add_row("", "")
        table.add_row(Text("ctrl+p"), Text(t("help.palette")))
        return table
