"""Shared pieces of every table: naming convention, checks, timestamps, versions.

Models use no ``Relationship()``: services query explicitly, and each module
imports only the modules its foreign keys point at, so a quick command
(``ltc lead add``) maps the handful of tables it touches and no more.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from ltc_tui import clock
from ltc_tui.enums import values

# Stable constraint names, so migrations (and SQLite batch mode) can find them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return clock.now()


def enum_check(column: str, enum: type[StrEnum]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values(enum))
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


def non_negative(*columns: str) -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(f"{c} >= 0", name=f"{c}_non_negative") for c in columns]


def not_blank(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"length(trim({column})) > 0", name=f"{column}_not_blank")


def money(**kw: object) -> object:
    """An amount in minor units (cents): exact sums on every backend."""
    return Field(default=None, sa_type=sa.BigInteger, **kw)  # type: ignore[arg-type]


def text(**kw: object) -> object:
    return Field(default=None, sa_type=sa.Text, **kw)  # type: ignore[arg-type]


def code(length: int = 32, **kw: object) -> object:
    """A short enumerated value, kept honest by an ``enum_check``."""
    return Field(sa_type=sa.String(length), **kw)  # type: ignore[arg-type]


class Versioned(SQLModel):
    """An editable record: ``version`` grows by one on every saved change.

    A save that expects an older version is refused (no lost updates). The
    mapper also puts the version it loaded in every UPDATE's WHERE clause, so
    even code that forgot ``load_for_update`` cannot overwrite a change that
    another transaction committed meanwhile: the flush fails instead (the
    session turns it into a ``ConflictError``)."""

    version: int = Field(default=1, nullable=False)
    created_at: dt.datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: dt.datetime = Field(default_factory=utcnow, nullable=False)

    @declared_attr  # type: ignore[misc]
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - a declared attribute takes the class
        # The value is set by the session (db._bump_versions), not generated here.
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}
