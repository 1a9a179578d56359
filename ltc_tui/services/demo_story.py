"""What the demo holds: a sales team, its customers, and a year of leads,
meetings, opportunities and contracts, the CDMA450 case of seed 003 among them.

Every story is a list of dated events (``day`` counts from today; negative
is the past) that ``demo.Timeline`` runs in date order through the services.
The text is data (names, needs, notes), not interface, so it is not in the
message catalogue. E-mail addresses use the reserved ``.example`` domain.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

from ltc_tui.services import committee, contracts, customers, leads, nurturing, opportunities, people, visits
from ltc_tui.services.demo import Timeline
from ltc_tui.services.verification import make_answers, verify_lead

ADMIN = "olga"
SETUP_DAY = -400
NOT_REACHED = "Not reached in this meeting; back on the next agenda."

# handle, name, roles (the first person added is also made admin)
TEAM = [
    ("olga", "Olga Lindqvist", ["staff"]),
    ("lin", "Lin Xiaoyu (林晓雨)", ["chair", "member"]),
    ("greta", "Greta Hoffmann", ["manager", "member"]),
    ("chen", "Chen Jie (陈杰)", ["sr", "member"]),
    ("wang", "Wang Fang (王芳)", ["sr"]),
    ("mateo", "Mateo Hernández", ["ar", "member"]),
    ("lucia", "Lucía Ramírez", ["ar"]),
    ("pierre", "Pierre Dubois", ["ar"]),
    ("zhao", "Zhao Lei (赵磊)", ["ar"]),
    ("diego", "Diego Morales", ["ar", "fr"]),
    ("ana", "Ana Souza", ["fr"]),
    ("sofia", "Sofia Rossi", ["fr"]),
    ("tom", "Tom Byrne", ["staff"]),
    ("marta", "Marta Kowalska", ["staff"]),
    ("lina", "Li Na (李娜)", ["staff"]),
]

# ref: name, standing, industry, region, notes, account responsible
CUSTOMERS = {
    "telmex": ("Telmex", "strategic", "Fixed and mobile operator", "Mexico",
               "Teléfonos de México, part of Grupo Carso (Carso Group). Admits two main suppliers per country "
               "and operator; both places were taken when we started.", "mateo"),
    "amx": ("América Móvil", "strategic", "Mobile operator group", "Mexico / Latin America",
            "Grupo Carso (Carso Group), same two-supplier rule as Telmex.", "mateo"),
    "andes": ("Andes Telecom S.A.", "key", "Regional operator", "Peru", None, "lucia"),
    "nordlicht": ("Nordlicht Netz GmbH", "key", "Fibre wholesale", "Germany", None, "pierre"),
    "yungang": ("深圳云港数据有限公司", "key", "Data centres", "China (Shenzhen)",
                "Shenzhen Yungang Data Co., Ltd. 三个数据中心园区,华南地区。", "zhao"),
    "altiplano": ("Altiplano Minería SpA", "key", "Mining", "Chile", "Copper mine at 3,900 m; private networks for OT.", "lucia"),
    "hafen": ("Hamburg Hafen Logistik AG", "key", "Ports and logistics", "Germany", None, "pierre"),
    "sierra": ("Sierra Madre Energía", "normal", "Power utility", "Mexico", None, "mateo"),
    "pampa": ("Pampa Conecta S.R.L.", "normal", "Wireless ISP", "Argentina", None, "diego"),
    "iberia": ("Iberia Fibra S.L.", "normal", "Fibre operator", "Spain", None, "pierre"),
    "lusitania": ("Lusitânia Digital, S.A.", "normal", "Municipal networks", "Portugal", None, "pierre"),
    "baltic": ("Baltic Rail Signalling AS", "normal", "Railways", "Estonia", None, "pierre"),
    "cordoba": ("Provincia de Córdoba – Conectividad", "normal", "Public sector", "Argentina", None, "diego"),
    "beta": ("[Beta] Networks", "normal", "Enterprise IT integrator", "Netherlands",
             "Yes, the square brackets are part of the registered name.", "pierre"),
}

# ref: customer, name, job title, level, decision role, influence, attitude, e-mail (or None)
CONTACTS = [
    ("telmex.slim", "telmex", "Carlos Slim Helú", "Chairman, Grupo Carso", "executive", "decision_maker", "high", "supporter", None),
    ("telmex.ceo", "telmex", "Héctor Villarreal Garza", "Chief Executive Officer", "executive", "decision_maker", "high", "neutral", "h.villarreal@telmex.example"),
    ("telmex.cto", "telmex", "Arturo Medina Vázquez", "Chief Technology Officer", "executive", "decision_maker", "high", "neutral", "a.medina@telmex.example"),
    ("telmex.rural", "telmex", "Mariana Torres Ibarra", "Director, Rural Networks", "manager", "decision_maker", "medium", "champion", "m.torres@telmex.example"),
    ("telmex.core", "telmex", "Fernando Ruiz Acosta", "Head of Core Network", "manager", "influencer", "high", "opponent", "f.ruiz@telmex.example"),
    ("telmex.plan", "telmex", "Daniela Cruz Morales", "Network Planning Engineer", "staff", "evaluator", "medium", "supporter", "d.cruz@telmex.example"),
    ("telmex.buy", "telmex", "Jorge Luis Peña", "Procurement Manager", "manager", "gatekeeper", "medium", "neutral", "jl.pena@telmex.example"),
    ("telmex.field", "telmex", "Rafael Domínguez Soto", "Field Operations Supervisor, Oaxaca", "staff", "user", "low", "supporter", None),
    ("telmex.relations", "telmex", "Elena Castañeda Ríos", "Director, Institutional Relations", "manager", "coach", "medium", "champion", "e.castaneda@telmex.example"),
    ("amx.cto", "amx", "Patricio Lozano Reyes", "Chief Technology Officer", "executive", "decision_maker", "high", "neutral", "p.lozano@amx.example"),
    ("amx.ops", "amx", "Gabriela Sáenz", "VP Network Operations", "executive", "decision_maker", "high", "supporter", "g.saenz@amx.example"),
    ("amx.energy", "amx", "Tomás Ochoa", "Energy Efficiency Manager", "manager", "influencer", "medium", "champion", "t.ochoa@amx.example"),
    ("amx.sourcing", "amx", "Verónica Lara", "Head of Strategic Sourcing", "manager", "gatekeeper", "high", "opponent", "v.lara@amx.example"),
    ("andes.ceo", "andes", "Rosa Quispe Mamani", "Gerente General", "executive", "decision_maker", "high", "supporter", "rquispe@andes-telecom.example"),
    ("andes.cto", "andes", "Javier Paredes", "Gerente de Tecnología", "executive", "decision_maker", "high", "neutral", "jparedes@andes-telecom.example"),
    ("andes.tx", "andes", "Luis Huamán", "Transmission Manager", "manager", "evaluator", "medium", "champion", "lhuaman@andes-telecom.example"),
    ("andes.field", "andes", "Carmen Flores", "Field Operations Lead", "staff", "user", "low", "unknown", None),
    ("nordlicht.cto", "nordlicht", "Dr. Klaus Kessler", "CTO", "executive", "decision_maker", "high", "supporter", "k.kessler@nordlicht.example"),
    ("nordlicht.md", "nordlicht", "Sabine Wagner", "Managing Director", "executive", "decision_maker", "high", "neutral", "s.wagner@nordlicht.example"),
    ("nordlicht.plan", "nordlicht", "Jonas Becker", "Head of Network Planning", "manager", "evaluator", "medium", "supporter", "j.becker@nordlicht.example"),
    ("nordlicht.buy", "nordlicht", "Ute Schmidt", "Purchasing", "staff", "gatekeeper", "low", "neutral", "u.schmidt@nordlicht.example"),
    ("yungang.gm", "yungang", "王建国 (Wang Jianguo)", "总经理 General Manager", "executive", "decision_maker", "high", "supporter", "wangjg@yungang.example"),
    ("yungang.cto", "yungang", "刘敏 (Liu Min)", "技术总监 CTO", "executive", "decision_maker", "high", "neutral", "liumin@yungang.example"),
    ("yungang.ops", "yungang", "陈晓东 (Chen Xiaodong)", "运维总监 Head of DC Operations", "manager", "influencer", "medium", "champion", "chenxd@yungang.example"),
    ("yungang.buy", "yungang", "赵丽 (Zhao Li)", "采购 Procurement", "staff", "gatekeeper", "low", "unknown", None),
    ("altiplano.coo", "altiplano", "Ignacio Valdés", "Chief Operating Officer", "executive", "decision_maker", "high", "champion", "ivaldes@altiplano.example"),
    ("altiplano.it", "altiplano", "Francisca Muñoz", "Head of IT/OT", "manager", "decision_maker", "medium", "supporter", "fmunoz@altiplano.example"),
    ("altiplano.hse", "altiplano", "Rodrigo Contreras", "HSE Manager", "manager", "influencer", "high", "supporter", "rcontreras@altiplano.example"),
    ("altiplano.mine", "altiplano", "Camila Rojas", "Mine Operations Superintendent", "staff", "user", "medium", "neutral", "crojas@altiplano.example"),
    ("hafen.cio", "hafen", "Dr. Anja Petersen", "CIO", "executive", "decision_maker", "high", "supporter", "a.petersen@hhl.example"),
    ("hafen.coo", "hafen", "Henrik Olsen", "COO", "executive", "decision_maker", "high", "neutral", "h.olsen@hhl.example"),
    ("hafen.auto", "hafen", "Lars Jensen", "Head of Terminal Automation", "manager", "influencer", "high", "champion", "l.jensen@hhl.example"),
    ("hafen.lab", "hafen", "Mia Schulz", "Innovation Lab Lead", "staff", "coach", "low", "supporter", "m.schulz@hhl.example"),
    ("sierra.ops", "sierra", "Alejandro Ríos", "Director of Operations", "executive", "decision_maker", "high", "supporter", "arios@sierramadre.example"),
    ("sierra.scada", "sierra", "Paola Méndez", "SCADA Manager", "manager", "evaluator", "medium", "champion", "pmendez@sierramadre.example"),
    ("pampa.owner", "pampa", "Martín Gómez", "Owner and CEO", "executive", "decision_maker", "high", "neutral", "martin@pampaconecta.example"),
    ("pampa.net", "pampa", "Valentina Benítez", "Network Engineer", "staff", "evaluator", "medium", "opponent", "vbenitez@pampaconecta.example"),
    ("iberia.ceo", "iberia", "Álvaro Navarro", "CEO", "executive", "decision_maker", "high", "neutral", "anavarro@iberiafibra.example"),
    ("iberia.access", "iberia", "Lucía Ortega", "Head of Access Network", "manager", "decision_maker", "medium", "supporter", "lortega@iberiafibra.example"),
    ("iberia.buy", "iberia", "Carlos Vidal", "Procurement", "staff", "gatekeeper", "low", "neutral", "cvidal@iberiafibra.example"),
    ("lusitania.board", "lusitania", "Joana Ferreira", "President of the Board", "executive", "decision_maker", "high", "supporter", "jferreira@lusitania.example"),
    ("lusitania.tech", "lusitania", "Rui Carvalho", "Technical Director", "manager", "decision_maker", "medium", "champion", "rcarvalho@lusitania.example"),
    ("baltic.cto", "baltic", "Kristjan Tamm", "CTO", "executive", "decision_maker", "high", "opponent", "k.tamm@balticrail.example"),
    ("baltic.eng", "baltic", "Liis Kask", "Signalling Engineer", "staff", "evaluator", "low", "supporter", "l.kask@balticrail.example"),
    ("cordoba.sec", "cordoba", "Dra. Valeria Sosa", "Secretaria de Conectividad", "executive", "decision_maker", "high", "supporter", "vsosa@cba-conectividad.example"),
    ("cordoba.tech", "cordoba", "Esteban Ledesma", "Coordinador técnico", "manager", "influencer", "medium", "neutral", "eledesma@cba-conectividad.example"),
    ("beta.cio", "beta", "Pieter de Vries", "CIO", "executive", "decision_maker", "high", "neutral", "p.devries@beta-networks.example"),
    ("beta.security", "beta", "Sanne Bakker", "Security Officer", "manager", "influencer", "medium", "unknown", "s.bakker@beta-networks.example"),
]

# Iron triangles (AR, SR, FR) per customer; Diego holds AR and FR together.
TRIANGLE = {
    "telmex": ("mateo", "chen", "ana"), "amx": ("mateo", "chen", "ana"), "sierra": ("mateo", "chen", "diego"),
    "andes": ("lucia", "wang", "ana"), "altiplano": ("lucia", "wang", "sofia"),
    "pampa": ("diego", "wang", "diego"), "cordoba": ("diego", "wang", "diego"),
    "nordlicht": ("pierre", "chen", "sofia"), "hafen": ("pierre", "wang", "sofia"),
    "iberia": ("pierre", "wang", "sofia"), "lusitania": ("pierre", "wang", "sofia"),
    "baltic": ("pierre", "chen", "sofia"), "beta": ("pierre", "wang", "sofia"),
    "yungang": ("zhao", "chen", "sofia"),
}

# Verification answers: (need real, fits strategy, urgent, procurement clear, funds committed)
HOT = (True, True, True, True, True)
WARM = (True, True, True, False, False)
COLD = (True, True, False, False, False)
NOT_REAL = (False, True, False, False, False)
NO_FIT = (True, False, True, False, False)

MEETINGS = {  # name: day, attendees, notes at closing
    "m0": (-315, ["greta", "mateo", "chen", "lucia", "pierre"], "First meeting on ltc. CDMA450 for Telmex goes to nurturing at headquarters level (tier A)."),
    "m1": (-224, ["greta", "mateo", "chen", "wang", "diego"], "Pipeline review after the Telmex network test. Next meeting in two weeks."),
    "m2": (-140, ["greta", "chen", "wang", "pierre", "mateo"], "Long agenda; Europe leads first. Gate rule reminded: the FR reviews price and workload before any bid."),
    "m3": (-70, ["greta", "chen", "wang", "zhao", "lucia", "pierre"], "Seven new leads verified since the last meeting: good month for all-staff marketing."),
    "m4": (-28, ["greta", "chen", "wang", "lucia", "pierre", "diego"], "Reviews due for five nurtured leads. Nordlicht's CTO change discussed."),
    "m5": (-14, ["greta", "chen", "wang", "lucia", "mateo"], "Short meeting. [Beta] Networks deferred until its security audit is in."),
}


class Story:
    """The demo's content, scheduled on a ``Timeline``; ids fill in as it runs."""

    def __init__(self, timeline: Timeline) -> None:
        self.tl = timeline
        self.customers: dict[str, int] = {}
        self.contacts: dict[str, int] = {}
        self.leads: dict[str, int] = {}
        self.opps: dict[str, int] = {}
        self.contracts: dict[str, int] = {}
        self.pains: dict[str, int] = {}
        self.milestones: dict[str, int] = {}
        self.payments: dict[str, int] = {}
        self.disputes: dict[str, int] = {}
        self.meetings: dict[str, int] = {}
        self._decision_minute: dict[str, int] = {}
        self.not_reached: list[tuple[str, int]] = []
        # The session's identity map holds its objects weakly: keeping the ones
        # events look up again (people, customers, contacts, leads, opportunities,
        # contracts) spares a SELECT per lookup and keeps the build quick.
        self._keep: list[Any] = []

    @property
    def s(self) -> Any:
        return self.tl.session

    @property
    def cdma_lead_id(self) -> int:
        return self.leads["cdma"]

    def on(self, day: int, who: str, run: Callable[[], Any], *, minute: int = 60) -> None:
        self.tl.on(day, who, run, minute=minute)

    def d(self, day: int | None) -> Any:
        return None if day is None else self.tl.date(day)

    def contact_ref(self, ref: str) -> str:
        """How ``add_lead`` finds an existing contact: by e-mail, else by name."""
        row = next(c for c in CONTACTS if c[0] == ref)
        return row[8] or row[2]

    # --- set-up -----------------------------------------------------------------------

    def setup(self) -> None:
        def team() -> None:
            for handle, name, roles in TEAM:
                person = people.add_person(self.s, handle=handle, name=name, email=f"{handle}@ltc-demo.example", roles=roles)
                self.tl.people[handle] = person.id or 0
                self._keep.append(person)
                if handle == ADMIN:  # the first person is made by nobody; the admin adds the rest
                    self.s.info["actor_id"] = person.id

        def book() -> None:
            for ref, (name, standing, industry, region, notes, _ar) in CUSTOMERS.items():
                customer = customers.add_customer(
                    self.s, name=name, standing=standing, industry=industry, region=region, notes=notes
                )
                self.customers[ref] = customer.id or 0
                self._keep.append(customer)
            for ref, cust, name, title, level, role, influence, attitude, email in CONTACTS:
                contact = customers.add_contact(
                    self.s, customer_id=self.customers[cust], name=name, job_title=title, email=email,
                    level=level, decision_role=role, influence=influence, attitude=attitude,
                )
                self.contacts[ref] = contact.id or 0
                self._keep.append(contact)

        self.on(SETUP_DAY, "", team, minute=0)
        self.on(SETUP_DAY, ADMIN, book, minute=30)

    def budget(self, day: int, ref: str, *, known: bool, amount: str | None = None, currency: str = "USD") -> None:
        def run() -> None:
            changes: dict[str, Any] = {"budget_known": known, "budget_year": self.tl.today.year + 1}
            if amount:
                changes |= {"budget_cents": amount, "budget_currency": currency}
            customers.update_customer(self.s, customer_id=self.customers[ref], **changes)

        self.on(day, CUSTOMERS[ref][5], run)

    # --- leads ----------------------------------------------------------------------------

    def lead(
        self, key: str, day: int, by: str, title: str, customer: str, source: str, *, amount: str | None = None,
        currency: str | None = None, start: int | None = None, need: str | None = None, contact: str | None = None,
        new_product: bool = False, new_solution: bool = False, new_business_model: bool = False,
    ) -> None:
        def run() -> None:
            added = leads.add_lead(
                self.s, title=title, customer=CUSTOMERS[customer][0], source=source, amount=amount, currency=currency,
                start=self.d(start), need=need, contact=self.contact_ref(contact) if contact else None, has_offer=True,
                new_product=new_product, new_solution=new_solution, new_business_model=new_business_model,
            )
            self.leads[key] = added.lead.id or 0
            self._keep.append(added.lead)

        self.on(day, by, run, minute=30)

    def verify(
        self, key: str, day: int, by: str, answers: tuple[bool, ...], *, win: tuple[int, int, int] = (2, 2, 2),
        team: bool = True, competition: str = "weak", risk: str = "medium", contacts: Iterable[str] = (),
        q1: str | None = None, q2: str | None = None, q3: str | None = None,
    ) -> None:
        need_real, fits, urgent, procurement, funds = answers

        def run() -> None:
            verify_lead(
                self.s, lead_id=self.leads[key],
                answers=make_answers(
                    need_real=need_real, fits_strategy=fits, urgent=urgent, procurement_clear=procurement,
                    funds_committed=funds, relationship=win[0], solution_fit=win[1], solution_maturity=win[2],
                    team_available=team, competition=competition, risk=risk,
                ),
                contact_ids=[self.contacts[c] for c in contacts], q1_notes=q1, q2_notes=q2, q3_notes=q3,
            )

        self.on(day, by, run, minute=90)

    def note(self, key: str, day: int, by: str, body: str) -> None:
        self.on(day, by, lambda: leads.add_note(self.s, lead_id=self.leads[key], body=body), minute=300)

    def tier(self, key: str, day: int, by: str, tier: str, reason: str) -> None:
        self.on(day, by, lambda: leads.override_tier(self.s, lead_id=self.leads[key], tier=tier, reason=reason))

    # --- the committee -------------------------------------------------------------------------

    def meeting(self, name: str) -> None:
        day, attendees, notes = MEETINGS[name]
        self._decision_minute[name] = 121

        def start() -> None:
            self.meetings[name] = committee.start_meeting(self.s, attendees=attendees, held_on=self.d(day)).id or 0

        def close() -> None:
            meeting_id = self.meetings[name]
            for entry in committee.agenda(self.s, meeting_id):
                if entry.decision is None:  # a safety net: the stories decide every item
                    self.not_reached.append((name, entry.lead_id))
                    committee.decide(self.s, lead_id=entry.lead_id, kind="defer", meeting_id=meeting_id, reason=NOT_REACHED)
            committee.close_meeting(self.s, meeting_id=meeting_id, notes=notes)

        self.on(day, "lin", start, minute=120)
        self.on(day, "lin", close, minute=239)

    def decide(
        self, key: str, meeting: str, kind: str, *, reason: str | Callable[[], str] | None = None,
        budget: str | None = None, start: int | None = None, review: int | None = None, owner: str | None = None,
        notes: str | None = None,
    ) -> None:
        day = MEETINGS[meeting][0]
        minute = self._decision_minute[meeting]
        self._decision_minute[meeting] += 1

        def run() -> None:
            lead = leads.get_lead(self.s, self.leads[key])
            customer = next(ref for ref, cid in self.customers.items() if cid == lead.customer_id)
            ar, sr, fr = TRIANGLE[customer]
            result = committee.decide(
                self.s, lead_id=lead.id or 0, kind=kind, meeting_id=self.meetings[meeting],
                reason=reason() if callable(reason) else reason, notes=notes, budget=budget, start=self.d(start),
                owner=owner, ar=ar if kind in ("nurture", "convert") else None,
                sr=sr if kind in ("nurture", "convert") else None, fr=fr if kind in ("nurture", "convert") else None,
                next_review=self.d(review),
            )
            if result.opportunity_id is not None:
                self.opps[key] = result.opportunity_id
                self._keep.append(opportunities.get_opportunity(self.s, result.opportunity_id))

        self.on(day, "lin", run, minute=minute)

    # --- nurturing ------------------------------------------------------------------------------

    def pain(
        self, key: str, day: int, by: str, ref: str, role: str, pain: str, *, kpi: str | None = None,
        cause: str | None = None, impact: str | None = None, contact: str | None = None, leads_to: str | None = None,
    ) -> None:
        def run() -> None:
            row = nurturing.add_pain(
                self.s, lead_id=self.leads[key], role=role, pain=pain, kpi=kpi, cause=cause, impact=impact,
                contact_id=self.contacts[contact] if contact else None,
                leads_to=self._pain_now(key, leads_to) if leads_to else None,
            )
            self.pains[ref] = row.id or 0

        self.on(day, by, run, minute=150)

    def _pain_now(self, key: str, ref: str) -> int:
        """The row ``ref`` names, as copied into the lead's current pass (after "back to step 1")."""
        from sqlmodel import select

        from ltc_tui.models import Lead, PainRow

        row = self.s.get(PainRow, self.pains[ref])
        lead = self.s.get(Lead, self.leads[key])
        if row.pass_no == lead.nurture_pass:
            return row.id
        return self.s.exec(
            select(PainRow.id).where(PainRow.lead_id == lead.id, PainRow.pass_no == lead.nurture_pass, PainRow.pain == row.pain)
        ).one()

    def kdm(self, key: str, day: int, by: str, contact: str, **stance: Any) -> None:
        self.on(day, by, lambda: nurturing.set_kdm(self.s, lead_id=self.leads[key], contact_id=self.contacts[contact], **stance), minute=160)

    def competitor(self, key: str, day: int, by: str, name: str, **fields: Any) -> None:
        self.on(day, by, lambda: nurturing.add_competitor(self.s, lead_id=self.leads[key], name=name, **fields), minute=160)

    def step_notes(self, key: str, day: int, by: str, step: int, text: str) -> None:
        self.on(day, by, lambda: nurturing.set_step_notes(self.s, lead_id=self.leads[key], step=step, notes=text), minute=160)

    def done(self, key: str, day: int, by: str, *steps: int) -> None:
        def run() -> None:
            for step in steps:
                nurturing.mark_done(self.s, lead_id=self.leads[key], step=step)

        self.on(day, by, run, minute=200)

    def handover(self, key: str, day: int, by: str, *, budget: str, start: int, amount: str | None = None) -> None:
        def run() -> None:
            opportunity = nurturing.handover(self.s, lead_id=self.leads[key], budget=budget, start=self.d(start), amount=amount)
            self.opps[key] = opportunity.id or 0
            self._keep.append(opportunity)

        self.on(day, by, run, minute=240)

    # --- opportunities ------------------------------------------------------------------------------

    def new_opp(self, key: str, day: int, by: str, **fields: Any) -> None:
        def run() -> None:
            opportunity = opportunities.add_opportunity(self.s, **fields)
            self.opps[key] = opportunity.id or 0
            self._keep.append(opportunity)

        self.on(day, by, run, minute=240)

    def gate(self, key: str, day: int, by: str, gate: str, *, approver: str | None = None, **fields: Any) -> None:
        def run() -> None:
            opportunities.record_gate(self.s, opportunity_id=self.opps[key], gate=gate, approver=approver or by, **fields)

        self.on(day, by, run, minute=300)

    def stage(self, key: str, day: int, by: str, to: str, note: str | None = None) -> None:
        self.on(day, by, lambda: opportunities.move_stage(self.s, opportunity_id=self.opps[key], to=to, note=note), minute=310)

    def opp_edit(self, key: str, day: int, by: str, **changes: Any) -> None:
        self.on(day, by, lambda: opportunities.update_opportunity(self.s, opportunity_id=self.opps[key], **changes), minute=320)

    def cover(self, key: str, day: int, by: str, contacts: dict[str, str], notes: dict[str, str] | None = None) -> None:
        def run() -> None:
            for contact, who in contacts.items():
                opportunities.cover(
                    self.s, opportunity_id=self.opps[key], contact_id=self.contacts[contact], by=who,
                    notes=(notes or {}).get(contact),
                )

        self.on(day, by, run, minute=320)

    def opp_competitor(self, key: str, day: int, by: str, name: str, **fields: Any) -> None:
        self.on(day, by, lambda: opportunities.add_competitor(self.s, opportunity_id=self.opps[key], name=name, **fields), minute=320)

    def won(self, key: str, day: int, by: str, *, reason: str, number: Callable[[], str] | str | None = None, po: str | None = None) -> None:
        def run() -> None:
            contract = opportunities.mark_won(
                self.s, opportunity_id=self.opps[key], reason=reason, signed_on=self.d(day),
                number=number() if callable(number) else number, po_number=po,
            )
            self.contracts[key] = contract.id or 0
            self._keep.append(contract)

        self.on(day, by, run, minute=400)

    def lost(self, key: str, day: int, by: str, reason: str) -> None:
        self.on(day, by, lambda: opportunities.mark_lost(self.s, opportunity_id=self.opps[key], reason=reason), minute=400)

    # --- contracts --------------------------------------------------------------------------------

    def milestone(self, key: str, day: int, by: str, ref: str, name: str, planned: int, done: int | None = None) -> None:
        def run() -> None:
            row = contracts.add_milestone(self.s, contract_id=self.contracts[key], name=name, planned_on=self.d(planned))
            self.milestones[ref] = row.id or 0

        self.on(day, by, run, minute=420)
        if done is not None:
            self.on(done, by, lambda: contracts.update_milestone(self.s, milestone_id=self.milestones[ref], actual_on=self.d(done)), minute=420)

    def invoice(self, key: str, day: int, by: str, number: str, amount: str, due: int) -> None:
        self.on(day, by, lambda: contracts.add_invoice(
            self.s, contract_id=self.contracts[key], number=number, amount=amount, issued_on=self.d(day), due_on=self.d(due),
        ), minute=430)

    def payment(
        self, key: str, day: int, by: str, ref: str, amount: str, due: int, *, invoice: str | None = None,
        final: bool = False, received: int | None = None, received_amount: str | None = None, notes: str | None = None,
    ) -> None:
        def run() -> None:
            row = contracts.add_payment(
                self.s, contract_id=self.contracts[key], amount=amount, due_on=self.d(due), invoice=invoice,
                is_final=final, notes=notes,
            )
            self.payments[ref] = row.id or 0

        self.on(day, by, run, minute=440)
        if received is not None:
            self.on(received, by, lambda: contracts.receive_payment(
                self.s, payment_id=self.payments[ref], received_on=self.d(received), amount=received_amount,
            ), minute=450)

    def dispute(self, key: str, day: int, by: str, ref: str, description: str, *, resolved: int | None = None, resolution: str | None = None) -> None:
        def run() -> None:
            row = contracts.open_dispute(self.s, contract_id=self.contracts[key], description=description, opened_on=self.d(day))
            self.disputes[ref] = row.id or 0

        self.on(day, by, run, minute=460)
        if resolved is not None:
            self.on(resolved, by, lambda: contracts.resolve_dispute(
                self.s, dispute_id=self.disputes[ref], resolution=resolution or "", resolved_on=self.d(resolved),
            ), minute=460)

    def close_contract(self, key: str, day: int, by: str, *, write_off: str | None = None, reason: str | None = None) -> None:
        self.on(day, by, lambda: contracts.close_contract(
            self.s, contract_id=self.contracts[key], write_off=write_off, reason=reason, closed_on=self.d(day),
        ), minute=470)

    # --- visits ----------------------------------------------------------------------------------------

    def visit(
        self, day: int, by: str, customer: str, kind: str, *, met: Iterable[str] = (), objective: str | None = None,
        outcome: str | None = None, next_step: str | None = None, lead: str | None = None, opp: str | None = None,
    ) -> None:
        met = list(met)

        def run() -> None:
            visits.add_visit(
                self.s, customer=str(self.customers[customer]), kind=kind, visited_on=self.d(day), person=by,
                contacts=[str(self.contacts[c]) for c in met], objective=objective, outcome=outcome,
                next_step=next_step, lead_id=self.leads[lead] if lead else None,
                opportunity_id=self.opps[opp] if opp else None,
            )

        self.on(day, by, run, minute=20)


