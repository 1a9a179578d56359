"""A form in a modal: each field checked as it is typed, then saved through
a service, whose refusals show in place.

The screen that opens a form describes it as data (``FormField`` list, a
cross-field ``check``, and a ``save`` coroutine that calls the service);
the form does the rest:

- a field's text is read as the service will read it (``values.py``): a
  money field says "amount: 'x' is not an amount" under itself as soon as
  it is typed, a date field shows the day it understood ("+2w" ->
  2026-05-18 (Mon));
- ``check`` adds rules between fields (dates in order, a reason with a
  write-off); saving is refused while any field is in error;
- the service's ``ValidationError`` goes under the field it names; a
  refusal listed in ``confirm`` asks "record it anyway?" and, on
  yes, saves again with ``confirm=True``; any other refusal shows above the
  buttons and the form stays open with what was typed;
- a ``ConflictError`` (someone saved this record since it was opened) says
  who changed what and offers to reload: the form then closes with
  ``RELOAD`` and the screen underneath reloads the record.

Dismisses with what ``save`` returned, ``RELOAD``, or None (cancelled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ltc_tui.errors import ConflictError, LtcError, ValidationError
from ltc_tui.i18n import t
from ltc_tui.ui import safe, show_error, translate_bindings
from ltc_tui.values import clean_line, clean_text, format_money, parse_date, parse_money

RELOAD = "reload"

Values = dict[str, Any]  # field name -> what was typed (text), chosen (value) or ticked (bool)
Parsed = dict[str, Any]  # field name -> cents, date, cleaned text, chosen value or bool; None when empty or wrong
Save = Callable[[Values, bool], Awaitable[Any]]  # (values, confirmed) -> the saved record
Check = Callable[[Parsed], dict[str, str]]  # parsed values -> {field name: error}


@dataclass
class FormField:
    name: str
    label: str
    kind: str = "text"  # text, long (free text), money, date, choice, flag
    value: Any = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)  # (label, value) for "choice"
    placeholder: str = ""
    error_name: str | None = None  # the name the service gives it in errors ("due", "write-off")
    note: str = ""  # shown under the field while it has nothing to say
    suggestions: list[str] = field(default_factory=list)  # completions offered as it is typed

    @property
    def said_as(self) -> str:
        return self.error_name or self.name


class CashForm(ModalScreen[Any]):
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # a short terminal: no blank line between fields
    BINDINGS = [
        Binding("escape", "cancel", "cash.key.cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "cash.key.save", id="form.save", priority=True),
    ]

    def __init__(
        self,
        *,
        title: str,
        fields: list[FormField],
        save: Save,
        intro: str | Text | None = None,
        check: Check | None = None,
        confirm: dict[str, tuple[str, str]] | None = None,
        rephrase: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.save_fn = save
        self.intro = intro
        self.check = check
        self.confirm = confirm or {}  # refusal key -> (the question asked before saving anyway, its yes)
        self.rephrase = rephrase or {}  # refusal key -> how the app says it (the shell's mentions flags)
        self.initial = {f.name: f.value for f in fields}
        self.touched: set[str] = set()
        self.server_errors: dict[str, str] = {}
        self.notes_shown: dict[str, tuple[str, bool]] = {}
        translate_bindings(self)

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cash-form"):
            yield Static(safe(self.title_text), classes="title")
            if self.intro:
                yield Static(self.intro if isinstance(self.intro, Text) else safe(self.intro), id="cash-intro")
            for f in self.fields:
                with Vertical(classes="cash-field", id=f"field-{f.name}"):
                    with Horizontal(classes="cash-row"):
                        yield Label(safe(f.label + (" *" if f.required else "")), classes="cash-label")
                        yield self._input(f)
                    yield Static(safe(f.note), classes="cash-note" + (" -shown" if f.note else ""), id=f"note-{f.name}")
            yield Static("", id="cash-form-error")
            with Horizontal(id="cash-buttons"):
                yield Button(t("cash.form.save"), variant="primary", id="cash-save", compact=True)
                yield Button(t("cash.form.cancel"), id="cash-cancel", compact=True)

    def _input(self, f: FormField) -> Widget:
        """One line a field: compact widgets, so a form fits a small terminal."""
        if f.kind == "flag":
            return Checkbox(t("cash.form.tick"), value=bool(f.value), id=f"in-{f.name}", compact=True)
        if f.kind == "choice":
            return Select(
                [(safe(text), value) for text, value in f.choices],
                value=f.value if f.value not in (None, "") else Select.NULL,
                allow_blank=not f.required,
                prompt=f.placeholder or t("cash.form.choose"),
                id=f"in-{f.name}",
                compact=True,
            )
        suggester = SuggestFromList(f.suggestions, case_sensitive=False) if f.suggestions else None
        return Input(value="" if f.value is None else str(f.value), placeholder=f.placeholder, id=f"in-{f.name}",
                     suggester=suggester, compact=True)

    def on_mount(self) -> None:
        first = self.fields[0].name if self.fields else None
        if first:
            self.widget(first).focus()
        self.validate()

    def widget(self, name: str) -> Widget:
        return self.query_one(f"#in-{name}")

    # --- reading and checking -----------------------------------------------------------

    def values(self) -> Values:
        out: Values = {}
        for f in self.fields:
            w = self.widget(f.name)
            if isinstance(w, Checkbox):
                out[f.name] = w.value
            elif isinstance(w, Select):
                out[f.name] = None if w.value is Select.NULL else w.value
            else:
                out[f.name] = w.value  # type: ignore[attr-defined]
        return out

    def _read(self, f: FormField, raw: Any) -> tuple[Any, str | None, str | None]:
        """(parsed value, error, hint) of one field."""
        try:
            if f.kind == "flag":
                return bool(raw), None, None
            if f.kind == "choice":
                if raw in (None, "") and f.required:
                    raise ValidationError("error.required", field=f.said_as)
                return raw, None, None
            text = str(raw or "")
            if f.kind == "money":
                cents = parse_money(text, field=f.said_as)
                if cents is None and f.required:
                    raise ValidationError("error.required", field=f.said_as)
                shown = format_money(cents) if cents is not None else ""
                return cents, None, t("cash.form.understood", value=shown) if shown and shown != text.strip() else None
            if f.kind == "date":
                day = parse_date(text, field=f.said_as)
                if day is None and f.required:
                    raise ValidationError("error.required", field=f.said_as)
                hint = t("cash.form.understood", value=f"{day.isoformat()} ({day:%a})") if day else None
                return day, None, hint if day and text.strip() != day.isoformat() else None
            if f.kind == "long":
                return clean_text(text, field=f.said_as, required=f.required), None, None
            return clean_line(text, field=f.said_as, required=f.required), None, None
        except ValidationError as error:
            return None, error.message, None

    def validate(self, *, show_all: bool = False) -> dict[str, str]:
        """Check every field; show the errors of the fields touched (all of
        them with ``show_all``); return every error found."""
        parsed: Parsed = {}
        errors: dict[str, str] = {}
        hints: dict[str, str] = {}
        for f, raw in zip(self.fields, self.values().values(), strict=True):
            value, error, hint = self._read(f, raw)
            parsed[f.name] = value
            if error:
                errors[f.name] = error
            elif hint:
                hints[f.name] = hint
        if self.check:
            for name, error in self.check(parsed).items():
                errors.setdefault(name, error)
        for name, error in self.server_errors.items():
            errors.setdefault(name, error)
        for f in self.fields:
            error = errors.get(f.name) if (show_all or f.name in self.touched) else None
            self._note(f, error, hints.get(f.name))
        return errors

    def _note(self, f: FormField, error: str | None, hint: str | None) -> None:
        shown = (error or hint or f.note, error is not None)
        if self.notes_shown.get(f.name) == shown:
            return  # an update re-lays out the form: only when it changes
        self.notes_shown[f.name] = shown
        note = self.query_one(f"#note-{f.name}", Static)
        note.update(safe(shown[0]))
        note.set_class(shown[1], "-error")
        note.set_class(bool(shown[0]), "-shown")
        self.query_one(f"#field-{f.name}").set_class(shown[1], "-invalid")

    def _changed(self, widget_id: str | None) -> None:
        name = (widget_id or "").removeprefix("in-")
        if any(f.name == name for f in self.fields):
            if _blank_is_none(self.values()[name]) != _blank_is_none(self.initial[name]):  # mounting reports one too
                self.touched.add(name)
                self._say(None)  # a refusal above the buttons is about what was there before
            self.server_errors.pop(name, None)
            self.validate()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select.id)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._changed(event.checkbox.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field; on the last one it saves."""
        event.stop()
        names = [f.name for f in self.fields]
        name = (event.input.id or "").removeprefix("in-")
        if name in names and names.index(name) < len(names) - 1:
            self.widget(names[names.index(name) + 1]).focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cash-save":
            self.action_save()
        else:
            self.action_cancel()

    # --- saving ---------------------------------------------------------------------------

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.run_worker(partial(self._save, confirmed=False), exclusive=True, group="save")

    def _say(self, message: str | None) -> None:
        box = self.query_one("#cash-form-error", Static)
        box.update(safe(message or ""))
        box.set_class(bool(message), "-shown")

    async def _save(self, *, confirmed: bool) -> None:
        errors = self.validate(show_all=True)
        if errors:
            first = next(f.name for f in self.fields if f.name in errors)
            self.widget(first).focus()
            self._say(t("cash.form.fix", count=len(errors)))
            return
        self._say(None)
        try:
            result = await self.save_fn(self.values(), confirmed)
        except ConflictError as error:
            self.app.push_screen(
                self._question(error.title, error.message, t("cash.form.reload"), t("cash.form.keep_editing")),
                self._after_conflict,
            )
        except ValidationError as error:
            self._field_error(error)
        except LtcError as error:  # a refusal: maybe one the person may overrule
            if error.key in self.confirm and not confirmed:
                question, yes = self.confirm[error.key]
                self.app.push_screen(
                    self._question(t("cash.form.confirm_title"), t(question, **error.params), t(yes), None),
                    self._after_confirm,
                )
            else:
                self._say(t(self.rephrase[error.key], **error.params) if error.key in self.rephrase else error.message)
        except Exception as error:  # noqa: BLE001 - one line for the person, details in the crash log
            show_error(self, error)
            self._say(t("cash.form.not_saved"))
        else:
            self.dismiss(result)

    def _question(self, title: str, message: str, yes: str, no: str | None) -> ModalScreen[bool]:
        from ltc_tui.screens.cash_confirm import CashConfirmDialog

        return CashConfirmDialog(title=title, message=message, yes=yes, no=no)

    def _field_error(self, error: ValidationError) -> None:
        named = (error.field or "").lower()
        for f in self.fields:
            if named and named in (f.said_as.lower(), f.name.lower(), f.label.lower()):
                self.server_errors[f.name] = error.message
                self.validate(show_all=True)
                self.widget(f.name).focus()
                self._say(None)
                return
        self._say(error.message)

    def _after_confirm(self, yes: bool | None) -> None:
        if yes:
            self.run_worker(partial(self._save, confirmed=True), exclusive=True, group="save")
        else:
            self._say(t("cash.form.not_saved"))

    def _after_conflict(self, reload: bool | None) -> None:
        if reload:
            self.dismiss(RELOAD)
        else:
            self._say(t("cash.form.conflict_kept"))


def _blank_is_none(value: Any) -> Any:
    return None if value == "" else value


# --- checks shared by the contract forms ----------------------------------------------------


def not_before(day: dt.date | None, bound: dt.date | None, message: str) -> str | None:
    """``message`` when ``day`` falls before ``bound`` (either may be missing)."""
    return message if day is not None and bound is not None and day < bound else None
