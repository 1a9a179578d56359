"""Reading what people type (money, dates, text, yes/no, choices) and showing
it safely: every bad value is a ValidationError naming the field, never a crash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltc_tui.enums import Source, Stage, Step, parse
from ltc_tui.errors import ValidationError
from ltc_tui.values import (
    MAX_CENTS,
    add_months,
    clean_line,
    clean_text,
    format_money,
    parse_bool,
    parse_currency,
    parse_date,
    parse_int,
    parse_money,
    printable,
)

TODAY = dt.date(2026, 3, 15)
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1200000", 120_000_000),
        ("1,200,000", 120_000_000),
        ("1.200.000", 120_000_000),
        ("1.2M", 120_000_000),
        ("1.2m", 120_000_000),
        ("300k", 30_000_000),
        ("2bn", 200_000_000_000),
        ("50万", 50_000_000),
        ("1.5亿", 15_000_000_000),
        ("1,5", 150),
        ("1,234.56", 123_456),
        ("$1,200", 120_000),
        ("¥ 800", 80_000),
        ("USD 1200", 120_000),
        ("1200 EUR", 120_000),
        ("１２００", 120_000),  # full-width digits
        ("0", 0),
        ("0.01", 1),
        (Decimal("0.005"), 1),  # half up
        (1200, 120_000),
        (Decimal("12.34"), 1234),
        (0.1, 10),
    ],
)
def test_parse_money_reads_what_people_write(text, cents):
    assert parse_money(text, field="amount") == cents


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_amount_is_none(empty):
    assert parse_money(empty, field="amount") is None


@pytest.mark.parametrize("text", ["-5", "−5", "-1.2M", -1, Decimal("-0.01"), "USD -3"])
def test_negative_amounts_are_refused_naming_the_field(text):
    with pytest.raises(ValidationError) as caught:
        parse_money(text, field="budget")
    assert caught.value.field == "budget"
    assert "budget" in caught.value.message
    assert "negative" in caught.value.message or "not an amount" in caught.value.message


@pytest.mark.parametrize(
    "text", ["abc", "1.2.3", "12,34,5", "1e5", "M", "1 2 3x", True, float("nan"), float("inf"), Decimal("NaN")]
)
def test_garbage_is_refused_with_examples_of_what_works(text):
    with pytest.raises(ValidationError) as caught:
        parse_money(text, field="amount")
    assert caught.value.field == "amount"


@pytest.mark.parametrize("huge", ["9" * 40, Decimal("1e400"), 1e300, "99999999999999999M"])
def test_absurd_amounts_are_refused_not_crashed_on(huge):
    with pytest.raises(ValidationError) as caught:
        parse_money(huge, field="amount")
    assert caught.value.key == "error.money_too_large"


def test_the_largest_amount_is_accepted():
    assert parse_money(format_money(MAX_CENTS), field="amount") == MAX_CENTS


@QUICK
@given(st.one_of(st.text(), st.text(alphabet="0123456789.,-kKmMbB万亿 $€USD"), st.integers(), st.floats(), st.decimals()))
def test_parse_money_never_raises_anything_else_and_never_goes_negative(value):
    try:
        cents = parse_money(value, field="amount")
    except ValidationError as error:
        assert error.field == "amount"
        return
    assert cents is None or (isinstance(cents, int) and 0 <= cents <= MAX_CENTS)


@QUICK
@given(st.integers(min_value=0, max_value=MAX_CENTS), st.sampled_from([None, "USD", "CNY"]))
def test_format_then_parse_gives_the_same_amount(cents, currency):
    assert parse_money(format_money(cents, currency), field="amount") == cents


@QUICK
@given(st.integers(min_value=0, max_value=MAX_CENTS))
def test_compact_format_is_readable_back_as_an_amount(cents):
    back = parse_money(format_money(cents, compact=True), field="amount")
    assert back is not None and back >= 0


def test_format_money_shows_cents_only_when_there_are_some():
    assert format_money(None) == ""
    assert format_money(120_000_000) == "1,200,000"
    assert format_money(123_456, "USD") == "1,234.56 USD"
    assert format_money(120_000_000, compact=True) == "1.2M"
    assert format_money(99_900, compact=True) == "999"


@pytest.mark.parametrize(("text", "code"), [("usd", "USD"), (" cny ", "CNY"), ("", None), (None, None)])
def test_currency_codes(text, code):
    assert parse_currency(text) == code


@pytest.mark.parametrize("text", ["US", "DOLLARS", "12A", "€"])
def test_bad_currency_codes_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        parse_currency(text)
    assert "three letters" in caught.value.message


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2027-03", dt.date(2027, 3, 1)),
        ("2026/4/5", dt.date(2026, 4, 5)),
        ("today", TODAY),
        ("Tomorrow", TODAY + dt.timedelta(days=1)),
        ("今天", TODAY),
        ("+14d", dt.date(2026, 3, 29)),
        ("14d", dt.date(2026, 3, 29)),
        ("+2w", dt.date(2026, 3, 29)),
        ("+1m", dt.date(2026, 4, 15)),
        ("+1y", dt.date(2027, 3, 15)),
        ("２０２６-１２-０１", dt.date(2026, 12, 1)),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
        (dt.datetime(2020, 1, 2, 13, 0), dt.date(2020, 1, 2)),
    ],
)
def test_parse_date_reads_what_people_write(text, day):
    assert parse_date(text, field="start", today=TODAY) == day


def test_relative_months_keep_to_the_end_of_short_months():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "2026/2/30", "0000-01-01"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        parse_date(text, field="start", today=TODAY)
    assert caught.value.key == "error.date_invalid"
    assert caught.value.message.startswith("start:")


@pytest.mark.parametrize("text", ["next week", "12/01/2026", "2026-1-1x", "yesterday", "+d"])
def test_unreadable_dates_say_what_to_write(text):
    with pytest.raises(ValidationError) as caught:
        parse_date(text, field="start", today=TODAY)
    assert "YYYY-MM-DD" in caught.value.message


@pytest.mark.parametrize("text", ["+9999y", "9999y"])
def test_relative_dates_beyond_the_calendar_are_refused_not_crashed_on(text):
    with pytest.raises(ValidationError):
        parse_date(text, field="start", today=TODAY)


@QUICK
@given(st.one_of(st.text(), st.from_regex(r"\A[+]?[0-9]{1,5}\s?[dwmyDWMY]\Z"), st.from_regex(r"\A[0-9]{4}[-/][0-9]{1,2}([-/][0-9]{1,2})?\Z")))
def test_parse_date_on_random_strings_gives_a_date_or_a_validation_error(text):
    try:
        day = parse_date(text, field="due", today=TODAY)
    except ValidationError as error:
        assert error.field == "due"
        return
    assert day is None or isinstance(day, dt.date)


@QUICK
@given(st.dates())
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat(), field="d") == day


# --- text ----------------------------------------------------------------------------------


def test_clean_line_trims_and_collapses_whitespace():
    assert clean_line("  Fibre \n backbone\t ", field="title") == "Fibre backbone"
    assert clean_line("   ", field="title") is None


def test_required_text_names_the_field():
    with pytest.raises(ValidationError) as caught:
        clean_line("  ", field="title", required=True)
    assert caught.value.message == "title: a value is required."
    with pytest.raises(ValidationError):
        clean_text(None, field="reason", required=True)


def test_too_long_text_says_the_limit():
    with pytest.raises(ValidationError) as caught:
        clean_line("x" * 201, field="title")
    assert "at most 200" in caught.value.message


def test_clean_text_keeps_lines():
    assert clean_text("  a\r\nb  ", field="need") == "a\nb"


def test_printable_shows_control_characters_as_escapes():
    assert printable("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"
    assert printable("bell\x07 c1\x9b") == "bell\\x07 c1\\x9b"
    assert printable("[red]x[/red] 中文") == "[red]x[/red] 中文"
    assert printable(None) == ""


@QUICK
@given(st.text())
def test_printable_never_lets_a_control_character_through(text):
    shown = printable(text)
    assert not any(ord(ch) < 0x20 and ch not in "\t\n" or 0x7F <= ord(ch) <= 0x9F for ch in shown)


@QUICK
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",))))
def test_printable_leaves_ordinary_text_alone(text):
    assert printable(text) == text


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("Y", True), ("是", True), ("no", False), ("0", False), ("", None), (None, None), (True, True)])
def test_parse_bool(text, value):
    assert parse_bool(text, field="x") is value


def test_parse_bool_refuses_other_words():
    with pytest.raises(ValidationError) as caught:
        parse_bool("maybe", field="locked")
    assert caught.value.message == "locked: 'maybe' is not yes or no."


def test_parse_int_checks_range():
    assert parse_int(" 7 ", field="n", low=0, high=10) == 7
    assert parse_int("", field="n") is None
    with pytest.raises(ValidationError):
        parse_int("7.5", field="n")
    with pytest.raises(ValidationError) as caught:
        parse_int("11", field="n", low=0, high=10)
    assert "out of range" in caught.value.message


# --- choices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (Source, "Sales Visit", Source.SALES_VISIT),
        (Source, "tech-exchange", Source.TECH_EXCHANGE),
        (Stage, "NEEDS_ANALYSIS", Stage.NEEDS_ANALYSIS),
        (Step, "pain chain", Step.PAIN_CHAIN),
    ],
)
def test_enum_words_are_read_forgivingly(enum, text, member):
    assert parse(enum, text, field="x") is member


def test_unknown_enum_word_lists_the_choices():
    with pytest.raises(ValidationError) as caught:
        parse(Source, "carrier pigeon", field="source")
    assert caught.value.field == "source"
    assert "sales_visit" in caught.value.message and "carrier pigeon" in caught.value.message