def write(timeline: Timeline) -> Story:
    """Schedule the whole demo on ``timeline``; run it, then read ids off the story."""
    story = Story(timeline)
    story.setup()
    for name in MEETINGS:
        story.meeting(name)
    for chapter in (
        cdma450, hafen_wifi, andes_backbone, pampa_routers, baltic_frmcs, amx_signalling, sierra_scada,
        iberia_gpon, nordlicht_ftth, nordlicht_open_access, lusitania_fta, altiplano_video, yungang_dci,
        lusitania_metro, hafen_5g, andes_loreto, yungang_edge, pampa_satellite, andes_microwave, amx_energy,
        altiplano_lte, iberia_fwa, cordoba_tender, beta_switching, closed_leads, queue_now, fresh_leads,
        budgets, routine_visits,
    ):
        chapter(story)
    return story


# --- the CDMA450 case (seed 003) ---------------------------------------------------------------------


def cdma450(st: Story) -> None:
    """Telmex (Carso Group, Mexico): from the executive round table to a rural
    network under contract, through verification, the committee, the six
    steps and every opportunity gate."""
    k = "cdma"
    st.visit(
        -352, "mateo", "telmex", "executive", met=["telmex.slim", "telmex.relations"],
        objective="Mexico–China entrepreneurs' round table, organised with the embassy's help: meet the Carso Group chairman.",
        outcome="The chairman: a new supplier must bring advanced technology, new business and products unlike the "
        "incumbents'. Telmex and América Móvil admit two main suppliers per country and operator; both places are taken.",
        next_step="Brainstorm with the Mexico team: which first project brings something new, outside the incumbents' ground?",
    )
    st.lead(
        k, -340, "mateo", "CDMA450 rural wide-coverage solution", "telmex", "executive_visit", amount="38.5M", start=-170,
        contact="telmex.relations", new_solution=True,
        need="At the executive round table the Carso Group chairman asked any new supplier for advanced technology and new "
        "business. The national telecom press criticises Telmex for serving only the big cities while rural Mexico stays "
        "unconnected. Our CDMA450 rural wide-coverage solution covers scattered villages with few sites: a segment the two "
        "incumbent suppliers do not serve.",
    )
    st.note(k, -338, "mateo", "Today's national communications paper again: 'Telmex only sees the big cities'. "
            "Rural coverage is our opening, and the incumbents have never wanted it.")
    st.verify(
        k, -335, "chen", WARM, win=(1, 3, 3), competition="strong", risk="high",
        contacts=["telmex.relations", "telmex.plan"],
        q1="Real: the press and the regulator both push rural coverage; it fits our strategy (rural wide coverage is a flagship solution).",
        q2="Urgent for the leadership's image. No procurement route yet: both supplier places are taken. No money set aside.",
        q3="Relationship new (one round table). Solution mature, many rural references in China. Two strong incumbents, "
        "but neither serves rural areas.",
    )
    st.decide(k, "m0", "nurture", review=-231, reason="Real need, not yet settled among the decision makers. Headquarters level (tier A): nurture through the six steps.")
    # Step 1: the pain chain, from the root (the chairman's pain) down to its causes.
    st.pain(k, -305, "chen", "cdma.lead", "Chairman, Grupo Carso", "Regulator and public pressure on the group's leadership over the rural digital divide",
            kpi="Standing with government and public; licence obligations", contact="telmex.slim",
            cause="Rural Mexico stays unconnected while the press keeps the story alive",
            impact="Reputation of the group and its chairman; harder regulatory and licence talks")
    st.pain(k, -305, "chen", "cdma.press", "CEO, Telmex", "National press criticism: 'Telmex only sees the big cities'",
            kpi="Brand reputation, press tone", contact="telmex.ceo", cause="No rural coverage programme to show",
            impact="Brand damage and political attention", leads_to="cdma.lead")
    st.pain(k, -305, "chen", "cdma.rural", "Director, Rural Networks", "Thousands of rural communities without any telephone service",
            kpi="Rural localities covered (%)", contact="telmex.rural",
            cause="Urban-style networks cost too much per scattered village", impact="Coverage targets missed year after year",
            leads_to="cdma.press")
    st.pain(k, -304, "chen", "cdma.vendors", "CTO", "The two incumbent suppliers show no interest in rural coverage",
            kpi="Coverage roll-out plan on time and on budget", contact="telmex.cto",
            cause="Low margins for them, and no 450 MHz product in their portfolios", impact="No supplier behind a rural plan",
            leads_to="cdma.rural")
    st.done(k, -298, "chen", 1)
    # Step 2: KDM interest, each argued from their own KPI.
    st.visit(-292, "chen", "telmex", "tech_exchange", met=["telmex.cto", "telmex.plan"], lead=k,
             objective="看网讲网: read Telmex's rural network with the CTO's team across technology, performance, architecture, cost and evolution.",
             outcome="The CTO agrees no incumbent plan reaches the villages; asks for cost per covered locality.",
             next_step="Cost model per locality; invite the CTO to a local technical test.")
    st.kdm(k, -290, "mateo", "telmex.slim", interested=True, notes="Wants a first project that brings new business, as he said at the round table.")
    st.kdm(k, -290, "chen", "telmex.rural", interested=True, notes="Her KPI is rural coverage: the most interested of all.")
    st.kdm(k, -288, "mateo", "telmex.ceo", interested=True, notes="Interested once the press story was on the table.")
    st.done(k, -285, "chen", 2)
    # Step 3: the KDMs acknowledge the pain.
    st.kdm(k, -270, "chen", "telmex.cto", interested=True, acknowledges_pain=True, notes="Acknowledged after the cost-per-locality model.")
    for who in ("telmex.slim", "telmex.ceo", "telmex.rural"):
        st.kdm(k, -268, "mateo", who, acknowledges_pain=True)
    st.done(k, -262, "chen", 3)
    # Step 4: competitors named and locked early.
    st.competitor(k, -255, "chen", "Nordvik Networks", standing="strong", locked=True,
                  strengths="Western incumbent: supplies the core and the urban radio network; close to the network department.",
                  weaknesses="No 450 MHz product; sees rural coverage as low margin.",
                  strategy="Do not fight for the cities: offer CDMA450 as a new rural business line beside their networks.")
    st.competitor(k, -255, "chen", "Atlantic Telecom Systems", standing="strong", locked=True,
                  strengths="Western incumbent in transmission and billing.", weaknesses="No rural wide-coverage offer; rural is low margin for them.",
                  strategy="Stay off their ground; show rural references in China that they cannot show.")
    st.done(k, -250, "chen", 4)
    # Step 5: a vision the KDMs share.
    st.visit(-246, "chen", "telmex", "tech_exchange", met=["telmex.cto", "telmex.plan", "telmex.core"], lead=k,
             objective="Product and solution exchange: CDMA450 architecture, terminals, 450 MHz link budget.",
             outcome="Planning team convinced; the head of core network still sides with the incumbents.",
             next_step="Local technical test in Oaxaca; China reference-site visit for the CEO and CTO.")
    st.step_notes(k, -240, "chen", 5,
                  "Rural wide coverage with CDMA450: a 450 MHz site reaches villages tens of kilometres away, so Telmex connects "
                  "rural Mexico at a fraction of the cost per village, as a new business line that leaves the incumbents' urban "
                  "networks untouched. Proof: China's rural reference sites, open for Telmex to visit.")
    st.visit(-238, "mateo", "telmex", "site_tour", met=["telmex.ceo", "telmex.cto", "telmex.rural"], lead=k,
             objective="China reference-site visit: rural CDMA450 networks in southwest China.",
             outcome="The CEO saw villages with telephone service from one hill-top site; asked for a network test in Mexico.",
             next_step="Network test on 10 sites in Oaxaca.")
    for who in ("telmex.ceo", "telmex.cto", "telmex.rural"):
        st.kdm(k, -236, "chen", who, shares_vision=True)
    st.done(k, -232, "chen", 5)
    st.visit(-230, "lin", "telmex", "executive", met=["telmex.slim", "telmex.ceo"], lead=k,
             objective="Executive mutual visit: our president receives Telmex's leadership.",
             outcome="Agreement in principle to work together on rural coverage.", next_step="Solution proposal and votes.")
    st.decide(k, "m1", "nurture", review=-182, reason="Steps 1-5 done; votes next. Keep nurturing.")
    # Step 6: solution acceptance, KDM by KDM.
    st.kdm(k, -215, "chen", "telmex.slim", vote="for", shares_vision=True)
    st.kdm(k, -214, "chen", "telmex.ceo", vote="for")
    st.kdm(k, -214, "chen", "telmex.rural", vote="for")
    st.kdm(k, -212, "chen", "telmex.cto", vote="for", notes="Voted for after the Oaxaca network test.")
    for who in ("telmex.ceo", "telmex.cto"):
        st.on(-211, "mateo", lambda who=who: customers.update_contact(st.s, contact_id=st.contacts[who], attitude="supporter"))
    st.done(k, -205, "chen", 6)
    st.note(k, -203, "mateo", "Telmex confirms budget for the rural programme and a start in about a month: ready for handover.")
    st.handover(k, -200, "chen", budget="40M", start=-170, amount="38.5M")
    # The opportunity, through every gate.
    st.cover(k, -198, "mateo", {"telmex.slim": "mateo", "telmex.ceo": "mateo", "telmex.relations": "mateo",
                                "telmex.cto": "chen", "telmex.rural": "chen", "telmex.core": "chen", "telmex.buy": "ana"},
             notes={"telmex.core": "Opponent (close to the incumbents): keep informed, invite to every test."})
    st.gate(k, -196, "lin", "initiation", notes="Headquarters-level lead: commit the CDMA450 product team and a rural-coverage architect.")
    st.stage(k, -196, "mateo", "initiation")
    st.stage(k, -190, "chen", "needs_analysis")
    st.opp_edit(k, -188, "chen",
                market_notes="Rural Mexico: tens of thousands of localities without fixed or mobile service; press and regulator push to close the gap.",
                customer_notes="Two main suppliers per country and operator, both places taken; the chairman wants new technology and new business from a new supplier.",
                product_notes="CDMA450: large cells cover scattered villages with few sites; fixed wireless terminals and handsets; proven in rural China.",
                competition_notes="Both incumbents (Nordvik, Atlantic) focus on urban networks; neither has a 450 MHz product or wants rural.")
    st.stage(k, -180, "chen", "value_presentation")
    st.opp_edit(k, -178, "chen",
                our_strengths="Largest CDMA450 base; rural reference sites the customer has visited; local team in Mexico City.",
                unique_value="Rural coverage at a fraction of the cost per village, as a new business line rather than a swap of incumbent gear.",
                need_fit="Answers the press and the regulator's rural pressure within two years.",
                difference="Does not compete head-on with the incumbents' urban networks: a segment they will not serve.")
    st.gate(k, -168, "ana", "bid", deliverability="pass", workload_days=2400, price="38.5M",
            notes="Local civil-works partner confirmed; terminals in stock; margin holds at 38.5M.")
    st.stage(k, -166, "mateo", "bid")
    st.gate(k, -158, "mateo", "signing", notes="Scope of work agreed: 380 rural sites in two phases, 12,000 fixed wireless terminals, O&M training.")
    st.stage(k, -157, "mateo", "negotiation")
    st.won(k, -150, "mateo", reason="A segment outside the incumbents' ground; China references and the network test convinced every KDM.",
           number=lambda: f"TMX-{st.tl.date(-150).year}-CDMA450", po="PO-TMX-0450-01")
    # The contract: milestones, invoices, payments.
    st.milestone(k, -150, "ana", "cdma.m1", "Local technical test", -140, done=-138)
    st.milestone(k, -150, "ana", "cdma.m2", "Network test (10 sites, Oaxaca)", -115, done=-112)
    st.milestone(k, -150, "ana", "cdma.m3", "China reference-site visit (operations team)", -95, done=-94)
    st.milestone(k, -150, "ana", "cdma.m4", "Executive mutual visit", -80, done=-78)
    st.milestone(k, -150, "ana", "cdma.m5", "Rollout phase 1: 120 rural sites", -30, done=-26)
    st.milestone(k, -150, "ana", "cdma.m6", "Rollout phase 2: 260 rural sites", 60)
    st.milestone(k, -150, "ana", "cdma.m7", "Final acceptance", 150)
    st.invoice(k, -148, "mateo", "TMX-INV-01", "11.55M", due=-118)
    st.payment(k, -148, "mateo", "cdma.p1", "11.55M", -118, invoice="TMX-INV-01", received=-120, notes="Advance, 30%")
    st.payment(k, -148, "mateo", "cdma.p4", "7.7M", 180, final=True, notes="Final payment (尾款), 20%, on final acceptance")
    st.invoice(k, -110, "mateo", "TMX-INV-02", "7.7M", due=-80)
    st.payment(k, -110, "mateo", "cdma.p2", "7.7M", -80, invoice="TMX-INV-02", received=-84, notes="On network test, 20%")
    st.invoice(k, -25, "mateo", "TMX-INV-03", "11.55M", due=5)
    st.payment(k, -25, "mateo", "cdma.p3", "11.55M", 5, invoice="TMX-INV-03", notes="On rollout phase 1, 30%")
    st.visit(-26, "ana", "telmex", "site_tour", met=["telmex.field", "telmex.rural"], opp=k,
             objective="Phase 1 acceptance walk-through, Oaxaca.", outcome="120 sites accepted; villages report first calls.",
             next_step="Phase 2 site list by the end of the month.")


