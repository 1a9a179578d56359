"""Realistic ltc data at any size, fast: bulk Core inserts, never the ORM.

    python benchmarks/datagen.py OUT.db --leads 100000 [--seed 7]
    python benchmarks/datagen.py OUT.csv --leads 100000 --salesforce

A team of 30 people; customers (one per ten leads) with contacts; leads
spread over the team's history (a year at 1k, years at 100k), and what
their age makes likely: recent ones submitted or verified, older ones
nurtured, converted or closed. Every lead past submission has its
verification (by someone else), every committee outcome its decision in a
biweekly meeting, every nurtured lead its pass, six steps, pain table, KDM
stances and competitors, every converted lead its opportunity with stage
history, gates and power map, every won opportunity its contract with
milestones, invoices, payments (some overdue) and disputes; visits, notes,
and the audit trail the app would have written.

Rows go in through ``services.bulk.insert_rows``, as an import's do (Core;
staged through a TEMP table on SQLite).
Tier, class, temperature and priority come from the app's own rules
(``services.rules``), so the services read the data as they would their own.
The result passes ``PRAGMA foreign_key_check`` (checked at the end).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

# Bump when the shape of the generated data changes: cached databases are keyed on it.
GENERATOR_VERSION = 3

TEAM = [
    # handle, name, roles
    ("ana", "Ana Chair", ["chair", "member", "manager"]),
    ("li", "Li Wei 李伟", ["sr", "member"]),
    ("bo", "Bo Account", ["ar", "member"]),
    ("fay", "Fay Fulfil", ["fr"]),
    ("sam", "Sam Staff", []),
    ("chen", "Chen Jing 陈静", ["sr"]),
    ("omar", "Omar Haddad", ["ar"]),
    ("ines", "Inés Duarte", ["ar"]),
    ("kofi", "Kofi Mensah", ["fr"]),
    ("mei", "Mei Lin 林梅", ["sr", "member"]),
    ("raj", "Raj Patel", ["ar"]),
    ("sofia", "Sofia Rossi", ["sr"]),
    ("tom", "Tom Becker", ["fr"]),
    ("yuki", "Yuki Tanaka", ["sr"]),
    ("zhang", "Zhang Wei 张伟", ["ar"]),
    ("ola", "Ola Nordmann", ["fr"]),
    ("amir", "Amir Karimi", ["ar"]),
    ("lucia", "Lucía Gómez", ["sr"]),
    ("ivan", "Ivan Petrov", []),
    ("nia", "Nia Okafor", []),
    ("wang", "Wang Fang 王芳", []),
    ("pablo", "Pablo Ruiz", []),
    ("hana", "Hana Novak", []),
    ("lee", "Lee Min-jun", []),
    ("eva", "Eva Schmidt", []),
    ("dan", "Dan Cohen", []),
    ("ada", "Ada Obi", []),
    ("liu", "Liu Yang 刘洋", []),
    ("max", "Max Müller", []),
    ("zoe", "Zoe Martin", []),
]

PLACES = [
    "Northern", "Pacific", "Andes", "Sahara", "Baltic", "Delta", "Summit", "Harbor", "Jade", "Golden",
    "Silver", "Blue River", "Red Rock", "Evergreen", "Atlas", "Orion", "Zenith", "Nova", "Aurora", "Meridian",
    "Coastal", "Highland", "Lakeside", "Eastern", "Western", "Central", "Metro", "Sunrise", "Polar", "Savanna",
]
TRADES = [
    "Telecom", "Power Grid", "Railways", "Water Utility", "Bank", "Hospital Group", "University", "Logistics",
    "Steel", "Mining", "Airport", "Metro", "Broadcasting", "Cable", "Insurance", "Oil & Gas", "Ports",
    "Government IT", "Retail Group", "Telco Services",
]
ZH_PLACES = ["华南", "华北", "西部", "东方", "长江", "珠江", "天山", "黄河", "江南", "塞北"]
ZH_TRADES = ["电信", "电网", "铁路", "银行", "医院", "港务集团", "能源", "广电", "水务", "地铁"]
CITIES = [
    "Lima", "Cusco", "Nairobi", "Lagos", "Jakarta", "Manila", "Hanoi", "Quito", "Dakar", "Accra", "Chengdu",
    "Kunming", "Xian", "Harbin", "Lusaka", "Maputo", "Tunis", "Rabat", "Almaty", "Tashkent", "Baku", "Tbilisi",
    "Yerevan", "Minsk", "Riga", "Vilnius", "Sofia", "Skopje", "Tirana", "Porto",
]
INDUSTRIES = ["telecom", "energy", "transport", "finance", "health", "education", "public", "industry"]
TECH = [
    "CDMA450", "5G private network", "Fibre backbone", "Core network", "Data centre", "Microwave backhaul",
    "IoT metering", "SD-WAN", "Cloud migration", "Video surveillance", "Smart grid SCADA", "LTE trunking",
    "Optical transport", "Campus Wi-Fi", "Billing system", "Network security", "Edge computing", "GPON access",
]
WHAT = [
    "rural coverage", "refresh", "expansion", "upgrade", "pilot", "phase 2", "for the new HQ", "capacity increase",
    "replacement", "tender", "modernisation", "consolidation", "disaster recovery", "managed service",
]
ZH_TITLES = ["5G专网建设", "光纤骨干网扩容", "数据中心改造", "智能电网试点", "视频监控升级", "核心网替换", "农村覆盖项目"]
NEEDS = [
    "Coverage gaps in the northern districts cost them subscribers every quarter.",
    "The current vendor ends support next year; they need a migration path.",
    "Operations team spends two days a week on manual reconciliation.",
    "Regulator requires redundancy for critical sites by the end of the year.",
    "Outages during peak hours hurt their service-level agreements.",
    "They want to cut energy costs at remote sites by a third.",
    "New branches open next spring and need connectivity from day one.",
    "Board asked for a plan to retire the legacy platform.",
    "客户希望在明年上半年完成核心网升级，预算尚未批准。",
    "Security audit found gaps; the CIO owns the fix.",
]
FIRST = ["Ana", "Luis", "Wei", "Fatima", "John", "Maria", "Ken", "Aisha", "Pedro", "Olga", "Jin", "Sara", "Ali", "Eva"]
LAST = ["Silva", "Zhang", "Okoro", "Smith", "Garcia", "Sato", "Khan", "Ivanova", "Nguyen", "Moreau", "Li", "Costa"]
JOB = ["CTO", "CIO", "Network Director", "Procurement Manager", "Head of Operations", "CFO", "IT Manager", "Engineer"]
CLOSE_REASONS = [
    "No budget this year.", "Need not real: exploratory only.", "Does not fit our strategy.",
    "Customer chose the incumbent.", "Project cancelled by the customer.", "Duplicate of another lead.",
]
LOST_REASONS = ["Price", "Incumbent relationship", "Solution gap", "Project cancelled", "Lost to competitor"]
COMPETITORS = ["Nokora", "Ericon", "ZetaCom", "Ciscom", "LocalTel Integrators", "Huaxin", "Samtel"]
PAINS = [
    ("Network Director", "availability", "Outages at peak hours", "Ageing equipment", "Penalties under the SLA"),
    ("CFO", "opex", "Energy bills at remote sites", "Diesel generators", "Margins shrink"),
    ("Head of Operations", "time to repair", "Slow fault location", "No central monitoring", "Customer churn"),
    ("CEO", "subscribers", "Losing rural subscribers", "No coverage", "Revenue falls"),
]
SOURCE_WEIGHTS = {
    "sales_visit": 30, "tech_exchange": 12, "delivery": 10, "hq_marketing": 8, "exhibition": 10,
    "executive_visit": 5, "company_tour": 3, "partner": 10, "inbound": 8, "other": 4,
}
STAGES = ["verify", "initiation", "needs_analysis", "value_presentation", "bid", "negotiation"]
PROBABILITY = {"verify": 10, "initiation": 20, "needs_analysis": 30, "value_presentation": 50, "bid": 60,
               "negotiation": 80, "won": 100, "lost": 0}
STEPS = ["pain_chain", "kdm_interest", "pain_acknowledged", "competition", "vision", "solution_acceptance"]


class Gen:
    """Builds every table's rows in memory (explicit ids), then inserts them in bulk."""

    def __init__(self, leads: int, seed: int, today: dt.date) -> None:
        self.n = leads
        self.r = random.Random(seed)
        self.today = today
        self.now = dt.datetime.combine(today, dt.time(9, 0), dt.UTC)
        # A team of 30 enters about 35 leads a day at most: history grows with the size.
        self.span_days = max(365, leads // 35)
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.ids: dict[str, int] = {}

    # --- helpers -------------------------------------------------------------------------

    def add(self, table: str, row: dict[str, Any]) -> int:
        """Append a row; give it the next id unless it has its own key."""
        if "id" not in row and table not in ("person_role", "meeting_attendee", "verification_contact",
                                              "visit_contact"):
            self.ids[table] = self.ids.get(table, 0) + 1
            row["id"] = self.ids[table]
        self.rows.setdefault(table, []).append(row)
        return row.get("id", 0)

    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        h = self.r.randint(8, 18) if hour is None else hour
        return dt.datetime.combine(day, dt.time(h, self.r.randint(0, 59)), dt.UTC)

    def versioned(self, created: dt.datetime, updated: dt.datetime | None = None, version: int = 1) -> dict[str, Any]:
        return {"version": version, "created_at": created, "updated_at": updated or created}

    def audit(self, entity: str, record_id: int, action: str, at: dt.datetime, actor: int | None,
              field: str | None = None, old: Any = None, new: Any = None, version: int | None = None) -> None:
        self.add("audit_event", {
            "at": at, "actor_id": actor, "entity": entity, "record_id": record_id, "action": action,
            "field": field, "old": None if old is None else str(old), "new": None if new is None else str(new),
            "record_version": version,
        })

    def pick(self, seq: list[Any]) -> Any:
        return seq[self.r.randrange(len(seq))]

    def money(self, low: int, high: int) -> int:
        """Cents, log-uniform between two whole amounts."""
        import math

        value = math.exp(self.r.uniform(math.log(low), math.log(high)))
        return int(round(value, -3)) * 100

    # --- the team, customers, contacts -------------------------------------------------------

    def team(self) -> None:
        start = self.now - dt.timedelta(days=self.span_days + 30)
        self.people: dict[str, int] = {}
        self.by_role: dict[str, list[int]] = {"ar": [], "sr": [], "fr": []}
        for index, (handle, name, roles) in enumerate(TEAM):
            pid = self.add("person", {
                **self.versioned(start), "handle": handle, "name": name,
                "email": f"{handle}@example.com", "active": True,
            })
            self.people[handle] = pid
            wanted = set(roles) | {"staff"} | ({"admin"} if index == 0 else set())
            for role in sorted(wanted):
                self.add("person_role", {"person_id": pid, "role": role})
                if role in self.by_role:
                    self.by_role[role].append(pid)
            self.audit("person", pid, "create", start, None, new=name, version=1)
        self.everyone = list(self.people.values())
        self.chair = self.people["ana"]

    def customers(self) -> None:
        count = max(20, self.n // 10)
        self.customer_standing: dict[int, str] = {}
        self.contacts_of: dict[int, list[int]] = {}
        self.makers_of: dict[int, list[int]] = {}
        seen: set[str] = set()
        created = self.now - dt.timedelta(days=self.span_days + 20)
        for index in range(count):
            if self.r.random() < 0.1:
                name = self.pick(ZH_PLACES) + self.pick(ZH_TRADES)
            else:
                name = f"{self.pick(PLACES)} {self.pick(TRADES)}"
            while name.casefold() in seen:
                name = f"{name} {self.pick(CITIES)}" if len(name) < 60 else f"{name[:60]} {index}"
            seen.add(name.casefold())
            roll = self.r.random()
            standing = "strategic" if roll < 0.05 else "key" if roll < 0.2 else "normal"
            known = standing != "normal" and self.r.random() < 0.6
            cid = self.add("customer", {
                **self.versioned(created), "name": name, "name_key": name.casefold(), "standing": standing,
                "industry": self.pick(INDUSTRIES), "region": self.pick(CITIES), "notes": None,
                "budget_known": known, "budget_year": self.today.year + 1 if known else None,
                "budget_cents": self.money(100_000, 20_000_000) if known else None,
                "budget_currency": "USD" if known else None, "external_id": None,
            })
            self.customer_standing[cid] = standing
            self.contacts_of[cid] = []
            self.makers_of[cid] = []
            for k in range(self.r.randint(1, 4)):
                first, last = self.pick(FIRST), self.pick(LAST)
                role = "decision_maker" if k == 0 or self.r.random() < 0.2 else self.pick(
                    ["influencer", "evaluator", "user", "coach", "gatekeeper"])
                contact = self.add("contact", {
                    **self.versioned(created), "customer_id": cid, "name": f"{first} {last}",
                    "job_title": self.pick(JOB), "email": f"{first}.{last}{k}@c{cid}.example".lower(),
                    "phone": f"+1 555 {self.r.randint(1000000, 9999999)}",
                    "level": self.pick(["executive", "manager", "staff"]), "decision_role": role,
                    "influence": self.pick(["high", "medium", "low"]),
                    "attitude": self.pick(["champion", "supporter", "neutral", "opponent", "unknown"]),
                    "notes": None,
                })
                self.contacts_of[cid].append(contact)
                if role == "decision_maker":
                    self.makers_of[cid].append(contact)
        self.customer_ids = list(self.customer_standing)

    # --- meetings ------------------------------------------------------------------------------

    def meetings(self) -> None:
        """Biweekly meetings over the whole history (all closed)."""
        self.meeting_days: list[dt.date] = []
        day = self.today - dt.timedelta(days=self.span_days)
        while day < self.today:
            self.meeting_days.append(day)
            day += dt.timedelta(days=14)
        self.meeting_id: dict[dt.date, int] = {}
        self.agenda_pos: dict[int, int] = {}
        self.agenda_seen: set[tuple[int, int]] = set()
        for held in self.meeting_days:
            start = self.at(held, 10)
            mid = self.add("meeting", {
                **self.versioned(start, start + dt.timedelta(hours=2), 2), "held_on": held, "chair_id": self.chair,
                "delegate_id": None, "status": "closed", "started_at": start,
                "closed_at": start + dt.timedelta(hours=2), "notes": None,
            })
            self.meeting_id[held] = mid
            for pid in sorted({self.chair, *self.r.sample(self.everyone[1:12], 4)}):
                self.add("meeting_attendee", {"meeting_id": mid, "person_id": pid})

    def meeting_after(self, day: dt.date) -> dt.date | None:
        import bisect

        index = bisect.bisect_left(self.meeting_days, day)
        return self.meeting_days[index] if index < len(self.meeting_days) else None

    def decision(self, lead_id: int, kind: str, day: dt.date, **fields: Any) -> int:
        held = self.meeting_after(day) or self.meeting_days[-1]
        mid = self.meeting_id[held]
        decided = self.at(held, 11)
        if (mid, lead_id) not in self.agenda_seen:
            self.agenda_seen.add((mid, lead_id))
            self.agenda_pos[mid] = self.agenda_pos.get(mid, 0) + 1
            self.add("agenda_item", {"meeting_id": mid, "lead_id": lead_id, "position": self.agenda_pos[mid],
                                     "reason": json.dumps(["queue.verified", {}])})
        row = {
            "meeting_id": mid, "lead_id": lead_id, "kind": kind, "reason": None, "notes": None,
            "budget_cents": None, "start_on": None, "owner_id": None, "ar_id": None, "sr_id": None, "fr_id": None,
            "next_review_on": None, "opportunity_id": None, "decided_by_id": self.chair, "decided_at": decided,
            "undone_at": None, "undone_by_id": None,
            "prior_state": json.dumps({"status": "verified", "owner_id": None}),
        }
        row.update(fields)
        did = self.add("decision", row)
        self.audit("decision", did, "create", decided, self.chair, new=kind)
        return held

    # --- leads and everything that hangs off them --------------------------------------------------

    def leads(self) -> None:
        from ltc_tui.services.rules import Answers, TierRule, assess, compute_tier

        rule = TierRule()
        sources = list(SOURCE_WEIGHTS)
        weights = list(SOURCE_WEIGHTS.values())
        r = self.r
        # Newer leads are more numerous (the team grew): square-root spread of ages.
        for lead_id in range(1, self.n + 1):
            age = int(self.span_days * (1 - r.random() ** 0.8))
            submitted = self.today - dt.timedelta(days=age)
            created = self.at(submitted)
            customer_id = self.pick(self.customer_ids)
            contacts = self.contacts_of[customer_id]
            contact_id = self.pick(contacts) if r.random() < 0.6 else None
            submitter = self.pick(self.everyone)
            amount = self.money(5_000, 5_000_000) if r.random() < 0.75 else None
            flags = [r.random() < 0.08, r.random() < 0.08, r.random() < 0.04]
            tier = compute_tier(standing=self.customer_standing[customer_id], amount_cents=amount,
                                new_product=flags[0], new_solution=flags[1], new_business_model=flags[2],
                                rule=rule).tier.value
            override = None
            if r.random() < 0.01:
                override = self.pick(["A", "B", "C"])
            title = self.pick(ZH_TITLES) if r.random() < 0.08 else f"{self.pick(TECH)} {self.pick(WHAT)}"
            status = self._status_for(age)
            lead: dict[str, Any] = {
                "id": lead_id, **self.versioned(created), "title": title, "customer_id": customer_id,
                "contact_id": contact_id, "need": self.pick(NEEDS) if r.random() < 0.85 else None,
                "source": r.choices(sources, weights)[0], "submitter_id": submitter, "submitted_on": submitted,
                "expected_amount_cents": amount, "currency": "USD" if r.random() < 0.9 else "CNY",
                "expected_start": submitted + dt.timedelta(days=r.randint(60, 400)) if r.random() < 0.5 else None,
                "has_offer": r.choice([None, True, True, False]), "new_product": flags[0],
                "new_solution": flags[1], "new_business_model": flags[2], "tier": tier,
                "tier_override": override, "tier_override_reason": "Board-level sponsor." if override else None,
                "lead_class": None, "temperature": None, "priority": None, "status": "submitted",
                "owner_id": None, "ar_id": None, "sr_id": None, "fr_id": None, "next_review_on": None,
                "close_reason": None, "closed_on": None, "budget_cents": None, "budget_start": None,
                "nurture_pass": 1, "assigned_at": None, "last_activity_at": created, "external_id": None,
            }
            self.add("lead", lead)
            self.audit("lead", lead_id, "create", created, submitter, new=title, version=1)
            if status != "submitted":
                self._verify(lead, age, Answers, assess, override or tier)
            self._progress(lead, status, age)
            for _ in range(self._poisson(0.6)):
                note_day = submitted + dt.timedelta(days=r.randint(0, max(0, age)))
                self.add("lead_note", {"lead_id": lead_id, "author_id": self.pick(self.everyone),
                                       "at": self.at(note_day), "body": self.pick(NEEDS)})

    def _poisson(self, mean: float) -> int:
        count, p = 0, self.r.random()
        import math

        threshold = math.exp(-mean)
        while p > threshold:
            count += 1
            p *= self.r.random()
        return count

    def _status_for(self, age: int) -> str:
        roll = self.r.random()
        if age < 14:
            return "submitted" if roll < 0.6 else "verified" if roll < 0.95 else "closed"
        if age < 45:
            return ("submitted" if roll < 0.1 else "verified" if roll < 0.35 else "nurturing" if roll < 0.7
                    else "closed")
        if age < 240:
            return "nurturing" if roll < 0.35 else "converted" if roll < 0.55 else "closed"
        return "nurturing" if roll < 0.01 else "converted" if roll < 0.22 else "closed"

    def _verify(self, lead: dict[str, Any], age: int, answers_cls: Any, assess: Any, tier: str) -> None:
        r = self.r
        lead_id = lead["id"]
        verifier = self.pick([p for p in self.everyone[:18] if p != lead["submitter_id"]])
        day = lead["submitted_on"] + dt.timedelta(days=min(age, r.randint(1, 10)))
        when = self.at(day)
        from ltc_tui.enums import Competition, Risk

        answers = answers_cls(
            need_real=r.random() < 0.9, fits_strategy=r.random() < 0.9, urgent=r.random() < 0.4,
            procurement_clear=r.random() < 0.4, funds_committed=r.random() < 0.35,
            relationship=r.randint(0, 3), solution_fit=r.randint(0, 3), solution_maturity=r.randint(0, 3),
            team_available=r.random() < 0.7, competition=Competition(self.pick(["none", "weak", "strong"])),
            risk=Risk(self.pick(["low", "medium", "high"])),
        )
        result = assess(answers, tier)
        vid = self.add("verification", {
            "lead_id": lead_id, "verifier_id": verifier, "submitter_id": lead["submitter_id"], "verified_at": when,
            "need_real": answers.need_real, "fits_strategy": answers.fits_strategy, "q1_notes": None,
            "urgent": answers.urgent, "procurement_clear": answers.procurement_clear,
            "funds_committed": answers.funds_committed, "q2_notes": None, "relationship": answers.relationship,
            "solution_fit": answers.solution_fit, "solution_maturity": answers.solution_maturity,
            "team_available": answers.team_available, "competition": answers.competition.value,
            "risk": answers.risk.value, "q3_notes": "Met two levels: CTO and operations.",
            "lead_class": result.lead_class.value, "temperature": result.temperature.value,
            "priority": result.priority,
        })
        contacts = self.contacts_of[lead["customer_id"]]
        for contact in self.r.sample(contacts, min(len(contacts), 2)):
            self.add("verification_contact", {"verification_id": vid, "contact_id": contact})
        lead.update(status="verified", lead_class=result.lead_class.value, temperature=result.temperature.value,
                    priority=result.priority, last_activity_at=when, updated_at=when, version=lead["version"] + 1)
        self.audit("verification", vid, "create", when, verifier, new=result.lead_class.value)
        self.audit("lead", lead_id, "update", when, verifier, "status", "submitted", "verified", lead["version"])
        lead["_verified_on"] = day

    def _triangle(self) -> dict[str, int]:
        sr = self.pick(self.by_role["sr"])
        return {"owner_id": sr, "ar_id": self.pick(self.by_role["ar"]), "sr_id": sr,
                "fr_id": self.pick(self.by_role["fr"])}

    def _set_status(self, lead: dict[str, Any], status: str, when: dt.datetime, actor: int) -> None:
        old = lead["status"]
        lead.update(status=status, updated_at=when, version=lead["version"] + 1)
        lead["last_activity_at"] = max(lead["last_activity_at"], when)
        self.audit("lead", lead["id"], "update", when, actor, "status", old, status, lead["version"])

    def _progress(self, lead: dict[str, Any], status: str, age: int) -> None:
        r = self.r
        lead_id = lead["id"]
        if status in ("submitted", "verified"):
            if status == "verified" and r.random() < 0.15:
                self.decision(lead_id, "defer", lead["_verified_on"])
            if status == "submitted" and r.random() < 0.3:
                lead["last_activity_at"] = lead["created_at"]
            lead.pop("_verified_on", None)
            return
        if status == "closed" and r.random() < 0.7:  # closed straight after verification
            reason = self.pick(CLOSE_REASONS)
            held = self.decision(lead_id, "close", lead["_verified_on"], reason=reason)
            lead.update(close_reason=reason, closed_on=held)
            self._set_status(lead, "closed", self.at(held, 11), self.chair)
            lead.pop("_verified_on", None)
            return
        # nurtured first
        triangle = self._triangle()
        review = self.today + dt.timedelta(days=r.randint(-20, 40))
        held = self.decision(lead_id, "nurture", lead["_verified_on"], **triangle,
                             next_review_on=max(review, lead["_verified_on"]))
        assigned = self.at(held, 11)
        lead.update(**triangle, assigned_at=assigned, next_review_on=review)
        self._set_status(lead, "nurturing", assigned, self.chair)
        done_steps = 6 if status == "converted" else r.randint(0, 5)
        self._nurture(lead, held, done_steps, age)
        if status == "nurturing":
            # Most are followed up; some go quiet (stale) and come back to the committee.
            quiet = r.random() < 0.25
            last = self.now - dt.timedelta(days=r.randint(31, 120) if quiet else r.randint(0, 20))
            lead["last_activity_at"] = max(lead["created_at"], min(last, self.now))
        elif status == "closed":
            reason = self.pick(CLOSE_REASONS)
            day = min(held + dt.timedelta(days=r.randint(14, 120)), self.today)
            when = self.decision(lead_id, "close", day, reason=reason)
            lead.update(close_reason=reason, closed_on=when, next_review_on=None)
            self._set_status(lead, "closed", self.at(when, 11), self.chair)
        else:  # converted
            budget = lead["expected_amount_cents"] or self.money(20_000, 3_000_000)
            start = held + dt.timedelta(days=r.randint(30, 180))
            day = min(held + dt.timedelta(days=r.randint(14, 150)), self.today)
            opp_id = self.ids.get("opportunity", 0) + 1
            when = self.decision(lead_id, "convert", day, budget_cents=budget, start_on=start,
                                 opportunity_id=opp_id, **triangle)
            lead.update(budget_cents=budget, budget_start=start, next_review_on=None)
            self._set_status(lead, "converted", self.at(when, 11), self.chair)
            self._opportunity(lead, opp_id, when)
        lead.pop("_verified_on", None)

    def _nurture(self, lead: dict[str, Any], held: dt.date, done_steps: int, age: int) -> None:
        r = self.r
        lead_id = lead["id"]
        started = self.at(held, 12)
        self.add("nurture_pass", {"lead_id": lead_id, "pass_no": 1, "started_at": started,
                                  "started_by_id": self.chair, "ended_at": None, "ended_by_id": None,
                                  "end_reason": None})
        day = held
        for index, step in enumerate(STEPS):
            done = index < done_steps
            if done:
                day = min(day + dt.timedelta(days=r.randint(3, 20)), self.today)
            self.add("step_record", {
                **self.versioned(started, self.at(day) if done else started, 2 if done else 1),
                "lead_id": lead_id, "pass_no": 1, "step": step, "state": "done" if done else "open",
                "notes": None, "started_on": held if index == 0 else None, "done_on": day if done else None,
                "done_by_id": lead["sr_id"] if done else None,
            })
        if done_steps >= 1:
            previous = None
            for role, kpi, pain, cause, impact in r.sample(PAINS, r.randint(2, 3)):
                previous = self.add("pain_row", {
                    **self.versioned(started), "lead_id": lead_id, "pass_no": 1, "role": role, "contact_id": None,
                    "kpi": kpi, "pain": pain, "cause": cause, "impact": impact, "leads_to_id": previous,
                })
        for contact in self.makers_of[lead["customer_id"]]:
            self.add("kdm_stance", {
                **self.versioned(started), "lead_id": lead_id, "pass_no": 1, "contact_id": contact,
                "interested": done_steps >= 2, "acknowledges_pain": done_steps >= 3, "shares_vision": done_steps >= 5,
                "vote": "for" if done_steps >= 6 else "undecided", "notes": None,
            })
        lead["_competitors"] = []
        if done_steps >= 4:
            for name in r.sample(COMPETITORS, r.randint(1, 2)):
                cid = self.add("competitor", {
                    **self.versioned(started), "lead_id": lead_id, "pass_no": 1, "opportunity_id": None,
                    "name": name, "strengths": "Price", "weaknesses": "Local support", "standing": "medium",
                    "strategy": "Lead with total cost of ownership.", "locked": True,
                })
                lead["_competitors"].append(self.rows["competitor"][-1])
                del cid

    def _opportunity(self, lead: dict[str, Any], opp_id: int, converted: dt.date) -> None:
        r = self.r
        age = (self.today - converted).days
        if age > 120:
            stage = "won" if r.random() < 0.45 else "lost"
        else:
            stage = STAGES[min(len(STAGES) - 1, int(r.random() * (1 + age / 20)))]
        closed = None
        if stage in ("won", "lost"):
            closed = min(converted + dt.timedelta(days=r.randint(20, 200)), self.today)
        amount = lead["budget_cents"]
        changed = self.at(closed or converted)
        self.add("opportunity", {
            "id": opp_id, **self.versioned(self.at(converted, 11), changed, 3), "lead_id": lead["id"],
            "customer_id": lead["customer_id"], "title": lead["title"], "product": self.pick(TECH), "stage": stage,
            "amount_cents": amount, "budget_cents": lead["budget_cents"], "currency": lead["currency"],
            "start_on": lead["budget_start"], "probability": PROBABILITY[stage], "probability_manual": False,
            "owner_id": lead["ar_id"], "ar_id": lead["ar_id"], "sr_id": lead["sr_id"], "fr_id": lead["fr_id"],
            "engaged_on": lead["submitted_on"], "closed_on": closed,
            "won_reason": "Best total cost of ownership." if stage == "won" else None,
            "lost_reason": self.pick(LOST_REASONS) if stage == "lost" else None, "stage_changed_at": changed,
            "our_strengths": "Local delivery team.", "unique_value": None, "need_fit": None, "difference": None,
            "market_notes": None, "customer_notes": None, "product_notes": None, "competition_notes": None,
            "external_id": None,
        })
        self.ids["opportunity"] = opp_id
        self.audit("opportunity", opp_id, "create", self.at(converted, 11), self.chair, new=lead["title"])
        path = STAGES[: (STAGES.index(stage) + 1) if stage in STAGES else r.randint(2, len(STAGES))]
        if stage in ("won", "lost"):
            path = [*path, stage]
        previous = None
        day = converted
        for to in path:
            self.add("stage_change", {"opportunity_id": opp_id, "from_stage": previous, "to_stage": to,
                                      "at": self.at(day), "by_id": lead["ar_id"], "note": None})
            previous = to
            day = min(day + dt.timedelta(days=r.randint(5, 25)), closed or self.today)
        if len(path) > 1:
            self.add("gate_record", {
                "opportunity_id": opp_id, "gate": "initiation", "result": "pass", "approver_id": self.chair,
                "recorded_by_id": lead["ar_id"], "at": self.at(converted), "notes": None, "conditions": None,
                "deliverability": None, "workload_days": None, "price_cents": None,
            })
        if "bid" in path:
            self.add("gate_record", {
                "opportunity_id": opp_id, "gate": "bid", "result": "pass", "approver_id": lead["fr_id"],
                "recorded_by_id": lead["ar_id"], "at": self.at(converted), "notes": None, "conditions": None,
                "deliverability": "pass", "workload_days": r.randint(20, 400), "price_cents": amount,
            })
        for contact in self.makers_of[lead["customer_id"]]:
            self.add("power_map_entry", {"opportunity_id": opp_id, "contact_id": contact,
                                         "covered_by_id": lead["ar_id"], "notes": None})
        for competitor in lead.pop("_competitors", []):
            competitor["opportunity_id"] = opp_id
        if stage == "won" and closed is not None:
            self._contract(lead, opp_id, closed, amount)

    def _contract(self, lead: dict[str, Any], opp_id: int, signed: dt.date, value: int) -> None:
        r = self.r
        age = (self.today - signed).days
        roll = r.random()
        if age > 400:
            status = "closed" if roll < 0.85 else "disputed" if roll < 0.9 else "executing"
        else:
            status = "signed" if age < 30 else "disputed" if roll < 0.05 else "executing"
        cid = self.ids.get("contract", 0) + 1
        closed_on = min(signed + dt.timedelta(days=r.randint(200, 400)), self.today) if status == "closed" else None
        self.add("contract", {
            "id": cid, **self.versioned(self.at(signed), None, 2), "opportunity_id": opp_id,
            "customer_id": lead["customer_id"], "number": f"C-{signed.year}-{cid:06d}", "title": lead["title"],
            "signed_on": signed, "value_cents": value, "currency": lead["currency"],
            "po_number": f"PO{r.randint(100000, 999999)}" if r.random() < 0.7 else None, "ar_id": lead["ar_id"],
            "fr_id": lead["fr_id"], "status": status, "closed_on": closed_on, "write_off_cents": None,
            "write_off_reason": None, "notes": None,
        })
        self.ids["contract"] = cid
        self.audit("contract", cid, "create", self.at(signed), lead["ar_id"], new=f"C-{signed.year}-{cid:06d}")
        for k, name in enumerate(["Kick-off", "Delivery", "Acceptance"][: r.randint(2, 3)]):
            planned = signed + dt.timedelta(days=30 + 60 * k)
            self.add("milestone", {**self.versioned(self.at(signed)), "contract_id": cid, "name": name,
                                   "planned_on": planned,
                                   "actual_on": planned + dt.timedelta(days=r.randint(-5, 30))
                                   if planned < self.today else None, "notes": None})
        parts = r.randint(2, 4)
        share = value // parts
        for k in range(parts):
            due = signed + dt.timedelta(days=30 + 90 * k)
            amount = share if k < parts - 1 else value - share * (parts - 1)
            invoice_id = None
            if due - dt.timedelta(days=30) <= self.today:
                invoice_id = self.add("invoice", {
                    **self.versioned(self.at(signed)), "contract_id": cid, "number": f"INV-{cid}-{k + 1}",
                    "issued_on": due - dt.timedelta(days=30), "due_on": due, "amount_cents": amount, "notes": None,
                })
            paid = status == "closed" or (due < self.today and r.random() < 0.8)
            received = min(due + dt.timedelta(days=r.randint(-10, 40)), self.today) if paid else None
            self.add("payment", {
                **self.versioned(self.at(signed)), "contract_id": cid, "invoice_id": invoice_id, "due_on": due,
                "amount_cents": amount, "received_on": received, "received_cents": amount if paid else None,
                "is_final": k == parts - 1, "notes": None,
            })
        if status == "disputed":
            opened = signed + dt.timedelta(days=r.randint(30, 120))
            self.add("dispute", {**self.versioned(self.at(min(opened, self.today))), "contract_id": cid,
                                 "opened_on": min(opened, self.today),
                                 "description": "Acceptance delayed: the customer disputes site 3.",
                                 "resolution": None, "resolved_on": None})

    def visits(self) -> None:
        facing = self.by_role["ar"] + self.by_role["sr"] + self.by_role["fr"]
        lead_rows = self.rows.get("lead", [])
        for _ in range(self.n // 2):
            lead = self.pick(lead_rows) if lead_rows and self.r.random() < 0.5 else None
            customer = lead["customer_id"] if lead else self.pick(self.customer_ids)
            day = self.today - dt.timedelta(days=int(self.span_days * self.r.random() ** 1.5))
            if lead and day < lead["submitted_on"]:
                day = lead["submitted_on"]
            vid = self.add("visit", {
                **self.versioned(self.at(day)), "person_id": self.pick(facing), "customer_id": customer,
                "visited_on": day, "kind": self.pick(["routine", "tech_exchange", "executive", "site_tour"]),
                "objective": "Walk through the network plan.", "outcome": "Agreed a workshop.",
                "next_step": "Send the proposal.", "lead_id": lead["id"] if lead else None, "opportunity_id": None,
            })
            contacts = self.contacts_of[customer]
            self.add("visit_contact", {"visit_id": vid, "contact_id": self.pick(contacts)})

    def build(self) -> None:
        self.team()
        self.customers()
        self.meetings()
        self.leads()
        self.ids["lead"] = self.n
        self.visits()
        for lead in self.rows.get("lead", []):
            for key in [k for k in lead if k.startswith("_")]:
                del lead[key]


def generate(target: str, leads: int, *, seed: int = 7, today: dt.date | None = None,
             quiet: bool = True) -> dict[str, int]:
    """Create (or refuse to reuse) a database at ``target`` holding ``leads`` leads.

    ``target`` is a path or an SQLAlchemy URL; the schema is made by the app
    itself (``open_database``). Returns the row count of every table filled."""
    import sqlalchemy as sa

    from ltc_tui import clock
    from ltc_tui.db import open_database
    from ltc_tui.models import load_all
    from ltc_tui.services.bulk import insert_rows

    started = time.perf_counter()
    db = open_database(target)
    metadata = load_all()
    with db.engine.connect() as conn:
        if conn.execute(sa.text("SELECT count(*) FROM person")).scalar_one():
            raise SystemExit(f"{target} already holds data; generate into a new file")
    gen = Gen(leads, seed, today or clock.today())
    gen.build()
    built = time.perf_counter()
    order = [t.name for t in metadata.sorted_tables]
    counts: dict[str, int] = {}
    with db.engine.begin() as conn:
        for name in order:
            rows = gen.rows.get(name)
            if not rows:
                continue
            columns = list(rows[0])
            insert_rows(conn, metadata.tables[name], columns, [tuple(row[c] for c in columns) for row in rows])
            counts[name] = len(rows)
        if not db.is_sqlite:
            for name in order:
                if name in gen.ids:
                    conn.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), {gen.ids[name]})"))
    if db.is_sqlite:
        with db.engine.connect() as conn:
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"generated data breaks foreign keys: {problems[:5]}")
    db.dispose()
    if not quiet:
        total = sum(counts.values())
        print(f"{target}: {total:,} rows ({leads:,} leads) built in {built - started:.1f} s, "
              f"inserted in {time.perf_counter() - built:.1f} s", file=sys.stderr)
    return counts


