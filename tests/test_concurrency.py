"""Several people on one database: no lost update, no "database is locked".

Two sessions that read the same version and both save: the second is refused
with a ConflictError naming who changed what, and nothing is overwritten;
re-applying on the new version works. Real processes write at once on one
SQLite file (4 x 500 adds) and on PostgreSQL, and every row is there.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from safety_helpers import count, integrity, ltc_run, worker

from ltc_tui.errors import ConflictError
from ltc_tui.models.contracts import Payment
from ltc_tui.models.leads import Lead
from ltc_tui.models.opportunities import Opportunity
from ltc_tui.services import changes, contracts, leads, opportunities

# --- records of three kinds, and an edit for each -------------------------------------------


def _lead(team: Any) -> int:
    with team.act("li") as s:
        return leads.add_lead(s, title="Core network refresh", customer="Telmex", amount="2M").lead.id


def _opportunity(team: Any) -> int:
    with team.act("bo") as s:
        return opportunities.add_opportunity(s, title="Rural CDMA450", customer="Telmex", amount="5M").id


def _payment(team: Any) -> int:
    from ltc_tui.services.customers import add_customer

    with team.act("fay") as s:
        add_customer(s, name="Claro")
        contract = contracts.add_contract(s, customer="Claro", title="Backhaul", value="1M", signed_on="2020-01-01")
        contracts.add_invoice(s, contract_id=contract.id, number="INV-1", amount="1M", issued_on="2020-01-02")
        return contracts.add_payment(s, contract_id=contract.id, amount="400k", due_on="2020-02-01").id


KINDS = {
    # kind: (model, make, edit(session, id, expected_version, n), field the edit changes)
    "lead": (Lead, _lead, lambda s, i, v, n: leads.update_lead(s, lead_id=i, expected_version=v, title=f"Title {n}"), "title"),
    "opportunity": (
        Opportunity, _opportunity,
        lambda s, i, v, n: opportunities.update_opportunity(s, opportunity_id=i, expected_version=v, amount=str(1000 + n)),
        "amount_cents",
    ),
    "payment": (
        Payment, _payment,
        lambda s, i, v, n: contracts.receive_payment(s, payment_id=i, expected_version=v, amount=str(100 + n),
                                                     received_on="2020-03-01"),
        "received_cents",
    ),
}


def _version(team: Any, model: Any, record_id: int) -> int:
    with team.act(None, write=False) as s:
        return s.get(model, record_id).version


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_save_is_refused_saying_who_changed_what(team, kind):
    model, make, edit, field = KINDS[kind]
    record_id = make(team)
    seen = _version(team, model, record_id)  # both people open the record

    with team.act("bo") as s:
        edit(s, record_id, seen, 1)  # bo saves first
    with pytest.raises(ConflictError) as refused, team.act("li") as s:
        edit(s, record_id, seen, 2)  # li saves over the version she saw

    message = refused.value.message
    assert "bo" in message and field in message
    assert f"version {seen} -> {seen + 1}" in message
    with team.act(None, write=False) as s:
        record = s.get(model, record_id)
        kept = getattr(record, field)
    assert record.version == seen + 1  # li's save changed nothing

    # The screen offers to re-apply: saving again on the version now current works.
    with team.act("li") as s:
        edit(s, record_id, refused.value.current_version, 2)
    with team.act(None, write=False) as s:
        assert getattr(s.get(model, record_id), field) != kept
    assert _version(team, model, record_id) == seen + 2


@pytest.mark.parametrize("kind", KINDS)
def test_two_saves_at_once_one_wins_the_other_is_told(team, kind):
    """Both read the same version, then save at the same moment (two threads,
    two connections): exactly one wins; the other gets ConflictError; repeated."""
    model, make, edit, field = KINDS[kind]
    record_id = make(team)
    first = _version(team, model, record_id)
    rounds = 8
    for n in range(rounds):
        seen = _version(team, model, record_id)
        start = threading.Barrier(2)

        def save(who: str, value: int, seen: int = seen, start: threading.Barrier = start) -> tuple[str, Any]:
            start.wait()
            try:
                with team.act(who) as s:
                    edit(s, record_id, seen, value)
                return ("won", who)
            except ConflictError as error:
                return ("refused", error.message)

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda args: save(*args), [("li", 10 * n + 1), ("bo", 10 * n + 2)]))
        outcomes = sorted(r[0] for r in results)
        assert outcomes == ["refused", "won"], results
        winner = next(r[1] for r in results if r[0] == "won")
        refusal = next(r[1] for r in results if r[0] == "refused")
        assert winner in refusal  # the loser is told who got there first
        assert _version(team, model, record_id) == seen + 1
    assert _version(team, model, record_id) == first + rounds


def test_concurrent_edits_in_processes_lose_no_increment(team, db_url):
    """Four processes each add 1 to the lead's amount 40 times, by reading it and
    saving on the version read; on a conflict they reload and re-apply (as the
    screen offers). Every one of the 160 increments is there."""
    lead_id = _lead(team)
    with team.act(None, write=False) as s:
        before = s.get(Lead, lead_id).expected_amount_cents
    procs = [worker("bump", db_url, team["li"], lead_id, 40) for _ in range(4)]
    outputs = [p.communicate(timeout=600) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    conflicts = sum(int(out.split()[-1]) for out, _ in outputs)
    with team.act(None, write=False) as s:
        lead = s.get(Lead, lead_id)
    assert lead.expected_amount_cents == before + 160 * 100
    assert lead.version == 1 + 160
    assert count(db_url, "audit_event", f"WHERE entity = 'lead' AND record_id = {lead_id} AND field = 'expected_amount_cents'") == 160
    assert integrity(db_url) == []
    print(f"\n160 concurrent edits, {conflicts} conflicts refused and re-applied")


WRITERS, ADDS = 4, 500


def test_four_processes_add_500_leads_each_on_one_sqlite_file(team, db_url, backend):
    if backend != "sqlite":
        pytest.skip("the many-writers-on-one-file case is SQLite's")
    procs = [worker("add-leads", db_url, team["sam"], ADDS, f"w{n}") for n in range(WRITERS)]
    results = [p.communicate(timeout=900) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err.lower() and err == ""
        assert out.strip().splitlines()[-1] == f"done {ADDS} failures 0"
    assert count(db_url, "lead") == WRITERS * ADDS
    for n in range(WRITERS):
        assert count(db_url, "lead", f"WHERE title LIKE 'w{n} lead %'") == ADDS
    assert count(db_url, "audit_event", "WHERE entity = 'lead' AND action = 'create'") == WRITERS * ADDS
    assert integrity(db_url) == []


def test_postgresql_takes_writers_at_once_too(team, db_url, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL run of the writers test")
    procs = [worker("add-leads", db_url, team["sam"], 100, f"p{n}") for n in range(WRITERS)]
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err
    assert count(db_url, "lead") == WRITERS * 100
    assert integrity(db_url) == []


def test_the_shell_never_says_database_is_locked(team, db_url, backend):
    """Real `ltc lead add` processes started together on one SQLite file."""
    if backend != "sqlite":
        pytest.skip("SQLite locking")
    import subprocess

    from safety_helpers import LTC

    procs = [
        subprocess.Popen([*LTC, "--db", db_url, "--as", "sam", "lead", "add", f"Shell lead {i}", "-c", f"Shell {i % 3}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(12)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "locked" not in (out + err).lower()
    assert count(db_url, "lead") == 12


# --- noticing others' changes ----------------------------------------------------------------


def test_the_data_version_moves_when_someone_else_saves(team):
    lead_id = _lead(team)
    with team.act("ana", write=False) as s:
        seen = changes.data_version(s)
        assert changes.changes_since(s, seen).changes == []
    with team.act("ana", write=False) as s:
        assert changes.data_version(s) == seen  # reading changes nothing

    with team.act("bo") as s:
        leads.update_lead(s, lead_id=lead_id, title="Core refresh, phase 2")
        leads.add_note(s, lead_id=lead_id, body="Called the CTO")

    with team.act("ana", write=False) as s:
        now = changes.data_version(s)
        found = changes.changes_since(s, seen)
    assert now != seen
    assert found.complete and found.version == now
    assert ("lead", lead_id) in found.records
    assert found.people == ["bo"]
    with team.act("ana", write=False) as s:
        assert changes.changes_since(s, now).changes == []


def test_a_conflicted_screen_can_show_the_other_persons_edits(team):
    lead_id = _lead(team)
    seen = _version(team, Lead, lead_id)
    with team.act("bo") as s:
        leads.update_lead(s, lead_id=lead_id, expected_version=seen, title="Renamed by Bo", need="Coverage")
    with team.act("li", write=False) as s:
        edits = changes.record_changes(s, entity="lead", record_id=lead_id, since_version=seen)
    assert {(e.by, e.field) for e in edits} >= {("bo", "title"), ("bo", "need")}


def test_a_late_commit_below_the_newest_id_is_noticed(team, backend):
    """PostgreSQL hands out ids before commit: a transaction that commits after a
    later one still changes the data version."""
    lead_id = _lead(team)
    late = team.db.session(actor_id=team["bo"])
    session = late.__enter__()
    try:
        leads.update_lead(session, lead_id=lead_id, need="slow edit")  # id taken, not committed
        with team.act("ana", write=False) as s:
            before = changes.data_version(s)
        if backend == "postgresql":
            with team.act("li") as s:
                leads.add_lead(s, title="Quick one", customer="Other")
            with team.act("ana", write=False) as s:
                before = changes.data_version(s)
    finally:
        late.__exit__(None, None, None)  # commits
    with team.act("ana", write=False) as s:
        after = changes.data_version(s)
        found = changes.changes_since(s, before)
    assert after != before
    assert ("lead", lead_id) in found.records or not found.complete


def test_concurrent_processes_leave_the_file_sound(team, db_url, backend):
    """Adds and edits at once, then the file is checked by `ltc db check`."""
    lead_id = _lead(team)
    procs = [worker("add-leads", db_url, team["sam"], 100, "mix"), worker("bump", db_url, team["li"], lead_id, 30)]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    result = ltc_run("db", "check", db=db_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout


def test_an_edit_that_skips_the_lock_still_cannot_overwrite(team, backend):
    """Defence in depth: code that loads a record without ``load_for_update``
    and saves it after someone else committed is refused too (the version read
    is part of the UPDATE), instead of silently writing over their change."""
    if backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time: the second one reads after the first commits")
    lead_id = _lead(team)
    seen = _version(team, Lead, lead_id)
    first = team.db.session(actor_id=team["bo"])
    s1 = first.__enter__()
    s1.get(Lead, lead_id).title = "Bo's title"
    s1.flush()  # bo holds the row, not yet committed
    read = threading.Event()
    outcome: dict[str, Any] = {}

    def li_saves() -> None:
        try:
            with team.act("li") as s2:
                lead = s2.get(Lead, lead_id)  # sees the committed version, without a lock
                read.set()
                lead.need = "Li's need"
        except ConflictError as error:
            outcome["refused"] = error.message

    thread = threading.Thread(target=li_saves)
    thread.start()
    assert read.wait(60)
    first.__exit__(None, None, None)  # bo commits
    thread.join(60)
    assert "saved by someone else" in outcome["refused"]
    with team.act(None, write=False) as s:
        lead = s.get(Lead, lead_id)
    assert (lead.title, lead.need, lead.version) == ("Bo's title", None, seen + 1)
