"""``ltc demo``: build a separate demo database and open the app on it."""

from __future__ import annotations

from typing import Any

import typer

from ltc_tui.cli import common as c

# Shell commands worth trying on the demo (after ``ltc --db ... --as ...``).
TRY = (
    "lead list",
    "lead list CDMA450",
    "meeting queue",
    "opp pipeline",
    "contract list",
    "visit week",
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""

    @app.command("demo")
    def demo(
        db: str = typer.Option(
            None,
            "--db",
            help="Where to build it: a file path or SQLAlchemy URL (default: demo.db in your user data dir, never LTC_DB).",
        ),
        reset: bool = typer.Option(False, "--reset", help="Rebuild an existing demo database with today's dates."),
        no_open: bool = typer.Option(False, "--no-open", help="Only build it; do not open the app."),
        as_json: bool = typer.Option(False, "--json", help="Print what was built as JSON (does not open the app)."),
    ) -> None:
        """Build a demo database (a team, customers, a year of leads, meetings, opportunities and
        contracts, the CDMA450 case among them) and open the app on it. Your own database is never touched."""
        from ltc_tui import paths
        from ltc_tui.db import resolve_url
        from ltc_tui.services import demo as demo_service

        url = resolve_url(db or c.state.db or str(paths.demo_db_path()))
        actor = c.state.actor or demo_service.DEMO_ACTOR
        target = demo_service.inspect_target(url)
        demo_service.refuse_other(target)
        summary = None
        if target.state == "demo" and not reset:
            if not as_json:
                c.say("cli.demo.kept", where=target.display, built_on=target.built_on or "?", style="yellow")
        else:
            if not as_json:
                c.say("cli.demo.building", where=target.display, style="dim")
            summary = demo_service.build_at(target)
        if as_json:
            c.print_json(
                {
                    "database": target.display,
                    "built": summary is not None,
                    "built_on": target.built_on,
                    "summary": summary,
                }
            )
            return
        if summary is not None:
            _print_summary(summary)
        c.say("cli.demo.acting", actor=actor, style="dim")
        if no_open:
            _print_shell_hints(target, actor)
            return
        _open_app(target, actor)


def _print_summary(summary: Any) -> None:
    from ltc_tui.enums import ContractStatus, LeadStatus, Stage
    from ltc_tui.i18n import label, t

    def counts(values: dict[str, int], enum: Any) -> str:
        return " · ".join(f"{label(enum(name))} {count}" for name, count in values.items())

    c.say(
        "cli.demo.built", where=summary.where, seconds=f"{summary.seconds:.1f}", today=summary.built_on, style="green"
    )
    c.table(
        ["", ""],
        [
            (t("cli.demo.row.team"), t("cli.demo.team", people=summary.people)),
            (
                t("cli.demo.row.customers"),
                t("cli.demo.customers", customers=summary.customers, contacts=summary.contacts),
            ),
            (t("cli.demo.row.leads"), counts(summary.leads, LeadStatus)),
            (t("cli.demo.row.opportunities"), counts(summary.stages, Stage)),
            (
                t("cli.demo.row.contracts"),
                t(
                    "cli.demo.overdue",
                    counts=counts(summary.contracts, ContractStatus),
                    overdue=summary.overdue_payments,
                ),
            ),
            (t("cli.demo.row.committee"), t("cli.demo.committee", meetings=summary.meetings, queue=summary.queue)),
            (t("cli.demo.row.visits"), t("cli.demo.visits", visits=summary.visits, this_week=summary.visits_this_week)),
            (t("cli.demo.row.audit"), t("cli.demo.audit", events=f"{summary.audit_events:,}")),
            (
                t("cli.demo.row.cdma"),
                t(
                    "cli.demo.cdma",
                    lead=summary.cdma_lead_id,
                    opp=summary.cdma_opportunity_id,
                    contract=summary.cdma_contract,
                ),
            ),
        ],
    )


def _print_shell_hints(target: Any, actor: str) -> None:
    import shlex

    where = str(target.path) if target.path is not None else target.display
    c.say("cli.demo.shell")
    for command in TRY:
        c.line(c.text(f"  ltc --db {shlex.quote(where)} --as {shlex.quote(actor)} {command}"))


def _open_app(target: Any, actor: str) -> None:
    from ltc_tui.i18n import t

    try:
        from ltc_tui.app import run_app
    except ModuleNotFoundError as error:
        # Only the app itself (or its Textual stack) missing is expected; anything else is a bug to report.
        if error.name != "ltc_tui.app" and not (error.name or "").startswith("textual"):
            raise
        c.say("cli.demo.no_app", why=t("cli.demo.not_installed", module=error.name), style="yellow")
        _print_shell_hints(target, actor)
        return
    from ltc_tui.db import open_database

    c.say("cli.demo.opening", style="dim")
    database = open_database(target.url)
    try:
        run_app(database, actor=actor)
    finally:
        database.dispose()
