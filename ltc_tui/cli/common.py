"""What every shell command shares: global options, the database, the acting
person, error handling and output (tables for people, ``--json`` for scripts).

Heavy modules (SQLModel, Rich) are imported inside functions so that
``ltc --help`` and commands that do not touch the database start fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from ltc_tui.errors import LtcError
from ltc_tui.i18n import t

if TYPE_CHECKING:
    from rich.console import Console

    from ltc_tui.db import Database


@dataclass
class State:
    db: str | None = None
    actor: str | None = None
    lang: str | None = None
    _database: Database | None = None


state = State()


def reset_state() -> None:
    """Forget the global options and the open database (each invocation starts
    afresh; tests run many commands in one process)."""
    if state._database is not None:
        state._database.dispose()
    state.db = state.actor = state.lang = None
    state._database = None


def open_db(*, create: bool = True) -> Database:
    from ltc_tui.db import open_database

    if state._database is None:
        state._database = open_database(state.db, create=create)
    return state._database


@contextlib.contextmanager
def unit(*, write: bool = True, actor: bool = True) -> Iterator[Any]:
    """A session on the database, with the acting person resolved and recorded."""
    from ltc_tui.services.people import acting_handle, resolve_actor

    db = open_db()
    with db.session(write=write) as session:
        if actor:
            person = resolve_actor(session, acting_handle(state.actor))
            session.info["actor_id"] = person.id
        yield session


def actor_of(session: Any) -> Any:
    from ltc_tui.models.people import Person

    return session.get(Person, session.info.get("actor_id"))


# --- errors -----------------------------------------------------------------------


def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(error: LtcError) -> None:
    from ltc_tui.redact import redact
    from ltc_tui.values import printable

    # One line, whatever the user typed into it.
    message = printable(redact(error.message)).replace("\n", "\\n")
    if not plain_line(message, "bold red", stderr=True):
        from rich.text import Text

        _err_console().print(Text(message, style="bold red"))


def warn(key: str, /, **params: Any) -> None:
    from ltc_tui.values import printable

    message = printable(t(key, **params))
    if not plain_line(message, "yellow", stderr=True):
        from rich.text import Text

        _err_console().print(Text(message, style="yellow"))


# Styles a one-line message may take without Rich, as the SGR codes Rich writes for them.
_SGR = {"": "", "green": "32", "yellow": "33", "red": "31", "bold red": "1;31", "bold": "1", "dim": "2"}
# Settings Rich honours that this shortcut does not: with any of them, Rich prints.
_RICH_ENV = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "JUPYTER_COLUMNS")


def plain_line(message: str, style: str = "", *, stderr: bool = False) -> bool:
    """Write one short line of (already printable) text as Rich would, without
    importing Rich: ~25 ms of a quick command such as ``ltc lead add``.

    Only the simple case: a known style, no line breaks or tabs, short enough
    not to wrap, a terminal that is not dumb, no Rich settings in the
    environment. Returns False, writing nothing, when Rich must do it."""
    import os

    code = _SGR.get(style)
    if code is None or not message or message != message.strip() or any(c in message for c in "\n\r\t\x1b"):
        return False
    if any(os.environ.get(name) is not None for name in _RICH_ENV):
        return False
    stream = sys.stderr if stderr else sys.stdout
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        return False
    if terminal:
        if os.environ.get("TERM", "").lower() in ("", "dumb", "unknown"):
            return False
        try:
            width = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            return False
    else:
        width = 200  # console() when piped; stderr never wraps (soft wrap)
    cells = len(message) if message.isascii() else 2 * len(message)  # at most two cells a character
    if not stderr and cells >= width:
        return False
    stream.write(f"\x1b[{code}m{message}\x1b[0m\n" if terminal and code else message + "\n")
    stream.flush()
    return True


def _crash_log(exc: BaseException) -> str | None:
    """Append the traceback to ``crash.log`` (owner-only; passwords masked)."""
    import traceback

    from ltc_tui import paths
    from ltc_tui.redact import redact, redact_argv

    try:
        path = paths.data_dir() / "crash.log"
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat()} {' '.join(redact_argv(sys.argv))}\n")
            fh.write(redact("".join(traceback.format_exception(exc))))
        return str(path)
    except OSError:
        return None


class LtcGroup(TyperGroup):
    """The root command group: our errors become one red line and an exit code;
    anything unexpected becomes one line and a crash log, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except LtcError as error:
            print_error(error)
            ctx.exit(error.exit_code)
        except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
            raise
        except KeyboardInterrupt:
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            from rich.text import Text

            where = _crash_log(exc)
            message = t("cli.internal_error", kind=type(exc).__name__, where=where or "-")
            _err_console().print(Text(message, style="bold red"))
            ctx.exit(1)


