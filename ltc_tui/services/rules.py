"""The LTC rules that are pure computation: tier, class, temperature, priority.

Each returns its result with the reasons, so a person can see why a lead
sits in its tier and where it ranks (``ltc lead show``, the lead file).
No database here: the inputs are passed in.

Tier (分层分级), points from the lead's inputs, thresholds team settings:
  customer standing   strategic +3, key +2, normal 0
  expected scale      >= tier_a_amount +2, >= tier_b_amount +1
  novelty             new product, solution or business model +1
  tier A at >= tier_a_points (default 4), B at >= tier_b_points (2), else C.

Verification (错位验证法) answers three questions:
  1. is it a lead?  need real and fits our strategy, else not a lead;
  2. how far?       urgent need, clear procurement, funds committed:
                    hot = funds committed and at least one other;
                    warm = any one yes; cold = none;
  3. can we win?    relationship, solution fit, solution maturity (0-3 each),
                    key team available, competition, risk.
Class: not a real, fitting need -> primary (初级线索); real and fitting ->
credible (可信线索); credible and hot -> opportunity lead (机会线索).

Priority (0-100) orders the committee queue; the sum of
  temperature       hot 40, warm 25, cold 10
  winnability       (relationship + fit + maturity) / 9 * 30, rounded
  team available    +5
  competition       none +5, weak +2, strong 0
  risk              low 0, medium -5, high -10
  tier              A +15, B +8, C +0
clamped to 0..100; a lead that is not a real, fitting need scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ltc_tui.enums import Competition, LeadClass, Risk, Standing, Temperature, Tier
from ltc_tui.values import format_money

STANDING_POINTS = {Standing.STRATEGIC: 3, Standing.KEY: 2, Standing.NORMAL: 0}


@dataclass(frozen=True)
class Reason:
    """One factor of a result: a catalogue key, its parameters, its points."""

    key: str
    points: int | None = None
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class TierResult:
    tier: Tier
    points: int
    reasons: list[Reason]


@dataclass(frozen=True)
class TierRule:
    a_amount_cents: int = 100_000_000
    b_amount_cents: int = 20_000_000
    a_points: int = 4
    b_points: int = 2

    @classmethod
    def from_settings(cls, values: dict[str, object]) -> TierRule:
        return cls(
            a_amount_cents=int(values["tier_a_amount"]),  # type: ignore[call-overload]
            b_amount_cents=int(values["tier_b_amount"]),  # type: ignore[call-overload]
            a_points=int(values["tier_a_points"]),  # type: ignore[call-overload]
            b_points=int(values["tier_b_points"]),  # type: ignore[call-overload]
        )


def compute_tier(
    *,
    standing: str,
    amount_cents: int | None,
    new_product: bool,
    new_solution: bool,
    new_business_model: bool,
    rule: TierRule,
) -> TierResult:
    reasons: list[Reason] = []
    points = STANDING_POINTS[Standing(standing)]
    reasons.append(Reason("rule.tier.standing", points, {"standing": standing}))
    if amount_cents is not None and amount_cents >= rule.a_amount_cents:
        reasons.append(Reason("rule.tier.amount_a", 2, {"limit": format_money(rule.a_amount_cents)}))
        points += 2
    elif amount_cents is not None and amount_cents >= rule.b_amount_cents:
        reasons.append(Reason("rule.tier.amount_b", 1, {"limit": format_money(rule.b_amount_cents)}))
        points += 1
    elif amount_cents is None:
        reasons.append(Reason("rule.tier.amount_unknown", 0))
    else:
        reasons.append(Reason("rule.tier.amount_small", 0, {"limit": format_money(rule.b_amount_cents)}))
    novelties = [
        name
        for name, flag in (
            ("new_product", new_product),
            ("new_solution", new_solution),
            ("new_business_model", new_business_model),
        )
        if flag
    ]
    if novelties:
        reasons.append(Reason("rule.tier.novelty", 1, {"what": novelties}))
        points += 1
    if points >= rule.a_points:
        tier = Tier.A
    elif points >= rule.b_points:
        tier = Tier.B
    else:
        tier = Tier.C
    reasons.append(
        Reason("rule.tier.total", None, {"tier": tier.value, "points": points, "a": rule.a_points, "b": rule.b_points})
    )
    return TierResult(tier, points, reasons)


@dataclass(frozen=True)
class Answers:
    """The three questions of cross verification."""

    need_real: bool
    fits_strategy: bool
    urgent: bool
    procurement_clear: bool
    funds_committed: bool
    relationship: int
    solution_fit: int
    solution_maturity: int
    team_available: bool
    competition: Competition
    risk: Risk


@dataclass(frozen=True)
class Assessment:
    is_lead: bool
    lead_class: LeadClass
    temperature: Temperature
    priority: int
    class_reasons: list[Reason]
    temperature_reasons: list[Reason]
    priority_reasons: list[Reason]


TEMPERATURE_POINTS = {Temperature.HOT: 40, Temperature.WARM: 25, Temperature.COLD: 10}
COMPETITION_POINTS = {Competition.NONE: 5, Competition.WEAK: 2, Competition.STRONG: 0}
RISK_POINTS = {Risk.LOW: 0, Risk.MEDIUM: -5, Risk.HIGH: -10}
TIER_POINTS = {Tier.A: 15, Tier.B: 8, Tier.C: 0}


def assess(answers: Answers, tier: str) -> Assessment:
    """Class, temperature and priority from the verification answers."""
    for name in ("relationship", "solution_fit", "solution_maturity"):
        value = getattr(answers, name)
        if not 0 <= value <= 3:
            from ltc_tui.errors import ValidationError

            raise ValidationError("error.int_range", field=name, value=value, low=0, high=3)
    yes = [
        name
        for name, flag in (
            ("urgent", answers.urgent),
            ("procurement", answers.procurement_clear),
            ("funds", answers.funds_committed),
        )
        if flag
    ]
    if answers.funds_committed and len(yes) >= 2:
        temperature = Temperature.HOT
        temperature_reasons = [Reason("rule.temp.hot", None, {"yes": yes})]
    elif yes:
        temperature = Temperature.WARM
        temperature_reasons = [Reason("rule.temp.warm", None, {"yes": yes})]
    else:
        temperature = Temperature.COLD
        temperature_reasons = [Reason("rule.temp.cold")]

    is_lead = answers.need_real and answers.fits_strategy
    if not is_lead:
        lead_class = LeadClass.PRIMARY
        why = "rule.class.need_not_real" if not answers.need_real else "rule.class.no_fit"
        class_reasons = [Reason(why)]
    elif temperature is Temperature.HOT:
        lead_class = LeadClass.OPPORTUNITY
        class_reasons = [Reason("rule.class.opportunity")]
    else:
        lead_class = LeadClass.CREDIBLE
        class_reasons = [Reason("rule.class.credible")]

    if not is_lead:
        return Assessment(
            False, lead_class, temperature, 0, class_reasons, temperature_reasons,
            [Reason("rule.priority.not_a_lead", 0)],
        )
    reasons = [Reason("rule.priority.temperature", TEMPERATURE_POINTS[temperature], {"temp": temperature.value})]
    win = answers.relationship + answers.solution_fit + answers.solution_maturity
    win_points = round(win / 9 * 30)
    reasons.append(
        Reason(
            "rule.priority.winnability",
            win_points,
            {
                "relationship": answers.relationship,
                "fit": answers.solution_fit,
                "maturity": answers.solution_maturity,
            },
        )
    )
    if answers.team_available:
        reasons.append(Reason("rule.priority.team", 5))
    reasons.append(
        Reason("rule.priority.competition", COMPETITION_POINTS[answers.competition], {"competition": answers.competition.value})
    )
    risk_points = RISK_POINTS[answers.risk]
    reasons.append(Reason("rule.priority.risk", risk_points, {"risk": answers.risk.value}))
    reasons.append(Reason("rule.priority.tier", TIER_POINTS[Tier(tier)], {"tier": tier}))
    total = sum(r.points or 0 for r in reasons)
    priority = max(0, min(100, total))
    return Assessment(True, lead_class, temperature, priority, class_reasons, temperature_reasons, reasons)


def kdm_needed(total: int, threshold_pct: int) -> int:
    """How many of ``total`` KDMs are needed: more than ``threshold_pct`` percent.

    At the default 50 that is a majority (3 of 5, 2 of 2, 1 of 1); at 100, all."""
    if total <= 0:
        return 1
    if threshold_pct >= 100:
        return total
    return min(total, total * threshold_pct // 100 + 1)


DEFAULT_PROBABILITY = {
    "verify": 10,
    "initiation": 20,
    "needs_analysis": 30,
    "value_presentation": 50,
    "bid": 60,
    "negotiation": 80,
    "won": 100,
    "lost": 0,
}
