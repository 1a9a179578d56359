"""Fixtures for driving the real app with Pilot: a frozen date, a seeded team
database, the app. (``tests/tui`` is a package, so this module is
``tui.conftest`` and does not shadow the top-level ``conftest``.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

TODAY = dt.date(2026, 5, 4)  # a Monday


@pytest.fixture(autouse=True)
def frozen_today() -> None:
    from ltc_tui import clock

    clock.freeze(TODAY)  # the conftest's isolate fixture lets it run again afterwards


@dataclass
class Seed:
    """Lead ids by name, and contact ids of Acme Telecom by level."""

    leads: dict[str, int]
    contacts: dict[str, int]


def seed_leads(team: Any) -> Seed:
    """Acme Telecom (key, three contacts at three levels) and Delta Grid
    (normal, no contacts); five leads:
      submitted_by_sam   submitted (ana may verify it)
      submitted_by_ana   submitted (ana may not: she submitted it)
      verified_warm      verified, priority lower
      verified_hot       verified, priority higher (first on the agenda)
      nurtured_due       nurturing, review due today (on the agenda)
    """
    from ltc_tui.services import committee, customers, leads, verification

    with team.act("ana") as s:
        acme = customers.add_customer(s, name="Acme Telecom", standing="key")
        contacts = {
            level: customers.add_contact(s, customer_id=acme.id, name=name, level=level, decision_role=role).id
            for name, level, role in (
                ("Maria Costa", "executive", "decision_maker"),
                ("Tom Reed", "manager", "evaluator"),
                ("Liu Yang", "staff", "user"),
            )
        }
        customers.add_customer(s, name="Delta Grid", standing="normal")
    ids: dict[str, int] = {}
    for name, who, title, customer, amount in (
        ("submitted_by_sam", "sam", "Core network upgrade", "Acme Telecom", "2M"),
        ("submitted_by_ana", "ana", "Fibre backbone", "Acme Telecom", "800k"),
        ("verified_warm", "sam", "Billing migration", "Delta Grid", "300k"),
        ("verified_hot", "bo", "Data centre power", "Acme Telecom", "1.5M"),
        ("nurtured_due", "sam", "Smart meters", "Delta Grid", "2.4M"),
    ):
        with team.act(who) as s:
            ids[name] = leads.add_lead(s, title=title, customer=customer, amount=amount, source="sales_visit").lead.id

    def answers(hot: bool) -> Any:
        return verification.make_answers(
            need_real=True, fits_strategy=True, urgent=hot, procurement_clear=True, funds_committed=hot,
            relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
        )

    with team.act("li") as s:
        verification.verify_lead(s, lead_id=ids["verified_warm"], answers=answers(False))
        verification.verify_lead(s, lead_id=ids["verified_hot"], answers=answers(True),
                                 contact_ids=[contacts["executive"], contacts["manager"]])
        verification.verify_lead(s, lead_id=ids["nurtured_due"], answers=answers(False))
    with team.act("ana") as s:
        committee.decide(s, lead_id=ids["nurtured_due"], kind="nurture", ar="bo", sr="li", fr="fay",
                         next_review=TODAY.isoformat())
    return Seed(ids, contacts)


@pytest.fixture
def seed(team: Any) -> Seed:
    return seed_leads(team)


@pytest.fixture
def make_app(db: Any, team: Any) -> Callable[..., Any]:
    from ltc_tui.app import LtcApp

    def make(actor: str = "ana", **kwargs: Any) -> Any:
        return LtcApp(db, actor=actor, db_label="test.db", **kwargs)

    return make
