"""`--json` on every read command: it is there, and what it prints parses."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from core_builders import handed_over, ok, to_negotiation, verified_lead

from ltc_tui import clock
from ltc_tui.services import committee, opportunities, visits

READ_VERBS = {"list", "show", "queue", "week", "info", "pipeline"}
HOSTILE = "[red]x[/red] \x1b[31m 中文"


def _commands(group, path=()):
    for name, command in getattr(group, "commands", {}).items():
        yield (*path, name), command
        yield from _commands(command, (*path, name))


def test_every_read_command_has_json():
    import typer.main

    from ltc_tui.cli import app

    root = typer.main.get_command(app)
    missing = [
        " ".join(path)
        for path, command in _commands(root)
        if path[-1] in READ_VERBS and "--json" not in {o for p in command.params for o in getattr(p, "opts", [])}
    ]
    assert missing == []
    for group in ("config", "audit"):  # read commands that are the group itself
        assert "--json" in {o for p in root.commands[group].params for o in getattr(p, "opts", [])}


@pytest.fixture
def busy(team):
    """A database with something of everything, some of it named by a prankster."""
    clock.freeze(dt.date(2026, 3, 2))
    lead_id, opp_id = handed_over(team, title=f"Lead {HOSTILE}", customer=f"Cust {HOSTILE}")
    to_negotiation(team, opp_id)
    with team.act("bo") as s:
        contract = opportunities.mark_won(s, opportunity_id=opp_id, number="K-1")
    with team.act("ana") as s:
        visits.add_visit(s, customer=f"Cust {HOSTILE}", person="bo", outcome=HOSTILE, lead_id=lead_id)
        meeting = committee.start_meeting(s, attendees=["li"])
    verified_lead(team, title="Waiting for the committee")
    return {"lead": lead_id, "opp": opp_id, "contract": contract.id, "meeting": meeting.id}


READS = [
    ("lead", "list"), ("lead", "show", "{lead}"), ("lead", "step", "show", "{lead}"), ("lead", "step", "show", "{lead}", "--pass", "1"),
    ("person", "list"), ("person", "show", "li"), ("customer", "list"), ("customer", "show", "1"), ("contact", "list"),
    ("contact", "show", "1"), ("opp", "list", "all"), ("opp", "show", "{opp}"), ("opp", "pipeline"), ("contract", "list"),
    ("contract", "show", "{contract}"), ("visit", "list"), ("visit", "week", "--date", "2026-03-02"), ("meeting", "queue"),
    ("meeting", "list"), ("config",), ("audit",), ("db", "info"),
]


def test_json_output_parses(ltc, busy):
    # One database for all the reads (building it is the slow part).
    for argv in READS:
        args = [a.format(**busy) for a in argv]
        out = ok(ltc(*args, "--json"))
        data = json.loads(out)
        assert data not in (None, [], {}), argv
        assert "\x1b" not in out, argv  # control characters are escaped by JSON itself


def test_json_keeps_user_text_exactly(ltc, busy):
    rows = {r["id"]: r for r in json.loads(ok(ltc("lead", "list", "--json")))}
    assert rows[busy["lead"]]["title"] == f"Lead {HOSTILE}" and rows[busy["lead"]]["customer"] == f"Cust {HOSTILE}"
    visit = json.loads(ok(ltc("visit", "list", "--json")))[0]
    assert visit["outcome"] == HOSTILE
