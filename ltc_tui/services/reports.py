"""The pipeline report: every figure of the dashboard and of ``ltc report``.

``pipeline_report(session, period=..., today=...)`` returns a ``Report``
(plain dataclasses); ``report_json(report)`` turns it into JSON-ready data.
Figures come from SQL aggregates (counts and sums grouped in the database);
only the short lists (stale items, overdue payments) come back as rows, so
the report stays fast at 100k leads. Opportunities are read from their own
columns (engaged_on, closed_on, stage, owner, amount), so opportunities
imported from another CRM count exactly like native ones.

Periods
  month, quarter, year   the calendar month, quarter or year holding today
  all                    no bounds

Money is summed per currency (``{"USD": cents, ...}``): amounts in different
currencies are never added together. Rates are fractions (0.25 = 25%) and
are ``None`` when their denominator is zero.

Funnel (a cohort: what became of the work that started in the period)
  leads          leads submitted in the period (submitted_on);
                 amount: their expected amounts
  verified       of those, the leads verified (a verification recorded)
  nurturing      of those, the leads that reached nurturing (nurturing now,
                 or a committee decision to nurture that was not undone)
  opportunities  opportunities first engaged in the period (engaged_on):
                 the period's leads converted (an opportunity opened from a
                 lead is engaged on the lead's submission date), plus those
                 entered directly or imported; amount: their amounts
  won            of those opportunities, the ones won so far; amount: won value
  collected      of those won, the ones whose contract has received cash
                 covering its value; amount: all cash received so far on the
                 won ones' contracts (part payments included)

Conversion and lead loss (over the leads submitted in the period)
  conversion rate  converted / (converted + closed): of the leads the
                   committee has decided on for good, the share that became
                   an opportunity
  lead-loss rate   (流单率, leads that never became an order) lost / ended:
                   a lead has ended when it was closed, or converted and its
                   opportunity won or lost; it is lost when closed, or
                   converted and its opportunity lost
                   (leads still open, or whose opportunity is still open, are
                   in neither count)

Leads by channel and by submitter: the period's leads, with how many of
them were converted and how many of those won.

Outcomes (opportunities closed in the period, closed_on)
  win rate       won / (won + lost), in total and per owner
  won value      sum of the won ones' amounts, in total and per owner
  median days    days from first engagement (engaged_on) to close (closed_on),
                 for the won and for the lost (the mean of the middle two when
                 their number is even)

Current state (as of today, whatever the period)
  visits         this week's (Monday to Sunday) visits per person against
                 the setting visit_target_weekly (default 6), for everyone
                 holding a customer-facing role (AR, SR, FR) or with a visit
                 this week (``services.visits.week_counts``)
  stale leads    open leads (submitted, verified, nurturing) with nothing
                 recorded for stale_days (the lead pool's "stale" view)
  stale opportunities  open opportunities whose stage has not changed for
                 opportunity_stale_days
  receivables    planned payments not yet received, on contracts not closed,
                 by days past due (today - due date): not yet due, 0-30,
                 31-60, 61-90, over 90; a payment with a receipt recorded
                 counts as settled (as on the contract tracker)
  overdue        of those, the ones past their due date (due before today)
  budgets        key and strategic customers whose investment budget for
                 next year (today's year + 1) is known, out of all of them

Cash collected in the period: money received (received_on) in the period.

For the dashboard screen: call ``pipeline_report`` from a thread worker
(it only reads); ``format_rate``, ``format_days`` and ``format_amounts``
show the figures as ``ltc report`` does ("-" where there is nothing).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.enums import ContractStatus, DecisionKind, LeadStatus, Source, Stage
from ltc_tui.errors import ValidationError
from ltc_tui.models.committee import Decision
from ltc_tui.models.contracts import Contract, Payment
from ltc_tui.models.customers import Customer
from ltc_tui.models.leads import Lead
from ltc_tui.models.opportunities import Opportunity
from ltc_tui.models.people import Person
from ltc_tui.services import settings as settings_service
from ltc_tui.values import add_months, cents_to_decimal, format_money

PERIODS = ("month", "quarter", "year", "all")
FUNNEL_STAGES = ("leads", "verified", "nurturing", "opportunities", "won", "collected")
AGE_BUCKETS = ("not_due", "0_30", "31_60", "61_90", "over_90")
OPEN_LEAD = (LeadStatus.SUBMITTED.value, LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value)
OPEN_STAGES = tuple(s.value for s in Stage.open_stages())

Amounts = dict[str, int]  # currency -> cents


# --- the report's shape ---------------------------------------------------------


@dataclass(frozen=True)
class Period:
    name: str  # month, quarter, year, all
    start: dt.date | None  # None for "all"
    end: dt.date | None
    today: dt.date


@dataclass
class FunnelStage:
    stage: str  # one of FUNNEL_STAGES
    count: int
    amounts: Amounts


@dataclass
class Conversion:
    leads: int  # submitted in the period
    converted: int  # became an opportunity
    closed: int  # closed by the committee
    open: int  # still submitted, verified or nurturing
    won: int  # converted, and the opportunity won
    lost: int  # closed, or converted and the opportunity lost
    ended: int  # closed, or converted and the opportunity won or lost

    @property
    def conversion_rate(self) -> float | None:
        return ratio(self.converted, self.converted + self.closed)

    @property
    def loss_rate(self) -> float | None:
        return ratio(self.lost, self.ended)


@dataclass
class ChannelRow:
    source: str
    leads: int
    converted: int
    won: int


@dataclass
class SubmitterRow:
    person_id: int
    handle: str
    name: str
    leads: int
    converted: int
    won: int


@dataclass
class VisitRow:
    person_id: int
    handle: str
    name: str
    visits: int
    target: int

    @property
    def met(self) -> bool:
        return self.visits >= self.target


@dataclass
class VisitWeek:
    start: dt.date
    end: dt.date
    target: int
    people: list[VisitRow]

    @property
    def total(self) -> int:
        return sum(row.visits for row in self.people)

    @property
    def met(self) -> int:
        return sum(1 for row in self.people if row.met)


@dataclass
class OwnerOutcome:
    owner_id: int | None  # None: opportunities without an owner
    handle: str | None
    name: str | None
    won: int
    lost: int
    won_amounts: Amounts

    @property
    def win_rate(self) -> float | None:
        return ratio(self.won, self.won + self.lost)


@dataclass
class Outcomes:
    won: int
    lost: int
    won_amounts: Amounts
    lost_amounts: Amounts
    median_days_won: float | None
    median_days_lost: float | None
    owners: list[OwnerOutcome]

    @property
    def win_rate(self) -> float | None:
        return ratio(self.won, self.won + self.lost)


@dataclass
class StaleLead:
    id: int
    title: str
    customer: str
    status: str
    owner: str | None
    last_activity_on: dt.date
    idle_days: int


@dataclass
class StaleOpportunity:
    id: int
    title: str
    customer: str
    stage: str
    owner: str | None
    stage_changed_on: dt.date
    idle_days: int


@dataclass
class StaleLeads:
    days: int  # the setting stale_days
    count: int
    rows: list[StaleLead]  # the longest idle first, at most ``list_limit``


@dataclass
class StaleOpportunities:
    days: int  # the setting opportunity_stale_days
    count: int
    rows: list[StaleOpportunity]


@dataclass
class AgeBucket:
    age: str  # one of AGE_BUCKETS
    count: int
    amounts: Amounts


@dataclass
class OverduePayment:
    payment_id: int
    contract_id: int
    contract_number: str
    customer: str
    due_on: dt.date
    days_overdue: int
    amount_cents: int
    currency: str
    is_final: bool
    ar: str | None
    fr: str | None


@dataclass
class Receivables:
    buckets: list[AgeBucket]
    overdue_count: int
    overdue_amounts: Amounts
    overdue: list[OverduePayment]  # the longest overdue first, at most ``list_limit``
    collected_in_period: Amounts

    @property
    def outstanding_count(self) -> int:
        return sum(b.count for b in self.buckets)

    @property
    def outstanding_amounts(self) -> Amounts:
        return add_amounts(b.amounts for b in self.buckets)


@dataclass
class BudgetShare:
    year: int
    known: int
    total: int

    @property
    def share(self) -> float | None:
        return ratio(self.known, self.total)


@dataclass
class Report:
    period: Period
    currency: str  # the team's currency (setting), listed first
    funnel: list[FunnelStage]
    conversion: Conversion
    channels: list[ChannelRow]
    submitters: list[SubmitterRow]
    visits: VisitWeek
    outcomes: Outcomes
    stale_leads: StaleLeads
    stale_opportunities: StaleOpportunities
    receivables: Receivables
    budgets: BudgetShare


# --- small helpers ------------------------------------------------------------------


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide by."""
    return part / whole if whole else None