# --- contracts from earlier in the year ---------------------------------------------------------------


def hafen_wifi(st: Story) -> None:
    """Won, delivered, a warranty dispute resolved, paid late, closed."""
    k = "hafen_wifi"
    st.lead(k, -330, "pierre", "Terminal Wi-Fi 6 coverage, Burchardkai", "hafen", "sales_visit", amount="640k", start=-290,
            contact="hafen.auto", need="Handhelds and straddle-carrier tablets drop off the old Wi-Fi between the stacks.")
    st.verify(k, -322, "wang", HOT, win=(3, 3, 3), risk="low", contacts=["hafen.cio", "hafen.auto"])
    st.decide(k, "m0", "convert", budget="640k", start=-290, reason="Budget approved, start in a month: convert.")
    st.gate(k, -312, "greta", "initiation")
    st.stage(k, -312, "pierre", "initiation")
    st.stage(k, -310, "wang", "needs_analysis")
    st.stage(k, -307, "wang", "value_presentation")
    st.opp_edit(k, -307, "wang", our_strengths="Outdoor Wi-Fi 6 proven in two other container terminals.",
                unique_value="Seamless roaming for moving carriers.", need_fit="All four blocks in one phase.",
                difference="The only bidder with a site survey done.")
    st.gate(k, -305, "sofia", "bid", workload_days=180, price="640k")
    st.stage(k, -305, "pierre", "bid")
    st.gate(k, -302, "pierre", "signing", notes="Scope: blocks A-D, 212 access points, one year of support.")
    st.stage(k, -302, "pierre", "negotiation")
    st.won(k, -300, "pierre", reason="Best coverage plan; the automation team was our champion.")
    st.milestone(k, -300, "sofia", "hw.m1", "Site survey", -292, done=-290)
    st.milestone(k, -300, "sofia", "hw.m2", "Installation, blocks A-D", -245, done=-240)
    st.milestone(k, -300, "sofia", "hw.m3", "Acceptance", -205, done=-200)
    st.invoice(k, -298, "pierre", "HHL-2301", "256k", due=-268)
    st.payment(k, -298, "pierre", "hw.p1", "256k", -268, invoice="HHL-2301", received=-270)
    st.dispute(k, -230, "sofia", "hw.d1", "Two access points dead on arrival in block C; the customer holds the installation sign-off.",
               resolved=-221, resolution="Replaced under warranty within a week; sign-off given.")
    st.invoice(k, -200, "pierre", "HHL-2302", "256k", due=-170)
    st.payment(k, -200, "pierre", "hw.p2", "256k", -170, invoice="HHL-2302", received=-172)
    st.invoice(k, -120, "pierre", "HHL-2303", "128k", due=-90)
    st.payment(k, -120, "pierre", "hw.p3", "128k", -90, invoice="HHL-2303", final=True, received=-45,
               notes="Final payment (尾款): 45 days late, chased by the AR.")
    st.close_contract(k, -35, "sofia")


