"""Everything about one opportunity, gathered for the opportunity screen: its
figures, triangle, stage history, gates (and which are open), competitors,
power map, and the contract it became."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from ltc_tui.enums import Gate, Stage
from ltc_tui.models.contracts import Contract
from ltc_tui.models.customers import Customer
from ltc_tui.models.nurturing import Competitor
from ltc_tui.models.opportunities import GateRecord, Opportunity
from ltc_tui.models.people import Person


@dataclass
class GateState:
    gate: Gate
    passed: bool
    key: str  # why (not) passed, for people
    params: dict[str, Any]
    latest: GateRecord | None


@dataclass
class OpportunityFile:
    opportunity: Opportunity
    customer: Customer
    people: dict[int, Person]
    history: list[Any]  # services.opportunities.StageSpan
    gates: list[GateRecord]
    gate_states: list[GateState]
    competitors: list[Competitor]
    power_map: list[Any]  # services.opportunities.PowerMapRow
    contract: Contract | None
    stale_cutoff: dt.datetime

    def handle(self, person_id: int | None) -> str:
        person = self.people.get(person_id or 0) if person_id else None
        return person.handle if person is not None else ""

    @property
    def is_open(self) -> bool:
        return Stage(self.opportunity.stage).is_open

    @property
    def stale(self) -> bool:
        return self.is_open and self.opportunity.stage_changed_at < self.stale_cutoff

    @property
    def uncovered(self) -> list[Any]:
        return [row for row in self.power_map if row.uncovered_decision_maker]

    def next_gate(self) -> Gate | None:
        """The first gate not passed on the way forward from here."""
        from ltc_tui.services.opportunities import GATE_INTO, ORDER

        stage = Stage(self.opportunity.stage)
        if not stage.is_open:
            return None
        states = {s.gate: s for s in self.gate_states}
        for later in ORDER[ORDER.index(stage) + 1 :]:
            gate = GATE_INTO.get(later)
            if gate is not None and not states[gate].passed:
                return gate
        return None


def gate_states(session: Session, opportunity: Opportunity) -> list[GateState]:
    from ltc_tui.services.opportunities import gate_open, latest_gate

    states = []
    for gate in Gate:
        passed, key, params = gate_open(session, opportunity, gate)
        states.append(GateState(gate, passed, key, params, latest_gate(session, opportunity.id or 0, gate)))
    return states


def opportunity_file(session: Session, opportunity_id: int) -> OpportunityFile:
    from ltc_tui.services import opportunities as o

    opportunity = o.get_opportunity(session, opportunity_id)
    customer = session.get(Customer, opportunity.customer_id)
    assert customer is not None
    return OpportunityFile(
        opportunity=opportunity,
        customer=customer,
        people={p.id or 0: p for p in session.exec(select(Person)).all()},
        history=o.stage_history(session, opportunity_id),
        gates=o.gates(session, opportunity_id),
        gate_states=gate_states(session, opportunity),
        competitors=o.competitors_of(session, opportunity_id),
        power_map=o.power_map(session, opportunity_id),
        contract=session.exec(select(Contract).where(Contract.opportunity_id == opportunity_id)).first(),
        stale_cutoff=o.stale_opportunity_cutoff(session),
    )