def add_amounts(parts: Iterable[Amounts]) -> Amounts:
    total: Amounts = defaultdict(int)
    for amounts in parts:
        for currency, cents in amounts.items():
            total[currency] += cents
    return dict(total)


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as value -> how many times it occurs."""
    n = sum(counts.values())
    if n == 0:
        return None
    wanted = {(n - 1) // 2, n // 2}
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        block = range(seen, seen + counts[value])
        found.extend(value for position in wanted if position in block)
        seen += counts[value]
    return sum(found) / len(found)


def format_rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


def format_days(days: float | None) -> str:
    if days is None:
        return "-"
    return str(int(days)) if days == int(days) else f"{days:.1f}"


def format_amounts(amounts: Amounts, first: str | None = None, *, compact: bool = False) -> str:
    """``1,200,000 USD + 30,000 EUR``; "-" when there is no money."""
    shown = [(c, v) for c, v in sort_amounts(amounts, first) if v]
    if not shown:
        return "-"
    return " + ".join(format_money(v, c, compact=compact) for c, v in shown)


def sort_amounts(amounts: Amounts, first: str | None = None) -> list[tuple[str, int]]:
    return sorted(amounts.items(), key=lambda item: (item[0] != first, item[0]))


def period_bounds(name: str, today: dt.date) -> Period:
    key = (name or "").strip().lower()
    if key not in PERIODS:
        raise ValidationError("error.enum", field="period", value=name, choices=", ".join(PERIODS))
    if key == "all":
        return Period(key, None, None, today)
    if key == "month":
        start = today.replace(day=1)
        months = 1
    elif key == "quarter":
        start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        months = 3
    else:
        start = dt.date(today.year, 1, 1)
        months = 12
    return Period(key, start, add_months(start, months) - dt.timedelta(days=1), today)


def _within(column: Any, period: Period) -> list[Any]:
    conditions = []
    if period.start is not None:
        conditions.append(column >= period.start)
    if period.end is not None:
        conditions.append(column <= period.end)
    return conditions


def _count_if(condition: Any) -> Any:
    return sa.func.count(sa.case((condition, 1)))


def _sum_if(condition: Any, value: Any) -> Any:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, value), else_=0)), 0)


def _days_between(session: Session, start: Any, end: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return sa.cast(sa.func.julianday(end) - sa.func.julianday(start), sa.Integer)
    return end - start  # PostgreSQL: date - date is a number of days


def _moment(today: dt.date | None) -> dt.datetime:
    """The instant the stale clocks read: now, or 09:00 UTC of a given day
    (as ``leads.stale_cutoff`` does)."""
    return clock.now() if today is None else dt.datetime.combine(today, dt.time(9), dt.UTC)


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# --- the figures ----------------------------------------------------------------------


def pipeline_report(
    session: Session, *, period: str = "month", today: dt.date | None = None, list_limit: int = 20
) -> Report:
    """Every figure of the pipeline dashboard for ``period`` (see the module
    docstring for the definitions). ``today`` defaults to the clock's today;
    ``list_limit`` caps the stale and overdue lists (their counts are whole)."""
    day = today or clock.today()
    span = period_bounds(period, day)
    if list_limit < 0:
        raise ValidationError("error.int_range", field="limit", value=list_limit, low=0, high=None)
    currency = str(settings_service.get(session, "currency"))
    tallies = _lead_tallies(session, span)
    lead_stages, conversion = _lead_funnel(tallies)
    opp_stages = _opportunity_cohort(session, span)
    return Report(
        period=span,
        currency=currency,
        funnel=[*lead_stages, *opp_stages],
        conversion=conversion,
        channels=_channels(tallies),
        submitters=_submitters(session, tallies),
        visits=_visits(session, day),
        outcomes=_outcomes(session, span),
        stale_leads=_stale_leads(session, today, day, list_limit),
        stale_opportunities=_stale_opportunities(session, today, day, list_limit),
        receivables=_receivables(session, span, list_limit),
        budgets=_budgets(session, day),
    )


def _verified() -> Any:
    # lead_class is set by a verification; the later statuses imply one.
    return sa.or_(
        Lead.lead_class.is_not(None),
        Lead.status.in_((LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value, LeadStatus.CONVERTED.value)),
    )


@dataclass
class _LeadTally:
    """One group (currency, channel, submitter) of the period's leads."""

    currency: str
    source: str
    submitter_id: int
    leads: int
    amount: int
    verified: int
    verified_amount: int
    nurtured: int
    nurtured_amount: int
    converted: int
    closed: int
    open: int
    won: int
    lost: int  # converted, and the opportunity lost


