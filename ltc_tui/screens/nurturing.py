"""One lead's nurturing: the six steps as a checklist, each with its editor.

Left, the checklist (done with its date, the current step highlighted, the
rest open); right, the selected step: its dates, its evidence (or what is
missing), and its editor:
  1      the pain table, edited in place, and the pain chain as a tree;
  2 3 5 6  the key decision makers and their stance for the step, with a meter;
  4      the competitors, our strategy against each, locked or not;
and the step's notes (step 5: the vision itself). Earlier passes (after "back
to step 1") are shown read-only with the reason they ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Header, OptionList, Static, Tree
from textual.widgets.option_list import Option

from ltc_tui.enums import CompetitorStanding, Influence, Step, Vote
from ltc_tui.errors import LtcError
from ltc_tui.i18n import label, t
from ltc_tui.screens import LtcScreen
from ltc_tui.screens.flows import Flows
from ltc_tui.ui import db_call, safe, show_error
from ltc_tui.widgets.field_form import FieldForm, FormField, FormSpec
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.table import LtcDataTable

KDM_STEPS = {
    Step.KDM_INTEREST: "interested",
    Step.PAIN_ACKNOWLEDGED: "acknowledges_pain",
    Step.VISION: "shares_vision",
    Step.SOLUTION_ACCEPTANCE: "vote",
}
VOTE_CYCLE = {Vote.UNDECIDED.value: Vote.FOR.value, Vote.FOR.value: Vote.AGAINST.value, Vote.AGAINST.value: Vote.UNDECIDED.value}
VOTE_STYLE = {"for": "bold green", "against": "bold red", "undecided": "dim"}
STANDING_STYLE = {"strong": "bold red", "medium": "yellow", "weak": "green"}
EDITING = {"add", "edit", "remove", "toggle", "mark_done", "reopen", "edit_notes", "back_to_one"}


@dataclass
class NurtureView:
    """What the screen shows, read in one go."""

    progress: Any  # services.nurturing.Progress
    customer: str
    people: dict[int, str]
    contacts: list[Any]
    status: str

    def who(self, person_id: int | None) -> str:
        return self.people.get(person_id or 0, "") if person_id else ""

    @property
    def editable(self) -> bool:
        return self.status == "nurturing" and self.progress.pass_no == self.progress.current_pass


def fetch_view(session: Any, lead_id: int, pass_no: int | None) -> NurtureView:
    from ltc_tui.services.customers import get_customer, list_contacts
    from ltc_tui.services.nurturing import progress
    from ltc_tui.services.people import list_people

    p = progress(session, lead_id, pass_no=pass_no)
    customer = get_customer(session, p.lead.customer_id)
    people = {v.person.id or 0: v.person.handle for v in list_people(session, include_inactive=True)}
    contacts = [c for c, _ in list_contacts(session, customer_id=customer.id)]
    return NurtureView(p, customer.name, people, contacts, p.lead.status)


def meter_text(meter: Any, noun_key: str) -> Text:
    """``■■■□□ 3 of 5 KDMs, majority needed``."""
    text = Text()
    style = "green" if meter.met else "yellow"
    text.append("■" * min(meter.have, 30), style=style)
    text.append("□" * max(0, min(meter.total, 30) - meter.have), style="dim")
    if meter.total:
        text.append(" ")
    if meter.threshold_pct == 50:
        need = t("nurt.meter.majority")
    elif meter.threshold_pct >= 100:
        need = t("nurt.meter.all")
    else:
        need = t("nurt.meter.needed", needed=meter.needed)
    text.append(t("nurt.meter", have=meter.have, total=meter.total, what=t(noun_key), need=need), style="bold " + style)
    return text


def fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal columns, cut with "…" (a Chinese
    character takes two columns)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def clip(value: Any, width: int, style: str = "") -> Text:
    """User text cut to ``width`` cells (with an ellipsis): the editors show it whole."""
    text = safe(value, style)
    text.truncate(width, overflow="ellipsis")
    return text


def _yes(value: bool) -> Text:
    return Text(t("nurt.yes"), style="bold green") if value else Text(t("nurt.no"), style="dim")


class NurturingScreen(Flows, LtcScreen):
    CSS_PATH = "nurturing.tcss"
    AREA_KEY = "nurt.area"  # the command palette's name for this screen's actions
    BINDINGS = [
        Binding("escape", "back", "tp.key.back", id="nurture.back"),
        Binding("d", "mark_done", "nurt.key.done", id="nurture.done"),
        Binding("space", "toggle", "nurt.key.toggle", id="nurture.toggle"),
        Binding("a", "add", "nurt.key.add", id="nurture.add"),
        Binding("e", "edit", "nurt.key.edit", id="nurture.edit"),
        Binding("x,delete", "remove", "nurt.key.remove", id="nurture.remove"),
        Binding("n", "edit_notes", "nurt.key.notes", id="nurture.notes"),
        Binding("p", "cycle_pass", "nurt.key.pass", id="nurture.pass"),
        Binding("b", "back_to_one", "nurt.key.back_to_one", id="nurture.back_one"),
        Binding("h", "handover", "nurt.key.handover", id="nurture.handover"),
        Binding("o", "reopen", "nurt.key.reopen", id="nurture.reopen", show=False),
    ]

    def __init__(self, lead_id: int) -> None:
        super().__init__()
        self.lead_id = lead_id
        self.view: NurtureView | None = None
        self.viewing_pass: int | None = None  # None: the current pass
        self.step = Step.PAIN_CHAIN
        self.editing_pain: int | None = None  # the row being edited in place (0: a new row)
        self._first_load = True

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="lead-bar")
        yield Static(id="pass-banner")
        with Horizontal(id="nurture-body"):
            with Vertical(id="checklist-pane"):
                yield Static(safe(t("nurt.checklist"), "bold"), classes="pane-title")
                yield OptionList(id="steps")
            with Vertical(id="step-pane"):
                yield Static(id="step-head")
                yield Static(id="step-dates")
                yield Static(id="evidence")
                yield Static(id="meter")
                with ContentSwitcher(initial="ed-pains", id="editor"):
                    with Vertical(id="ed-pains"):
                        yield LtcDataTable(id="pains", cursor_type="row", zebra_stripes=True)
                        yield Vertical(id="pain-edit-slot")
                        yield Static(safe(t("nurt.chain_title"), "bold"), classes="section-title")
                        yield Tree(Text(t("nurt.chain_root")), id="chain")
                    with Vertical(id="ed-kdms"):
                        yield LtcDataTable(id="kdms", cursor_type="row", zebra_stripes=True)
                    with Vertical(id="ed-competitors"):
                        yield LtcDataTable(id="competitors", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="notes-box"):
                    yield Static(id="notes-title", classes="section-title")
                    yield Static(id="notes")
        yield LtcFooter()

    def on_mount(self) -> None:
        pains = self.query_one("#pains", DataTable)
        for key, title in (("id", "col.id"), ("role", "nurt.col.role"), ("kpi", "nurt.col.kpi"), ("pain", "nurt.col.pain"),
                           ("cause", "nurt.col.cause"), ("impact", "nurt.col.impact"), ("leads_to", "nurt.col.leads_to")):
            pains.add_column(t(title), key=key)
        competitors = self.query_one("#competitors", DataTable)
        for key, title in (("name", "nurt.col.competitor"), ("standing", "nurt.col.standing"), ("strengths", "nurt.col.strengths"),
                           ("weaknesses", "nurt.col.weaknesses"), ("strategy", "nurt.col.strategy"), ("locked", "nurt.col.locked")):
            competitors.add_column(t(title), key=key)
        self.query_one("#chain", Tree).show_root = False
        self.query_one("#steps", OptionList).focus()
        self.load()

    # --- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self.run_worker(self._load, exclusive=True, group="load")

    async def _load(self) -> None:
        try:
            view = await db_call(self, partial(fetch_view, lead_id=self.lead_id, pass_no=self.viewing_pass))
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        if not self.query("#lead-bar"):
            return  # closed (handed over, or the app quit) while it loaded
        self.view = view
        if self._first_load:
            self._first_load = False
            self.step = view.progress.current_step or Step.SOLUTION_ACCEPTANCE
        self._show()

    def on_data_changed(self) -> None:  # from LtcApp.check_for_changes
        self.load()

    def _show(self) -> None:
        view = self.view
        if view is None:
            return
        p = view.progress
        lead = p.lead
        bar = Text()
        bar.append(f"#{lead.id} ", style="bold")
        bar.append(safe(lead.title, "bold"))
        bar.append(" · ")
        bar.append(safe(view.customer))
        bar.append(" · " + t("nurt.triangle", ar=view.who(lead.ar_id) or "-", sr=view.who(lead.sr_id) or "-",
                              fr=view.who(lead.fr_id) or "-"))
        if lead.next_review_on:
            bar.append(" · " + t("nurt.review_on", date=lead.next_review_on.isoformat()))
        bar.append(" · ")
        bar.append(t("nurt.pass_of", pass_no=p.pass_no, current=p.current_pass), style="bold yellow" if p.current_pass > 1 else "bold")
        if view.status != "nurturing":
            bar.append(" · ")
            bar.append(t("nurt.lead_status", status=label_status(view.status)), style="bold magenta")
        self.query_one("#lead-bar", Static).update(bar)
        banner = self.query_one("#pass-banner", Static)
        record = next((r for r in p.passes if r.pass_no == p.pass_no), None)
        if p.pass_no != p.current_pass:
            banner.update(
                Text(t("nurt.pass_readonly", pass_no=p.pass_no,
                       at=record.ended_at.date().isoformat() if record and record.ended_at else "-",
                       who=view.who(record.ended_by_id) if record else "-",
                       reason=(record.end_reason if record else "") or "-"), style="bold black on yellow")
            )
            banner.display = True
        elif view.editable and p.all_done:
            banner.update(Text(t("nurt.ready_banner"), style="bold black on green"))
            banner.display = True
        else:
            banner.display = False
        self._show_checklist()
        self._show_step()
        self.refresh_bindings()

    def _show_checklist(self) -> None:
        assert self.view is not None
        p = self.view.progress
        steps = self.query_one("#steps", OptionList)
        ended = p.pass_no != p.current_pass
        options = []
        for status in p.steps:
            line = Text()
            name = f"{status.step.number} {label(status.step)}"
            if status.done:
                line.append("✓ ", style="bold green")
                line.append(name)
                detail = t("nurt.state.done_on", date=status.record.done_on.isoformat() if status.record.done_on else "-")
                line.append("\n    " + detail, style="green")
            elif status.current:
                line.append("▸ ", style="bold yellow")
                line.append(name, style="bold yellow")
                line.append("\n    " + (t("nurt.state.stopped") if ended else t("nurt.state.current")), style="yellow")
            else:
                line.append("· ", style="dim")
                line.append(name, style="dim")
                line.append("\n    " + t("nurt.state.open"), style="dim")
            options.append(Option(line, id=status.step.value))
        highlighted = self.step.number - 1
        steps.set_options(options)
        steps.highlighted = highlighted

    def _status(self) -> Any:
        assert self.view is not None
        return self.view.progress.steps[self.step.number - 1]

    def _show_step(self) -> None:
        view = self.view
        assert view is not None
        status = self._status()
        record = status.record
        head = Text()
        head.append(t("nurt.step_title", number=self.step.number, name=label(self.step)), style="bold")
        head.append("  ")
        if status.done:
            head.append(t("nurt.state.done"), style="bold green")
        elif status.current:
            head.append(t("nurt.state.current"), style="bold yellow")
        else:
            head.append(t("nurt.state.open"), style="dim")
        self.query_one("#step-head", Static).update(head)
        dates = t("nurt.started", date=record.started_on.isoformat()) if record.started_on else t("nurt.not_started")
        if status.done and record.done_on:
            dates += " · " + t("nurt.done_on", date=record.done_on.isoformat(), who=view.who(record.done_by_id) or "-")
        self.query_one("#step-dates", Static).update(Text(dates, style="dim"))
        evidence = Text()
        if status.evidence_ok:
            evidence.append("✓ ", style="bold green")
            evidence.append(t(status.evidence_key, **status.evidence_params), style="green")
        else:
            evidence.append("✗ " + t("nurt.missing") + " ", style="bold red")
            evidence.append(t(status.evidence_key, **status.evidence_params))
        self.query_one("#evidence", Static).update(evidence)
        meter = self.query_one("#meter", Static)
        if status.meter is not None:
            noun = "nurt.meter.votes" if self.step is Step.SOLUTION_ACCEPTANCE else "nurt.meter.kdms"
            meter.update(meter_text(status.meter, noun))
            meter.display = True
        else:
            meter.display = False
        switcher = self.query_one("#editor", ContentSwitcher)
        if self.step is Step.PAIN_CHAIN:
            switcher.current = "ed-pains"
            self._show_pains()
        elif self.step is Step.COMPETITION:
            switcher.current = "ed-competitors"
            self._show_competitors()
        else:
            switcher.current = "ed-kdms"
            self._show_kdms()
        notes_title = "nurt.notes.vision" if self.step is Step.VISION else "nurt.notes"
        self.query_one("#notes-title", Static).update(Text(t(notes_title), style="bold"))
        notes = record.notes
        self.query_one("#notes", Static).update(safe(notes) if notes else Text(t("nurt.notes.none"), style="dim italic"))

    def _refill(self, table: DataTable, rows: list[tuple[str, list[Any]]]) -> None:
        """Replace the rows, keeping the cursor on the same record when it is still there."""
        old = None
        if table.row_count:
            old = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        keys = [k for k, _ in rows]
        if old in keys:
            table.move_cursor(row=keys.index(old))

    def _show_pains(self) -> None:
        assert self.view is not None
        pains = self.view.progress.pains
        by_id = {p.id: p for p in pains}
        rows = []
        for row in pains:
            target = by_id.get(row.leads_to_id)
            rows.append((str(row.id), [
                Text(str(row.id), justify="right"), clip(row.role, 14, "bold"), clip(row.kpi, 10), clip(row.pain, 18),
                clip(row.cause, 12), clip(row.impact, 10), clip(f"#{target.id} {target.role}" if target else "", 11),
            ]))
        self._refill(self.query_one("#pains", DataTable), rows)
        self._show_chain()

    def _show_chain(self) -> None:
        from ltc_tui.services.nurturing import pain_chain

        assert self.view is not None
        tree = self.query_one("#chain", Tree)
        tree.clear()

        def add(node: Any, item: tuple[Any, list[Any]]) -> None:
            row, kids = item
            text = Text()
            text.append(safe(row.role, "bold"))
            if row.kpi:
                text.append(" (")
                text.append(safe(row.kpi, "italic"))
                text.append(")")
            text.append(": ")
            text.append(safe(row.pain))
            child = node.add(text, data=row.id, expand=True, allow_expand=bool(kids))
            for kid in kids:
                add(child, kid)

        roots = pain_chain(self.view.progress.pains)
        for root in roots:
            add(tree.root, root)
        if not roots:
            tree.root.add_leaf(Text(t("nurt.chain_empty"), style="dim italic"))
        tree.root.expand_all()

    def _show_kdms(self) -> None:
        assert self.view is not None
        table = self.query_one("#kdms", DataTable)
        attr = KDM_STEPS[self.step]
        state_title = t(f"nurt.col.{attr}")
        if [str(c.label) for c in table.columns.values()][3:4] != [state_title]:
            table.clear(columns=True)
            for key, title in (("name", "nurt.col.kdm"), ("role", "nurt.col.decision_role"), ("influence", "nurt.col.influence")):
                table.add_column(t(title), key=key)
            table.add_column(state_title, key="state")
            table.add_column(t("nurt.col.notes"), key="notes")
        rows = []
        for kdm in self.view.progress.kdms:
            stance, contact = kdm.stance, kdm.contact
            if attr == "vote":
                state = Text(label(Vote(stance.vote)), style=VOTE_STYLE.get(stance.vote, ""))
            else:
                state = _yes(getattr(stance, attr))
            who = safe(contact.name, "bold")
            if contact.job_title:
                who.append(safe(f" · {contact.job_title}", "dim"))
            who.truncate(26, overflow="ellipsis")
            rows.append((str(contact.id), [
                who, safe(label_role(contact.decision_role)), safe(label(Influence(contact.influence))), state,
                clip(stance.notes, 28),
            ]))
        self._refill(table, rows)

    def _show_competitors(self) -> None:
        assert self.view is not None
        rows = []
        for comp in self.view.progress.competitors:
            rows.append((str(comp.id), [
                clip(comp.name, 16, "bold"),
                Text(label(CompetitorStanding(comp.standing)), style=STANDING_STYLE.get(comp.standing, "")),
                clip(comp.strengths, 14), clip(comp.weaknesses, 14), clip(comp.strategy, 20),
                Text(t("nurt.locked"), style="bold green") if comp.locked else Text(t("nurt.not_locked"), style="yellow"),
            ]))
        self._refill(self.query_one("#competitors", DataTable), rows)

    # --- selection ----------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id != self.step.value:
            self.step = Step(event.option.id)
            if self.editing_pain is not None:
                self.run_worker(self._close_pain_editor(), group="dialog")
            if self.view is not None:
                self._show_step()
                self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._editor_table().focus()

    def _editor_table(self) -> DataTable:
        table_id = {Step.PAIN_CHAIN: "#pains", Step.COMPETITION: "#competitors"}.get(self.step, "#kdms")
        return self.query_one(table_id, DataTable)

    def _selected_key(self) -> int | None:
        table = self._editor_table()
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.check_action("edit", ()):
            self.action_edit()

    # --- which keys apply ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None:
            return True if action == "back" else None
        if action in EDITING and not view.editable:
            return None
        if action == "toggle":
            return self.step is not Step.PAIN_CHAIN
        if action in ("edit", "remove"):
            return True if self._editor_table().row_count else None
        if action == "mark_done":
            return True if not self._status().done else None
        if action == "reopen":
            return True if self._status().done else None
        if action == "handover":
            return True if view.editable and view.progress.all_done else None
        if action == "cycle_pass":
            return view.progress.current_pass > 1
        return True

    def _refuse_if_read_only(self) -> bool:
        if self.view is not None and not self.view.editable:
            key = "nurt.read_only" if self.view.status == "nurturing" else "nurt.not_nurturing"
            self.notify(t(key, pass_no=self.view.progress.pass_no, status=self.view.status), severity="warning", markup=False)
            return True
        return False

    # --- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_mark_done(self) -> None:
        if self._refuse_if_read_only():
            return
        from ltc_tui.services.nurturing import mark_done

        step = self.step

        def after(_: Any) -> None:
            self.notify(t("nurt.marked_done", number=step.number, name=label(step)), markup=False)
            if step.number < 6:
                self.step = Step.from_number(step.number + 1)

        self.write(partial(mark_done, lead_id=self.lead_id, step=step), done=after)

    def action_reopen(self) -> None:
        if self._refuse_if_read_only():
            return
        self.run_worker(self._reopen(), group="dialog")

    async def _reopen(self) -> None:
        from ltc_tui.services.nurturing import reopen

        step = self.step
        if await self.confirm(t("nurt.reopen_q", number=step.number, name=label(step)), t("nurt.reopen_detail")):
            self.write(partial(reopen, lead_id=self.lead_id, step=step))

    def action_cycle_pass(self) -> None:
        if self.view is None:
            return
        p = self.view.progress
        shown = p.pass_no
        nxt = shown - 1 if shown > 1 else p.current_pass
        self.viewing_pass = None if nxt == p.current_pass else nxt
        if self.editing_pain is not None:
            self.run_worker(self._close_pain_editor(), group="dialog")
        self.load()

    def action_edit_notes(self) -> None:
        if self._refuse_if_read_only():
            return
        self.run_worker(self._edit_notes(), group="dialog")

    async def _edit_notes(self) -> None:
        from ltc_tui.services.nurturing import set_step_notes

        step = self.step
        status = self._status()
        key = "nurt.notes.vision" if step is Step.VISION else "nurt.notes"
        spec = FormSpec(
            t("nurt.notes_title", number=step.number, name=label(step)),
            [FormField("notes", t(key), status.record.notes or "", kind="text")],
            intro=t("nurt.notes_intro.vision") if step is Step.VISION else "",
        )
        await self.ask(spec, lambda session, values: set_step_notes(session, lead_id=self.lead_id, step=step, notes=values["notes"]))

    def action_back_to_one(self) -> None:
        if self._refuse_if_read_only():
            return
        self.run_worker(self._back_to_one(), group="dialog")

    async def _back_to_one(self) -> None:
        from ltc_tui.services.nurturing import back_to_step_one

        assert self.view is not None
        spec = FormSpec(
            t("nurt.back_title"),
            [FormField("reason", t("nurt.back_reason"), kind="text", names=("reason",))],
            intro=t("nurt.back_intro", pass_no=self.view.progress.current_pass),
        )
        number = await self.ask(spec, lambda session, values: back_to_step_one(session, lead_id=self.lead_id, reason=values["reason"]))
        if number is not None:
            self.viewing_pass = None
            self.step = Step.PAIN_CHAIN
            self.notify(t("nurt.back_done", pass_no=number, old=number - 1), markup=False)

    def action_handover(self) -> None:
        if self._refuse_if_read_only():
            return
        self.run_worker(self._handover(), group="dialog")

    async def _handover(self) -> None:
        from ltc_tui.services.nurturing import handover
        from ltc_tui.values import format_money

        assert self.view is not None
        lead = self.view.progress.lead
        spec = FormSpec(
            t("nurt.handover_title", id=lead.id),
            [
                FormField("budget", t("nurt.handover_budget", currency=lead.currency), placeholder="1.2M", names=("budget",)),
                FormField("start", t("nurt.handover_start"), placeholder="2027-03-01", names=("start", "start date")),
                FormField("amount", t("nurt.handover_amount"), names=("amount",),
                          placeholder=format_money(lead.expected_amount_cents) or ""),
            ],
            intro=t("nurt.handover_intro"),
        )
        opportunity = await self.ask(
            spec,
            lambda session, values: handover(session, lead_id=self.lead_id, budget=values["budget"] or None,
                                             start=values["start"] or None, amount=values["amount"] or None),
        )
        if opportunity is None:
            return
        self.notify(t("nurt.handed_over", id=lead.id, opp=opportunity.id), markup=False)
        from ltc_tui.screens.opportunity import OpportunityScreen

        self.app.switch_screen(OpportunityScreen(opportunity.id))

    # --- the step's editor: add / edit / remove / toggle --------------------------------------

    def action_add(self) -> None:
        if self._refuse_if_read_only():
            return
        if self.step is Step.PAIN_CHAIN:
            self.run_worker(self._open_pain_editor(None), group="dialog")
        elif self.step is Step.COMPETITION:
            self.run_worker(self._competitor_form(None), group="dialog")
        else:
            self.run_worker(self._add_kdm(), group="dialog")

    def action_edit(self) -> None:
        if self._refuse_if_read_only():
            return
        key = self._selected_key()
        if key is None:
            return
        if self.step is Step.PAIN_CHAIN:
            self.run_worker(self._open_pain_editor(key), group="dialog")
        elif self.step is Step.COMPETITION:
            self.run_worker(self._competitor_form(key), group="dialog")
        else:
            self.run_worker(self._kdm_notes(key), group="dialog")

    def action_remove(self) -> None:
        if self._refuse_if_read_only():
            return
        key = self._selected_key()
        if key is not None:
            self.run_worker(self._remove(key), group="dialog")

    async def _remove(self, key: int) -> None:
        from ltc_tui.services import nurturing

        assert self.view is not None
        p = self.view.progress
        if self.step is Step.PAIN_CHAIN:
            row = next(r for r in p.pains if r.id == key)
            question, fn = t("nurt.remove_pain_q", role=row.role, pain=row.pain), partial(nurturing.remove_pain, row_id=key)
            detail = t("nurt.remove_pain_detail")
        elif self.step is Step.COMPETITION:
            comp = next(c for c in p.competitors if c.id == key)
            question, fn = t("nurt.remove_competitor_q", name=comp.name), partial(nurturing.remove_competitor, competitor_id=key)
            detail = ""
        else:
            kdm = next(k for k in p.kdms if k.contact.id == key)
            question = t("nurt.remove_kdm_q", name=kdm.contact.name)
            fn = partial(nurturing.remove_kdm, lead_id=self.lead_id, contact_id=key)
            detail = t("nurt.remove_kdm_detail")
        if await self.confirm(question, detail):
            self.write(fn)

    def action_toggle(self) -> None:
        if self._refuse_if_read_only():
            return
        from ltc_tui.services.nurturing import set_kdm, update_competitor

        key = self._selected_key()
        if key is None or self.view is None:
            return
        p = self.view.progress
        if self.step is Step.COMPETITION:
            comp = next(c for c in p.competitors if c.id == key)
            self.write(partial(update_competitor, competitor_id=key, locked=not comp.locked))
            return
        if self.step is Step.PAIN_CHAIN:
            return
        kdm = next(k for k in p.kdms if k.contact.id == key)
        attr = KDM_STEPS[self.step]
        value = VOTE_CYCLE[kdm.stance.vote] if attr == "vote" else not getattr(kdm.stance, attr)
        self.write(partial(set_kdm, lead_id=self.lead_id, contact_id=key, **{attr: value}))

    async def _add_kdm(self) -> None:
        from ltc_tui.services.nurturing import add_kdm

        assert self.view is not None
        taken = {k.contact.id for k in self.view.progress.kdms}
        choices: list[tuple[Text | str, Any]] = []
        for contact in self.view.contacts:
            if contact.id in taken:
                continue
            line = safe(contact.name, "bold")
            line.append(safe(f" · {contact.job_title or '-'} · {label_role(contact.decision_role)} · "
                             f"{label(Influence(contact.influence))}", "dim"))
            choices.append((line, contact.id))
        contact_id = await self.pick(t("nurt.add_kdm_title"), choices, intro=t("nurt.add_kdm_intro", customer=self.view.customer),
                                     empty=t("nurt.add_kdm_empty", customer=self.view.customer))
        if contact_id is not None:
            self.write(partial(add_kdm, lead_id=self.lead_id, contact_id=contact_id))

    async def _kdm_notes(self, contact_id: int) -> None:
        from ltc_tui.services.nurturing import set_kdm

        assert self.view is not None
        kdm = next(k for k in self.view.progress.kdms if k.contact.id == contact_id)
        spec = FormSpec(t("nurt.kdm_notes_title", name=kdm.contact.name),
                        [FormField("notes", t("nurt.col.notes"), kdm.stance.notes or "", kind="text")])
        await self.ask(spec, lambda session, values: set_kdm(session, lead_id=self.lead_id, contact_id=contact_id,
                                                              notes=values["notes"]))

    async def _competitor_form(self, competitor_id: int | None) -> None:
        from ltc_tui.services.nurturing import add_competitor, update_competitor

        assert self.view is not None
        comp = next((c for c in self.view.progress.competitors if c.id == competitor_id), None)
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
            intro=t("nurt.competitor_intro"),
        )
        version = comp.version if comp else None

        def save(session: Any, values: dict[str, str]) -> Any:
            fields = dict(values)
            name = fields.pop("name")
            if competitor_id is None:
                return add_competitor(session, lead_id=self.lead_id, name=name, locked=fields.pop("locked") == "yes", **fields)
            return update_competitor(session, competitor_id=competitor_id, expected_version=version, name=name, **fields)

        await self.ask(spec, save)

    # --- the pain table, edited in place -------------------------------------------------------

    def _pain_fields(self, row: Any) -> list[FormField]:
        assert self.view is not None
        pains = self.view.progress.pains
        choices = [(t("nurt.leads_to_none"), "")]
        for other in pains:
            if row is not None and other.id == row.id:
                continue
            choice = f"#{other.id} {other.role}: {other.pain}"
            choices.append((fit(choice, 20), str(other.id)))
        return [
            FormField("role", t("nurt.col.role_person"), row.role if row else "", names=("role",), placeholder=t("nurt.role_hint")),
            FormField("kpi", t("nurt.col.kpi"), (row.kpi or "") if row else "", names=("kpi",), placeholder=t("nurt.kpi_hint")),
            FormField("pain", t("nurt.col.pain"), row.pain if row else "", names=("pain",)),
            FormField("cause", t("nurt.col.cause"), (row.cause or "") if row else "", names=("cause",)),
            FormField("impact", t("nurt.col.impact"), (row.impact or "") if row else "", names=("impact",)),
            FormField("leads_to", t("nurt.col.leads_to_long"), str(row.leads_to_id or "") if row else "", kind="choice",
                      choices=choices, names=("leads to",)),
        ]

    async def _open_pain_editor(self, row_id: int | None) -> None:
        assert self.view is not None
        await self._close_pain_editor()
        row = next((r for r in self.view.progress.pains if r.id == row_id), None) if row_id else None
        self.editing_pain = row_id or 0
        slot = self.query_one("#pain-edit-slot", Vertical)
        title = Text(t("nurt.pain_edit_title", id=row_id) if row_id else t("nurt.pain_add_title"), style="bold")
        title.append("  " + t("tp.form.keys"), style="dim")
        form = FieldForm(self._pain_fields(row), classes="inline")
        await slot.mount(Static(title, classes="form-title"), form)
        slot.add_class("-editing")
        form.focus_first()
        self.refresh_bindings()

    async def _close_pain_editor(self) -> None:
        self.editing_pain = None
        slot = self.query_one("#pain-edit-slot", Vertical)
        slot.remove_class("-editing")
        await slot.remove_children()

    async def on_field_form_cancelled(self, event: FieldForm.Cancelled) -> None:
        event.stop()
        await self._close_pain_editor()
        self.query_one("#pains", DataTable).focus()

    def on_field_form_submitted(self, event: FieldForm.Submitted) -> None:
        event.stop()
        self.run_worker(self._save_pain(event.form, event.values), group="write")

    async def _save_pain(self, form: FieldForm, values: dict[str, str]) -> None:
        from ltc_tui.services.nurturing import add_pain, update_pain

        assert self.view is not None
        row_id = self.editing_pain
        fields: dict[str, Any] = {k: values[k] for k in ("role", "kpi", "pain", "cause", "impact")}
        fields["leads_to"] = int(values["leads_to"]) if values["leads_to"] else None
        if row_id:
            version = next(r.version for r in self.view.progress.pains if r.id == row_id)
            fn = partial(update_pain, row_id=row_id, expected_version=version, **fields)
        else:
            fn = partial(add_pain, lead_id=self.lead_id, **fields)
        try:
            saved = await db_call(self, fn, write=True)
        except LtcError as error:
            form.show_error(error)
            return
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        await self._close_pain_editor()
        self.notify(t("nurt.pain_saved", id=saved.id), markup=False)
        table = self.query_one("#pains", DataTable)
        table.focus()
        view = await db_call(self, partial(fetch_view, lead_id=self.lead_id, pass_no=self.viewing_pass))
        self.view = view
        self._show()
        keys = [str(r.id) for r in view.progress.pains]
        if str(saved.id) in keys:
            table.move_cursor(row=keys.index(str(saved.id)))


def label_role(value: str) -> str:
    from ltc_tui.enums import DecisionRole

    return label(DecisionRole(value))


def label_status(value: str) -> str:
    from ltc_tui.enums import LeadStatus

    return label(LeadStatus(value))
