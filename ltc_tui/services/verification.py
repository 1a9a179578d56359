"""Cross verification (错位验证法): someone other than the submitter answers
the three questions; the answers set class, temperature and priority."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import Competition, LeadStatus, Risk, parse
from ltc_tui.errors import PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models.customers import Contact
from ltc_tui.models.leads import Lead
from ltc_tui.models.verification import Verification, VerificationContact
from ltc_tui.services.common import actor_id, load_for_update, touch_lead
from ltc_tui.services.rules import Answers, Assessment, assess
from ltc_tui.values import clean_text


def make_answers(
    *,
    need_real: bool,
    fits_strategy: bool,
    urgent: bool,
    procurement_clear: bool,
    funds_committed: bool,
    relationship: int,
    solution_fit: int,
    solution_maturity: int,
    team_available: bool,
    competition: str | Competition,
    risk: str | Risk,
) -> Answers:
    for name, value in (
        ("relationship", relationship),
        ("solution fit", solution_fit),
        ("solution maturity", solution_maturity),
    ):
        if not isinstance(value, int) or not 0 <= value <= 3:
            raise ValidationError("error.int_range", field=name, value=value, low=0, high=3)
    return Answers(
        need_real=bool(need_real),
        fits_strategy=bool(fits_strategy),
        urgent=bool(urgent),
        procurement_clear=bool(procurement_clear),
        funds_committed=bool(funds_committed),
        relationship=relationship,
        solution_fit=solution_fit,
        solution_maturity=solution_maturity,
        team_available=bool(team_available),
        competition=Competition(parse(Competition, str(competition), field="competition")),
        risk=Risk(parse(Risk, str(risk), field="risk")),
    )


def check_verifier(lead: Lead, verifier_id: int) -> None:
    """The verifier is never the submitter (the database refuses it too)."""
    if lead.submitter_id == verifier_id:
        raise PermissionDenied("error.verify.own_lead", id=lead.id)


def check_can_verify(lead: Lead, verifier_id: int) -> None:
    """Everything that refuses a verification before any answer is given:
    the verifier is the submitter, or the lead is no longer open."""
    check_verifier(lead, verifier_id)
    if lead.status not in (LeadStatus.SUBMITTED.value, LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value):
        raise RuleViolation("error.verify.status", id=lead.id, status=lead.status)


def preview(session: Session, *, lead_id: int, answers: Answers) -> Assessment:
    """What the answers would make of the lead, before saving (the form shows it)."""
    lead = session.get(Lead, lead_id)
    if lead is None:
        from ltc_tui.errors import NotFound

        raise NotFound("error.lead.not_found", id=lead_id)
    return assess(answers, lead.effective_tier)


@dataclass
class VerifyResult:
    verification: Verification
    assessment: Assessment
    warnings: list[str]


def verify_lead(
    session: Session,
    *,
    lead_id: int,
    answers: Answers,
    contact_ids: Iterable[int] = (),
    q1_notes: str | None = None,
    q2_notes: str | None = None,
    q3_notes: str | None = None,
    expected_version: int | None = None,
) -> VerifyResult:
    """Record a verification. A submitted lead becomes verified; a verified lead
    may be verified again (its class, temperature and priority follow)."""
    verifier = actor_id(session)
    lead = load_for_update(session, Lead, lead_id, expected_version)
    check_can_verify(lead, verifier)
    contacts = []
    for contact_id in dict.fromkeys(contact_ids):
        contact = session.get(Contact, contact_id)
        if contact is None or contact.customer_id != lead.customer_id:
            raise ValidationError("error.verify.contact", field="contacts", id=contact_id)
        contacts.append(contact)
    warnings = []
    if not contacts:
        warnings.append("warn.verify.no_contacts")
    elif len({c.level for c in contacts}) < 2:
        warnings.append("warn.verify.one_level")
    result = assess(answers, lead.effective_tier)
    verification = Verification(
        lead_id=lead_id,
        verifier_id=verifier,
        submitter_id=lead.submitter_id,
        verified_at=clock.now(),
        need_real=answers.need_real,
        fits_strategy=answers.fits_strategy,
        q1_notes=clean_text(q1_notes, field="notes"),
        urgent=answers.urgent,
        procurement_clear=answers.procurement_clear,
        funds_committed=answers.funds_committed,
        q2_notes=clean_text(q2_notes, field="notes"),
        relationship=answers.relationship,
        solution_fit=answers.solution_fit,
        solution_maturity=answers.solution_maturity,
        team_available=answers.team_available,
        competition=answers.competition.value,
        risk=answers.risk.value,
        q3_notes=clean_text(q3_notes, field="notes"),
        lead_class=result.lead_class.value,
        temperature=result.temperature.value,
        priority=result.priority,
    )
    session.add(verification)
    session.flush()
    for contact in contacts:
        session.add(VerificationContact(verification_id=verification.id or 0, contact_id=contact.id or 0))
    lead.lead_class = result.lead_class.value
    lead.temperature = result.temperature.value
    lead.priority = result.priority
    if lead.status == LeadStatus.SUBMITTED.value:
        lead.status = LeadStatus.VERIFIED.value
    touch_lead(session, lead_id)
    session.flush()
    return VerifyResult(verification, result, warnings)


def latest_verification(session: Session, lead_id: int) -> Verification | None:
    return session.exec(
        select(Verification).where(Verification.lead_id == lead_id).order_by(Verification.id.desc())
    ).first()


def consulted(session: Session, verification_id: int) -> list[Contact]:
    return list(
        session.exec(
            select(Contact)
            .join(VerificationContact, VerificationContact.contact_id == Contact.id)
            .where(VerificationContact.verification_id == verification_id)
            .order_by(Contact.name)
        ).all()
    )


def answers_of(verification: Verification) -> Answers:
    return Answers(
        need_real=verification.need_real,
        fits_strategy=verification.fits_strategy,
        urgent=verification.urgent,
        procurement_clear=verification.procurement_clear,
        funds_committed=verification.funds_committed,
        relationship=verification.relationship,
        solution_fit=verification.solution_fit,
        solution_maturity=verification.solution_maturity,
        team_available=verification.team_available,
        competition=Competition(verification.competition),
        risk=Risk(verification.risk),
    )


def reassess(verification: Verification, tier: str) -> Assessment:
    return assess(answers_of(verification), tier)


