"""Nurturing: the six steps (华为销售的六步), worked by the SR, with evidence.

A step is done only when its own evidence is there, and only after the
steps before it:
  1 pain chain           at least one row in the pain table;
  2 KDM interest         enough KDMs interested (more than kdm_threshold_pct);
  3 pain acknowledged    enough KDMs acknowledge the pain;
  4 competition          at least one competitor, each locked with a strategy;
  5 vision               the vision written in the step's notes, and enough
                         KDMs sharing it;
  6 solution acceptance  enough KDM votes for our solution (vote_threshold_pct).
"Back to step 1" (a risk found) ends the pass with a reason; the next pass
starts with copies of the pain table, competitors and KDMs (their stances
cleared) while the earlier pass stays readable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import CompetitorStanding, DecisionRole, LeadStatus, Step, StepState, Vote, parse
from ltc_tui.errors import NotFound, RuleViolation, ValidationError
from ltc_tui.models.customers import Contact
from ltc_tui.models.leads import Lead
from ltc_tui.models.nurturing import Competitor, KdmStance, NurturePass, PainRow, StepRecord
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import actor_id, apply_changes, load_for_update, touch_lead
from ltc_tui.services.rules import kdm_needed
from ltc_tui.values import clean_line, clean_text, parse_bool, parse_date, parse_money


def _lead_in_nurture(session: Session, lead_id: int, *, lock: bool = False) -> Lead:
    lead = load_for_update(session, Lead, lead_id, None) if lock else session.get(Lead, lead_id)
    if lead is None:
        raise NotFound("error.lead.not_found", id=lead_id)
    if lead.status != LeadStatus.NURTURING.value:
        raise RuleViolation("error.nurture.not_nurturing", id=lead_id, status=lead.status)
    return lead


def ensure_pass(session: Session, lead: Lead) -> None:
    """Make sure the lead's current pass has its record and six step rows.

    A first pass starts with the customer's decision makers as KDMs."""
    pass_no = lead.nurture_pass
    existing = session.exec(
        select(NurturePass).where(NurturePass.lead_id == lead.id, NurturePass.pass_no == pass_no)
    ).first()
    if existing is None:
        session.add(NurturePass(lead_id=lead.id or 0, pass_no=pass_no, started_by_id=session.info.get("actor_id")))
    have = set(
        session.exec(
            select(StepRecord.step).where(StepRecord.lead_id == lead.id, StepRecord.pass_no == pass_no)
        ).all()
    )
    for step in Step:
        if step.value not in have:
            session.add(
                StepRecord(
                    lead_id=lead.id or 0,
                    pass_no=pass_no,
                    step=step.value,
                    started_on=clock.today() if step is Step.PAIN_CHAIN else None,
                )
            )
    if pass_no == 1 and existing is None:
        stances = set(
            session.exec(
                select(KdmStance.contact_id).where(KdmStance.lead_id == lead.id, KdmStance.pass_no == 1)
            ).all()
        )
        for contact in session.exec(
            select(Contact).where(
                Contact.customer_id == lead.customer_id,
                Contact.decision_role == DecisionRole.DECISION_MAKER.value,
            )
        ).all():
            if contact.id not in stances:
                session.add(KdmStance(lead_id=lead.id or 0, pass_no=1, contact_id=contact.id or 0))
    session.flush()


# --- reading -------------------------------------------------------------------


@dataclass
class Meter:
    """"3 of 5 KDMs, 3 needed"."""

    have: int
    total: int
    needed: int
    threshold_pct: int

    @property
    def met(self) -> bool:
        return self.total > 0 and self.have >= self.needed


@dataclass
class StepStatus:
    step: Step
    record: StepRecord
    done: bool
    current: bool
    evidence_ok: bool
    evidence_key: str  # why (not) ready, for people
    evidence_params: dict[str, Any]
    meter: Meter | None = None


@dataclass
class KdmView:
    stance: KdmStance
    contact: Contact


@dataclass
class PassInfo:
    record: NurturePass


@dataclass
class Progress:
    lead: Lead
    pass_no: int
    current_pass: int
    steps: list[StepStatus]
    pains: list[PainRow]
    kdms: list[KdmView]
    competitors: list[Competitor]
    passes: list[NurturePass] = field(default_factory=list)

    @property
    def current_step(self) -> Step | None:
        for status in self.steps:
            if not status.done:
                return status.step
        return None

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def all_done(self) -> bool:
        return all(s.done for s in self.steps) and len(self.steps) == 6


