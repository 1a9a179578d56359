"""``ltc report``: the pipeline dashboard's figures in the shell (registered by ``register``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from ltc_tui.cli import common as c
from ltc_tui.i18n import t

if TYPE_CHECKING:
    from ltc_tui.services.reports import Report

BAR_WIDTH = 30

HELP = """Pipeline figures for a period: the funnel, conversion and lead loss, leads by
channel and submitter, this week's visits, deals won and lost, stale work,
receivables and key customers' budgets. `--json` prints every figure (money as
decimal strings per currency, rates as fractions or null).

\b
Periods: month, quarter, year (the calendar one holding today), all.
Funnel (what became of the work that started in the period):
  leads          leads submitted in the period (amount: expected amounts)
  verified       of those, the ones verified
  nurturing      of those, the ones that reached nurturing
  opportunities  opportunities first engaged in the period (converted leads,
                 entered directly or imported; amount: their amounts)
  won            of those opportunities, the ones won so far (won value)
  collected      of those won, the ones whose contract has received cash
                 covering its value (amount: all cash received on them)
Conversion rate: converted / (converted + closed), over the period's leads.
Lead-loss rate (流单率): leads that never became an order / leads that ended.
  A lead ends when closed, or converted and its opportunity won or lost; it
  is lost when closed, or when its opportunity was lost.
Deals closed in the period (closed date, imported deals included):
  win rate won / (won + lost), won value, per owner; median days from first
  engagement to close, for the won and for the lost.
As of today, whatever the period:
  visits this week per customer-facing person against visit_target_weekly;
  stale leads (nothing recorded for stale_days) and stale opportunities (no
  stage change for opportunity_stale_days); receivables: payments not yet
  received on open contracts, by days past due (not yet due, 0-30, 31-60,
  61-90, over 90), and the overdue ones (due before today); key and strategic
  customers whose next-year investment budget is known.
Cash collected in the period: money received in the period."""


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""

    @app.command("report", help=HELP)
    def report(
        period: str = typer.Option("month", "--period", "-p", help="month, quarter, year or all."),
        as_json: bool = typer.Option(False, "--json", help="Every figure as JSON."),
        limit: int = typer.Option(20, "--limit", min=0, max=100_000, help="Rows shown in the stale and overdue lists."),
    ) -> None:
        from ltc_tui.services.reports import pipeline_report, report_json

        with c.unit(write=False, actor=False) as session:
            result = pipeline_report(session, period=period, list_limit=limit)
        if as_json:
            c.print_json(report_json(result))
            return
        show(result)


# --- the tables -------------------------------------------------------------------------


def show(report: Report) -> None:
    p = report.period
    if p.start is None:
        c.say("report.title_all", today=p.today, style="bold")
    else:
        c.say("report.title", period=t(f"report.period.{p.name}"), start=p.start, end=p.end, today=p.today, style="bold")
    _funnel(report)
    _conversion(report)
    _channels(report)
    _submitters(report)
    _outcomes(report)
    _visits(report)
    _stale(report)
    _receivables(report)
    _budgets(report)


def _section(title: str, columns: list[str], rows: list[Any]) -> None:
    """A heading, then its table, or "None." when there is nothing to list."""
    c.console().print()
    c.line(c.text(title, "bold"))
    if rows:
        c.table(columns, rows)
    else:
        c.say("report.none", style="dim")


def _h(key: str) -> str:
    return t(f"report.col.{key}")


def _right(key: str) -> str:
    return ">" + _h(key)


def _money(report: Report, amounts: dict[str, int]) -> Any:
    from ltc_tui.services.reports import format_amounts

    return c.text(format_amounts(amounts, report.currency))


def bar(value: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` characters at ``largest``; a sliver for any non-zero value."""
    if value <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(value * width / largest))


def _funnel(report: Report) -> None:
    largest = max((s.count for s in report.funnel), default=0)
    _section(
        t("report.funnel.title"),
        [_h("stage"), _right("count"), _right("amount"), _h("chart")],
        [
            (t(f"report.stage.{s.stage}"), s.count, _money(report, s.amounts), c.text(bar(s.count, largest), "cyan"))
            for s in report.funnel
        ],
    )
    c.say("report.funnel.note", style="dim")


def _conversion(report: Report) -> None:
    from ltc_tui.services.reports import format_rate

    conv = report.conversion
    _section(
        t("report.conversion.title"),
        [_h("figure"), _right("value"), _h("detail")],
        [
            (t("report.stage.leads"), conv.leads, ""),
            (t("report.conversion.converted"), conv.converted, ""),
            (t("report.conversion.closed"), conv.closed, ""),
            (t("report.conversion.open"), conv.open, ""),
            (t("report.conversion.rate"), format_rate(conv.conversion_rate),
             t("report.conversion.rate_detail", converted=conv.converted, decided=conv.converted + conv.closed)),
            (t("report.conversion.loss"), format_rate(conv.loss_rate),
             t("report.conversion.loss_detail", lost=conv.lost, ended=conv.ended)),
        ],
    )


