"""Contract execution: milestones, invoices, payments, disputes."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from ltc_tui.enums import ContractStatus
from ltc_tui.models import customers, opportunities, people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import (
    Versioned,
    code,
    enum_check,
    money,
    non_negative,
    not_blank,
    text,
)


class Contract(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id", unique=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    number: str = Field(sa_type=sa.String(64), unique=True)
    title: str = Field(sa_type=sa.String(200))
    signed_on: dt.date = Field(index=True)
    value_cents: int = Field(sa_type=sa.BigInteger)
    currency: str = Field(sa_type=sa.String(3))
    po_number: str | None = Field(default=None, sa_type=sa.String(64))
    ar_id: int | None = Field(default=None, foreign_key="person.id")
    fr_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    status: str = code(default="signed", index=True)
    closed_on: dt.date | None = None
    write_off_cents: int | None = money()
    write_off_reason: str | None = text()
    notes: str | None = text()

    __table_args__ = (
        enum_check("status", ContractStatus),
        *non_negative("value_cents", "write_off_cents"),
        sa.CheckConstraint(
            "write_off_cents IS NULL OR write_off_reason IS NOT NULL",
            name="write_off_has_reason",
        ),
        sa.CheckConstraint("status <> 'closed' OR closed_on IS NOT NULL", name="closed_has_date"),
        not_blank("number"),
        not_blank("title"),
    )


class Milestone(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="CASCADE")
    name: str = Field(sa_type=sa.String(200))
    planned_on: dt.date | None = None
    actual_on: dt.date | None = None
    notes: str | None = text()

    __table_args__ = (not_blank("name"),)


class Invoice(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="CASCADE")
    number: str = Field(sa_type=sa.String(64))
    issued_on: dt.date
    due_on: dt.date | None = None
    amount_cents: int = Field(sa_type=sa.BigInteger)
    notes: str | None = text()

    __table_args__ = (
        sa.UniqueConstraint("contract_id", "number"),
        *non_negative("amount_cents"),
        sa.CheckConstraint("due_on IS NULL OR due_on >= issued_on", name="due_after_issue"),
        not_blank("number"),
    )


class Payment(Versioned, table=True):
    """An expected payment (due date, amount) and what was received, when."""

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="CASCADE")
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id", ondelete="SET NULL")
    due_on: dt.date = Field(index=True)
    amount_cents: int = Field(sa_type=sa.BigInteger)
    received_on: dt.date | None = Field(default=None, index=True)
    received_cents: int | None = money()
    is_final: bool = Field(default=False, nullable=False)  # the final payment (尾款)
    notes: str | None = text()

    __table_args__ = (
        *non_negative("amount_cents", "received_cents"),
        sa.CheckConstraint(
            "(received_on IS NULL) = (received_cents IS NULL)", name="received_has_date"
        ),
    )


class Dispute(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="CASCADE")
    opened_on: dt.date
    description: str = Field(sa_type=sa.Text)
    resolution: str | None = text()
    resolved_on: dt.date | None = None

    __table_args__ = (
        not_blank("description"),
        sa.CheckConstraint(
            "resolved_on IS NULL OR resolved_on >= opened_on", name="resolved_after_opened"
        ),
        sa.CheckConstraint(
            "resolved_on IS NULL OR resolution IS NOT NULL", name="resolved_has_resolution"
        ),
    )
