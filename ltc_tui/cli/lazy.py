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
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name, get_group_from_info
from typer.models import CommandInfo, TyperInfo

try:  # Typer internals (0.29): see text_as_given
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - a later Typer: no shortcut, same behaviour
    RuntimeParam = None  # type: ignore[assignment,misc]


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, each built the first time it is looked up.

    Reads like the dict Typer builds (so code walking ``group.commands``
    still sees every command); ``peek`` looks without building."""

    def __init__(self, built: dict[str, Any], pending: dict[str, Callable[[], Any]]) -> None:
        self._built = dict(built)
        self._pending = dict(pending)
        self._order = [*built, *(name for name in pending if name not in built)]

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._pending:
                raise KeyError(name)
            self._built[name] = self._pending.pop(name)()
        return self._built[name]

    def peek(self, name: str) -> Any:
        return self._built.get(name)

    def __setitem__(self, name: str, command: Any) -> None:
        self._pending.pop(name, None)
        self._built[name] = command
        if name not in self._order:
            self._order.append(name)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._built.pop(name, None)
        self._pending.pop(name, None)
        self._order.remove(name)

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in self._pending

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)


class LazyGroup(TyperGroup):
    """A group whose commands are built from their Typer definitions on demand."""

    commands: LazyCommands  # type: ignore[assignment]
    short_helps: dict[str, Callable[[int], str | None]]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if command is not None:
            text_as_given(command, ctx)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The "Commands" section as Typer writes it, without building what is not built."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.peek(name)
            text = self.short_helps[name](limit) if command is None else (
                None if command.hidden else command.get_short_help_str(limit))
            if text is not None:
                rows.append((name, text))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def make_lazy(group: Any, pending: dict[str, tuple[Callable[[], Any], Callable[[int], str | None]]]) -> None:
    """Turn a Typer-built group into a lazy one: ``pending`` maps a name to
    (how to build it, its one-line help at a given width)."""
    if not isinstance(group, LazyGroup):
        group.__class__ = type(f"Lazy{type(group).__name__}", (LazyGroup, type(group)), {})
    group.commands = LazyCommands(group.commands, {name: build for name, (build, _) in pending.items()})
    group.short_helps = {name: short for name, (_, short) in pending.items()}


def lazy_group(info: TyperInfo, *, pretty_exceptions_short: bool, rich_markup_mode: Any,
               suggest_commands: bool) -> Any:
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
    empty.cls = empty.cls or LazyGroup
    group = get_group_from_info(empty, **settings)
    pending: dict[str, tuple[Callable[[], Any], Callable[[int], str | None]]] = {}
    for command_info in source.registered_commands:
        assert command_info.callback is not None
        name = command_info.name or get_command_name(command_info.callback.__name__)
        pending[name] = (_builder(command_info, settings), _short_help(name, command_info))
    make_lazy(group, pending)
    for sub_info in source.registered_groups:
        sub = lazy_group(sub_info, **settings)
        if sub.name:
            group.commands[sub.name] = sub
    return group


def _builder(info: CommandInfo, settings: dict[str, Any]) -> Callable[[], Any]:
    return lambda: get_command_from_info(info, pretty_exceptions_short=settings["pretty_exceptions_short"],
                                         rich_markup_mode=settings["rich_markup_mode"])


def _short_help(name: str, info: CommandInfo) -> Callable[[int], str | None]:
    def short(limit: int) -> str | None:
        if info.hidden:
            return None
        assert info.callback is not None
        text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
        shell = TyperCommand(name=name, help=text, short_help=info.short_help, deprecated=info.deprecated)
        return shell.get_short_help_str(limit)

    return short


if RuntimeParam is not None:

    class _AsGiven(RuntimeParam):  # type: ignore[misc,valid-type]
        """A text or flag value click has already parsed, kept as it is."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is self.annotation:
                return value
            # Anything else (a prompt's or an env var's text for a flag): Typer's own way.
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def text_as_given(command: Any, ctx: Any) -> None:
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
