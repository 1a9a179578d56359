"""Builders for the core tests: a lead at each point of its life, in as few
lines as the test needs. Every step goes through the services, acting as the
person who would really do it (sam submits, li verifies, ana chairs)."""

from __future__ import annotations

from typing import Any

from ltc_tui.errors import LtcError
from ltc_tui.services import committee, customers, leads, nurturing, opportunities, verification

HOT = dict(
    need_real=True, fits_strategy=True, urgent=True, procurement_clear=False, funds_committed=True,
    relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
)


def add_lead(team: Any, *, who: str = "sam", title: str = "Fibre backbone", customer: str = "Acme Telecom", **kw: Any) -> int:
    with team.act(who) as s:
        return leads.add_lead(s, title=title, customer=customer, **kw).lead.id


def verify(team: Any, lead_id: int, *, who: str = "li", contact_ids: list[int] = (), **changes: Any) -> Any:
    with team.act(who) as s:
        return verification.verify_lead(
            s, lead_id=lead_id, answers=verification.make_answers(**(HOT | changes)), contact_ids=contact_ids
        )


def verified_lead(team: Any, **kw: Any) -> int:
    answers = {k: kw.pop(k) for k in list(kw) if k in HOT}
    lead_id = add_lead(team, **kw)
    verify(team, lead_id, **answers)
    return lead_id


def customer_id(team: Any, lead_id: int) -> int:
    with team.act("ana", write=False) as s:
        return leads.get_lead(s, lead_id).customer_id


def add_contact(team: Any, customer: int, name: str, *, role: str = "decision_maker", level: str = "executive",
                email: str | None = None) -> int:
    with team.act("li") as s:
        return customers.add_contact(s, customer_id=customer, name=name, decision_role=role, level=level, email=email).id


def nurture(team: Any, lead_id: int, *, who: str = "ana", review: str = "+14d", **kw: Any) -> Any:
    people = {"ar": "bo", "sr": "li", "fr": "fay"} | kw
    with team.act(who) as s:
        return committee.decide(s, lead_id=lead_id, kind="nurture", next_review=review, **people)


def nurtured_lead(team: Any, *, kdms: int = 3, **kw: Any) -> tuple[int, list[int]]:
    """A lead in nurturing whose customer has ``kdms`` decision makers (its first-pass KDMs)."""
    lead_id = add_lead(team, **kw)
    cust = customer_id(team, lead_id)
    contacts = [add_contact(team, cust, f"KDM {n}", email=f"kdm{n}.{cust}@example.com") for n in range(1, kdms + 1)]
    verify(team, lead_id)
    nurture(team, lead_id)
    return lead_id, contacts


def work_steps(team: Any, lead_id: int, kdm_ids: list[int], *, upto: int = 6, who: str = "li") -> None:
    """Give steps 1..upto their evidence (every KDM on side) and mark them done."""
    with team.act(who) as s:
        for number in range(1, upto + 1):
            if number == 1:
                nurturing.add_pain(s, lead_id=lead_id, role="COO", kpi="network uptime", pain="outages",
                                   cause="old core", impact="churn")
            elif number == 2:
                for k in kdm_ids:
                    nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, interested=True)
            elif number == 3:
                for k in kdm_ids:
                    nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, acknowledges_pain=True)
            elif number == 4:
                nurturing.add_competitor(s, lead_id=lead_id, name="Rival Co", strategy="win on delivery", locked=True)
            elif number == 5:
                nurturing.set_step_notes(s, lead_id=lead_id, step=5, notes="A converged core that pays for itself")
                for k in kdm_ids:
                    nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, shares_vision=True)
            elif number == 6:
                for k in kdm_ids:
                    nurturing.set_kdm(s, lead_id=lead_id, contact_id=k, vote="for")
            nurturing.mark_done(s, lead_id=lead_id, step=number)


def handed_over(team: Any, **kw: Any) -> tuple[int, int]:
    """(lead id, opportunity id): a lead nurtured through all six steps and handed over."""
    lead_id, kdm_ids = nurtured_lead(team, **kw)
    work_steps(team, lead_id, kdm_ids)
    with team.act("li") as s:
        opp = nurturing.handover(s, lead_id=lead_id, budget="2M", start="+3m")
    return lead_id, opp.id


def opportunity(team: Any, *, amount: str | None = "1.5M", **kw: Any) -> int:
    """An opportunity at 'verify' with the iron triangle ar=bo, sr=li, fr=fay."""
    with team.act("ana") as s:
        return opportunities.add_opportunity(
            s, title=kw.pop("title", "Core refresh"), customer=kw.pop("customer", "Acme Telecom"), amount=amount,
            ar="bo", sr="li", fr="fay", **kw,
        ).id


def to_negotiation(team: Any, opp_id: int) -> None:
    """Pass every gate and walk the opportunity to negotiation and signing."""
    with team.act("ana") as s:
        opportunities.record_gate(s, opportunity_id=opp_id, gate="initiation")
    with team.act("fay") as s:
        opportunities.record_gate(s, opportunity_id=opp_id, gate="bid", workload_days=40, price="1.4M")
    with team.act("bo") as s:
        opportunities.record_gate(s, opportunity_id=opp_id, gate="signing", notes="SOW v3 agreed")
        opportunities.move_stage(s, opportunity_id=opp_id, to="negotiation")


def count(db: Any, table: str) -> int:
    import sqlalchemy as sa

    with db.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def refused(call: Any, error: type[LtcError] = LtcError) -> LtcError:
    """Run ``call``; return the error it raised (it must raise ``error``)."""
    try:
        call()
    except error as caught:
        return caught
    raise AssertionError(f"expected {error.__name__}")


# --- the shell --------------------------------------------------------------------------------


def _no_crash(result: Any) -> None:
    text = result.output
    assert "Traceback" not in text, text
    assert "internal error" not in text, text


def ok(result: Any) -> str:
    """The command worked: exit 0, no traceback; returns what it printed on stdout."""
    _no_crash(result)
    assert result.exit_code == 0, (result.exit_code, result.output)
    return result.stdout


def failed(result: Any, code: int, *words: str) -> str:
    """The command was refused with ``code`` and one line on stderr holding ``words``."""
    _no_crash(result)
    assert result.exit_code == code, (result.exit_code, result.output)
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    for word in words:
        assert word in message, (word, message)
    assert result.stdout.strip() == "", result.stdout
    return message


def usage_error(result: Any, *words: str) -> str:
    """A usage error caught by the argument parser itself (exit 2, its own short text)."""
    _no_crash(result)
    assert result.exit_code == 2, (result.exit_code, result.output)
    for word in words:
        assert word in result.output, (word, result.output)
    return result.output