def _lead_tallies(session: Session, span: Period) -> list[_LeadTally]:
    """The period's leads in one pass, grouped by currency, channel and
    submitter: the funnel's first stages, conversion, channels and
    submitters all add these up (one scan of the leads, not four)."""
    standing = (Decision.kind == DecisionKind.NURTURE.value, Decision.undone_at.is_(None))
    nurture = None
    if session.get_bind().dialect.name == "sqlite":
        # SQLite: one index probe per lead of the period (a join would read
        # every decision first, whatever the period). The kind as a literal:
        # then the partial index of standing nurture decisions (0003) answers
        # without reading the decision (a bound value could be anything).
        nurture_kind = sa.literal_column(f"'{DecisionKind.NURTURE.value}'")
        decided: Any = (
            sa.select(Decision.id)
            .where(Decision.lead_id == Lead.id, Decision.kind == nurture_kind, Decision.undone_at.is_(None))
            .exists()
        )
    else:
        # PostgreSQL: the same test as a hash join; a correlated EXISTS inside
        # the aggregates runs as a subplan and takes seconds at 100k leads.
        of_period = sa.orm.aliased(Lead)
        nurture = (
            sa.select(Decision.lead_id)
            .join(of_period, of_period.id == Decision.lead_id)
            .where(*standing, *_within(of_period.submitted_on, span))
            .group_by(Decision.lead_id)
            .subquery()
        )
        decided = nurture.c.lead_id.is_not(None)
    # A standing nurture decision on a lead that is not nurturing now means it
    # has moved on (converted, closed); a lead undone back to verified has none.
    nurtured = sa.or_(
        Lead.status == LeadStatus.NURTURING.value,
        sa.and_(Lead.status.in_((LeadStatus.CONVERTED.value, LeadStatus.CLOSED.value)), decided),
    )
    amount = sa.func.coalesce(Lead.expected_amount_cents, 0)
    converted = Lead.status == LeadStatus.CONVERTED.value
    # Grouped in the order of ix_lead_tally (0003), which holds every column
    # read here: all time is a walk of that index, not of the 100k rows.
    stmt = (
        sa.select(
            Lead.currency,
            Lead.source,
            Lead.submitter_id,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(amount), 0),
            _count_if(_verified()),
            _sum_if(_verified(), amount),
            _count_if(nurtured),
            _sum_if(nurtured, amount),
            _count_if(converted),
            _count_if(Lead.status == LeadStatus.CLOSED.value),
            _count_if(Lead.status.in_(OPEN_LEAD)),
            _count_if(sa.and_(converted, Opportunity.stage == Stage.WON.value)),
            _count_if(sa.and_(converted, Opportunity.stage == Stage.LOST.value)),
        )
        .select_from(Lead)
        .join(Opportunity, Opportunity.lead_id == Lead.id, isouter=True)
    )
    if nurture is not None:
        stmt = stmt.join(nurture, nurture.c.lead_id == Lead.id, isouter=True)
    rows = session.execute(
        stmt.where(*_within(Lead.submitted_on, span)).group_by(Lead.currency, Lead.source, Lead.submitter_id)
    ).all()
    return [_LeadTally(cur, source, int(who), *(int(v) for v in figures)) for cur, source, who, *figures in rows]


