"""The lead committee: meetings, their attendees and agenda, and decisions."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.enums import DecisionKind, MeetingStatus
from ltc_tui.models import leads, people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import Versioned, code, enum_check, money, non_negative, text, utcnow


class Meeting(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    held_on: dt.date
    chair_id: int = Field(foreign_key="person.id")
    delegate_id: int | None = Field(default=None, foreign_key="person.id")  # may decide too
    status: str = code(default="open", index=True)
    started_at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    closed_at: dt.datetime | None = None
    notes: str | None = text()

    __table_args__ = (enum_check("status", MeetingStatus),)


class MeetingAttendee(SQLModel, table=True):
    __tablename__ = "meeting_attendee"

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", primary_key=True)


class AgendaItem(SQLModel, table=True):
    """The meeting's queue, fixed when it starts so that it can be resumed."""

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    lead_id: int = Field(foreign_key="lead.id")
    position: int
    reason: str = Field(sa_type=sa.String(200))  # why it is on the agenda

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "lead_id"),
        sa.UniqueConstraint("meeting_id", "position"),
    )


class Decision(SQLModel, table=True):
    """One committee decision on one lead, with the data it needs.

    ``prior_state`` keeps the lead's fields as they were, so the last
    decision of a meeting can be undone; an undone decision stays on record."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    kind: str = code()
    reason: str | None = text()
    notes: str | None = text()
    budget_cents: int | None = money()
    start_on: dt.date | None = None
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    ar_id: int | None = Field(default=None, foreign_key="person.id")
    sr_id: int | None = Field(default=None, foreign_key="person.id")
    fr_id: int | None = Field(default=None, foreign_key="person.id")
    next_review_on: dt.date | None = None
    opportunity_id: int | None = None  # set when a convert opened one
    decided_by_id: int = Field(foreign_key="person.id")
    decided_at: dt.datetime = Field(default_factory=utcnow, nullable=False, index=True)
    undone_at: dt.datetime | None = None
    undone_by_id: int | None = Field(default=None, foreign_key="person.id")
    prior_state: str | None = text()

    __table_args__ = (
        enum_check("kind", DecisionKind),
        *non_negative("budget_cents"),
        sa.CheckConstraint("kind <> 'close' OR reason IS NOT NULL", name="close_has_reason"),
        sa.CheckConstraint(
            "kind <> 'convert' OR (budget_cents IS NOT NULL AND start_on IS NOT NULL)",
            name="convert_has_budget_and_start",
        ),
        sa.CheckConstraint(
            "kind <> 'nurture' OR (owner_id IS NOT NULL AND ar_id IS NOT NULL"
            " AND sr_id IS NOT NULL AND fr_id IS NOT NULL AND next_review_on IS NOT NULL)",
            name="nurture_has_triangle",
        ),
        # Standing nurture decisions, probed per lead by the dashboard (0003).
        sa.Index("ix_decision_nurture", "lead_id", sqlite_where=sa.text("kind = 'nurture' AND undone_at IS NULL"),
                 postgresql_where=sa.text("kind = 'nurture' AND undone_at IS NULL")),
    )
