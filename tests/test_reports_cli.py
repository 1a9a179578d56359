"""``ltc report`` through the runner: JSON, tables, refusals."""

from __future__ import annotations

import datetime as dt
import json

from reports_data import TODAY, build, compare, expected

from ltc_tui import clock


def test_json_carries_every_figure(ltc, team):
    world = build(team)
    clock.freeze(TODAY)
    for period in ("quarter", "all"):
        result = ltc("report", "--period", period, "--json")
        assert result.exit_code == 0, result.output
        got = json.loads(result.stdout)
        compare(got, expected(world, period))
        assert got["period"] == {"name": period, "start": "2026-04-01" if period == "quarter" else None,
                                 "end": "2026-06-30" if period == "quarter" else None, "today": "2026-05-14"}
        assert got["currency"] == "USD"


def test_tables_show_the_figures_and_a_funnel_chart(ltc, team):
    world = build(team)
    want = expected(world, "quarter")
    clock.freeze(TODAY)
    result = ltc("report", "--period", "quarter", "--limit", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout

    def units(text: str) -> str:
        return f"{int(float(text)):,}"

    assert "Pipeline report: this quarter (2026-04-01 to 2026-06-30), as of 2026-05-14" in out
    funnel = out[out.index("Funnel") : out.index("Conversion")]
    leads_row = next(line for line in funnel.splitlines() if "Leads submitted" in line)
    won_row = next(line for line in funnel.splitlines() if "│ Won" in line)
    assert f"{units(want['funnel'][0]['amount']['USD'])} USD" in leads_row
    assert leads_row.count("█") == 30  # the largest stage fills the bar
    assert 0 < won_row.count("█") < 30
    opps = want["funnel"][3]["amount"]
    assert f"{units(opps['USD'])} USD + {units(opps['EUR'])} EUR" in funnel  # currencies are never added together
    conv = want["conversion"]
    assert f"{conv['conversion_rate'] * 100:.1f}%" in out
    assert f"{conv['converted']} of {conv['converted'] + conv['closed']} decided" in out
    assert f"{conv['lost']} of {conv['ended']} ended leads never became an order" in out
    assert "Win rate (won / (won + lost))" in out and f"{want['outcomes']['win_rate'] * 100:.1f}%" in out
    assert "58.5" in out and want["outcomes"]["median_days_won"] == 58.5  # the mean of the middle two
    assert "(no owner)" in out
    assert "target 4 a person" in out and "1 of 5 met the target; 6 visits in all." in out
    assert "Stale leads: 2, nothing recorded for 30 days or more" in out and "... and 1 more." in out
    overdue = want["overdue"]
    assert f"Overdue payments: {overdue['count']}, {units(overdue['amount']['USD'])} USD" in out
    assert f"... and {overdue['count'] - 1} more." in out
    assert f"Cash collected in the period: {units(want['collected_in_period']['USD'])} USD" in out
    assert "whose 2027 investment budget is known: 2 of 4 (50.0%)" in out


def test_user_text_is_shown_literally(ltc, team):
    from ltc_tui.services.leads import add_lead

    clock.freeze(TODAY - dt.timedelta(days=60))
    with team.act("sam") as s:
        add_lead(s, title="Red \x1b[31m alert [bold]now[/]", customer="[bold]Evil[/] Corp", source="partner")
    clock.freeze(TODAY)
    result = ltc("report", "--period", "all")
    assert result.exit_code == 0, result.output
    assert "[bold]Evil[/] Corp" in result.stdout
    assert "Red \\x1b[31m alert [bold]now[/]" in result.stdout
    assert "\x1b" not in result.stdout


def test_an_empty_database_prints_dashes_not_errors(ltc):
    clock.freeze(TODAY)
    result = ltc("report", "--period", "all", actor=None)
    assert result.exit_code == 0, result.output
    assert "Conversion rate             │     - │ 0 of 0 decided" in result.stdout
    assert "Win rate (won / (won + lost))                 │     - │" in result.stdout
    assert "None." in result.stdout
    data = json.loads(ltc("report", "--json", actor=None).stdout)
    assert data["period"]["name"] == "month"
    assert data["conversion"]["loss_rate"] is None and data["outcomes"]["win_rate"] is None
    assert data["budgets"]["share"] is None


def test_a_brand_new_database_needs_no_acting_person(db_url):
    from conftest import Shell

    result = Shell(db_url)("report", actor=None)
    assert result.exit_code == 0, result.output
    assert "Pipeline report: this month" in result.stdout
    assert "0 of 0 met the target" not in result.stdout  # nobody to list: "None."


def test_a_bad_period_is_a_usage_error(ltc):
    result = ltc("report", "--period", "fortnight")
    assert result.exit_code == 2
    assert "period: 'fortnight' is not one of: month, quarter, year, all." in result.stderr
    assert result.stdout == ""
    assert ltc("report", "--limit", "-1").exit_code == 2


def test_help_defines_the_figures(ltc):
    result = ltc("report", "--help")
    assert result.exit_code == 0
    for words in ("--period", "--json", "Lead-loss rate", "won / (won + lost)", "0-30", "visit_target_weekly",
                  "first engaged in the period"):
        assert words in result.stdout
