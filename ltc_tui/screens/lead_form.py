"""New lead / edit lead: the lead file as a form, checked as you type.

Money, dates and the currency are read as they are typed (what was
understood shows under the field); the title and the customer are
required. Leads that look like this one (same customer and a similar
title, or the same contact e-mail) show before saving: saving then needs
a second ctrl+s. Editing keeps the version that was loaded: if someone
saved the lead meanwhile, the form offers to reload theirs or re-apply
yours on top.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static, TextArea

from ltc_tui.enums import Source
from ltc_tui.errors import ConflictError, LtcError, ValidationError
from ltc_tui.i18n import label, t
from ltc_tui.screens import LtcScreen
from ltc_tui.ui import db_call, label_of, safe, say, show_error
from ltc_tui.values import format_money
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.form import FunctionSuggester, TextField, currency, date, money, required

DUPLICATE_PAUSE = 0.3
TEXT_FIELDS = ("title", "customer", "contact", "amount", "currency", "start", "review")
# Where a service's ValidationError.field shows in the form.
FIELD_OF_ERROR = {
    "title": "title", "customer": "customer", "contact": "contact", "email": "contact", "amount": "amount",
    "currency": "currency", "start": "start", "next review": "review",
}


class LeadFormScreen(LtcScreen):
    """Dismisses with the saved lead's id, or None."""

    AREA_KEY = "form.area"
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="form.cancel"),
    ]

    def __init__(self, lead_id: int | None = None) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.version: int | None = None
        self.original: dict[str, Any] = {}
        self.duplicates: list[Any] = []
        self.duplicates_seen = False  # the person saw the warning: the next ctrl+s saves
        self.saving = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        heading = t("form.edit_title", id=self.lead_id) if self.lead_id else t("form.new_title")
        with VerticalScroll(id="lead-form", classes="form"):
            yield Static(Text(heading, style="bold"), classes="title")
            yield Static("", id="form-notice")
            yield TextField(t("form.title"), id="title", check=required(t("form.title_field")), mandatory=True,
                            placeholder=t("form.title_placeholder"))
            with Horizontal(classes="form-row"):
                yield TextField(t("form.customer"), id="customer", check=required(t("form.customer_field")), mandatory=True,
                                suggester=FunctionSuggester(self._suggest_customer), placeholder=t("form.customer_placeholder"))
                yield TextField(t("form.contact"), id="contact", placeholder=t("form.contact_placeholder"))
            with Horizontal(classes="form-row"):
                with Vertical(classes="select-field"):
                    yield Label(t("form.source"))
                    yield Select([(label(s), s.value) for s in Source], value=Source.OTHER.value, allow_blank=False, id="source")
                yield TextField(t("form.amount"), id="amount", check=money(t("form.amount_field")), placeholder="1.2M, 300k, 50万")
                yield TextField(t("form.currency"), id="currency", check=currency(t("form.currency_field")),
                                placeholder=t("form.currency_placeholder"))
                yield TextField(t("form.start"), id="start", check=date(t("form.start_field")), placeholder="2026-09, +3m")
            yield Label(t("form.need"), classes="area-label")
            yield TextArea("", id="need", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="form-row"):
                with Vertical(classes="select-field"):
                    yield Label(t("form.has_offer"))
                    yield Select([(t("ui.unknown"), "unknown"), (t("ui.yes"), "yes"), (t("ui.no"), "no")],
                                 value="unknown", allow_blank=False, id="has_offer")
                with Vertical(classes="checks"):
                    yield Label(t("form.novelty"))
                    with Horizontal(classes="check-row"):
                        yield Checkbox(t("file.new_product"), id="new_product")
                        yield Checkbox(t("file.new_solution"), id="new_solution")
                        yield Checkbox(t("file.new_model"), id="new_business_model")
            if self.lead_id:
                yield TextField(t("form.review"), id="review", check=date(t("form.review_field")), placeholder="+2w")
            yield Static("", id="duplicates")
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="save")
                yield Button(t("key.cancel") + " (esc)", id="cancel")
        yield LtcFooter()

    async def on_mount(self) -> None:
        self.query_one("#title", TextField).input.focus()
        if self.lead_id:
            await self.load_lead()

    async def load_lead(self) -> None:
        from ltc_tui.services.lead_file import lead_file

        try:
            f = await db_call(self, partial(lead_file, lead_id=self.lead_id))
        except Exception as error:  # noqa: BLE001 - shown; nothing to edit
            show_error(self, error)
            self.dismiss(None)
            return
        lead = f.lead
        self.version = lead.version
        contact = ""
        if f.contact is not None:
            contact = f"{f.contact.name} <{f.contact.email}>" if f.contact.email else f.contact.name
        self.original = {
            "title": lead.title, "customer": f.customer.name, "contact": contact,
            "amount": format_money(lead.expected_amount_cents), "currency": lead.currency,
            "start": lead.expected_start.isoformat() if lead.expected_start else "",
            "review": lead.next_review_on.isoformat() if lead.next_review_on else "",
            "need": lead.need or "", "source": lead.source,
            "has_offer": "unknown" if lead.has_offer is None else "yes" if lead.has_offer else "no",
            "new_product": lead.new_product, "new_solution": lead.new_solution,
            "new_business_model": lead.new_business_model,
        }
        self.fill(self.original)
        if lead.status in ("closed", "converted"):
            self.query_one("#form-notice", Static).update(
                safe(t("error.lead.finished", id=lead.id, status=label_of("LeadStatus", lead.status)), "bold red")
            )

    def fill(self, values: dict[str, Any]) -> None:
        for name in TEXT_FIELDS:
            if name in values and self.query(f"#{name}"):
                self.query_one(f"#{name}", TextField).value = values[name]
        self.query_one("#need", TextArea).text = values.get("need", "")
        self.query_one("#source", Select).value = values.get("source", Source.OTHER.value)
        self.query_one("#has_offer", Select).value = values.get("has_offer", "unknown")
        for name in ("new_product", "new_solution", "new_business_model"):
            self.query_one(f"#{name}", Checkbox).value = bool(values.get(name))

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: self.query_one(f"#{name}", TextField).value for name in TEXT_FIELDS if self.query(f"#{name}")}
        data["need"] = self.query_one("#need", TextArea).text
        data["source"] = self.query_one("#source", Select).value
        data["has_offer"] = self.query_one("#has_offer", Select).value
        for name in ("new_product", "new_solution", "new_business_model"):
            data[name] = self.query_one(f"#{name}", Checkbox).value
        return data

    # --- as you type ----------------------------------------------------------------------

    async def _suggest_customer(self, text: str) -> str | None:
        from ltc_tui.services.customers import list_customers

        rows = await db_call(self, partial(list_customers, text=text))
        low = text.casefold()
        return next((r.customer.name for r in rows if r.customer.name.casefold().startswith(low)), None)

    def on_input_changed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field.startswith(("title", "customer", "contact")):
            self.duplicates_seen = False
            self.run_worker(self._check_duplicates, exclusive=True, group="duplicates")

    async def _check_duplicates(self) -> None:
        await asyncio.sleep(DUPLICATE_PAUSE)  # a newer keystroke cancels this worker first
        data = self.values()
        if not data["title"].strip() or not data["customer"].strip():
            self.show_duplicates([])
            return
        try:
            found = await db_call(self, partial(possible_duplicates, customer=data["customer"], title=data["title"],
                                                contact=data["contact"], exclude_id=self.lead_id))
        except LtcError:
            found = []  # the field checks already say what is wrong
        self.show_duplicates(found)

    def show_duplicates(self, found: list[Any]) -> None:
        self.duplicates = found
        panel = self.query_one("#duplicates", Static)
        if not found:
            panel.update("")
            panel.remove_class("-shown")
            return
        text = Text(t("form.duplicates_title", count=len(found)) + "\n", style="bold yellow")
        for dup in found[:8]:
            text.append_text(safe(t("file.duplicate_line", id=dup.lead_id, title=dup.title, customer=dup.customer,
                                    status=label_of("LeadStatus", dup.status)) + "\n"))
        text.append(t("form.duplicates_hint"), style="dim")
        panel.update(text)
        panel.add_class("-shown")

    # --- saving ---------------------------------------------------------------------------

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            await self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def check_fields(self) -> bool:
        first_bad = None
        for name in TEXT_FIELDS:
            if not self.query(f"#{name}"):
                continue
            field = self.query_one(f"#{name}", TextField)
            if field.validate_now() and first_bad is None:
                first_bad = field
        if first_bad is not None:
            first_bad.input.focus()
            self.error(t("form.fix_fields"))
            return False
        return True

    def error(self, message: str | None) -> None:
        self.query_one("#form-error", Static).update(safe(message or "", "bold red"))

    async def action_save(self) -> None:
        if self.saving or not self.check_fields():
            return
        if self.duplicates and not self.duplicates_seen:
            self.duplicates_seen = True
            self.error(t("form.duplicates_confirm"))
            return
        self.saving = True
        try:
            lead_id = await (self._update() if self.lead_id else self._add())
        except ConflictError as error:
            self.saving = False
            await self._conflict(error)
            return
        except ValidationError as error:
            self.saving = False
            where = FIELD_OF_ERROR.get(str(error.field or ""))
            if where and self.query(f"#{where}"):
                self.query_one(f"#{where}", TextField).show_error(error.message)
            self.error(error.message)
            return
        except LtcError as error:
            self.saving = False
            self.error(error.message)
            return
        self.saving = False
        if lead_id is not None:
            self.dismiss(lead_id)

    async def _add(self) -> int:
        from ltc_tui.services.leads import add_lead

        data = self.values()
        result = await db_call(
            self,
            partial(
                add_lead, title=data["title"], customer=data["customer"], contact=data["contact"] or None,
                source=data["source"], amount=data["amount"] or None, currency=data["currency"] or None,
                start=data["start"] or None, need=data["need"] or None,
                has_offer=None if data["has_offer"] == "unknown" else data["has_offer"],
                new_product=data["new_product"], new_solution=data["new_solution"],
                new_business_model=data["new_business_model"],
            ),
            write=True,
        )
        key = "form.added_new_customer" if result.customer_created else "form.added"
        say(self, key, id=result.lead.id, tier=result.lead.tier, customer=result.customer.name)
        return int(result.lead.id)

    def changes(self) -> dict[str, Any]:
        data = self.values()
        names = {"review": "next_review_on"}
        changed: dict[str, Any] = {}
        for key, value in data.items():
            if value == self.original.get(key):
                continue
            if key == "has_offer":
                value = None if value == "unknown" else value
            changed[names.get(key, key)] = value
        return changed

    async def _update(self) -> int | None:
        from ltc_tui.services.leads import update_lead

        changes = self.changes()
        if not changes:
            say(self, "form.nothing_changed")
            self.dismiss(None)
            return None
        lead = await db_call(self, partial(update_lead, lead_id=self.lead_id, expected_version=self.version, **changes),
                             write=True)
        say(self, "form.saved", id=lead.id, fields=list(changes))
        return int(lead.id)

    async def _conflict(self, error: ConflictError) -> None:
        from ltc_tui.screens.choice_dialog import Choice, ChoiceDialog

        async def chosen(choice: str | None) -> None:
            if choice == "reload":
                await self.load_lead()
                self.error(t("form.reloaded"))
            elif choice == "reapply":
                self.version = error.current_version
                await self.action_save()

        self.app.push_screen(
            ChoiceDialog(
                title=error.title,
                message=error.message,
                choices=[Choice("a", t("conflict.reapply"), "reapply"), Choice("r", t("conflict.reload"), "reload"),
                         Choice("escape", t("key.cancel"), None)],
            ),
            chosen,
        )


def possible_duplicates(session: Any, *, customer: str, title: str, contact: str, exclude_id: int | None) -> list[Any]:
    """Leads like the one being typed (the customer need not exist yet)."""
    from ltc_tui.services.customers import find_customer
    from ltc_tui.services.leads import find_duplicates

    known = find_customer(session, customer)
    email = None
    if "@" in contact:
        email = contact[contact.index("<") + 1 : contact.rindex(">")] if "<" in contact and ">" in contact else contact
    if known is None and not email:
        return []
    return find_duplicates(session, customer_id=known.id if known else None, title=title, email=email,
                           exclude_id=exclude_id)
