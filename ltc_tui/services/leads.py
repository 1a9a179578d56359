"""Leads: capture (with duplicate warnings), edits, tiers, the pool query."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import LeadClass, LeadStatus, Source, Temperature, Tier, parse
from ltc_tui.errors import NotFound, RuleViolation, ValidationError
from ltc_tui.models.customers import Contact, Customer
from ltc_tui.models.leads import Lead, LeadNote
from ltc_tui.models.people import Person
from ltc_tui.services import settings as settings_service
from ltc_tui.services.common import actor_id, apply_changes, load_for_update, touch_lead
from ltc_tui.services.customers import find_or_create_contact, find_or_create_customer
from ltc_tui.services.rules import TierResult, TierRule, compute_tier
from ltc_tui.values import clean_line, clean_text, parse_bool, parse_currency, parse_date, parse_money

OPEN_STATUSES = (LeadStatus.SUBMITTED.value, LeadStatus.VERIFIED.value, LeadStatus.NURTURING.value)


@dataclass
class Duplicate:
    lead_id: int
    title: str
    customer: str
    status: str
    why: str  # "title" or "email"


@dataclass
class AddedLead:
    lead: Lead
    customer: Customer
    customer_created: bool
    contact: Contact | None
    contact_created: bool
    duplicates: list[Duplicate]
    tier: TierResult


def tier_rule(session: Session) -> TierRule:
    return TierRule.from_settings(settings_service.all_settings(session))


def tier_for(session: Session, lead: Lead, customer: Customer | None = None) -> TierResult:
    customer = customer or session.get(Customer, lead.customer_id)
    assert customer is not None
    return compute_tier(
        standing=customer.standing,
        amount_cents=lead.expected_amount_cents,
        new_product=lead.new_product,
        new_solution=lead.new_solution,
        new_business_model=lead.new_business_model,
        rule=tier_rule(session),
    )


_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)


def _title_key(title: str) -> str:
    return _WORD_RE.sub(" ", title.casefold()).strip()


def similar_titles(a: str, b: str) -> bool:
    ka, kb = _title_key(a), _title_key(b)
    if not ka or not kb:
        return False
    if ka == kb or (min(len(ka), len(kb)) >= 6 and (ka in kb or kb in ka)):
        return True
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.8


def find_duplicates(
    session: Session,
    *,
    customer_id: int | None,
    title: str,
    email: str | None = None,
    exclude_id: int | None = None,
) -> list[Duplicate]:
    """Leads that look like this one: same customer and a similar title, or
    the same contact e-mail. Closed leads count too (a lead closed last month
    is worth knowing about)."""
    found: dict[int, Duplicate] = {}
    if customer_id is not None:
        rows = session.exec(
            select(Lead.id, Lead.title, Lead.status, Customer.name)
            .join(Customer, Customer.id == Lead.customer_id)
            .where(Lead.customer_id == customer_id)
        ).all()
        for lead_id, other_title, status, customer in rows:
            if lead_id != exclude_id and similar_titles(title, other_title):
                found[lead_id] = Duplicate(lead_id, other_title, customer, status, "title")
    if email:
        rows = session.exec(
            select(Lead.id, Lead.title, Lead.status, Customer.name)
            .join(Contact, Contact.id == Lead.contact_id)
            .join(Customer, Customer.id == Lead.customer_id)
            .where(Contact.email == email.strip().lower())
        ).all()
        for lead_id, other_title, status, customer in rows:
            if lead_id != exclude_id and lead_id not in found:
                found[lead_id] = Duplicate(lead_id, other_title, customer, status, "email")
    return sorted(found.values(), key=lambda d: d.lead_id)


def add_lead(
    session: Session,
    *,
    title: str,
    customer: str,
    contact: str | None = None,
    source: str | Source = Source.OTHER,
    amount: str | int | None = None,
    currency: str | None = None,
    start: str | dt.date | None = None,
    need: str | None = None,
    submitter: str | int | None = None,
    submitted_on: str | dt.date | None = None,
    has_offer: str | bool | None = None,
    new_product: bool = False,
    new_solution: bool = False,
    new_business_model: bool = False,
) -> AddedLead:
    """Capture a lead (线索档案). The customer is matched case-insensitively or
    created; possible duplicates are returned as a warning, not a refusal."""
    from ltc_tui.services.people import get_person

    clean_title = clean_line(title, field="title", required=True)
    assert clean_title is not None
    customer_name = clean_line(customer, field="customer", required=True)
    assert customer_name is not None
    source_value = parse(Source, str(source), field="source").value
    amount_cents = parse_money(amount, field="amount")
    start_on = parse_date(start, field="start")
    submitted = parse_date(submitted_on, field="date") or clock.today()
    need_text = clean_text(need, field="need")
    offer = parse_bool(has_offer, field="has offer")
    code = parse_currency(currency) or settings_service.get(session, "currency")
    submitter_id = get_person(session, submitter).id if submitter not in (None, "") else actor_id(session)

    cust, cust_created = find_or_create_customer(session, customer_name)
    contact_row, contact_created = (None, False)
    if contact and contact.strip():
        contact_row, contact_created = find_or_create_contact(session, customer_id=cust.id or 0, text=contact)
    duplicates = find_duplicates(
        session,
        customer_id=None if cust_created else cust.id,
        title=clean_title,
        # A new contact row may still share its e-mail with another customer's lead.
        email=contact_row.email if contact_row is not None else None,
    )
    lead = Lead(
        title=clean_title,
        customer_id=cust.id or 0,
        contact_id=contact_row.id if contact_row else None,
        need=need_text,
        source=source_value,
        submitter_id=submitter_id or 0,
        submitted_on=submitted,
        expected_amount_cents=amount_cents,
        currency=code,
        expected_start=start_on,
        has_offer=offer,
        new_product=bool(new_product),
        new_solution=bool(new_solution),
        new_business_model=bool(new_business_model),
        tier=Tier.C.value,
        status=LeadStatus.SUBMITTED.value,
    )
    tier = tier_for(session, lead, cust)
    lead.tier = tier.tier.value
    session.add(lead)
    session.flush()
    return AddedLead(lead, cust, cust_created, contact_row, contact_created, duplicates, tier)


def get_lead(session: Session, lead_id: int) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFound("error.lead.not_found", id=lead_id)
    return lead


EDITABLE = {
    "title", "customer", "contact", "need", "source", "amount", "currency", "start",
    "has_offer", "new_product", "new_solution", "new_business_model", "next_review_on",
}


def update_lead(
    session: Session, *, lead_id: int, expected_version: int | None = None, **changes: Any
) -> Lead:
    """Edit the lead file. Tier (and priority, once verified) follow their inputs.

    Anyone may edit another owner's lead; the audit trail records who did."""
    lead = load_for_update(session, Lead, lead_id, expected_version)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError("error.unknown_field", field=", ".join(sorted(unknown)))
    if lead.status in (LeadStatus.CLOSED.value, LeadStatus.CONVERTED.value):
        raise RuleViolation("error.lead.finished", id=lead_id, status=lead.status)
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "title":
            clean["title"] = clean_line(value, field="title", required=True)
        elif key == "customer":
            customer, _ = find_or_create_customer(session, value)
            clean["customer_id"] = customer.id
        elif key == "contact":
            if value in (None, ""):
                clean["contact_id"] = None
            else:
                customer_id = clean.get("customer_id", lead.customer_id)
                contact, _ = find_or_create_contact(session, customer_id=customer_id, text=value)
                clean["contact_id"] = contact.id
        elif key == "need":
            clean["need"] = clean_text(value, field="need")
        elif key == "source":
            clean["source"] = parse(Source, str(value), field="source").value
        elif key == "amount":
            clean["expected_amount_cents"] = parse_money(value, field="amount")
        elif key == "currency":
            clean["currency"] = parse_currency(value) or lead.currency
        elif key == "start":
            clean["expected_start"] = parse_date(value, field="start")
        elif key == "next_review_on":
            clean["next_review_on"] = parse_date(value, field="next review")
        elif key == "has_offer":
            clean["has_offer"] = parse_bool(value, field="has offer")
        else:
            clean[key] = bool(parse_bool(value, field=key.replace("_", " ")))
    apply_changes(lead, clean)
    refresh_tier(session, lead)
    touch_lead(session, lead.id)
    session.flush()
    return lead


