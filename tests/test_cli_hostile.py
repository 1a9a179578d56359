"""User text is data, never markup: Rich markup, terminal escape codes and
Chinese are printed literally by every command that shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from core_builders import failed, ok

from ltc_tui import clock

MARKUP = "[red]x[/red] [bold]boss[/]"
ESCAPE = "\x1b[31mred\x1b[0m"
CHINESE = "中文线索 电信"
SHOWN_ESCAPE = "\\x1b[31mred\\x1b[0m"


def literal(out: str) -> None:
    assert "\x1b" not in out  # no escape code from user data reaches the terminal
    assert MARKUP in out  # brackets kept, not eaten as markup
    assert SHOWN_ESCAPE in out
    assert CHINESE in out


@pytest.fixture
def pranked(ltc, team):
    clock.freeze(dt.date(2026, 3, 2))
    title = f"{MARKUP} {ESCAPE} {CHINESE}"
    ok(ltc("customer", "add", title))
    ok(ltc("lead", "add", title, "--customer", title, "--need", title, "--contact", f"{CHINESE} {MARKUP} {ESCAPE}", actor="sam"))
    ok(ltc("lead", "note", "1", title, actor="li"))
    ok(ltc("visit", "add", "1", "--outcome", title, "--objective", title, actor="bo"))
    return title


def test_lead_add_echoes_the_title_literally(ltc, team):
    title = f"{MARKUP} {ESCAPE} {CHINESE}"
    literal(ok(ltc("lead", "add", title, "--customer", title)))


def test_tables_show_user_text_literally(ltc, pranked):
    for argv in (("lead", "list"), ("lead", "show", "1"), ("customer", "list"), ("customer", "show", "1"),
                 ("contact", "list"), ("visit", "list"), ("audit",)):
        literal(ok(ltc(*argv)))


def test_errors_quote_user_text_literally(ltc, team):
    message = failed(ltc("lead", "add", "x", "--customer", "y", "--source", f"{MARKUP}{ESCAPE}"), 2, "source:")
    assert MARKUP in message and SHOWN_ESCAPE in message and "\x1b" not in message
    message = failed(ltc("lead", "add", "x", "--customer", "y", "--amount", ESCAPE), 2, "amount:")
    assert SHOWN_ESCAPE in message and "\x1b" not in message


def test_the_lead_step_view_and_minutes_escape_too(ltc, team, pranked):
    ok(ltc("lead", "verify", "1", "--need-real", "--fits", "--relationship", "1", "--fit", "1", "--maturity", "1", actor="li"))
    ok(ltc("meeting", "start"))
    ok(ltc("lead", "decide", "1", "nurture", "--ar", "bo", "--sr", "li", "--fr", "fay", "--review", "+7d", "--notes", pranked))
    ok(ltc("lead", "step", "pain", "1", "--role", MARKUP, "--pain", ESCAPE, "--kpi", CHINESE, actor="li"))
    out = ok(ltc("lead", "step", "show", "1"))
    assert "\x1b" not in out and MARKUP in out and SHOWN_ESCAPE in out and CHINESE in out
    minutes = ok(ltc("meeting", "minutes", "1"))
    assert "\x1b" not in minutes and CHINESE in minutes and "\\[red\\]x\\[/red\\]" in minutes
