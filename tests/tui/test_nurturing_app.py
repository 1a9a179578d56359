"""The nurturing screens driven by keys: the list (key 2), one lead's six
steps with their editors, refusals with their reasons, back to step 1 with
the earlier pass kept readable, and handover to an opportunity."""

from __future__ import annotations

from typing import Any

from pipeline_story import (
    TODAY,
    customer_with_people,
    make_app,
    messages,
    nurtured_lead,
    plain,
    press,
    settle,
    table_rows,
    type_text,
)

from ltc_tui import clock


def _progress(team: Any, lead_id: int, pass_no: int | None = None) -> Any:
    from ltc_tui.services.nurturing import progress

    with team.act("li", write=False) as s:
        return progress(s, lead_id, pass_no=pass_no)


async def _open_lead(pilot: Any) -> Any:
    from ltc_tui.screens.nurturing import NurturingScreen

    await settle(pilot)
    await press(pilot, "2")
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, NurturingScreen)
    return screen


async def _choose(pilot: Any, select_id: str, downs: int) -> None:
    """Open a Select in the focused form and pick the option ``downs`` below the current one."""
    screen = pilot.app.screen
    screen.query_one(f"#{select_id}").focus()
    await press(pilot, "enter", *(["down"] * downs), "enter")


async def test_nurturing_list_shows_my_leads_first_with_pass_and_steps(db: Any, team: Any) -> None:
    clock.freeze(TODAY)
    customer_with_people(team)
    customer_with_people(team, "Acme Corp")
    mine = nurtured_lead(team, title="Core network upgrade")
    other = nurtured_lead(team, title="Data center cooling", customer="Acme Corp", review="today", sr="ana")
    from ltc_tui.services.nurturing import add_pain, mark_done

    with team.act("li") as s:
        add_pain(s, lead_id=mine, role="COO", pain="Customers leave")
        mark_done(s, lead_id=mine, step=1)
    app = make_app(db)
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one("#nurture-leads")
        rows = table_rows(table)
        assert [r[0] for r in rows] == [str(mine), str(other)]  # mine first, though the other is due sooner
        first = rows[0]
        assert "1/6" in first[5] and "KDM interest" in first[5]
        assert first[4] == "1"
        await type_text(pilot, "/")
        await type_text(pilot, "step:2")
        assert [r[0] for r in table_rows(table)] == [str(mine)]
        await press(pilot, "escape")
        assert len(table_rows(table)) == 2


async def test_pain_table_is_edited_in_place_and_drawn_as_a_chain(db: Any, team: Any) -> None:
    clock.freeze(TODAY)
    customer_with_people(team)
    lead_id = nurtured_lead(team)
    app = make_app(db)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await _open_lead(pilot)
        # Step 1 cannot be done without a pain: refused, with the reason, and nothing changes.
        await press(pilot, "d")
        assert any("Step 1 is not done yet: add at least one row to the pain table" in m for m in messages(app))
        assert not _progress(team, lead_id).steps[0].done
        assert "Missing:" in plain(screen.query_one("#evidence"))
        # A row typed in place; a missing pain is refused in the editor, which keeps what was typed.
        await press(pilot, "a")
        await type_text(pilot, "CFO")
        await press(pilot, "tab")
        await type_text(pilot, "Margin")
        await press(pilot, "ctrl+s")
        form = screen.query_one("FieldForm")
        assert "pain" in plain(form.query_one("#form-error")).lower()
        assert _progress(team, lead_id).pains == []
        form.query_one("#f-pain").focus()
        await type_text(pilot, "Margin shrinks")
        await press(pilot, "ctrl+s")
        assert not screen.query("FieldForm")
        # A second pain that causes the first: the chain is a tree from its root.
        await press(pilot, "a")
        await type_text(pilot, "COO")
        await press(pilot, "tab")
        await type_text(pilot, "Churn")
        await press(pilot, "tab")
        await type_text(pilot, "Customers leave")
        await press(pilot, "tab")
        await type_text(pilot, "Dropped calls")
        await press(pilot, "tab")
        await type_text(pilot, "Revenue lost")
        await _choose(pilot, "f-leads_to", 1)
        await press(pilot, "ctrl+s")
        pains = _progress(team, lead_id).pains
        assert [(p.role, p.kpi, p.pain, p.cause, p.impact) for p in pains] == [
            ("CFO", "Margin", "Margin shrinks", None, None),
            ("COO", "Churn", "Customers leave", "Dropped calls", "Revenue lost"),
        ]
        assert pains[1].leads_to_id == pains[0].id
        tree = screen.query_one("#chain")
        root = tree.root.children[0]
        assert str(root.label) == "CFO (Margin): Margin shrinks"
        assert [str(child.label) for child in root.children] == ["COO (Churn): Customers leave"]
        rows = table_rows(screen.query_one("#pains"))
        assert rows[1][6] == f"#{pains[0].id} CFO"
        # Edit the first row in place: its KPI.
        table = screen.query_one("#pains")
        table.focus()
        table.move_cursor(row=0)
        await press(pilot, "e")
        screen.query_one("#f-kpi").focus()
        await press(pilot, "ctrl+a" if False else "end", *["backspace"] * 6)
        await type_text(pilot, "Gross margin")
        await press(pilot, "ctrl+s")
        assert _progress(team, lead_id).pains[0].kpi == "Gross margin"
        # Remove the second row, after a yes.
        table.move_cursor(row=1)
        await press(pilot, "x")
        await press(pilot, "y")
        assert [p.role for p in _progress(team, lead_id).pains] == ["CFO"]
        # Now the evidence is there: step 1 done, and the checklist moves on.
        await press(pilot, "d")
        progress = _progress(team, lead_id)
        assert progress.steps[0].done and progress.steps[0].record.done_on == TODAY
        assert screen.step.number == 2
        assert str(screen.query_one("#steps").get_option_at_index(0).prompt) == "✓ 1 Pain chain\n    done 2026-03-02"


