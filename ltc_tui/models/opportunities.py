"""Opportunities: stages with history and gates, the power map."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.enums import Gate, GateResult, Stage
from ltc_tui.models import customers, leads, people  # noqa: F401  (foreign keys)
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


class Opportunity(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    lead_id: int | None = Field(default=None, foreign_key="lead.id", unique=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    title: str = Field(sa_type=sa.String(200))
    product: str | None = Field(default=None, sa_type=sa.String(200))
    stage: str = code(default="verify", index=True)
    amount_cents: int | None = money()
    budget_cents: int | None = money()
    currency: str = Field(sa_type=sa.String(3))
    start_on: dt.date | None = None
    probability: int = Field(default=10)
    probability_manual: bool = Field(default=False, nullable=False)
    owner_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    ar_id: int | None = Field(default=None, foreign_key="person.id")
    sr_id: int | None = Field(default=None, foreign_key="person.id")
    fr_id: int | None = Field(default=None, foreign_key="person.id")
    engaged_on: dt.date = Field(index=True)  # first engagement, for days-to-close
    closed_on: dt.date | None = Field(default=None, index=True)
    won_reason: str | None = text()
    lost_reason: str | None = text()
    stage_changed_at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    # Value proposition
    our_strengths: str | None = text()
    unique_value: str | None = text()
    need_fit: str | None = text()
    difference: str | None = text()
    # Four-dimension insight
    market_notes: str | None = text()
    customer_notes: str | None = text()
    product_notes: str | None = text()
    competition_notes: str | None = text()
    external_id: str | None = Field(default=None, sa_type=sa.String(64), unique=True)

    __table_args__ = (
        enum_check("stage", Stage),
        *non_negative("amount_cents", "budget_cents"),
        sa.CheckConstraint("probability BETWEEN 0 AND 100", name="probability_range"),
        sa.CheckConstraint("stage <> 'lost' OR lost_reason IS NOT NULL", name="lost_has_reason"),
        sa.CheckConstraint(
            "stage NOT IN ('won', 'lost') OR closed_on IS NOT NULL", name="closed_has_date"
        ),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= engaged_on", name="closed_after_engaged"
        ),
        not_blank("title"),
        sa.Index("ix_opportunity_stage_closed", "stage", "closed_on"),  # deals closed in a period (0002)
        sa.Index("ix_opportunity_stage_changed", "stage", "stage_changed_at"),  # stale opportunities (0002)
    )


class StageChange(SQLModel, table=True):
    __tablename__ = "stage_change"

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    from_stage: str | None = code(default=None, nullable=True)
    to_stage: str = code()
    at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    by_id: int | None = Field(default=None, foreign_key="person.id")
    note: str | None = text()

    __table_args__ = (enum_check("from_stage", Stage), enum_check("to_stage", Stage))


class GateRecord(SQLModel, table=True):
    """A gate passed (or failed) between stages: who, when, and on what terms."""

    __tablename__ = "gate_record"

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True, ondelete="CASCADE")
    gate: str = code()
    result: str = code()
    approver_id: int = Field(foreign_key="person.id")  # who passed it
    recorded_by_id: int = Field(foreign_key="person.id")
    at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    notes: str | None = text()
    conditions: str | None = text()
    # FR review before the bid
    deliverability: str | None = code(default=None, nullable=True)
    workload_days: int | None = None
    price_cents: int | None = money()

    __table_args__ = (
        enum_check("gate", Gate),
        enum_check("result", GateResult),
        enum_check("deliverability", GateResult),
        *non_negative("workload_days", "price_cents"),
        sa.CheckConstraint(
            "result <> 'conditional' OR conditions IS NOT NULL", name="conditional_has_terms"
        ),
    )


class PowerMapEntry(SQLModel, table=True):
    """A contact on an opportunity's power map and who in the triangle covers them."""

    __tablename__ = "power_map_entry"

    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int = Field(foreign_key="opportunity.id", ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    covered_by_id: int | None = Field(default=None, foreign_key="person.id")
    notes: str | None = text()

    __table_args__ = (sa.UniqueConstraint("opportunity_id", "contact_id"),)


