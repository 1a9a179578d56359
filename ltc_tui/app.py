"""The ltc app (Textual): the shell around the main screens.

Header: the database in use and the acting person. Footer: the current
screen's keys. Number keys switch between the main screens (Textual modes,
registered in ``ltc_tui.screens.MAIN``); ``?`` lists every key; the command
palette (ctrl+p) lists every action of every main screen, "jump to lead",
and the theme, which is remembered on this machine.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ltc_tui import paths
from ltc_tui.db import Database
from ltc_tui.errors import LtcError
from ltc_tui.i18n import has, t
from ltc_tui.messages import DataChanged
from ltc_tui.screens import MAIN, LtcScreen, MainScreen
from ltc_tui.ui import show_error, translate_bindings
from ltc_tui.values import printable

T = TypeVar("T")

LIVE_REFRESH_SECONDS = 2.0


def _mode_factory(module: str, cls: str) -> Callable[[], Screen]:
    def make() -> Screen:
        return getattr(importlib.import_module(module), cls)()

    return make


def _style_sheets() -> list[str | Path]:
    """``app.tcss`` first, then every area's own ``*.tcss`` next to it."""
    here = Path(__file__).parent
    return [here / "app.tcss", *sorted(p for p in here.glob("*.tcss") if p.name != "app.tcss")]


def _lead_search() -> Any:
    from ltc_tui.commands import LeadSearch

    return LeadSearch


