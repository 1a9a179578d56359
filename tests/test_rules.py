"""The pure rules: tier points and thresholds, class, temperature, the
priority formula (and that its reasons add up), the KDM threshold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ltc_tui.enums import Competition, LeadClass, Risk, Stage, Standing, Temperature, Tier
from ltc_tui.errors import ValidationError
from ltc_tui.services.rules import DEFAULT_PROBABILITY, Answers, TierRule, assess, compute_tier, kdm_needed

RULE = TierRule()  # A from 1,000,000, B from 200,000; A at 4 points, B at 2


def tier(standing="normal", amount=None, *, product=False, solution=False, model=False, rule=RULE):
    return compute_tier(
        standing=standing, amount_cents=amount, new_product=product, new_solution=solution,
        new_business_model=model, rule=rule,
    )


# --- tier ------------------------------------------------------------------------------------


def test_a_normal_customer_small_and_familiar_is_tier_c():
    result = tier("normal", 5_000_00)
    assert (result.tier, result.points) == (Tier.C, 0)
    assert [r.key for r in result.reasons] == ["rule.tier.standing", "rule.tier.amount_small", "rule.tier.total"]


@pytest.mark.parametrize(("standing", "points"), [("strategic", 3), ("key", 2), ("normal", 0)])
def test_standing_points(standing, points):
    assert tier(standing).points == points


@pytest.mark.parametrize(
    ("amount", "points", "key"),
    [
        (None, 0, "rule.tier.amount_unknown"),
        (19_999_999, 0, "rule.tier.amount_small"),
        (20_000_000, 1, "rule.tier.amount_b"),
        (99_999_999, 1, "rule.tier.amount_b"),
        (100_000_000, 2, "rule.tier.amount_a"),
    ],
)
def test_amount_points_at_the_thresholds(amount, points, key):
    result = tier("normal", amount)
    assert result.points == points
    assert key in [r.key for r in result.reasons]


def test_novelty_counts_once_however_many_kinds():
    assert tier(product=True).points == 1
    result = tier(product=True, solution=True, model=True)
    assert result.points == 1
    novelty = next(r for r in result.reasons if r.key == "rule.tier.novelty")
    assert novelty.params["what"] == ["new_product", "new_solution", "new_business_model"]


@pytest.mark.parametrize(
    ("standing", "amount", "novel", "expected"),
    [
        ("strategic", None, True, Tier.A),  # 3 + 1 = 4
        ("strategic", None, False, Tier.B),  # 3
        ("key", 100_000_000, False, Tier.A),  # 2 + 2
        ("key", None, False, Tier.B),  # 2
        ("normal", 100_000_000, False, Tier.B),  # 2
        ("normal", 20_000_000, True, Tier.B),  # 1 + 1
        ("normal", 20_000_000, False, Tier.C),  # 1
    ],
)
def test_tier_thresholds(standing, amount, novel, expected):
    assert tier(standing, amount, product=novel).tier is expected


def test_the_team_can_change_the_tier_rule():
    strict = TierRule(a_amount_cents=1_000_000_000, b_amount_cents=500_000_000, a_points=5, b_points=3)
    assert tier("strategic", 100_000_000, rule=strict).tier is Tier.B  # 3 points only
    assert tier("strategic", 1_000_000_000, product=True, rule=strict).tier is Tier.A  # 6


def test_tier_rule_from_settings():
    rule = TierRule.from_settings({"tier_a_amount": 5, "tier_b_amount": 3, "tier_a_points": 6, "tier_b_points": 1})
    assert rule == TierRule(5, 3, 6, 1)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(Standing)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10**13)),
    st.booleans(), st.booleans(), st.booleans(),
)
def test_tier_is_the_sum_of_its_reasons_against_the_thresholds(standing, amount, p, s, m):
    result = compute_tier(standing=standing.value, amount_cents=amount, new_product=p, new_solution=s,
                          new_business_model=m, rule=RULE)
    total = sum(r.points or 0 for r in result.reasons if r.key != "rule.tier.total")
    assert total == result.points
    expected = Tier.A if total >= RULE.a_points else Tier.B if total >= RULE.b_points else Tier.C
    assert result.tier is expected


# --- verification: temperature, class, priority ---------------------------------------------


def answers(**changes) -> Answers:
    base = dict(
        need_real=True, fits_strategy=True, urgent=False, procurement_clear=False, funds_committed=False,
        relationship=2, solution_fit=2, solution_maturity=2, team_available=True,
        competition=Competition.WEAK, risk=Risk.MEDIUM,
    )
    base.update(changes)
    return Answers(**base)


@pytest.mark.parametrize(
    ("urgent", "procurement", "funds", "temp"),
    [
        (False, False, False, Temperature.COLD),
        (True, False, False, Temperature.WARM),
        (False, True, False, Temperature.WARM),
        (False, False, True, Temperature.WARM),  # money alone is not yet hot
        (True, True, False, Temperature.WARM),  # no money committed: not hot
        (True, False, True, Temperature.HOT),
        (False, True, True, Temperature.HOT),
        (True, True, True, Temperature.HOT),
    ],
)
def test_temperature(urgent, procurement, funds, temp):
    result = assess(answers(urgent=urgent, procurement_clear=procurement, funds_committed=funds), "C")
    assert result.temperature is temp
    assert result.temperature_reasons[0].key == f"rule.temp.{temp.value}"


def test_a_need_that_is_not_real_is_a_primary_lead_with_priority_zero():
    result = assess(answers(need_real=False, urgent=True, funds_committed=True), "A")
    assert (result.is_lead, result.lead_class, result.priority) == (False, LeadClass.PRIMARY, 0)
    assert result.class_reasons[0].key == "rule.class.need_not_real"
    assert [r.key for r in result.priority_reasons] == ["rule.priority.not_a_lead"]


def test_a_need_that_does_not_fit_our_strategy_is_a_primary_lead():
    result = assess(answers(fits_strategy=False), "B")
    assert result.lead_class is LeadClass.PRIMARY
    assert result.class_reasons[0].key == "rule.class.no_fit"
    assert result.priority == 0


def test_real_and_fitting_is_credible_and_hot_makes_it_an_opportunity_lead():
    assert assess(answers(urgent=True), "C").lead_class is LeadClass.CREDIBLE
    assert assess(answers(), "C").lead_class is LeadClass.CREDIBLE  # cold but real
    assert assess(answers(urgent=True, funds_committed=True), "C").lead_class is LeadClass.OPPORTUNITY


def test_priority_formula_worked_example():
    # hot 40 + winnability (3+3+3)/9*30 = 30 + team 5 + no competition 5 + low risk 0 + tier A 15 = 95
    best = assess(answers(urgent=True, funds_committed=True, relationship=3, solution_fit=3, solution_maturity=3,
                          competition=Competition.NONE, risk=Risk.LOW), "A")
    assert best.priority == 95
    points = {r.key: r.points for r in best.priority_reasons}
    assert points == {
        "rule.priority.temperature": 40, "rule.priority.winnability": 30, "rule.priority.team": 5,
        "rule.priority.competition": 5, "rule.priority.risk": 0, "rule.priority.tier": 15,
    }
    # cold 10 + 0 + no team + strong competition 0 + high risk -10 + tier C 0 = 0
    worst = assess(answers(relationship=0, solution_fit=0, solution_maturity=0, team_available=False,
                           competition=Competition.STRONG, risk=Risk.HIGH), "C")
    assert worst.priority == 0
    assert "rule.priority.team" not in {r.key for r in worst.priority_reasons}


def test_winnability_is_rounded():
    result = assess(answers(relationship=1, solution_fit=0, solution_maturity=0), "C")  # 1/9*30 = 3.33
    assert next(r.points for r in result.priority_reasons if r.key == "rule.priority.winnability") == 3


def test_tier_moves_priority():
    assert assess(answers(), "A").priority - assess(answers(), "C").priority == 15
    assert assess(answers(), "B").priority - assess(answers(), "C").priority == 8


@pytest.mark.parametrize("name", ["relationship", "solution_fit", "solution_maturity"])
@pytest.mark.parametrize("value", [-1, 4])
def test_levels_outside_0_to_3_are_refused(name, value):
    with pytest.raises(ValidationError) as caught:
        assess(answers(**{name: value}), "C")
    assert caught.value.field == name


@settings(max_examples=300, deadline=None)
@given(
    st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans(),
    st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.booleans(),
    st.sampled_from(list(Competition)), st.sampled_from(list(Risk)), st.sampled_from(list(Tier)),
)
def test_priority_is_explained_by_its_reasons(need, fits, urgent, proc, funds, rel, fit, mat, team, comp, risk, tier_):
    result = assess(
        Answers(need, fits, urgent, proc, funds, rel, fit, mat, team, comp, risk), tier_.value
    )
    assert 0 <= result.priority <= 100
    # The reasons a person reads add up to the number they see.
    assert sum(r.points or 0 for r in result.priority_reasons) == result.priority
    assert (result.priority == 0) if not (need and fits) else (result.priority >= 0)


def test_hotter_never_ranks_lower():
    cold = assess(answers(), "B").priority
    warm = assess(answers(urgent=True), "B").priority
    hot = assess(answers(urgent=True, funds_committed=True), "B").priority
    assert cold < warm < hot


# --- KDM threshold --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "pct", "needed"),
    [(5, 50, 3), (4, 50, 3), (2, 50, 2), (1, 50, 1), (3, 33, 1), (3, 34, 2), (5, 100, 5), (5, 99, 5), (10, 1, 1), (0, 50, 1)],
)
def test_kdm_needed(total, pct, needed):
    assert kdm_needed(total, pct) == needed


@given(st.integers(1, 500), st.integers(1, 99))
def test_kdm_needed_is_the_least_count_above_the_threshold(total, pct):
    needed = kdm_needed(total, pct)
    assert 1 <= needed <= total
    assert needed * 100 > total * pct or needed == total
    assert (needed - 1) * 100 <= total * pct


def test_every_stage_has_a_default_probability():
    assert set(DEFAULT_PROBABILITY) == {s.value for s in Stage}
    assert DEFAULT_PROBABILITY["won"] == 100 and DEFAULT_PROBABILITY["lost"] == 0
