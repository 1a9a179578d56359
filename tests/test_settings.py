"""Team settings live in the database (so a team shares them); only an admin
changes them, and each value is checked."""

from __future__ import annotations

import pytest
from core_builders import add_lead

from ltc_tui.errors import PermissionDenied, ValidationError
from ltc_tui.services import leads
from ltc_tui.services import settings as settings_service

DEFAULTS = {
    "meeting_cadence_days": 14, "kdm_threshold_pct": 50, "vote_threshold_pct": 50, "stale_days": 30,
    "opportunity_stale_days": 30, "visit_target_weekly": 6, "currency": "USD", "tier_a_amount": 100_000_000,
    "tier_b_amount": 20_000_000, "tier_a_points": 4, "tier_b_points": 2, "review_days": 30,
}


def test_a_fresh_database_has_the_defaults(team):
    with team.act("ana", write=False) as s:
        assert settings_service.all_settings(s) == DEFAULTS
        assert settings_service.get(s, "Meeting-Cadence-Days") == 14


def test_an_admin_changes_a_setting_and_everyone_sees_it(team):
    with team.act("ana") as s:
        assert settings_service.set_value(s, "meeting_cadence_days", " 7 ") == 7
        assert settings_service.set_value(s, "currency", "eur") == "EUR"
        assert settings_service.set_value(s, "tier_a_amount", "5M") == 500_000_000
    with team.db.session() as other:  # another connection, no actor: reads the shared value
        values = settings_service.all_settings(other)
    assert (values["meeting_cadence_days"], values["currency"], values["tier_a_amount"]) == (7, "EUR", 500_000_000)
    assert settings_service.show("tier_a_amount", values["tier_a_amount"]) == "5,000,000"
    with team.act("ana") as s:
        settings_service.set_value(s, "meeting_cadence_days", "21")
        assert settings_service.get(s, "meeting_cadence_days") == 21


@pytest.mark.parametrize("who", ["li", "bo", "sam"])
def test_only_an_admin_may_change_settings(team, who):
    with pytest.raises(PermissionDenied) as caught, team.act(who) as s:
        settings_service.set_value(s, "stale_days", "7")
    assert "admin" in caught.value.message and caught.value.exit_code == 1
    with team.act("ana", write=False) as s:
        assert settings_service.get(s, "stale_days") == 30


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("kdm_threshold_pct", "0"), ("kdm_threshold_pct", "101"), ("stale_days", "soon"), ("stale_days", ""),
        ("currency", "dollars"), ("tier_a_amount", "-1"), ("visit_target_weekly", "6.5"),
        ("tier_b_amount", "2M"),  # above tier A's 1M
        ("tier_a_points", "1"),  # below tier B's 2
    ],
)
def test_bad_values_are_refused_naming_the_setting(team, key, raw):
    with pytest.raises(ValidationError) as caught, team.act("ana") as s:
        settings_service.set_value(s, key, raw)
    assert caught.value.field == key
    assert caught.value.message.startswith(f"{key}:")
    with team.act("ana", write=False) as s:
        assert settings_service.all_settings(s) == DEFAULTS


def test_an_unknown_setting_lists_the_known_ones(team):
    with pytest.raises(ValidationError) as caught, team.act("ana") as s:
        settings_service.set_value(s, "coffee_strength", "9")
    assert "No setting 'coffee_strength'" in caught.value.message and "stale_days" in caught.value.message
    assert caught.value.exit_code == 2


def test_the_tier_rule_settings_change_new_tiers(team):
    first = add_lead(team, amount="300k")  # 1 point: C
    with team.act("ana") as s:
        settings_service.set_value(s, "tier_b_points", "1")
    second = add_lead(team, title="Another", amount="300k")
    with team.act("ana", write=False) as s:
        assert (leads.get_lead(s, first).tier, leads.get_lead(s, second).tier) == ("C", "B")
