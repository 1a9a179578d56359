"""The lead pool's search and sorts, as a person sees them: every word finds
the leads whose title, need or customer holds it, whoever wrote the lead;
every sort and page shows the leads in the order a plain sort would.

The search goes through ``lead_search`` (kept by triggers) and, on SQLite,
its FTS5 trigram index; the expected results here come from Python over the
same data, not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
import sqlalchemy as sa

from ltc_tui.services import leads
from ltc_tui.services.leads import LeadQuery, count_leads, parse_filter, query_leads

CUSTOMERS = ["Acme Telecom", "华南电网", "Zenith Power Grid", "50% Off_Stores", 'Quote "Co"']
TITLES = [
    "Fibre backbone", "CDMA450 rural coverage", "光纤骨干网扩容", "Core network refresh", "SD-WAN pilot",
    "5G专网建设", "c++ toolchain", "Billing system replacement", "fibre to the home",
]


def _add(team, title, customer, need=None, actor="sam", **kw):
    with team.act(actor) as s:
        return leads.add_lead(s, title=title, customer=customer, need=need, **kw).lead.id


@pytest.fixture
def pool(team):
    ids = {}
    for index, title in enumerate(TITLES):
        customer = CUSTOMERS[index % len(CUSTOMERS)]
        need = "Outages at peak hours" if index % 3 == 0 else None
        ids[title] = _add(team, title, customer, need)
    return ids


def _ids(team, text, **kw):
    with team.act("ana", write=False) as s:
        query = parse_filter(text, LeadQuery(limit=1000, sort="id", descending=False, **kw))
        rows = query_leads(s, query)
        total = count_leads(s, parse_filter(text, LeadQuery(**kw)))
    assert total == len(rows)
    return [r.id for r in rows]


def _expected(team, words):
    """Python's answer over what the leads hold."""
    from ltc_tui.models.customers import Customer
    from ltc_tui.models.leads import Lead

    with team.act("ana", write=False) as s:
        rows = s.execute(
            sa.select(Lead.id, Lead.title, Lead.need, Customer.name).join(Customer, Customer.id == Lead.customer_id)
        ).all()
    found = []
    for lead_id, title, need, customer in rows:
        hay = [title.casefold(), (need or "").casefold(), customer.casefold()]
        if all(any(w.casefold() in h for h in hay) for w in words):
            found.append(lead_id)
    return sorted(found)


@pytest.mark.parametrize(
    "text",
    ["fibre", "FIBRE", "fi", "f", "光纤", "电网", "华南电网", "tele", "50%", "off_", "_", '"co"', "c++", "peak",
     "fibre home", "outages acme", "rural 450", "nothing-like-this", "cdma450"],
)
def test_every_word_finds_what_title_need_or_customer_holds(team, pool, text):
    assert _ids(team, text) == _expected(team, text.split())


def test_search_follows_edits_and_renames(team, pool):
    from ltc_tui.services.customers import find_customer, update_customer

    lead_id = pool["SD-WAN pilot"]
    with team.act("ana") as s:
        leads.update_lead(s, lead_id=lead_id, title="Microwave backhaul", need="Rain fade on long hops")
    assert lead_id in _ids(team, "backhaul") and lead_id in _ids(team, "rain fade")
    assert lead_id not in _ids(team, "sd-wan")
    with team.act("ana") as s:
        acme = find_customer(s, "Acme Telecom")
        update_customer(s, customer_id=acme.id, name="Apex Networks")
    assert _ids(team, "apex") == _expected(team, ["apex"]) != []
    assert _ids(team, "acme") == []


def test_a_lead_written_without_the_services_is_found_too(team, db):
    """An importer or a script inserting rows directly (bulk Core inserts)."""
    from ltc_tui.models.customers import Customer
    from ltc_tui.models.leads import Lead

    now = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Customer.__table__), [{
            "id": 900, "name": "Bulk Import Ltd", "name_key": "bulk import ltd", "standing": "normal",
            "budget_known": False, "version": 1, "created_at": now, "updated_at": now,
        }])
        conn.execute(sa.insert(Lead.__table__), [{
            "id": 901, "title": "Imported opportunity", "customer_id": 900, "source": "other",
            "submitter_id": team["sam"], "submitted_on": now.date(), "currency": "USD", "tier": "C",
            "status": "submitted", "new_product": False, "new_solution": False, "new_business_model": False,
            "nurture_pass": 1, "last_activity_at": now, "version": 1, "created_at": now, "updated_at": now,
        }])
    assert _ids(team, "imported") == [901]
    assert _ids(team, "bulk ltd") == [901]