def _lead_funnel(tallies: list[_LeadTally]) -> tuple[list[FunnelStage], Conversion]:
    stages = []
    for name, count, cents in (
        ("leads", "leads", "amount"),
        ("verified", "verified", "verified_amount"),
        ("nurturing", "nurtured", "nurtured_amount"),
    ):
        amounts: Amounts = defaultdict(int)
        for tally in tallies:
            amounts[tally.currency] += getattr(tally, cents)
        stages.append(FunnelStage(name, sum(getattr(t, count) for t in tallies), dict(amounts)))

    def total(name: str) -> int:
        return sum(getattr(t, name) for t in tallies)

    closed, won, lost = total("closed"), total("won"), total("lost")
    conversion = Conversion(
        leads=total("leads"),
        converted=total("converted"),
        closed=closed,
        open=total("open"),
        won=won,
        lost=closed + lost,
        ended=closed + won + lost,
    )
    return stages, conversion


def _channels(tallies: list[_LeadTally]) -> list[ChannelRow]:
    found: dict[str, ChannelRow] = {s.value: ChannelRow(s.value, 0, 0, 0) for s in Source}
    for tally in tallies:
        row = found.setdefault(tally.source, ChannelRow(tally.source, 0, 0, 0))
        row.leads += tally.leads
        row.converted += tally.converted
        row.won += tally.won
    # sorted is stable: channels with as many leads keep the enum's order
    return sorted(found.values(), key=lambda r: -r.leads)


