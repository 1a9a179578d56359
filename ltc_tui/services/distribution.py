"""Distribution (分发): a verified lead reaches the right person.

A salesperson (AR or SR) claims an unowned verified lead from the pool (认领),
or the committee chair assigns (or reassigns) one. Either way the claim is
recorded. A claimed or assigned lead with nothing recorded on it (no step
evidence, visit, note or decision) for ``stale_days`` is stale: it joins the
next review queue as "unattended N days" (see ``committee.review_queue``);
any activity restarts the clock (``common.touch_lead``).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.db import record_event
from ltc_tui.enums import LeadStatus, Role
from ltc_tui.errors import RuleViolation
from ltc_tui.models.leads import Lead
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import actor_id, load_for_update, touch_lead

CLAIMABLE = (LeadStatus.VERIFIED.value,)


def claim(session: Session, *, lead_id: int, expected_version: int | None = None) -> Lead:
    """The acting salesperson takes an unowned verified lead."""
    from ltc_tui.services.people import require_role

    who = actor_id(session)
    require_role(session, who, Role.AR, Role.SR, action="claim leads")
    lead = load_for_update(session, Lead, lead_id, expected_version)
    if lead.status not in CLAIMABLE:
        key = "error.claim.not_verified" if lead.status == LeadStatus.SUBMITTED.value else "error.claim.status"
        raise RuleViolation(key, id=lead_id, status=lead.status)
    if lead.owner_id is not None:
        from ltc_tui.models.people import Person

        owner = session.get(Person, lead.owner_id)
        raise RuleViolation("error.claim.owned", id=lead_id, owner=owner.handle if owner else "?")
    lead.owner_id = who
    lead.assigned_at = clock.now()
    session.flush()
    record_event(session, entity="lead", record_id=lead_id, action="claim", field="owner_id", new=who)
    touch_lead(session, lead_id)
    return lead


def assign(session: Session, *, lead_id: int, owner: str | None, expected_version: int | None = None) -> Lead:
    """The committee chair assigns (or reassigns, or with ``owner=None`` releases)
    a lead's owner."""
    from ltc_tui.services.people import find_person, require_role

    require_role(session, actor_id(session), Role.CHAIR, action="assign leads")
    lead = load_for_update(session, Lead, lead_id, expected_version)
    if lead.status not in (LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value):
        raise RuleViolation("error.claim.status", id=lead_id, status=lead.status)
    person = find_person(session, owner)
    if person is None and lead.status == LeadStatus.NURTURING.value:
        raise RuleViolation("error.assign.nurture_needs_owner", id=lead_id)
    old = lead.owner_id
    lead.owner_id = person.id if person else None
    lead.assigned_at = clock.now() if person else None
    session.flush()
    record_event(session, entity="lead", record_id=lead_id, action="assign", field="owner_id", old=old, new=lead.owner_id)
    touch_lead(session, lead_id)
    return lead


def idle_days(session: Session, lead: Lead, *, today: dt.date | None = None) -> int:
    """Days since anything was recorded on the lead."""
    last = lead.last_activity_at
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    return ((today or clock.today()) - last.date()).days


def is_stale(session: Session, lead: Lead, *, today: dt.date | None = None) -> bool:
    """Claimed or assigned, still open, and unattended for the stale period."""
    if lead.owner_id is None or lead.status not in (LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value):
        return False
    return idle_days(session, lead, today=today) >= int(settings_service.get(session, "stale_days"))
