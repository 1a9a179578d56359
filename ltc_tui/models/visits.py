"""Customer visits: who went, whom they met, why, and what came of it."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from ltc_tui.enums import VisitKind
from ltc_tui.models import customers, leads, opportunities, people  # noqa: F401
from ltc_tui.models.base import Versioned, code, enum_check, text


class Visit(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    visited_on: dt.date = Field(index=True)
    kind: str = code(default="routine")
    objective: str | None = text()
    outcome: str | None = text()
    next_step: str | None = text()
    lead_id: int | None = Field(default=None, foreign_key="lead.id", index=True)
    opportunity_id: int | None = Field(default=None, foreign_key="opportunity.id")

    __table_args__ = (enum_check("kind", VisitKind),)


class VisitContact(SQLModel, table=True):
    __tablename__ = "visit_contact"

    visit_id: int = Field(foreign_key="visit.id", primary_key=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