def refresh_tier(session: Session, lead: Lead) -> TierResult:
    """Recompute the tier from its inputs; a verified lead's priority follows."""
    result = tier_for(session, lead)
    if lead.tier != result.tier.value:
        lead.tier = result.tier.value
        refresh_priority(session, lead)
    return result


def refresh_priority(session: Session, lead: Lead) -> None:
    from ltc_tui.services.verification import latest_verification, reassess

    verification = latest_verification(session, lead.id or 0)
    if verification is not None:
        assessment = reassess(verification, lead.effective_tier)
        lead.priority = assessment.priority


def override_tier(
    session: Session, *, lead_id: int, tier: str | None, reason: str | None, expected_version: int | None = None
) -> Lead:
    """Set the tier by hand (with a reason), or clear the override (``tier=None``)."""
    lead = load_for_update(session, Lead, lead_id, expected_version)
    if tier in (None, "", "auto", "none"):
        lead.tier_override = None
        lead.tier_override_reason = None
    else:
        value = parse(Tier, str(tier).upper(), field="tier").value
        why = clean_text(reason, field="reason", required=True)
        lead.tier_override = value
        lead.tier_override_reason = why
    refresh_priority(session, lead)
    session.flush()
    return lead


def add_note(session: Session, *, lead_id: int, body: str) -> LeadNote:
    get_lead(session, lead_id)
    note = LeadNote(lead_id=lead_id, author_id=actor_id(session), body=clean_text(body, field="note", required=True) or "")
    session.add(note)
    touch_lead(session, lead_id)
    session.flush()
    return note


