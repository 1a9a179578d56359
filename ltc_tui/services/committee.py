"""The lead committee (线索管理委员会): the review queue, meetings, decisions.

The queue holds verified leads, nurtured leads due for review, and claimed
or assigned leads nobody has followed up for the stale period, ordered by
priority. Each decision has its data: close a reason; convert a budget and
a start date; nurture an owner (the SR by default), the whole iron triangle
and a next review date; defer nothing (the lead comes back next meeting).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import DecisionKind, LeadStatus, MeetingStatus, Role, parse
from ltc_tui.errors import NotFound, PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models.committee import AgendaItem, Decision, Meeting, MeetingAttendee
from ltc_tui.models.leads import Lead
from ltc_tui.models.people import Person
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import actor_id, load_for_update, touch_lead
from ltc_tui.values import clean_text, parse_date, parse_money


@dataclass
class QueueEntry:
    lead_id: int
    title: str
    priority: int | None
    status: str
    reason_key: str
    reason_params: dict[str, Any]


def review_queue(session: Session, *, today: dt.date | None = None) -> list[QueueEntry]:
    """What the next meeting should look at, by priority (highest first)."""
    today = today or clock.today()
    stale_days = int(settings_service.get(session, "stale_days"))
    cutoff = dt.datetime.combine(today, dt.time(23, 59, 59), dt.UTC) - dt.timedelta(days=stale_days)
    in_play = Lead.status.in_((LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value))
    unattended = sa.and_(Lead.owner_id.is_not(None), in_play, Lead.last_activity_at < cutoff)
    due = sa.and_(
        Lead.status == LeadStatus.NURTURING.value,
        Lead.next_review_on.is_not(None),
        Lead.next_review_on <= today,
    )
    rows = session.exec(
        select(
            Lead.id, Lead.title, Lead.priority, Lead.status, Lead.next_review_on,
            Lead.last_activity_at, Lead.owner_id,
        )
        .where(sa.or_(Lead.status == LeadStatus.VERIFIED.value, due, unattended))
        .order_by(sa.func.coalesce(Lead.priority, -1).desc(), Lead.submitted_on, Lead.id)
    ).all()
    queue = []
    for lead_id, title, priority, status, review_on, last_activity, owner_id in rows:
        last = last_activity if last_activity.tzinfo else last_activity.replace(tzinfo=dt.UTC)
        if owner_id is not None and last < cutoff:
            key, params = "queue.unattended", {"days": (today - last.date()).days}
        elif status == LeadStatus.NURTURING.value:
            key, params = "queue.review_due", {"date": review_on.isoformat() if review_on else ""}
        else:
            key, params = "queue.verified", {}
        queue.append(QueueEntry(lead_id, title, priority, status, key, params))
    return queue


# --- meetings -------------------------------------------------------------------


def next_meeting_due(session: Session, *, today: dt.date | None = None) -> dt.date:
    """When the next meeting is due: the last one's date plus the cadence
    (meeting_cadence_days, two weeks by default); today if none was held."""
    last = session.exec(select(sa.func.max(Meeting.held_on))).one()
    if last is None:
        return today or clock.today()
    return last + dt.timedelta(days=int(settings_service.get(session, "meeting_cadence_days")))


def open_meeting(session: Session) -> Meeting | None:
    return session.exec(
        select(Meeting).where(Meeting.status == MeetingStatus.OPEN.value).order_by(Meeting.id.desc())
    ).first()


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("error.meeting.not_found", id=meeting_id)
    return meeting


def start_meeting(
    session: Session,
    *,
    attendees: list[str] = (),  # type: ignore[assignment]
    delegate: str | None = None,
    held_on: str | dt.date | None = None,
) -> Meeting:
    """Start a meeting chaired by the acting person, with the queue as agenda."""
    from ltc_tui.services.people import get_person

    chair = actor_id(session)
    check_may_chair(session)
    existing = open_meeting(session)
    if existing is not None:
        raise RuleViolation("error.meeting.already_open", id=existing.id)
    day = parse_date(held_on, field="date") or clock.today()
    delegate_id = get_person(session, delegate).id if delegate else None
    if delegate_id == chair:
        delegate_id = None
    meeting = Meeting(held_on=day, chair_id=chair, delegate_id=delegate_id)
    session.add(meeting)
    session.flush()
    people = {chair} | {get_person(session, who).id or 0 for who in attendees}
    if delegate_id:
        people.add(delegate_id)
    for person_id in sorted(people):
        session.add(MeetingAttendee(meeting_id=meeting.id or 0, person_id=person_id))
    for position, entry in enumerate(review_queue(session, today=day), start=1):
        session.add(
            AgendaItem(
                meeting_id=meeting.id or 0,
                lead_id=entry.lead_id,
                position=position,
                reason=json.dumps([entry.reason_key, entry.reason_params]),
            )
        )
    session.flush()
    return meeting


def check_may_chair(session: Session) -> None:
    """Refuse unless the acting person may chair a meeting (the app asks first)."""
    from ltc_tui.services.people import require_role

    require_role(session, actor_id(session), Role.CHAIR, action="chair a committee meeting")


def set_attendees(session: Session, *, meeting_id: int, attendees: list[str]) -> list[int]:
    from ltc_tui.services.people import get_person

    meeting = get_meeting(session, meeting_id)
    _require_decider(session, meeting, admin_may=True)
    wanted = {meeting.chair_id} | {get_person(session, who).id or 0 for who in attendees}
    current = {
        a.person_id: a for a in session.exec(select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id)).all()
    }
    for person_id, link in current.items():
        if person_id not in wanted:
            session.delete(link)
    for person_id in wanted - set(current):
        session.add(MeetingAttendee(meeting_id=meeting_id, person_id=person_id))
    session.flush()
    return sorted(wanted)


@dataclass
class AgendaEntry:
    position: int
    lead_id: int
    reason_key: str
    reason_params: dict[str, Any]
    decision: Decision | None  # the standing (not undone) decision, if any


def agenda(session: Session, meeting_id: int) -> list[AgendaEntry]:
    items = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)
    ).all()
    decisions = {
        d.lead_id: d
        for d in session.exec(
            select(Decision)
            .where(Decision.meeting_id == meeting_id, Decision.undone_at.is_(None))
            .order_by(Decision.id)
        ).all()
    }
    result = []
    for item in items:
        try:
            key, params = json.loads(item.reason)
        except (ValueError, TypeError):
            key, params = "queue.verified", {}
        result.append(AgendaEntry(item.position, item.lead_id, key, params, decisions.get(item.lead_id)))
    return result


def _require_decider(session: Session, meeting: Meeting | None, *, admin_may: bool = False) -> int:
    """Committee decisions are the chair's, or the delegate named in the meeting.

    Being an admin is not enough to decide on a lead (it is a duty of the
    committee, not of whoever runs the software); ``admin_may`` lets an admin
    do the meeting's housekeeping (attendees, closing it) when the chair is away."""
    from ltc_tui.services.people import has_role

    who = actor_id(session)
    if meeting is not None:
        if who in (meeting.chair_id, meeting.delegate_id) or (admin_may and has_role(session, who, Role.ADMIN)):
            return who
        raise PermissionDenied("error.decide.not_chair", id=meeting.id)
    if has_role(session, who, Role.CHAIR):
        return who
    raise PermissionDenied("error.decide.no_role")


