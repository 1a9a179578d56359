"""The contract tracker: every contract with its money (invoiced, collected,
outstanding, next due date), filtered and sorted as on the lead pool, one
page at a time from SQL. Contracts with an overdue payment stand out: a
red ``!`` in the first column and the next due date in red with how many
payments are late. Enter opens the contract.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from ltc_tui.errors import LtcError
from ltc_tui.i18n import label, t
from ltc_tui.screens import MainScreen
from ltc_tui.ui import db_call, safe, say, show_error
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.paged_table import PagedTable

PAGE = 100
STATUS_STYLE = {"signed": "cyan", "executing": "dodger_blue2", "closed": "dim", "disputed": "bold magenta"}
OVERDUE_STYLE = "bold red"
CUSTOMER_WIDTH = 24  # long names end in "…" so that the money fits a 120-column terminal
# (column key, title key, the service's sort for it or None): what a contract
# still owes and when comes first; the rest may scroll off a narrow terminal.
COLUMNS = [
    ("flag", "cash.col.flag", None),
    ("number", "cash.col.number", "number"),
    ("customer", "cash.col.customer", "customer"),
    ("status", "cash.col.status", "status"),
    ("outstanding", "cash.col.outstanding", "outstanding"),
    ("due", "cash.col.next_due", "due"),
    ("value", "cash.col.value", "value"),
    ("invoiced", "cash.col.invoiced", None),
    ("collected", "cash.col.collected", "collected"),
    ("signed", "cash.col.signed", "signed"),
    ("fr", "cash.col.fr", None),
]
SORTS = [sort for _, _, sort in COLUMNS if sort]
TITLES = {sort: title for _, title, sort in COLUMNS if sort}
DESCENDING_FIRST = ("signed", "value", "outstanding", "collected")


def status_text(status: str) -> Text:
    from ltc_tui.enums import ContractStatus

    return safe(label(ContractStatus(status)), STATUS_STYLE.get(status, ""))


def money(cents: int | None, style: str = "", currency: str | None = None) -> Text:
    """An amount, right-aligned; the currency named only when it is not the team's."""
    from ltc_tui.values import format_money

    return Text(format_money(cents or 0, currency), style=style, justify="right")