def _submitters(session: Session, tallies: list[_LeadTally]) -> list[SubmitterRow]:
    found: dict[int, SubmitterRow] = {}
    for tally in tallies:
        row = found.setdefault(tally.submitter_id, SubmitterRow(tally.submitter_id, "", "", 0, 0, 0))
        row.leads += tally.leads
        row.converted += tally.converted
        row.won += tally.won
    if found:
        for pid, handle, name in session.execute(
            sa.select(Person.id, Person.handle, Person.name).where(Person.id.in_(list(found)))
        ).all():
            found[pid].handle, found[pid].name = handle, name
    return sorted(found.values(), key=lambda r: (-r.leads, -r.converted, r.handle))


def _opportunity_cohort(session: Session, span: Period) -> list[FunnelStage]:
    amount = sa.func.coalesce(Opportunity.amount_cents, 0)
    won = Opportunity.stage == Stage.WON.value
    opened: Amounts = {}
    won_amounts: Amounts = {}
    n_opened = n_won = 0
    for cur, n, amt, nw, amt_w in session.execute(
        sa.select(
            Opportunity.currency,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(amount), 0),
            _count_if(won),
            _sum_if(won, amount),
        )
        .where(*_within(Opportunity.engaged_on, span))
        .group_by(Opportunity.currency)
    ).all():
        n_opened += int(n)
        n_won += int(nw)
        opened[cur] = int(amt)
        won_amounts[cur] = int(amt_w)
    # Cash per contract of the period's won deals, summed per contract first.
    # (Only won deals have contracts; the stage is tested in the select so
    # that the engaged_on index, not the stage one, picks the rows.)
    per_contract = (
        sa.select(
            Contract.currency.label("currency"),
            Contract.value_cents.label("value"),
            sa.func.coalesce(sa.func.sum(Payment.received_cents), 0).label("cash"),
        )
        .select_from(Opportunity)
        .join(Contract, Contract.opportunity_id == Opportunity.id)
        .join(Payment, Payment.contract_id == Contract.id, isouter=True)
        .where(*_within(Opportunity.engaged_on, span))
        .group_by(Contract.id, Contract.currency, Contract.value_cents)
        .having(sa.func.max(sa.case((won, 1), else_=0)) == 1)
        .subquery()
    )
    collected: Amounts = {}
    n_collected = 0
    for cur, full, cents in session.execute(
        sa.select(
            per_contract.c.currency,
            _count_if(per_contract.c.cash >= per_contract.c.value),
            sa.func.coalesce(sa.func.sum(per_contract.c.cash), 0),
        ).group_by(per_contract.c.currency)
    ).all():
        n_collected += int(full)
        collected[cur] = int(cents)
    return [
        FunnelStage("opportunities", n_opened, opened),
        FunnelStage("won", n_won, won_amounts),
        FunnelStage("collected", n_collected, collected),
    ]


def _visits(session: Session, day: dt.date) -> VisitWeek:
    from ltc_tui.services.visits import week_counts

    start, end, counts = week_counts(session, day=day)
    target = int(settings_service.get(session, "visit_target_weekly"))
    people = [VisitRow(r.person.id or 0, r.person.handle, r.person.name, r.visits, r.target) for r in counts]
    return VisitWeek(start, end, target, people)


