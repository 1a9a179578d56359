"""Hostile input through the shell, and hostile data shown by it.

1. Property-based: random arguments to `ltc` commands (Typer runner). Every
   run exits 0, 1 or 2; a refusal is one line (usage errors end with the
   error line); no traceback, no crash.log; a refused command changes nothing.
2. A hostile-text fixture (markup, escape sequences, CR, zero-width and bidi
   characters, very long strings, Chinese) stored in every kind of record and
   shown by the read commands: printed literally, never as markup or as
   terminal control sequences.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_safety_hostile_rules import HOSTILE, dateish, fingerprint, numberish

EXAMPLES = int(os.environ.get("LTC_HYPOTHESIS_EXAMPLES", "120"))
TRIED: Counter[str] = Counter()
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("LTC_HYPOTHESIS_RANDOM"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# argv cannot carry NUL; everything else can reach us from a shell.
arg = st.one_of(st.sampled_from([h for h in HOSTILE if "\x00" not in h]), st.text(max_size=80).filter(lambda s: "\x00" not in s))
num_arg = numberish.filter(lambda s: "\x00" not in s)
date_arg = dateish.filter(lambda s: "\x00" not in s)


def crash_log() -> Path:
    return Path(os.environ["LTC_DATA_DIR"]) / "crash.log"


def run(ltc: Any, team: Any, *args: str, actor: str = "li", key: str = "") -> Any:
    """Run a command; check it ended the way a user should see it end."""
    if "postgresql" in ltc.db_url and not os.environ.get("LTC_HYPOTHESIS_ALL_BACKENDS"):
        # Reading the arguments does not depend on the backend, and the rules behind
        # them are fuzzed on PostgreSQL too (test_safety_hostile_rules): keep CI quick.
        pytest.skip("command-line fuzzing runs on SQLite (LTC_HYPOTHESIS_ALL_BACKENDS=1 for both)")
    TRIED[key or args[0]] += 1
    before = fingerprint(team.db)
    result = ltc(*args, actor=actor)
    output = result.output
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, output)
    assert "Traceback" not in output
    assert not crash_log().exists(), crash_log().read_text()[-3000:]
    if result.exit_code:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert lines, (args, output)
        if result.exit_code == 1:
            assert len(lines) == 1, (args, result.stderr)
        else:
            assert lines[-1].startswith("Error:") or len(lines) == 1, (args, result.stderr)
        assert fingerprint(team.db) == before, ("partial write", args, result.stderr)
    return result


@pytest.fixture
def lead_1(team: Any) -> int:
    from ltc_tui.services import leads

    with team.act("li") as s:
        return leads.add_lead(s, title="Existing", customer="Telmex").lead.id


@SETTINGS
@given(title=arg, customer=arg, amount=st.one_of(st.none(), num_arg), start=st.one_of(st.none(), date_arg),
       source=st.one_of(st.none(), arg), contact=st.one_of(st.none(), arg), date=st.one_of(st.none(), date_arg))
def test_lead_add_with_any_arguments(ltc, team, title, customer, amount, start, source, contact, date):
    args = ["lead", "add", "--", title] if title.startswith("-") else ["lead", "add", title]
    for flag, value in (("--customer", customer), ("--amount", amount), ("--start", start), ("--source", source),
                        ("--contact", contact), ("--date", date)):
        if value is not None:
            args[2:2] = [f"{flag}={value}"]
    result = run(ltc, team, *args, key="lead add")
    if result.exit_code == 0:
        assert re.search(r"Added lead #\d+", result.stdout)


@SETTINGS
@given(options=st.lists(st.tuples(st.sampled_from(["--title", "--customer", "--contact", "--source", "--amount",
                                                    "--currency", "--start", "--need", "--review", "--version"]),
                                   st.one_of(arg, num_arg, date_arg)), min_size=1, max_size=4),
       target=st.sampled_from(["1", "999", "0", "-1", "abc", "99999999999999999999"]))
def test_lead_edit_with_any_arguments(ltc, team, lead_1, options, target):
    run(ltc, team, "lead", "edit", target, *(f"{flag}={value}" for flag, value in options), actor="bo", key="lead edit")


@SETTINGS
@given(words=st.lists(st.one_of(arg, st.sampled_from(["status:verified", "status:bogus", "temp:hot", "tier:Z", "owner:me",
                                                       "owner:nobody", "sort:-age", "sort:nope", "%", "_", "'"])), max_size=4),
       limit=st.one_of(st.none(), num_arg), view=st.one_of(st.none(), st.sampled_from(["all", "mine", "stale", "x"])))
def test_lead_list_with_any_filter(ltc, team, lead_1, words, limit, view):
    args = ["lead", "list", "--"] + words if any(w.startswith("-") for w in words) else ["lead", "list", *words]
    if limit is not None:
        args[2:2] = [f"--limit={limit}"]
    if view is not None:
        args[2:2] = [f"--view={view}"]
    run(ltc, team, *args, key="lead list")


@SETTINGS
@given(ref=st.one_of(arg, st.integers(min_value=-(10**30), max_value=10**30).map(str)),
       command=st.sampled_from([("lead", "show"), ("opp", "show"), ("contract", "show"), ("customer", "show"),
                                ("contact", "show"), ("person", "show"), ("meeting", "minutes")]))
def test_show_anything_by_any_reference(ltc, team, lead_1, ref, command):
    run(ltc, team, *command, "--", ref, key="show")


@SETTINGS
@given(name=arg, standing=st.one_of(st.none(), arg), industry=st.one_of(st.none(), arg))
def test_customer_add_with_any_arguments(ltc, team, name, standing, industry):
    args = ["customer", "add"]
    if standing is not None:
        args.append(f"--standing={standing}")
    if industry is not None:
        args.append(f"--industry={industry}")
    run(ltc, team, *args, "--", name, key="customer add")


@SETTINGS
@given(person=st.one_of(st.none(), arg), record=st.one_of(st.none(), arg, st.sampled_from(["lead:1", "lead", "lead:x", ":1"])),
       since=st.one_of(st.none(), date_arg), until=st.one_of(st.none(), date_arg))
def test_audit_with_any_filter(ltc, team, lead_1, person, record, since, until):
    args = ["audit"]
    for flag, value in (("--person", person), ("--record", record), ("--since", since), ("--until", until)):
        if value is not None:
            args.append(f"{flag}={value}")
    run(ltc, team, *args, actor="ana", key="audit")


@pytest.fixture
def contract_1(team: Any) -> int:
    from ltc_tui.services import contracts, customers

    with team.act("fay") as s:
        customers.add_customer(s, name="Claro")
        return contracts.add_contract(s, customer="Claro", title="Backhaul", value="1M", signed_on="2020-01-01").id


@SETTINGS
@given(amount=num_arg, due=date_arg, received=st.one_of(st.none(), date_arg), invoice=st.one_of(st.none(), arg))
def test_contract_pay_with_any_arguments(ltc, team, contract_1, amount, due, received, invoice):
    args = ["contract", "pay", str(contract_1), f"--amount={amount}", f"--due={due}"]
    if received is not None:
        args.append(f"--received={received}")
    if invoice is not None:
        args.append(f"--invoice={invoice}")
    run(ltc, team, *args, actor="fay", key="contract pay")


@SETTINGS
@given(key=st.one_of(arg, st.sampled_from(["stale_days", "currency", "tier_a_amount"])), value=st.one_of(arg, num_arg))
def test_config_with_any_value(ltc, team, key, value):
    run(ltc, team, "config", "--", key, value, actor="ana", key="config")


@SETTINGS
@given(handle=arg, name=arg, roles=st.lists(st.one_of(arg, st.sampled_from(["sr", "chair", "admin"])), max_size=3))
def test_person_add_with_any_arguments(ltc, team, handle, name, roles):
    run(ltc, team, "person", "add", *(f"--role={r}" for r in roles), "--", handle, name, actor="ana", key="person add")


# --- hostile data shown by the shell ----------------------------------------------------------------

LONG = "长" * 300 + "x" * 5000
SHOWN = [
    "[red]x[/red]", "[bold]bold[/bold]", "[link=http://evil]click[/link]", "\x1b[31mred", "\x1b]0;pwned\x07",
    "over\rwrite", "zero\u200bwidth", "\u202eevil", "\u2066iso\u2069", "中文客户", "עברית", "\x9b31m",
]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_records(team: Any) -> dict[str, Any]:
    """Every kind of record, named and described with hostile text."""
    from ltc_tui.services import committee, contracts, customers, leads, opportunities, verification, visits

    ids: dict[str, Any] = {"leads": []}
    with team.act("li") as s:
        for i, text in enumerate(SHOWN):
            customer = f"{text} Customer {i}"
            customers.add_customer(s, name=customer, industry=text, notes=text)
            customers.add_contact(s, customer_id=customers.get_customer(s, customer).id, name=f"{text} Person",
                                  email=f"p{i}@example.com")
            added = leads.add_lead(s, title=f"{text} lead", customer=customer, need=f"{text}\nneed", amount="1M")
            leads.add_note(s, lead_id=added.lead.id, body=f"note {text}")
            ids["leads"].append(added.lead.id)
        leads.add_lead(s, title=LONG[:200], customer="Long Co", need=LONG)
    with team.act("bo") as s:
        verification.verify_lead(s, lead_id=ids["leads"][0], answers=verification.make_answers(
            need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=True,
            relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low"),
            q1_notes=SHOWN[3])
        opp = opportunities.add_opportunity(s, title=f"{SHOWN[4]} opp", customer=f"{SHOWN[0]} Customer 0", amount="2M")
        opportunities.update_opportunity(s, opportunity_id=opp.id, our_strengths=SHOWN[5], market_notes=SHOWN[7])
        ids["opp"] = opp.id
        visits.add_visit(s, customer=f"{SHOWN[1]} Customer 1", kind="routine", objective=SHOWN[3], outcome=SHOWN[4])
    with team.act("fay") as s:
        contract = contracts.add_contract(s, customer=f"{SHOWN[2]} Customer 2", title=f"{SHOWN[3]} contract",
                                          value="1M", signed_on="2020-01-01", po_number=SHOWN[4][:60])
        contracts.open_dispute(s, contract_id=contract.id, description=SHOWN[5], opened_on="2020-02-01")
        ids["contract"] = contract.id
    with team.act("ana") as s:
        meeting = committee.start_meeting(s)
        committee.decide(s, lead_id=ids["leads"][0], kind="close", reason=f"{SHOWN[0]} {SHOWN[3]}")
        ids["meeting"] = meeting.id
    return ids


def _safe(output: str) -> None:
    raw = CONTROL.findall(output.replace("\n", "").replace("\t", ""))
    assert raw == [], f"raw control characters reached the terminal: {raw!r}"


def test_hostile_text_is_shown_literally_everywhere(ltc, team, hostile_records):
    lead_0 = hostile_records["leads"][0]
    commands = [
        ("lead", "list", "--limit", "100"), ("lead", "show", str(lead_0)), ("lead", "show", str(hostile_records["leads"][3])),
        ("customer", "list"), ("customer", "show", "1"), ("contact", "list"), ("contact", "show", "1"),
        ("opp", "list"), ("opp", "show", str(hostile_records["opp"])), ("contract", "list"),
        ("contract", "show", str(hostile_records["contract"])), ("visit", "list"), ("meeting", "queue"),
        ("meeting", "list"), ("meeting", "minutes", str(hostile_records["meeting"])), ("audit", "--limit", "500"),
        ("person", "list"),
    ]
    seen = ""
    for args in commands:
        result = ltc(*args, actor="ana")
        assert result.exit_code == 0, (args, result.output)
        _safe(result.output)
        seen += result.stdout
    # Markup stays text: the brackets are printed, not swallowed as styles or links.
    flat = seen.replace("\n", "")
    for literal in ("[red]x[/red]", "[bold]bold[/bold]", "[link=http://evil]click[/link]"):
        assert literal in flat or literal[:12] in flat, literal
    # Control characters are shown as visible escapes; other scripts as they are.
    for escaped in ("\\x1b[31mred", "\\x1b]0;pwned\\x07", "over\\rwrite", "\\u202eevil", "zero\\u200bwidth"):
        assert escaped in flat, escaped
    for script in ("中文客户", "עברית"):
        assert script in flat


def test_json_output_escapes_what_a_terminal_would_obey(ltc, team, hostile_records):
    for args in (("lead", "list", "--json", "--limit", "100"), ("lead", "show", str(hostile_records["leads"][0]), "--json"),
                 ("audit", "--json", "--limit", "500"), ("customer", "list", "--json")):
        result = ltc(*args, actor="ana")
        assert result.exit_code == 0, result.output
        _safe(result.stdout)
        data = json.loads(result.stdout)  # still valid JSON, holding the exact text
        assert data
    titles = {r["title"] for r in json.loads(ltc("lead", "list", "--json", "--limit", "100", actor="ana").stdout)}
    assert "\x1b[31mred lead" in titles and "\u202eevil lead" in titles


def test_errors_quoting_hostile_text_are_safe(ltc, team):
    for args in (("person", "show", "\x1b]0;pwned\x07"), ("customer", "show", "[red]x[/red]\x1b[2J"),
                 ("lead", "add", "x", "--customer", "y", "--amount", "\x1b[31m12"),
                 ("lead", "list", "--sort", "\u202eevil"), ("audit", "--person", "\x9b31m")):
        result = ltc(*args, actor="li")
        assert result.exit_code in (1, 2)
        _safe(result.output)
        assert "Traceback" not in result.output


def test_examples_tried(capsys):
    """Not a check: how many hostile command lines this module ran (for the closing note)."""
    with capsys.disabled():
        if TRIED:
            print(f"\nhostile command lines tried: {sum(TRIED.values())} ({dict(TRIED)})")
