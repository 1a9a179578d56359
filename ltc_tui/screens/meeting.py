"""The committee meeting: one lead at a time fills the screen.

Left, the agenda (fixed when the meeting started) with what was decided;
right, the lead in front of the committee: why it is on the agenda, the
decision taken in this meeting if any, then its file (verification,
nurturing progress, earlier decisions). One key per decision: close,
convert, nurture, defer. Undo takes back the meeting's last decision.
Past the last lead, the summary; from there the meeting is closed and its
minutes shown, to read and save.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from ltc_tui.errors import LtcError
from ltc_tui.i18n import join, t
from ltc_tui.messages import DataChanged
from ltc_tui.screens import LtcScreen
from ltc_tui.ui import DECISION_STYLE, db_call, label_of, safe, say, show_error, styled
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.lead_file_view import LeadFileView, decision_detail


@dataclass
class MeetingState:
    minutes: Any  # services.committee.Minutes: the meeting, names, items with decisions, counts
    agenda: list[Any]  # services.committee.AgendaEntry: the reason each lead is on it
    people: list[tuple[str, str]]  # (handle, name) of the active team
    review_days: int


def load_state(session: Any, *, meeting_id: int) -> MeetingState:
    from ltc_tui.services import settings as settings_service
    from ltc_tui.services.committee import agenda, minutes
    from ltc_tui.services.people import list_people

    return MeetingState(
        minutes(session, meeting_id),
        agenda(session, meeting_id),
        [(v.person.handle, v.person.name) for v in list_people(session)],
        int(settings_service.get(session, "review_days")),
    )


AGENDA_WINDOW = 60  # agenda items drawn at once
AGENDA_BEFORE = 10  # of which before the current one


def agenda_window(total: int, index: int) -> tuple[int, int]:
    """Which agenda items to draw: all when they fit, else a window that
    keeps the current item near the top."""
    if total <= AGENDA_WINDOW:
        return 0, total
    start = max(0, min(index - AGENDA_BEFORE, total - AGENDA_WINDOW))
    return start, start + AGENDA_WINDOW


class MeetingScreen(LtcScreen):
    AREA_KEY = "meeting.area"
    BINDINGS = [
        Binding("c", "decide('close')", "key.decide_close", id="meeting.close"),
        Binding("o", "decide('convert')", "key.decide_convert", id="meeting.convert"),
        Binding("n", "decide('nurture')", "key.decide_nurture", id="meeting.nurture"),
        Binding("d", "decide('defer')", "key.decide_defer", id="meeting.defer"),
        Binding("right,l", "step(1)", "key.next", id="meeting.next", priority=True, key_display="→"),
        Binding("left,h", "step(-1)", "key.previous", id="meeting.previous", priority=True, key_display="←"),
        Binding("u", "undo", "key.undo", id="meeting.undo"),
        Binding("f", "summary", "key.finish", id="meeting.finish"),
        Binding("m", "minutes", "key.minutes", id="meeting.minutes"),
        Binding("escape", "leave", "key.leave", id="meeting.leave"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.state: MeetingState | None = None
        self.index = -1  # position in the agenda (0-based); -1 until loaded
        self.file: Any = None
        self.busy = False
        self.loaded = 0  # how many times the current lead was drawn (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="meeting-bar")
        with Horizontal(id="meeting-body"):
            with VerticalScroll(id="agenda-column"):
                yield Static("", id="agenda")
            with Vertical(id="meeting-lead"):
                yield Static("", id="agenda-reason")
                yield Static("", id="meeting-decision")
                yield LeadFileView(compact=True, id="meeting-file")
        yield LtcFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{self.app.sub_title} · {t('meeting.subtitle', id=self.meeting_id)}"
        self.query_one(LeadFileView).focus()
        self.reload(first=True)

    # --- loading -----------------------------------------------------------------------------

    def reload(self, *, first: bool = False, go_to_lead: int | None = None) -> None:
        self.run_worker(partial(self._reload, first, go_to_lead), exclusive=True, group="meeting")

    async def _reload(self, first: bool, go_to_lead: int | None) -> None:
        try:
            self.state = await db_call(self, partial(load_state, meeting_id=self.meeting_id))
        except Exception as error:  # noqa: BLE001 - shown, then back to the pool
            show_error(self, error)
            self.dismiss()
            return
        items = self.state.minutes.items
        if go_to_lead is not None:
            self.index = next((i for i, item in enumerate(items) if item.lead_id == go_to_lead), self.index)
        elif first:  # resume where the committee stopped: the first lead not decided
            self.index = next((i for i, item in enumerate(items) if item.decision is None), 0)
        self.index = max(0, min(self.index, len(items) - 1))
        await self._show_lead()

    async def _show_lead(self) -> None:
        from ltc_tui.services.lead_file import lead_file

        state = self.state
        assert state is not None
        self._draw_bar()
        self._draw_agenda()
        items = state.minutes.items
        if not items:
            self.file = None
            self.query_one("#agenda-reason", Static).update(Text(t("meeting.empty"), style="yellow"))
            self.query_one("#meeting-decision", Static).update("")
            self.loaded += 1
            return
        item = items[self.index]
        try:
            self.file = await db_call(self, partial(lead_file, lead_id=item.lead_id))
        except Exception as error:  # noqa: BLE001 - shown; the agenda stays usable
            show_error(self, error)
            return
        entry = state.agenda[self.index]
        self.query_one("#agenda-reason", Static).update(
            Text.assemble((t("meeting.on_agenda") + " ", "bold"), safe(t(entry.reason_key, **entry.reason_params)))
        )
        decision = Text()
        if item.decision is not None:
            d = item.decision
            decision.append(t("meeting.decided") + " ", style="bold")
            decision.append_text(styled("DecisionKind", d.kind))
            detail = decision_detail(d, lambda pid: item.names.get(pid, "-"))
            if detail:
                decision.append(" — ")
                decision.append_text(safe(detail))
        else:
            decision.append(t("meeting.no_decision"), style="dim")
        self.query_one("#meeting-decision", Static).update(decision)
        self.query_one(LeadFileView).show(self.file)
        self.query_one(LeadFileView).scroll_home(animate=False)
        self.loaded += 1

    def _draw_bar(self) -> None:
        state = self.state
        assert state is not None
        m = state.minutes
        total = len(m.items)
        decided = total - m.counts.get("undecided", 0)
        bar = Text()
        bar.append(t("meeting.bar_title", id=m.meeting.id, date=m.meeting.held_on.isoformat()), style="bold")
        bar.append("  ")
        bar.append_text(safe(t("meeting.bar_chair", chair=m.chair)))
        if m.meeting.status != "open":
            bar.append("  " + t("meeting.bar_closed"), style="bold red")
        bar.append("\n")
        bar.append(t("meeting.position", n=self.index + 1 if total else 0, total=total), style="bold reverse")
        bar.append("  " + t("meeting.progress", decided=decided, total=total), style="bold")
        bar.append("  ")
        bar.append_text(safe(t("meeting.bar_attendees", people=join(m.attendees) or "-"), "dim"))
        self.query_one("#meeting-bar", Static).update(bar)

    def _draw_agenda(self) -> None:
        """The agenda around the lead in front of the committee. A long queue
        (2,000 leads at 100k) drawn whole took ~2 s of layout on every step,
        so at most AGENDA_WINDOW items are drawn, with a line for the rest."""
        state = self.state
        assert state is not None
        items = state.minutes.items
        start, end = agenda_window(len(items), self.index)
        text = Text()
        if start:
            text.append(t("meeting.agenda_earlier", count=start) + "\n", style="dim")
        for i in range(start, end):
            item = items[i]
            current = i == self.index
            mark = "▸" if current else " "
            text.append(f"{mark}{item.position:>2} ", style="bold" if current else "")
            text.append_text(safe(f"#{item.lead_id} {item.title}", "bold" if current else ""))
            text.append("\n    ")
            if item.decision is not None:
                text.append(label_of("DecisionKind", item.decision.kind), style=DECISION_STYLE.get(item.decision.kind, ""))
            else:
                text.append(t("meeting.open_item"), style="dim")
            text.append("\n")
        if end < len(items):
            text.append(t("meeting.agenda_later", count=len(items) - end), style="dim")
        self.query_one("#agenda", Static).update(text)

    def on_data_changed(self, message: DataChanged) -> None:
        if not self.busy:
            self.reload()

    # --- moving -------------------------------------------------------------------------------

    async def action_step(self, step: int) -> None:
        state = self.state
        if state is None or self.busy:
            return
        target = self.index + step
        if target >= len(state.minutes.items):
            self.action_summary()
            return
        if target < 0:
            return
        self.index = target
        await self._show_lead()

    def action_leave(self) -> None:
        say(self, "meeting.left", id=self.meeting_id)
        self.dismiss()

    # --- deciding -----------------------------------------------------------------------------

    async def action_decide(self, kind: str) -> None:
        from ltc_tui.screens.decision_dialog import DecisionDialog, review_proposal
        from ltc_tui.services.committee import check_decider

        state, f = self.state, self.file
        if state is None or f is None or self.busy:
            return
        try:
            await db_call(self, partial(check_decider, meeting_id=self.meeting_id))
        except Exception as error:  # noqa: BLE001 - the refusal, said before asking anything
            show_error(self, error)
            return
        lead = f.lead
        if kind == "defer":
            await self._record(kind, {})
            return
        proposal: dict[str, Any] = {}
        if kind == "nurture":
            sr = f.name(lead.sr_id) or None
            proposal = {
                "owner": f.name(lead.owner_id) or sr, "ar": f.name(lead.ar_id) or None, "sr": sr,
                "fr": f.name(lead.fr_id) or None, "review": review_proposal(state.review_days),
                "owner_chosen": bool(lead.owner_id and lead.owner_id != lead.sr_id),
            }

        async def submit(values: dict[str, Any]) -> Any:
            return await self._save(kind, values)

        def done(result: Any) -> None:
            if result is not None:
                self._after_decision(result)

        self.app.push_screen(
            DecisionDialog(kind, lead_id=lead.id, lead_title=lead.title, submit=submit, people=state.people,
                           proposal=proposal),
            done,
        )

    async def _save(self, kind: str, values: dict[str, Any]) -> Any:
        from ltc_tui.services.committee import decide

        f = self.file
        params: dict[str, Any] = {"notes": values.get("notes") or None}
        if kind == "close":
            params["reason"] = values.get("reason")
        elif kind == "convert":
            params.update(budget=values.get("budget") or None, start=values.get("start") or None)
        elif kind == "nurture":
            params.update(owner=values.get("owner"), ar=values.get("ar"), sr=values.get("sr"), fr=values.get("fr"),
                          next_review=values.get("review") or None)
        self.busy = True
        try:
            return await db_call(
                self,
                partial(decide, lead_id=f.lead.id, kind=kind, meeting_id=self.meeting_id,
                        expected_version=f.lead.version, **params),
                write=True,
            )
        finally:
            self.busy = False

    async def _record(self, kind: str, values: dict[str, Any]) -> None:
        try:
            result = await self._save(kind, values)
        except LtcError as error:
            show_error(self, error)
            return
        self._after_decision(result)

    def _after_decision(self, result: Any) -> None:
        d = result.decision
        say(self, "meeting.recorded", id=d.lead_id, kind=label_of("DecisionKind", d.kind))
        if result.opportunity_id:
            say(self, "meeting.opportunity_opened", id=result.opportunity_id)
        for warning in result.warnings:
            say(self, warning, severity="warning")
        state = self.state
        if state is not None and self.index + 1 >= len(state.minutes.items):
            self.reload()
            self.call_after_refresh(self.action_summary)
            return
        self.index += 1
        self.reload()

    async def action_undo(self) -> None:
        from ltc_tui.services.committee import undo_last

        if self.busy:
            return
        try:
            decision = await db_call(self, partial(undo_last, meeting_id=self.meeting_id), write=True)
        except LtcError as error:
            show_error(self, error)
            return
        say(self, "meeting.undone", id=decision.lead_id, kind=label_of("DecisionKind", decision.kind))
        self.reload(go_to_lead=decision.lead_id)

    # --- the end --------------------------------------------------------------------------------

    def action_summary(self) -> None:
        from ltc_tui.screens.meeting_summary import MeetingSummaryScreen

        def done(result: str | None) -> None:
            if result == "closed":
                from ltc_tui.screens.minutes import MinutesScreen

                self.dismiss()
                self.app.push_screen(MinutesScreen(self.meeting_id))
            elif result == "minutes":
                self.action_minutes()

        self.app.push_screen(MeetingSummaryScreen(self.meeting_id), done)

    def action_minutes(self) -> None:
        from ltc_tui.screens.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(self.meeting_id))
