"""One opportunity: its figures and iron triangle, the gates, and four tabs:
stage history (days in each stage) with the gates' who and when; the power
map (the customer's contacts by decision role and influence, their attitude,
who in the triangle covers each; an uncovered decision maker is a warning);
the competitors; the value proposition and the four-dimension notes.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from ltc_tui.enums import Attitude, CompetitorStanding, DecisionRole, Gate, GateResult, Influence, Stage
from ltc_tui.i18n import join, label, stored_note, t
from ltc_tui.screens import LtcScreen
from ltc_tui.screens.flows import OpportunityFlows
from ltc_tui.ui import db_call, safe, show_error
from ltc_tui.values import format_money
from ltc_tui.widgets.field_form import FormField, FormSpec
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.table import LtcDataTable

TABS = ["tab-stages", "tab-power", "tab-competitors", "tab-value"]
VALUE_FIELDS = [
    ("our_strengths", "opp.value.our_strengths"), ("unique_value", "opp.value.unique_value"),
    ("need_fit", "opp.value.need_fit"), ("difference", "opp.value.difference"),
    ("market_notes", "opp.dim.market"), ("customer_notes", "opp.dim.customer"),
    ("product_notes", "opp.dim.product"), ("competition_notes", "opp.dim.competition"),
]
ATTITUDE_STYLE = {"champion": "bold green", "supporter": "green", "neutral": "", "opponent": "bold red", "unknown": "dim"}
RESULT_STYLE = {"pass": "bold green", "conditional": "bold yellow", "fail": "bold red"}
STANDING_STYLE = {"strong": "bold red", "medium": "yellow", "weak": "green"}


class OpportunityScreen(OpportunityFlows, LtcScreen):
    CSS_PATH = "opportunity.tcss"
    AREA_KEY = "opp.area"  # the command palette's name for this screen's actions
    AUTO_FOCUS = "#history"
    BINDINGS = [
        Binding("escape", "back", "tp.key.back", id="opp.back"),
        Binding("e", "edit", "opp.key.edit", id="opp.edit"),
        Binding("right_square_bracket", "move(1)", "pipe.key.forward", id="opp.forward", key_display="]"),
        Binding("left_square_bracket", "move(-1)", "pipe.key.back", id="opp.backward", key_display="["),
        Binding("g", "gate", "pipe.key.gate", id="opp.gate"),
        Binding("c", "cover", "opp.key.cover", id="opp.cover"),  # power map tab
        Binding("a", "add_competitor", "opp.key.add_competitor", id="opp.add_competitor"),  # competitors tab
        Binding("space", "lock", "opp.key.lock", id="opp.lock"),
        Binding("x,delete", "remove_competitor", "opp.key.remove_competitor", id="opp.remove_competitor"),
        Binding("t", "next_tab", "opp.key.next_tab", id="opp.next_tab"),
        Binding("w", "won", "pipe.key.won", id="opp.won"),
        Binding("l", "lost", "pipe.key.lost", id="opp.lost"),
        Binding("o", "open_contract", "opp.key.contract", id="opp.contract"),
    ]

    def __init__(self, opportunity_id: int) -> None:
        super().__init__()
        self.opportunity_id = opportunity_id
        self.file: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="opp-bar")
        with Horizontal(id="opp-top"):
            yield Static(id="figures")
            yield Static(id="triangle")
            yield Static(id="gate-states")
        yield Static(id="power-warning")
        with TabbedContent(id="opp-tabs"):
            with TabPane(t("opp.tab.stages"), id="tab-stages"), Vertical():
                yield LtcDataTable(id="history", cursor_type="row", zebra_stripes=True)
                yield Static(Text(t("opp.gates_title"), style="bold"), classes="section-title")
                yield LtcDataTable(id="gates", cursor_type="row", zebra_stripes=True)
            with TabPane(t("opp.tab.power"), id="tab-power"):
                yield LtcDataTable(id="power", cursor_type="row", zebra_stripes=True)
            with TabPane(t("opp.tab.competitors"), id="tab-competitors"):
                yield LtcDataTable(id="opp-competitors", cursor_type="row", zebra_stripes=True)
            with TabPane(t("opp.tab.value"), id="tab-value"):
                yield LtcDataTable(id="value", cursor_type="row", zebra_stripes=False)
        yield LtcFooter()

    def on_mount(self) -> None:
        columns = {
            "#history": ("opp.col.stage", "opp.col.entered", "opp.col.left", "opp.col.days", "opp.col.by", "opp.col.note"),
            "#gates": ("opp.col.gate", "opp.col.result", "opp.col.approver", "opp.col.when", "opp.col.review", "opp.col.terms"),
            "#power": ("opp.col.contact", "opp.col.job", "opp.col.decision_role", "opp.col.influence", "opp.col.attitude",
                       "opp.col.covered_by", "opp.col.notes"),
            "#opp-competitors": ("nurt.col.competitor", "nurt.col.standing", "nurt.col.strengths", "nurt.col.weaknesses",
                                 "nurt.col.strategy", "nurt.col.locked"),
            "#value": ("opp.col.field", "opp.col.text"),
        }
        for selector, keys in columns.items():
            table = self.query_one(selector, DataTable)
            for key in keys:
                table.add_column(t(key), key=key)
        self.load()

    # --- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self.run_worker(self._load, exclusive=True, group="load")

    def on_data_changed(self) -> None:  # from LtcApp.check_for_changes
        self.load()

    async def _load(self) -> None:
        from ltc_tui.services.opportunity_file import opportunity_file

        try:
            file = await db_call(self, partial(opportunity_file, opportunity_id=self.opportunity_id))
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        if not self.query("#history"):
            return  # closed (or the app quit) while it loaded
        self.file = file
        self._show()

    def _show(self) -> None:
        f = self.file
        o = f.opportunity
        stage = Stage(o.stage)
        bar = Text()
        bar.append(f"#{o.id} ", style="bold")
        bar.append(safe(o.title, "bold"))
        bar.append(" · ")
        bar.append(safe(f.customer.name))
        bar.append(" · ")
        bar.append(label(stage), style="bold reverse " + ("green" if stage is Stage.WON else "red" if stage is Stage.LOST else "cyan"))
        bar.append(" " + t("opp.since", date=o.stage_changed_at.date().isoformat(), days=_days(o.stage_changed_at)), style="dim")
        if f.stale:
            bar.append(" " + t("opp.stale"), style="bold yellow")
        if f.contract is not None:
            bar.append(" · ")
            bar.append(t("opp.contract", number=f.contract.number), style="bold green")
        self.query_one("#opp-bar", Static).update(bar)
        self.query_one("#figures", Static).update(self._figures())
        self.query_one("#triangle", Static).update(self._triangle())
        self.query_one("#gate-states", Static).update(self._gate_states())
        warning = self.query_one("#power-warning", Static)
        uncovered = f.uncovered
        if uncovered and f.is_open:
            warning.update(Text(t("opp.uncovered", count=len(uncovered), names=join(r.contact.name for r in uncovered)),
                                style="bold black on yellow"))
            warning.display = True
        else:
            warning.display = False
        self._show_history()
        self._show_power()
        self._show_competitors()
        self._show_value()
        self.refresh_bindings()

    def _figures(self) -> Table:
        f = self.file
        o = f.opportunity
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim")
        grid.add_column()
        weighted = (o.amount_cents or 0) * o.probability // 100
        prob = f"{o.probability}%" + (" " + t("opp.prob_manual") if o.probability_manual else "")
        rows = [
            (t("opp.amount"), format_money(o.amount_cents, o.currency) or "-"),
            (t("opp.budget"), format_money(o.budget_cents, o.currency) or "-"),
            (t("opp.start"), o.start_on.isoformat() if o.start_on else "-"),
            (t("opp.probability"), prob),
            (t("opp.weighted"), format_money(weighted, o.currency) if o.amount_cents else "-"),
        ]
        if o.product:
            rows.append((t("opp.product"), o.product))
        if o.lead_id:
            rows.append((t("opp.lead"), f"#{o.lead_id}"))
        if o.lost_reason:
            rows.append((t("opp.lost_reason"), o.lost_reason))
        if o.won_reason:
            rows.append((t("opp.won_reason"), o.won_reason))
        for name, value in rows:
            grid.add_row(Text(name), safe(value))
        return grid

    def _triangle(self) -> Table:
        f = self.file
        o = f.opportunity
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim")
        grid.add_column()
        for key, person_id in (("opp.ar", o.ar_id), ("opp.sr", o.sr_id), ("opp.fr", o.fr_id), ("opp.owner", o.owner_id)):
            person = f.people.get(person_id or 0)
            grid.add_row(Text(t(key)), safe(f"{person.handle} · {person.name}" if person else "-", "" if person else "bold red"))
        return grid

    def _gate_states(self) -> Table:
        f = self.file
        grid = Table.grid(padding=(0, 1))
        grid.add_column()
        grid.add_column()
        for state in f.gate_states:
            mark = Text("✓", style="bold green") if state.passed else (Text("✗", style="bold red") if state.latest else Text("·", style="dim"))
            line = Text(label(state.gate), style="bold")
            if state.latest is not None:
                line.append(" " + t("opp.gate_by", who=f.handle(state.latest.approver_id), date=state.latest.at.date().isoformat()),
                            style="dim")
            grid.add_row(mark, line)
        return grid

    def _show_history(self) -> None:
        f = self.file
        table = self.query_one("#history", DataTable)
        table.clear()
        for span in f.history:
            table.add_row(
                Text(label(Stage(span.stage)), style="bold"), Text(span.entered_at.date().isoformat()),
                Text(span.left_at.date().isoformat() if span.left_at else "-"),
                Text(str(span.days()), justify="right"), safe(span.by or ""), safe(stored_note(span.note)),
            )
        gates = self.query_one("#gates", DataTable)
        gates.clear()
        currency = f.opportunity.currency
        for g in f.gates:
            review = ""
            if g.gate == Gate.BID.value:
                review = t("opp.bid_review", deliverability=label(GateResult(g.deliverability or g.result)),
                           days=g.workload_days if g.workload_days is not None else "-",
                           price=format_money(g.price_cents, compact=True) or "-", currency=currency)
            who = f.handle(g.approver_id)
            if g.recorded_by_id != g.approver_id:
                who += " " + t("opp.recorded_by", who=f.handle(g.recorded_by_id))
            terms = " · ".join(x for x in (g.conditions, g.notes) if x)
            gates.add_row(
                Text(label(Gate(g.gate)), style="bold"), Text(label(GateResult(g.result)), style=RESULT_STYLE.get(g.result, "")),
                safe(who), Text(g.at.date().isoformat()), safe(review), safe(terms),
            )

    def _show_power(self) -> None:
        f = self.file
        table = self.query_one("#power", DataTable)
        rows = []
        for row in f.power_map:
            c = row.contact
            covered = (safe(row.covered_by.handle, "bold") if row.covered_by
                       else Text(t("opp.uncovered_cell"), style="bold red") if row.uncovered_decision_maker else Text("-", style="dim"))
            rows.append((str(c.id), [
                safe(c.name, "bold" if c.decision_role == DecisionRole.DECISION_MAKER.value else ""), safe(c.job_title or ""),
                safe(label(DecisionRole(c.decision_role))), safe(label(Influence(c.influence))),
                Text(label(Attitude(c.attitude)), style=ATTITUDE_STYLE.get(c.attitude, "")), covered,
                safe(row.entry.notes if row.entry and row.entry.notes else ""),
            ]))
        _refill(table, rows)

    def _show_competitors(self) -> None:
        f = self.file
        rows = []
        for comp in f.competitors:
            rows.append((str(comp.id), [
                safe(comp.name, "bold"),
                Text(label(CompetitorStanding(comp.standing)), style=STANDING_STYLE.get(comp.standing, "")),
                safe(comp.strengths or ""), safe(comp.weaknesses or ""), safe(comp.strategy or ""),
                Text(t("nurt.locked"), style="bold green") if comp.locked else Text(t("nurt.not_locked"), style="yellow"),
            ]))
        _refill(self.query_one("#opp-competitors", DataTable), rows)

    def _show_value(self) -> None:
        o = self.file.opportunity
        rows = []
        for index, (attr, key) in enumerate(VALUE_FIELDS):
            value = getattr(o, attr)
            title = Text(t(key), style="bold")
            if index == 0:
                title = Text(t("opp.value_title") + " · ", style="dim") + title
            elif index == 4:
                title = Text(t("opp.dims_title") + " · ", style="dim") + title
            rows.append((attr, [title, safe(value) if value else Text(t("opp.empty_field"), style="dim italic")]))
        _refill(self.query_one("#value", DataTable), rows)

    # --- what applies now ---------------------------------------------------------------------

    def active_tab(self) -> str:
        return self.query_one("#opp-tabs", TabbedContent).active or TABS[0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        f = self.file
        if f is None:
            return True if action == "back" else None
        tab = self.active_tab()
        if action in ("move", "gate", "lost", "won") and not f.is_open:
            return False  # closed: these keys no longer exist for it
        if action == "won":  # shown once it applies: from negotiation and signing
            return f.opportunity.stage == Stage.NEGOTIATION.value
        if action == "cover":
            return tab == "tab-power"
        if action in ("add_competitor", "lock", "remove_competitor"):
            if tab != "tab-competitors":
                return False
            return True if action == "add_competitor" or f.competitors else None
        if action == "open_contract":
            return f.contract is not None
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def selected_opportunity(self) -> Any:
        return self.file.opportunity if self.file is not None else None

    def _selected(self, selector: str) -> int | str | None:
        table = self.query_one(selector, DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return None
        return int(key) if key.isdigit() else key

    # --- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_next_tab(self) -> None:
        tabs = self.query_one("#opp-tabs", TabbedContent)
        tabs.active = TABS[(TABS.index(self.active_tab()) + 1) % len(TABS)]
        table = {"tab-stages": "#history", "tab-power": "#power", "tab-competitors": "#opp-competitors", "tab-value": "#value"}
        self.query_one(table[tabs.active], DataTable).focus()

    def action_open_contract(self) -> None:
        from ltc_tui.screens.flows import open_contract

        if self.file is not None and self.file.contract is not None:
            open_contract(self, self.file.contract.id or 0, self.file.contract.number)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        table_id = event.data_table.id
        if table_id == "value":
            self.run_worker(self._edit_text(str(event.row_key.value)), group="dialog")
        elif table_id == "opp-competitors":
            self.run_worker(self._competitor_form(int(str(event.row_key.value))), group="dialog")
        elif table_id == "power":
            self.action_cover()

    def action_edit(self) -> None:
        self.run_worker(self._edit_figures(), group="dialog")

    async def _edit_figures(self) -> None:
        from ltc_tui.services.opportunities import update_opportunity

        f = self.file
        if f is None:
            return
        o = f.opportunity
        team = sorted(f.people.values(), key=lambda p: p.handle)
        holders = {o.ar_id, o.sr_id, o.fr_id}
        people = [(t("opp.nobody"), "")] + [(f"{p.handle} · {p.name}", p.handle) for p in team if p.active or p.id in holders]

        def who(person_id: int | None) -> str:
            return f.handle(person_id)

        spec = FormSpec(
            t("opp.edit_title", id=o.id),
            [
                FormField("title", t("opp.title"), o.title, names=("title",)),
                FormField("amount", t("opp.amount_in", currency=o.currency), format_money(o.amount_cents), names=("amount",)),
                FormField("budget", t("opp.budget_in", currency=o.currency), format_money(o.budget_cents), names=("budget",)),
                FormField("start", t("opp.start"), o.start_on.isoformat() if o.start_on else "", names=("start",)),
                FormField("probability", t("opp.probability_in"), str(o.probability) if o.probability_manual else "auto",
                          names=("probability",)),
                FormField("product", t("opp.product"), o.product or "", names=("product",)),
                FormField("ar", "AR", who(o.ar_id), kind="choice", choices=people, names=("ar",)),
                FormField("sr", "SR", who(o.sr_id), kind="choice", choices=people, names=("sr",)),
                FormField("fr", "FR", who(o.fr_id), kind="choice", choices=people, names=("fr",)),
            ],
        )
        version = o.version

        def save(session: Any, values: dict[str, str]) -> Any:
            return update_opportunity(session, opportunity_id=o.id, expected_version=version, **values)

        await self.ask(spec, save)

    async def _edit_text(self, attr: str) -> None:
        from ltc_tui.services.opportunities import update_opportunity

        f = self.file
        key = dict(VALUE_FIELDS)[attr]
        version = f.opportunity.version
        spec = FormSpec(t("opp.edit_text_title", field=t(key)),
                        [FormField(attr, t(key), getattr(f.opportunity, attr) or "", kind="text", names=(attr.replace("_", " "),))],
                        intro=t(key + ".help"))
        await self.ask(spec, lambda session, values: update_opportunity(session, opportunity_id=self.opportunity_id,
                                                                         expected_version=version, **values))

    def action_cover(self) -> None:
        contact_id = self._selected("#power")
        if isinstance(contact_id, int):
            self.run_worker(self._cover(contact_id), group="dialog")

    async def _cover(self, contact_id: int) -> None:
        from ltc_tui.services.opportunities import cover

        f = self.file
        o = f.opportunity
        row = next(r for r in f.power_map if r.contact.id == contact_id)
        choices: list[tuple[Text | str, Any]] = []
        for role, person_id in (("AR", o.ar_id), ("SR", o.sr_id), ("FR", o.fr_id)):
            person = f.people.get(person_id or 0)
            if person is not None:
                choices.append((safe(f"{role} · {person.handle} · {person.name}"), person.handle))
        choices.append((Text(t("opp.uncover"), style="dim"), ""))
        who = await self.pick(t("opp.cover_title", name=row.contact.name), choices,
                              intro=t("opp.cover_intro", role=label(DecisionRole(row.contact.decision_role))))
        if who is not None:
            self.write(partial(cover, opportunity_id=o.id, contact_id=contact_id, by=who or None))

    def action_add_competitor(self) -> None:
        self.run_worker(self._competitor_form(None), group="dialog")

    async def _competitor_form(self, competitor_id: int | None) -> None:
        from ltc_tui.services.nurturing import update_competitor
        from ltc_tui.services.opportunities import add_competitor

        f = self.file
        comp = next((c for c in f.competitors if c.id == competitor_id), None)
        standings = [(label(s), s.value) for s in CompetitorStanding]
        yes_no = [(t("nurt.not_locked"), "no"), (t("nurt.locked"), "yes")]
        spec = FormSpec(
            t("nurt.competitor_edit_title", name=comp.name) if comp else t("nurt.competitor_add_title"),
            [
                FormField("name", t("nurt.col.competitor"), comp.name if comp else "", names=("name",)),
                FormField("standing", t("nurt.competitor_standing"), comp.standing if comp else "medium", kind="choice",
                          choices=standings),
                FormField("strengths", t("nurt.col.strengths"), (comp.strengths or "") if comp else ""),
                FormField("weaknesses", t("nurt.col.weaknesses"), (comp.weaknesses or "") if comp else ""),
                FormField("strategy", t("nurt.col.strategy"), (comp.strategy or "") if comp else "", kind="text"),
                FormField("locked", t("nurt.competitor_locked"), "yes" if comp and comp.locked else "no", kind="choice",
                          choices=yes_no),
            ],
        )
        version = comp.version if comp else None

        def save(session: Any, values: dict[str, str]) -> Any:
            if competitor_id is None:
                return add_competitor(session, opportunity_id=self.opportunity_id, **values)
            return update_competitor(session, competitor_id=competitor_id, expected_version=version, **values)

        await self.ask(spec, save)

    def action_lock(self) -> None:
        from ltc_tui.services.nurturing import update_competitor

        competitor_id = self._selected("#opp-competitors")
        comp = next((c for c in self.file.competitors if c.id == competitor_id), None) if self.file else None
        if comp is not None:
            self.write(partial(update_competitor, competitor_id=comp.id, locked=not comp.locked))

    def action_remove_competitor(self) -> None:
        competitor_id = self._selected("#opp-competitors")
        if isinstance(competitor_id, int):
            self.run_worker(self._remove_competitor(competitor_id), group="dialog")

    async def _remove_competitor(self, competitor_id: int) -> None:
        from ltc_tui.services.nurturing import remove_competitor

        comp = next(c for c in self.file.competitors if c.id == competitor_id)
        if await self.confirm(t("nurt.remove_competitor_q", name=comp.name)):
            self.write(partial(remove_competitor, competitor_id=competitor_id))


def _refill(table: DataTable, rows: list[tuple[str, list[Any]]]) -> None:
    old = None
    if table.row_count:
        old = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    keys = [k for k, _ in rows]
    if old in keys:
        table.move_cursor(row=keys.index(old))


def _days(moment: Any) -> int:
    from ltc_tui import clock

    return max(0, (clock.now() - moment).days)
