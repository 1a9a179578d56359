"""One lead, everything about it: the lead file, the verification answers,
class, temperature, tier and priority with the reason for each, the iron
triangle, nurturing progress, committee decisions, visits, notes and the
audit history. Keys to verify, edit, note and close from here."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from ltc_tui.i18n import t
from ltc_tui.messages import DataChanged
from ltc_tui.screens import LtcScreen
from ltc_tui.ui import db_call, say, show_error
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.lead_file_view import LeadFileView


class LeadFileScreen(LtcScreen):
    AREA_KEY = "file.area"
    BINDINGS = [
        Binding("escape", "back", "key.back", id="file.back"),
        Binding("v", "verify", "key.verify", id="file.verify"),
        Binding("e", "edit", "key.edit", id="file.edit"),
        Binding("n", "note", "key.note", id="file.note"),
        Binding("c", "close_lead", "key.close_lead", id="file.close"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def __init__(self, lead_id: int) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.file: Any = None
        self.loaded = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield LeadFileView(id="lead-file")
        yield LtcFooter()

    def on_mount(self) -> None:
        self.query_one(LeadFileView).focus()
        self.load()

    def load(self) -> None:
        self.run_worker(self._load, exclusive=True, group="load")

    async def _load(self) -> None:
        from ltc_tui.services.lead_file import lead_file

        try:
            self.file = await db_call(self, partial(lead_file, lead_id=self.lead_id))
        except Exception as error:  # noqa: BLE001 - shown, then back to where we came from
            show_error(self, error)
            self.dismiss()
            return
        self.sub_title = f"{self.app.sub_title} · {t('file.subtitle', id=self.lead_id)}"
        self.query_one(LeadFileView).show(self.file)
        self.loaded += 1

    def on_data_changed(self, message: DataChanged) -> None:
        self.load()

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: str) -> None:
        view = self.query_one(LeadFileView)
        view.scroll_down() if direction == "down" else view.scroll_up()

    def _reload(self, result: Any = None) -> None:
        self.load()

    def action_verify(self) -> None:
        from ltc_tui.screens.verify_form import VerifyScreen

        self.app.push_screen(VerifyScreen(self.lead_id), self._reload)

    def action_edit(self) -> None:
        from ltc_tui.screens.lead_form import LeadFormScreen

        self.app.push_screen(LeadFormScreen(self.lead_id), self._reload)

    def action_note(self) -> None:
        from ltc_tui.screens.text_dialog import TextDialog
        from ltc_tui.services.leads import add_note

        async def submit(body: str) -> int:
            note = await db_call(self, partial(add_note, lead_id=self.lead_id, body=body), write=True)
            return int(note.id)

        def done(note_id: int | None) -> None:
            if note_id:
                say(self, "file.noted", id=self.lead_id)
                self.load()

        self.app.push_screen(
            TextDialog(title=t("note.title", id=self.lead_id), label=t("note.label"), submit=submit, multiline=True),
            done,
        )

    async def action_close_lead(self) -> None:
        from ltc_tui.screens.lead_pool import close_lead

        await close_lead(self, self.lead_id)
