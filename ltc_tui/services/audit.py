"""Reading the audit trail (it is written by the session itself, see ``db``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from ltc_tui.models.audit import AuditEvent
from ltc_tui.models.people import Person


@dataclass
class AuditRow:
    event: AuditEvent
    actor: str | None


def history(
    session: Session,
    *,
    entity: str | None = None,
    record_id: int | None = None,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 200,
) -> list[AuditRow]:
    """Audit events, newest first, filtered by record, person and dates."""
    from ltc_tui.services.people import get_person

    stmt = select(AuditEvent, Person.handle).join(Person, Person.id == AuditEvent.actor_id, isouter=True)
    if entity:
        stmt = stmt.where(AuditEvent.entity == entity)
    if record_id is not None:
        stmt = stmt.where(AuditEvent.record_id == record_id)
    if person:
        stmt = stmt.where(AuditEvent.actor_id == get_person(session, person).id)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= dt.datetime.combine(since, dt.time(0), dt.UTC))
    if until is not None:
        stmt = stmt.where(AuditEvent.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), dt.UTC))
    rows = session.exec(stmt.order_by(AuditEvent.id.desc()).limit(limit)).all()
    return [AuditRow(event, handle) for event, handle in rows]


def lead_history(session: Session, lead_id: int, *, limit: int = 200) -> list[AuditRow]:
    """Changes to the lead itself and its verification, decisions and notes."""
    return history(session, entity="lead", record_id=lead_id, limit=limit)


def data_version(session: Session) -> int:
    """A number that grows with every saved change (every write is audited):
    the app polls it to notice changes made elsewhere."""
    import sqlalchemy as sa

    return int(session.exec(select(sa.func.coalesce(sa.func.max(AuditEvent.id), 0))).one())
