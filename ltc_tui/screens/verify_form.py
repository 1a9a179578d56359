"""Cross verification (错位验证法) as a guided form: the three questions.

1. Is it a lead?  2. How far away is it?  3. Can we win?  The class,
temperature and priority they lead to (``rules.assess``, the rule the
service applies) show beside the answers, with the reasons, as they change.
The customer's contacts consulted are picked from a list; one level only
gets a warning. When the acting person submitted the lead, the form says
so the moment it opens and will not save.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from ltc_tui.enums import Competition, Risk
from ltc_tui.errors import ConflictError, LtcError
from ltc_tui.i18n import join, label, t
from ltc_tui.screens import LtcScreen
from ltc_tui.ui import db_call, label_of, reasons_text, safe, say, show_error, styled
from ltc_tui.widgets.footer import LtcFooter

SCALES = ("relationship", "solution_fit", "solution_maturity")
CHECKS = ("need_real", "fits_strategy", "urgent", "procurement_clear", "funds_committed", "team_available")


@dataclass
class VerifyContext:
    lead: Any
    customer: Any
    contacts: list[Any]
    previous: Any  # the latest verification, to start from
    consulted: list[int]  # the contacts it consulted
    refusal: LtcError | None


def load_context(session: Any, *, lead_id: int) -> VerifyContext:
    from ltc_tui.services.common import actor_id
    from ltc_tui.services.customers import get_customer, list_contacts
    from ltc_tui.services.leads import get_lead
    from ltc_tui.services.verification import check_can_verify, consulted, latest_verification

    lead = get_lead(session, lead_id)
    refusal = None
    try:
        check_can_verify(lead, actor_id(session))
    except LtcError as error:
        refusal = error
    customer = get_customer(session, lead.customer_id)
    contacts = [c for c, _ in list_contacts(session, customer_id=lead.customer_id)]
    previous = latest_verification(session, lead_id)
    earlier = [c.id for c in consulted(session, previous.id)] if previous is not None else []
    return VerifyContext(lead, customer, contacts, previous, earlier, refusal)


class VerifyScreen(LtcScreen):
    """Dismisses with the lead id once saved, else None."""

    AREA_KEY = "verify.area"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="verify.save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="verify.cancel"),
    ]

    def __init__(self, lead_id: int) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.context: VerifyContext | None = None
        self.saving = False

    def compose(self) -> ComposeResult:
        scale = [(t(f"ui.scale.{n}"), n) for n in range(4)]
        yield Header()
        with Horizontal(id="verify"):
            with VerticalScroll(id="verify-questions", classes="form"):
                yield Static(Text(t("verify.title", id=self.lead_id), style="bold"), classes="title")
                yield Static("", id="verify-lead")
                yield Static("", id="verify-refusal")
                yield Static(Text(t("verify.q1"), style="bold underline"), classes="question")
                with Horizontal(classes="check-row"):
                    yield Checkbox(t("verify.need_real"), id="need_real")
                    yield Checkbox(t("verify.fits_strategy"), id="fits_strategy")
                yield Input(placeholder=t("verify.notes_placeholder"), id="q1_notes")
                yield Static(Text(t("verify.q2"), style="bold underline"), classes="question")
                with Horizontal(classes="check-row"):
                    yield Checkbox(t("verify.urgent"), id="urgent")
                    yield Checkbox(t("verify.procurement_clear"), id="procurement_clear")
                    yield Checkbox(t("verify.funds_committed"), id="funds_committed")
                yield Input(placeholder=t("verify.notes_placeholder"), id="q2_notes")
                yield Static(Text(t("verify.q3"), style="bold underline"), classes="question")
                with Horizontal(classes="form-row"):
                    for name in SCALES:
                        with Vertical(classes="select-field"):
                            yield Label(t(f"verify.{name}"))
                            yield Select(scale, value=1, allow_blank=False, id=name)
                with Horizontal(classes="form-row"):
                    with Vertical(classes="select-field"):
                        yield Label(t("verify.competition"))
                        yield Select([(label(c), c.value) for c in Competition], value="weak", allow_blank=False, id="competition")
                    with Vertical(classes="select-field"):
                        yield Label(t("verify.risk"))
                        yield Select([(label(r), r.value) for r in Risk], value="medium", allow_blank=False, id="risk")
                    yield Checkbox(t("verify.team_available"), id="team_available")
                yield Input(placeholder=t("verify.notes_placeholder"), id="q3_notes")
                yield Static(Text(t("verify.contacts"), style="bold underline"), classes="question")
                yield SelectionList[int](id="contacts")
                yield Static("", id="contacts-warning")
                yield Static("", id="form-error")
                with Horizontal(classes="dialog-buttons"):
                    yield Button(t("verify.save") + " (ctrl+s)", variant="primary", id="save")
                    yield Button(t("key.cancel") + " (esc)", id="cancel")
            with VerticalScroll(id="verify-preview"):
                yield Static("", id="preview")
        yield LtcFooter()

    async def on_mount(self) -> None:
        try:
            self.context = await db_call(self, partial(load_context, lead_id=self.lead_id))
        except Exception as error:  # noqa: BLE001 - shown; nothing to verify
            show_error(self, error)
            self.dismiss(None)
            return
        ctx = self.context
        lead = ctx.lead
        self.query_one("#verify-lead", Static).update(
            safe(t("verify.lead_line", title=lead.title, customer=ctx.customer.name, tier=lead.effective_tier,
                   status=label_of("LeadStatus", lead.status)))
        )
        contacts = self.query_one("#contacts", SelectionList)
        for c in ctx.contacts:
            name = join([c.name, c.job_title]) if c.job_title else c.name
            text = f"{name} · {label_of('ContactLevel', c.level)}"
            contacts.add_option(Selection(safe(text), c.id or 0, c.id in ctx.consulted))
        if ctx.contacts:
            contacts.highlighted = 0
        else:
            self.query_one("#contacts-warning", Static).update(safe(t("verify.no_contacts_known", customer=ctx.customer.name), "dim"))
        if ctx.previous is not None:
            self.load_answers(ctx.previous)
        if ctx.refusal is not None:
            self.query_one("#verify-refusal", Static).update(
                Text.assemble((ctx.refusal.title + ": ", "bold"), safe(ctx.refusal.message))
            )
            self.query_one("#verify-refusal", Static).add_class("-shown")
            self.query_one("#save", Button).disabled = True
        self.query_one("#need_real", Checkbox).focus()
        self.update_preview()

    def load_answers(self, v: Any) -> None:
        for name in CHECKS:
            self.query_one(f"#{name}", Checkbox).value = bool(getattr(v, name))
        for name in SCALES:
            self.query_one(f"#{name}", Select).value = int(getattr(v, name))
        self.query_one("#competition", Select).value = v.competition
        self.query_one("#risk", Select).value = v.risk
        for name in ("q1_notes", "q2_notes", "q3_notes"):
            self.query_one(f"#{name}", Input).value = getattr(v, name) or ""

    # --- the answers and what they make of the lead ---------------------------------------------

    def answers(self) -> Any:
        from ltc_tui.services.verification import make_answers

        return make_answers(
            **{name: self.query_one(f"#{name}", Checkbox).value for name in CHECKS},
            **{name: int(self.query_one(f"#{name}", Select).value) for name in SCALES},  # type: ignore[arg-type]
            competition=str(self.query_one("#competition", Select).value),
            risk=str(self.query_one("#risk", Select).value),
        )

    def on_checkbox_changed(self) -> None:
        self.update_preview()

    def on_select_changed(self) -> None:
        self.update_preview()

    def on_selection_list_selected_changed(self) -> None:
        self.update_contacts_warning()

    def update_preview(self) -> None:
        from ltc_tui.services.rules import assess

        if self.context is None:
            return
        try:
            result = assess(self.answers(), self.context.lead.effective_tier)
        except LtcError as error:
            self.query_one("#preview", Static).update(safe(error.message, "red"))
            return
        head = Table.grid(padding=(0, 2))
        head.add_column(style="bold")
        head.add_column()
        head.add_row(Text(t("file.class")), safe(label_of("LeadClass", result.lead_class.value), "bold"))
        head.add_row(Text(t("file.temp")), styled("Temperature", result.temperature.value))
        head.add_row(Text(t("file.priority")), Text(str(result.priority), style="bold"))
        self.query_one("#preview", Static).update(
            Group(
                Text(t("verify.preview_title"), style="bold underline"),
                Text(t("verify.preview_help"), style="dim"),
                head,
                Text(""),
                Text(t("file.class"), style="bold"), reasons_text(result.class_reasons),
                Text(t("file.temp"), style="bold"), reasons_text(result.temperature_reasons),
                Text(t("file.priority"), style="bold"), reasons_text(result.priority_reasons),
            )
        )
        self.update_contacts_warning()

    def chosen_contacts(self) -> list[int]:
        return list(self.query_one("#contacts", SelectionList).selected)

    def update_contacts_warning(self) -> None:
        if self.context is None or not self.context.contacts:
            return
        chosen = set(self.chosen_contacts())
        levels = {c.level for c in self.context.contacts if c.id in chosen}
        key = "warn.verify.no_contacts" if not chosen else "warn.verify.one_level" if len(levels) < 2 else None
        self.query_one("#contacts-warning", Static).update(safe(t(key), "yellow") if key else safe(t("verify.levels_ok"), "green"))

    # --- saving -----------------------------------------------------------------------------------

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            await self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    async def action_save(self) -> None:
        from ltc_tui.services.verification import verify_lead

        ctx = self.context
        if ctx is None or self.saving:
            return
        error_line = self.query_one("#form-error", Static)
        if ctx.refusal is not None:
            error_line.update(safe(ctx.refusal.message, "bold red"))
            return
        self.saving = True
        try:
            result = await db_call(
                self,
                partial(
                    verify_lead, lead_id=self.lead_id, answers=self.answers(), contact_ids=self.chosen_contacts(),
                    q1_notes=self.query_one("#q1_notes", Input).value, q2_notes=self.query_one("#q2_notes", Input).value,
                    q3_notes=self.query_one("#q3_notes", Input).value, expected_version=ctx.lead.version,
                ),
                write=True,
            )
        except ConflictError as error:
            await self._conflict(error)
            return
        except LtcError as error:
            error_line.update(safe(error.message, "bold red"))
            return
        finally:
            self.saving = False
        a = result.assessment
        say(self, "verify.saved", id=self.lead_id, klass=label_of("LeadClass", a.lead_class.value),
            temp=label_of("Temperature", a.temperature.value), priority=a.priority)
        for warning in result.warnings:
            say(self, warning, severity="warning")
        self.dismiss(self.lead_id)

    async def _conflict(self, error: ConflictError) -> None:
        """Someone changed the lead meanwhile: the answers still stand; save them
        on top of the newer version, or look at it first."""
        from ltc_tui.screens.choice_dialog import Choice, ChoiceDialog

        async def chosen(choice: str | None) -> None:
            if choice == "reapply" and self.context is not None:
                self.context.lead.version = error.current_version
                await self.action_save()
            elif choice == "reload":
                self.dismiss(None)
                from ltc_tui.screens.lead_file import LeadFileScreen

                self.app.push_screen(LeadFileScreen(self.lead_id))

        self.app.push_screen(
            ChoiceDialog(title=error.title, message=error.message,
                         choices=[Choice("a", t("conflict.reapply"), "reapply"), Choice("r", t("conflict.show_file"), "reload")]),
            chosen,
        )
