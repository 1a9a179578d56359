"""A small modal asking for one text (a note, a reason, a file path).

The caller passes ``submit(text)``, an async function that saves; when it
raises one of our errors, the message shows in the dialog, which stays
open (nothing was saved). Otherwise the dialog closes with its result.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from ltc_tui.errors import LtcError
from ltc_tui.i18n import t
from ltc_tui.ui import safe, show_error, translate_bindings
from ltc_tui.widgets.form import Check, TextField


class TextDialog(ModalScreen[Any]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "key.save", id="dialog.save", priority=True),
    ]

    def __init__(
        self,
        *,
        title: str,
        label: str,
        submit: Callable[[str], Awaitable[Any]],
        value: str = "",
        placeholder: str = "",
        intro: Text | str | None = None,
        multiline: bool = False,
        check: Check | None = None,
        save_label: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.label_text = label
        self.submit = submit
        self.value = value
        self.placeholder = placeholder
        self.intro = intro
        self.multiline = multiline
        self.check = check
        self.save_label = save_label or t("key.save")
        self.saving = False
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(safe(self.title_text), classes="title")
            if self.intro:
                yield Static(self.intro if isinstance(self.intro, Text) else safe(self.intro), classes="dialog-intro")
            if self.multiline:
                yield Static(safe(self.label_text), classes="dialog-label")
                yield TextArea(self.value, id="text", soft_wrap=True, show_line_numbers=False)
            else:
                yield TextField(self.label_text, id="text", value=self.value, placeholder=self.placeholder, check=self.check)
            yield Static("", id="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.save_label + " (ctrl+s)", variant="primary", id="save")
                yield Button(t("key.cancel") + " (esc)", id="cancel")

    def on_mount(self) -> None:
        if self.multiline:
            self.query_one(TextArea).focus()
        else:
            self.query_one(TextField).input.focus()

    def text(self) -> str:
        if self.multiline:
            return self.query_one(TextArea).text
        return self.query_one(TextField).value

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_save()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            await self.action_save()
        else:
            self.action_cancel()

    async def action_save(self) -> None:
        if self.saving:
            return
        if not self.multiline and self.query_one(TextField).validate_now():
            return
        self.saving = True
        try:
            result = await self.submit(self.text())
        except LtcError as error:
            self.query_one("#dialog-error", Static).update(safe(error.message, "bold red"))
            return
        except Exception as error:  # noqa: BLE001 - one line for the person; the dialog stays
            show_error(self, error)
            return
        finally:
            self.saving = False
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
