"""``ltc audit``: who changed what, when."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)


@app.callback()
def audit(
    person: str = typer.Option(None, "--person", help="Only changes by this person."),
    record: str = typer.Option(None, "--record", help="Only this record, e.g. lead:12 or lead."),
    since: str = typer.Option(None, "--since", help="From this date."),
    until: str = typer.Option(None, "--until", help="Up to this date."),
    limit: int = typer.Option(100, "--limit", min=1, max=100_000),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The audit trail, newest first (it cannot be edited)."""
    from ltc_tui.services.audit import history
    from ltc_tui.values import parse_date

    entity, record_id = None, None
    if record:
        entity, sep, rid = record.strip().partition(":")
        if not entity.replace("_", "").isalpha() or (sep and not (rid.isascii() and rid.isdigit() and int(rid) < 2**31)):
            from ltc_tui.errors import ValidationError

            raise ValidationError("error.audit.record", field="--record", value=record)
        record_id = int(rid) if sep else None
    with c.unit(write=False) as session:
        rows = history(session, entity=entity or None, record_id=record_id, person=person,
                       since=parse_date(since, field="--since"), until=parse_date(until, field="--until"), limit=limit)
    if as_json:
        c.print_json([dict(c.to_jsonable(r.event), actor=r.actor) for r in rows])
        return
    from ltc_tui.i18n import term
    from ltc_tui.i18n.changes import value_text

    c.table(c.columns("field.when", "field.who", "field.record", "field.action", "field.field", "field.old", "field.new"),
            [(r.event.at.strftime("%Y-%m-%d %H:%M:%S"), r.actor or "", f"{r.event.entity}:{r.event.record_id or ''}",
              term("audit", r.event.action), term("field", r.event.field) if r.event.field else "",
              value_text(r.event.entity, r.event.field, r.event.old) if r.event.field else r.event.old or "",
              value_text(r.event.entity, r.event.field, r.event.new) if r.event.field else r.event.new or "") for r in rows])