def andes_backbone(st: Story) -> None:
    """Executing; one payment overdue."""
    k = "andes_backbone"
    st.lead(k, -332, "lucia", "Fibre backbone Lima–Arequipa, phase 1", "andes", "sales_visit", amount="4.2M", start=-230,
            contact="andes.tx", need="Microwave backbone full; the regulator's coverage plan needs fibre south of Lima.")
    st.verify(k, -325, "wang", HOT, win=(2, 3, 3), contacts=["andes.ceo", "andes.tx"])
    st.decide(k, "m0", "convert", budget="4.5M", start=-230, reason="Budget in this year's plan; tender in weeks.")
    st.gate(k, -310, "lin", "initiation")
    st.stage(k, -310, "lucia", "initiation")
    st.stage(k, -290, "wang", "needs_analysis")
    st.stage(k, -270, "wang", "value_presentation")
    st.opp_edit(k, -270, "wang", our_strengths="Our own splicing crews in Peru.", unique_value="Phase 1 live in nine months.",
                need_fit="Meets the regulator's southern coverage plan.", difference="Fixed price per kilometre.",
                market_notes="Peru's regulator pushes fibre south of Lima.", customer_notes="CEO sponsors the project.")
    st.gate(k, -255, "ana", "bid", workload_days=3100, price="4.2M", notes="Civil works subcontracted; route permits the customer's job.")
    st.stage(k, -254, "lucia", "bid")
    st.gate(k, -245, "lucia", "signing", notes="Scope: 410 km of cable, 14 nodes, permits by the customer.")
    st.stage(k, -244, "lucia", "negotiation")
    st.won(k, -240, "lucia", reason="Price and a delivery plan the FR could vouch for.")
    st.milestone(k, -240, "ana", "ab.m1", "Route survey", -228, done=-225)
    st.milestone(k, -240, "ana", "ab.m2", "Civil works km 0-180", -160, done=-150)
    st.milestone(k, -240, "ana", "ab.m3", "Splicing and end-to-end test", -85, done=-80)
    st.milestone(k, -240, "ana", "ab.m4", "Handover of phase 1", 30)
    st.payment(k, -238, "lucia", "ab.p4", "840k", 60, final=True, notes="Final payment (尾款) on handover")
    st.invoice(k, -238, "lucia", "AT-0117", "1.26M", due=-208)
    st.payment(k, -238, "lucia", "ab.p1", "1.26M", -208, invoice="AT-0117", received=-210)
    st.invoice(k, -150, "lucia", "AT-0164", "1.26M", due=-120)
    st.payment(k, -150, "lucia", "ab.p2", "1.26M", -120, invoice="AT-0164", received=-118)
    st.invoice(k, -60, "lucia", "AT-0201", "840k", due=-21)
    st.payment(k, -60, "lucia", "ab.p3", "840k", -21, invoice="AT-0201", notes="Customer's treasury says the payment run slipped; AR chasing weekly.")


