"""People on the team and the roles they hold."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ltc_tui.enums import Role
from ltc_tui.models.base import Versioned, code, enum_check, not_blank


class Person(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(sa_type=sa.String(40), unique=True)  # short name used in commands
    name: str = Field(sa_type=sa.String(120))
    email: str | None = Field(default=None, sa_type=sa.String(200))
    active: bool = Field(default=True, nullable=False)

    __table_args__ = (not_blank("handle"), not_blank("name"))


class PersonRole(SQLModel, table=True):
    __tablename__ = "person_role"

    person_id: int = Field(foreign_key="person.id", primary_key=True, ondelete="CASCADE")
    role: str = code(primary_key=True)

    __table_args__ = (enum_check("role", Role),)