def _outcomes(session: Session, span: Period) -> Outcomes:
    closed = [Opportunity.stage.in_((Stage.WON.value, Stage.LOST.value)), *_within(Opportunity.closed_on, span)]
    per_owner: dict[int | None, OwnerOutcome] = {}
    totals = {Stage.WON.value: 0, Stage.LOST.value: 0}
    money: dict[str, Amounts] = {Stage.WON.value: {}, Stage.LOST.value: {}}
    for owner_id, stage, cur, n, cents in session.execute(
        sa.select(
            Opportunity.owner_id,
            Opportunity.stage,
            Opportunity.currency,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.func.coalesce(Opportunity.amount_cents, 0)), 0),
        )
        .where(*closed)
        .group_by(Opportunity.owner_id, Opportunity.stage, Opportunity.currency)
    ).all():
        row = per_owner.setdefault(owner_id, OwnerOutcome(owner_id, None, None, 0, 0, {}))
        totals[stage] += int(n)
        money[stage][cur] = money[stage].get(cur, 0) + int(cents)
        if stage == Stage.WON.value:
            row.won += int(n)
            row.won_amounts[cur] = row.won_amounts.get(cur, 0) + int(cents)
        else:
            row.lost += int(n)
    ids = [i for i in per_owner if i is not None]
    if ids:
        for pid, handle, name in session.execute(
            sa.select(Person.id, Person.handle, Person.name).where(Person.id.in_(ids))
        ).all():
            per_owner[pid].handle, per_owner[pid].name = handle, name
    owners = sorted(
        per_owner.values(),
        key=lambda r: (r.owner_id is None, -sum(r.won_amounts.values()), -r.won, r.handle or ""),
    )
    days = _days_between(session, Opportunity.engaged_on, Opportunity.closed_on)
    spread: dict[str, dict[int, int]] = {Stage.WON.value: {}, Stage.LOST.value: {}}
    for stage, n_days, n in session.execute(
        sa.select(Opportunity.stage, days, sa.func.count()).where(*closed).group_by(Opportunity.stage, days)
    ).all():
        spread[stage][int(n_days)] = spread[stage].get(int(n_days), 0) + int(n)
    return Outcomes(
        won=totals[Stage.WON.value],
        lost=totals[Stage.LOST.value],
        won_amounts=money[Stage.WON.value],
        lost_amounts=money[Stage.LOST.value],
        median_days_won=median_of_counts(spread[Stage.WON.value]),
        median_days_lost=median_of_counts(spread[Stage.LOST.value]),
        owners=owners,
    )


def _oldest(session: Session, select: Any, state: Any, states: Iterable[str], clock_column: Any, key: Any,
            limit: int) -> list[Any]:
    """The ``limit`` rows idle longest, one query per state merged here: each
    reads its (state, time) index in order and stops at ``limit`` rows, where
    one query over all states would sort every stale row first."""
    rows: list[Any] = []
    for value in states:
        rows += session.execute(select.where(state == value).order_by(clock_column, key).limit(limit)).all()
    return sorted(rows, key=lambda row: (row[-1], row[0]))[:limit]


def _stale_leads(session: Session, today: dt.date | None, day: dt.date, limit: int) -> StaleLeads:
    from ltc_tui.services.leads import stale_cutoff

    days = int(settings_service.get(session, "stale_days"))
    idle = Lead.last_activity_at < stale_cutoff(session, today)
    count = int(
        session.execute(sa.select(sa.func.count()).select_from(Lead).where(Lead.status.in_(OPEN_LEAD), idle)).scalar_one()
    )
    owner = sa.orm.aliased(Person)
    select = (
        sa.select(Lead.id, Lead.title, Customer.name, Lead.status, owner.handle, Lead.last_activity_at)
        .join(Customer, Customer.id == Lead.customer_id)
        .join(owner, owner.id == Lead.owner_id, isouter=True)
        .where(idle)
    )
    rows = _oldest(session, select, Lead.status, OPEN_LEAD, Lead.last_activity_at, Lead.id, limit) if count else []
    return StaleLeads(
        days,
        count,
        [
            StaleLead(lid, title, customer, status, handle, _day(at), (day - _day(at)).days)
            for lid, title, customer, status, handle, at in rows
        ],
    )


