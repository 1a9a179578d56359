"""Command palette providers of the app: "jump to lead" (by id, title or customer)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ltc_tui.i18n import t
from ltc_tui.values import printable

MAX_HITS = 12


class LtcCommandPalette(CommandPalette):
    """Textual's command palette, saying its own words in the current language."""

    def __init__(self) -> None:
        super().__init__(placeholder=t("palette.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8's own method, with its "No matches found" from the catalogue.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("palette.no_matches"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class LeadSearch(Provider):
    """Type words of a lead's title or customer (or its number) to open its file."""

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            Text(t("palette.jump")), partial(self._noop), text=t("palette.jump"), help=t("palette.jump_help")
        )

    def _noop(self) -> None:
        self.app.notify(t("palette.jump_help"), markup=False)

    async def search(self, query: str) -> Hits:
        words = query.strip().lstrip("#")
        if len(words) < 2 and not words.isdigit():
            return
        if getattr(self.app, "actor_id", None) is None:
            return
        try:
            rows = await self.app.db_call(partial(_find, text=words))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a failed search shows no hits; the palette stays usable
            return
        for rank, row in enumerate(rows):
            label = f"#{row.id} {printable(row.title)} · {printable(row.customer)}"
            display = Text(t("palette.jump_prefix") + " ") + Text(label)
            score = 1.0 if words.isdigit() and str(row.id) == words else max(0.1, 0.9 - rank * 0.05)
            yield Hit(score, display, partial(self._open, row.id), text=label, help=t("palette.jump_hit_help", status=row.status))

    def _open(self, lead_id: int) -> None:
        from ltc_tui.screens.lead_file import LeadFileScreen

        self.app.push_screen(LeadFileScreen(lead_id))


@dataclass
class Found:
    id: int
    title: str
    customer: str
    status: str


def _find(session: Any, *, text: str) -> list[Found]:
    """The lead numbered ``text`` first (if any), then leads whose title,
    customer or need hold every word."""
    from ltc_tui.errors import NotFound
    from ltc_tui.services.customers import get_customer
    from ltc_tui.services.leads import LeadQuery, get_lead, query_leads

    found: list[Found] = []
    if text.isdigit():
        try:
            lead = get_lead(session, int(text))
            found.append(Found(lead.id or 0, lead.title, get_customer(session, lead.customer_id).name, lead.status))
        except NotFound:
            pass
    for row in query_leads(session, LeadQuery(text=text, sort="priority", limit=MAX_HITS)):
        if all(f.id != row.id for f in found):
            found.append(Found(row.id, row.title, row.customer, row.status))
    return found[:MAX_HITS]
