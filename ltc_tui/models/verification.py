"""Cross verification of a lead (错位验证法) and the customer's people consulted.

Its own module so that capturing a lead (``ltc lead add``) does not map it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.enums import Competition, LeadClass, Risk, Temperature
from ltc_tui.models import customers, leads, people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import code, enum_check, text, utcnow


class Verification(SQLModel, table=True):
    """Cross verification (错位验证法): the three questions, by someone else.

    ``submitter_id`` repeats the lead's submitter (a foreign key to the
    lead's own ``(id, submitter_id)`` keeps the copy true, migration 0004)
    so the database itself refuses a verification by the submitter."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True, ondelete="CASCADE")
    verifier_id: int = Field(foreign_key="person.id")
    submitter_id: int = Field(foreign_key="person.id")
    verified_at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    # 1. Is it a lead?
    need_real: bool
    fits_strategy: bool
    q1_notes: str | None = text()
    # 2. How far away is it?
    urgent: bool
    procurement_clear: bool
    funds_committed: bool
    q2_notes: str | None = text()
    # 3. Can we win? (0 = none .. 3 = strong)
    relationship: int
    solution_fit: int
    solution_maturity: int
    team_available: bool
    competition: str = code()
    risk: str = code()
    q3_notes: str | None = text()
    # The result, as computed when saved
    lead_class: str = code()
    temperature: str = code()
    priority: int

    __table_args__ = (
        sa.CheckConstraint("verifier_id <> submitter_id", name="verifier_not_submitter"),
        # No ON UPDATE: a verified lead's submitter cannot be changed under it.
        sa.ForeignKeyConstraint(
            ["lead_id", "submitter_id"], ["lead.id", "lead.submitter_id"],
            name="fk_verification_lead_submitter_lead", ondelete="CASCADE",
        ),
        sa.CheckConstraint("relationship BETWEEN 0 AND 3", name="relationship_range"),
        sa.CheckConstraint("solution_fit BETWEEN 0 AND 3", name="solution_fit_range"),
        sa.CheckConstraint("solution_maturity BETWEEN 0 AND 3", name="solution_maturity_range"),
        sa.CheckConstraint("priority BETWEEN 0 AND 100", name="priority_range"),
        enum_check("competition", Competition),
        enum_check("risk", Risk),
        enum_check("lead_class", LeadClass),
        enum_check("temperature", Temperature),
    )


class VerificationContact(SQLModel, table=True):
    """The customer's people the verifier consulted."""

    __tablename__ = "verification_contact"

    verification_id: int = Field(
        foreign_key="verification.id", primary_key=True, ondelete="CASCADE"
    )
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