def _channels(report: Report) -> None:
    from ltc_tui.enums import Source
    from ltc_tui.i18n import label

    def name(source: str) -> str:
        return label(Source(source)) if source in Source._value2member_map_ else source

    rows = [r for r in report.channels if r.leads]
    largest = max((r.leads for r in rows), default=0)
    _section(
        t("report.channels.title"),
        [_h("channel"), _right("leads"), _right("converted"), _right("won"), _h("chart")],
        [(name(r.source), r.leads, r.converted, r.won, c.text(bar(r.leads, largest, 20), "cyan")) for r in rows],
    )


def _submitters(report: Report) -> None:
    _section(
        t("report.submitters.title"),
        [_h("submitter"), _right("leads"), _right("converted"), _right("won")],
        [(f"{r.handle} ({r.name})", r.leads, r.converted, r.won) for r in report.submitters],
    )


def _outcomes(report: Report) -> None:
    from ltc_tui.services.reports import format_days, format_rate

    out = report.outcomes
    _section(
        t("report.outcomes.title"),
        [_h("figure"), _right("value")],
        [
            (t("report.outcomes.won"), out.won),
            (t("report.outcomes.lost"), out.lost),
            (t("report.outcomes.win_rate"), format_rate(out.win_rate)),
            (t("report.outcomes.won_value"), _money(report, out.won_amounts)),
            (t("report.outcomes.median_won"), format_days(out.median_days_won)),
            (t("report.outcomes.median_lost"), format_days(out.median_days_lost)),
        ],
    )
    if out.owners:
        _section(
            t("report.owners.title"),
            [_h("owner"), _right("won"), _right("lost"), _right("win_rate"), _right("won_value")],
            [
                (w.handle or t("report.no_owner"), w.won, w.lost, format_rate(w.win_rate), _money(report, w.won_amounts))
                for w in out.owners
            ],
        )


def _visits(report: Report) -> None:
    week = report.visits
    _section(
        t("report.visits.title", start=week.start, end=week.end, target=week.target),
        [_h("who"), _right("visits"), _right("target"), _h("chart")],
        [
            (
                f"{v.handle} ({v.name})",
                v.visits,
                v.target,
                c.text(t("report.visits.met"), "green")
                if v.met
                else c.text(t("report.visits.to_go", count=v.target - v.visits), "yellow"),
            )
            for v in week.people
        ],
    )
    if week.people:
        c.say("report.visits.summary", met=week.met, people=len(week.people), total=week.total, style="dim")


def _more(shown: int, count: int) -> None:
    if count > shown:
        c.say("report.more", count=count - shown, style="dim")


def _stale(report: Report) -> None:
    from ltc_tui.enums import LeadStatus, Stage
    from ltc_tui.i18n import label

    leads = report.stale_leads
    _section(
        t("report.stale_leads.title", count=leads.count, days=leads.days),
        [_right("id"), _h("title"), _h("customer"), _h("status"), _h("owner"), _right("idle")],
        [(s.id, s.title, s.customer, label(LeadStatus(s.status)), s.owner or "", s.idle_days) for s in leads.rows],
    )
    _more(len(leads.rows), leads.count)
    opps = report.stale_opportunities
    _section(
        t("report.stale_opps.title", count=opps.count, days=opps.days),
        [_right("id"), _h("title"), _h("customer"), _h("stage"), _h("owner"), _right("idle")],
        [(s.id, s.title, s.customer, label(Stage(s.stage)), s.owner or "", s.idle_days) for s in opps.rows],
    )
    _more(len(opps.rows), opps.count)


def _receivables(report: Report) -> None:
    from ltc_tui.services.reports import format_amounts
    from ltc_tui.values import format_money

    rec = report.receivables
    _section(
        t("report.receivables.title"),
        [_h("age"), _right("payments"), _right("amount")],
        [
            *((t(f"report.age.{b.age}"), b.count, _money(report, b.amounts)) for b in rec.buckets),
            (c.text(t("report.age.total"), "bold"), rec.outstanding_count, _money(report, rec.outstanding_amounts)),
        ],
    )
    _section(
        t("report.overdue.title", count=rec.overdue_count, amount=format_amounts(rec.overdue_amounts, report.currency)),
        [_h("contract"), _h("customer"), _h("due"), _right("late"), _right("amount"), _h("ar"), _h("fr")],
        [
            (x.contract_number, x.customer, x.due_on, c.text(str(x.days_overdue), "red"),
             format_money(x.amount_cents, x.currency), x.ar or "", x.fr or "")
            for x in rec.overdue
        ],
    )
    _more(len(rec.overdue), rec.overdue_count)
    c.console().print()
    c.say("report.collected", amount=format_amounts(rec.collected_in_period, report.currency))


def _budgets(report: Report) -> None:
    from ltc_tui.services.reports import format_rate

    b = report.budgets
    c.say("report.budgets", year=b.year, known=b.known, total=b.total, share=format_rate(b.share))