def _thresholds(session: Session) -> tuple[int, int]:
    values = settings_service.all_settings(session)
    return int(values["kdm_threshold_pct"]), int(values["vote_threshold_pct"])


def _evidence(
    step: Step,
    record: StepRecord,
    pains: list[PainRow],
    kdms: list[KdmView],
    competitors: list[Competitor],
    kdm_pct: int,
    vote_pct: int,
) -> tuple[bool, str, dict[str, Any], Meter | None]:
    total = len(kdms)

    def meter(count: int, pct: int) -> Meter:
        return Meter(count, total, kdm_needed(total, pct), pct)

    if step is Step.PAIN_CHAIN:
        ok = len(pains) > 0
        return ok, "evidence.pain_chain" if ok else "evidence.pain_chain.missing", {"rows": len(pains)}, None
    if step in (Step.KDM_INTEREST, Step.PAIN_ACKNOWLEDGED, Step.VISION):
        attr = {
            Step.KDM_INTEREST: "interested",
            Step.PAIN_ACKNOWLEDGED: "acknowledges_pain",
            Step.VISION: "shares_vision",
        }[step]
        m = meter(sum(1 for k in kdms if getattr(k.stance, attr)), kdm_pct)
        params = {"have": m.have, "total": m.total, "needed": m.needed}
        if total == 0:
            return False, "evidence.no_kdms", params, m
        if step is Step.VISION and not (record.notes or "").strip():
            return False, "evidence.vision.no_statement", params, m
        key = f"evidence.{step.value}"
        return m.met, key if m.met else key + ".missing", params, m
    if step is Step.COMPETITION:
        if not competitors:
            return False, "evidence.competition.none", {}, None
        loose = [c.name for c in competitors if not c.locked or not (c.strategy or "").strip()]
        if loose:
            return False, "evidence.competition.loose", {"names": ", ".join(loose)}, None
        return True, "evidence.competition", {"count": len(competitors)}, None
    m = meter(sum(1 for k in kdms if k.stance.vote == Vote.FOR.value), vote_pct)
    params = {
        "have": m.have,
        "total": m.total,
        "needed": m.needed,
        "against": sum(1 for k in kdms if k.stance.vote == Vote.AGAINST.value),
    }
    if total == 0:
        return False, "evidence.no_kdms", params, m
    return m.met, "evidence.solution_acceptance" if m.met else "evidence.solution_acceptance.missing", params, m


def progress(session: Session, lead_id: int, *, pass_no: int | None = None) -> Progress:
    """The checklist of one pass (the current one by default), with its evidence."""
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFound("error.lead.not_found", id=lead_id)
    number = pass_no or lead.nurture_pass
    records = {
        r.step: r
        for r in session.exec(
            select(StepRecord).where(StepRecord.lead_id == lead_id, StepRecord.pass_no == number)
        ).all()
    }
    pains = list(
        session.exec(
            select(PainRow).where(PainRow.lead_id == lead_id, PainRow.pass_no == number).order_by(PainRow.id)
        ).all()
    )
    kdms = [
        KdmView(stance, contact)
        for stance, contact in session.exec(
            select(KdmStance, Contact)
            .join(Contact, Contact.id == KdmStance.contact_id)
            .where(KdmStance.lead_id == lead_id, KdmStance.pass_no == number)
            .order_by(Contact.name)
        ).all()
    ]
    competitors = list(
        session.exec(
            select(Competitor)
            .where(Competitor.lead_id == lead_id, Competitor.pass_no == number)
            .order_by(Competitor.id)
        ).all()
    )
    passes = list(
        session.exec(select(NurturePass).where(NurturePass.lead_id == lead_id).order_by(NurturePass.pass_no)).all()
    )
    kdm_pct, vote_pct = _thresholds(session)
    steps: list[StepStatus] = []
    current_found = False
    for step in Step:
        record = records.get(step.value) or StepRecord(lead_id=lead_id, pass_no=number, step=step.value)
        done = record.state == StepState.DONE.value
        ok, key, params, meter = _evidence(step, record, pains, kdms, competitors, kdm_pct, vote_pct)
        current = not done and not current_found
        current_found = current_found or current
        steps.append(StepStatus(step, record, done, current, ok, key, params, meter))
    return Progress(lead, number, lead.nurture_pass, steps, pains, kdms, competitors, passes)


