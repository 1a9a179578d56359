"""Helpers every service uses: loading for update without lost updates,
applying changes, recording activity."""

from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from ltc_tui import clock
from ltc_tui.errors import ConflictError, NotFound

T = TypeVar("T", bound=SQLModel)


def load_for_update(session: Session, model: type[T], record_id: int, expected_version: int | None) -> T:
    """The record, locked for this transaction, refused if someone saved a newer version.

    ``expected_version`` is the version the person was looking at; ``None``
    means "whatever is current" (shell commands that read and write at once)."""
    record = session.get(model, record_id, with_for_update=True, populate_existing=True)
    if record is None:
        raise NotFound("error.record.not_found", entity=model.__tablename__, id=record_id)
    current = getattr(record, "version", None)
    if expected_version is not None and current is not None and current != expected_version:
        raise conflict(session, model.__tablename__, record_id, expected_version, current)
    return record


def conflict(session: Session, entity: str, record_id: int, seen: int, current: int) -> ConflictError:
    """Say who changed what since version ``seen``."""
    from ltc_tui.i18n import t
    from ltc_tui.i18n.changes import change_text
    from ltc_tui.models.audit import AuditEvent
    from ltc_tui.models.people import Person

    rows = session.exec(
        select(AuditEvent, Person)
        .join(Person, Person.id == AuditEvent.actor_id, isouter=True)
        .where(
            AuditEvent.entity == entity,
            AuditEvent.record_id == record_id,
            AuditEvent.record_version > seen,
        )
        .order_by(AuditEvent.id)
    ).all()
    who = sorted({p.handle for _, p in rows if p is not None}) or [t("ui.someone")]
    fields = [e.field for e, _ in rows if e.field]
    changes = t("ui.reason_sep").join(change_text(entity, e.field, e.old, e.new) for e, _ in rows if e.field)
    return ConflictError(
        "error.conflict",
        current_version=current,
        entity=entity,
        id=record_id,
        who=", ".join(who),
        fields=", ".join(dict.fromkeys(fields)) or "-",
        changes=changes or "-",
        seen=seen,
        current=current,
    )


def apply_changes(record: Any, changes: dict[str, Any]) -> list[str]:
    """Set the fields that differ; returns their names."""
    changed = []
    for key, value in changes.items():
        if getattr(record, key) != value:
            setattr(record, key, value)
            changed.append(key)
    return changed


def touch_lead(session: Session, lead_id: int | None) -> None:
    """Something was recorded on the lead: its stale clock starts again."""
    if lead_id is None:
        return
    from ltc_tui.models.leads import Lead

    session.execute(sa.update(Lead).where(Lead.id == lead_id).values(last_activity_at=clock.now()))


def actor_id(session: Session) -> int:
    actor = session.info.get("actor_id")
    if actor is None:
        from ltc_tui.errors import ValidationError

        raise ValidationError("error.person.who", field="--as")
    return int(actor)
