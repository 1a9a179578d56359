"""The demo database: a realistic team and a year of its history, built
through the same services people use, so every rule and the audit trail hold.

``build_demo(db)`` fills an empty database; ``inspect_target(url)`` says what
a path or URL holds today (nothing, an empty database, a demo, or someone's
real data, which the demo never overwrites); ``build_at(url)`` builds there
safely: a SQLite file is built beside the target and moved into place only
when complete, another database is wiped (only if it is a demo) and filled
in one transaction.

The history is a timeline of dated events (lead captured, verified, decided
in a committee meeting, nurtured, handed over, won, invoiced, paid...) with
dates relative to ``today``, run in date order with the clock pinned to each
event's moment and the session acting as the event's person. The content
itself (people, customers, stories) lives in ``demo_story``.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import ContractStatus, LeadStatus, Stage
from ltc_tui.errors import RuleViolation, StorageError

# The Setting row that marks a database as a demo (its value: when it was built).
MARKER_KEY = "demo"
# Whom the app acts as on the demo: the committee chair can do the most.
DEMO_ACTOR = "lin"


# --- the timeline --------------------------------------------------------------------


@dataclass(order=True)
class Event:
    day: int  # days from today (negative: in the past)
    minute: int  # minutes after 08:00 that day
    seq: int  # insertion order breaks ties
    who: str = field(compare=False)
    run: Callable[[], Any] = field(compare=False)


class Timeline:
    """Events scheduled by the stories, then run in date order on one session.

    Each event runs with the clock pinned to its moment (never later than
    ``latest``: nothing is dated in the future) and the session acting as its
    person, so timestamps, "today" checks and the audit trail read as if the
    team had done it on that day."""

    def __init__(self, session: Session, today: dt.date, latest: dt.datetime) -> None:
        self.session = session
        self.today = today
        self.latest = latest
        self.events: list[Event] = []  # a heap: the earliest first
        self.people: dict[str, int] = {}
        self._seq = 0

    def date(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def on(self, day: int, who: str, run: Callable[[], Any], *, minute: int = 60) -> None:
        if day > 0:
            raise ValueError(f"demo event in the future: day {day}")
        self._seq += 1
        heapq.heappush(self.events, Event(day, minute, self._seq, who, run))

    def moment(self, day: int, minute: int) -> dt.datetime:
        when = dt.datetime.combine(self.date(day), dt.time(8, 0), dt.UTC) + dt.timedelta(minutes=minute)
        return min(when, self.latest)

    def run(self) -> None:
        session = self.session
        while self.events:
            # An event may schedule more (the same day or later): always take the earliest.
            event = heapq.heappop(self.events)
            session.flush()  # what is pending belongs to the previous moment and person
            clock.freeze(self.moment(event.day, event.minute))
            session.info["actor_id"] = self.people.get(event.who)
            event.run()
        session.flush()


# --- the summary -------------------------------------------------------------------------


@dataclass
class DemoSummary:
    built_on: dt.date
    actor: str
    people: int
    customers: int
    contacts: int
    leads: dict[str, int]
    stages: dict[str, int]
    contracts: dict[str, int]
    meetings: int
    queue: int
    visits: int
    visits_this_week: int
    overdue_payments: int
    audit_events: int
    cdma_lead_id: int
    cdma_opportunity_id: int
    cdma_contract: str
    seconds: float = 0.0
    where: str = ""


def _count_by(session: Session, column: Any, values: list[str]) -> dict[str, int]:
    rows = dict(session.execute(sa.select(column, sa.func.count()).group_by(column)).all())
    return {value: int(rows.get(value, 0)) for value in values}


def _count(session: Session, model: Any) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one())


def summarise(session: Session, *, built_on: dt.date, cdma_lead_id: int) -> DemoSummary:
    from ltc_tui.models import (
        AuditEvent,
        Contact,
        Contract,
        Customer,
        Lead,
        Meeting,
        Opportunity,
        Payment,
        Person,
        Visit,
    )
    from ltc_tui.services.committee import review_queue
    from ltc_tui.services.visits import week_bounds

    week_start, week_end = week_bounds(clock.today())
    opportunity = session.exec(select(Opportunity).where(Opportunity.lead_id == cdma_lead_id)).one()
    contract = session.exec(select(Contract).where(Contract.opportunity_id == opportunity.id)).one()
    return DemoSummary(
        built_on=built_on,
        actor=DEMO_ACTOR,
        people=_count(session, Person),
        customers=_count(session, Customer),
        contacts=_count(session, Contact),
        leads=_count_by(session, Lead.status, [s.value for s in LeadStatus]),
        stages=_count_by(session, Opportunity.stage, [s.value for s in Stage]),
        contracts=_count_by(session, Contract.status, [s.value for s in ContractStatus]),
        meetings=_count(session, Meeting),
        queue=len(review_queue(session)),
        visits=_count(session, Visit),
        visits_this_week=int(
            session.execute(
                sa.select(sa.func.count()).select_from(Visit).where(Visit.visited_on.between(week_start, week_end))
            ).scalar_one()
        ),
        overdue_payments=int(
            session.execute(
                sa.select(sa.func.count())
                .select_from(Payment)
                .where(Payment.received_on.is_(None), Payment.due_on < clock.today())
            ).scalar_one()
        ),
        audit_events=_count(session, AuditEvent),
        cdma_lead_id=cdma_lead_id,
        cdma_opportunity_id=opportunity.id or 0,
        cdma_contract=contract.number,
    )


# --- building -------------------------------------------------------------------------------


def _mark(session: Session, today: dt.date) -> None:
    from ltc_tui.db import record_event
    from ltc_tui.models.settings import Setting

    session.add(Setting(key=MARKER_KEY, value=json.dumps({"built_on": today.isoformat()})))
    record_event(session, entity="database", record_id=None, action="demo_built", new=today)


def fill(session: Session, *, today: dt.date | None = None, where: str = "") -> DemoSummary:
    """Build the demo into an empty database through ``session`` (not committed here)."""
    from ltc_tui.models import Lead, Person
    from ltc_tui.services import demo_story

    people, leads = _count(session, Person), _count(session, Lead)
    if people or leads:
        raise RuleViolation("error.demo.not_demo", where=where, people=people, leads=leads)
    with clock.restored():
        day = today or clock.today()
        if day == clock.today():
            # Nothing later than now, and nothing off today's date (the local date
            # and the UTC date differ for some hours a day).
            start, end = (dt.datetime.combine(day, t, dt.UTC) for t in (dt.time(0, 0), dt.time(23, 59)))
            latest = min(max(clock.now(), start), end)
        else:
            latest = dt.datetime.combine(day, dt.time(18, 0), dt.UTC)
        timeline = Timeline(session, day, latest)
        story = demo_story.write(timeline)
        timeline.run()
        clock.freeze(latest)
        session.info["actor_id"] = timeline.people.get(demo_story.ADMIN)
        _mark(session, day)
        session.flush()
        summary = summarise(session, built_on=day, cdma_lead_id=story.cdma_lead_id)
    session.info["actor_id"] = None
    return summary


def build_demo(db: Any, *, today: dt.date | None = None) -> DemoSummary:
    """Fill an empty database ``db`` with the demo, in one transaction."""
    started = time.perf_counter()
    with db.session() as session:
        summary = fill(session, today=today, where=db.display)
    summary.seconds = time.perf_counter() - started
    summary.where = db.display
    return summary


# --- where to build -----------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    display: str
    state: str  # "missing", "empty", "demo" or "other"
    built_on: str | None = None
    people: int = 0
    leads: int = 0

    @property
    def path(self) -> Path | None:
        parsed = sa.make_url(self.url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            return Path(parsed.database)
        return None


def inspect_target(url: str) -> Target:
    """What ``url`` holds: nothing yet, an empty database, a demo, or other data."""
    from ltc_tui.db import Database, SchemaState, display_url, make_engine, schema_state, translate_errors

    where = display_url(url)
    target = Target(url=url, display=where, state="missing")
    path = target.path
    if path is not None:
        if path.is_dir():
            raise StorageError("error.db.cannot_open", where=where)
        if not path.exists():
            return target
        if path.stat().st_size == 0:
            target.state = "empty"
            return target
    engine = _read_only_engine(path) if path is not None else make_engine(url)
    try:
        with translate_errors(Database(url=sa.make_url(url), engine=engine)):
            state, version = schema_state(engine)
            if state is SchemaState.EMPTY:
                target.state = "empty"
                return target
            if state is SchemaState.FOREIGN:
                raise StorageError("error.db.foreign", where=where)
            if state is SchemaState.NEWER:
                raise StorageError("error.db.newer_schema", where=where, version=version)
            with engine.connect() as conn:
                marker = conn.execute(sa.text("SELECT value FROM setting WHERE key = :k"), {"k": MARKER_KEY}).scalar()
                target.people = int(conn.execute(sa.text("SELECT count(*) FROM person")).scalar_one())
                target.leads = int(conn.execute(sa.text("SELECT count(*) FROM lead")).scalar_one())
                customers = int(conn.execute(sa.text("SELECT count(*) FROM customer")).scalar_one())
    finally:
        engine.dispose()
    if marker is not None:
        target.state = "demo"
        try:
            target.built_on = str(json.loads(marker).get("built_on") or "") or None
        except (ValueError, AttributeError):
            target.built_on = None
    elif target.people or target.leads or customers:
        target.state = "other"
    else:
        target.state = "empty"
    return target


def _read_only_engine(path: Path) -> sa.Engine:
    """Look into a SQLite file without changing it (our engine would switch it to WAL)."""
    import sqlite3
    from urllib.request import pathname2url

    uri = f"file:{pathname2url(str(path))}?mode=ro"
    return sa.create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=sa.pool.NullPool)


def refuse_other(target: Target) -> None:
    if target.state == "other":
        raise RuleViolation("error.demo.not_demo", where=target.display, people=target.people, leads=target.leads)


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            candidate.unlink()


def _wipe(session: Session) -> None:
    """Empty every table of a demo database (PostgreSQL: TRUNCATE; ids start
    again at 1). The audit trail refuses TRUNCATE (migration 0004): its guard
    is set aside for this statement only, inside the transaction, so no
    other session ever sees the trail unguarded."""
    connection = session.connection()
    tables = [t for t in sa.inspect(connection).get_table_names() if t != "alembic_version"]
    if tables:
        quoted = ", ".join(connection.dialect.identifier_preparer.quote(t) for t in tables)
        guarded = "audit_event" in tables
        if guarded:
            connection.exec_driver_sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate")
        connection.exec_driver_sql(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        if guarded:
            connection.exec_driver_sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_truncate")


def build_at(target: Target, *, today: dt.date | None = None) -> DemoSummary:
    """Build the demo at ``target`` (refusing a database that is not a demo).

    A SQLite file is built beside the target and moved over it only when
    complete: an interrupted build leaves the old file (or none) behind."""
    from ltc_tui.db import open_database

    refuse_other(target)
    started = time.perf_counter()
    path = target.path
    if path is None:
        db = open_database(target.url)
        try:
            with db.session() as session:
                if target.state == "demo":
                    _wipe(session)
                summary = fill(session, today=today, where=target.display)
        finally:
            db.dispose()
    else:
        building = path.with_name(f"{path.name}.building-{os.getpid()}")
        _remove_sqlite_files(building)
        try:
            db = open_database(str(building))
            try:
                with db.session() as session:
                    summary = fill(session, today=today, where=target.display)
            finally:
                db.dispose()  # the last connection folds the WAL into the file
            for suffix in ("-wal", "-shm", "-journal"):  # an old WAL must not be replayed into the new file
                Path(str(path) + suffix).unlink(missing_ok=True)
            os.replace(building, path)
        finally:
            _remove_sqlite_files(building)
    summary.seconds = time.perf_counter() - started
    summary.where = target.display
    return summary
