"""Form fields that check what is typed as it is typed.

A ``TextField`` is a label, an input and a line under it: the error (red)
when the text cannot be read, else a hint (what was understood, e.g. the
date "+2w" stands for). Checks come from ``values.py`` (pure parsing), so a
field says exactly what the service would say, before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from ltc_tui.errors import ValidationError
from ltc_tui.i18n import t
from ltc_tui.values import clean_line, format_money, parse_currency, parse_date, parse_money, printable

# A check reads the text and returns (error, hint); either may be None.
Check = Callable[[str], tuple[str | None, str | None]]


def _run(fn: Callable[[], Any]) -> tuple[str | None, Any]:
    try:
        return None, fn()
    except ValidationError as error:
        return error.message, None


def required(field: str) -> Check:
    def check(text: str) -> tuple[str | None, str | None]:
        error, _ = _run(lambda: clean_line(text, field=field, required=True))
        return error, None

    return check


def money(field: str) -> Check:
    def check(text: str) -> tuple[str | None, str | None]:
        error, cents = _run(lambda: parse_money(text, field=field))
        hint = t("form.understood", value=format_money(cents)) if cents is not None and text.strip() != format_money(cents) else None
        return error, hint

    return check


def date(field: str, *, not_before: Callable[[], dt.date] | None = None) -> Check:
    def check(text: str) -> tuple[str | None, str | None]:
        error, day = _run(lambda: parse_date(text, field=field))
        if error or day is None:
            return error, None
        if not_before is not None and day < not_before():
            return t("error.decide.review_past", field=field, date=day.isoformat()), None
        if text.strip() == day.isoformat():
            return None, None
        return None, t("form.understood", value=t("ui.paren", text=day.isoformat(), detail=t(f"ui.weekday.{day.weekday()}")))

    return check


def currency(field: str) -> Check:
    def check(text: str) -> tuple[str | None, str | None]:
        error, _ = _run(lambda: parse_currency(text, field=field))
        return error, None

    return check


class TextField(Vertical):
    """A labelled input checked as you type."""

    DEFAULT_CSS = """
    TextField { height: auto; margin-bottom: 0; }
    TextField > Label { padding: 0 1; color: $text-muted; }
    TextField > .field-note { height: auto; padding: 0 1; color: $text-muted; }
    TextField > .field-note.-error { color: $error; }
    TextField.-invalid > Input { border: tall $error; }
    """

    def __init__(
        self,
        label: str,
        *,
        id: str,
        value: str = "",
        placeholder: str = "",
        check: Check | None = None,
        suggester: Suggester | None = None,
        mandatory: bool = False,
    ) -> None:
        super().__init__(id=id)
        self.label = label + (" *" if mandatory else "")
        self.initial = value
        self.placeholder = placeholder
        self.check = check
        self.suggester = suggester
        self.touched = False

    def compose(self) -> ComposeResult:
        yield Label(Text(self.label))
        yield Input(value=self.initial, placeholder=self.placeholder, id=f"{self.id}-input", suggester=self.suggester)
        yield Static("", classes="field-note")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    @value.setter
    def value(self, text: str) -> None:
        self.input.value = text

    def on_input_changed(self, event: Input.Changed) -> None:
        self.touched = True
        self.validate_now()

    def validate_now(self) -> str | None:
        """Check the current text; show and return the error (None when fine)."""
        error, hint = self.check(self.value) if self.check else (None, None)
        note = self.query_one(".field-note", Static)
        note.set_class(error is not None, "-error")
        self.set_class(error is not None, "-invalid")
        note.update(Text(printable(error or hint or "")))
        return error

    def show_error(self, message: str | None) -> None:
        """An error found elsewhere (by the service) shown under this field."""
        note = self.query_one(".field-note", Static)
        note.set_class(message is not None, "-error")
        self.set_class(message is not None, "-invalid")
        note.update(Text(printable(message or "")))


class FunctionSuggester(Suggester):
    """Suggest a completion from an async function (e.g. customer names)."""

    def __init__(self, lookup: Callable[[str], Any]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        if len(value.strip()) < 2:
            return None
        try:
            found = await self.lookup(value)
        except Exception:  # noqa: BLE001 - a suggestion is a convenience; typing goes on without it
            return None
        return str(found) if found else None
