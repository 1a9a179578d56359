"""One contract, from signature to cash: its figures, delivery milestones,
invoices, payments (the final one marked), and disputes, each editable
through a form (``contract_forms``) that the contract services check.

Open it with ``ContractScreen(contract_id)`` (the tracker on enter, the
pipeline after "won"). Keys: m milestone, i invoice, p payment, r record a
receipt, d dispute, v resolve, e edit the contract, c close it; enter on a
row edits that row. A closed contract is read-only (the keys dim).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from ltc_tui import clock
from ltc_tui.i18n import t
from ltc_tui.screens import LtcScreen
from ltc_tui.screens.cash_form import RELOAD
from ltc_tui.screens.contracts import OVERDUE_STYLE, status_text
from ltc_tui.ui import db_call, safe, say, show_error
from ltc_tui.values import format_money
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.table import LtcDataTable

SECTIONS = ("milestones", "invoices", "payments", "disputes")
CELL_WIDTH = 44  # free text (a dispute, its resolution) in a table cell
EDITING = {"edit_contract", "close_contract", "add_milestone", "add_invoice", "add_payment", "receive", "open_dispute",
           "resolve"}


class ContractScreen(LtcScreen):
    AREA_KEY = "cash.area.contract"  # the command palette lists this screen's keys as "Contract: ..."
    BINDINGS = [
        Binding("escape", "back", "cash.key.back", id="contract.back"),
        # shown next to their sections rather than in the footer (which an 80-column terminal cuts)
        Binding("m", "add_milestone", "cash.key.milestone", id="contract.milestone", show=False),
        Binding("i", "add_invoice", "cash.key.invoice", id="contract.invoice", show=False),
        Binding("p", "add_payment", "cash.key.payment", id="contract.payment", show=False),
        Binding("r", "receive", "cash.key.receive", id="contract.receive", show=False),
        Binding("d", "open_dispute", "cash.key.dispute", id="contract.dispute", show=False),
        Binding("v", "resolve", "cash.key.resolve", id="contract.resolve", show=False),
        Binding("e", "edit_contract", "cash.key.edit", id="contract.edit"),
        Binding("c", "close_contract", "cash.key.close_contract", id="contract.close"),
    ]

    def __init__(self, contract_id: int) -> None:
        super().__init__()
        self.contract_id = contract_id
        self.file: Any = None
        self.people: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="contract-title")
        with VerticalScroll(id="contract-body"):
            yield Static(id="contract-summary")
            for section in SECTIONS:
                yield Static(id=f"{section}-title", classes="section-title")
                yield LtcDataTable(id=section, cursor_type="row", zebra_stripes=True, classes="contract-table")
        yield LtcFooter()

    def on_mount(self) -> None:
        columns = {
            "milestones": ["cash.col.id", "cash.col.milestone", "cash.col.planned", "cash.col.actual", "cash.col.state"],
            "invoices": ["cash.col.invoice", "cash.col.issued", "cash.col.due", "cash.col.amount"],
            "payments": ["cash.col.id", "cash.col.due", "cash.col.amount", "cash.col.invoice", "cash.col.received_on",
                         "cash.col.received", "cash.col.final", "cash.col.state"],
            "disputes": ["cash.col.id", "cash.col.opened", "cash.col.description", "cash.col.resolution",
                         "cash.col.resolved"],
        }
        for section, keys in columns.items():
            table = self.query_one(f"#{section}", DataTable)
            for key in keys:
                table.add_column(t(key))
        self.query_one("#payments", DataTable).focus()
        self.load()

    # --- loading ---------------------------------------------------------------------

    def load(self) -> None:
        self.run_worker(self._load, exclusive=True, group="load")

    async def _load(self) -> None:
        from ltc_tui.services.contracts import contract_file
        from ltc_tui.services.people import list_people

        today = clock.today()

        def fetch(session: Any) -> tuple[Any, list[Any]]:
            return contract_file(session, self.contract_id, today=today), list_people(session)

        try:
            self.file, self.people = await db_call(self, fetch)
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            if self.file is None:
                self.app.pop_screen()
            return
        self._show(today)
        self.refresh_bindings()

    def on_data_changed(self) -> None:  # from LtcApp.check_for_changes
        self.load()

    def _show(self, today: dt.date) -> None:
        f = self.file
        k = f.contract
        title = Text()
        title.append(t("cash.contract.heading"), style="bold")
        title.append(" ")
        title.append_text(safe(k.number, "bold"))
        title.append("  ")
        title.append_text(safe(k.title))
        title.append("  ")
        title.append_text(status_text(k.status))
        self.query_one("#contract-title", Static).update(title)
        self.query_one("#contract-summary", Static).update(self._summary(today))
        self._milestones(today)
        self._invoices()
        self._payments(today)
        self._disputes()

    def _summary(self, today: dt.date) -> Table:
        f = self.file
        k = f.contract

        def cash(cents: int | None) -> str:
            return format_money(cents or 0, k.currency)

        grid = Table.grid(padding=(0, 2))
        for _ in range(3):
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column()
        people = f"{f.ar.handle if f.ar else '-'} / {f.fr.handle if f.fr else '-'}"
        overdue = sum(p.amount_cents for p in f.overdue)
        late = (
            Text(t("cash.contract.overdue", count=len(f.overdue), amount=cash(overdue)), style=OVERDUE_STYLE)
            if f.overdue and k.status != "closed"
            else Text(t("cash.contract.none_overdue"), style="green")
        )
        grid.add_row(t("cash.col.customer"), safe(f.customer.name), t("cash.col.value"), Text(cash(k.value_cents)),
                     t("cash.col.signed"), Text(k.signed_on.isoformat()))
        grid.add_row(t("cash.field.po"), safe(k.po_number or "-"), t("cash.contract.ar_fr"), safe(people),
                     t("cash.col.status"), status_text(k.status))
        grid.add_row(t("cash.col.invoiced"), Text(cash(f.invoiced_cents)), t("cash.col.collected"),
                     Text(cash(f.collected_cents)), t("cash.col.outstanding"),
                     Text(cash(f.outstanding_cents), style="bold" if f.outstanding_cents else ""))
        grid.add_row(t("cash.contract.overdue_label"), late, t("cash.contract.final_label"), self._final(today),
                     t("cash.col.next_due"), Text(self._next_due()))
        if k.write_off_cents or k.closed_on:
            grid.add_row(
                t("cash.contract.write_off"),
                safe(f"{cash(k.write_off_cents)} · {k.write_off_reason}" if k.write_off_cents else "-"),
                t("cash.contract.closed_on"), Text(k.closed_on.isoformat() if k.closed_on else "-"), "", "",
            )
        return grid

    def _final(self, today: dt.date) -> Text:
        p = self.file.final_payment
        if p is None:
            return Text(t("cash.contract.no_final"), style="dim")
        amount = format_money(p.amount_cents, self.file.contract.currency)
        if p.received_on:
            return Text(t("cash.contract.final_received", amount=amount, date=p.received_on.isoformat()), style="green")
        style = OVERDUE_STYLE if p.due_on < today and self.file.contract.status != "closed" else ""
        return Text(t("cash.contract.final_due", amount=amount, date=p.due_on.isoformat()), style=style)

    def _next_due(self) -> str:
        due = [p.due_on for p in self.file.payments if p.received_on is None]
        return min(due).isoformat() if due else "-"

    def _section(self, section: str, count: int) -> None:
        closed = self.file.contract.status == "closed"
        hint = "" if closed else t(f"cash.contract.{section}_keys")
        text = Text(t(f"cash.contract.{section}", count=count), style="bold")
        if hint:
            text.append("   " + hint, style="dim")
        self.query_one(f"#{section}-title", Static).update(text)

    def _refill(self, section: str, rows: list[tuple[str, list[Any]]]) -> None:
        table = self.query_one(f"#{section}", DataTable)
        row = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))
        self._section(section, len(rows))

    def _milestones(self, today: dt.date) -> None:
        rows = []
        for m in self.file.milestones:
            if m.actual_on:
                state = Text(t("cash.state.reached"), style="green")
            elif m.planned_on and m.planned_on < today:
                state = Text(t("cash.state.late", days=(today - m.planned_on).days), style="dark_orange")
            else:
                state = Text(t("cash.state.planned"), style="dim")
            rows.append((str(m.id), [Text(str(m.id)), _cut(safe(m.name)), Text(_iso(m.planned_on)), Text(_iso(m.actual_on)),
                                     state]))
        self._refill("milestones", rows)

    def _invoices(self) -> None:
        self._refill("invoices", [
            (str(i.id), [safe(i.number), Text(i.issued_on.isoformat()), Text(_iso(i.due_on)),
                         Text(format_money(i.amount_cents), justify="right")])
            for i in self.file.invoices
        ])

    def _payments(self, today: dt.date) -> None:
        numbers = {i.id: i.number for i in self.file.invoices}
        closed = self.file.contract.status == "closed"
        overdue = {p.id for p in self.file.overdue}
        rows = []
        for p in self.file.payments:
            late = p.id in overdue and not closed
            if p.received_on is not None:
                part = (p.received_cents or 0) < p.amount_cents
                state = Text(t("cash.state.part_received" if part else "cash.state.received"), style="green")
            elif late:
                state = Text("! " + t("cash.state.overdue", days=(today - p.due_on).days), style=OVERDUE_STYLE)
            elif closed:
                state = Text(t("cash.state.written_off"), style="dim")
            elif p.due_on == today:
                state = Text(t("cash.state.due_today"), style="yellow")
            else:
                state = Text(t("cash.state.due_in", days=(p.due_on - today).days), style="dim")
            rows.append((str(p.id), [
                Text(str(p.id)),
                Text(p.due_on.isoformat(), style=OVERDUE_STYLE if late else ""),
                Text(format_money(p.amount_cents), justify="right"),
                safe(numbers.get(p.invoice_id, "")),
                Text(_iso(p.received_on)),
                Text(format_money(p.received_cents) if p.received_cents is not None else "", justify="right"),
                Text(t("cash.state.final") if p.is_final else "", style="bold"),
                state,
            ]))
        self._refill("payments", rows)
        if not getattr(self, "_payment_cursor_placed", False):
            # On opening, the cursor waits on the first payment still to come, so r records it.
            self._payment_cursor_placed = True
            waiting = next((i for i, p in enumerate(self.file.payments) if p.received_on is None), None)
            if waiting is not None:
                self.query_one("#payments", DataTable).move_cursor(row=waiting)

    def _disputes(self) -> None:
        rows = []
        for d in self.file.disputes:
            style = "" if d.resolved_on else "bold magenta"
            rows.append((str(d.id), [
                Text(str(d.id)), Text(d.opened_on.isoformat(), style=style), _cut(safe(d.description, style)),
                _cut(safe(d.resolution or t("cash.state.open"), "" if d.resolved_on else style)), Text(_iso(d.resolved_on)),
            ]))
        self._refill("disputes", rows)

    # --- which keys apply --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITING and (self.file is None or self.file.contract.status == "closed"):
            return None  # shown dimmed: a closed contract is read-only
        return True

    # --- forms ---------------------------------------------------------------------------

    def _open(self, form: Any) -> None:
        self.app.push_screen(form, self._saved)

    def _saved(self, result: Any) -> None:
        if result is None:
            return
        if result == RELOAD:
            say(self, "cash.contract.reloaded")
        else:
            say(self, "cash.saved")
        self.load()

    def _selected(self, section: str, records: list[Any]) -> Any:
        table = self.query_one(f"#{section}", DataTable)
        if not table.row_count or self.focused is not table:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in records if str(r.id) == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.file is None:
            return
        section = event.data_table.id
        if self.file.contract.status == "closed":
            say(self, "cash.contract.read_only")
        elif section == "milestones":
            self.action_edit_milestone()
        elif section == "payments":
            self.action_receive()
        elif section == "disputes":
            self.action_resolve()
        elif section == "invoices":
            say(self, "cash.contract.invoice_fixed")

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_add_milestone(self) -> None:
        from ltc_tui.screens.contract_forms import milestone_form

        self._open(milestone_form(self, self.file))

    def action_edit_milestone(self) -> None:
        from ltc_tui.screens.contract_forms import milestone_form

        milestone = self._selected("milestones", self.file.milestones)
        if milestone is not None:
            self._open(milestone_form(self, self.file, milestone))

    def action_add_invoice(self) -> None:
        from ltc_tui.screens.contract_forms import invoice_form

        self._open(invoice_form(self, self.file))

    def action_add_payment(self) -> None:
        from ltc_tui.screens.contract_forms import payment_form

        self._open(payment_form(self, self.file))

    def action_receive(self) -> None:
        """Record money received: the payment under the cursor, else the next one due."""
        from ltc_tui.screens.contract_forms import receive_form

        payment = self._selected("payments", self.file.payments)
        if payment is None:
            payment = next((p for p in self.file.payments if p.received_on is None), None)
        if payment is None:
            say(self, "cash.contract.no_payment", severity="warning")
            return
        self._open(receive_form(self, self.file, payment))

    def action_open_dispute(self) -> None:
        from ltc_tui.screens.contract_forms import dispute_form

        self._open(dispute_form(self, self.file))

    def action_resolve(self) -> None:
        """Resolve the dispute under the cursor, else the first one open."""
        from ltc_tui.screens.contract_forms import resolve_form

        dispute = self._selected("disputes", self.file.disputes)
        if dispute is None:
            dispute = next((d for d in self.file.disputes if d.resolved_on is None), None)
        if dispute is None or dispute.resolved_on is not None:
            say(self, "cash.contract.no_open_dispute", severity="warning")
            return
        self._open(resolve_form(self, self.file, dispute))

    def action_edit_contract(self) -> None:
        from ltc_tui.screens.contract_forms import edit_contract_form

        self._open(edit_contract_form(self, self.file, self.people))

    def action_close_contract(self) -> None:
        from ltc_tui.screens.contract_forms import close_form

        self._open(close_form(self, self.file))


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _cut(text: Text, width: int = CELL_WIDTH) -> Text:
    """Long free text in a table cell: its first line, ending in "…" when
    there is more (the form that edits it shows it whole)."""
    lines = text.split("\n")
    shown = lines[0]
    if len(lines) > 1:
        shown.append(" …")
    shown.truncate(width, overflow="ellipsis")
    return shown
