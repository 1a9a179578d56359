"""Start-up speed of the shell: build only the commands a run uses.

Typer turns every registered command into a click command before it parses
anything: ~80 commands, each with its parameters read from the function's
signature (annotations evaluated, defaults inspected). ``ltc lead add`` paid
for all of them, and ``ltc version`` imported pydantic for its ``--help``
flag. Here groups are click groups whose commands are built the first time
they are asked for (to run, or to show their own help), and plain text and
flag parameters skip Typer's pydantic coercion.

The help pages are the same as Typer's eager build: a test compares every one.
"""

from __future__ import annotations

import copy
import inspect
from difflib import get_close_matches
from typing import Any

from typer import _click
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name, get_group_from_info
from typer.models import CommandInfo, TyperInfo

try:  # Typer internals (0.29): see text_as_given
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - a later Typer: no shortcut, same behaviour
    RuntimeParam = None  # type: ignore[assignment,misc]


class LazyGroup(TyperGroup):
    """A group whose commands are built from their Typer definitions on demand."""

    pending: dict[str, CommandInfo]
    order: list[str]
    build_settings: dict[str, Any]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.order)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in self.pending:
            info = self.pending.pop(cmd_name)
            command = self.commands[cmd_name] = get_command_from_info(
                info,
                pretty_exceptions_short=self.build_settings["pretty_exceptions_short"],
                rich_markup_mode=self.build_settings["rich_markup_mode"],
            )
        if command is not None:
            text_as_given(command, ctx)
        return command

    def short_help_of(self, name: str, limit: int) -> str | None:
        """The one-line help of a command not built yet (None: hidden)."""
        info = self.pending[name]
        if info.hidden:
            return None
        assert info.callback is not None
        text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
        shell = TyperCommand(name=name, help=text, short_help=info.short_help, deprecated=info.deprecated)
        return shell.get_short_help_str(limit)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = help_rows(self, ctx, formatter)
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        return resolve_with_suggestions(self, ctx, args)


def help_rows(group: Any, ctx: Any, formatter: Any) -> list[tuple[str, str]]:
    """The "Commands" section as Typer writes it, without building what is not built."""
    names = group.list_commands(ctx)
    if not names:
        return []
    limit = formatter.width - 6 - max(len(name) for name in names)
    rows = []
    for name in names:
        command = group.commands.get(name)
        if command is None:
            text = group.short_help_of(name, limit)
            if text is not None:
                rows.append((name, text))
        elif not command.hidden:
            rows.append((name, command.get_short_help_str(limit)))
    return rows


def resolve_with_suggestions(group: Any, ctx: Any, args: list[str]) -> Any:
    """Typer's "Did you mean ...?", over every command name, built or not."""
    try:
        return group._click_resolve_command(ctx, args)
    except _click.exceptions.UsageError as error:
        matches = get_close_matches(args[0], group.list_commands(ctx)) if args else []
        if matches and group.suggest_commands:
            error.message = f"{error.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
        raise


def lazy_group(info: TyperInfo, *, pretty_exceptions_short: bool, rich_markup_mode: Any,
               suggest_commands: bool) -> LazyGroup:
    """The click group for ``info`` (as ``add_typer`` registered it), its
    commands left to build; sub-groups are lazy groups too."""
    settings = {"pretty_exceptions_short": pretty_exceptions_short, "rich_markup_mode": rich_markup_mode,
                "suggest_commands": suggest_commands}
    source = info.typer_instance
    assert source is not None
    shell = copy.copy(source)
    shell.registered_commands = []
    shell.registered_groups = []
    empty = copy.copy(info)
    empty.typer_instance = shell
    empty.cls = LazyGroup
    group = get_group_from_info(empty, **settings)
    assert isinstance(group, LazyGroup)
    group.build_settings = settings
    group.pending = {}
    group.order = []
    for command_info in source.registered_commands:
        assert command_info.callback is not None
        name = command_info.name or get_command_name(command_info.callback.__name__)
        group.pending[name] = command_info
        group.order.append(name)
    for sub_info in source.registered_groups:
        sub = lazy_group(sub_info, **settings)
        if sub.name:
            group.commands[sub.name] = sub
            group.order.append(sub.name)
    return group


if RuntimeParam is not None:

    class _AsGiven(RuntimeParam):  # type: ignore[misc,valid-type]
        """A text or flag value click has already parsed, kept as it is."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is self.annotation:
                return value
            # Anything else (a prompt's or an env var's text for a flag): Typer's own way.
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def text_as_given(command: Any, ctx: Any, *, deep: bool = False) -> None:
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
            text_as_given(sub, ctx, deep=True)
