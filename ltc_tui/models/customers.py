"""Customers (with the standing used for tiers and their budget) and contacts."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field

from ltc_tui.enums import Attitude, ContactLevel, DecisionRole, Influence, Standing
from ltc_tui.models import people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import Versioned, code, enum_check, money, non_negative, not_blank, text


class Customer(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(200))
    name_key: str = Field(sa_type=sa.String(200), unique=True)  # casefolded: one customer per name
    standing: str = code(default="normal")
    industry: str | None = Field(default=None, sa_type=sa.String(100))
    region: str | None = Field(default=None, sa_type=sa.String(100))
    notes: str | None = text()
    # Key customers: next year's investment budget, expected by the turn of the year.
    budget_known: bool = Field(default=False, nullable=False)
    budget_year: int | None = None
    budget_cents: int | None = money()
    budget_currency: str | None = Field(default=None, sa_type=sa.String(3))
    external_id: str | None = Field(default=None, sa_type=sa.String(64), unique=True)

    __table_args__ = (
        enum_check("standing", Standing),
        not_blank("name"),
        *non_negative("budget_cents"),
    )


class Contact(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True, ondelete="CASCADE")
    name: str = Field(sa_type=sa.String(120))
    job_title: str | None = Field(default=None, sa_type=sa.String(120))
    email: str | None = Field(default=None, sa_type=sa.String(200), index=True)  # lower-cased
    phone: str | None = Field(default=None, sa_type=sa.String(60))
    level: str = code(default="manager")
    decision_role: str = code(default="influencer")
    influence: str = code(default="medium")
    attitude: str = code(default="unknown")
    notes: str | None = text()

    __table_args__ = (
        sa.UniqueConstraint("customer_id", "email"),
        enum_check("level", ContactLevel),
        enum_check("decision_role", DecisionRole),
        enum_check("influence", Influence),
        enum_check("attitude", Attitude),
        not_blank("name"),
    )