def check_decider(session: Session, *, meeting_id: int | None = None) -> None:
    """Refuse now, before anyone types a reason, unless the acting person may
    record decisions (in ``meeting_id``, else in the open meeting, else as chair)."""
    meeting = get_meeting(session, meeting_id) if meeting_id is not None else open_meeting(session)
    _require_decider(session, meeting)


def close_meeting(session: Session, *, meeting_id: int, notes: str | None = None) -> Meeting:
    meeting = load_for_update(session, Meeting, meeting_id, None)
    _require_decider(session, meeting, admin_may=True)
    if meeting.status == MeetingStatus.CLOSED.value:
        raise RuleViolation("error.meeting.closed", id=meeting_id)
    meeting.status = MeetingStatus.CLOSED.value
    meeting.closed_at = clock.now()
    if notes:
        meeting.notes = clean_text(notes, field="notes")
    session.flush()
    return meeting


# --- decisions -------------------------------------------------------------------

_SNAPSHOT = (
    "status", "owner_id", "ar_id", "sr_id", "fr_id", "next_review_on", "close_reason",
    "closed_on", "budget_cents", "budget_start", "assigned_at",
)


def _snapshot(lead: Lead) -> str:
    data: dict[str, Any] = {}
    for name in _SNAPSHOT:
        value = getattr(lead, name)
        data[name] = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
    return json.dumps(data)


def _restore(lead: Lead, snapshot: str) -> None:
    data = json.loads(snapshot)
    for name in _SNAPSHOT:
        value = data.get(name)
        if value is not None and name in ("next_review_on", "closed_on", "budget_start"):
            value = dt.date.fromisoformat(value)
        elif value is not None and name == "assigned_at":
            value = dt.datetime.fromisoformat(value)
        setattr(lead, name, value)


@dataclass
class DecisionResult:
    decision: Decision
    opportunity_id: int | None
    warnings: list[str]


