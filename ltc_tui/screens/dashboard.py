"""The pipeline dashboard: the team lead's view of the whole funnel.

Every figure comes from ``services.reports.pipeline_report`` (the same as
``ltc report``; its docstring defines each one), computed in a thread
worker and drawn as panels: the funnel as bars, conversion and outcomes,
receivables by age with the overdue payments, leads by channel and by
submitter, this week's visits against the target, stale work, and key
customers whose next-year budget is known. Keys m, q, y, a choose the
period (this month, quarter, year, all time); the data refreshes itself
when anything changes.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Header, Static

from ltc_tui.i18n import label, t
from ltc_tui.screens import MainScreen
from ltc_tui.ui import db_call, safe, show_error
from ltc_tui.widgets.bars import TO_GO, BarRow, Bars, bar
from ltc_tui.widgets.footer import LtcFooter
from ltc_tui.widgets.listing import Listing

PERIOD_KEYS = (("m", "month"), ("q", "quarter"), ("y", "year"), ("a", "all"))
STAGE_STYLE = {
    "leads": "dodger_blue2", "verified": "deep_sky_blue1", "nurturing": "medium_purple", "opportunities": "orchid",
    "won": "green3", "collected": "green",
}
AGE_STYLE = {"not_due": "green", "0_30": "yellow", "31_60": "dark_orange", "61_90": "red", "over_90": "bold red"}
PANELS = ("funnel", "rates", "receivables", "visits", "stale", "channels", "submitters")
LISTED = 5  # stale and overdue rows shown in a panel; the counts are whole


class DashboardScreen(MainScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # one column of panels, or two
    BINDINGS = [
        *(Binding(key, f"period('{name}')", f"cash.dash.key.{name}", id=f"dashboard.{name}") for key, name in PERIOD_KEYS),
        Binding("p", "next_period", "cash.dash.key.next", id="dashboard.next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period = "month"
        self.report: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dash-period")
        with VerticalScroll(id="dash-body"), Grid(id="dash-grid"):
            for panel in PANELS:
                box = Static(id=f"dash-{panel}", classes="dash-panel")
                box.border_title = t(f"cash.dash.{panel}")
                yield box
        yield LtcFooter()

    def on_mount(self) -> None:
        self.query_one("#dash-body").focus()  # arrows and page keys scroll the panels
        self._period_line(loading=True)
        self.load()

    # --- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self.run_worker(partial(self._load, self.period), exclusive=True, group="load")

    async def _load(self, period: str) -> None:
        from ltc_tui.services.reports import pipeline_report

        try:
            report = await db_call(self, lambda s: pipeline_report(s, period=period, list_limit=LISTED))
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        if period != self.period:  # the person chose another period meanwhile
            return
        self.report = report
        self._draw()

    def refresh_data(self) -> None:
        self.load()

    def action_period(self, name: str) -> None:
        if name != self.period:
            self.period = name
            self._period_line(loading=True)
            self.load()

    def action_next_period(self) -> None:
        names = [name for _, name in PERIOD_KEYS]
        self.action_period(names[(names.index(self.period) + 1) % len(names)])

    # --- drawing ---------------------------------------------------------------------------

    def _period_line(self, *, loading: bool = False) -> None:
        line = Text(t("cash.dash.period") + " ", style="bold")
        for key, name in PERIOD_KEYS:
            chosen = name == self.period
            line.append(f" {t(f'report.period.{name}')} ", style="reverse bold" if chosen else "")
            line.append(f"({key}) ", style="dim")
        report = self.report
        if loading or report is None or report.period.name != self.period:
            line.append("  " + t("cash.dash.loading"), style="dim italic")
        else:
            p = report.period
            span = t("cash.dash.span_all", today=p.today) if p.start is None else \
                t("cash.dash.span", start=p.start, end=p.end, today=p.today)
            line.append("  " + span, style="dim")
        self.query_one("#dash-period", Static).update(line)

    def _draw(self) -> None:
        r = self.report
        self._period_line()
        drawn = {
            "funnel": self._funnel(r), "rates": self._rates(r), "receivables": self._receivables(r),
            "visits": self._visits(r), "channels": self._channels(r), "submitters": self._submitters(r),
            "stale": self._stale(r),
        }
        for panel, content in drawn.items():
            self.query_one(f"#dash-{panel}", Static).update(content)
        visits = r.visits
        self.query_one("#dash-visits", Static).border_title = t(
            "cash.dash.visits_title", start=visits.start.strftime("%m-%d"), end=visits.end.strftime("%m-%d"),
            target=visits.target)

    def _money(self, r: Any, amounts: dict[str, int]) -> str:
        from ltc_tui.services.reports import format_amounts

        return format_amounts(amounts, r.currency, compact=True)

    def _funnel(self, r: Any) -> Bars:
        rows = []
        for stage in r.funnel:
            figures = Text(f"{stage.count:>5}", style="bold")
            money = self._money(r, stage.amounts)
            if money != "-":
                figures.append(f"  {money}", style="")
            rows.append(BarRow(Text(t(f"report.stage.{stage.stage}")), stage.count, figures,
                               STAGE_STYLE.get(stage.stage, "")))
        return Bars(rows, width=48, label_width=16)

    def _rates(self, r: Any) -> Table:
        from ltc_tui.services.reports import format_days, format_rate

        c, o, b = r.conversion, r.outcomes, r.budgets
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(justify="right", style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row(t("report.conversion.rate"), format_rate(c.conversion_rate),
                     t("report.conversion.rate_detail", converted=c.converted, decided=c.converted + c.closed))
        grid.add_row(t("report.conversion.loss"), format_rate(c.loss_rate),
                     t("cash.dash.loss_detail", lost=c.lost, ended=c.ended))
        grid.add_row(t("cash.dash.win_rate"), format_rate(o.win_rate), t("cash.dash.won_lost", won=o.won, lost=o.lost))
        grid.add_row(t("report.outcomes.won_value"), self._money(r, o.won_amounts), "")
        grid.add_row(t("cash.dash.median_days"), format_days(o.median_days_won),
                     t("cash.dash.median_detail", days=format_days(o.median_days_lost)))
        grid.add_row(t("cash.dash.collected"), self._money(r, r.receivables.collected_in_period), "")
        known = Text(t("cash.dash.budget_share", known=b.known, total=b.total) + "  ")
        known.append(bar(b.known, b.total, 8), style="green")
        known.append(TO_GO * (len(bar(b.total, b.total, 8)) - len(bar(b.known, b.total, 8))), style="dim")
        grid.add_row(t("cash.dash.budget_known", year=b.year), format_rate(b.share), known)
        return grid

    def _receivables(self, r: Any) -> Group:
        from ltc_tui.values import format_money

        rec = r.receivables
        bars = Bars([
            BarRow(Text(t(f"report.age.{b.age}")), b.count,
                   Text(f"{b.count:>3}  {self._money(r, b.amounts)}"), AGE_STYLE.get(b.age, ""))
            for b in rec.buckets
        ], width=20)
        total = Text(t("cash.dash.outstanding", count=rec.outstanding_count,
                       amount=self._money(r, rec.outstanding_amounts)), style="bold")
        if rec.overdue_count:
            overdue = Text("! " + t("cash.dash.overdue", count=rec.overdue_count,
                                    amount=self._money(r, rec.overdue_amounts)), style="bold red")
        else:
            overdue = Text(t("cash.dash.no_overdue"), style="green")
        late = _listing([
            [safe(x.contract_number), safe(x.customer, "dim"), Text(x.due_on.isoformat()),
             Text(t("cash.dash.days_late", days=x.days_overdue), style="red"),
             Text(format_money(x.amount_cents, x.currency), justify="right")]
            for x in rec.overdue
        ], flexible=1)
        parts: list[Any] = [bars, total, overdue, late]
        if rec.overdue_count > len(rec.overdue):
            parts.append(Text(t("report.more", count=rec.overdue_count - len(rec.overdue)), style="dim"))
        return Group(*parts)

    def _visits(self, r: Any) -> Any:
        week = r.visits
        if not week.people:
            return Text(t("cash.dash.no_people"), style="dim")
        rows = []
        for v in week.people:
            figures = Text(f"{v.visits} / {v.target}  ", style="bold")
            if v.met:
                figures.append(t("report.visits.met"), style="green")
            else:
                figures.append(t("report.visits.to_go", count=v.target - v.visits), style="yellow")
            rows.append(BarRow(safe(v.handle), v.visits, figures, "green" if v.met else "yellow", target=v.target))
        summary = Text(t("report.visits.summary", met=week.met, people=len(week.people), total=week.total), style="dim")
        return Group(Bars(rows, width=18), summary)

    def _channels(self, r: Any) -> Any:
        from ltc_tui.enums import Source

        rows = [
            BarRow(safe(label(Source(c.source)) if c.source in Source._value2member_map_ else c.source), c.leads,
                   Text(t("cash.dash.lead_figures", leads=c.leads, converted=c.converted, won=c.won)))
            for c in r.channels if c.leads
        ]
        return Bars(rows, width=18, label_width=22) if rows else Text(t("report.none"), style="dim")

    def _submitters(self, r: Any) -> Any:
        rows = [
            BarRow(safe(f"{s.handle}"), s.leads, Text(t("cash.dash.lead_figures", leads=s.leads, converted=s.converted,
                                                          won=s.won)), "medium_purple")
            for s in r.submitters if s.leads
        ]
        return Bars(rows, width=18) if rows else Text(t("report.none"), style="dim")

    def _stale(self, r: Any) -> Group:
        from ltc_tui.enums import LeadStatus, Stage

        leads, opps = r.stale_leads, r.stale_opportunities
        parts: list[Any] = []
        parts.append(Text(t("cash.dash.stale_leads", count=leads.count, days=leads.days),
                          style="bold dark_orange" if leads.count else "bold green"))
        grid = _listing([
            [Text(f"#{row.id}", style="dim"), safe(row.title), safe(label(LeadStatus(row.status)), "dim"),
             safe(row.owner or "-"), Text(t("cash.dash.idle", days=row.idle_days), style="dark_orange")]
            for row in leads.rows
        ], flexible=1)
        parts.append(grid)
        if leads.count > len(leads.rows):
            parts.append(Text(t("report.more", count=leads.count - len(leads.rows)), style="dim"))
        parts.append(Text(t("cash.dash.stale_opps", count=opps.count, days=opps.days),
                          style="bold dark_orange" if opps.count else "bold green"))
        grid = _listing([
            [Text(f"#{row.id}", style="dim"), safe(row.title), safe(label(Stage(row.stage)), "dim"),
             safe(row.owner or "-"), Text(t("cash.dash.idle", days=row.idle_days), style="dark_orange")]
            for row in opps.rows
        ], flexible=1)
        parts.append(grid)
        if opps.count > len(opps.rows):
            parts.append(Text(t("report.more", count=opps.count - len(opps.rows)), style="dim"))
        return Group(*parts)


def _listing(rows: list[list[Text]], *, flexible: int) -> Listing:
    return Listing(rows, flexible=flexible)
