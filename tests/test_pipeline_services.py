"""Rules and queries behind the nurturing list, the pipeline board and the
opportunity file, and the shell commands that script them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from pipeline_story import customer_with_people, nurtured_lead, opportunity

from ltc_tui import clock

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def story(team: Any) -> dict[str, int]:
    """Two nurtured leads (li's and ana's), three opportunities (one stale, one lost)."""
    from ltc_tui.services.nurturing import add_pain, mark_done
    from ltc_tui.services.opportunities import mark_lost

    clock.freeze(TODAY - dt.timedelta(days=40))
    ids = customer_with_people(team)
    customer_with_people(team, "Acme Corp")
    ids["old_opp"] = opportunity(team, title="Old RAN swap", amount="2M")
    clock.freeze(TODAY)
    ids["mine"] = nurtured_lead(team, title="Core network upgrade")
    ids["other"] = nurtured_lead(team, title="Data center cooling", customer="Acme Corp", review="today", sr="ana")
    with team.act("li") as s:
        add_pain(s, lead_id=ids["mine"], role="COO", pain="Customers leave")
        mark_done(s, lead_id=ids["mine"], step=1)
    ids["opp"] = opportunity(team, title="Fiber backhaul", customer="Acme Corp", amount="1M")
    ids["lost"] = opportunity(team, title="Lost deal", amount="9M")
    with team.act("ana") as s:
        mark_lost(s, opportunity_id=ids["lost"], reason="Budget cut")
    return ids


def test_nurturing_list_puts_mine_first_and_filters(db: Any, team: Any, story: dict[str, int]) -> None:
    from ltc_tui.errors import ValidationError
    from ltc_tui.services.nurture_queue import NurtureQuery, count_nurturing, parse_nurture_filter, query_nurturing

    def ids(text: str, me: str = "li") -> list[int]:
        with team.act(me, write=False) as s:
            query = parse_nurture_filter(text, NurtureQuery(me_id=team[me]))
            rows = query_nurturing(s, query)
            assert count_nurturing(s, query) == len(rows)
            return [r.id for r in rows]

    assert ids("") == [story["mine"], story["other"]]
    assert ids("", me="ana") == [story["other"], story["mine"]]
    assert ids("step:2") == [story["mine"]] and ids("step:1") == [story["other"]] and ids("step:done") == []
    assert ids("due") == [story["other"]]
    assert ids("owner:me") == [story["mine"]] and ids("owner:ana") == [story["other"]]
    assert ids("customer:acme") == [story["other"]] and ids("cooling") == [story["other"]]
    with team.act("li", write=False) as s:
        row = query_nurturing(s, NurtureQuery(me_id=team["li"]))[0]
    assert (row.pass_no, row.steps_done, row.current_step.number, row.mine, row.owner) == (1, 1, 2, True, "li")
    with pytest.raises(ValidationError, match="step"):
        parse_nurture_filter("step:7")


def test_pipeline_summary_and_board_follow_the_filter(db: Any, team: Any, story: dict[str, int]) -> None:
    from ltc_tui.services.opportunities import OppQuery, parse_opp_filter, pipeline_summary
    from ltc_tui.services.pipeline_board import board

    with team.act("li", write=False) as s:
        everything = {r.stage: (r.count, r.amount_cents) for r in pipeline_summary(s)}
        assert everything["verify"] == (2, 300_000_000) and everything["lost"] == (1, 900_000_000)
        acme = {r.stage: r.count for r in pipeline_summary(s, parse_opp_filter("customer:acme"))}
        assert acme["verify"] == 1 and acme["lost"] == 0
        result = board(s, parse_opp_filter("", OppQuery()))
        assert [c.stage.value for c in result.columns] == ["verify", "initiation", "needs_analysis", "value_presentation",
                                                           "bid", "negotiation"]
        verify = result.columns[0]
        assert (verify.summary.count, verify.summary.weighted_cents) == (2, 30_000_000)
        assert [(c.title, result.is_stale(c)) for c in verify.cards] == [("Fiber backhaul", False), ("Old RAN swap", True)]
        closed = board(s, parse_opp_filter("all"))
        assert [c.cards[0].title for c in closed.columns if c.stage.value == "lost"] == ["Lost deal"]
        few = board(s, parse_opp_filter(""), per_stage=1)
        assert few.columns[0].more == 1


def test_opportunity_file_names_the_next_gate_and_the_uncovered(db: Any, team: Any, story: dict[str, int]) -> None:
    from ltc_tui.enums import Gate
    from ltc_tui.services.opportunities import cover, move_stage, record_gate
    from ltc_tui.services.opportunity_file import opportunity_file

    opp = story["old_opp"]
    with team.act("li", write=False) as s:
        f = opportunity_file(s, opp)
    assert f.stale and f.next_gate() is Gate.INITIATION and f.contract is None
    assert {r.contact.name for r in f.uncovered} == {"Carlos Ruiz", "Diana Paz"}
    with team.act("ana") as s:
        record_gate(s, opportunity_id=opp, gate="initiation", approver="ana")
        move_stage(s, opportunity_id=opp, to="value_presentation")
        cover(s, opportunity_id=opp, contact_id=story["carlos"], by="bo")
    with team.act("li", write=False) as s:
        f = opportunity_file(s, opp)
    assert not f.stale and f.next_gate() is Gate.BID
    assert [r.contact.name for r in f.uncovered] == ["Diana Paz"]
    assert [(s.gate.value, s.passed) for s in f.gate_states] == [("initiation", True), ("bid", False), ("signing", False)]


def test_a_competitor_of_an_earlier_pass_cannot_be_removed(db: Any, team: Any, story: dict[str, int]) -> None:
    from ltc_tui.errors import RuleViolation
    from ltc_tui.services.nurturing import add_competitor, back_to_step_one, progress, remove_competitor

    lead = story["mine"]
    with team.act("li") as s:
        first = add_competitor(s, lead_id=lead, name="Huawei").id
        back_to_step_one(s, lead_id=lead, reason="A new CTO")
    with pytest.raises(RuleViolation, match="pass 1"), team.act("li") as s:
        remove_competitor(s, competitor_id=first)
    with team.act("li", write=False) as s:
        assert [c.name for c in progress(s, lead, pass_no=1).competitors] == ["Huawei"]


# --- the shell --------------------------------------------------------------------------


def test_lead_step_list(ltc: Any, story: dict[str, int]) -> None:
    result = ltc("lead", "step", "list", actor="li")
    assert result.exit_code == 0, result.output
    assert result.output.index("Core network upgrade") < result.output.index("Data center cooling")
    assert "KDM interest" in result.output and "2 of 2 leads in nurturing." in result.output
    data = json.loads(ltc("lead", "step", "list", "due", "--json", actor="li").output)
    assert [(r["id"], r["current_step"], r["due"], r["mine"]) for r in data] == [(story["other"], 1, True, False)]
    bad = ltc("lead", "step", "list", "step:9", actor="li")
    assert bad.exit_code == 2 and "step: '9' is not one of: 1, 2, 3, 4, 5, 6, done." in bad.output


def test_opp_competitor_and_filtered_pipeline(ltc: Any, story: dict[str, int]) -> None:
    opp = str(story["opp"])
    assert ltc("opp", "competitor", opp, "Ericsson", "--standing", "strong", "--strategy", "Uptime SLA").exit_code == 0
    assert ltc("opp", "competitor", opp, "ericsson", "--locked").exit_code == 0
    shown = json.loads(ltc("opp", "show", opp, "--json").output)
    assert [(c["name"], c["standing"], c["strategy"], c["locked"]) for c in shown["competitors"]] == [
        ("Ericsson", "strong", "Uptime SLA", True)]
    bad = ltc("opp", "competitor", opp, "Nokia", "--standing", "huge")
    assert bad.exit_code == 2 and "standing" in bad.output
    assert ltc("opp", "competitor-rm", opp, "ERICSSON").exit_code == 0
    missing = ltc("opp", "competitor-rm", opp, "Ericsson")
    assert missing.exit_code == 1 and f"Opportunity #{opp} has no competitor named Ericsson" in missing.output
    rows = {r["stage"]: r for r in json.loads(ltc("opp", "pipeline", "customer:acme", "--json").output)}
    assert rows["verify"]["count"] == 1 and rows["lost"]["count"] == 0
    rows = {r["stage"]: r for r in json.loads(ltc("opp", "pipeline", "--json").output)}
    assert rows["verify"]["count"] == 2 and rows["lost"]["count"] == 1
