"""Textual screens, one per file. ``MAIN`` lists the main screens (the app's
modes, switched with number keys); add a line here for each new one."""

from __future__ import annotations

from typing import NamedTuple

from textual import events, on
from textual.screen import Screen

from ltc_tui.i18n import t
from ltc_tui.ui import translate_bindings


class MainEntry(NamedTuple):
    mode: str
    key: str
    module: str
    cls: str
    title_key: str


MAIN: list[MainEntry] = [
    MainEntry("leads", "1", "ltc_tui.screens.lead_pool", "LeadPoolScreen", "mode.leads"),
    MainEntry("nurturing", "2", "ltc_tui.screens.nurturing_list", "NurturingListScreen", "mode.nurturing"),
    MainEntry("pipeline", "3", "ltc_tui.screens.pipeline", "PipelineScreen", "mode.pipeline"),
    MainEntry("contracts", "4", "ltc_tui.screens.contracts", "ContractTrackerScreen", "mode.contracts"),
    MainEntry("dashboard", "5", "ltc_tui.screens.dashboard", "DashboardScreen", "mode.dashboard"),
]


class LtcScreen(Screen):
    """Base of our screens: bindings shown in the current language."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)

    @on(events.Mount)
    def _header_in_our_words(self) -> None:
        # The header's icon sets Textual's English tooltip when it mounts; ours replaces it after.
        def translate() -> None:
            for icon in self.query("HeaderIcon"):
                icon.tooltip = t("textual.Open the command palette")

        self.call_after_refresh(translate)


class MainScreen(LtcScreen):
    """A main screen (a mode): it can be refreshed when the data changes."""

    def on_data_changed(self) -> None:  # from LtcApp.check_for_changes
        self.refresh_data()

    def refresh_data(self) -> None:
        """Reload what the screen shows; override."""