class LtcApp(App[None]):
    CSS_PATH: ClassVar[list[str | Path]] = _style_sheets()  # type: ignore[misc]
    TITLE = "ltc"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_lead_search}

    BINDINGS = [
        *(
            Binding(entry.key, f"go('{entry.mode}')", entry.title_key, id=f"go.{entry.mode}", show=False)
            for entry in MAIN
        ),
        Binding("question_mark", "help", "key.help", id="app.help"),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True),
    ]
    MODES = {entry.mode: _mode_factory(entry.module, entry.cls) for entry in MAIN}

    def __init__(
        self, db: Database, *, actor: str | None = None, start_in: str | None = None, db_label: str | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.db_label = printable(db_label or db.display)  # tests pass a stable label for snapshots
        self.wanted_actor = actor
        self.actor_id: int | None = None
        self.actor_handle: str | None = None
        self.start_in = start_in or MAIN[0].mode
        self._data_version: int | None = None
        translate_bindings(self)
        self.sub_title = self.db_label

    # --- database -------------------------------------------------------------------

    async def db_call(self, fn: Callable[[Any], T], *, write: bool = False) -> T:
        """Run ``fn(session)`` in a thread, acting as the app's person."""

        def run() -> T:
            with self.db.session(actor_id=self.actor_id, write=write) as session:
                return fn(session)

        result = await asyncio.to_thread(run)
        if write:
            self.call_later(self.check_for_changes)
        return result

    async def check_for_changes(self) -> None:
        """Tell the screens when the data changed (here or elsewhere)."""
        from ltc_tui.services.audit import data_version

        try:
            version = await asyncio.to_thread(self._read_version, data_version)
        except Exception:  # noqa: BLE001 - a failed probe must not disturb the user; next tick retries
            return
        if self._data_version is not None and version != self._data_version:
            for screen in self.screen_stack:
                screen.post_message(DataChanged())
        self._data_version = version

    def _read_version(self, probe: Callable[[Any], int]) -> int:
        with self.db.session(write=False) as session:
            return probe(session)

    # --- start-up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        saved = paths.load_prefs().get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.run_worker(self._start(), exclusive=True, group="start")

    def _remember_theme(self, theme: Any) -> None:
        paths.save_pref("theme", theme.name)

    async def _start(self) -> None:
        from ltc_tui.services.people import acting_handle, count_people, resolve_actor

        handle = acting_handle(self.wanted_actor)
        try:
            people = await self.db_call(count_people)
            person = await self.db_call(partial(resolve_actor, handle=handle)) if handle and people else None
        except Exception as error:  # noqa: BLE001 - shown, then the picker lets them choose
            show_error(self, error)
            person = None
        if person is None:
            from ltc_tui.screens.who import WhoScreen

            self.push_screen(WhoScreen(first=people == 0), self._chosen)
            return
        self._become(person)

    def _chosen(self, person: Any) -> None:
        if person is None:
            self.exit()
            return
        paths.save_pref("me", person.handle)
        self._become(person)

    def _become(self, person: Any) -> None:
        self.actor_id = person.id
        self.actor_handle = person.handle
        self.sub_title = f"{self.db_label} · {t('ui.paren', text=printable(person.name), detail=person.handle)}"
        self.set_interval(LIVE_REFRESH_SECONDS, self.check_for_changes)
        if self.start_in in self.MODES:
            self.switch_mode(self.start_in)
        else:  # an action of the first screen, e.g. "meeting"
            self._run_in_mode(MAIN[0].mode, self.start_in)

    def _handle_exception(self, error: Exception) -> None:
        """An error nobody caught: one line for the person, details in the crash
        log, and the app goes on (every write is one transaction, so the data
        is whole). Under Pilot (headless tests) it fails loudly instead."""
        from textual.worker import WorkerFailed

        inner = error.error if isinstance(error, WorkerFailed) else error  # type: ignore[attr-defined]
        if self.is_headless and not isinstance(inner, LtcError):
            super()._handle_exception(error)
            return
        show_error(self, inner)

    # --- actions ----------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        if self.actor_id is not None and mode in self.MODES:
            self.switch_mode(mode)

    def action_help(self) -> None:
        from ltc_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """Textual's palette, in the current language."""
        from textual.command import CommandPalette

        from ltc_tui.commands import LtcCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(LtcCommandPalette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of every main screen ("Leads: new lead"), the actions of
        the screen in front when it is not a main one (a lead file, the meeting),
        then the app's own."""
        if self.actor_id is not None:
            if not isinstance(screen, MainScreen) and isinstance(screen, LtcScreen):
                area = t(getattr(screen, "AREA_KEY", "palette.this_screen"))
                for binding in type(screen).BINDINGS:
                    if isinstance(binding, Binding) and binding.description:
                        yield SystemCommand(
                            t("ui.area_action", area=area, action=t(binding.description)),
                            t("palette.run", area=area, key=self.get_key_display(binding)),
                            partial(screen.run_action, binding.action),
                        )
            for entry in MAIN:
                area = t(entry.title_key)
                yield SystemCommand(f"{area}", t("palette.go", area=area), partial(self.action_go, entry.mode))
                screen_cls = getattr(importlib.import_module(entry.module), entry.cls)
                for binding in screen_cls.BINDINGS:
                    if not isinstance(binding, Binding) or not binding.description:
                        continue
                    yield SystemCommand(
                        t("ui.area_action", area=area, action=t(binding.description)),
                        t("palette.run", area=area, key=self.get_key_display(binding)),
                        partial(self._run_in_mode, entry.mode, binding.action),
                    )
        yield SystemCommand(t("palette.help"), t("palette.help_help"), self.action_help)
        for command in super().get_system_commands(screen):  # Textual's own, in our words
            title, help_text = f"textual.{command.title}", f"textual.{command.help}"
            yield command._replace(
                title=t(title) if has(title) else command.title, help=t(help_text) if has(help_text) else command.help
            )

    def _run_in_mode(self, mode: str, action: str) -> None:
        async def go() -> None:
            await self.switch_mode(mode)
            screen = self.screen
            if isinstance(screen, MainScreen):
                await screen.run_action(action)

        self.run_worker(go(), group="palette")


def run_app(db: Database, *, actor: str | None = None, start_in: str | None = None) -> None:
    LtcApp(db, actor=actor, start_in=start_in).run()
