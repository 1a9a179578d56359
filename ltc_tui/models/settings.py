"""Team settings, shared through the database (see ``services.settings``)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.models import people  # noqa: F401  (foreign keys)
from ltc_tui.models.base import utcnow


class Setting(SQLModel, table=True):
    key: str = Field(sa_type=sa.String(60), primary_key=True)
    value: str = Field(sa_type=sa.Text)  # JSON
    updated_at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    updated_by_id: int | None = Field(default=None, foreign_key="person.id")
    version: int = Field(default=1, nullable=False)