# --- the pool query -----------------------------------------------------------

SORTS = {
    "id": Lead.id,
    "title": Lead.title,
    "customer": Customer.name_key,  # joined; see _sort_column
    "source": Lead.source,
    "submitter": None,  # a person's handle, joined
    "class": Lead.lead_class,
    "temp": Lead.temperature,
    "tier": sa.func.coalesce(Lead.tier_override, Lead.tier),  # ix_lead_tier_effective
    "priority": Lead.priority,
    "status": Lead.status,
    "owner": None,  # a person's handle, joined
    "age": Lead.submitted_on,
    "review": Lead.next_review_on,
    "activity": Lead.last_activity_at,
}
SORT_ALIASES = {"temperature": "temp", "date": "age", "submitted": "age", "next_review": "review"}
VIEWS = ("all", "mine", "to_verify", "due", "stale", "open", "closed")
FILTER_KEYS = {
    "status": "status", "class": "lead_class", "temp": "temperature", "temperature": "temperature",
    "tier": "tier", "owner": "owner", "source": "source", "submitter": "submitter", "by": "submitter",
    "customer": "customer", "view": "view", "sort": "sort",
}


@dataclass
class LeadQuery:
    """What the pool shows: free text, field filters, a saved view, a sort."""

    text: str | None = None
    status: list[str] = field(default_factory=list)
    lead_class: list[str] = field(default_factory=list)
    temperature: list[str] = field(default_factory=list)
    tier: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    owner: str | None = None  # handle, "me" or "none"
    submitter: str | None = None
    customer: str | None = None
    view: str = "all"
    sort: str = "priority"
    descending: bool = True
    limit: int = 100
    offset: int = 0
    me_id: int | None = None  # who "mine"/"me" means
    today: dt.date | None = None

    def validate(self) -> LeadQuery:
        self.status = [parse(LeadStatus, s, field="status").value for s in self.status]
        self.lead_class = [parse(LeadClass, s, field="class").value for s in self.lead_class]
        self.temperature = [parse(Temperature, s, field="temp").value for s in self.temperature]
        self.tier = [parse(Tier, s.upper(), field="tier").value for s in self.tier]
        self.source = [parse(Source, s, field="source").value for s in self.source]
        view = self.view.strip().lower().replace("-", "_").replace(" ", "_")
        if view not in VIEWS:
            raise ValidationError("error.enum", field="view", value=self.view, choices=", ".join(VIEWS))
        self.view = view
        sort = SORT_ALIASES.get(self.sort.lower(), self.sort.lower())
        if sort not in SORTS:
            raise ValidationError("error.enum", field="sort", value=self.sort, choices=", ".join(SORTS))
        self.sort = sort
        if self.limit < 0 or self.offset < 0:
            raise ValidationError("error.int_range", field="limit", value=self.limit, low=0, high=None)
        return self