SF_HEADER = [
    "FirstName", "LastName", "Company", "Title", "Email", "Phone", "LeadSource", "Status", "Rating", "Industry",
    "AnnualRevenue", "NumberOfEmployees", "Description", "CreatedDate",
]
SF_SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Trade Show", "Employee Referral",
              "Advertisement", "Other", ""]
SF_STATUS = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]
SF_INDUSTRY = ["Telecommunications", "Energy", "Transportation", "Banking", "Healthcare", "Education",
               "Government", "Manufacturing", ""]


def salesforce_csv(path: str | Path, rows: int, *, seed: int = 11) -> int:
    """A Salesforce lead export (API-name headers) of ``rows`` rows: what a team
    migrating from Salesforce brings. One company per five leads, some CJK,
    quoted commas and newlines, a few blank optional cells; every row valid."""
    import csv

    r = random.Random(seed)
    companies = []
    for index in range(max(1, rows // 5)):
        if r.random() < 0.1:
            companies.append(f"{r.choice(ZH_PLACES)}{r.choice(ZH_TRADES)}{index}")
        else:
            companies.append(f"{r.choice(PLACES)} {r.choice(TRADES)} {index}")
    start = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(SF_HEADER)
        for index in range(rows):
            first, last = r.choice(FIRST), r.choice(LAST)
            company = companies[r.randrange(len(companies))]
            created = start + dt.timedelta(minutes=r.randrange(60 * 24 * 365 * 7))
            description = r.choice(NEEDS)
            if r.random() < 0.05:
                description += '\nSecond line, with "quotes", commas.'
            writer.writerow([
                first, last, company, r.choice(JOB), f"{first}.{last}.{index}@example.com".lower(),
                f"+1 555 {r.randint(1000000, 9999999)}", r.choice(SF_SOURCES), r.choice(SF_STATUS),
                r.choice(["Hot", "Warm", "Cold", ""]), r.choice(SF_INDUSTRY),
                f"{r.randint(1, 5000) * 100000}" if r.random() < 0.7 else "",
                str(r.randint(10, 50000)) if r.random() < 0.6 else "", description,
                created.strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
            ])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="new database file (or SQLAlchemy URL); with --salesforce, the CSV file")
    parser.add_argument("--leads", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--salesforce", action="store_true", help="write a Salesforce-style lead CSV instead")
    args = parser.parse_args(argv)
    if args.salesforce:
        salesforce_csv(args.target, args.leads, seed=args.seed)
        return 0
    if "://" not in args.target and Path(args.target).exists():
        parser.error(f"{args.target} exists; give a new file")
    counts = generate(args.target, args.leads, seed=args.seed, quiet=False)
    for name, count in counts.items():
        print(f"{name:22s}{count:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
