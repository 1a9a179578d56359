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
from ltc_tui.i18n import has, t
from ltc_tui.values import printable

if TYPE_CHECKING:
    from textual.dom import DOMNode

T = TypeVar("T")


def safe(value: Any, style: str = "") -> Text:
    """User data as literal text: no markup, no raw control codes."""
    return Text(printable("" if value is None else str(value)), style=style)


def translate_bindings(node: DOMNode) -> None:
    """Bindings declare catalogue keys as descriptions; show them in the
    current language (footer, help screen, command palette)."""
    bindings = node._bindings  # noqa: SLF001 - Textual keeps per-instance bindings here
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(b.description), tooltip=t(b.tooltip) if b.tooltip else "")
            if has(b.description)
            else b
            for b in items
        ]


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
