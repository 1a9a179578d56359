"""What a committee decision needs, asked in a modal: close (a reason),
convert (budget and start date), nurture (owner, the iron triangle and the
next review date; the SR is proposed as owner).

Only the form of what is typed is checked here (an amount, a date); the
rules (what is missing, who may decide) are the service's, and its refusal
shows in the dialog, which stays open: nothing was recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ltc_tui import clock
from ltc_tui.errors import LtcError
from ltc_tui.i18n import t
from ltc_tui.ui import safe, show_error, translate_bindings
from ltc_tui.widgets.form import TextField, date, money, required

TRIANGLE = ("owner", "ar", "sr", "fr")


class DecisionDialog(ModalScreen[Any]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="decide.cancel"),
        Binding("ctrl+s", "save", "key.save", id="decide.save", priority=True),
    ]

    def __init__(
        self,
        kind: str,
        *,
        lead_id: int,
        lead_title: str,
        submit: Callable[[dict[str, Any]], Awaitable[Any]],
        people: list[tuple[str, str]] = (),  # type: ignore[assignment]
        proposal: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.lead_id = lead_id
        self.lead_title = lead_title
        self.submit = submit
        self.people = list(people)
        self.proposal = proposal or {}
        self.owner_chosen = bool(self.proposal.get("owner_chosen"))
        self.saving = False
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box decision-box"):
            yield Static(Text(t(f"decide.{self.kind}.title", id=self.lead_id), style="bold"), classes="title")
            yield Static(safe(self.lead_title), classes="dialog-intro")
            yield Static(Text(t(f"decide.{self.kind}.help"), style="dim"), classes="dialog-intro")
            if self.kind == "close":
                yield TextField(t("decide.reason"), id="reason", check=required(t("decide.reason_field")), mandatory=True)
            elif self.kind == "convert":
                with Horizontal(classes="form-row"):
                    yield TextField(t("decide.budget"), id="budget", check=money(t("decide.budget_field")),
                                    placeholder="1.2M, 300k, 50万")
                    yield TextField(t("decide.start"), id="start", check=date(t("decide.start_field")),
                                    placeholder="2026-09-01, +1m")
            elif self.kind == "nurture":
                options = [(safe(t("ui.paren", text=name, detail=handle)), handle) for handle, name in self.people]
                with Horizontal(classes="form-row"):
                    for role in TRIANGLE:
                        with Vertical(classes="select-field"):
                            yield Label(t(f"decide.{role}"))
                            yield Select(options, prompt=t("decide.nobody"), value=self.proposal.get(role) or Select.NULL,
                                         id=role)
                yield TextField(t("decide.review"), id="review", value=self.proposal.get("review", ""),
                                check=date(t("decide.review_field"), not_before=clock.today), placeholder="+2w")
            yield TextField(t("decide.notes"), id="notes")
            yield Static("", id="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(f"decide.{self.kind}.save") + " (ctrl+s)", variant="primary", id="save")
                yield Button(t("key.cancel") + " (esc)", id="cancel")

    def on_mount(self) -> None:
        first = self.query("TextField").first(TextField) if self.kind != "nurture" else None
        if first is not None:
            first.input.focus()
        else:
            self.query_one("#sr" if self.kind == "nurture" else "#notes").focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """The SR owns nurturing by default: the owner follows the SR until
        someone picks another owner."""
        if event.select.id == "owner":
            if event.value != self._value("sr"):
                self.owner_chosen = True
        elif event.select.id == "sr" and not self.owner_chosen:
            self.query_one("#owner", Select).value = event.value

    def _value(self, role: str) -> str | None:
        value = self.query_one(f"#{role}", Select).value
        return None if value is Select.NULL else str(value)

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in self.query(TextField):
            data[field.id or ""] = field.value
        if self.kind == "nurture":
            for role in TRIANGLE:
                data[role] = self._value(role)
        return data

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
        errors = [field.validate_now() for field in self.query(TextField)]
        if any(errors):
            self.query_one("#dialog-error", Static).update(safe(t("form.fix_fields"), "bold red"))
            return
        self.saving = True
        try:
            result = await self.submit(self.values())
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


def review_proposal(review_days: int, today: dt.date | None = None) -> str:
    return ((today or clock.today()) + dt.timedelta(days=review_days)).isoformat()