def parse_filter(text: str, base: LeadQuery | None = None) -> LeadQuery:
    """``"status:verified temp:hot tier:A owner:li cdma"`` -> a ``LeadQuery``.

    ``key:a,b`` matches either value; ``sort:-age`` sorts descending; words
    without a known ``key:`` are free text."""
    query = base or LeadQuery()
    words: list[str] = []
    for token in text.split():
        key, sep, value = token.partition(":")
        target = FILTER_KEYS.get(key.lower()) if sep else None
        if target is None or not value:
            words.append(token)
            continue
        parts = [v for v in value.split(",") if v]
        if target in ("status", "lead_class", "temperature", "tier", "source"):
            getattr(query, target).extend(parts)
        elif target == "sort":
            query.descending = value.startswith("-")
            query.sort = value.lstrip("-+")
        else:
            setattr(query, target, value)
    query.text = " ".join(words) or None
    return query.validate()


@dataclass
class LeadRow:
    id: int
    title: str
    customer: str
    source: str
    submitter: str
    lead_class: str | None
    temperature: str | None
    tier: str
    priority: int | None
    status: str
    owner: str | None
    submitted_on: dt.date
    next_review_on: dt.date | None
    last_activity_at: dt.datetime
    expected_amount_cents: int | None
    currency: str
    version: int

    def age_days(self, today: dt.date | None = None) -> int:
        return ((today or clock.today()) - self.submitted_on).days

    def as_dict(self, today: dt.date | None = None) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items()}
        data["age_days"] = self.age_days(today)
        return data


def text_condition(session: Session, text: str) -> sa.ColumnElement[bool]:
    """Free text over title, need and customer name: every word must match
    (a case-insensitive substring of one of them).

    Words go through ``lead_search`` (models/search.py): on SQLite a word of
    three characters or more through its FTS5 trigram index, a shorter one by
    scanning that one narrow table; on PostgreSQL through ``ILIKE`` (pg_trgm
    index). Never an OR of LIKEs on the FTS table: that skips the index."""
    from ltc_tui.models.search import FTS_MIN_CHARS, lead_search, lead_search_fts

    sqlite = session.get_bind().dialect.name == "sqlite"
    fts = sqlite and _has_fts(session)
    conditions = []
    for word in text.split():
        if fts and len(word) >= FTS_MIN_CHARS:
            phrase = '"' + word.replace('"', '""') + '"'
            ids = sa.select(lead_search_fts.c.rowid).where(sa.literal_column("lead_search_fts").op("MATCH")(phrase))
        else:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            # SQLite's LIKE ignores ASCII case already; lower() on every row made the scan 2.5x slower.
            body = lead_search.c.body
            match = body.like(pattern, escape="\\") if sqlite else body.ilike(pattern, escape="\\")
            ids = sa.select(lead_search.c.lead_id).where(match)
        conditions.append(Lead.id.in_(ids))
    return sa.and_(*conditions)


