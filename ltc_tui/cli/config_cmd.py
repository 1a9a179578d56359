"""``ltc config``: the team settings, shared through the database."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c
from ltc_tui.i18n import t

app = typer.Typer(
    no_args_is_help=False,
    invoke_without_command=True,
    # A group parses no options after its first argument unless told to: `ltc config KEY --json`.
    context_settings={"allow_interspersed_args": True},
)


@app.callback()
def config(
    ctx: typer.Context,
    key: str = typer.Argument(None, help="Setting to show or change."),
    value: str = typer.Argument(None, help="New value (admins only)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show all settings, show one, or change one: ltc config stale_days 21."""
    from ltc_tui.services import settings

    if value is None:
        with c.unit(write=False, actor=False) as session:
            values = settings.all_settings(session)
        if key is not None:
            settings._spec(key)  # noqa: SLF001 - validates the name
            values = {key: values[key.strip().lower().replace("-", "_")]}
        if as_json:
            c.print_json(values)
            return
        c.table(c.columns("field.setting", ">field.value", "field.meaning"), [(k, settings.show(k, v), t(settings.SPECS[k].help_key)) for k, v in values.items()])
        return
    with c.unit() as session:
        stored = settings.set_value(session, key, value)
    c.say("cli.config.set", key=key, value=settings.show(key.strip().lower().replace("-", "_"), stored), style="green")