def pain_chain(pains: list[PainRow]) -> list[tuple[PainRow, list[Any]]]:
    """The pain table as trees: each root (a pain that causes no further pain)
    with the pains that cause it beneath, recursively."""
    by_id = {p.id: p for p in pains}
    children: dict[int | None, list[PainRow]] = {}
    for pain in pains:
        parent = pain.leads_to_id if pain.leads_to_id in by_id else None
        children.setdefault(parent, []).append(pain)

    def build(pain: PainRow, seen: frozenset[int]) -> tuple[PainRow, list[Any]]:
        kids = [k for k in children.get(pain.id, []) if k.id not in seen]
        return pain, [build(k, seen | {k.id or 0}) for k in kids]

    return [build(root, frozenset({root.id or 0})) for root in children.get(None, [])]


# --- step 1: the pain table -------------------------------------------------------


def _check_link(session: Session, lead: Lead, row_id: int | None, leads_to: int | None) -> int | None:
    if leads_to is None:
        return None
    target = session.get(PainRow, leads_to)
    if target is None or target.lead_id != lead.id or target.pass_no != lead.nurture_pass:
        raise ValidationError("error.pain.link", field="leads to", id=leads_to)
    # Walk down the chain from the target: it must not come back to this row.
    seen = set()
    cursor: PainRow | None = target
    while cursor is not None and cursor.id not in seen:
        if row_id is not None and cursor.id == row_id:
            raise ValidationError("error.pain.cycle", field="leads to", id=leads_to)
        seen.add(cursor.id)
        cursor = session.get(PainRow, cursor.leads_to_id) if cursor.leads_to_id else None
    return leads_to


def add_pain(
    session: Session,
    *,
    lead_id: int,
    role: str,
    pain: str,
    kpi: str | None = None,
    cause: str | None = None,
    impact: str | None = None,
    contact_id: int | None = None,
    leads_to: int | None = None,
) -> PainRow:
    lead = _lead_in_nurture(session, lead_id)
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.customer_id != lead.customer_id:
            raise ValidationError("error.nurture.contact", field="contact", id=contact_id)
    row = PainRow(
        lead_id=lead_id,
        pass_no=lead.nurture_pass,
        role=clean_line(role, field="role", required=True, max_len=120) or "",
        contact_id=contact_id,
        kpi=clean_line(kpi, field="KPI"),
        pain=clean_text(pain, field="pain", required=True) or "",
        cause=clean_text(cause, field="cause"),
        impact=clean_text(impact, field="impact"),
        leads_to_id=_check_link(session, lead, None, leads_to),
    )
    session.add(row)
    touch_lead(session, lead_id)
    session.flush()
    return row


def _pain_row(session: Session, row_id: int) -> tuple[PainRow, Lead]:
    row = session.get(PainRow, row_id)
    if row is None:
        raise NotFound("error.pain.not_found", id=row_id)
    lead = _lead_in_nurture(session, row.lead_id)
    if row.pass_no != lead.nurture_pass:
        raise RuleViolation("error.nurture.old_pass", pass_no=row.pass_no)
    return row, lead


def update_pain(session: Session, *, row_id: int, expected_version: int | None = None, **changes: Any) -> PainRow:
    row, lead = _pain_row(session, row_id)
    row = load_for_update(session, PainRow, row_id, expected_version)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "role":
            clean[key] = clean_line(value, field="role", required=True, max_len=120)
        elif key == "pain":
            clean[key] = clean_text(value, field="pain", required=True)
        elif key == "kpi":
            clean[key] = clean_line(value, field="KPI")
        elif key in ("cause", "impact"):
            clean[key] = clean_text(value, field=key)
        elif key == "leads_to":
            clean["leads_to_id"] = _check_link(session, lead, row.id, value)
        elif key == "contact_id":
            clean[key] = value
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(row, clean)
    touch_lead(session, lead.id)
    session.flush()
    return row


def remove_pain(session: Session, *, row_id: int) -> None:
    row, lead = _pain_row(session, row_id)
    for other in session.exec(select(PainRow).where(PainRow.leads_to_id == row_id)).all():
        other.leads_to_id = row.leads_to_id
    session.delete(row)
    touch_lead(session, lead.id)
    session.flush()


