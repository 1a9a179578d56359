"""What changed since I last looked: the cheap probe an open app polls so it
notices other people's changes, and the details a screen needs when a save
is refused because someone else saved first.

Every change made through a session writes audit events in the same
transaction (see ``db``), so the audit trail is the change feed:

- ``data_version(session)`` is a small value that differs whenever anyone
  committed a change. Poll it every few seconds (one indexed query); when it
  differs from the last one, call ``changes_since`` and refresh what is shown.
- ``changes_since(session, seen)`` lists which records changed, by whom.
- ``record_changes(session, entity, record_id, since_version)`` is what a
  screen shows after a ``ConflictError``: the other person's edits, so that
  the user can reload, or re-apply their own edit on top (save again with
  ``expected_version=error.current_version``).

PostgreSQL hands out ids before commit, so a long transaction may commit
ids lower than ones already seen. The probe therefore also counts the
events in a window below the newest id: a late commit changes that count,
and ``changes_since`` says ``complete=False`` when it cannot name every
record (refresh everything then).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui.models.audit import AuditEvent
from ltc_tui.models.people import Person

WINDOW = 10_000  # ids below the newest one in which a late commit is still noticed


@dataclass(frozen=True)
class DataVersion:
    """Opaque: compare two with ``==``; keep the last one you refreshed on."""

    last_event_id: int
    recent_events: int


@dataclass
class Change:
    entity: str
    record_id: int | None
    by: str | None
    at: dt.datetime
    action: str
    field: str | None


@dataclass
class ChangeSet:
    version: DataVersion
    changes: list[Change] = field(default_factory=list)
    complete: bool = True  # False: refresh everything, not only ``records``

    @property
    def records(self) -> set[tuple[str, int | None]]:
        return {(c.entity, c.record_id) for c in self.changes}

    @property
    def people(self) -> list[str]:
        return sorted({c.by for c in self.changes if c.by})


def data_version(session: Session) -> DataVersion:
    """A value that changes whenever anyone commits a change (one indexed query)."""
    last = session.exec(select(sa.func.max(AuditEvent.id))).one() or 0
    recent = session.exec(
        select(sa.func.count()).select_from(AuditEvent).where(AuditEvent.id > last - WINDOW)
    ).one()
    return DataVersion(int(last), int(recent))


def changes_since(session: Session, seen: DataVersion, *, limit: int = 500) -> ChangeSet:
    """The records changed since ``seen`` was taken, newest last."""
    now = data_version(session)
    if now == seen:
        return ChangeSet(now)
    rows = session.exec(
        select(AuditEvent, Person.handle)
        .join(Person, Person.id == AuditEvent.actor_id, isouter=True)
        .where(AuditEvent.id > seen.last_event_id)
        .order_by(AuditEvent.id)
        .limit(limit + 1)
    ).all()
    changes = [Change(e.entity, e.record_id, handle, e.at, e.action, e.field) for e, handle in rows[:limit]]
    # A late commit (PostgreSQL) lands below the newest id seen: the window then holds more.
    in_window = session.exec(
        select(sa.func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.id > seen.last_event_id - WINDOW, AuditEvent.id <= seen.last_event_id)
    ).one()
    late = int(in_window) != seen.recent_events
    return ChangeSet(now, changes, complete=len(rows) <= limit and not late)


def record_changes(session: Session, *, entity: str, record_id: int, since_version: int) -> list[Change]:
    """Who changed what on one record after the version someone was looking at."""
    rows = session.exec(
        select(AuditEvent, Person.handle)
        .join(Person, Person.id == AuditEvent.actor_id, isouter=True)
        .where(
            AuditEvent.entity == entity,
            AuditEvent.record_id == record_id,
            AuditEvent.record_version > since_version,
        )
        .order_by(AuditEvent.id)
    ).all()
    return [Change(e.entity, e.record_id, handle, e.at, e.action, e.field) for e, handle in rows]
