"""Hostile input thrown at the rules (property-based, hypothesis): random text,
numbers, dates and CSV-like bytes. Every call ends in a correct result or one
of our errors, and an error leaves the database exactly as it was.

``LTC_HYPOTHESIS_EXAMPLES`` scales the number of examples (default 120 per test); the
examples are the same every run unless ``LTC_HYPOTHESIS_RANDOM=1`` (a nightly hunt).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import Counter
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltc_tui.errors import LtcError
from ltc_tui.models.contracts import Payment
from ltc_tui.services import committee, contracts, customers, leads, verification
from ltc_tui.services import settings as team_settings
from ltc_tui.values import MAX_CENTS, clean_line, parse_date, parse_money

EXAMPLES = int(os.environ.get("LTC_HYPOTHESIS_EXAMPLES", "120"))
TRIED: Counter[str] = Counter()  # examples run per test, printed at the end of the module

HOSTILE = [
    "[red]x[/red]", "[bold]", "[/]", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "line\rover", "tab\there",
    "zero\u200bwidth", "\u202eevil\u202c", "עברית", "عربي", "中文线索", "😀👍🏽", "'; DROP TABLE lead; --",
    "%_\\", "a" * 5000, "", " ", "\x00nul", "\ud7ff", "Ǆ", "ﬁ", "１２３", "-1", "1e400", "NaN", "∞",
]
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
numberish = st.one_of(
    st.sampled_from(["0", "1", "1,200,000", "1.2M", "300k", "50万", "1e9", "-5", "1.2.3", "９９", "$1", "USD 10", "10 EUR", "1" * 40]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet="0123456789.,-+ kKmM万亿$€e", max_size=20),
)
dateish = st.one_of(
    st.sampled_from(["today", "tomorrow", "+14d", "+2w", "+3m", "+1y", "2026-02-30", "2026-13-01", "0000-01-01",
                     "9999-12-31", "2026-1-1", "2026/2/29", "+99999d", "yesterday", "明天", "2026-03"]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.text(alphabet="0123456789-/+dwmy ", max_size=12),
)
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("LTC_HYPOTHESIS_RANDOM"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


_TABLES: dict[str, list[str]] = {}


def fingerprint(db: Any) -> tuple[Any, ...]:
    """Row counts of every table and a sum over versions, in one query: a partial
    write or a half-applied edit changes it."""
    key = str(db.url)
    if key not in _TABLES:
        with db.engine.connect() as conn:
            _TABLES[key] = sorted(sa.inspect(conn).get_table_names())
    parts = [f'(SELECT count(*) FROM "{t}")' for t in _TABLES[key]]
    parts += [f'(SELECT coalesce(sum(version), 0) FROM "{t}")' for t in ("lead", "customer", "contact", "contract", "payment", "person")]
    with db.engine.connect() as conn:
        return tuple(conn.execute(sa.text("SELECT " + ", ".join(parts))).one())


def attempt(team: Any, who: str, action: Any) -> tuple[bool, Any]:
    """Run ``action(session)`` as ``who``: (True, result) or (False, our error); nothing else may escape."""
    before = fingerprint(team.db)
    try:
        with team.act(who) as s:
            return True, action(s)
    except LtcError as error:
        assert error.message.strip()  # (user text inside it is escaped when printed: see test_hostile_cli)
        assert not error.message.startswith(("error.", "cli.")), f"missing catalogue key: {error.message}"
        assert fingerprint(team.db) == before, f"partial write after: {error.message}"
        return False, error


# --- pure parsing -------------------------------------------------------------------------------


@SETTINGS
@given(text=st.one_of(numberish, hostile_text))
def test_amounts_parse_or_are_refused(text):
    TRIED["amounts"] += 1
    try:
        cents = parse_money(text, field="amount")
    except LtcError as error:
        assert "amount" in error.message
        return
    assert cents is None or 0 <= cents <= MAX_CENTS


@SETTINGS
@given(n=st.integers(min_value=0, max_value=10**12))
def test_whole_amounts_read_back_exactly(n):
    TRIED["amounts"] += 1
    assert parse_money(str(n), field="amount") == n * 100
    assert parse_money(f"{n:,}", field="amount") == n * 100


@SETTINGS
@given(text=st.one_of(dateish, hostile_text))
def test_dates_parse_or_are_refused(text):
    TRIED["dates"] += 1
    try:
        value = parse_date(text, field="start", today=dt.date(2026, 3, 2))
    except LtcError as error:
        assert error.message.startswith("start:")
        return
    assert value is None or isinstance(value, dt.date)


@SETTINGS
@given(text=hostile_text)
def test_one_line_text_is_cleaned_or_refused(text):
    TRIED["text"] += 1
    try:
        value = clean_line(text, field="title", required=True)
    except LtcError:
        return
    assert value and value == value.strip() and "\n" not in value and "\r" not in value and len(value) <= 200


# --- the rules, against the database ----------------------------------------------------------------


@SETTINGS
@given(
    title=hostile_text, customer=hostile_text, contact=maybe(hostile_text), source=maybe(hostile_text),
    amount=maybe(numberish), currency=maybe(st.one_of(st.sampled_from(["USD", "cny", "EURO", "€", ""]), st.text(max_size=4))),
    start=maybe(dateish), need=maybe(hostile_text), date=maybe(dateish),
)
def test_capturing_a_lead_from_any_input(team, title, customer, contact, source, amount, currency, start, need, date):
    TRIED["lead add"] += 1
    ok, result = attempt(team, "sam", lambda s: leads.add_lead(
        s, title=title, customer=customer, contact=contact, source=source or "other", amount=amount,
        currency=currency, start=start, need=need, submitted_on=date,
    ))
    if ok:
        lead = result.lead
        assert lead.title == " ".join(title.split())
        assert lead.expected_amount_cents == (parse_money(amount, field="amount") if amount is not None else None)
        with team.act(None, write=False) as s:
            assert leads.get_lead(s, lead.id).title == lead.title  # stored as given, markup and all


@pytest.fixture
def a_lead(team: Any) -> int:
    with team.act("li") as s:
        return leads.add_lead(s, title="Target", customer="Telmex", amount="1M").lead.id


EDITABLE = st.fixed_dictionaries({}, optional={
    "title": hostile_text, "customer": hostile_text, "contact": hostile_text, "need": hostile_text,
    "source": hostile_text, "amount": numberish, "currency": st.text(max_size=5), "start": dateish,
    "next_review_on": dateish, "has_offer": hostile_text, "new_product": st.sampled_from(["yes", "no", "maybe", "", "是"]),
})


@SETTINGS
@given(changes=EDITABLE, version=st.one_of(st.none(), st.integers(min_value=-5, max_value=10**12)))
def test_editing_a_lead_with_any_input(team, a_lead, changes, version):
    TRIED["lead edit"] += 1
    ok, result = attempt(team, "bo", lambda s: leads.update_lead(s, lead_id=a_lead, expected_version=version, **changes))
    if ok and "title" in changes:
        assert result.title == " ".join(changes["title"].split())


@SETTINGS
@given(query=hostile_text, sort=st.sampled_from(["id", "age", "priority", "nonsense", "-title", ""]))
def test_searching_with_any_text(team, a_lead, query, sort):
    TRIED["lead search"] += 1
    # A refusal (an unknown sort, a bad "status:" word) is fine; nothing else may escape.
    attempt(team, "li", lambda s: leads.query_leads(s, leads.parse_filter(f"{query} sort:{sort}" if sort else query)))


@SETTINGS
@given(name=hostile_text, standing=hostile_text, industry=maybe(hostile_text), notes=maybe(hostile_text))
def test_adding_a_customer_from_any_input(team, name, standing, industry, notes):
    TRIED["customer add"] += 1
    attempt(team, "li", lambda s: customers.add_customer(s, name=name, standing=standing, industry=industry, notes=notes))


@pytest.fixture
def a_contract(team: Any) -> int:
    with team.act("fay") as s:
        customers.add_customer(s, name="Claro")
        contract = contracts.add_contract(s, customer="Claro", title="Backhaul", value="1M", signed_on="2020-01-01")
        contracts.add_invoice(s, contract_id=contract.id, number="INV-1", amount="500k", issued_on="2020-01-02")
        return contract.id


@SETTINGS
@given(amount=numberish, due=dateish, received=maybe(dateish), invoice=maybe(hostile_text), final=st.booleans())
def test_recording_money_from_any_input(team, a_contract, amount, due, received, invoice, final):
    TRIED["payment"] += 1
    ok, payment = attempt(team, "fay", lambda s: contracts.add_payment(
        s, contract_id=a_contract, amount=amount, due_on=due, invoice=invoice, is_final=final, received_on=received,
    ))
    if ok:
        assert payment.amount_cents >= 0
        with team.act(None, write=False) as s:
            received_total = s.exec(sa.select(sa.func.coalesce(sa.func.sum(Payment.received_cents), 0))).one()[0]
        assert received_total <= 50_000_000  # never beyond what was invoiced without --confirm


@pytest.fixture
def verified_leads(team: Any) -> list[int]:
    answers = verification.make_answers(
        need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=True,
        relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
    )
    ids = []
    for i in range(3):
        with team.act("li") as s:
            ids.append(leads.add_lead(s, title=f"Decide me {i}", customer="Telmex").lead.id)
        with team.act("bo") as s:
            verification.verify_lead(s, lead_id=ids[-1], answers=answers)
    return ids


@SETTINGS
@given(
    kind=st.one_of(st.sampled_from(["close", "convert", "nurture", "defer"]), hostile_text),
    reason=maybe(hostile_text), budget=maybe(numberish), start=maybe(dateish), review=maybe(dateish),
    owner=maybe(st.sampled_from(["li", "bo", "nobody", "", "[red]x"])), which=st.integers(min_value=0, max_value=2),
)
def test_deciding_from_any_input(team, verified_leads, kind, reason, budget, start, review, owner, which):
    TRIED["decide"] += 1
    attempt(team, "ana", lambda s: committee.decide(
        s, lead_id=verified_leads[which], kind=kind, reason=reason, budget=budget, start=start,
        owner=owner, ar="bo", sr="li", fr="fay", next_review=review,
    ))


@SETTINGS
@given(key=st.one_of(st.sampled_from(list(team_settings.SPECS)), hostile_text), value=st.one_of(numberish, hostile_text))
def test_changing_a_setting_from_any_input(team, key, value):
    TRIED["config"] += 1
    ok, _ = attempt(team, "ana", lambda s: team_settings.set_value(s, key, value))
    with team.act(None, write=False) as s:
        current = team_settings.all_settings(s)
    assert current["tier_a_amount"] >= current["tier_b_amount"]  # the rule holds whatever was tried


@SETTINGS
@given(data=st.binary(max_size=2000), encoding=st.sampled_from(["utf-8", "gbk", "latin-1", "utf-16"]))
def test_csv_bytes_fed_to_lead_capture(team, data, encoding):
    """What an importer does with a row: decode, split, capture. Undecodable bytes
    and ragged rows end in a clear error, never a crash or a stray row."""
    TRIED["csv rows"] += 1
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    for row in list(csv.reader(io.StringIO(text.replace("\x00", ""), newline="")))[:5]:
        cells = [*row, "", "", "", ""]
        attempt(team, "sam", lambda s, c=cells: leads.add_lead(s, title=c[0], customer=c[1], amount=c[2] or None, start=c[3] or None))


def test_examples_tried(capsys):
    """Not a check: how many hostile inputs this module tried (for the closing note)."""
    with capsys.disabled():
        if TRIED:
            print(f"\nhostile inputs tried on the rules: {sum(TRIED.values())} ({dict(TRIED)})")