def pampa_routers(st: Story) -> None:
    """Executing, then disputed: the second payment withheld."""
    k = "pampa_routers"
    st.lead(k, -250, "diego", "Rural WISP core routers (40 units)", "pampa", "partner", amount="310k", start=-200,
            contact="pampa.owner", need="Reported by our local integrator partner: the WISP outgrew its core routers.")
    st.verify(k, -240, "wang", HOT, win=(2, 2, 3), contacts=["pampa.owner", "pampa.net"])
    st.decide(k, "m1", "convert", budget="320k", start=-200)
    st.gate(k, -220, "greta", "initiation")
    st.stage(k, -219, "diego", "initiation")
    st.stage(k, -216, "wang", "needs_analysis")
    st.stage(k, -212, "wang", "value_presentation")
    st.opp_edit(k, -212, "wang", our_strengths="Stock in Buenos Aires.", unique_value="Delivery in three weeks.",
                need_fit="Doubles their core capacity.", difference="Partner support on site.")
    st.gate(k, -208, "diego", "bid", workload_days=60, price="310k")
    st.stage(k, -207, "diego", "bid")
    st.gate(k, -203, "diego", "signing")
    st.stage(k, -202, "diego", "negotiation")
    st.won(k, -200, "diego", reason="Partner relationship and delivery in three weeks.")
    st.milestone(k, -200, "diego", "pr.m1", "Delivery of 40 routers", -185, done=-185)
    st.milestone(k, -200, "diego", "pr.m2", "Acceptance test", -150)
    st.invoice(k, -198, "diego", "PC-0031", "155k", due=-168)
    st.payment(k, -198, "diego", "pr.p1", "155k", -168, invoice="PC-0031", received=-170)
    st.invoice(k, -120, "diego", "PC-0042", "155k", due=-50)
    st.payment(k, -120, "diego", "pr.p2", "155k", -50, invoice="PC-0042", final=True)
    st.dispute(k, -40, "diego", "pr.d1", "Customer withholds the second payment: 12 of 40 routers failed the acceptance test "
               "(memory leak in firmware 7.2).")
    st.visit(-38, "diego", "pampa", "tech_exchange", met=["pampa.owner", "pampa.net"], opp=k,
             objective="Review the failed routers with the customer.", outcome="Agreed to trial firmware 7.3 on three units.",
             next_step="Firmware 7.3 results in two weeks.")


def baltic_frmcs(st: Story) -> None:
    k = "baltic_frmcs"
    st.lead(k, -245, "marta", "GSM-R to FRMCS migration study", "baltic", "exhibition", amount="450k", start=-150,
            contact="baltic.eng", new_solution=True, need="Met at a rail technology fair: they must plan the move off GSM-R.")
    st.verify(k, -235, "pierre", HOT, win=(1, 2, 1), competition="strong", risk="high", contacts=["baltic.cto", "baltic.eng"])
    st.decide(k, "m1", "convert", budget="450k", start=-150, reason="Budget for the study is approved; start in the autumn.")
    st.opp_competitor(k, -222, "pierre", "Kestrel Rail Systems", standing="strong",
                      strengths="Incumbent GSM-R supplier with a framework agreement.", strategy="Lead with the FRMCS roadmap.")
    st.gate(k, -215, "lin", "initiation")
    st.stage(k, -215, "pierre", "initiation")
    st.stage(k, -200, "chen", "needs_analysis")
    st.stage(k, -170, "chen", "value_presentation")
    st.opp_edit(k, -170, "chen", our_strengths="FRMCS trials with two railways.", unique_value="A migration path without a flag day.",
                need_fit="Covers the study and the pilot line.", difference="Kestrel only offers GSM-R extensions.")
    st.lost(k, -90, "pierre", "Customer extended the incumbent's framework agreement by two years; the study is postponed.")


# --- nurtured leads that became opportunities ------------------------------------------------------------


def amx_signalling(st: Story) -> None:
    """Nurtured through the six steps, handed over, now in the bid stage (a conditional FR review)."""
    k = "amx_signalling"
    st.lead(k, -240, "lina", "Core network signalling modernisation", "amx", "hq_marketing", amount="12M", start=-60,
            contact="amx.ops", need="HQ marketing analysis: the signalling platform reaches end of support next year.")
    st.verify(k, -232, "mateo", WARM, win=(1, 3, 3), competition="strong", risk="high", contacts=["amx.ops", "amx.energy"])
    st.decide(k, "m1", "nurture", review=-150)
    st.pain(k, -215, "chen", "amx.p1", "VP Network Operations", "Outages on the old signalling platform during peak hours",
            kpi="Network availability", contact="amx.ops", cause="Platform past end of support; no patches")
    st.pain(k, -215, "chen", "amx.p2", "CTO", "Cannot launch new services on the old platform", kpi="Time to market",
            contact="amx.cto", leads_to="amx.p1")
    st.done(k, -210, "chen", 1)
    st.kdm(k, -195, "chen", "amx.cto", interested=True)
    st.kdm(k, -195, "mateo", "amx.ops", interested=True)
    st.done(k, -192, "chen", 2)
    st.kdm(k, -178, "chen", "amx.cto", acknowledges_pain=True)
    st.kdm(k, -178, "mateo", "amx.ops", acknowledges_pain=True)
    st.done(k, -175, "chen", 3)
    st.competitor(k, -162, "chen", "Nordvik Networks", standing="strong", locked=True, strategy="Migration without service interruption, proven at Telmex.")
    st.competitor(k, -162, "chen", "Atlantic Telecom Systems", standing="medium", locked=True, strategy="Lower five-year cost of ownership.")
    st.done(k, -160, "chen", 4)
    st.decide(k, "m2", "nurture", review=-100, reason="Reviewed: on track, vision next.")
    st.step_notes(k, -132, "chen", 5, "One signalling platform for all of América Móvil's Mexican network, migrated live.")
    st.kdm(k, -130, "chen", "amx.cto", shares_vision=True)
    st.kdm(k, -130, "mateo", "amx.ops", shares_vision=True)
    st.done(k, -128, "chen", 5)
    st.kdm(k, -120, "chen", "amx.cto", vote="for")
    st.kdm(k, -120, "mateo", "amx.ops", vote="for")
    st.done(k, -118, "chen", 6)
    st.handover(k, -110, "chen", budget="12.5M", start=20)
    st.gate(k, -105, "lin", "initiation")
    st.stage(k, -105, "mateo", "initiation")
    st.stage(k, -95, "chen", "needs_analysis")
    st.stage(k, -80, "chen", "value_presentation")
    st.opp_edit(k, -78, "chen", our_strengths="Live migration done at Telmex; 24/7 support centre in Mexico.",
                unique_value="No service interruption during the migration.", difference="Fixed price for the migration.",
                need_fit="Replaces the platform before end of support.", market_notes="Every Carso operator faces the same end of support.",
                competition_notes="Nordvik proposes a like-for-like swap with downtime.")
    st.gate(k, -60, "ana", "bid", result="conditional", deliverability="conditional", workload_days=5200, price="12M",
            conditions="Two more core-network engineers hired by month 3 of the project.")
    st.stage(k, -58, "mateo", "bid")
    st.cover(k, -57, "mateo", {"amx.cto": "chen", "amx.ops": "mateo", "amx.sourcing": "mateo"})
    st.visit(-9, "mateo", "amx", "routine", met=["amx.sourcing"], opp=k, objective="Bid clarifications with strategic sourcing.",
             outcome="Two questions on the migration window; answered in writing.", next_step="Award expected next month.")


def sierra_scada(st: Story) -> None:
    """Converted by the committee; the FR's bid review failed once (a deal that would lose money), then passed."""
    k = "sierra_scada"
    st.lead(k, -160, "tom", "Grid SCADA telecom network", "sierra", "delivery", amount="1.8M", start=-60,
            contact="sierra.scada", need="Their SCADA runs over leased lines that fail in the rainy season.")
    st.verify(k, -150, "mateo", HOT, win=(2, 3, 2), contacts=["sierra.ops", "sierra.scada"])
    st.decide(k, "m2", "convert", budget="2M", start=-60)
    st.opp_competitor(k, -138, "mateo", "Mercurio Integración", standing="strong", strengths="Local integrator, low prices.",
                      strategy="Show the delivery cost honestly; win on reliability.")
    st.gate(k, -135, "greta", "initiation")
    st.stage(k, -134, "mateo", "initiation")
    st.stage(k, -120, "chen", "needs_analysis")
    st.stage(k, -100, "chen", "value_presentation")
    st.opp_edit(k, -98, "chen", our_strengths="Utility-grade microwave and MPLS; a local FR who has delivered for utilities.",
                unique_value="SCADA traffic that survives the rainy season.", need_fit="All 42 substations in ten months.",
                difference="Mercurio resells; we deliver and support ourselves.",
                market_notes="Utilities replace leased lines across Mexico.", customer_notes="Operations director is our sponsor.",
                product_notes="Microwave + MPLS, IEC 61850 ready.", competition_notes="Mercurio is 15% cheaper on paper.")
    st.gate(k, -88, "diego", "bid", result="fail", workload_days=900, price="1.5M",
            notes="A 1.5M quote is below the delivery cost estimate of 1.62M: we would win at a loss. Re-price or cut scope.")
    st.gate(k, -85, "diego", "bid", workload_days=860, price="1.8M", notes="Re-priced at 1.8M; scope cut to 42 substations.")
    st.stage(k, -84, "mateo", "bid")
    st.gate(k, -20, "mateo", "signing", notes="SOW v3 agreed: 42 substations over ten months.")
    st.stage(k, -18, "mateo", "negotiation")
    st.cover(k, -18, "mateo", {"sierra.ops": "mateo", "sierra.scada": "chen"})
    st.visit(-10, "mateo", "sierra", "routine", met=["sierra.ops"], opp=k, objective="Payment terms.",
             outcome="They ask for 10% retention until acceptance.", next_step="Legal review of the retention clause.")


