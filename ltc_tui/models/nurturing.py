"""Nurturing: the six steps per pass, the pain table, KDM stances, competitors."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.enums import CompetitorStanding, Step, StepState, Vote
from ltc_tui.models import customers, leads, opportunities, people  # noqa: F401
from ltc_tui.models.base import Versioned, code, enum_check, not_blank, text, utcnow


class NurturePass(SQLModel, table=True):
    """One pass through the six steps; "back to step 1" ends it with a reason."""

    __tablename__ = "nurture_pass"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", ondelete="CASCADE")
    pass_no: int
    started_at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    started_by_id: int | None = Field(default=None, foreign_key="person.id")
    ended_at: dt.datetime | None = None
    ended_by_id: int | None = Field(default=None, foreign_key="person.id")
    end_reason: str | None = text()

    __table_args__ = (
        sa.UniqueConstraint("lead_id", "pass_no"),
        sa.CheckConstraint("ended_at IS NULL OR end_reason IS NOT NULL", name="end_has_reason"),
    )


class StepRecord(Versioned, table=True):
    """The state, notes and dates of one step in one pass."""

    __tablename__ = "step_record"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", ondelete="CASCADE")
    pass_no: int
    step: str = code()
    state: str = code(default="open")
    notes: str | None = text()
    started_on: dt.date | None = None
    done_on: dt.date | None = None
    done_by_id: int | None = Field(default=None, foreign_key="person.id")

    __table_args__ = (
        sa.UniqueConstraint("lead_id", "pass_no", "step"),
        enum_check("step", Step),
        enum_check("state", StepState),
        sa.CheckConstraint("state <> 'done' OR done_on IS NOT NULL", name="done_has_date"),
    )


class PainRow(Versioned, table=True):
    """A row of the pain table (痛苦表); ``leads_to_id`` is the chain link:
    the pain this one causes next."""

    __tablename__ = "pain_row"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", ondelete="CASCADE")
    pass_no: int
    role: str = Field(sa_type=sa.String(120))  # the role or person who feels it
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    kpi: str | None = Field(default=None, sa_type=sa.String(200))
    pain: str = Field(sa_type=sa.Text)
    cause: str | None = text()
    impact: str | None = text()
    leads_to_id: int | None = Field(default=None, foreign_key="pain_row.id", ondelete="SET NULL")

    __table_args__ = (
        sa.Index("ix_pain_row_lead_pass", "lead_id", "pass_no"),
        sa.CheckConstraint("leads_to_id IS NULL OR leads_to_id <> id", name="no_self_link"),
        not_blank("role"),
        not_blank("pain"),
    )


class KdmStance(Versioned, table=True):
    """Where one key decision maker stands, per pass, across steps 2, 3, 5, 6."""

    __tablename__ = "kdm_stance"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", ondelete="CASCADE")
    pass_no: int
    contact_id: int = Field(foreign_key="contact.id")
    interested: bool = Field(default=False, nullable=False)  # step 2
    acknowledges_pain: bool = Field(default=False, nullable=False)  # step 3
    shares_vision: bool = Field(default=False, nullable=False)  # step 5
    vote: str = code(default="undecided")  # step 6
    notes: str | None = text()

    __table_args__ = (
        sa.UniqueConstraint("lead_id", "pass_no", "contact_id"),
        enum_check("vote", Vote),
    )


class Competitor(Versioned, table=True):
    """A competitor named (and locked) in step 4, carried to the opportunity."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int | None = Field(default=None, foreign_key="lead.id", ondelete="CASCADE")
    pass_no: int | None = None
    opportunity_id: int | None = Field(
        default=None, foreign_key="opportunity.id", index=True, ondelete="CASCADE"
    )
    name: str = Field(sa_type=sa.String(120))
    strengths: str | None = text()
    weaknesses: str | None = text()
    standing: str = code(default="medium")  # with the customer
    strategy: str | None = text()  # ours, against them
    locked: bool = Field(default=False, nullable=False)

    __table_args__ = (
        sa.Index("ix_competitor_lead_pass", "lead_id", "pass_no"),
        sa.CheckConstraint(
            "lead_id IS NOT NULL OR opportunity_id IS NOT NULL", name="has_owner_record"
        ),
        enum_check("standing", CompetitorStanding),
        not_blank("name"),
    )
