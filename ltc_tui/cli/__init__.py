"""``ltc``: the shell side of ltc-tui (Typer).

``ltc`` alone opens the app; ``ltc <noun> <verb>`` does quick work from the
shell. Each noun lives in its own module here and imports nothing heavy at
module level: the database and models load only when a command needs them.
The nouns themselves load on demand too (``RootGroup``): ``ltc lead add``
builds the ``lead`` commands only, not all eighty (~40 ms per start).
"""

from __future__ import annotations

import importlib
import sys
from difflib import get_close_matches
from typing import Any

import typer

from ltc_tui.cli.common import LtcGroup, state


class RootGroup(LtcGroup):
    """The ``ltc`` group: noun groups (``GROUPS``) are imported and built the
    first time they are asked for; help lists them from their help text."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _text_as_given(self, ctx, deep=False)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name in self.commands if name not in GROUPS] + list(GROUPS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in GROUPS:
            command = self.commands[cmd_name] = _build_group(cmd_name)
        if command is not None:
            _text_as_given(command, ctx)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        from typer._click.utils import make_default_short_help

        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is None:
                rows.append((name, make_default_short_help(GROUPS[name], limit)))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except typer._click.exceptions.UsageError as error:
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches:
                error.message = f"{error.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise


try:  # Typer internals (0.29): see _text_as_given
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - a later Typer: no shortcut, same behaviour
    RuntimeParam = None  # type: ignore[assignment,misc]


if RuntimeParam is not None:

    class _AsGiven(RuntimeParam):  # type: ignore[misc,valid-type]
        """A text or flag value click has already parsed, kept as it is."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is self.annotation:
                return value
            # Anything else (a prompt's or an env var's text for a flag): Typer's own way.
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def _text_as_given(command: Any, ctx: Any, *, deep: bool = True) -> None:
    """Typer 0.29 coerces every parameter through a pydantic TypeAdapter it
    builds on first use; the first one imports pydantic (~90 ms here), so
    ``ltc version`` and ``ltc lead --help`` paid for it through ``--db`` and
    the ``--help`` flags. Plain ``str`` and ``bool`` parameters need no
    coercion: give them a runtime parameter that returns click's value
    unchanged (anything else still goes Typer's way)."""
    if RuntimeParam is None or getattr(command, "_ltc_as_given", False):
        return
    command._ltc_as_given = True
    helper = command.get_help_option(ctx) if hasattr(command, "get_help_option") else None
    for param in [*getattr(command, "params", ()), *([helper] if helper is not None else [])]:
        desc = getattr(param, "type_descriptor", None)
        if (
            desc is not None
            and desc.annotation in (str, bool)
            and desc.file_annotation is None
            and desc.parameter_info.parser is None
            and getattr(param, "_runtime_param", False) is None
            and not param.multiple
            and param.nargs == 1
        ):
            param._runtime_param = _AsGiven(parameter_info=desc.parameter_info, annotation=desc.annotation)
    if deep:
        for sub in getattr(command, "commands", {}).values():
            _text_as_given(sub, ctx)


def _build_group(noun: str) -> Any:
    """The click group of one noun, as ``app.add_typer`` would have built it."""
    from typer.main import get_group_from_info
    from typer.models import TyperInfo

    module = importlib.import_module(f"ltc_tui.cli.{noun}_cmd")
    return get_group_from_info(
        TyperInfo(module.app, name=noun, help=GROUPS[noun]),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
        suggest_commands=app.suggest_commands,
    )

HELP = """Lead to Cash for a B2B sales team: capture, verify, decide, nurture, win, collect.

Run `ltc` alone to open the app. Acting person: --as, LTC_USER, or `ltc person me`.
Database: --db PATH-or-URL, LTC_DB, or the default file in your user data directory."""

app = typer.Typer(
    cls=RootGroup,
    help=HELP,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

# noun -> help; ``ltc_tui.cli.<noun>_cmd`` defines ``app`` (a Typer group), loaded on demand.
GROUPS = {
    "lead": "Capture, list, verify, decide and nurture leads.",
    "person": "People on the team, their roles, and who you are.",
    "customer": "Customers, their standing and next-year budget.",
    "contact": "The customer's people: decision role, influence, attitude.",
    "opp": "Opportunities: stages, gates, won and lost, power map.",
    "contract": "Contracts: milestones, invoices, payments, disputes, closing.",
    "visit": "Customer visits and the weekly count against the target.",
    "meeting": "Lead committee meetings and their minutes.",
    "config": "Team settings shared through the database.",
    "db": "Create, check, upgrade, back up and restore the database.",
    "audit": "Who changed what, when.",
}
COMMANDS = ("data", "transfer", "demo", "report", "serve")  # modules adding top-level commands


def _register() -> None:
    for name in COMMANDS:
        importlib.import_module(f"ltc_tui.cli.{name}_cmd").register(app)


@app.callback()
def root(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="Database: a file path or any SQLAlchemy URL (default: LTC_DB, then the user data dir)."),
    as_: str = typer.Option(None, "--as", help="Act as this person (handle). Default: LTC_USER, then `ltc person me`."),
    lang: str = typer.Option(None, "--lang", help="Language: en or zh (default: LTC_LANG, then the system locale)."),
) -> None:
    from ltc_tui.cli.common import reset_state
    from ltc_tui.i18n import set_language

    reset_state()
    state.db = db
    state.actor = as_
    state.lang = lang
    set_language(lang)
    if ctx.invoked_subcommand is None:
        from ltc_tui.cli.common import open_db

        database = open_db()
        from ltc_tui.app import run_app

        run_app(database, actor=as_)


_register()


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - never a traceback, even from a bug in the handler
        from ltc_tui.cli.common import _crash_log

        where = _crash_log(exc)
        sys.stderr.write(f"ltc hit an internal error ({type(exc).__name__}); details: {where or '-'}\n")
        sys.exit(1)