def iberia_gpon(st: Story) -> None:
    k = "iberia_gpon"
    st.lead(k, -165, "marta", "GPON OLT expansion, Castilla", "iberia", "exhibition", amount="900k", start=-40,
            contact="iberia.access", need="Met at a fibre operators' seminar in Madrid: 30 OLTs for new rural FTTH areas.")
    st.verify(k, -152, "pierre", HOT, win=(1, 3, 3), competition="strong", contacts=["iberia.access", "iberia.buy"])
    st.decide(k, "m2", "convert", budget="950k", start=-40)
    st.opp_competitor(k, -130, "pierre", "Helix Optical", standing="strong", strengths="Aggressive pricing.", weaknesses="Thin local support.")
    st.gate(k, -132, "lin", "initiation")
    st.stage(k, -132, "pierre", "initiation")
    st.stage(k, -110, "wang", "needs_analysis")
    st.stage(k, -90, "wang", "value_presentation")
    st.opp_edit(k, -90, "wang", our_strengths="Same OLT family as their current network.", unique_value="No new management system.",
                need_fit="All 30 OLTs this year.", difference="Helix needs a second management platform.",
                competition_notes="Helix Optical bids low to enter the account.")
    st.gate(k, -70, "sofia", "bid", workload_days=320, price="900k")
    st.stage(k, -68, "pierre", "bid")
    st.lost(k, -45, "pierre", "Price: the winning bid was 18% below ours; the customer took the lowest compliant offer.")


def nordlicht_ftth(st: Story) -> None:
    k = "nordlicht_ftth"
    st.lead(k, -160, "pierre", "Rural FTTH aggregation, Brandenburg", "nordlicht", "sales_visit", amount="6.5M", start=90,
            contact="nordlicht.plan", need="Subsidised rural FTTH areas need an aggregation layer by next year.")
    st.verify(k, -150, "chen", WARM, win=(2, 3, 2), competition="strong", contacts=["nordlicht.cto", "nordlicht.plan"])
    st.decide(k, "m2", "nurture", review=-84)
    st.pain(k, -130, "chen", "nf.p1", "Managing Director", "Subsidy clawback if rural areas are not live in time",
            kpi="Subsidy milestones", contact="nordlicht.md")
    st.pain(k, -130, "chen", "nf.p2", "CTO", "Aggregation design not ready for 180 rural areas", kpi="Roll-out plan",
            contact="nordlicht.cto", leads_to="nf.p1")
    st.done(k, -125, "chen", 1)
    st.kdm(k, -115, "pierre", "nordlicht.cto", interested=True)
    st.kdm(k, -115, "pierre", "nordlicht.md", interested=True)
    st.done(k, -112, "chen", 2)
    st.kdm(k, -100, "chen", "nordlicht.cto", acknowledges_pain=True)
    st.kdm(k, -100, "pierre", "nordlicht.md", acknowledges_pain=True)
    st.done(k, -98, "chen", 3)
    st.competitor(k, -90, "chen", "Helix Optical", standing="medium", locked=True, strategy="Subsidy-compliant design and on-time delivery.")
    st.competitor(k, -90, "chen", "Nordvik Networks", standing="weak", locked=True, strategy="Their aggregation needs more sites.")
    st.done(k, -88, "chen", 4)
    st.decide(k, "m3", "nurture", review=-40, reason="Reviewed: vision and votes next.")
    st.step_notes(k, -80, "chen", 5, "One aggregation layer for all subsidised areas, live before the subsidy deadline.")
    st.kdm(k, -78, "chen", "nordlicht.cto", shares_vision=True)
    st.kdm(k, -78, "pierre", "nordlicht.md", shares_vision=True)
    st.done(k, -76, "chen", 5)
    st.kdm(k, -65, "chen", "nordlicht.cto", vote="for")
    st.kdm(k, -65, "pierre", "nordlicht.md", vote="for")
    st.done(k, -62, "chen", 6)
    st.handover(k, -50, "chen", budget="7M", start=90)
    st.gate(k, -45, "greta", "initiation")
    st.stage(k, -45, "pierre", "initiation")
    st.stage(k, -38, "chen", "needs_analysis")
    st.opp_edit(k, -37, "chen", customer_notes="New CTO since last month comes from an incumbent vendor: re-check the design with him.")


def nordlicht_open_access(st: Story) -> None:
    """Back to step 1: the KDM who sponsored us left; pass 2 is under way."""
    k = "nordlicht_oa"
    st.lead(k, -152, "sofia", "Wholesale open-access platform", "nordlicht", "delivery", amount="2.2M", start=120,
            contact="nordlicht.plan", new_business_model=True,
            need="During the Berlin works their wholesale team asked how to open the network to other ISPs.")
    st.verify(k, -145, "pierre", COLD, win=(2, 2, 1), contacts=["nordlicht.cto", "nordlicht.plan"])
    st.decide(k, "m2", "nurture", review=-84)
    st.pain(k, -120, "chen", "oa.p1", "Managing Director", "Wholesale revenue below plan", kpi="Wholesale revenue", contact="nordlicht.md")
    st.pain(k, -120, "chen", "oa.p2", "CTO", "Each ISP onboarding is a manual project", kpi="Onboarding time", contact="nordlicht.cto", leads_to="oa.p1")
    st.done(k, -118, "chen", 1)
    st.kdm(k, -100, "pierre", "nordlicht.cto", interested=True)
    st.kdm(k, -100, "pierre", "nordlicht.md", interested=True)
    st.done(k, -98, "chen", 2)
    st.kdm(k, -80, "chen", "nordlicht.cto", acknowledges_pain=True)
    st.decide(k, "m3", "nurture", review=-30)

    def ctos_change() -> None:
        customers.update_contact(st.s, contact_id=st.contacts["nordlicht.cto"], attitude="unknown",
                                 notes="Left Nordlicht last month.")
        contact = customers.add_contact(
            st.s, customer_id=st.customers["nordlicht"], name="Matthias Brandt", job_title="CTO (new)",
            email="m.brandt@nordlicht.example", level="executive", decision_role="decision_maker", influence="high",
            attitude="opponent", notes="Joined from an incumbent vendor.",
        )
        st.contacts["nordlicht.newcto"] = contact.id or 0

    st.on(-61, "pierre", ctos_change)
    st.on(-60, "chen", lambda: nurturing.back_to_step_one(
        st.s, lead_id=st.leads[k],
        reason="KDM change: CTO Dr. Klaus Kessler, our sponsor, left; the new CTO comes from an incumbent vendor. "
        "Re-check the pain chain with him.",
    ))
    st.on(-55, "chen", lambda: nurturing.remove_kdm(st.s, lead_id=st.leads[k], contact_id=st.contacts["nordlicht.cto"]))
    st.on(-55, "chen", lambda: nurturing.add_kdm(st.s, lead_id=st.leads[k], contact_id=st.contacts["nordlicht.newcto"]))
    st.pain(k, -50, "chen", "oa.p3", "CTO (new)", "Wants one vendor-neutral platform, not another proprietary stack",
            kpi="Vendor independence", contact="nordlicht.newcto", leads_to="oa.p1")
    st.done(k, -45, "chen", 1)
    st.decide(k, "m4", "nurture", review=14, reason="Pass 2 under way after the CTO change.")
    st.kdm(k, -20, "pierre", "nordlicht.md", interested=True)


def lusitania_fta(st: Story) -> None:
    """Nurtured, then closed at review: no KDM acknowledged the pain."""
    k = "lusitania_fta"
    st.lead(k, -165, "pierre", "Fibre to the antenna for 5G sites", "lusitania", "sales_visit", amount="750k", start=30,
            contact="lusitania.tech")
    st.verify(k, -155, "chen", WARM, contacts=["lusitania.board", "lusitania.tech"])
    st.decide(k, "m2", "nurture", review=-60)
    st.pain(k, -130, "wang", "lf.p1", "Technical Director", "5G sites waiting for fibre", kpi="Sites on air", contact="lusitania.tech")
    st.done(k, -128, "wang", 1)
    st.kdm(k, -112, "wang", "lusitania.board", interested=True)
    st.kdm(k, -112, "pierre", "lusitania.tech", interested=True)
    st.done(k, -110, "wang", 2)
    st.kdm(k, -80, "wang", "lusitania.tech", notes="Sees no pain: their own crews can build it.")
    st.decide(k, "m4", "close", reason="Customer will build it in-house with its own crews; after step 3 no decision maker acknowledges the pain.")


def altiplano_video(st: Story) -> None:
    """All six steps done; waiting for an explicit budget (due for review)."""
    k = "altiplano_video"
    st.lead(k, -165, "marta", "Mine-site safety video analytics", "altiplano", "company_tour", amount="700k", start=60,
            contact="altiplano.hse", new_solution=True, need="Their HSE team visited our Santiago demo centre and asked for it.")
    st.verify(k, -150, "wang", WARM, win=(3, 2, 2), contacts=["altiplano.coo", "altiplano.hse"])
    st.decide(k, "m2", "nurture", review=-84)
    st.pain(k, -130, "wang", "av.p1", "COO", "Lost-time injuries near haul roads", kpi="LTIFR", contact="altiplano.coo")
    st.pain(k, -130, "wang", "av.p2", "HSE Manager", "No way to watch 40 km of haul roads", kpi="Near-miss reports",
            contact="altiplano.hse", leads_to="av.p1")
    st.done(k, -128, "wang", 1)
    st.kdm(k, -115, "lucia", "altiplano.coo", interested=True)
    st.kdm(k, -115, "wang", "altiplano.it", interested=True)
    st.done(k, -112, "wang", 2)
    st.kdm(k, -100, "lucia", "altiplano.coo", acknowledges_pain=True)
    st.kdm(k, -100, "wang", "altiplano.it", acknowledges_pain=True)
    st.done(k, -98, "wang", 3)
    st.competitor(k, -92, "wang", "Kestrel Radio", standing="weak", locked=True, strategy="Our private LTE carries the video; theirs does not.")
    st.done(k, -90, "wang", 4)
    st.step_notes(k, -80, "wang", 5, "Every haul road watched, near misses flagged in real time.")
    st.kdm(k, -78, "lucia", "altiplano.coo", shares_vision=True)
    st.kdm(k, -78, "wang", "altiplano.it", shares_vision=True)
    st.done(k, -76, "wang", 5)
    st.decide(k, "m3", "nurture", review=-42)
    st.kdm(k, -45, "lucia", "altiplano.coo", vote="for")
    st.kdm(k, -45, "wang", "altiplano.it", vote="for")
    st.done(k, -40, "wang", 6)
    st.note(k, -33, "lucia", "All six steps done. The COO waits for the board to approve next year's budget (within three weeks). "
            "Hand over as soon as budget and start date are explicit.")
    st.decide(k, "m4", "nurture", review=-2, reason="Ready for handover once the budget is explicit.")


