"""Small pieces every screen uses: translated bindings, safe text, the
database call from the UI, and error display.

User text is data, never markup: ``safe()`` turns it into a ``rich.text.Text``
with control characters shown as escapes; every screen shows user text
through it (DataTable cells, Static, notifications).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text

from ltc_tui.errors import LtcError
from ltc_tui.i18n import has, label, t
from ltc_tui.values import printable

if TYPE_CHECKING:
    from textual.dom import DOMNode

T = TypeVar("T")


def safe(value: Any, style: str = "") -> Text:
    """User data as literal text: no markup, no raw control codes."""
    return Text(printable("" if value is None else str(value)), style=style)


def translate_bindings(node: DOMNode) -> None:
    """Bindings declare catalogue keys as descriptions; show them in the
    current language (footer, help screen, command palette). Textual's own
    bindings ("Focus Next", "palette") are looked up as ``textual.<text>``."""
    bindings = node._bindings  # noqa: SLF001 - Textual keeps per-instance bindings here
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [_translated(b) for b in items]


def _translated(binding: Any) -> Any:
    description = binding.description
    if not description:
        return binding
    catalogue_key = description if has(description) else f"textual.{description}"
    if not has(catalogue_key):
        return binding
    tooltip = binding.tooltip
    if tooltip:
        tooltip = t(tooltip) if has(tooltip) else t(f"textual.{tooltip}") if has(f"textual.{tooltip}") else tooltip
    return dataclasses.replace(binding, description=t(catalogue_key), tooltip=tooltip)


def show_error(node: DOMNode, error: BaseException) -> None:
    """An error as a notification: our errors by their message, anything else
    as one line (details in the crash log), never a traceback."""
    app = node.app
    if isinstance(error, LtcError):
        app.notify(printable(error.message), title=error.title, severity="error", markup=False, timeout=8)
        return
    from ltc_tui.cli.common import _crash_log

    where = _crash_log(error)
    app.notify(t("tui.internal_error", kind=type(error).__name__, where=where or "-"), severity="error", markup=False, timeout=10)


def say(node: DOMNode, key: str, *, severity: str = "information", **params: Any) -> None:
    node.app.notify(printable(t(key, **params)), severity=severity, markup=False)  # type: ignore[arg-type]


async def db_call(node: DOMNode, fn: Callable[[Any], T], *, write: bool = False) -> T:
    """Run ``fn(session)`` off the UI thread, acting as the app's person."""
    app = node.app
    return await app.db_call(fn, write=write)  # type: ignore[attr-defined, no-any-return]


# --- how lead values look on every screen ------------------------------------------------

TEMP_STYLE = {"hot": "bold red", "warm": "dark_orange", "cold": "dodger_blue2"}
STATUS_STYLE = {"submitted": "yellow", "verified": "cyan", "nurturing": "magenta", "converted": "green", "closed": "dim"}
DECISION_STYLE = {"close": "red", "convert": "green", "nurture": "magenta", "defer": "yellow"}


def label_of(enum_name: str, value: str | None) -> str:
    """A person's word for a stored enum value (``"hot"`` -> "hot", "热")."""
    if not value:
        return ""
    from ltc_tui import enums

    try:
        return label(getattr(enums, enum_name)(value))
    except ValueError:
        return value


def styled(enum_name: str, value: str | None) -> Text:
    """An enum value in its colour (temperature, status, decision)."""
    styles = {"Temperature": TEMP_STYLE, "LeadStatus": STATUS_STYLE, "DecisionKind": DECISION_STYLE}.get(enum_name, {})
    return safe(label_of(enum_name, value), styles.get(value or "", ""))


def yes_no(value: bool | None) -> str:
    return t("ui.unknown") if value is None else t("ui.yes") if value else t("ui.no")


def reasons_text(reasons: list[Any]) -> Text:
    """Rule reasons as one line each: "customer standing key +2"."""
    out = Text()
    for i, reason in enumerate(reasons):
        if i:
            out.append("\n")
        out.append("· " + printable(t(reason.key, **reason.params)))
        if reason.points not in (None, 0):
            out.append(f"  {reason.points:+d}", style="bold")
    return out