# --- KDMs (steps 2, 3, 5, 6) ----------------------------------------------------------


def add_kdm(session: Session, *, lead_id: int, contact_id: int) -> KdmStance:
    lead = _lead_in_nurture(session, lead_id)
    contact = session.get(Contact, contact_id)
    if contact is None or contact.customer_id != lead.customer_id:
        raise ValidationError("error.nurture.contact", field="contact", id=contact_id)
    existing = session.exec(
        select(KdmStance).where(
            KdmStance.lead_id == lead_id, KdmStance.pass_no == lead.nurture_pass, KdmStance.contact_id == contact_id
        )
    ).first()
    if existing is not None:
        raise ValidationError("error.kdm.exists", field="contact", name=contact.name)
    stance = KdmStance(lead_id=lead_id, pass_no=lead.nurture_pass, contact_id=contact_id)
    session.add(stance)
    touch_lead(session, lead_id)
    session.flush()
    return stance


def _stance(session: Session, lead: Lead, contact_id: int) -> KdmStance:
    stance = session.exec(
        select(KdmStance).where(
            KdmStance.lead_id == lead.id, KdmStance.pass_no == lead.nurture_pass, KdmStance.contact_id == contact_id
        )
    ).first()
    if stance is None:
        raise NotFound("error.kdm.not_found", id=contact_id, lead=lead.id)
    return stance


def set_kdm(
    session: Session,
    *,
    lead_id: int,
    contact_id: int,
    expected_version: int | None = None,
    interested: bool | str | None = None,
    acknowledges_pain: bool | str | None = None,
    shares_vision: bool | str | None = None,
    vote: str | Vote | None = None,
    notes: str | None = None,
) -> KdmStance:
    lead = _lead_in_nurture(session, lead_id)
    stance = _stance(session, lead, contact_id)
    stance = load_for_update(session, KdmStance, stance.id or 0, expected_version)
    clean: dict[str, Any] = {}
    for name, value in (
        ("interested", interested),
        ("acknowledges_pain", acknowledges_pain),
        ("shares_vision", shares_vision),
    ):
        if value is not None:
            clean[name] = bool(parse_bool(value, field=name.replace("_", " ")))
    if vote is not None:
        clean["vote"] = parse(Vote, str(vote), field="vote").value
    if notes is not None:
        clean["notes"] = clean_text(notes, field="notes")
    apply_changes(stance, clean)
    touch_lead(session, lead_id)
    session.flush()
    return stance


def remove_kdm(session: Session, *, lead_id: int, contact_id: int) -> None:
    lead = _lead_in_nurture(session, lead_id)
    session.delete(_stance(session, lead, contact_id))
    touch_lead(session, lead_id)
    session.flush()


# --- step 4: competitors ------------------------------------------------------------


def add_competitor(
    session: Session,
    *,
    lead_id: int,
    name: str,
    strengths: str | None = None,
    weaknesses: str | None = None,
    standing: str | CompetitorStanding = CompetitorStanding.MEDIUM,
    strategy: str | None = None,
    locked: bool = False,
) -> Competitor:
    lead = _lead_in_nurture(session, lead_id)
    competitor = Competitor(
        lead_id=lead_id,
        pass_no=lead.nurture_pass,
        name=clean_line(name, field="name", required=True, max_len=120) or "",
        strengths=clean_text(strengths, field="strengths"),
        weaknesses=clean_text(weaknesses, field="weaknesses"),
        standing=parse(CompetitorStanding, str(standing), field="standing").value,
        strategy=clean_text(strategy, field="strategy"),
        locked=bool(locked),
    )
    session.add(competitor)
    touch_lead(session, lead_id)
    session.flush()
    return competitor


def update_competitor(
    session: Session, *, competitor_id: int, expected_version: int | None = None, **changes: Any
) -> Competitor:
    competitor = load_for_update(session, Competitor, competitor_id, expected_version)
    if competitor.lead_id is not None and competitor.opportunity_id is None:
        lead = _lead_in_nurture(session, competitor.lead_id)
        if competitor.pass_no != lead.nurture_pass:
            raise RuleViolation("error.nurture.old_pass", pass_no=competitor.pass_no)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = clean_line(value, field="name", required=True, max_len=120)
        elif key in ("strengths", "weaknesses", "strategy"):
            clean[key] = clean_text(value, field=key)
        elif key == "standing":
            clean[key] = parse(CompetitorStanding, str(value), field="standing").value
        elif key == "locked":
            clean[key] = bool(parse_bool(value, field="locked"))
        else:
            raise ValidationError("error.unknown_field", field=key)
    apply_changes(competitor, clean)
    touch_lead(session, competitor.lead_id)
    session.flush()
    return competitor


