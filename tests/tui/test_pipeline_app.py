"""The pipeline (key 3) and the opportunity screen driven by keys: stage moves
with their gates (a refusal names the gate, how to pass it, and offers its
form), a blocked bid and the FR's review, won with its contract, lost with
its reason; the board's figures, filters and stale marks; the opportunity's
figures, value proposition, four dimensions, competitors and power map."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_story import (
    TODAY,
    customer_with_people,
    make_app,
    messages,
    opportunity,
    plain,
    press,
    settle,
    table_rows,
    type_text,
)

from ltc_tui import clock


def _opp(team: Any, opp_id: int) -> Any:
    from ltc_tui.services.opportunities import get_opportunity

    with team.act("li", write=False) as s:
        return get_opportunity(s, opp_id)


def _gates(team: Any, opp_id: int) -> list[tuple[str, str, str, str]]:
    from ltc_tui.services.opportunities import gates

    with team.act("li", write=False) as s:
        handles = {team[h]: h for h in ("ana", "li", "bo", "fay", "sam")}
        return [(g.gate, g.result, handles[g.approver_id], handles[g.recorded_by_id]) for g in gates(s, opp_id)]


def _card_ids(screen: Any, stage: str) -> list[str]:
    cards = screen.query_one(f"#cards-{stage}")
    return [cards.get_option_at_index(i).id for i in range(cards.option_count)]


async def _to_pipeline(pilot: Any) -> Any:
    from ltc_tui.screens.pipeline import PipelineScreen

    await settle(pilot)
    await press(pilot, "3")
    assert isinstance(pilot.app.screen, PipelineScreen)
    return pilot.app.screen


def _dialog_text(app: Any) -> str:
    return " ".join(plain(w) for w in app.screen.query("Static"))


async def _pick_choice(pilot: Any, select_id: str, downs: int) -> None:
    pilot.app.screen.query_one(f"#{select_id}").focus()
    await press(pilot, "enter", *(["down"] * downs), "enter")


async def test_an_opportunity_passes_every_stage_and_gate_to_won_with_its_contract(db: Any, team: Any) -> None:
    from ltc_tui.services.contracts import get_contract
    from ltc_tui.services.opportunities import stage_history

    clock.freeze(TODAY)
    customer_with_people(team)
    opp_id = opportunity(team)
    app = make_app(db)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await _to_pipeline(pilot)
        assert _card_ids(screen, "verify") == [str(opp_id)]
        # Into initiation: the gate refuses, says which and how, and offers its form.
        await press(pilot, "right_square_bracket")
        text = _dialog_text(app)
        assert "The gate into initiation is not passed: initiation approval." in text
        assert "not the AR (bo)" in text
        await press(pilot, "y")
        assert app.screen.query_one("#f-approver").value == "li"  # me, since I am not the AR
        await press(pilot, "ctrl+s")
        assert _opp(team, opp_id).stage == "initiation"
        assert _card_ids(screen, "initiation") == [str(opp_id)]
        assert _gates(team, opp_id) == [("initiation", "pass", "li", "li")]
        # Two stages without gates.
        await press(pilot, "right_square_bracket")
        await press(pilot, "right_square_bracket")
        assert _opp(team, opp_id).stage == "value_presentation"
        # Into bid: the FR's review. It fails: the bid stays blocked.
        await press(pilot, "right_square_bracket")
        assert "the FR has not reviewed deliverability, workload and price" in _dialog_text(app)
        await press(pilot, "y")
        assert app.screen.query_one("#f-approver").value == "fay"
        await _pick_choice(pilot, "f-result", 2)  # fail
        app.screen.query_one("#f-workload").focus()
        await type_text(pilot, "400")
        app.screen.query_one("#f-notes").focus()
        await type_text(pilot, "Price below our delivery cost")
        await press(pilot, "ctrl+s")
        assert any("Gate recorded: FR bid review, fail." in m for m in messages(app))
        assert _opp(team, opp_id).stage == "value_presentation"
        await press(pilot, "right_square_bracket")
        assert "the FR's review failed: Price below our delivery cost" in _dialog_text(app)
        await press(pilot, "y")
        app.screen.query_one("#f-workload").focus()
        await type_text(pilot, "380")
        app.screen.query_one("#f-price").focus()
        await press(pilot, "end", *["backspace"] * 12)
        await type_text(pilot, "6.2M")
        await press(pilot, "ctrl+s")
        assert _opp(team, opp_id).stage == "bid"
        # Into negotiation and signing: the scope of work agreed.
        await press(pilot, "right_square_bracket")
        assert "the scope of work is not agreed yet" in _dialog_text(app)
        await press(pilot, "y", "ctrl+s")
        assert _opp(team, opp_id).stage == "negotiation"
        assert [g[:3] for g in _gates(team, opp_id)] == [
            ("initiation", "pass", "li"), ("bid", "fail", "fay"), ("bid", "pass", "fay"), ("signing", "pass", "li"),
        ]
        # Won: the contract is created (its screen is another issue's; its number is shown).
        await press(pilot, "w")
        app.screen.query_one("#f-po").focus()
        await type_text(pilot, "PO-7781")
        await press(pilot, "ctrl+s")
        opp = _opp(team, opp_id)
        assert opp.stage == "won" and opp.closed_on == TODAY
        with team.act("li", write=False) as s:
            contract = get_contract(s, f"C2026-{opp_id:04d}")
            assert (contract.value_cents, contract.po_number, contract.opportunity_id) == (500_000_000, "PO-7781", opp_id)
            assert [span.stage for span in stage_history(s, opp_id)] == [
                "verify", "initiation", "needs_analysis", "value_presentation", "bid", "negotiation", "won",
            ]
        assert any(f"Contract C2026-{opp_id:04d} created." in m for m in messages(app))
        assert _card_ids(screen, "negotiation") == []


async def test_an_opportunity_is_lost_with_its_reason(db: Any, team: Any) -> None:
    clock.freeze(TODAY)
    customer_with_people(team)
    opp_id = opportunity(team, title="Fiber backhaul", amount="1.2M")
    app = make_app(db)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await _to_pipeline(pilot)
        await press(pilot, "w")  # not at negotiation: w does not apply
        assert not app.screen.query("FieldForm")
        await press(pilot, "l")
        await press(pilot, "ctrl+s")
        assert "needs a reason" in plain(app.screen.query_one("#form-error"))
        assert _opp(team, opp_id).stage == "verify"
        await type_text(pilot, "Customer chose the incumbent")
        await press(pilot, "ctrl+s")
        opp = _opp(team, opp_id)
        assert (opp.stage, opp.lost_reason) == ("lost", "Customer chose the incumbent")
        assert _card_ids(screen, "verify") == []
        # "all" shows the closed ones too, in their own columns.
        screen.query_one("#filter").focus()
        await type_text(pilot, "all")
        assert _card_ids(screen, "lost") == [str(opp_id)]


async def test_the_board_sums_each_stage_marks_stale_cards_and_filters(db: Any, team: Any) -> None:
    from ltc_tui.services.opportunities import mark_lost, move_stage, record_gate

    clock.freeze(TODAY - dt.timedelta(days=45))
    customer_with_people(team)
    customer_with_people(team, "Acme Corp")
    old = opportunity(team, title="Old RAN swap", amount="2M")
    clock.freeze(TODAY)
    a = opportunity(team, title="5G RAN expansion", amount="5M")
    b = opportunity(team, title="Fiber backhaul", customer="Acme Corp", amount="1M")
    gone = opportunity(team, title="Lost deal", amount="9M")
    with team.act("ana") as s:
        record_gate(s, opportunity_id=b, gate="initiation", approver="ana")
        move_stage(s, opportunity_id=b, to="needs_analysis")
        mark_lost(s, opportunity_id=gone, reason="Budget cut")
    app = make_app(db)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await _to_pipeline(pilot)
        head = plain(screen.query_one("#col-verify .stage-head"))
        assert head.splitlines() == ["verify", "2 · 7M", "weighted 700k"]
        head = plain(screen.query_one("#col-needs_analysis .stage-head"))
        assert head.splitlines() == ["needs analysis", "1 · 1M", "weighted 300k"]
        assert set(_card_ids(screen, "verify")) == {str(old), str(a)}
        cards = screen.query_one("#cards-verify")
        texts = {cards.get_option_at_index(i).id: str(cards.get_option_at_index(i).prompt) for i in range(cards.option_count)}
        assert "stale 45d" in texts[str(old)]
        assert "stale" not in texts[str(a)]
        line = plain(screen.query_one("#status-line"))
        assert "Open: 3 opportunities · 8M · weighted 1M (USD) · 1 stale" in line
        screen.query_one("#filter").focus()
        await type_text(pilot, "stale")
        assert _card_ids(screen, "verify") == [str(old)]
        assert plain(screen.query_one("#col-verify .stage-head")).splitlines()[1] == "1 · 2M"
        await press(pilot, *["backspace"] * 5)
        await type_text(pilot, "customer:acme")
        assert _card_ids(screen, "verify") == [] and _card_ids(screen, "needs_analysis") == [str(b)]
        await press(pilot, *["backspace"] * 13)
        await type_text(pilot, "stage:bogus")
        assert "stage" in plain(screen.query_one("#status-line")) and "bogus" in plain(screen.query_one("#status-line"))
        await press(pilot, *["backspace"] * 11)
        await type_text(pilot, "ran owner:bo")
        assert set(_card_ids(screen, "verify")) == {str(old), str(a)}
        # Enter (in the filter) goes to the board; enter there opens the opportunity; escape comes back.
        await press(pilot, "enter")
        assert app.screen is screen and app.focused is screen.query_one("#cards-verify")
        await press(pilot, "enter")
        assert "5G RAN expansion" in plain(app.screen.query_one("#opp-bar"))
        await press(pilot, "escape")
        assert app.screen is screen


async def test_the_opportunity_screen_edits_figures_value_and_the_power_map(db: Any, team: Any) -> None:
    from ltc_tui.screens.opportunity import OpportunityScreen
    from ltc_tui.services.opportunities import power_map

    clock.freeze(TODAY)
    ids = customer_with_people(team)
    opp_id = opportunity(team)
    app = make_app(db)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        app.push_screen(OpportunityScreen(opp_id))
        await settle(pilot)
        screen = app.screen
        figures = plain(screen.query_one("#figures"))
        assert "5,000,000 USD" in figures and "10%" in figures
        assert "AR (account)" in plain(screen.query_one("#triangle")) and "bo · Bo Account" in plain(screen.query_one("#triangle"))
        warning = plain(screen.query_one("#power-warning"))
        assert "2 decision maker(s) not covered" in warning and "Carlos Ruiz, Diana Paz" in warning
        # Figures: probability by hand, a budget; a bad start date is refused in the form.
        await press(pilot, "e")
        app.screen.query_one("#f-budget").focus()
        await type_text(pilot, "4.5M")
        app.screen.query_one("#f-start").focus()
        await type_text(pilot, "next spring")
        await press(pilot, "ctrl+s")
        assert "start" in plain(app.screen.query_one("#form-error"))
        assert _opp(team, opp_id).budget_cents is None
        await press(pilot, *["backspace"] * 11)
        await type_text(pilot, "2026-10-01")
        app.screen.query_one("#f-probability").focus()
        await press(pilot, *["backspace"] * 4)
        await type_text(pilot, "35")
        await press(pilot, "ctrl+s")
        opp = _opp(team, opp_id)
        assert (opp.budget_cents, opp.start_on, opp.probability, opp.probability_manual) == (
            450_000_000, dt.date(2026, 10, 1), 35, True)
        assert "35% (set by hand)" in plain(screen.query_one("#figures"))
        # The power map: who covers Carlos (the SR).
        await press(pilot, "t")
        assert screen.active_tab() == "tab-power"
        power = screen.query_one("#power")
        names = [row[0] for row in table_rows(power)]
        assert names[:2] == ["Carlos Ruiz", "Diana Paz"]  # decision makers first, by influence
        power.move_cursor(row=0)
        await press(pilot, "c")
        await press(pilot, "down", "enter")  # AR, SR, FR, nobody: the SR
        with team.act("li", write=False) as s:
            covered = {r.contact.id: (r.covered_by.handle if r.covered_by else None) for r in power_map(s, opp_id)}
        assert covered[ids["carlos"]] == "li" and covered[ids["diana"]] is None
        assert table_rows(power)[0][5] == "li"
        assert "1 decision maker(s) not covered" in plain(screen.query_one("#power-warning"))
        # Competitors: add one, lock it.
        await press(pilot, "t")
        await press(pilot, "a")
        await type_text(pilot, "Ericsson")
        await press(pilot, "ctrl+s")
        await press(pilot, "space")
        assert table_rows(screen.query_one("#opp-competitors"))[0][0] == "Ericsson"
        assert table_rows(screen.query_one("#opp-competitors"))[0][5] == "locked"
        # Value proposition and the four dimensions, each written in place.
        await press(pilot, "t")
        value = screen.query_one("#value")
        value.move_cursor(row=1)
        await press(pilot, "enter")
        await type_text(pilot, "Halves outages with one core")
        await press(pilot, "ctrl+s")
        value.move_cursor(row=4)
        await press(pilot, "enter")
        await type_text(pilot, "Operators consolidate cores in 2026")
        await press(pilot, "ctrl+s")
        opp = _opp(team, opp_id)
        assert (opp.unique_value, opp.market_notes) == ("Halves outages with one core", "Operators consolidate cores in 2026")
        assert table_rows(value)[1][1] == "Halves outages with one core"
        # Stage history with days in each stage.
        clock.freeze(TODAY + dt.timedelta(days=12))
        await press(pilot, "t")
        screen.load()
        await settle(pilot)
        assert table_rows(screen.query_one("#history"))[0][3] == "12"


async def test_gate_refusals_are_shown_in_the_form_and_change_nothing(db: Any, team: Any) -> None:
    from ltc_tui.services.opportunities import move_stage, record_gate

    clock.freeze(TODAY)
    customer_with_people(team)
    opp_id = opportunity(team, fr=None)
    app = make_app(db, actor="bo")  # the AR
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await _to_pipeline(pilot)
        # The AR cannot approve the initiation of their own opportunity.
        await press(pilot, "right_square_bracket", "y")
        assert app.screen.query_one("#f-approver").value == ""  # nobody chosen for the AR
        await press(pilot, "ctrl+s")
        error = plain(app.screen.query_one("#form-error"))
        assert "must be approved by someone other than its AR" in error
        # A pass with conditions must say which.
        await _pick_choice(pilot, "f-result", 1)
        await _pick_choice(pilot, "f-approver", 1)  # ana
        await press(pilot, "ctrl+s")
        assert "a pass with conditions must say what the conditions are" in plain(app.screen.query_one("#form-error"))
        await press(pilot, "escape")
        assert _gates(team, opp_id) == [] and _opp(team, opp_id).stage == "verify"
        with team.act("ana") as s:
            record_gate(s, opportunity_id=opp_id, gate="initiation", approver="ana")
            move_stage(s, opportunity_id=opp_id, to="value_presentation")
        screen.load()
        await settle(pilot)
        screen.query_one("#cards-value_presentation").focus()
        # No FR: the bid review cannot be recorded; the app says how to name one.
        await press(pilot, "right_square_bracket", "y")
        await press(pilot, "ctrl+s")
        assert "has no FR: e (edit figures) names one" in plain(app.screen.query_one("#form-error"))
        await press(pilot, "escape")
        assert _opp(team, opp_id).stage == "value_presentation"
        assert [g[0] for g in _gates(team, opp_id)] == ["initiation"]
