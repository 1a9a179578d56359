"""The lead pool: every lead, filtered and sorted, one page at a time from SQL."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from ltc_tui import clock
from ltc_tui.errors import LtcError
from ltc_tui.i18n import label, t
from ltc_tui.screens import MainScreen
from ltc_tui.ui import db_call, safe, show_error
from ltc_tui.widgets.paged_table import PagedTable

PAGE = 100
TEMP_STYLE = {"hot": "bold red", "warm": "dark_orange", "cold": "dodger_blue2"}
STATUS_STYLE = {"submitted": "yellow", "verified": "cyan", "nurturing": "magenta", "converted": "green", "closed": "dim"}
COLUMNS = [
    ("id", "col.id"), ("title", "col.title"), ("customer", "col.customer"), ("source", "col.source"),
    ("submitter", "col.submitter"), ("class", "col.class"), ("temp", "col.temp"), ("tier", "col.tier"),
    ("priority", "col.priority"), ("status", "col.status"), ("owner", "col.owner"), ("age", "col.age"),
    ("review", "col.review"),
]


class LeadPoolScreen(MainScreen):
    BINDINGS = [
        Binding("slash", "focus_filter", "key.filter", id="leads.filter"),
        Binding("escape", "clear_filter", "key.clear_filter", id="leads.clear", show=False),
        Binding("s", "cycle_sort", "key.sort", id="leads.sort"),
        Binding("r", "reverse_sort", "key.reverse", id="leads.reverse", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""
        self.sort = "priority"
        self.descending = True
        self.page_offset = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("leads.filter_placeholder"), id="filter")
        yield PagedTable(id="leads")
        yield Static(id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for key, title_key in COLUMNS:
            table.add_column(t(title_key), key=key)
        table.focus()
        self.load()

    # --- loading ---------------------------------------------------------------------

    def lead_query(self) -> Any:
        from ltc_tui.services.leads import LeadQuery, parse_filter

        base = LeadQuery(sort=self.sort, descending=self.descending, limit=PAGE, offset=self.page_offset,
                         me_id=getattr(self.app, "actor_id", None))
        return parse_filter(self.filter_text, base)

    def load(self, *, keep_cursor: bool = False) -> None:
        self.run_worker(self._load(keep_cursor), exclusive=True, group="load")

    async def _load(self, keep_cursor: bool) -> None:
        from ltc_tui.services.leads import count_leads, query_leads

        try:
            query = self.lead_query()
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return

        def fetch(session: Any) -> tuple[list[Any], int]:
            return query_leads(session, query), count_leads(session, query)

        try:
            rows, total = await db_call(self, fetch)
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        self.total = total
        self._fill(rows, keep_cursor)

    def _fill(self, rows: list[Any], keep_cursor: bool) -> None:
        table = self.query_one(PagedTable)
        old_row = table.cursor_row
        today = clock.today()
        table.clear()
        for r in rows:
            table.add_row(
                Text(str(r.id), justify="right"),
                safe(r.title),
                safe(r.customer),
                safe(label_of("Source", r.source)),
                safe(r.submitter),
                safe(label_of("LeadClass", r.lead_class) if r.lead_class else ""),
                safe(label_of("Temperature", r.temperature) if r.temperature else "", TEMP_STYLE.get(r.temperature or "", "")),
                safe(r.tier),
                Text("" if r.priority is None else str(r.priority), justify="right"),
                safe(label_of("LeadStatus", r.status), STATUS_STYLE.get(r.status, "")),
                safe(r.owner or ""),
                Text(f"{r.age_days(today)}d", justify="right"),
                safe(r.next_review_on.isoformat() if r.next_review_on else ""),
                key=str(r.id),
            )
        table.has_previous = self.page_offset > 0
        table.has_next = self.page_offset + len(rows) < self.total
        if keep_cursor and rows:
            table.move_cursor(row=min(old_row, len(rows) - 1))
        first = self.page_offset + 1 if rows else 0
        self.query_one("#status-line", Static).update(
            safe(t("leads.status_line", first=first, last=self.page_offset + len(rows), total=self.total,
                   sort=t(dict(COLUMNS)[self.sort]), order=t("leads.desc") if self.descending else t("leads.asc")))
        )

    def refresh_data(self) -> None:
        self.load(keep_cursor=True)

    # --- events ------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.filter_text = event.value
            self.page_offset = 0
            self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(PagedTable).focus()

    def on_paged_table_page_requested(self, event: PagedTable.PageRequested) -> None:
        self.page_offset = max(0, self.page_offset + event.step * PAGE)
        self.run_worker(self._page(event.step), exclusive=True, group="load")

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

    # --- actions -------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(PagedTable).focus()

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
        table = self.query_one(PagedTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None


def label_of(enum_name: str, value: str) -> str:
    from ltc_tui import enums

    return label(getattr(enums, enum_name)(value))