def _has_fts(session: Session) -> bool:
    """Whether this SQLite database has the trigram index (migration 0003 makes
    it when SQLite's FTS5 offers the trigram tokenizer)."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lead_search_fts'")
    ).first()
    return found is not None


def stale_cutoff(session: Session, today: dt.date | None = None) -> dt.datetime:
    days = int(settings_service.get(session, "stale_days"))
    moment = clock.now() if today is None else dt.datetime.combine(today, dt.time(9), dt.UTC)
    return moment - dt.timedelta(days=days)


def _sort_column(sort: str, submitter: Any, owner: Any) -> Any:
    if sort == "submitter":
        return submitter.handle
    if sort == "owner":
        return owner.handle
    return SORTS[sort]


def _page_ids(session: Session, query: LeadQuery) -> list[int]:
    """The ids of one page, in order: a narrow query that walks the sort's
    index and joins only what the sort or the filters need. Reading the
    display columns of the skipped rows would make every page cost its
    offset (~0.5 s at row 50,000 of 100k)."""
    submitter = sa.orm.aliased(Person, name="submitter_p")
    owner = sa.orm.aliased(Person, name="owner_p")
    stmt = sa.select(Lead.id)
    if query.sort == "customer" or query.customer:
        stmt = stmt.join(Customer, Customer.id == Lead.customer_id)
    if query.sort == "submitter":
        stmt = stmt.join(submitter, submitter.id == Lead.submitter_id)
    if query.sort == "owner":
        stmt = stmt.join(owner, owner.id == Lead.owner_id, isouter=True)
    stmt = _where(session, stmt, query)
    column = _sort_column(query.sort, submitter, owner)
    order = column.desc() if query.descending else column.asc()
    # NULLs where SQLite puts them anyway (first ascending, last descending),
    # so its indexes serve the order as they are; PostgreSQL has NULLS FIRST indexes (0003).
    nulls = order.nulls_last() if query.descending else order.nulls_first()
    tie = Lead.id.desc() if query.descending else Lead.id.asc()
    stmt = stmt.order_by(nulls, tie).limit(query.limit).offset(query.offset)
    return list(session.execute(stmt).scalars())


def _where(session: Session, stmt: Any, query: LeadQuery) -> Any:
    from ltc_tui.services.people import get_person

    today = query.today or clock.today()
    if query.text:
        stmt = stmt.where(text_condition(session, query.text))
    for column, wanted in (
        (Lead.status, query.status),
        (Lead.lead_class, query.lead_class),
        (Lead.temperature, query.temperature),
        (sa.func.coalesce(Lead.tier_override, Lead.tier), query.tier),
        (Lead.source, query.source),
    ):
        if wanted:
            stmt = stmt.where(column.in_(wanted))
    if query.owner:
        if query.owner.lower() == "none":
            stmt = stmt.where(Lead.owner_id.is_(None))
        elif query.owner.lower() == "me":
            stmt = stmt.where(Lead.owner_id == (query.me_id or -1))
        else:
            stmt = stmt.where(Lead.owner_id == get_person(session, query.owner).id)
    if query.submitter:
        who = query.me_id if query.submitter.lower() == "me" else get_person(session, query.submitter).id
        stmt = stmt.where(Lead.submitter_id == (who or -1))
    if query.customer:
        stmt = stmt.where(Customer.name.icontains(query.customer, autoescape=True))
    view = query.view
    if view == "mine":
        me = query.me_id or -1
        stmt = stmt.where(
            sa.or_(Lead.owner_id == me, Lead.sr_id == me, Lead.ar_id == me, Lead.fr_id == me, Lead.submitter_id == me),
            Lead.status.in_(OPEN_STATUSES),
        )
    elif view == "to_verify":
        stmt = stmt.where(Lead.status == LeadStatus.SUBMITTED.value)
        if query.me_id is not None:
            stmt = stmt.where(Lead.submitter_id != query.me_id)
    elif view == "due":
        stmt = stmt.where(
            Lead.status == LeadStatus.NURTURING.value, Lead.next_review_on.is_not(None), Lead.next_review_on <= today
        )
    elif view == "stale":
        stmt = stmt.where(Lead.status.in_(OPEN_STATUSES), Lead.last_activity_at < stale_cutoff(session, query.today))
    elif view == "open":
        stmt = stmt.where(Lead.status.in_(OPEN_STATUSES))
    elif view == "closed":
        stmt = stmt.where(Lead.status.in_((LeadStatus.CLOSED.value, LeadStatus.CONVERTED.value)))
    return stmt


def query_leads(session: Session, query: LeadQuery) -> list[LeadRow]:
    """One page of the pool, as light rows (no ORM objects: fast at 100k)."""
    query.validate()
    ids = _page_ids(session, query)
    if not ids:
        return []
    submitter = sa.orm.aliased(Person, name="submitter_p")
    owner = sa.orm.aliased(Person, name="owner_p")
    stmt = (
        sa.select(
            Lead.id, Lead.title, Customer.name.label("customer"), Lead.source,
            submitter.handle.label("submitter_handle"), Lead.lead_class, Lead.temperature,
            sa.func.coalesce(Lead.tier_override, Lead.tier).label("tier"), Lead.priority,
            Lead.status, owner.handle.label("owner_handle"), Lead.submitted_on,
            Lead.next_review_on, Lead.last_activity_at, Lead.expected_amount_cents,
            Lead.currency, Lead.version,
        )
        .join(Customer, Customer.id == Lead.customer_id)
        .join(submitter, submitter.id == Lead.submitter_id)
        .join(owner, owner.id == Lead.owner_id, isouter=True)
        .where(Lead.id.in_(ids))
    )
    rows = {row[0]: row for row in session.execute(stmt).all()}
    return [LeadRow(*rows[lead_id]) for lead_id in ids if lead_id in rows]


def count_leads(session: Session, query: LeadQuery) -> int:
    query.validate()
    stmt = sa.select(sa.func.count()).select_from(Lead)
    if query.customer:
        stmt = stmt.join(Customer, Customer.id == Lead.customer_id)
    stmt = _where(session, stmt, query)
    return int(session.execute(stmt).scalar_one())