def yungang_dci(st: Story) -> None:
    k = "yungang_dci"
    st.lead(k, -88, "zhao", "数据中心互联 (DCI) 扩容", "yungang", "tech_exchange", amount="2.6M", start=30,
            contact="yungang.ops", need="看网讲网交流中发现:三个园区之间的互联带宽明年不够用。")
    st.verify(k, -80, "chen", HOT, win=(3, 3, 2), risk="low", contacts=["yungang.gm", "yungang.ops"],
              q1="需求真实,符合我们的数据中心战略。")
    st.decide(k, "m3", "convert", budget="2.8M", start=30)
    st.opp_competitor(k, -62, "zhao", "Sinoway Tech", standing="medium", strengths="价格低 (low price)", strategy="Lead on 400G optics and energy use.")
    st.gate(k, -60, "greta", "initiation")
    st.stage(k, -60, "zhao", "initiation")
    st.stage(k, -50, "chen", "needs_analysis")
    st.opp_edit(k, -48, "chen", market_notes="华南数据中心需求增长快。", customer_notes="总经理支持;技术总监关注能耗。")
    st.stage(k, -35, "chen", "value_presentation")
    st.opp_edit(k, -34, "chen", our_strengths="Shenzhen delivery team; DCI already running in two of their parks.",
                unique_value="400G per wavelength at a third less power per bit.", need_fit="Covers three years of growth.",
                difference="Sinoway is cheaper up front, dearer in power.", competition_notes="Sinoway Tech 报价低 15%。")
    st.cover(k, -34, "zhao", {"yungang.gm": "zhao", "yungang.cto": "chen", "yungang.ops": "chen"})


def lusitania_metro(st: Story) -> None:
    """Won a few days ago: the contract is signed, nothing delivered or invoiced yet."""
    k = "lusitania_metro"
    st.lead(k, -95, "pierre", "Metro Ethernet for Porto municipalities", "lusitania", "sales_visit", amount="520k", start=0,
            contact="lusitania.board")
    st.verify(k, -85, "wang", HOT, contacts=["lusitania.board", "lusitania.tech"])
    st.decide(k, "m3", "convert", budget="550k", start=0)
    st.gate(k, -66, "greta", "initiation")
    st.stage(k, -66, "pierre", "initiation")
    st.stage(k, -55, "wang", "needs_analysis")
    st.stage(k, -45, "wang", "value_presentation")
    st.opp_edit(k, -45, "wang", our_strengths="References in Braga and Coimbra.", unique_value="One network for all 11 municipalities.",
                need_fit="All 64 sites within a year.", difference="Municipal-grade SLA.")
    st.gate(k, -30, "sofia", "bid", workload_days=210, price="520k")
    st.stage(k, -29, "pierre", "bid")
    st.gate(k, -15, "pierre", "signing", notes="Scope: 11 municipalities, 64 sites.")
    st.stage(k, -14, "pierre", "negotiation")
    st.won(k, -5, "pierre", reason="The technical director championed us; local references in Braga.", po="LD-PO-2291")
    st.milestone(k, -5, "sofia", "lm.m1", "Detailed design", 20)
    st.milestone(k, -5, "sofia", "lm.m2", "Installation", 75)
    st.milestone(k, -5, "sofia", "lm.m3", "Acceptance", 110)
    st.payment(k, -5, "pierre", "lm.p1", "156k", 25, notes="30% on design approval")
    st.payment(k, -5, "pierre", "lm.p2", "260k", 90)
    st.payment(k, -5, "pierre", "lm.p3", "104k", 140, final=True, notes="Final payment (尾款) on acceptance")


# --- leads in nurturing now --------------------------------------------------------------------------------


def hafen_5g(st: Story) -> None:
    """At step 3 (one of two KDMs acknowledges the pain); due for review."""
    k = "hafen_5g"
    st.lead(k, -85, "wang", "Private 5G for automated straddle carriers", "hafen", "tech_exchange", amount="3.8M", start=180,
            contact="hafen.auto", need="看网讲网 with the automation team: Wi-Fi cannot carry remote control of the carriers.")
    st.verify(k, -78, "pierre", WARM, win=(3, 2, 2), contacts=["hafen.cio", "hafen.auto"])
    st.decide(k, "m3", "nurture", review=-40)
    st.pain(k, -60, "wang", "h5.p1", "COO", "Terminal throughput capped by manual straddle carriers", kpi="Moves per hour", contact="hafen.coo")
    st.pain(k, -60, "wang", "h5.p2", "Head of Terminal Automation", "Remote control drops on Wi-Fi between stacks",
            kpi="Automation uptime", contact="hafen.auto", leads_to="h5.p1")
    st.done(k, -58, "wang", 1)
    st.kdm(k, -47, "pierre", "hafen.cio", interested=True)
    st.kdm(k, -47, "wang", "hafen.coo", interested=True)
    st.done(k, -45, "wang", 2)
    st.decide(k, "m4", "nurture", review=-5)
    st.kdm(k, -20, "wang", "hafen.cio", acknowledges_pain=True)
    st.visit(-6, "wang", "hafen", "tech_exchange", met=["hafen.coo", "hafen.auto"], lead=k,
             objective="Show the COO the throughput model.", outcome="He wants numbers from a live terminal.",
             next_step="Reference visit to a 5G terminal.")


def andes_loreto(st: Story) -> None:
    """At step 4: one competitor locked, one not yet."""
    k = "andes_loreto"
    st.lead(k, -90, "lucia", "Rural wide coverage for Loreto river villages", "andes", "sales_visit", amount="5M", start=200,
            contact="andes.ceo", new_solution=True, need="River villages in Loreto have no coverage; the regulator set a deadline.")
    st.verify(k, -82, "chen", WARM, win=(2, 3, 3), contacts=["andes.ceo", "andes.tx"])
    st.decide(k, "m3", "nurture", review=-35)
    st.pain(k, -62, "wang", "al.p1", "Gerente General", "Regulator's rural coverage deadline at risk", kpi="Licence obligations", contact="andes.ceo")
    st.pain(k, -62, "wang", "al.p2", "Gerente de Tecnología", "No affordable way to cover villages along the rivers",
            kpi="Cost per covered locality", contact="andes.cto", leads_to="al.p1")
    st.done(k, -60, "wang", 1)
    st.kdm(k, -52, "lucia", "andes.ceo", interested=True)
    st.kdm(k, -52, "wang", "andes.cto", interested=True)
    st.done(k, -50, "wang", 2)
    st.kdm(k, -40, "lucia", "andes.ceo", acknowledges_pain=True)
    st.kdm(k, -40, "wang", "andes.cto", acknowledges_pain=True)
    st.done(k, -38, "wang", 3)
    st.decide(k, "m4", "nurture", review=20)
    st.competitor(k, -15, "wang", "Nordvik Networks", standing="medium", locked=True, strategy="Rural wide coverage is outside their focus (as at Telmex).")
    st.competitor(k, -15, "wang", "Kestrel Radio", standing="weak")
    st.note(k, -12, "lucia", "Ask Telmex for a reference call on CDMA450: same problem, villages far apart.")


def yungang_edge(st: Story) -> None:
    """At step 5: the vision written, one of two KDMs shares it."""
    k = "yungang_edge"
    st.lead(k, -95, "lina", "边缘计算节点建设 (edge computing nodes)", "yungang", "company_tour", amount="1.5M", start=120,
            contact="yungang.gm", need="客户参观我司深圳展厅时提出:为工业园区客户提供边缘计算。")
    st.verify(k, -86, "zhao", WARM, win=(3, 2, 2), contacts=["yungang.gm", "yungang.ops"])
    st.decide(k, "m3", "nurture", review=-30)
    st.pain(k, -62, "chen", "ye.p1", "总经理 General Manager", "工业园区客户流失到云厂商", kpi="客户留存率", contact="yungang.gm")
    st.pain(k, -62, "chen", "ye.p2", "技术总监 CTO", "时延敏感业务无法在中心机房承载", kpi="业务时延", contact="yungang.cto", leads_to="ye.p1")
    st.done(k, -60, "chen", 1)
    st.kdm(k, -52, "zhao", "yungang.gm", interested=True)
    st.kdm(k, -52, "chen", "yungang.cto", interested=True)
    st.done(k, -50, "chen", 2)
    st.kdm(k, -45, "zhao", "yungang.gm", acknowledges_pain=True)
    st.kdm(k, -45, "chen", "yungang.cto", acknowledges_pain=True)
    st.done(k, -44, "chen", 3)
    st.competitor(k, -40, "chen", "Sinoway Tech", standing="strong", locked=True, strategy="与我们的DCI方案打包 (bundle with our DCI offer).")
    st.done(k, -38, "chen", 4)
    st.decide(k, "m4", "nurture", review=10)
    st.step_notes(k, -20, "chen", 5, "园区边缘节点 + 数据中心互联:客户留在云港,而不是流向公有云。")
    st.kdm(k, -9, "zhao", "yungang.gm", shares_vision=True)


def pampa_satellite(st: Story) -> None:
    """Owned by the SR, then left alone for weeks: back in the committee's queue as unattended."""
    k = "pampa_satellite"
    st.lead(k, -85, "diego", "Satellite backhaul for Patagonia towns", "pampa", "sales_visit", amount="380k", start=150,
            contact="pampa.owner")
    st.verify(k, -78, "wang", COLD, win=(2, 1, 2), contacts=["pampa.owner", "pampa.net"])
    st.decide(k, "m3", "nurture", review=20)
    st.pain(k, -60, "wang", "ps.p1", "Owner and CEO", "Towns beyond the fibre cannot be served", kpi="Subscribers", contact="pampa.owner")
    st.pain(k, -40, "wang", "ps.p2", "Network Engineer", "Microwave hops fail in winter storms", contact="pampa.net", leads_to="ps.p1")


def andes_microwave(st: Story) -> None:
    """Converted at the last-but-one meeting: initiation approved. Its duplicate was closed."""
    k = "andes_microwave"
    st.lead(k, -45, "ana", "Backhaul microwave upgrade, southern region", "andes", "delivery", amount="1.1M", start=60,
            contact="andes.tx", need="Seen during the fibre works: their southern microwave links are saturated.")
    st.lead("andes_microwave_dup", -40, "tom", "Microwave backhaul upgrade – south", "andes", "delivery", amount="1M",
            contact="andes.tx")
    st.verify(k, -35, "lucia", HOT, win=(3, 3, 3), risk="low", contacts=["andes.cto", "andes.tx"])
    st.verify("andes_microwave_dup", -33, "wang", COLD, contacts=["andes.tx"])
    st.decide(k, "m4", "convert", budget="1.2M", start=60)
    st.decide("andes_microwave_dup", "m4", "close",
              reason=lambda: f"Duplicate of lead #{st.leads[k]}: the same need reported twice by the delivery team.")
    st.gate(k, -20, "lin", "initiation", notes="Extends the backbone contract: same triangle.")
    st.stage(k, -20, "lucia", "initiation")


def amx_energy(st: Story) -> None:
    """At step 2: one of two KDMs interested."""
    k = "amx_energy"
    st.lead(k, -48, "chen", "RAN energy saving with AI power management", "amx", "tech_exchange", amount="3M", start=240,
            contact="amx.energy", new_product=True, need="看网讲网 on energy: the RAN is a third of their power bill.")
    st.verify(k, -40, "mateo", WARM, win=(2, 2, 1), competition="none", contacts=["amx.ops", "amx.energy"])
    st.decide(k, "m4", "nurture", review=10)
    st.pain(k, -22, "chen", "ae.p1", "VP Network Operations", "Energy cost up 30% in two years", kpi="OPEX per site", contact="amx.ops")
    st.done(k, -20, "chen", 1)
    st.kdm(k, -8, "mateo", "amx.ops", interested=True)