SORT_KEYS = {
    "id": lambda r: r.id,
    "title": lambda r: r.title,
    "customer": lambda r: r.customer.casefold(),
    "source": lambda r: r.source,
    "submitter": lambda r: r.submitter,
    "class": lambda r: r.lead_class,
    "temp": lambda r: r.temperature,
    "tier": lambda r: r.tier,
    "priority": lambda r: r.priority,
    "status": lambda r: r.status,
    "owner": lambda r: r.owner,
    "age": lambda r: r.submitted_on,
    "review": lambda r: r.next_review_on,
    "activity": lambda r: r.last_activity_at,
}


def _plain_order(rows, sort, descending):
    """NULLs last when descending, first when ascending; ties by id the same way."""
    key = SORT_KEYS[sort]
    present = [r for r in rows if key(r) is not None]
    absent = [r for r in rows if key(r) is None]
    present.sort(key=lambda r: (key(r), r.id), reverse=descending)
    absent.sort(key=lambda r: r.id, reverse=descending)
    return [r.id for r in (present + absent if descending else absent + present)]


@pytest.fixture
def varied(team):
    """Leads that differ in every sorted column, with NULLs and ties."""
    from ltc_tui.enums import Competition, Risk
    from ltc_tui.services.distribution import assign
    from ltc_tui.services.rules import Answers
    from ltc_tui.services.verification import verify_lead

    rng = random.Random(3)
    for index in range(40):
        lead_id = _add(team, f"{rng.choice(TITLES)} {index % 7}", rng.choice(CUSTOMERS),
                       actor=rng.choice(["sam", "li", "bo"]), source=rng.choice(["partner", "inbound", "other"]),
                       amount=rng.choice([None, "50k", "2M"]))
        if index % 3:
            answers = Answers(need_real=True, fits_strategy=index % 5 != 0, urgent=bool(index % 2),
                              procurement_clear=bool(index % 4), funds_committed=bool(index % 3 == 1),
                              relationship=index % 4, solution_fit=2, solution_maturity=1, team_available=True,
                              competition=Competition.WEAK, risk=Risk.LOW)
            with team.act("fay") as s:
                verify_lead(s, lead_id=lead_id, answers=answers)
            if index % 4:
                with team.act("ana") as s:
                    assign(s, lead_id=lead_id, owner=rng.choice(["li", "bo", "ana"]))
        if index % 5 == 2:
            with team.act("ana") as s:
                leads.update_lead(s, lead_id=lead_id, next_review_on=dt.date(2027, 1, 1 + index % 3))


@pytest.mark.parametrize("sort", sorted(SORT_KEYS))
def test_every_sort_and_every_page_in_plain_order(team, varied, sort):
    with team.act("ana", write=False) as s:
        everything = query_leads(s, LeadQuery(limit=1000, sort="id"))
        for descending in (True, False):
            expected = _plain_order(everything, sort, descending)
            pages = []
            for offset in range(0, len(expected), 7):
                pages += [r.id for r in query_leads(s, LeadQuery(sort=sort, descending=descending, limit=7,
                                                                 offset=offset))]
            assert pages == expected, (sort, descending)


def test_filters_and_views_count_what_they_show(team, varied):
    with team.act("ana", write=False) as s:
        for text in ("status:verified", "temp:hot,warm", "tier:a,b,c", "source:partner", "class:credible",
                     "by:li", "owner:none", "customer:acme", "view:open", "view:to_verify", "view:mine"):
            query = parse_filter(text, LeadQuery(limit=1000, me_id=team["li"]))
            rows = query_leads(s, query)
            assert count_leads(s, parse_filter(text, LeadQuery(me_id=team["li"]))) == len(rows), text


def test_search_triggers_are_in_place(db):
    """A later migration rebuilding lead or customer in SQLite batch mode drops
    their triggers; this says so instead of letting search go quietly stale."""
    names = {"lead_search_lead_insert", "lead_search_lead_update", "lead_search_customer_rename"}
    with db.engine.connect() as conn:
        if db.is_sqlite:
            found = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            names |= {"lead_search_fts_insert", "lead_search_fts_delete", "lead_search_fts_update"}
        else:
            found = {r[0] for r in conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    assert names <= found


def test_an_upgraded_database_finds_its_old_leads(tmp_path):
    import shutil
    from pathlib import Path

    from ltc_tui.db import open_database

    copy = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema_0001.db", copy)
    db = open_database(str(copy))
    with db.session(actor_id=1, write=False) as s:
        assert [r.id for r in query_leads(s, parse_filter("cdma450"))] == [1]
        assert [r.id for r in query_leads(s, parse_filter("中文"))] == [2]
        assert [r.id for r in query_leads(s, parse_filter("[red]x"))] == [2]
    db.dispose()
