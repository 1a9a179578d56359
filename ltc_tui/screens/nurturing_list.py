"""Nurturing (main screen, key 2): the leads being nurtured, yours first, with
their pass and how far through the six steps they are; enter opens one."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from ltc_tui import clock
from ltc_tui.errors import LtcError
from ltc_tui.i18n import label, t
from ltc_tui.screens import MainScreen
from ltc_tui.screens.nurturing import clip
from ltc_tui.ui import db_call, safe, show_error
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.paged_table import PagedTable

PAGE = 100
COLUMNS = [
    ("id", "col.id"), ("title", "col.title"), ("customer", "col.customer"), ("owner", "col.owner"),
    ("pass", "nurt.col.pass"), ("steps", "nurt.col.steps"), ("review", "col.review"), ("activity", "nurt.col.activity"),
]


def steps_cell(done: int) -> Text:
    """``■■□□□□ 2/6 Pain acknowledged``: how far through the six steps."""
    from ltc_tui.enums import Step

    cell = Text()
    cell.append("■" * done, style="green")
    cell.append("□" * (6 - done), style="dim")
    cell.append(f" {done}/6 ")
    if done < 6:
        cell.append(label(Step.from_number(done + 1)), style="bold")
    else:
        cell.append(t("nurt.ready_for_handover"), style="bold green")
    return cell


class NurturingListScreen(MainScreen):
    CSS_PATH = "nurturing.tcss"
    AREA_KEY = "mode.nurturing"
    BINDINGS = [
        Binding("slash", "focus_filter", "key.filter", id="nurturing.filter"),
        Binding("escape", "clear_filter", "key.clear_filter", id="nurturing.clear", show=False),
        Binding("enter", "open", "nurt.key.open", id="nurturing.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""
        self.page_offset = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("nurt.filter_placeholder"), id="filter")
        yield PagedTable(id="nurture-leads")
        yield Static(id="status-line")
        yield LtcFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for key, title_key in COLUMNS:
            table.add_column(t(title_key), key=key)
        table.focus()
        self.load()

    # --- loading ---------------------------------------------------------------------

    def load(self, *, keep_cursor: bool = False) -> None:
        self.run_worker(partial(self._load, keep_cursor), exclusive=True, group="load")

    async def _load(self, keep_cursor: bool) -> None:
        from ltc_tui.services.nurture_queue import NurtureQuery, count_nurturing, parse_nurture_filter, query_nurturing

        try:
            query = parse_nurture_filter(
                self.filter_text, NurtureQuery(limit=PAGE, offset=self.page_offset, me_id=getattr(self.app, "actor_id", None))
            )
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return

        def fetch(session: Any) -> tuple[list[Any], int]:
            return query_nurturing(session, query), count_nurturing(session, query)

        try:
            rows, total = await db_call(self, fetch)
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return
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
        cells = []
        for r in rows:
            due = r.due(today)
            idle = (today - r.last_activity_at.date()).days
            cells.append((
                Text(str(r.id), justify="right"),
                safe(r.title, "bold" if r.mine else ""),
                clip(r.customer, 18),
                safe(r.owner or r.sr or ""),
                Text(str(r.pass_no), justify="right", style="yellow" if r.pass_no > 1 else ""),
                steps_cell(r.steps_done),
                safe(r.next_review_on.isoformat() if r.next_review_on else "", "bold red" if due else ""),
                Text(t("nurt.days_ago", days=idle), justify="right"),
            ))
        # The title takes what the other columns leave, so the steps still show at 100 columns.
        title_width = table.fit_column("title", cells, least=16, most=44)
        for r, row in zip(rows, cells, strict=True):
            row[1].truncate(title_width, overflow="ellipsis")
            table.add_row(*row, key=str(r.id))
        table.has_previous = self.page_offset > 0
        table.has_next = self.page_offset + len(rows) < self.total
        if keep_cursor and rows:
            table.move_cursor(row=min(old_row, len(rows) - 1))
        first = self.page_offset + 1 if rows else 0
        key = "nurt.status_line" if rows or self.filter_text else "nurt.status_empty"
        self.query_one("#status-line", Static).update(
            safe(t(key, first=first, last=self.page_offset + len(rows), total=self.total))
        )

    def refresh_data(self) -> None:
        self.load(keep_cursor=True)

    def on_resize(self) -> None:
        if self.query_one(PagedTable).row_count:
            self.load(keep_cursor=True)  # titles cut to the new width

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
        self.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # --- actions -------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(PagedTable).focus()

    def action_open(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        from ltc_tui.screens.nurturing import NurturingScreen

        self.app.push_screen(NurturingScreen(lead_id))

    def selected_lead_id(self) -> int | None:
        return self.query_one(PagedTable).selected_id()
