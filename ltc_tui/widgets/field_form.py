"""A small form: labelled fields that read back as a dict of strings.

Used inside a modal (``screens.form_dialog``) and in place, under a table
(the pain table's row editor). It only collects text: the service the screen
calls does the validation, and ``show_error`` puts its refusal next to the
field it names, leaving what the person typed untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from ltc_tui.errors import LtcError, ValidationError
from ltc_tui.i18n import has, t
from ltc_tui.ui import safe, translate_bindings

Kind = Literal["line", "text", "choice"]


@dataclass
class FormField:
    key: str
    label: str
    value: str = ""
    kind: Kind = "line"
    choices: Sequence[tuple[str, str]] = ()  # (what people read, the value)
    placeholder: str = ""
    names: tuple[str, ...] = ()  # how services name this field in their errors
    hint: str = ""

    def matches(self, name: str | None) -> bool:
        if not name:
            return False
        wanted = name.strip().lower().lstrip("-").replace("-", " ").replace("_", " ")
        own = {self.key.lower().replace("_", " "), *(n.lower() for n in self.names)}
        return wanted in own


@dataclass
class FormSpec:
    title: str
    fields: list[FormField]
    intro: str = ""
    extra: dict[str, object] = field(default_factory=dict)


class FieldForm(Vertical):
    """The fields, an error line, and keys: enter moves on (and saves on the
    last line), ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    FieldForm { height: auto; }
    FieldForm .form-cell { height: auto; }
    FieldForm .form-label { color: $text-muted; }
    FieldForm .form-text { height: 5; }
    FieldForm .-invalid { border: tall $error; }
    FieldForm .form-error { height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "submit", "tp.key.save", id="form.save"),
        Binding("escape", "cancel", "tp.key.cancel", id="form.cancel"),
    ]

    class Submitted(Message):
        def __init__(self, form: FieldForm, values: dict[str, str]) -> None:
            super().__init__()
            self.form = form
            self.values = values

        @property
        def control(self) -> FieldForm:
            return self.form

    class Cancelled(Message):
        def __init__(self, form: FieldForm) -> None:
            super().__init__()
            self.form = form

        @property
        def control(self) -> FieldForm:
            return self.form

    def __init__(self, fields: list[FormField], *, id: str | None = None, classes: str = "") -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.fields = fields
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        for spec in self.fields:
            with Vertical(classes="form-cell"):
                yield Label(safe(spec.label), classes="form-label")
                yield self._editor(spec)
                if spec.hint:
                    yield Static(safe(spec.hint, "dim"), classes="form-hint")
        yield Static(id="form-error", classes="form-error")

    def _editor(self, spec: FormField) -> Widget:
        wid = f"f-{spec.key}"
        if spec.kind == "text":
            return TextArea(spec.value, id=wid, classes="form-text", soft_wrap=True, show_line_numbers=False)
        if spec.kind == "choice":
            values = [v for _, v in spec.choices]
            return Select(
                [(safe(label), value) for label, value in spec.choices],
                value=spec.value if spec.value in values else values[0],
                allow_blank=False,
                id=wid,
                classes="form-choice",
            )
        return Input(spec.value, placeholder=spec.placeholder, id=wid, classes="form-line")

    def editor(self, key: str) -> Widget:
        return self.query_one(f"#f-{key}")

    def focus_first(self) -> None:
        if self.fields:
            self.editor(self.fields[0].key).focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for spec in self.fields:
            widget = self.editor(spec.key)
            if isinstance(widget, TextArea):
                out[spec.key] = widget.text
            elif isinstance(widget, Select):
                out[spec.key] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                out[spec.key] = widget.value  # type: ignore[attr-defined]
        return out

    def show_error(self, error: LtcError) -> None:
        """The refusal under the form, and the cursor on the field it names."""
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        # Some refusals name a shell command; the app may say the same in its own words ("tp." + key).
        message = t("tp." + error.key, **error.params) if has("tp." + error.key) else error.message
        self.query_one("#form-error", Static).update(safe(message, "bold red"))
        name = error.field if isinstance(error, ValidationError) else error.params.get("field")
        for spec in self.fields:
            if spec.matches(name):
                widget = self.editor(spec.key)
                widget.add_class("-invalid")
                widget.focus()
                break

    def clear_error(self) -> None:
        self.query_one("#form-error", Static).update("")

    # --- keys ------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        keys = [f.key for f in self.fields]
        here = (event.input.id or "").removeprefix("f-")
        following = keys[keys.index(here) + 1 :] if here in keys else []
        if following:
            self.editor(following[0]).focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.values()))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self))
