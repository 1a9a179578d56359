"""A form in a modal: the person fills it, ``save`` (a service call) runs,
and the dialog closes with its result; a refusal stays in the dialog, next
to the field it names, with what was typed kept."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ltc_tui.errors import LtcError
from ltc_tui.i18n import t
from ltc_tui.ui import safe, show_error, translate_bindings
from ltc_tui.widgets.field_form import FieldForm, FormSpec

Save = Callable[[dict[str, str]], Awaitable[Any]]


class FormDialog(ModalScreen[Any]):
    CSS_PATH = "dialogs.tcss"

    def __init__(self, spec: FormSpec, save: Save) -> None:
        super().__init__()
        self.spec = spec
        self.save = save
        self.saving = False
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="dialog-box"):
            yield Static(safe(self.spec.title, "bold"), classes="dialog-title")
            if self.spec.intro:
                yield Static(safe(self.spec.intro), classes="dialog-intro")
            yield FieldForm(self.spec.fields, id="dialog-form")
            yield Static(safe(t("tp.form.keys"), "dim"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(FieldForm).focus_first()

    def on_field_form_cancelled(self, event: FieldForm.Cancelled) -> None:
        event.stop()
        self.dismiss(None)

    def on_field_form_submitted(self, event: FieldForm.Submitted) -> None:
        event.stop()
        if not self.saving:
            self.saving = True
            self.run_worker(self._save(event.values), group="save")

    async def _save(self, values: dict[str, str]) -> None:
        form = self.query_one(FieldForm)
        try:
            result = await self.save(values)
        except LtcError as error:
            form.show_error(error)
            return
        except Exception as error:  # noqa: BLE001 - one line for the person, details in the crash log
            show_error(self, error)
            return
        finally:
            self.saving = False
        self.dismiss(result)
