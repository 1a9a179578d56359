"""Everything about one lead, gathered for ``ltc lead show`` and the lead file screen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from ltc_tui.models.committee import Decision, Meeting
from ltc_tui.models.customers import Contact, Customer
from ltc_tui.models.leads import Lead, LeadNote
from ltc_tui.models.opportunities import Opportunity
from ltc_tui.models.people import Person
from ltc_tui.models.verification import Verification
from ltc_tui.services.audit import AuditRow, lead_history
from ltc_tui.services.committee import decisions_for_lead
from ltc_tui.services.leads import Duplicate, find_duplicates, get_lead, tier_for
from ltc_tui.services.nurturing import Progress, progress
from ltc_tui.services.rules import Assessment, TierResult
from ltc_tui.services.verification import consulted, latest_verification, reassess
from ltc_tui.services.visits import VisitRow, list_visits


@dataclass
class LeadFile:
    lead: Lead
    customer: Customer
    contact: Contact | None
    people: dict[int, Person]
    tier: TierResult
    verification: Verification | None
    verifier: Person | None
    consulted: list[Contact]
    assessment: Assessment | None
    decisions: list[tuple[Decision, Meeting | None]]
    nurturing: Progress | None
    visits: list[VisitRow]
    notes: list[LeadNote]
    history: list[AuditRow]
    opportunity: Opportunity | None
    duplicates: list[Duplicate]

    def name(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        return person.handle if person is not None else ""


def lead_file(session: Session, lead_id: int) -> LeadFile:
    lead = get_lead(session, lead_id)
    customer = session.get(Customer, lead.customer_id)
    assert customer is not None
    contact = session.get(Contact, lead.contact_id) if lead.contact_id else None
    people = {p.id or 0: p for p in session.exec(select(Person)).all()}
    verification = latest_verification(session, lead_id)
    has_pass = lead.status in ("nurturing", "converted") or lead.nurture_pass > 1
    nurture = progress(session, lead_id) if has_pass else None
    if nurture is not None and not nurture.passes:
        nurture = None
    notes = list(session.exec(select(LeadNote).where(LeadNote.lead_id == lead_id).order_by(LeadNote.at.desc())).all())
    return LeadFile(
        lead=lead,
        customer=customer,
        contact=contact,
        people=people,
        tier=tier_for(session, lead, customer),
        verification=verification,
        verifier=people.get(verification.verifier_id) if verification else None,
        consulted=consulted(session, verification.id or 0) if verification else [],
        assessment=reassess(verification, lead.effective_tier) if verification else None,
        decisions=decisions_for_lead(session, lead_id),
        nurturing=nurture,
        visits=list_visits(session, lead_id=lead_id, limit=50),
        notes=notes,
        history=lead_history(session, lead_id, limit=100),
        opportunity=session.exec(select(Opportunity).where(Opportunity.lead_id == lead_id)).first(),
        duplicates=find_duplicates(session, customer_id=lead.customer_id, title=lead.title, exclude_id=lead_id),
    )
