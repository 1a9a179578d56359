"""The pipeline report's figures against figures worked out by hand from the
same history (``reports_data``), on SQLite and PostgreSQL, for every period."""

from __future__ import annotations

import datetime as dt

import pytest
from reports_data import TODAY, build, compare, expected

from ltc_tui import clock
from ltc_tui.errors import ValidationError
from ltc_tui.services import reports
from ltc_tui.services.reports import median_of_counts, period_bounds, pipeline_report, report_json


def test_every_figure_matches_the_history_in_every_period(team):
    world = build(team)
    clock.freeze(TODAY)
    for period in ("month", "quarter", "year", "all"):
        with team.act("ana", write=False) as s:
            got = report_json(pipeline_report(s, period=period))
        compare(got, expected(world, period))
        assert got["period"]["name"] == period


def test_an_explicit_today_moves_every_figure_with_it(team):
    """``today=`` (what a dashboard looking back at the end of March would
    pass) moves the periods, the week, the stale clocks and the ageing."""
    world = build(team)
    day = dt.date(2026, 3, 31)
    for period in ("month", "quarter"):
        with team.act("ana", write=False) as s:
            got = report_json(pipeline_report(s, period=period, today=day))
        compare(got, expected(world, period, today=day))
        assert got["period"]["today"] == "2026-03-31"


def test_the_history_exercises_what_it_should(team):
    """The hand-made history is only a good test if it holds the cases that
    matter: guard against someone trimming it into triviality."""
    world = build(team)
    want = expected(world, "all")
    assert want["conversion"]["won"] and want["conversion"]["lost"] and want["conversion"]["open"]
    assert want["outcomes"]["median_days_won"] and want["outcomes"]["median_days_lost"]
    assert None in want["outcomes"]["owners"]  # an imported deal without an owner
    assert set(want["funnel"][0]["amount"]) == {"USD", "EUR"}
    assert all(want["buckets"][age]["count"] for age in want["buckets"])
    assert want["stale_leads"] and want["stale_opps"] and want["overdue"]["count"]
    assert 0 < want["budgets"]["known"] < want["budgets"]["total"]
    month = expected(world, "month")
    assert month["funnel"][0]["count"] < want["funnel"][0]["count"]


def test_the_report_names_people_and_payments(team):
    build(team)
    with team.act("ana", write=False) as s:
        report = pipeline_report(s, period="all", list_limit=2)
    assert report.visits.target == 4
    assert [(v.handle, v.visits, v.met) for v in report.visits.people][:2] == [("li", 4, True), ("ana", 1, False)]
    late = report.receivables.overdue
    assert len(late) == 2 and report.receivables.overdue_count == 4  # the list is capped, the count is not
    assert late[0].customer == "Zeta" and late[0].ar == "bo" and late[0].fr == "fay"
    assert late[0].days_overdue == (TODAY - dt.date(2026, 1, 10)).days
    assert report.stale_leads.rows[0].status == "nurturing" and report.stale_leads.rows[0].owner == "li"
    assert report.stale_opportunities.rows[0].owner == "bo" and report.stale_opportunities.rows[0].stage == "verify"


def test_stale_leads_are_the_pools_stale_view(team):
    from ltc_tui.services.leads import LeadQuery, count_leads

    build(team)
    with team.act("ana", write=False) as s:
        report = pipeline_report(s)
        assert report.stale_leads.count == count_leads(s, LeadQuery(view="stale")) == 2


def test_settings_move_the_stale_thresholds(team):
    world = build(team)
    world.setting("stale_days", "100")
    world.setting("opportunity_stale_days", "300")
    clock.freeze(TODAY)
    with team.act("ana", write=False) as s:
        report = pipeline_report(s)
    assert (report.stale_leads.days, report.stale_leads.count) == (100, 0)
    assert (report.stale_opportunities.days, report.stale_opportunities.count) == (300, 0)


def test_an_empty_database_divides_by_nothing(db):
    clock.freeze(TODAY)
    with db.session(write=False) as s:
        report = pipeline_report(s, period="all")
        got = report_json(report)
    assert [stage["count"] for stage in got["funnel"]] == [0] * 6
    assert got["funnel"][0]["amount"] == {"USD": "0.00"}
    assert got["conversion"]["conversion_rate"] is None and got["conversion"]["loss_rate"] is None
    assert got["outcomes"]["win_rate"] is None
    assert got["outcomes"]["median_days_won"] is None and got["outcomes"]["median_days_lost"] is None
    assert got["outcomes"]["owners"] == [] and got["submitters"] == []
    assert got["budgets"] == {"year": 2027, "known": 0, "total": 0, "share": None}
    assert got["visits"]["target"] == 6 and got["visits"]["people"] == []
    assert got["receivables"]["outstanding"] == {"count": 0, "amount": {"USD": "0.00"}}
    assert reports.format_rate(report.outcomes.win_rate) == "-"


@pytest.mark.parametrize(
    ("period", "today", "start", "end"),
    [
        ("month", "2026-05-14", "2026-05-01", "2026-05-31"),
        ("month", "2028-02-29", "2028-02-01", "2028-02-29"),
        ("quarter", "2026-05-14", "2026-04-01", "2026-06-30"),
        ("quarter", "2026-12-31", "2026-10-01", "2026-12-31"),
        ("quarter", "2026-01-01", "2026-01-01", "2026-03-31"),
        ("year", "2026-05-14", "2026-01-01", "2026-12-31"),
        ("Quarter ", "2026-02-03", "2026-01-01", "2026-03-31"),
    ],
)
def test_periods_are_calendar_periods(period, today, start, end):
    span = period_bounds(period, dt.date.fromisoformat(today))
    assert (span.start, span.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_all_has_no_bounds_and_a_bad_period_is_refused():
    assert period_bounds("all", TODAY).start is None
    with pytest.raises(ValidationError) as caught:
        period_bounds("week", TODAY)
    assert "period" in caught.value.message and "month, quarter, year, all" in caught.value.message


@pytest.mark.parametrize(
    ("counts", "want"),
    [({}, None), ({5: 1}, 5), ({1: 1, 9: 1}, 5), ({1: 2, 3: 1}, 1), ({2: 1, 3: 1, 10: 2}, 6.5), ({4: 3, 7: 1}, 4)],
)
def test_median_from_a_histogram(counts, want):
    import statistics

    values = [v for v, n in counts.items() for _ in range(n)]
    assert median_of_counts(counts) == (statistics.median(values) if values else None) == want
