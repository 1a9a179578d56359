"""Contract execution: dates in order, amounts never negative, invoices and
payments checked against what is owed, disputes, and closing with the money
collected or the rest written off with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from core_builders import count

from ltc_tui import clock
from ltc_tui.errors import NotFound, RuleViolation, ValidationError
from ltc_tui.models import Contract, Payment
from ltc_tui.services import contracts as k
from ltc_tui.services import customers

SIGNED = dt.date(2026, 2, 2)
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def frozen():
    clock.freeze(TODAY)


@pytest.fixture
def cid(team):
    with team.act("ana") as s:
        customers.add_customer(s, name="Telmex", standing="key")
        return k.add_contract(s, customer="telmex", title="CDMA450 phase 1", value="1M", number="TMX-1",
                              signed_on=SIGNED, ar="bo", fr="fay").id


def run(team, fn, who="fay", **kw):
    with team.act(who) as s:
        return fn(s, **kw)


def status(team, cid):
    with team.act("ana", write=False) as s:
        return s.get(Contract, cid).status


def test_a_contract_needs_a_known_customer_and_a_value(team):
    with pytest.raises(NotFound):
        run(team, k.add_contract, customer="Nobody Inc", title="x", value="1M")
    with team.act("ana") as s:
        customers.add_customer(s, name="Acme")
    for bad in ("", "-5", "a lot"):
        with pytest.raises(ValidationError) as caught:
            run(team, k.add_contract, customer="Acme", title="x", value=bad)
        assert caught.value.field == "value"
    assert count(team.db, "contract") == 0


def test_a_contract_number_is_unique(team, cid):
    with pytest.raises(ValidationError) as caught:
        run(team, k.add_contract, customer="Telmex", title="again", value="1", number="TMX-1")
    assert caught.value.field == "number"
    generated = run(team, k.add_contract, customer="Telmex", title="auto", value="1", signed_on=SIGNED)
    assert generated.number.startswith("C2026-")


@pytest.mark.parametrize(
    ("fn", "kw", "field"),
    [
        (k.add_milestone, {"name": "Design", "planned_on": "2026-01-15"}, "planned"),
        (k.add_milestone, {"name": "Design", "actual_on": "2026-02-01"}, "actual"),
        (k.add_milestone, {"name": "Design", "actual_on": "2026-07-01"}, "actual"),  # in the future
        (k.add_invoice, {"number": "F1", "amount": "100k", "issued_on": "2026-01-31"}, "issued"),
        (k.add_invoice, {"number": "F1", "amount": "100k", "issued_on": "2026-03-01", "due_on": "2026-02-28"}, "due"),
        (k.add_payment, {"amount": "100k", "due_on": "2026-01-01"}, "due"),
        (k.open_dispute, {"description": "late", "opened_on": "2025-12-31"}, "opened"),
    ],
)
def test_dates_stay_in_order(team, cid, fn, kw, field):
    with pytest.raises(ValidationError) as caught:
        run(team, fn, contract_id=cid, **kw)
    assert caught.value.field == field
    assert count(team.db, "milestone") + count(team.db, "invoice") + count(team.db, "payment") + count(team.db, "dispute") == 0
    assert status(team, cid) == "signed"


@pytest.mark.parametrize(
    ("fn", "kw"),
    [
        (k.add_invoice, {"number": "F1", "amount": "-100"}),
        (k.add_payment, {"amount": "-1", "due_on": "2026-07-01"}),
        (k.add_payment, {"amount": "", "due_on": "2026-07-01"}),
        (k.add_invoice, {"number": "  ", "amount": "100"}),
    ],
)
def test_amounts_are_never_negative_or_missing(team, cid, fn, kw):
    with pytest.raises(ValidationError):
        run(team, fn, contract_id=cid, **kw)
    assert count(team.db, "invoice") + count(team.db, "payment") == 0


def test_the_database_refuses_negative_amounts_too(team, cid):
    with pytest.raises(ValidationError) as caught, team.act("fay") as s:
        s.add(Payment(contract_id=cid, due_on=TODAY, amount_cents=-100))
        s.flush()
    assert caught.value.key == "error.db.constraint"
    with pytest.raises(ValidationError), team.act("fay") as s:
        s.get(Contract, cid).value_cents = -1
        s.flush()


def test_work_starts_execution(team, cid):
    run(team, k.add_milestone, contract_id=cid, name="Site survey", planned_on="2026-03-01")
    assert status(team, cid) == "signed"
    milestone = run(team, k.add_milestone, contract_id=cid, name="Design", planned_on="2026-03-15")
    run(team, k.update_milestone, milestone_id=milestone.id, actual_on="2026-03-20")
    assert status(team, cid) == "executing"


def test_invoicing_beyond_the_contract_value_needs_confirmation(team, cid):
    run(team, k.add_invoice, contract_id=cid, number="F1", amount="600k", issued_on="2026-03-01", due_on="2026-04-01")
    with pytest.raises(RuleViolation) as caught:
        run(team, k.add_invoice, contract_id=cid, number="F2", amount="500k")
    assert caught.value.message == (
        "Invoicing 1,100,000 USD would exceed the contract value 1,000,000 USD; confirm to go ahead (--confirm)."
    )
    assert count(team.db, "invoice") == 1
    run(team, k.add_invoice, contract_id=cid, number="F2", amount="500k", confirm_over_value=True)
    with pytest.raises(ValidationError):  # same number twice
        run(team, k.add_invoice, contract_id=cid, number="F2", amount="1")


def test_a_payment_over_what_is_invoiced_needs_confirmation(team, cid):
    run(team, k.add_invoice, contract_id=cid, number="F1", amount="300k", issued_on="2026-03-01")
    payment = run(team, k.add_payment, contract_id=cid, amount="400k", due_on="2026-04-01", invoice="F1")
    with pytest.raises(RuleViolation) as caught:
        run(team, k.receive_payment, payment_id=payment.id, received_on="2026-04-02")
    assert "would exceed what is invoiced (300,000 USD)" in caught.value.message
    with team.act("ana", write=False) as s:
        assert s.get(Payment, payment.id).received_on is None
    run(team, k.receive_payment, payment_id=payment.id, received_on="2026-04-02", amount="300k")
    run(team, k.receive_payment, payment_id=payment.id, received_on="2026-04-03", confirm_over_invoiced=True)
    with team.act("ana", write=False) as s:
        assert s.get(Payment, payment.id).received_cents == 40_000_000
    with pytest.raises(ValidationError):  # not yet happened
        run(team, k.receive_payment, payment_id=payment.id, received_on="2026-06-02", confirm_over_invoiced=True)


def test_a_payment_names_an_invoice_of_this_contract(team, cid):
    with pytest.raises(NotFound):
        run(team, k.add_payment, contract_id=cid, amount="1", due_on="2026-07-01", invoice="NOPE")


def test_only_one_final_payment(team, cid):
    run(team, k.add_payment, contract_id=cid, amount="100k", due_on="2026-12-01", is_final=True)
    with pytest.raises(RuleViolation):
        run(team, k.add_payment, contract_id=cid, amount="100k", due_on="2026-12-02", is_final=True)


def test_overdue_payments_stand_out(team, cid):
    run(team, k.add_invoice, contract_id=cid, number="F1", amount="1M", issued_on="2026-03-01")
    late = run(team, k.add_payment, contract_id=cid, amount="300k", due_on="2026-05-01")
    run(team, k.add_payment, contract_id=cid, amount="300k", due_on="2026-05-15", received_on="2026-05-14")
    run(team, k.add_payment, contract_id=cid, amount="400k", due_on="2026-07-01", is_final=True)
    with team.act("ana", write=False) as s:
        f = k.contract_file(s, cid)
        (row,) = k.query_contracts(s, k.parse_contract_filter("overdue"))
    assert [p.id for p in f.overdue] == [late.id]
    assert (f.invoiced_cents, f.collected_cents, f.outstanding_cents) == (100_000_000, 30_000_000, 70_000_000)
    assert f.final_payment.amount_cents == 40_000_000
    assert (row.overdue_count, row.next_due_on, row.outstanding_cents) == (1, dt.date(2026, 5, 1), 70_000_000)


def test_a_dispute_marks_the_contract_disputed_until_resolved(team, cid):
    run(team, k.add_invoice, contract_id=cid, number="F1", amount="100k", issued_on="2026-03-01")
    dispute = run(team, k.open_dispute, contract_id=cid, description="Coverage below the agreed 95%", opened_on="2026-04-01")
    assert status(team, cid) == "disputed"
    with pytest.raises(RuleViolation) as caught:
        run(team, k.close_contract, contract_id=cid, write_off="1M", reason="give up")
    assert "open dispute" in caught.value.message
    with pytest.raises(ValidationError):
        run(team, k.resolve_dispute, dispute_id=dispute.id, resolution="")
    with pytest.raises(ValidationError):
        run(team, k.resolve_dispute, dispute_id=dispute.id, resolution="x", resolved_on="2026-03-01")
    run(team, k.resolve_dispute, dispute_id=dispute.id, resolution="Two more sites at our cost")
    assert status(team, cid) == "executing"
    with pytest.raises(RuleViolation):
        run(team, k.resolve_dispute, dispute_id=dispute.id, resolution="again")


def test_status_cannot_be_set_to_closed_or_disputed_directly(team, cid):
    for value in ("closed", "disputed"):
        with pytest.raises(RuleViolation):
            run(team, k.update_contract, contract_id=cid, status=value)


def test_closing_needs_the_money_collected(team, cid):
    run(team, k.add_invoice, contract_id=cid, number="F1", amount="1M", issued_on="2026-03-01")
    run(team, k.add_payment, contract_id=cid, amount="1M", due_on="2026-04-01", received_on="2026-04-01")
    contract = run(team, k.close_contract, contract_id=cid)
    assert (contract.status, contract.closed_on, contract.write_off_cents) == ("closed", TODAY, None)
    with pytest.raises(RuleViolation) as caught:
        run(team, k.add_invoice, contract_id=cid, number="F9", amount="1")
    assert caught.value.message == "Contract TMX-1 is closed."


def test_closing_with_money_outstanding_needs_a_write_off_with_a_reason(team, cid):
    run(team, k.add_invoice, contract_id=cid, number="F1", amount="1M", issued_on="2026-03-01")
    run(team, k.add_payment, contract_id=cid, amount="900k", due_on="2026-04-01", received_on="2026-04-01")
    with pytest.raises(RuleViolation) as caught:
        run(team, k.close_contract, contract_id=cid)
    assert "still has 100,000 USD to collect" in caught.value.message
    with pytest.raises(ValidationError) as short:
        run(team, k.close_contract, contract_id=cid, write_off="50k", reason="bad debt")
    assert short.value.field == "write-off"
    with pytest.raises(ValidationError) as why:
        run(team, k.close_contract, contract_id=cid, write_off="100k", reason=" ")
    assert why.value.field == "reason"
    with pytest.raises(ValidationError):
        run(team, k.close_contract, contract_id=cid, write_off="-100k", reason="x")
    assert status(team, cid) == "executing"
    contract = run(team, k.close_contract, contract_id=cid, write_off="100k", reason="Penalty for late delivery")
    assert (contract.status, contract.write_off_cents, contract.write_off_reason) == ("closed", 10_000_000, "Penalty for late delivery")
    with pytest.raises(RuleViolation):
        run(team, k.close_contract, contract_id=cid)


def test_the_database_refuses_a_write_off_without_a_reason(team, cid):
    with pytest.raises(ValidationError), team.act("fay") as s:
        s.get(Contract, cid).write_off_cents = 5
        s.flush()


def test_contract_list_filters_and_sorts(team, cid):
    other = run(team, k.add_contract, customer="Telmex", title="Phase 2", value="3M", signed_on="2026-03-01")
    with team.act("ana", write=False) as s:
        def numbers(text):
            return [r.id for r in k.query_contracts(s, k.parse_contract_filter(text))]

        assert numbers("") == [other.id, cid]
        assert numbers("sort:value") == [cid, other.id]
        assert numbers("phase 2") == [other.id]
        assert numbers("fr:fay") == [cid]
        assert numbers("status:closed") == []
        with pytest.raises(ValidationError):
            numbers("sort:colour")
