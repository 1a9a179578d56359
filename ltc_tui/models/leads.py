"""Leads: the lead file and its tier, its notes. (Verification: ``models.verification``.)"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.enums import LeadClass, LeadStatus, Source, Temperature, Tier
from ltc_tui.models import customers, people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import (
    Versioned,
    code,
    enum_check,
    money,
    non_negative,
    not_blank,
    text,
    utcnow,
)


class Lead(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # The lead file (线索档案)
    title: str = Field(sa_type=sa.String(200))
    customer_id: int = Field(foreign_key="customer.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    need: str | None = text()  # the need or pain as heard
    source: str = code(default="other")
    submitter_id: int = Field(foreign_key="person.id", index=True)
    submitted_on: dt.date = Field(index=True)
    expected_amount_cents: int | None = money()
    currency: str = Field(sa_type=sa.String(3))
    expected_start: dt.date | None = None
    has_offer: bool | None = None  # a matching product or solution exists
    new_product: bool = Field(default=False, nullable=False)
    new_solution: bool = Field(default=False, nullable=False)
    new_business_model: bool = Field(default=False, nullable=False)
    # Tier (分层分级): computed by the team's rule, or overridden with a reason
    tier: str = code(length=1, index=True)
    tier_override: str | None = code(length=1, default=None, nullable=True)
    tier_override_reason: str | None = text()
    # Set by verification
    lead_class: str | None = code(default=None, nullable=True)
    temperature: str | None = code(default=None, nullable=True, index=True)
    priority: int | None = Field(default=None, index=True)
    # Where it stands
    status: str = code(default="submitted", index=True)
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    ar_id: int | None = Field(default=None, foreign_key="person.id")
    sr_id: int | None = Field(default=None, foreign_key="person.id")
    fr_id: int | None = Field(default=None, foreign_key="person.id")
    next_review_on: dt.date | None = Field(default=None, index=True)
    close_reason: str | None = text()
    closed_on: dt.date | None = None
    # Explicit budget and start time: what turns a lead into an opportunity
    budget_cents: int | None = money()
    budget_start: dt.date | None = None
    nurture_pass: int = Field(default=1, nullable=False)
    assigned_at: dt.datetime | None = None  # owner set by the committee or a claim
    last_activity_at: dt.datetime = Field(default_factory=utcnow, nullable=False, index=True)
    external_id: str | None = Field(default=None, sa_type=sa.String(64), unique=True)

    __table_args__ = (
        not_blank("title"),
        enum_check("source", Source),
        enum_check("tier", Tier),
        enum_check("tier_override", Tier),
        enum_check("lead_class", LeadClass),
        enum_check("temperature", Temperature),
        enum_check("status", LeadStatus),
        *non_negative("expected_amount_cents", "budget_cents"),
        sa.CheckConstraint("priority BETWEEN 0 AND 100", name="priority_range"),
        sa.CheckConstraint("nurture_pass >= 1", name="nurture_pass_positive"),
        sa.CheckConstraint(
            "tier_override IS NULL OR tier_override_reason IS NOT NULL",
            name="tier_override_has_reason",
        ),
        sa.CheckConstraint(
            "status <> 'closed' OR close_reason IS NOT NULL", name="closed_has_reason"
        ),
        # The parent key of verification's (lead_id, submitter_id) (0004: a unique index on SQLite).
        sa.UniqueConstraint("id", "submitter_id"),
        sa.Index("ix_lead_status_priority", "status", "priority"),
        sa.Index("ix_lead_status_activity", "status", "last_activity_at"),  # stale leads (0002)
        # The lead pool sorts and filters by each of these (0003); "mine" ORs the triangle.
        sa.Index("ix_lead_title", "title"),
        sa.Index("ix_lead_source", "source"),
        sa.Index("ix_lead_lead_class", "lead_class"),
        sa.Index("ix_lead_ar_id", "ar_id"),
        sa.Index("ix_lead_sr_id", "sr_id"),
        sa.Index("ix_lead_fr_id", "fr_id"),
        # The dashboard's lead tally reads only these, in this order (0003).
        sa.Index("ix_lead_tally", "currency", "source", "submitter_id", "status", "lead_class",
                 "expected_amount_cents", "submitted_on"),
    )

    @property
    def effective_tier(self) -> str:
        return self.tier_override or self.tier


# The pool sorts and filters by the effective tier: an index on that very expression (0003).
sa.Index("ix_lead_tier_effective", sa.func.coalesce(Lead.__table__.c.tier_override, Lead.__table__.c.tier))


class LeadNote(SQLModel, table=True):
    """A free note on a lead; counts as activity for the stale clock."""

    __tablename__ = "lead_note"

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="person.id")
    at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    body: str = Field(sa_type=sa.Text)

    __table_args__ = (not_blank("body"),)


def __getattr__(name: str) -> object:
    """``Verification`` and ``VerificationContact`` moved to ``models.verification``
    (a quick ``ltc lead add`` does not need them): still importable from here."""
    if name in ("Verification", "VerificationContact"):
        from ltc_tui.models import verification

        return getattr(verification, name)
    raise AttributeError(name)