def decide(
    session: Session,
    *,
    lead_id: int,
    kind: str | DecisionKind,
    meeting_id: int | None = None,
    reason: str | None = None,
    notes: str | None = None,
    budget: str | int | None = None,
    start: str | dt.date | None = None,
    owner: str | None = None,
    ar: str | None = None,
    sr: str | None = None,
    fr: str | None = None,
    next_review: str | dt.date | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Record the committee's decision on a lead and apply it."""
    from ltc_tui.services.people import find_person

    decision_kind = DecisionKind(parse(DecisionKind, str(kind), field="decision"))
    meeting = get_meeting(session, meeting_id) if meeting_id is not None else open_meeting(session)
    if meeting is not None and meeting.status != MeetingStatus.OPEN.value:
        raise RuleViolation("error.meeting.closed", id=meeting.id)
    decider = _require_decider(session, meeting)
    lead = load_for_update(session, Lead, lead_id, expected_version)
    if lead.status == LeadStatus.SUBMITTED.value:
        raise RuleViolation("error.decide.not_verified", id=lead_id)
    if lead.status not in (LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value):
        raise RuleViolation("error.decide.finished", id=lead_id, status=lead.status)

    today = clock.today()
    warnings: list[str] = []
    decision = Decision(
        meeting_id=meeting.id if meeting else None,
        lead_id=lead_id,
        kind=decision_kind.value,
        notes=clean_text(notes, field="notes"),
        decided_by_id=decider,
        decided_at=clock.now(),
        prior_state=_snapshot(lead),
    )
    opportunity_id = None
    if decision_kind is DecisionKind.CLOSE:
        why = clean_text(reason, field="reason")
        if not why:
            raise ValidationError("error.decide.close_reason", field="reason")
        decision.reason = why
        lead.status = LeadStatus.CLOSED.value
        lead.close_reason = why
        lead.closed_on = today
    elif decision_kind is DecisionKind.CONVERT:
        budget_cents = parse_money(budget, field="budget")
        start_on = parse_date(start, field="start")
        missing = [name for name, value in (("budget", budget_cents), ("start date", start_on)) if value is None]
        if missing:
            raise ValidationError("error.decide.convert_needs", field=missing[0], missing=" and ".join(missing))
        decision.budget_cents, decision.start_on = budget_cents, start_on
        decision.reason = clean_text(reason, field="reason")
        for name, who in (("owner", owner), ("ar", ar), ("sr", sr), ("fr", fr)):
            person = find_person(session, who)
            if person is not None:
                setattr(decision, f"{name}_id", person.id)
                setattr(lead, f"{name}_id", person.id)
        lead.budget_cents, lead.budget_start = budget_cents, start_on
        lead.status = LeadStatus.CONVERTED.value
        session.flush()
        from ltc_tui.services.opportunities import open_from_lead

        opportunity = open_from_lead(session, lead=lead)
        opportunity_id = decision.opportunity_id = opportunity.id
        if not (lead.ar_id and lead.sr_id and lead.fr_id):
            warnings.append("warn.convert.no_triangle")
    elif decision_kind is DecisionKind.NURTURE:
        people = {name: find_person(session, who) for name, who in (("owner", owner), ("ar", ar), ("sr", sr), ("fr", fr))}
        if people["owner"] is None and people["sr"] is not None:
            people["owner"] = people["sr"]  # the SR owns nurturing by default
        review_on = parse_date(next_review, field="next review")
        missing = [name.upper() if name != "owner" else "owner" for name, p in people.items() if p is None]
        if review_on is None:
            missing.append("next review date")
        if missing:
            raise ValidationError("error.decide.nurture_needs", field=missing[0], missing=missing)
        assert review_on is not None
        if review_on < today:
            raise ValidationError("error.decide.review_past", field="next review", date=review_on.isoformat())
        for name, person in people.items():
            assert person is not None
            setattr(decision, f"{name}_id", person.id)
            setattr(lead, f"{name}_id", person.id)
        decision.next_review_on = review_on
        decision.reason = clean_text(reason, field="reason")
        if lead.assigned_at is None or json.loads(decision.prior_state or "{}").get("owner_id") != lead.owner_id:
            lead.assigned_at = clock.now()
        lead.next_review_on = review_on
        if lead.status == LeadStatus.VERIFIED.value:
            lead.status = LeadStatus.NURTURING.value
            from ltc_tui.services.nurturing import ensure_pass

            ensure_pass(session, lead)
    else:  # defer: stays as it is, and so comes back in the next queue
        decision.reason = clean_text(reason, field="reason")
    session.add(decision)
    if meeting is not None:
        _ensure_on_agenda(session, meeting.id or 0, lead_id)
    session.flush()
    touch_lead(session, lead_id)
    return DecisionResult(decision, opportunity_id, warnings)


def _ensure_on_agenda(session: Session, meeting_id: int, lead_id: int) -> None:
    found = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, AgendaItem.lead_id == lead_id)
    ).first()
    if found is None:
        last = session.exec(
            select(sa.func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        ).one()
        session.add(
            AgendaItem(
                meeting_id=meeting_id,
                lead_id=lead_id,
                position=(last or 0) + 1,
                reason=json.dumps(["queue.added", {}]),
            )
        )


def undo_last(session: Session, *, meeting_id: int) -> Decision:
    """Take back the meeting's last standing decision; the lead is as before."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status != MeetingStatus.OPEN.value:
        raise RuleViolation("error.meeting.closed", id=meeting_id)
    who = _require_decider(session, meeting)
    decision = session.exec(
        select(Decision)
        .where(Decision.meeting_id == meeting_id, Decision.undone_at.is_(None))
        .order_by(Decision.id.desc())
    ).first()
    if decision is None:
        raise RuleViolation("error.undo.nothing", id=meeting_id)
    lead = load_for_update(session, Lead, decision.lead_id, None)
    later = session.exec(
        select(Decision.id).where(
            Decision.lead_id == lead.id, Decision.id > decision.id, Decision.undone_at.is_(None)
        )
    ).first()
    if later is not None:
        raise RuleViolation("error.undo.superseded", id=lead.id)
    if decision.opportunity_id is not None:
        from ltc_tui.services.opportunities import discard_fresh

        discard_fresh(session, opportunity_id=decision.opportunity_id)
    _restore(lead, decision.prior_state or "{}")
    decision.undone_at = clock.now()
    decision.undone_by_id = who
    session.flush()
    return decision


def decisions_for_lead(session: Session, lead_id: int) -> list[tuple[Decision, Meeting | None]]:
    return list(
        session.exec(
            select(Decision, Meeting)
            .join(Meeting, Meeting.id == Decision.meeting_id, isouter=True)
            .where(Decision.lead_id == lead_id)
            .order_by(Decision.decided_at, Decision.id)
        ).all()
    )


def list_meetings(session: Session, *, limit: int = 50) -> list[tuple[Meeting, int, int]]:
    """Meetings, newest first, with their agenda length and decision count."""
    items = (
        select(sa.func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == Meeting.id).scalar_subquery()
    )
    decided = (
        select(sa.func.count())
        .select_from(Decision)
        .where(Decision.meeting_id == Meeting.id, Decision.undone_at.is_(None))
        .scalar_subquery()
    )
    return list(session.exec(select(Meeting, items, decided).order_by(Meeting.id.desc()).limit(limit)).all())


# --- minutes ------------------------------------------------------------------


@dataclass
class MinutesItem:
    position: int
    lead_id: int
    title: str
    customer: str
    decision: Decision | None
    names: dict[int, str]


@dataclass
class Minutes:
    meeting: Meeting
    chair: str
    delegate: str | None
    attendees: list[str]
    items: list[MinutesItem]
    counts: dict[str, int]


def minutes(session: Session, meeting_id: int) -> Minutes:
    from ltc_tui.models.customers import Customer

    meeting = get_meeting(session, meeting_id)
    people = {p.id: p for p in session.exec(select(Person)).all()}

    def name(pid: int | None) -> str:
        person = people.get(pid) if pid is not None else None
        return f"{person.name} ({person.handle})" if person else "-"

    attendees = [
        name(a.person_id)
        for a in session.exec(
            select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id)
        ).all()
    ]
    entries = agenda(session, meeting_id)
    # Titles and customers only (an agenda can hold thousands of leads: no ORM
    # objects), and one table of names shared by every item.
    leads = {
        lead_id: (title, customer)
        for lead_id, title, customer in session.execute(
            sa.select(Lead.id, Lead.title, Customer.name)
            .join(Customer, Customer.id == Lead.customer_id)
            .where(Lead.id.in_([e.lead_id for e in entries] or [-1]))
        ).all()
    }
    names = {pid: name(pid) for pid in people}
    counts = {kind.value: 0 for kind in DecisionKind} | {"undecided": 0}
    items = []
    for entry in entries:
        title, customer = leads[entry.lead_id]
        counts[entry.decision.kind if entry.decision else "undecided"] += 1
        items.append(MinutesItem(entry.position, entry.lead_id, title, customer, entry.decision, names))
    return Minutes(
        meeting,
        name(meeting.chair_id),
        name(meeting.delegate_id) if meeting.delegate_id else None,
        sorted(attendees),
        items,
        counts,
    )