def remove_competitor(session: Session, *, competitor_id: int) -> None:
    competitor = session.get(Competitor, competitor_id)
    if competitor is None:
        raise NotFound("error.record.not_found", entity="competitor", id=competitor_id)
    if competitor.lead_id is not None and competitor.opportunity_id is None:
        lead = _lead_in_nurture(session, competitor.lead_id)
        if competitor.pass_no != lead.nurture_pass:
            raise RuleViolation("error.nurture.old_pass", pass_no=competitor.pass_no)
    session.delete(competitor)
    touch_lead(session, competitor.lead_id)
    session.flush()


# --- steps -----------------------------------------------------------------------------


def _record(session: Session, lead: Lead, step: Step) -> StepRecord:
    ensure_pass(session, lead)
    record = session.exec(
        select(StepRecord).where(
            StepRecord.lead_id == lead.id, StepRecord.pass_no == lead.nurture_pass, StepRecord.step == step.value
        )
    ).one()
    return record


def parse_step(value: str | int | Step) -> Step:
    if isinstance(value, Step):
        return value
    text = str(value).strip()
    if text.isdigit() and 1 <= int(text) <= 6:
        return Step.from_number(int(text))
    return Step(parse(Step, text, field="step"))


def set_step_notes(session: Session, *, lead_id: int, step: str | int | Step, notes: str | None) -> StepRecord:
    lead = _lead_in_nurture(session, lead_id)
    record = _record(session, lead, parse_step(step))
    record.notes = clean_text(notes, field="notes")
    if record.started_on is None:
        record.started_on = clock.today()
    touch_lead(session, lead_id)
    session.flush()
    return record


def mark_done(session: Session, *, lead_id: int, step: str | int | Step) -> StepRecord:
    """Mark a step done: refused, with the reason, until its evidence is there
    and the steps before it are done."""
    which = parse_step(step)
    lead = _lead_in_nurture(session, lead_id, lock=True)
    ensure_pass(session, lead)
    state = progress(session, lead_id)
    for status in state.steps:
        if status.step is which:
            break
        if not status.done:
            raise RuleViolation(
                "error.step.order", step=which.number, before=status.step.number, name=status.step.value
            )
    status = next(s for s in state.steps if s.step is which)
    if status.done:
        raise RuleViolation("error.step.already_done", step=which.number)
    if not status.evidence_ok:
        from ltc_tui.i18n import t

        raise RuleViolation("error.step.no_evidence", step=which.number, why=t(status.evidence_key, **status.evidence_params))
    record = _record(session, lead, which)
    record.state = StepState.DONE.value
    record.done_on = clock.today()
    record.done_by_id = actor_id(session)
    if record.started_on is None:
        record.started_on = record.done_on
    following = [s for s in Step if s.number == which.number + 1]
    if following:
        nxt = _record(session, lead, following[0])
        if nxt.started_on is None:
            nxt.started_on = clock.today()
    touch_lead(session, lead_id)
    session.flush()
    return record


def reopen(session: Session, *, lead_id: int, step: str | int | Step) -> StepRecord:
    """Take back "done" on a step (and on every step after it)."""
    which = parse_step(step)
    lead = _lead_in_nurture(session, lead_id, lock=True)
    for s in Step:
        if s.number >= which.number:
            record = _record(session, lead, s)
            if record.state == StepState.DONE.value:
                record.state = StepState.OPEN.value
                record.done_on = None
                record.done_by_id = None
    touch_lead(session, lead_id)
    session.flush()
    return _record(session, lead, which)


