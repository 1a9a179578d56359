"""The leads in nurturing, as one list: the SR's own first, each with its pass
and how many of the six steps are done, filterable like the lead pool.

Steps are done in order (``mark_done`` refuses otherwise), so the steps done
in the current pass are always the first N and the current step is N + 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.enums import LeadStatus, Step, StepState
from ltc_tui.errors import ValidationError
from ltc_tui.models.customers import Customer
from ltc_tui.models.leads import Lead
from ltc_tui.models.nurturing import StepRecord
from ltc_tui.models.people import Person

STEP_WORDS = ("1", "2", "3", "4", "5", "6", "done")


@dataclass
class NurtureQuery:
    """``owner:li customer:telmex step:3 due`` and free words (title, customer, need)."""

    text: str | None = None
    owner: str | None = None  # handle, "me" or "none"
    customer: str | None = None
    step: int | None = None  # the current step; 7 = all six done (ready for handover)
    due_only: bool = False  # next review on or before today
    limit: int = 100
    offset: int = 0
    me_id: int | None = None  # whose leads come first


@dataclass
class NurtureRow:
    id: int
    title: str
    customer: str
    owner: str | None
    sr: str | None
    pass_no: int
    steps_done: int
    next_review_on: dt.date | None
    last_activity_at: dt.datetime
    version: int
    mine: bool

    @property
    def current_step(self) -> Step | None:
        return Step.from_number(self.steps_done + 1) if self.steps_done < len(Step) else None

    def due(self, today: dt.date | None = None) -> bool:
        return self.next_review_on is not None and self.next_review_on <= (today or clock.today())


def parse_nurture_filter(text: str, base: NurtureQuery | None = None) -> NurtureQuery:
    query = base or NurtureQuery()
    words: list[str] = []
    for token in text.split():
        key, sep, value = token.partition(":")
        key = key.lower()
        if sep and value and key == "owner":
            query.owner = value
        elif sep and value and key == "customer":
            query.customer = value
        elif sep and value and key == "step":
            if value.lower() not in STEP_WORDS:
                raise ValidationError("error.enum", field="step", value=value, choices=", ".join(STEP_WORDS))
            query.step = 7 if value.lower() == "done" else int(value)
        elif token.lower() in ("due", "is:due", "view:due"):
            query.due_only = True
        else:
            words.append(token)
    query.text = " ".join(words) or None
    return query


@dataclass
class _Parts:
    """The joins every statement here shares."""

    owner: type[Person]
    sr: type[Person]
    done: sa.Subquery
    done_count: sa.ColumnElement[int]
    mine: sa.ColumnElement[bool]


def _parts(query: NurtureQuery) -> _Parts:
    done = (
        sa.select(StepRecord.lead_id.label("lead_id"), sa.func.count().label("done"))
        .join(Lead, sa.and_(Lead.id == StepRecord.lead_id, Lead.nurture_pass == StepRecord.pass_no))
        .where(StepRecord.state == StepState.DONE.value)
        .group_by(StepRecord.lead_id)
        .subquery("done_counts")
    )
    me = query.me_id or -1
    return _Parts(
        owner=sa.orm.aliased(Person, name="owner_p"),
        sr=sa.orm.aliased(Person, name="sr_p"),
        done=done,
        done_count=sa.func.coalesce(done.c.done, 0),
        mine=sa.or_(Lead.owner_id == me, Lead.sr_id == me),
    )


def _from_where(session: Session, stmt: sa.Select[Any], query: NurtureQuery, p: _Parts) -> sa.Select[Any]:
    from ltc_tui.services.leads import text_condition
    from ltc_tui.services.people import get_person

    stmt = (
        stmt.select_from(Lead)
        .join(Customer, Customer.id == Lead.customer_id)
        .join(p.owner, p.owner.id == Lead.owner_id, isouter=True)
        .join(p.sr, p.sr.id == Lead.sr_id, isouter=True)
        .join(p.done, p.done.c.lead_id == Lead.id, isouter=True)
        .where(Lead.status == LeadStatus.NURTURING.value)
    )
    if query.text:
        stmt = stmt.where(text_condition(session, query.text))
    if query.owner:
        if query.owner.lower() == "none":
            stmt = stmt.where(Lead.owner_id.is_(None))
        elif query.owner.lower() == "me":
            stmt = stmt.where(p.mine)
        else:
            who = get_person(session, query.owner).id
            stmt = stmt.where(sa.or_(Lead.owner_id == who, Lead.sr_id == who))
    if query.customer:
        stmt = stmt.where(Customer.name.icontains(query.customer, autoescape=True))
    if query.step is not None:
        stmt = stmt.where(p.done_count == query.step - 1)
    if query.due_only:
        stmt = stmt.where(Lead.next_review_on.is_not(None), Lead.next_review_on <= clock.today())
    return stmt


def query_nurturing(session: Session, query: NurtureQuery) -> list[NurtureRow]:
    """One page: my leads first, then by next review date (soonest first), then id."""
    p = _parts(query)
    mine = sa.case((p.mine, 0), else_=1)
    stmt = sa.select(
        Lead.id, Lead.title, Customer.name, p.owner.handle, p.sr.handle, Lead.nurture_pass, p.done_count,
        Lead.next_review_on, Lead.last_activity_at, Lead.version, mine,
    )
    stmt = _from_where(session, stmt, query, p)
    stmt = stmt.order_by(mine, Lead.next_review_on.asc().nulls_last(), Lead.id).limit(query.limit).offset(query.offset)
    return [
        NurtureRow(i, title, customer, owner, sr, pass_no, int(done), review, activity, version, first == 0)
        for i, title, customer, owner, sr, pass_no, done, review, activity, version, first in session.execute(stmt).all()
    ]


def count_nurturing(session: Session, query: NurtureQuery) -> int:
    p = _parts(query)
    stmt = _from_where(session, sa.select(sa.func.count()), query, p)
    return int(session.execute(stmt).scalar_one())