def altiplano_lte(st: Story) -> None:
    """Converted at the last meeting: the opportunity is in its first stage."""
    k = "altiplano_lte"
    st.lead(k, -30, "tom", "Private LTE for open-pit haul trucks", "altiplano", "delivery", amount="2.4M", start=45,
            contact="altiplano.it", new_solution=True,
            need="Seen while servicing their radios: autonomous haul trucks need a network Wi-Fi cannot give.")
    st.verify(k, -20, "lucia", HOT, win=(3, 2, 2), contacts=["altiplano.coo", "altiplano.it"])
    st.decide(k, "m5", "convert", budget="2.5M", start=45, reason="Budget approved by the board; start in six weeks.")
    st.cover(k, -12, "lucia", {"altiplano.coo": "lucia", "altiplano.it": "wang", "altiplano.hse": "wang"})


def iberia_fwa(st: Story) -> None:
    """Just given to nurturing: the pain table is being written (step 1 open)."""
    k = "iberia_fwa"
    st.lead(k, -30, "pierre", "Rural fixed-wireless access for Castilla villages", "iberia", "sales_visit", amount="1.3M",
            start=200, contact="iberia.access")
    st.verify(k, -22, "wang", WARM, win=(1, 2, 3), contacts=["iberia.ceo", "iberia.access"])
    st.decide(k, "m5", "nurture", review=14)
    st.pain(k, -10, "wang", "if.p1", "CEO", "Villages outside the FTTH plan churn to satellite", kpi="Churn", contact="iberia.ceo")
    st.pain(k, -5, "wang", "if.p2", "Head of Access Network", "Fibre to 300 small villages will never pay back",
            kpi="Cost per home passed", contact="iberia.access", leads_to="if.p1")


def cordoba_tender(st: Story) -> None:
    """Not from a lead: a tender seen in the press, entered directly as an opportunity."""
    k = "cordoba_tender"
    st.new_opp(k, -40, "diego", title="Provincial public Wi-Fi tender (plazas and hospitals)", customer=CUSTOMERS["cordoba"][0],
               amount="1.6M", budget="1.7M", start=st.d(75), ar="diego", sr="wang", fr="diego", product="Wi-Fi 6 outdoor + cloud controller")
    st.gate(k, -35, "lin", "initiation")
    st.stage(k, -35, "diego", "initiation")
    st.stage(k, -30, "wang", "needs_analysis")
    st.cover(k, -30, "diego", {"cordoba.sec": "diego", "cordoba.tech": "wang"})


def beta_switching(st: Story) -> None:
    """A contract signed before the pipeline was tracked; closed with a write-off."""
    k = "beta_switching"

    def add() -> None:
        st.contracts[k] = contracts.add_contract(
            st.s, customer=CUSTOMERS["beta"][0], title="Campus switching refresh", value="185k",
            signed_on=st.d(-380), ar="pierre", fr="sofia", po_number="[PO] 7781",
        ).id or 0

    st.on(-380, "pierre", add, minute=400)
    st.milestone(k, -380, "sofia", "bs.m1", "Delivery", -350, done=-348)
    st.milestone(k, -380, "sofia", "bs.m2", "Installation", -320, done=-335)
    st.invoice(k, -330, "pierre", "BN-1009", "185k", due=-300)
    st.payment(k, -330, "pierre", "bs.p1", "185k", -300, invoice="BN-1009", final=True, received=-280,
               received_amount="166.5k", notes="Customer paid 90%: late-delivery penalty deducted.")
    st.close_contract(k, -60, "sofia", write_off="18.5k", reason="Late-delivery penalty (10%) agreed in the settlement meeting.")


# --- closed, queued and fresh leads ----------------------------------------------------------------------


def closed_leads(st: Story) -> None:
    st.lead("amx_satphones", -235, "tom", "Satellite phones for field crews", "amx", "inbound", amount="150k")
    st.verify("amx_satphones", -228, "mateo", NO_FIT, contacts=["amx.ops"], q1="We make no satellite terminals.")
    st.decide("amx_satphones", "m1", "close", reason="Not our business: no matching offer (satellite terminals). Contact passed to a partner.")
    st.lead("iberia_copper", -150, "marta", "Copper line test sets", "iberia", "exhibition", amount="60k")
    st.verify("iberia_copper", -145, "pierre", NOT_REAL, contacts=["iberia.buy"])
    st.decide("iberia_copper", "m2", "close", reason="Need not real: the contact was collecting quotes for a benchmark; no project or budget behind it.")
    st.lead("pampa_core2", -85, "diego", "Core router refresh, second site", "pampa", "partner", amount="200k")
    st.verify("pampa_core2", -80, "wang", WARM, contacts=["pampa.owner"])
    st.decide("pampa_core2", "m3", "close", reason="Customer postponed indefinitely after a budget cut; revisit in next year's planning.")
    st.lead("telmex_crm", -25, "marta", "Call-centre CRM licences", "telmex", "other", amount="800k")
    st.verify("telmex_crm", -18, "chen", NO_FIT, contacts=["telmex.buy"])
    st.decide("telmex_crm", "m5", "close", reason="Outside our strategy: software CRM, not network infrastructure.")


def queue_now(st: Story) -> None:
    """Verified leads waiting for the next committee meeting."""
    st.lead("lusitania_braga", -16, "pierre", "Smart-city sensor network for Braga", "lusitania", "sales_visit", amount="400k",
            start=60, contact="lusitania.tech")
    st.verify("lusitania_braga", -10, "wang", HOT, contacts=["lusitania.board", "lusitania.tech"])
    st.lead("baltic_wifi", -12, "marta", "Passenger Wi-Fi in 30 stations", "baltic", "inbound", amount="350k", start=90,
            contact="baltic.eng")
    st.verify("baltic_wifi", -6, "pierre", WARM, win=(2, 3, 3), competition="none", risk="low", contacts=["baltic.cto", "baltic.eng"])
    st.lead("beta_firewall", -26, "tom", "Data-centre firewall replacement", "beta", "delivery", amount="260k", contact="beta.security",
            need="Noticed while servicing their switches: the firewalls are out of support.")
    st.note("beta_firewall", -24, "pierre", "Customer wrote: [URGENT] need a quote before the audit closes. (Their words, brackets included.)")
    st.verify("beta_firewall", -20, "pierre", COLD, contacts=["beta.cio", "beta.security"])
    st.decide("beta_firewall", "m5", "defer", reason="Waiting for the customer's security audit (results due next week).")
    st.lead("hafen_drones", -9, "lina", "Drone inspection of quay cranes", "hafen", "hq_marketing", amount="180k",
            contact="hafen.lab", new_product=True)
    st.verify("hafen_drones", -3, "wang", NOT_REAL, contacts=["hafen.lab", "hafen.coo"],
              q1="The innovation lab likes the idea; operations has neither the need nor the budget.")
    st.lead("telmex_fwa", -11, "mateo", "Fixed-wireless broadband for peri-urban areas", "telmex", "sales_visit", amount="12M",
            start=150, contact="telmex.rural", need="After CDMA450, the rural director asks for broadband at the edge of the cities.")
    st.verify("telmex_fwa", -4, "chen", WARM, win=(3, 3, 3), competition="strong", contacts=["telmex.ceo", "telmex.rural"])


def fresh_leads(st: Story) -> None:
    """Submitted and not yet verified; two of them long forgotten (stale)."""
    st.lead("sierra_video", 0, "marta", "Substation video surveillance", "sierra", "inbound", amount="90k",
            need="Web form: 'we need cameras in 12 substations'.")
    st.lead("pampa_lorawan", -3, "diego", "Municipal LoRaWAN for water meters", "pampa", "exhibition", amount="120k",
            contact="pampa.owner")
    st.lead("iberia_wifi7", -45, "tom", "Wi-Fi 7 for hotel-chain customers", "iberia", "other", amount="240k")
    st.lead("nordlicht_prignitz", -50, "lina", "Glasfaser-Ausbau Prignitz (Förderprogramm)", "nordlicht", "hq_marketing",
            amount="3.5M", currency="EUR", need="HQ analysis of the federal subsidy calls: Prignitz district tender expected.")
    st.lead("yungang_cooling", -8, "zhao", "液冷机房改造 (liquid-cooling retrofit)", "yungang", "sales_visit", amount="800k",
            contact="yungang.ops", need="运维总监:高密度机柜散热不足,夏季限功率运行。")
    st.lead("cordoba_schools", -12, "diego", "Wi-Fi en escuelas rurales", "cordoba", "partner", amount="400k",
            contact="cordoba.tech", need="Our integrator partner in Córdoba: 120 rural schools to connect.")
    st.tier("cordoba_schools", -11, "lin", "B", "Reference project for the national rural-schools programme.")


def budgets(st: Story) -> None:
    """Key customers: next year's investment budget known for some, not for others."""
    st.budget(-40, "telmex", known=True, amount="420M")
    st.budget(-30, "andes", known=True, amount="85M")
    st.budget(-25, "altiplano", known=True, amount="30M")
    st.budget(-20, "hafen", known=True, amount="22M", currency="EUR")
    st.budget(-20, "nordlicht", known=False)


# --- visits: this week (some people above six, some below) and the weeks before ---------------------------

THIS_WEEK = {"mateo": 7, "chen": 6, "lucia": 5, "diego": 4, "wang": 3, "pierre": 2, "zhao": 1, "sofia": 1}
REGION = {
    "mateo": ["telmex", "amx", "sierra"], "chen": ["telmex", "amx", "yungang", "nordlicht", "sierra"],
    "lucia": ["andes", "altiplano"], "diego": ["pampa", "cordoba"], "wang": ["andes", "altiplano", "hafen", "iberia", "pampa"],
    "pierre": ["nordlicht", "hafen", "iberia", "lusitania", "baltic", "beta"], "zhao": ["yungang"],
    "sofia": ["hafen", "lusitania", "yungang"], "ana": ["telmex", "andes"],
}
PURPOSES = [
    ("routine", "Quarterly account review.", "Relationship steady; two small requests.", "Send the service report."),
    ("routine", "Introduce the new FR.", "Good meeting; they want a single contact for escalations.", "Share the escalation list."),
    ("tech_exchange", "看网讲网: walk through their network plan for next year.", "Three possible needs noted.", "Write them up as leads if real."),
    ("tech_exchange", "Solution workshop with the planning team.", "They liked the architecture; cost questions remain.", "Budgetary quote."),
    ("executive", "Executive dinner with the customer's leadership.", "Open door for next year's plan.", "Invite them to HQ."),
    ("site_tour", "Customer visit to a reference site.", "Convinced on reliability.", "Follow up with the evaluation team."),
    ("exhibition", "Customer met at our booth at a regional seminar.", "Interest in private networks.", "Technical exchange next month."),
]


def routine_visits(st: Story) -> None:
    rng = random.Random(450)
    contacts_of: dict[str, list[str]] = {}
    for ref, cust, *_ in CONTACTS:
        contacts_of.setdefault(cust, []).append(ref)
    weekday = st.tl.today.weekday()  # visits this week fall between Monday and today
    for who, count in THIS_WEEK.items():
        for n in range(count):
            customer = REGION[who][n % len(REGION[who])]
            kind, objective, outcome, next_step = PURPOSES[rng.randrange(len(PURPOSES))]
            st.visit(-(n % (weekday + 1)), who, customer, kind, met=rng.sample(contacts_of[customer], 1),
                     objective=objective, outcome=outcome, next_step=next_step)
    for week in range(1, 5):
        for who, customers_ in REGION.items():
            for _ in range(rng.randint(1, 5)):
                customer = rng.choice(customers_)
                kind, objective, outcome, next_step = PURPOSES[rng.randrange(len(PURPOSES))]
                day = -weekday - 7 * week + rng.randint(0, 4)  # Monday to Friday of that week
                st.visit(day, who, customer, kind, met=rng.sample(contacts_of[customer], 1),
                         objective=objective, outcome=outcome, next_step=next_step)