class ContractTrackerScreen(MainScreen):
    BINDINGS = [
        Binding("slash", "focus_filter", "key.filter", id="contracts.filter"),
        Binding("escape", "clear_filter", "key.clear_filter", id="contracts.clear", show=False),
        Binding("s", "cycle_sort", "key.sort", id="contracts.sort"),
        Binding("r", "reverse_sort", "key.reverse", id="contracts.reverse", show=False),
        Binding("o", "overdue", "cash.key.overdue", id="contracts.overdue"),
        Binding("n", "new_contract", "cash.key.new_contract", id="contracts.new"),
        Binding("enter", "open_contract", "cash.key.open", id="contracts.open", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""
        self.sort = "signed"
        self.descending = True
        self.page_offset = 0
        self.total = 0
        self.currency = ""  # the team's: amounts in it go without a code

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("cash.contracts.filter_placeholder"), id="filter")
        yield PagedTable(id="contracts")
        yield Static(id="status-line")
        yield LtcFooter()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        for key, title_key, _ in COLUMNS:
            table.add_column(t(title_key), key=key)
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load(keep_cursor=True)  # back from a contract: its figures may have moved

    # --- loading ---------------------------------------------------------------------

    def contract_query(self) -> Any:
        from ltc_tui import clock
        from ltc_tui.services.contracts import ContractQuery, parse_contract_filter

        base = ContractQuery(sort=self.sort, descending=self.descending, limit=PAGE, offset=self.page_offset,
                             today=clock.today())
        return parse_contract_filter(self.filter_text, base)

    def load(self, *, keep_cursor: bool = False) -> None:
        self.run_worker(partial(self._load, keep_cursor), exclusive=True, group="load")

    async def _load(self, keep_cursor: bool) -> None:
        from ltc_tui.services.contracts import count_contracts, query_contracts

        try:
            query = self.contract_query()
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return

        def fetch(session: Any) -> tuple[list[Any], int, str]:
            from ltc_tui.services import settings

            return query_contracts(session, query), count_contracts(session, query), str(settings.get(session, "currency"))

        try:
            rows, total, self.currency = await db_call(self, fetch)
        except Exception as error:  # noqa: BLE001 - shown to the user
            if isinstance(error, LtcError):
                self.query_one("#status-line", Static).update(safe(error.message, "red"))
            else:
                show_error(self, error)
            return
        self.total = total
        self.sort, self.descending = query.sort, query.descending
        self._fill(rows, keep_cursor)

    def _fill(self, rows: list[Any], keep_cursor: bool) -> None:
        table = self.query_one(PagedTable)
        old_row = table.cursor_row
        table.clear()
        late = 0
        for r in rows:
            overdue = r.overdue and r.status != "closed"
            late += overdue
            due = Text(r.next_due_on.isoformat() if r.next_due_on else "")
            if overdue:
                due.append(" " + t("cash.contracts.overdue_marker", count=r.overdue_count))
                due.stylize(OVERDUE_STYLE)
            foreign = r.currency if r.currency != self.currency else None
            customer = safe(r.customer)
            customer.truncate(CUSTOMER_WIDTH, overflow="ellipsis")
            table.add_row(
                Text("!", style="bold white on red") if overdue else Text(""),
                safe(r.number, OVERDUE_STYLE if overdue else ""),
                customer,
                status_text(r.status),
                money(r.outstanding_cents, "bold" if r.outstanding_cents else "dim", foreign),
                due,
                money(r.value_cents, "", foreign),
                money(r.invoiced_cents),
                money(r.collected_cents),
                safe(r.signed_on.isoformat()),
                safe(r.fr or ""),
                key=str(r.id),
            )
        table.has_previous = self.page_offset > 0
        table.has_next = self.page_offset + len(rows) < self.total
        if keep_cursor and rows:
            table.move_cursor(row=min(old_row, len(rows) - 1))
        first = self.page_offset + 1 if rows else 0
        line = Text(t("cash.contracts.status_line", first=first, last=self.page_offset + len(rows), total=self.total,
                      sort=t(TITLES[self.sort]), order=t("leads.desc") if self.descending else t("leads.asc")))
        if late:
            line.append("  ·  ")
            line.append(t("cash.contracts.late_on_page", count=late), style=OVERDUE_STYLE)
        if not self.total and not self.filter_text:
            line = Text(t("cash.contracts.empty"))
        self.query_one("#status-line", Static).update(line)

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
        self.run_worker(partial(self._page, event.step), exclusive=True, group="load")

    async def _page(self, step: int) -> None:
        await self._load(keep_cursor=False)
        table = self.query_one(PagedTable)
        if step < 0 and table.row_count:
            table.move_cursor(row=table.row_count - 1)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        sort = dict((k, s) for k, _, s in COLUMNS).get(key)
        if sort is None:
            say(self, "cash.contracts.not_sortable", column=t(dict((k, title) for k, title, _ in COLUMNS)[key]))
            return
        self._sort_by(sort)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_contract()

    def _sort_by(self, sort: str) -> None:
        if sort == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = sort, sort in DESCENDING_FIRST
        self._sort_in_filter()
        self.page_offset = 0
        self.load()

    def _sort_in_filter(self) -> None:
        """A ``sort:`` typed in the filter would win over the keys: drop it."""
        words = [w for w in self.filter_text.split() if not w.lower().startswith("sort:")]
        if len(words) != len(self.filter_text.split()):
            self.query_one("#filter", Input).value = " ".join(words)

    # --- actions -------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(PagedTable).focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.descending = self.sort in DESCENDING_FIRST
        self._sort_in_filter()
        self.page_offset = 0
        self.load()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self._sort_in_filter()
        self.page_offset = 0
        self.load()

    def action_overdue(self) -> None:
        """Only the contracts with a payment overdue (or all again)."""
        field = self.query_one("#filter", Input)
        words = field.value.split()
        field.value = " ".join(w for w in words if w.lower() != "overdue") if "overdue" in (w.lower() for w in words) \
            else " ".join([*words, "overdue"])

    def selected_contract_id(self) -> int | None:
        return self.query_one(PagedTable).selected_id()

    def action_open_contract(self) -> None:
        from ltc_tui.screens.contract import ContractScreen

        contract_id = self.selected_contract_id()
        if contract_id is not None:
            self.app.push_screen(ContractScreen(contract_id))

    def action_new_contract(self) -> None:
        self.run_worker(self._new_contract, group="form")

    async def _new_contract(self) -> None:
        from ltc_tui.screens.contract_forms import new_contract_form

        form = await new_contract_form(self)
        self.app.push_screen(form, self._contract_added)

    def _contract_added(self, contract: Any) -> None:
        if contract is None or isinstance(contract, str):
            return
        say(self, "cash.contract.added", number=contract.number)
        from ltc_tui.screens.contract import ContractScreen

        self.app.push_screen(ContractScreen(contract.id))