def back_to_step_one(session: Session, *, lead_id: int, reason: str) -> int:
    """A risk was found: end this pass (with the reason) and start the next at step 1."""
    why = clean_text(reason, field="reason")
    if not why:
        raise ValidationError("error.nurture.back_reason", field="reason")
    lead = _lead_in_nurture(session, lead_id, lock=True)
    ensure_pass(session, lead)
    old = lead.nurture_pass
    current = session.exec(
        select(NurturePass).where(NurturePass.lead_id == lead_id, NurturePass.pass_no == old)
    ).one()
    current.ended_at = clock.now()
    current.ended_by_id = actor_id(session)
    current.end_reason = why
    lead.nurture_pass = old + 1
    session.flush()
    ensure_pass(session, lead)
    id_map: dict[int, int] = {}
    old_pains = session.exec(
        select(PainRow).where(PainRow.lead_id == lead_id, PainRow.pass_no == old).order_by(PainRow.id)
    ).all()
    for pain in old_pains:
        copy = PainRow(
            lead_id=lead_id, pass_no=old + 1, role=pain.role, contact_id=pain.contact_id, kpi=pain.kpi,
            pain=pain.pain, cause=pain.cause, impact=pain.impact,
        )
        session.add(copy)
        session.flush()
        id_map[pain.id or 0] = copy.id or 0
    for pain in old_pains:
        if pain.leads_to_id in id_map:
            session.get(PainRow, id_map[pain.id or 0]).leads_to_id = id_map[pain.leads_to_id]  # type: ignore[union-attr]
    for stance in session.exec(select(KdmStance).where(KdmStance.lead_id == lead_id, KdmStance.pass_no == old)).all():
        session.add(KdmStance(lead_id=lead_id, pass_no=old + 1, contact_id=stance.contact_id, notes=stance.notes))
    for comp in session.exec(
        select(Competitor).where(Competitor.lead_id == lead_id, Competitor.pass_no == old)
    ).all():
        session.add(
            Competitor(
                lead_id=lead_id, pass_no=old + 1, name=comp.name, strengths=comp.strengths,
                weaknesses=comp.weaknesses, standing=comp.standing, strategy=comp.strategy, locked=comp.locked,
            )
        )
    touch_lead(session, lead_id)
    session.flush()
    return lead.nurture_pass


def handover(
    session: Session,
    *,
    lead_id: int,
    budget: str | int | None,
    start: str | dt.date | None,
    amount: str | int | None = None,
) -> Any:
    """All six steps done and budget and start explicit: the lead becomes an
    opportunity, carrying customer, triangle, decision makers and competitors."""
    from ltc_tui.services.opportunities import open_from_lead

    lead = _lead_in_nurture(session, lead_id, lock=True)
    budget_cents = parse_money(budget, field="budget")
    start_on = parse_date(start, field="start")
    missing = [n for n, v in (("budget", budget_cents), ("start date", start_on)) if v is None]
    if missing:
        raise ValidationError("error.handover.needs", field=missing[0], missing=" and ".join(missing))
    state = progress(session, lead_id)
    open_steps = [str(s.step.number) for s in state.steps if not s.done]
    if open_steps:
        raise RuleViolation("error.handover.steps", steps=", ".join(open_steps))
    lead.budget_cents = budget_cents
    lead.budget_start = start_on
    lead.status = LeadStatus.CONVERTED.value
    current = session.exec(
        select(NurturePass).where(NurturePass.lead_id == lead_id, NurturePass.pass_no == lead.nurture_pass)
    ).first()
    if current is not None and current.ended_at is None:
        current.ended_at = clock.now()
        current.ended_by_id = actor_id(session)
        current.end_reason = "handover"
    session.flush()
    opportunity = open_from_lead(session, lead=lead, amount_cents=parse_money(amount, field="amount"))
    touch_lead(session, lead_id)
    return opportunity


def nurture_summary(session: Session, lead_ids: list[int]) -> dict[int, tuple[int, int]]:
    """lead id -> (pass number, steps done in it), for lists."""
    if not lead_ids:
        return {}
    rows = session.exec(
        select(StepRecord.lead_id, StepRecord.pass_no, sa.func.count())
        .join(Lead, sa.and_(Lead.id == StepRecord.lead_id, Lead.nurture_pass == StepRecord.pass_no))
        .where(StepRecord.lead_id.in_(lead_ids), StepRecord.state == StepState.DONE.value)
        .group_by(StepRecord.lead_id, StepRecord.pass_no)
    ).all()
    return {lead_id: (pass_no, count) for lead_id, pass_no, count in rows}