async def _toggle_all(pilot: Any, screen: Any, count: int) -> None:
    """Space on the first ``count`` KDMs of the step's table."""
    table = screen.query_one("#kdms")
    table.focus()
    for row in range(count):
        table.move_cursor(row=row)
        await press(pilot, "space")


async def test_a_lead_goes_through_six_steps_back_to_step_one_and_on_to_handover(db: Any, team: Any) -> None:
    from ltc_tui.models.leads import Lead
    from ltc_tui.screens.opportunity import OpportunityScreen
    from ltc_tui.services.nurturing import add_pain

    clock.freeze(TODAY)
    customer_with_people(team)
    lead_id = nurtured_lead(team)
    with team.act("li") as s:
        add_pain(s, lead_id=lead_id, role="COO", kpi="Churn", pain="Customers leave")
    app = make_app(db)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await _open_lead(pilot)
        await press(pilot, "d")  # step 1
        # Step 2: the KDMs start as the customer's decision makers; the meter counts them.
        assert screen.step.number == 2
        assert plain(screen.query_one("#meter")).endswith("0 of 2 KDMs, majority needed")
        await press(pilot, "a")  # add the influencer from the customer's contacts
        assert "Eve Soto" in str(app.screen.query_one("#pick-list").get_option_at_index(0).prompt)
        await press(pilot, "enter")
        assert [k.contact.name for k in _progress(team, lead_id).kdms] == ["Carlos Ruiz", "Diana Paz", "Eve Soto"]
        await _toggle_all(pilot, screen, 1)
        assert plain(screen.query_one("#meter")).endswith("1 of 3 KDMs, majority needed")
        await press(pilot, "d")  # refused: one of three is not a majority
        assert any("Step 2 is not done yet: 1 of 3 KDMs interested; 2 needed." in m for m in messages(app))
        assert not _progress(team, lead_id).steps[1].done
        await _toggle_all(pilot, screen, 2)  # Carlos back off, Diana on: still one
        table = screen.query_one("#kdms")
        table.move_cursor(row=0)
        await press(pilot, "space")
        assert plain(screen.query_one("#meter")).endswith("2 of 3 KDMs, majority needed")
        await press(pilot, "d")
        # Step 3: the pain acknowledged.
        await _toggle_all(pilot, screen, 2)
        await press(pilot, "d")
        # Step 4: a competitor, locked, with our strategy.
        await press(pilot, "d")
        assert any("name at least one competitor" in m for m in messages(app))
        await press(pilot, "a")
        await type_text(pilot, "Huawei")
        await press(pilot, "ctrl+s")
        await press(pilot, "d")
        assert any("lock each competitor and write our strategy against it: Huawei" in m for m in messages(app))
        await press(pilot, "e")
        app.screen.query_one("#f-strategy").focus()
        await type_text(pilot, "Local team, faster delivery")
        await press(pilot, "ctrl+s")
        await press(pilot, "space")  # lock
        await press(pilot, "d")
        assert _progress(team, lead_id).steps[3].done
        # Step 5: the vision is written first.
        await _toggle_all(pilot, screen, 2)
        await press(pilot, "d")
        assert any("write the vision in the step's notes first" in m for m in messages(app))
        await press(pilot, "n")
        await type_text(pilot, "One core, half the outages")
        await press(pilot, "ctrl+s")
        assert "One core, half the outages" in plain(screen.query_one("#notes"))
        await press(pilot, "d")
        assert screen.step.number == 6
        # A risk: back to step 1, with the reason (required).
        await press(pilot, "b")
        await press(pilot, "ctrl+s")
        assert "reason" in plain(app.screen.query_one("#form-error")).lower()
        await type_text(pilot, "The CTO was replaced")
        await press(pilot, "ctrl+s")
        assert any("pass 2 started; pass 1 is kept" in m for m in messages(app))
        current = _progress(team, lead_id)
        assert current.pass_no == 2 and current.done_count == 0 and screen.step.number == 1
        assert [p.pain for p in current.pains] == ["Customers leave"]
        # The earlier pass is readable, and read-only.
        await press(pilot, "p")
        banner = plain(screen.query_one("#pass-banner"))
        assert "Pass 1 (read-only)" in banner and "The CTO was replaced" in banner
        assert "pass 1 of 2" in plain(screen.query_one("#lead-bar"))
        assert screen.check_action("mark_done", ()) is None  # dimmed in the footer
        await press(pilot, "d", "a")
        assert _progress(team, lead_id, 1).done_count == 5 and _progress(team, lead_id).done_count == 0
        assert not app.screen.query("FieldForm")
        await press(pilot, "p")
        assert "pass 2 of 2" in plain(screen.query_one("#lead-bar"))
        # Pass 2, all six steps.
        await press(pilot, "d")  # 1: the pain table came along
        for _ in (2, 3):
            await _toggle_all(pilot, screen, 2)
            await press(pilot, "d")
        await press(pilot, "d")  # 4: the competitor came along, locked
        await press(pilot, "n")
        await type_text(pilot, "One core for the new CTO")
        await press(pilot, "ctrl+s")
        await _toggle_all(pilot, screen, 2)
        await press(pilot, "d")  # 5
        await _toggle_all(pilot, screen, 2)  # 6: undecided -> for
        assert plain(screen.query_one("#meter")).endswith("2 of 3 KDM votes for us, majority needed")
        await press(pilot, "d")
        assert _progress(team, lead_id).all_done
        # Handover asks budget and start, refuses without them, then opens the opportunity.
        await press(pilot, "h")
        await press(pilot, "ctrl+s")
        assert "budget" in plain(app.screen.query_one("#form-error")).lower()
        app.screen.query_one("#f-budget").focus()
        await type_text(pilot, "1.8M")
        app.screen.query_one("#f-start").focus()
        await type_text(pilot, "2026-09-01")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, OpportunityScreen)
        with team.act("li", write=False) as s:
            lead = s.get(Lead, lead_id)
            assert lead.status == "converted" and lead.budget_cents == 180_000_000
        bar = plain(app.screen.query_one("#opp-bar"))
        assert "Core network upgrade" in bar and "verify" in bar


def test_the_meter_says_what_the_threshold_needs() -> None:
    from ltc_tui.screens.nurturing import meter_text
    from ltc_tui.services.nurturing import Meter
    from ltc_tui.services.rules import kdm_needed

    def shown(have: int, total: int, pct: int) -> str:
        return meter_text(Meter(have, total, kdm_needed(total, pct), pct), "nurt.meter.kdms").plain

    assert shown(3, 5, 50) == "■■■□□ 3 of 5 KDMs, majority needed"
    assert shown(3, 5, 60) == "■■■□□ 3 of 5 KDMs, 4 needed"
    assert shown(5, 5, 100) == "■■■■■ 5 of 5 KDMs, all needed"
    assert shown(0, 0, 50) == "0 of 0 KDMs, majority needed"
