"""The dashboard on a known history (``tests/reports_data.py``): the figures
on screen against the ones the test works out from what it built, for the
periods the keys choose, and a refresh when the data changes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from reports_data import TODAY, build, expected

from ltc_tui import clock
from tui.cash_helpers import SIZE, make_app, panel, press, screen_text, settle

STAGES = {
    "leads": "Leads submitted", "verified": "Verified", "nurturing": "Nurtured", "opportunities": "Opportunities",
    "won": "Won", "collected": "Cash collected",
}


@pytest.fixture
def world(team: Any) -> Any:
    w = build(team)
    clock.freeze(TODAY)
    return w


def pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


def bar_figure(text: str, label: str) -> int:
    """The number after ``label``'s bar."""
    found = re.search(rf"^{re.escape(label)} [█▏▎▍▌▋▊▉░ ]*(\d+)", text, re.M)
    assert found, f"{label!r} not in:\n{text}"
    return int(found.group(1))


def check_figures(app: Any, want: dict[str, Any]) -> None:
    funnel = panel(app, "funnel")
    assert {stage["stage"]: bar_figure(funnel, STAGES[stage["stage"]]) for stage in want["funnel"]} == {
        stage["stage"]: stage["count"] for stage in want["funnel"]}

    rates = panel(app, "rates")
    conv, out = want["conversion"], want["outcomes"]
    assert f"Conversion rate {pct(conv['conversion_rate'])} {conv['converted']} of {conv['converted'] + conv['closed']} decided" in rates
    assert f"Lead-loss rate {pct(conv['loss_rate'])} {conv['lost']} of {conv['ended']} ended leads lost" in rates
    assert f"Win rate {pct(out['win_rate'])} {out['won']} won, {out['lost']} lost" in rates
    budgets = want["budgets"]
    assert re.search(rf"Key customers, {budgets['year']} budget {re.escape(pct(budgets['share']))} "
                     rf"{budgets['known']} of {budgets['total']} [█▏▎▍▌▋▊▉░]+$", rates, re.M)

    channels = panel(app, "channels")
    labels = {"partner": "partner", "sales_visit": "sales visit", "tech_exchange": "technical exchange",
              "hq_marketing": "HQ marketing", "exhibition": "exhibition or seminar", "inbound": "inbound",
              "other": "other"}
    for source, figures in want["channels"].items():
        assert bar_figure(channels, labels[source]) == figures["leads"], source
    submitters = panel(app, "submitters")
    for handle, figures in want["submitters"].items():
        assert bar_figure(submitters, handle) == figures["leads"], handle


async def test_the_figures_of_a_known_history_for_each_period(db, world):
    app = make_app(db, start_in="dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Period: this month (m) this quarter (q)" in " ".join(screen_text(app).split())
        assert "2026-05-01 to 2026-05-31, as of 2026-05-14" in screen_text(app)
        check_figures(app, expected(world, "month"))

        # As of today, whatever the period: visits against the target, stale work, receivables.
        want = expected(world, "month")
        visits = panel(app, "visits")
        assert bar_figure(visits, "li") == want["visits"]["li"] == 4
        assert re.search(r"^li █+ 4 / 4 met$", visits, re.M)  # the target (a setting) is 4 here
        assert re.search(r"^bo █+▌░+ 1 / 4 3 to go$", visits, re.M)  # the rest of the target still to go
        assert bar_figure(visits, "fay") == 0
        stale = panel(app, "stale")
        assert f"Stale leads: {len(want['stale_leads'])} (nothing recorded for 30 days)" in stale
        assert f"Stale opportunities: {len(want['stale_opps'])} (no stage change for 30 days)" in stale
        receivables = panel(app, "receivables")
        assert f"Overdue: {want['overdue']['count']} payments" in receivables
        assert bar_figure(receivables, "over 90 days") == want["buckets"]["over_90"]["count"]
        assert bar_figure(receivables, "not yet due") == want["buckets"]["not_due"]["count"]
        assert "Z-100 Zeta 2026-01-10 124d late 20,000 USD" in receivables  # the oldest first

        for key, period in (("y", "year"), ("a", "all"), ("q", "quarter")):
            await press(pilot, key)
            check_figures(app, expected(world, period))
        assert "2026-04-01 to 2026-06-30, as of 2026-05-14" in screen_text(app)
        await press(pilot, "p")  # the next period after the quarter: the year
        assert app.screen.period == "year"


async def test_the_dashboard_follows_changes(db, team, world):
    from ltc_tui.services.leads import add_lead

    app = make_app(db, start_in="dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = bar_figure(panel(app, "funnel"), "Leads submitted")
        await app.check_for_changes()  # where the data stands now
        with team.act("sam") as s:  # someone adds a lead from the shell
            add_lead(s, title="Walk-in", customer="Acme", source="inbound")
        await app.check_for_changes()  # what the app's timer does every two seconds
        await settle(pilot)
        assert bar_figure(panel(app, "funnel"), "Leads submitted") == before + 1


async def test_an_empty_database_shows_no_figures_and_no_errors(db, team):
    clock.freeze(TODAY)
    app = make_app(db, start_in="dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rates = panel(app, "rates")
        assert "Conversion rate - 0 of 0 decided" in rates
        assert "Win rate - 0 won, 0 lost" in rates
        assert "Nothing overdue." in panel(app, "receivables")
        assert bar_figure(panel(app, "funnel"), "Leads submitted") == 0
