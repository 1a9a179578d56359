"""The audit trail: who changed which record's field, when, old -> new.

Append-only: the database refuses UPDATE and DELETE on it (triggers made
by the migration)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.models import people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, nullable=False, index=True)
    actor_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    entity: str = Field(sa_type=sa.String(40))  # table name
    record_id: int | None = None
    action: str = Field(sa_type=sa.String(20))  # create / update / delete / event name
    field: str | None = Field(default=None, sa_type=sa.String(60))
    old: str | None = Field(default=None, sa_type=sa.Text)
    new: str | None = Field(default=None, sa_type=sa.Text)
    record_version: int | None = None

    __table_args__ = (sa.Index("ix_audit_event_record", "entity", "record_id"),)