def _stale_opportunities(session: Session, today: dt.date | None, day: dt.date, limit: int) -> StaleOpportunities:
    days = int(settings_service.get(session, "opportunity_stale_days"))
    idle = Opportunity.stage_changed_at < _moment(today) - dt.timedelta(days=days)
    count = int(
        session.execute(
            sa.select(sa.func.count()).select_from(Opportunity).where(Opportunity.stage.in_(OPEN_STAGES), idle)
        ).scalar_one()
    )
    owner = sa.orm.aliased(Person)
    select = (
        sa.select(
            Opportunity.id, Opportunity.title, Customer.name, Opportunity.stage, owner.handle,
            Opportunity.stage_changed_at,
        )
        .join(Customer, Customer.id == Opportunity.customer_id)
        .join(owner, owner.id == Opportunity.owner_id, isouter=True)
        .where(idle)
    )
    rows = (
        _oldest(session, select, Opportunity.stage, OPEN_STAGES, Opportunity.stage_changed_at, Opportunity.id, limit)
        if count
        else []
    )
    return StaleOpportunities(
        days,
        count,
        [
            StaleOpportunity(oid, title, customer, stage, handle, _day(at), (day - _day(at)).days)
            for oid, title, customer, stage, handle, at in rows
        ],
    )


def _receivables(session: Session, span: Period, limit: int) -> Receivables:
    today = span.today
    unpaid = (
        Payment.received_on.is_(None),
        Contract.status != ContractStatus.CLOSED.value,
    )
    ages = {
        "not_due": Payment.due_on > today,
        "0_30": sa.and_(Payment.due_on <= today, Payment.due_on >= today - dt.timedelta(days=30)),
        "31_60": sa.and_(
            Payment.due_on < today - dt.timedelta(days=30), Payment.due_on >= today - dt.timedelta(days=60)
        ),
        "61_90": sa.and_(
            Payment.due_on < today - dt.timedelta(days=60), Payment.due_on >= today - dt.timedelta(days=90)
        ),
        "over_90": Payment.due_on < today - dt.timedelta(days=90),
    }
    overdue = Payment.due_on < today
    columns: list[Any] = [Contract.currency]
    for condition in [*ages.values(), overdue]:
        columns += [_count_if(condition), _sum_if(condition, Payment.amount_cents)]
    buckets = {age: AgeBucket(age, 0, {}) for age in AGE_BUCKETS}
    overdue_count = 0
    overdue_amounts: Amounts = {}
    for row in session.execute(
        sa.select(*columns).select_from(Payment).join(Contract, Contract.id == Payment.contract_id)
        .where(*unpaid).group_by(Contract.currency)
    ).all():
        cur, figures = row[0], [int(v) for v in row[1:]]
        for i, age in enumerate(AGE_BUCKETS):
            buckets[age].count += figures[2 * i]
            if figures[2 * i]:
                buckets[age].amounts[cur] = figures[2 * i + 1]
        overdue_count += figures[-2]
        if figures[-2]:
            overdue_amounts[cur] = figures[-1]
    ar, fr = sa.orm.aliased(Person), sa.orm.aliased(Person)
    late = [
        OverduePayment(pid, cid, number, customer, due, (today - due).days, int(cents), cur, bool(final), a, f)
        for pid, cid, number, customer, due, cents, cur, final, a, f in session.execute(
            sa.select(
                Payment.id, Contract.id, Contract.number, Customer.name, Payment.due_on, Payment.amount_cents,
                Contract.currency, Payment.is_final, ar.handle, fr.handle,
            )
            .select_from(Payment)
            .join(Contract, Contract.id == Payment.contract_id)
            .join(Customer, Customer.id == Contract.customer_id)
            .join(ar, ar.id == Contract.ar_id, isouter=True)
            .join(fr, fr.id == Contract.fr_id, isouter=True)
            .where(*unpaid, overdue)
            .order_by(Payment.due_on, Payment.id)
            .limit(limit)
        ).all()
    ]
    collected = {
        cur: int(cents)
        for cur, cents in session.execute(
            sa.select(Contract.currency, sa.func.sum(Payment.received_cents))
            .select_from(Payment)
            .join(Contract, Contract.id == Payment.contract_id)
            .where(Payment.received_on.is_not(None), *_within(Payment.received_on, span))
            .group_by(Contract.currency)
        ).all()
    }
    return Receivables(list(buckets.values()), overdue_count, overdue_amounts, late, collected)


def _budgets(session: Session, day: dt.date) -> BudgetShare:
    from ltc_tui.services.customers import budget_known_share

    year = day.year + 1
    known, total = budget_known_share(session, year=year)
    return BudgetShare(year, int(known), int(total))


# --- JSON ----------------------------------------------------------------------------


