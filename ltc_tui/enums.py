"""The closed vocabularies of the LTC method.

Pure Python on purpose: the CLI parses options against these without
importing SQLModel, and the models turn each into a CHECK constraint.
Values are stored as these lower-case strings; labels for people live in
the message catalogue (``ltc_tui.i18n``), keyed ``enum.<Class>.<value>``.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a person may do on the team (a person may hold several)."""

    STAFF = "staff"  # anyone: submits leads (all-staff marketing)
    AR = "ar"  # account responsible
    SR = "sr"  # solution responsible, owns nurturing
    FR = "fr"  # fulfilment responsible
    CHAIR = "chair"  # lead committee chair
    MEMBER = "member"  # lead committee member
    ADMIN = "admin"  # settings, deletions
    MANAGER = "manager"  # team lead, watches the funnel


class Standing(StrEnum):
    """A customer's standing, the first input of the lead tier."""

    STRATEGIC = "strategic"
    KEY = "key"
    NORMAL = "normal"


class ContactLevel(StrEnum):
    """Where a contact sits in the customer's organisation.

    Cross verification asks for more than one level."""

    EXECUTIVE = "executive"
    MANAGER = "manager"
    STAFF = "staff"


class DecisionRole(StrEnum):
    """A contact's part in the customer's decision chain (power map)."""

    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    EVALUATOR = "evaluator"
    USER = "user"
    COACH = "coach"
    GATEKEEPER = "gatekeeper"


class Influence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Attitude(StrEnum):
    """A contact's attitude toward us."""

    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    OPPONENT = "opponent"
    UNKNOWN = "unknown"


class Source(StrEnum):
    """Source channels of all-staff marketing."""

    SALES_VISIT = "sales_visit"
    TECH_EXCHANGE = "tech_exchange"  # 看网讲网
    DELIVERY = "delivery"
    HQ_MARKETING = "hq_marketing"
    EXHIBITION = "exhibition"
    EXECUTIVE_VISIT = "executive_visit"
    COMPANY_TOUR = "company_tour"
    PARTNER = "partner"
    INBOUND = "inbound"
    OTHER = "other"


class Tier(StrEnum):
    A = "A"  # major or strategic, headquarters level
    B = "B"  # regional
    C = "C"  # short-term, local office


class LeadClass(StrEnum):
    PRIMARY = "primary"  # 初级线索
    CREDIBLE = "credible"  # 可信线索
    OPPORTUNITY = "opportunity"  # 机会线索


class Temperature(StrEnum):
    COLD = "cold"
    WARM = "warm"
    HOT = "hot"


class LeadStatus(StrEnum):
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    NURTURING = "nurturing"
    CONVERTED = "converted"
    CLOSED = "closed"


class DecisionKind(StrEnum):
    CLOSE = "close"
    CONVERT = "convert"
    NURTURE = "nurture"
    DEFER = "defer"


class MeetingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Competition(StrEnum):
    """The competitive landscape seen at verification."""

    NONE = "none"
    WEAK = "weak"
    STRONG = "strong"


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Step(StrEnum):
    """The six nurturing steps, in order (华为销售的六步)."""

    PAIN_CHAIN = "pain_chain"
    KDM_INTEREST = "kdm_interest"
    PAIN_ACKNOWLEDGED = "pain_acknowledged"
    COMPETITION = "competition"
    VISION = "vision"
    SOLUTION_ACCEPTANCE = "solution_acceptance"

    @property
    def number(self) -> int:
        return list(Step).index(self) + 1

    @classmethod
    def from_number(cls, number: int) -> Step:
        return list(cls)[number - 1]


class StepState(StrEnum):
    OPEN = "open"
    DONE = "done"


class Vote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    UNDECIDED = "undecided"


class CompetitorStanding(StrEnum):
    """How well a competitor stands with the customer."""

    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


class Stage(StrEnum):
    """Opportunity stages (seed 004), then the two outcomes."""

    VERIFY = "verify"
    INITIATION = "initiation"
    NEEDS_ANALYSIS = "needs_analysis"
    VALUE_PRESENTATION = "value_presentation"
    BID = "bid"
    NEGOTIATION = "negotiation"  # negotiation and signing
    WON = "won"
    LOST = "lost"

    @property
    def is_open(self) -> bool:
        return self not in (Stage.WON, Stage.LOST)

    @classmethod
    def open_stages(cls) -> list[Stage]:
        return [s for s in cls if s.is_open]


class Gate(StrEnum):
    """Approvals between opportunity stages (seed 004)."""

    INITIATION = "initiation"  # approved by a named person, not the AR
    BID = "bid"  # FR review of deliverability, workload and price
    SIGNING = "signing"  # scope of work agreed


class GateResult(StrEnum):
    PASS = "pass"
    CONDITIONAL = "conditional"  # pass with conditions
    FAIL = "fail"


class ContractStatus(StrEnum):
    SIGNED = "signed"
    EXECUTING = "executing"
    CLOSED = "closed"
    DISPUTED = "disputed"


class VisitKind(StrEnum):
    ROUTINE = "routine"
    TECH_EXCHANGE = "tech_exchange"
    EXECUTIVE = "executive"
    SITE_TOUR = "site_tour"
    EXHIBITION = "exhibition"


class TriangleRole(StrEnum):
    AR = "ar"
    SR = "sr"
    FR = "fr"


def values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


def parse(enum: type[StrEnum], text: str, *, field: str) -> StrEnum:
    """Read a user's word for an enum member, forgiving case, dashes and spaces.

    Raises ``ValidationError`` naming the field and the accepted values."""
    from ltc_tui.errors import ValidationError

    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    for member in enum:
        if key in (member.value.lower(), member.name.lower()):
            return member
    raise ValidationError(
        "error.enum",
        field=field,
        value=text,
        choices=", ".join(values(enum)),
    )
