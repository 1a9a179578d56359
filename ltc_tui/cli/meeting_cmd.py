"""``ltc meeting ...``: the lead committee's meetings and minutes."""

from __future__ import annotations

from pathlib import Path

import typer

from ltc_tui.cli import common as c
from ltc_tui.i18n import t

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)


@app.callback()
def meeting(ctx: typer.Context) -> None:
    """Run the meeting in the app (`ltc meeting`), or manage meetings from the shell."""
    if ctx.invoked_subcommand is None:
        database = c.open_db()
        from ltc_tui.app import run_app

        run_app(database, actor=c.state.actor, start_in="meeting")


@app.command("queue")
def queue(as_json: bool = typer.Option(False, "--json")) -> None:
    """The review queue: verified leads, nurtured leads due, unattended leads, by priority."""
    from ltc_tui.services.committee import next_meeting_due, review_queue

    with c.unit(write=False) as session:
        entries = review_queue(session)
        due = next_meeting_due(session)
    if as_json:
        c.print_json([dict(c.to_jsonable(e), reason=t(e.reason_key, **e.reason_params)) for e in entries])
        return
    c.say("cli.meeting.next_due", date=due.isoformat(), count=len(entries), style="bold")
    c.table(c.columns(">#", ">field.lead", "field.title", ">field.priority", "field.status", "field.why"),
            [(i, e.lead_id, e.title, "" if e.priority is None else e.priority, c.label_of("LeadStatus", e.status),
              t(e.reason_key, **e.reason_params))
             for i, e in enumerate(entries, 1)])


@app.command("start")
def start(
    attendee: list[str] = typer.Option(None, "--attendee", "-a", help="Attendee handle (repeatable)."),
    delegate: str = typer.Option(None, "--delegate", help="A delegate who may also record decisions."),
    date: str = typer.Option(None, "--date"),
) -> None:
    """Start a meeting chaired by you; its agenda is the review queue."""
    from ltc_tui.services.committee import agenda, start_meeting

    with c.unit() as session:
        m = start_meeting(session, attendees=attendee or [], delegate=delegate, held_on=date)
        n = len(agenda(session, m.id))
    c.say("cli.meeting.started", id=m.id, count=n, style="green")


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json")) -> None:
    """Meetings, newest first."""
    from ltc_tui.services.committee import list_meetings

    with c.unit(write=False) as session:
        rows = list_meetings(session)
    if as_json:
        c.print_json([dict(c.to_jsonable(m), agenda=n, decided=d) for m, n, d in rows])
        return
    c.table(c.columns(">#", "field.date", "field.status", ">field.agenda", ">field.decided"),
            [(m.id, m.held_on, c.label_of("MeetingStatus", m.status), n, d) for m, n, d in rows])


@app.command("undo")
def undo(meeting_id: int = typer.Argument(...)) -> None:
    """Undo the meeting's last decision."""
    from ltc_tui.services.committee import undo_last

    with c.unit() as session:
        decision = undo_last(session, meeting_id=meeting_id)
    c.say("cli.meeting.undone", kind=decision.kind, lead=decision.lead_id, style="yellow")


@app.command("close")
def close(meeting_id: int = typer.Argument(...), notes: str = typer.Option(None, "--notes")) -> None:
    """Close a meeting."""
    from ltc_tui.services.committee import close_meeting, minutes

    with c.unit() as session:
        close_meeting(session, meeting_id=meeting_id, notes=notes)
        counts = minutes(session, meeting_id).counts
    c.say("cli.meeting.closed", id=meeting_id, **counts, style="green")


@app.command("minutes")
def minutes_(
    meeting_id: int = typer.Argument(...),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (default: print)."),
    fmt: str = typer.Option(None, "--format", "-f", help="md or html (default: from the file's extension, else md)."),
) -> None:
    """The meeting's minutes: date, chair, attendees, each lead with decision and notes.

    As Markdown, or as one HTML file that prints well (no external assets)."""
    from ltc_tui.services.committee import minutes
    from ltc_tui.services.documents import minutes_html, minutes_markdown

    kind = (fmt or (output.suffix.lstrip(".") if output is not None else "md") or "md").lower()
    if kind in ("htm", "html"):
        render = minutes_html
    elif kind in ("md", "markdown", "txt"):
        render = minutes_markdown
    else:
        from ltc_tui.errors import ValidationError

        raise ValidationError("error.enum", field="--format", value=kind, choices="md, html")
    with c.unit(write=False) as session:
        text = render(minutes(session, meeting_id))
    if output is None:
        import sys

        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    c.say("cli.meeting.minutes_written", path=str(output), style="green")