def _money(cents: int) -> str:
    value = cents_to_decimal(cents)
    return str(value if value is not None else Decimal("0.00"))


def money_json(amounts: Amounts, currency: str) -> dict[str, str]:
    """Decimal strings per currency with money in it; the team's currency is
    always there (0.00 when there is none)."""
    merged = {currency: 0, **{cur: cents for cur, cents in amounts.items() if cents}}
    return {cur: _money(cents) for cur, cents in sort_amounts(merged, currency)}


def report_json(report: Report) -> dict[str, Any]:
    """Every figure of the report, JSON-ready: money as decimal strings per
    currency, dates as ISO strings, rates as fractions or null."""
    cur = report.currency
    p, c, o, r = report.period, report.conversion, report.outcomes, report.receivables

    def iso(day: dt.date | None) -> str | None:
        return None if day is None else day.isoformat()

    return {
        "period": {"name": p.name, "start": iso(p.start), "end": iso(p.end), "today": iso(p.today)},
        "currency": cur,
        "funnel": [{"stage": s.stage, "count": s.count, "amount": money_json(s.amounts, cur)} for s in report.funnel],
        "conversion": {
            "leads": c.leads, "converted": c.converted, "closed": c.closed, "open": c.open,
            "ended": c.ended, "won": c.won, "lost": c.lost,
            "conversion_rate": c.conversion_rate, "loss_rate": c.loss_rate,
        },
        "channels": [
            {"source": row.source, "leads": row.leads, "converted": row.converted, "won": row.won}
            for row in report.channels
        ],
        "submitters": [
            {"handle": row.handle, "name": row.name, "leads": row.leads, "converted": row.converted, "won": row.won}
            for row in report.submitters
        ],
        "visits": {
            "week_start": iso(report.visits.start), "week_end": iso(report.visits.end),
            "target": report.visits.target, "total": report.visits.total, "met": report.visits.met,
            "people": [
                {"handle": v.handle, "name": v.name, "visits": v.visits, "target": v.target, "met": v.met}
                for v in report.visits.people
            ],
        },
        "outcomes": {
            "won": o.won, "lost": o.lost, "win_rate": o.win_rate,
            "won_value": money_json(o.won_amounts, cur), "lost_value": money_json(o.lost_amounts, cur),
            "median_days_won": o.median_days_won, "median_days_lost": o.median_days_lost,
            "owners": [
                {"handle": w.handle, "name": w.name, "won": w.won, "lost": w.lost, "win_rate": w.win_rate,
                 "won_value": money_json(w.won_amounts, cur)}
                for w in o.owners
            ],
        },
        "stale_leads": {
            "days": report.stale_leads.days, "count": report.stale_leads.count,
            "leads": [
                {"id": s.id, "title": s.title, "customer": s.customer, "status": s.status, "owner": s.owner,
                 "last_activity_on": iso(s.last_activity_on), "idle_days": s.idle_days}
                for s in report.stale_leads.rows
            ],
        },
        "stale_opportunities": {
            "days": report.stale_opportunities.days, "count": report.stale_opportunities.count,
            "opportunities": [
                {"id": s.id, "title": s.title, "customer": s.customer, "stage": s.stage, "owner": s.owner,
                 "stage_changed_on": iso(s.stage_changed_on), "idle_days": s.idle_days}
                for s in report.stale_opportunities.rows
            ],
        },
        "receivables": {
            "buckets": [{"age": b.age, "count": b.count, "amount": money_json(b.amounts, cur)} for b in r.buckets],
            "outstanding": {"count": r.outstanding_count, "amount": money_json(r.outstanding_amounts, cur)},
            "overdue": {
                "count": r.overdue_count,
                "amount": money_json(r.overdue_amounts, cur),
                "payments": [
                    {"payment_id": x.payment_id, "contract_id": x.contract_id, "contract": x.contract_number,
                     "customer": x.customer, "due_on": iso(x.due_on), "days_overdue": x.days_overdue,
                     "amount": _money(x.amount_cents), "currency": x.currency, "final": x.is_final,
                     "ar": x.ar, "fr": x.fr}
                    for x in r.overdue
                ],
            },
            "collected_in_period": money_json(r.collected_in_period, cur),
        },
        "budgets": {
            "year": report.budgets.year, "known": report.budgets.known, "total": report.budgets.total,
            "share": report.budgets.share,
        },
    }
