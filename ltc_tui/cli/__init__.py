"""``ltc``: the shell side of ltc-tui (Typer).

``ltc`` alone opens the app; ``ltc <noun> <verb>`` does quick work from the
shell. Each noun lives in its own module here and imports nothing heavy at
module level: the database and models load only when a command needs them.
The nouns themselves load on demand too (``RootGroup``, ``cli/lazy.py``):
``ltc lead add`` builds that one command, not all eighty (~40 ms per start).
"""

from __future__ import annotations

import importlib
import sys
from functools import partial
from typing import Any

import typer
from typer.models import TyperInfo

from ltc_tui.cli.common import LtcGroup, state
from ltc_tui.cli.lazy import LazyGroup, lazy_group, make_lazy, text_as_given


class RootGroup(LazyGroup, LtcGroup):
    """The ``ltc`` group: noun groups (``GROUPS``) are imported and built the
    first time they are asked for, their commands too (``cli/lazy.py``);
    help lists them from their help text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        make_lazy(self, {noun: (partial(_noun_group, noun), partial(_noun_help, noun)) for noun in GROUPS})

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        text_as_given(self, ctx)
        return super().parse_args(ctx, args)


def _noun_group(noun: str) -> Any:
    module = importlib.import_module(f"ltc_tui.cli.{noun}_cmd")
    return lazy_group(
        TyperInfo(module.app, name=noun, help=GROUPS[noun]),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
        suggest_commands=app.suggest_commands,
    )


def _noun_help(noun: str, limit: int) -> str:
    from typer._click.utils import make_default_short_help

    return make_default_short_help(GROUPS[noun], limit)


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
        try:
            from ltc_tui.i18n import t

            message = t("cli.internal_error", kind=type(exc).__name__, where=where or "-")
        except Exception:  # noqa: BLE001 - the catalogue itself failed: say it in English
            message = f"ltc hit an internal error ({type(exc).__name__}); details: {where or '-'}"  # i18n-exempt
        sys.stderr.write(message + "\n")
        sys.exit(1)
