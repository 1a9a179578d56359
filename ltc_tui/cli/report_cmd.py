"""``ltc report``: the pipeline dashboard's figures in the shell (registered by ``register``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ltc_tui.cli import common as c

if TYPE_CHECKING:
    from ltc_tui.services.reports import Report

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
Cash collected in the period: money received in the period.

\b
To share it: --format md or --format html (one file that prints well, no
external assets), to standard output or to -o FILE (the format then follows
the file's extension: .md or .html). In the language of --lang / LTC_LANG."""


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""

    @app.command("report", help=HELP)
    def report(
        period: str = typer.Option("month", "--period", "-p", help="month, quarter, year or all."),
        as_json: bool = typer.Option(False, "--json", help="Every figure as JSON."),
        limit: int = typer.Option(20, "--limit", min=0, max=100_000, help="Rows shown in the stale and overdue lists."),
        fmt: str = typer.Option(None, "--format", "-f", help="md or html: a document to share (default: from -o's extension)."),
        output: Path = typer.Option(None, "--output", "-o", help="Write the report to this file (Markdown, or HTML that prints well)."),
    ) -> None:
        from ltc_tui.services.reports import pipeline_report, report_json

        render = _renderer(fmt, output, as_json)
        with c.unit(write=False, actor=False) as session:
            result = pipeline_report(session, period=period, list_limit=limit)
        if as_json:
            c.print_json(report_json(result))
            return
        if render is None:
            show(result)
            return
        _write(render(result), output)


def _renderer(fmt: str | None, output: Path | None, as_json: bool) -> Callable[[Report], str] | None:
    """Which document to make (None: the tables in the terminal); bad choices
    are refused before anything is read."""
    from ltc_tui.errors import ValidationError

    if fmt is None and output is None:
        return None
    if as_json:
        raise ValidationError("cli.report.json_or_format", field="--json")
    kind = (fmt or (output.suffix.lstrip(".") if output is not None else "") or "md").strip().lower()
    if kind in ("md", "markdown"):
        from ltc_tui.services.report_documents import report_markdown

        return report_markdown
    if kind in ("html", "htm"):
        from ltc_tui.services.report_documents import report_html

        return report_html
    raise ValidationError("error.enum", field="--format", value=kind, choices="md, html")


def _write(text: str, output: Path | None) -> None:
    import sys

    from ltc_tui.errors import LtcError

    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise LtcError("cli.report.cannot_write", path=str(output), detail=error.strerror or type(error).__name__) from None
    c.say("cli.report.written", path=str(output), style="green")


# --- the tables -------------------------------------------------------------------------


def show(report: Report) -> None:
    """The report's document, drawn as tables in the terminal."""
    from ltc_tui.services.report_documents import report_document

    doc = report_document(report)
    c.line(c.text(doc.title, "bold"))
    for section in doc.sections:
        c.console().print()
        c.line(c.text(section.title, "bold"))
        if section.rows:
            c.table([(">" if col.right else "") + col.title for col in section.columns],
                    [[c.text(cell.text, cell.style) for cell in row] for row in section.rows])
        else:
            c.say("report.none", style="dim")
        for note in section.notes:
            c.line(c.text(note.text, note.style))
    c.console().print()
    for note in doc.closing:
        c.line(c.text(note.text, note.style))
