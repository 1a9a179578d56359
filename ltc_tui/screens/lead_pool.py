"""The lead pool: every lead, filtered and sorted, one page at a time from SQL.

Saved views (all, my leads, to verify, due for review, stale, open,
closed) sit above the table; the filter takes free text and field filters
(``status:verified temp:hot tier:A owner:li``). Keystrokes in the filter
restart one exclusive loading worker after a short pause, so typing fast
over 100,000 leads runs one query, not one per key.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from ltc_tui import clock
from ltc_tui.errors import LtcError
from ltc_tui.i18n import t
from ltc_tui.screens import MainScreen
from ltc_tui.ui import db_call, label_of, safe, say, show_error, styled
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.paged_table import PagedTable

PAGE = 100
FILTER_PAUSE = 0.15  # seconds of quiet typing before the query runs
COLUMNS = [
    ("id", "col.id"), ("title", "col.title"), ("customer", "col.customer"), ("source", "col.source"),
    ("submitter", "col.submitter"), ("class", "col.class"), ("temp", "col.temp"), ("tier", "col.tier"),
    ("priority", "col.priority"), ("status", "col.status"), ("owner", "col.owner"), ("age", "col.age"),
    ("review", "col.review"),
]
# Saved views: services.leads.VIEWS, in the order shown, with their keys.
VIEWS = [
    ("all", "view.all", "a"), ("mine", "view.mine", "m"), ("to_verify", "view.to_verify", "t"),
    ("due", "view.due", "d"), ("stale", "view.stale", "x"), ("open", "view.open", ""), ("closed", "view.closed", ""),
]
NEEDS_LEAD = {"open_lead", "edit_lead", "verify_lead", "close_lead"}
# Long texts are cut (with "…") so that every column fits a 130-column terminal;
# the title takes what the others leave.
MAX_WIDTH = {"customer": 18, "source": 13}
TITLE_WIDTH = (16, 60)


def cut(text: Text, width: int) -> Text:
    text.truncate(width, overflow="ellipsis")
    return text


class LeadPoolScreen(MainScreen):
    AREA_KEY = "mode.leads"
    AUTO_FOCUS = "#leads"
    BINDINGS = [
        Binding("enter", "open_lead", "key.open", id="leads.open"),
        Binding("n", "new_lead", "key.new_lead", id="leads.new"),
        Binding("e", "edit_lead", "key.edit", id="leads.edit"),
        Binding("v", "verify_lead", "key.verify", id="leads.verify"),
        Binding("c", "close_lead", "key.close_lead", id="leads.close"),
        Binding("M", "meeting", "key.meeting", id="leads.meeting"),
        Binding("K", "claim_lead", "key.claim", id="leads.claim"),
        Binding("slash", "focus_filter", "key.filter", id="leads.filter"),
        Binding("w", "next_view", "key.next_view", id="leads.next_view"),
        Binding("W", "previous_view", "key.previous_view", id="leads.previous_view", show=False),
        *(
            Binding(key, f"view('{view}')", title_key, id=f"leads.view.{view}", show=False)
            for view, title_key, key in VIEWS
            if key
        ),
        Binding("escape", "clear_filter", "key.clear_filter", id="leads.clear", show=False),
        Binding("s", "cycle_sort", "key.sort", id="leads.sort", show=False),
        Binding("r", "reverse_sort", "key.reverse", id="leads.reverse", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""
        self.view = "all"
        self.sort = "priority"
        self.descending = True
        self.page_offset = 0
        self.total = 0
        self.want_lead: int | None = None  # put the cursor on this lead after the next load
        self.loaded = 0  # how many loads finished (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="views")
        yield Input(placeholder=t("leads.filter_placeholder"), id="filter")
        yield PagedTable(id="leads")
        yield Static(id="status-line")
        yield LtcFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for key, title_key in COLUMNS:
            table.add_column(t(title_key), key=key)
        table.focus()
        self._show_views()
        self.load()

    # --- loading ---------------------------------------------------------------------

    def lead_query(self) -> Any:
        from ltc_tui.services.leads import LeadQuery, parse_filter

        base = LeadQuery(view=self.view, sort=self.sort, descending=self.descending, limit=PAGE,
                         offset=self.page_offset, me_id=getattr(self.app, "actor_id", None))
        return parse_filter(self.filter_text, base)

    def load(self, *, keep_cursor: bool = False, pause: float = 0.0) -> None:
        # A function, not a coroutine: a worker cancelled before it starts leaves nothing unawaited.
        self.run_worker(partial(self._load, keep_cursor, pause), exclusive=True, group="load")

    async def _load(self, keep_cursor: bool, pause: float = 0.0) -> None:
        from ltc_tui.services.leads import count_leads, query_leads

        if pause:
            await asyncio.sleep(pause)  # a newer keystroke cancels this worker before it queries
        try:
            query = self.lead_query()
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return

        def fetch(session: Any) -> tuple[list[Any], int]:
            rows = query_leads(session, query)
            if not rows and query.offset:  # the page emptied (leads closed elsewhere): show the last one
                query.offset = max(0, count_leads(session, query) - 1) // PAGE * PAGE
                rows = query_leads(session, query)
            return rows, count_leads(session, query)

        try:
            rows, total = await db_call(self, fetch)
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        self.page_offset = query.offset
        self.total = total
        self._fill(rows, keep_cursor)
        self.loaded += 1

    def _fill(self, rows: list[Any], keep_cursor: bool) -> None:
        table = self.query_one(PagedTable)
        old_row = table.cursor_row
        old_key = self.selected_lead_id() if keep_cursor else None
        wanted = self.want_lead or old_key
        today = clock.today()
        table.clear()
        cells = [
            (
                Text(str(r.id), justify="right"),
                safe(r.title),
                cut(safe(r.customer), MAX_WIDTH["customer"]),
                cut(safe(label_of("Source", r.source)), MAX_WIDTH["source"]),
                safe(r.submitter),
                safe(label_of("LeadClass", r.lead_class)),
                styled("Temperature", r.temperature),
                safe(r.tier),
                Text("" if r.priority is None else str(r.priority), justify="right"),
                styled("LeadStatus", r.status),
                safe(r.owner or ""),
                Text(t("ui.days", days=r.age_days(today)), justify="right"),
                safe(r.next_review_on.isoformat() if r.next_review_on else ""),
            )
            for r in rows
        ]
        title_width = table.fit_column("title", cells, least=TITLE_WIDTH[0], most=TITLE_WIDTH[1])
        for r, row in zip(rows, cells, strict=True):
            cut(row[1], title_width)
            table.add_row(*row, key=str(r.id))
        table.has_previous = self.page_offset > 0
        table.has_next = self.page_offset + len(rows) < self.total
        if rows:
            index = next((i for i, r in enumerate(rows) if r.id == wanted), None) if wanted is not None else None
            if index is not None:
                table.move_cursor(row=index)
                self.want_lead = None
            elif keep_cursor:
                table.move_cursor(row=min(old_row, len(rows) - 1))
        self._status()

    def on_resize(self) -> None:
        if self.query_one(PagedTable).row_count:
            self.load(keep_cursor=True)  # titles cut to the new width

    def _status(self) -> None:
        first = self.page_offset + 1 if self.total else 0
        shown = self.query_one(PagedTable).row_count
        self.query_one("#status-line", Static).update(
            safe(t("leads.status_line", first=first, last=self.page_offset + shown, total=self.total,
                   view=t(dict((v, k) for v, k, _ in VIEWS)[self.view]),
                   sort=t(dict(COLUMNS)[self.sort]), order=t("leads.desc") if self.descending else t("leads.asc")))
        )

    def _show_views(self) -> None:
        line = Text()
        for view, title_key, key in VIEWS:
            label = f" {t(title_key)}" + (f" ({key}) " if key else " ")
            line.append(label, style="reverse bold" if view == self.view else "dim")
            line.append(" ")
        self.query_one("#views", Static).update(line)

    def refresh_data(self) -> None:
        self.load(keep_cursor=True)

    # --- events ------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.filter_text = event.value
            self.page_offset = 0
            self.load(pause=FILTER_PAUSE)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(PagedTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_lead()

    def on_paged_table_page_requested(self, event: PagedTable.PageRequested) -> None:
        self.page_offset = max(0, self.page_offset + event.step * PAGE)
        self.run_worker(partial(self._page, event.step), exclusive=True, group="load")

    async def _page(self, step: int) -> None:
        await self._load(keep_cursor=False)
        table = self.query_one(PagedTable)
        if step < 0 and table.row_count:
            table.move_cursor(row=table.row_count - 1)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, key in ("priority", "age", "id")
        self.page_offset = 0
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_LEAD and self.is_mounted and not self.query_one(PagedTable).row_count:
            return None  # shown dimmed: there is no lead under the cursor
        return True

    # --- actions: the list ---------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(PagedTable).focus()

    def action_view(self, view: str) -> None:
        self.view = view
        self.page_offset = 0
        self._show_views()
        self.load()

    def action_next_view(self, step: int = 1) -> None:
        names = [v for v, _, _ in VIEWS]
        self.action_view(names[(names.index(self.view) + step) % len(names)])

    def action_previous_view(self) -> None:
        self.action_next_view(-1)

    def action_cycle_sort(self) -> None:
        keys = [k for k, _ in COLUMNS]
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]
        self.page_offset = 0
        self.load()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.page_offset = 0
        self.load()

    def selected_lead_id(self) -> int | None:
        return self.query_one(PagedTable).selected_id()

    # --- actions: one lead ----------------------------------------------------------------

    def action_open_lead(self) -> None:
        from ltc_tui.screens.lead_file import LeadFileScreen

        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.app.push_screen(LeadFileScreen(lead_id))

    def action_new_lead(self) -> None:
        from ltc_tui.screens.lead_form import LeadFormScreen

        self.app.push_screen(LeadFormScreen(), self._saved)

    def action_edit_lead(self) -> None:
        from ltc_tui.screens.lead_form import LeadFormScreen

        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.app.push_screen(LeadFormScreen(lead_id), self._saved)

    def _saved(self, lead_id: int | None) -> None:
        if lead_id:
            self.want_lead = lead_id
            self.load(keep_cursor=True)

    def action_verify_lead(self) -> None:
        from ltc_tui.screens.verify_form import VerifyScreen

        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.app.push_screen(VerifyScreen(lead_id), self._saved)

    async def action_close_lead(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is not None:
            await close_lead(self, lead_id)

    async def action_claim_lead(self) -> None:
        """Claim the verified, unowned lead under the cursor (认领): you own it now."""
        from ltc_tui.services.distribution import claim

        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        try:
            await db_call(self, partial(claim, lead_id=lead_id), write=True)
        except Exception as error:  # noqa: BLE001 - the rule's refusal, shown as it is
            show_error(self, error)
            return
        say(self, "leads.claimed", id=lead_id)
        self.load(keep_cursor=True)

    async def action_meeting(self) -> None:
        """Resume the open committee meeting, or start one (the chair)."""
        await open_meeting_screen(self)


async def close_lead(node: Any, lead_id: int) -> None:
    """The committee's close, with a reason (the chair, or the delegate of an
    open meeting): asked only of someone the rules let decide."""
    from ltc_tui.screens.text_dialog import TextDialog
    from ltc_tui.services.committee import check_decider, decide
    from ltc_tui.services.leads import get_lead
    from ltc_tui.widgets.form import required

    try:
        lead = await db_call(node, lambda s: (check_decider(s), get_lead(s, lead_id))[1])
    except Exception as error:  # noqa: BLE001 - the refusal, said before asking anything
        show_error(node, error)
        return

    async def submit(reason: str) -> int:
        await db_call(node, partial(decide, lead_id=lead_id, kind="close", reason=reason,
                                    expected_version=lead.version), write=True)
        return lead_id

    def done(result: int | None) -> None:
        if result:
            say(node, "leads.closed", id=lead_id)

    node.app.push_screen(
        TextDialog(title=t("close.title", id=lead_id), label=t("close.reason"), intro=safe(lead.title),
                   submit=submit, check=required(t("close.reason_field")), save_label=t("close.save")),
        done,
    )


async def open_meeting_screen(node: Any) -> None:
    from ltc_tui.screens.meeting import MeetingScreen
    from ltc_tui.screens.meeting_start import MeetingStartScreen, load_start
    from ltc_tui.services.committee import check_may_chair, open_meeting

    try:
        meeting = await db_call(node, open_meeting)
        if meeting is None:
            await db_call(node, check_may_chair)
            context = await db_call(node, load_start)
    except Exception as error:  # noqa: BLE001 - the refusal, said before asking anything
        show_error(node, error)
        return
    if meeting is not None:
        say(node, "meeting.resumed", id=meeting.id, date=meeting.held_on.isoformat())
        node.app.push_screen(MeetingScreen(meeting.id))
        return

    def started(meeting_id: int | None) -> None:
        if meeting_id:
            node.app.push_screen(MeetingScreen(meeting_id))

    node.app.push_screen(MeetingStartScreen(context), started)