# --- output ------------------------------------------------------------------------


def console() -> Console:
    """Output for people; when piped, wide enough that tables do not wrap."""
    from rich.console import Console

    wide = None if sys.stdout.isatty() else 200
    return Console(highlight=False, soft_wrap=False, width=wide)


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump") and hasattr(value, "__table__"):
        return {k: to_jsonable(v) for k, v in value.model_dump().items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def print_json(data: Any) -> None:
    """JSON for scripts. Characters a terminal would obey (C1 controls such as CSI,
    bidi overrides, zero-width) are written as ``\\uXXXX`` escapes: the same JSON
    value, harmless when someone prints it to a terminal."""
    from ltc_tui.values import UNSAFE_CHARS

    text = json.dumps(to_jsonable(data), ensure_ascii=False, indent=2)
    sys.stdout.write(UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def money_json(cents: int | None) -> str | None:
    from ltc_tui.values import cents_to_decimal

    value = cents_to_decimal(cents)
    return None if value is None else str(value)


def text(value: Any, style: str = "") -> Any:
    """A cell or line of user data: literal, never markup, never raw control codes."""
    from rich.text import Text

    from ltc_tui.values import printable

    return Text(printable("" if value is None else str(value)), style=style)


def columns(*keys: str) -> list[str]:
    """Column headers from catalogue keys; a leading ">" right-aligns the
    column, and "#" or "" stand as they are."""
    headers = []
    for key in keys:
        name = key.lstrip(">")
        headers.append(key[: len(key) - len(name)] + (name if name in ("", "#") else t(name)))
    return headers


def label_of(enum_name: str, value: Any) -> str:
    """A stored enum value in the reader's words ("needs_analysis" -> "needs analysis", "需求分析")."""
    from ltc_tui import enums
    from ltc_tui.i18n import label

    if value is None or value == "":
        return ""
    try:
        return label(getattr(enums, enum_name)(value))
    except ValueError:
        return str(value)


def labels_of(enum_name: str, values: Any) -> str:
    from ltc_tui.i18n import join

    return join(label_of(enum_name, v) for v in values)


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str | None = None) -> None:
    from rich.table import Table

    # A key/value table (all column names empty) has no header row to show.
    grid = Table(title=title, header_style="bold", show_lines=False, expand=False, show_header=any(columns))
    for column in columns:
        justify = "right" if column.startswith(">") else "left"
        grid.add_column(column.lstrip(">"), justify=justify, overflow="fold")
    for row in rows:
        grid.add_row(*(cell if hasattr(cell, "spans") else text(cell) for cell in row))
    console().print(grid)


def line(*parts: Any, style: str = "") -> None:
    from rich.text import Text

    out = Text(style=style)
    for part in parts:
        out.append(part if isinstance(part, Text) else text(part))
    console().print(out)


def say(key: str, /, *, style: str = "", **params: Any) -> None:
    """A message from the catalogue; user-supplied params are shown literally."""
    from ltc_tui.values import printable

    message = printable(t(key, **params))
    if not plain_line(message, style):
        from rich.text import Text

        console().print(Text(message, style=style))


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def need(value: Any, field: str) -> Any:
    from ltc_tui.errors import ValidationError

    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("error.required", field=field)
    return value
