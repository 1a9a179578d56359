"""Importing opportunities (deals) from another CRM, or from our own export.

Columns are found by name (case, spaces and punctuation ignored) or mapped
with ``--map``: id, title, owner, product, account, stage, engage date,
close date, value, plus currency, probability, won/lost reason and the
text fields of our own export. Stages are mapped with ``STAGE_DEFAULTS``
(Salesforce's standard stages and the common CRM words) and ``--stage-map``;
an unmapped stage is a problem for its row.

How a row becomes an opportunity:
  - the account is the customer, matched case-insensitively, created or
    reported (``unknown_customers``); the owner is a person of the team,
    found by handle, e-mail or name, created or reported (``unknown_people``);
    a created owner gets the AR role;
  - won and lost deals need an engage date and a close date (not in the
    future, not before engagement); a won deal needs its value; a lost deal
    without a reason gets "no reason in the imported data";
  - an open deal's close date is the other CRM's expected date: not kept
    (ours is set when the deal closes); an open deal without an engage date
    is engaged on the import day (both reported);
  - each deal gets its stage history: engaged (verify) on the engage date,
    then won or lost on the close date; an open deal enters its stage on
    the engage date. Reports read ``stage``, ``amount_cents``, ``owner_id``,
    ``engaged_on`` and ``closed_on`` exactly as for deals worked here;
  - no contract is made for an imported won deal (its money was handled in
    the other system; a contract here would show it as still to collect);
  - the id becomes the external id, so importing the file again skips the
    deals already here. A file without an id column gets a key made from the
    row's content: an unchanged row is recognised, a changed one imports anew.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.enums import Stage
from ltc_tui.errors import LtcError, ValidationError
from ltc_tui.i18n import t
from ltc_tui.services.customers import name_key
from ltc_tui.services.import_common import (
    ColumnPlan,
    Customers,
    ImportResult,
    Note,
    People,
    PlannedCustomer,
    Problem,
    RowProblem,
    RowProblems,
    cell_error,
    date_reader,
    plan_columns,
    read_drafts,
    row_values,
    rows_text,
    value_map,
)
from ltc_tui.services.import_leads import CONTENT_PREFIX, content_key, existing_keys
from ltc_tui.services.rules import DEFAULT_PROBABILITY
from ltc_tui.services.transfer_io import Mapping, Table, header_key
from ltc_tui.values import clean_line, clean_text, parse_currency, parse_int, parse_money

TEXT_FIELDS = ["our_strengths", "unique_value", "need_fit", "difference", "market_notes", "customer_notes",
               "product_notes", "competition_notes"]
OPP_FIELDS = [
    "id", "external_id", "title", "account", "product", "owner", "ar", "sr", "fr", "stage", "amount", "budget",
    "currency", "start_on", "probability", "engaged_on", "closed_on", "won_reason", "lost_reason", "lead_ref",
    *TEXT_FIELDS,
]
DATE_FIELDS = ["engaged_on", "closed_on", "start_on"]

TARGETS = {header_key(f): f for f in OPP_FIELDS if f != "id"}
TARGETS.update({
    header_key(k): v
    for k, v in {
        "id": "external_id", "ref": "external_id", "opportunity_id": "external_id", "deal_id": "external_id",
        "name": "title", "deal": "title", "opportunity": "title", "customer": "account", "company": "account",
        "client": "account", "account_name": "account", "sales_agent": "owner", "agent": "owner",
        "salesperson": "owner", "rep": "owner", "deal_stage": "stage", "status": "stage",
        "value": "amount", "close_value": "amount", "deal_value": "amount", "revenue": "amount",
        "engage_date": "engaged_on", "engaged": "engaged_on", "created": "engaged_on", "created_date": "engaged_on",
        "open_date": "engaged_on", "close_date": "closed_on", "closed": "closed_on", "closing_date": "closed_on",
        "start": "start_on", "loss_reason": "lost_reason", "reason_lost": "lost_reason",
    }.items()
})
ALIASES = dict(TARGETS)
ALIASES.update({
    header_key(k): v
    for k, v in {
        "Opportunity ID": "external_id", "OpportunityId": "external_id", "Opp ID": "external_id",
        "Opportunity Name": "title", "Deal Name": "title", "Subject": "title",
        "Account Name": "account", "AccountName": "account", "Customer Name": "account",
        "Product Name": "product", "Item": "product",
        "Opportunity Owner": "owner", "Owner Name": "owner", "Sales Rep": "owner", "Account Manager": "owner",
        "StageName": "stage", "Stage Name": "stage", "Deal Stage": "stage",
        "Deal Amount": "amount", "CloseDate": "closed_on", "CreatedDate": "engaged_on", "Created Date": "engaged_on",
        "CurrencyIsoCode": "currency", "Opportunity Currency": "currency", "Probability (%)": "probability",
    }.items()
})
LTC_MARKERS = {"externalid", "account", "stage", "engagedon", "closedon"}

# Their stage -> ours. Salesforce's standard stages, HubSpot's deal stages and
# the words of the common CRM sample data sets (Prospecting, Engaging, Won, Lost).
STAGE_DEFAULTS = {
    "Won": "won", "Closed Won": "won", "Closed - Won": "won", "Closed/Won": "won", "Win": "won", "Signed": "won",
    "Booked": "won", "closedwon": "won",
    "Lost": "lost", "Closed Lost": "lost", "Closed - Lost": "lost", "Closed/Lost": "lost", "Loss": "lost",
    "Dead": "lost", "closedlost": "lost",
    "Prospecting": "verify", "Prospect": "verify", "New": "verify", "Lead": "verify", "Appointment Scheduled": "verify",
    "Qualification": "initiation", "Qualify": "initiation", "Qualified": "initiation",
    "Qualified To Buy": "initiation",
    "Needs Analysis": "needs_analysis", "Engaging": "needs_analysis", "Engaged": "needs_analysis",
    "Discovery": "needs_analysis", "Presentation Scheduled": "value_presentation",
    "Value Proposition": "value_presentation", "Id. Decision Makers": "value_presentation",
    "Perception Analysis": "value_presentation", "Demo": "value_presentation", "Solution": "value_presentation",
    "Proposal": "bid", "Proposal/Price Quote": "bid", "Quote": "bid", "Price Quote": "bid", "Tender": "bid",
    "Decision Maker Bought-In": "bid",
    "Negotiation": "negotiation", "Negotiation/Review": "negotiation", "Contract": "negotiation",
    "Contract Sent": "negotiation", "Commit": "negotiation", "Signing": "negotiation",
}
for _stage in Stage:
    STAGE_DEFAULTS[_stage.value] = _stage.value


@dataclass(slots=True)
class OppDraft:
    row: int
    external_id: str
    title: str
    customer_key: str
    customer: PlannedCustomer
    product: str | None
    owner: Any
    ar: Any
    sr: Any
    fr: Any
    owner_name: str | None
    stage: str
    their_stage: str
    amount_cents: int | None
    budget_cents: int | None
    currency: str
    start_on: dt.date | None
    probability: int
    probability_manual: bool
    engaged_on: dt.date
    closed_on: dt.date | None
    won_reason: str | None
    lost_reason: str | None
    lead_ref: str | None
    texts: tuple[str | None, ...]
    lead_id: int | None = None


def detect_format(table: Table, forced: str) -> str:
    keys = {header_key(h) for h in table.headers}
    if forced != "auto":
        return forced
    return "ltc" if keys >= LTC_MARKERS else "crm"


def _stage_target(text: str) -> str:
    from ltc_tui.enums import parse

    return parse(Stage, text, field="--stage-map").value


class OppReader:
    def __init__(self, *, plan: ColumnPlan, dates: Any, mapping: Mapping, default_currency: str,
                 today: dt.date, with_ids: bool) -> None:
        self.header = plan.header_of
        self.dates = dates
        self.stages = value_map(STAGE_DEFAULTS, mapping.stages, parse_target=_stage_target)
        self.default_currency = default_currency
        self.today = today
        self.with_ids = with_ids
        self.fields = list(plan.fields)
        self.undated_open = 0
        self.open_close_dates = 0
        self._money: dict[str, int | None] = {}

    def _call(self, name: str, parse: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return parse(*args, field=self.header.get(name, name), **kwargs)
        except LtcError as error:
            raise cell_error(self.header.get(name, name), error) from None

    def _date(self, r: dict[str, str], name: str) -> dt.date | None:
        text = r.get(name, "").strip()
        if not text:
            return None
        value = self.dates.date(text)
        if value is None:
            raise RowProblem(self.header[name], "import.row.date", column=self.header[name], value=text,
                             form=self.dates.reading.form)
        return value

    def _money_of(self, r: dict[str, str], name: str) -> int | None:
        text = r.get(name, "")
        if not text.strip():
            return None
        if text not in self._money:
            self._money[text] = self._call(name, parse_money, text)
        return self._money[text]

    def _required(self, r: dict[str, str], name: str, label: str) -> str:
        text = r.get(name, "").strip()
        if not text:
            column = self.header.get(name, label)
            raise RowProblem(column, "import.row.required", column=column)
        return text

    def read(self, row: int, r: dict[str, str], cells: list[str]) -> OppDraft:
        """The draft for one row; all its problems at once (``RowProblems``)."""
        found: list[RowProblem] = []

        def get(read_cell: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return read_cell(*args, **kwargs)
            except RowProblem as problem:
                found.append(problem)
                return None

        if self.with_ids:
            external_id = get(self._required, r, "external_id", "id") or ""
            if len(external_id) > 64:
                column = self.header["external_id"]
                found.append(RowProblem(column, "import.row.external_id_long", column=column, length=len(external_id)))
        else:
            external_id = content_key(cells)
        account_text = get(self._required, r, "account", "account")
        account = get(self._call, "account", clean_line, account_text, required=True) if account_text else None
        their_stage = get(self._required, r, "stage", "stage")
        stage = None
        if their_stage is not None:
            stage = self.stages.get(header_key(their_stage))
            if stage is None:
                column = self.header["stage"]
                found.append(RowProblem(column, "import.row.stage", column=column, value=their_stage))
        engaged_on = get(self._date, r, "engaged_on")
        closed_on = get(self._date, r, "closed_on")
        amount = get(self._money_of, r, "amount")
        finished = stage in (Stage.WON.value, Stage.LOST.value)
        if finished:
            if engaged_on is None and not r.get("engaged_on", "").strip():
                get(self._required, r, "engaged_on", "engage date")
            if closed_on is None and not r.get("closed_on", "").strip():
                get(self._required, r, "closed_on", "close date")
            if engaged_on is not None and closed_on is not None:
                column = self.header["closed_on"]
                if closed_on < engaged_on:
                    found.append(RowProblem(column, "import.row.closed_before", column=column, closed=closed_on,
                                            engaged=engaged_on))
                elif closed_on > self.today:
                    found.append(RowProblem(column, "import.row.closed_future", column=column, closed=closed_on,
                                            stage=their_stage))
            if stage == Stage.WON.value and amount is None and not r.get("amount", "").strip():
                column = self.header.get("amount", "value")
                found.append(RowProblem(column, "import.row.won_value", column=column))
        elif stage is not None:
            if closed_on is not None:
                self.open_close_dates += 1
                closed_on = None
            if engaged_on is None and not r.get("engaged_on", "").strip():
                self.undated_open += 1
                engaged_on = self.today
        product = get(self._call, "product", clean_line, r.get("product"))
        title_text = r.get("title", "")
        if title_text.strip():
            title = get(self._call, "title", clean_line, title_text, required=True)
        elif product and account:
            title = clean_line(t("import.opp.title", product=product, account=account), field="title") or account
        else:
            title = account
        probability_text = r.get("probability", "").strip().rstrip("%").strip()
        probability = get(self._call, "probability", parse_int, probability_text, low=0, high=100)
        lost_reason = get(self._call, "lost_reason", clean_text, r.get("lost_reason"))
        if stage == Stage.LOST.value and not lost_reason:
            lost_reason = t("import.opp.lost_reason")
        won_reason = get(self._call, "won_reason", clean_text, r.get("won_reason"))
        budget = get(self._money_of, r, "budget")
        currency = get(self._call, "currency", parse_currency, r.get("currency")) or self.default_currency
        start_on = get(self._date, r, "start_on")
        texts = tuple(get(self._call, f, clean_text, r.get(f)) for f in TEXT_FIELDS)
        if found or stage is None or account is None or engaged_on is None:
            raise RowProblems(found)
        default_probability = DEFAULT_PROBABILITY[stage]
        return OppDraft(
            row=row,
            external_id=external_id,
            title=title or account,
            customer_key=name_key(account),
            customer=PlannedCustomer(name=account),
            product=product,
            owner=r.get("owner", "").strip() or None,
            ar=r.get("ar", "").strip() or None,
            sr=r.get("sr", "").strip() or None,
            fr=r.get("fr", "").strip() or None,
            owner_name=r.get("owner", "").strip() or None,
            stage=stage,
            their_stage=their_stage or "",
            amount_cents=amount,
            budget_cents=budget,
            currency=currency,
            start_on=start_on,
            probability=default_probability if probability is None else probability,
            probability_manual=probability is not None and probability != default_probability,
            engaged_on=engaged_on,
            closed_on=closed_on,
            won_reason=won_reason,
            lost_reason=lost_reason,
            lead_ref=r.get("lead_ref", "").strip() or None,
            texts=texts,
        )


@dataclass
class OppPlan:
    drafts: list[OppDraft]
    people: People
    customers: Customers


def run(
    session: Session,
    table: Table,
    result: ImportResult,
    *,
    forced: str,
    mapping: Mapping,
    people_mode: str,
    customers_mode: str,
    preview: int,
) -> OppPlan:
    """Read and check every row, filling ``result``; nothing is written."""
    from ltc_tui.models.leads import Lead
    from ltc_tui.models.opportunities import Opportunity
    from ltc_tui.services import settings as settings_service

    fmt = detect_format(table, forced)
    result.source_format = fmt
    known_ignored = ["id"] if fmt == "ltc" else []
    aliases = dict(ALIASES)
    if fmt == "ltc":
        aliases.pop("id", None)
    plan = plan_columns(table, aliases=aliases, known_ignored=known_ignored, explicit=mapping.columns, targets=TARGETS)
    result.columns, result.unknown_columns = plan.columns, plan.unknown
    result.custom_columns = plan.custom
    result.ignored_columns = [h for h in plan.ignored if not (fmt == "ltc" and header_key(h) == "id")]
    missing = [f for f in ("account", "stage") if f not in plan.fields]
    if missing:
        raise ValidationError("import.opps.missing_columns", file=table.name, missing=", ".join(missing),
                              columns=", ".join(table.headers))
    rows = row_values(table, plan, unescape=(fmt == "ltc" and table.file_type == "csv"))
    dates = date_reader(rows, DATE_FIELDS, plan, mapping.date_format)
    result.dates = dates.reading
    with_ids = "external_id" in plan.fields
    if not with_ids:
        result.notes.append(Note("import.note.no_id_column", {}))
    reader = OppReader(plan=plan, dates=dates, mapping=mapping, today=clock.today(), with_ids=with_ids,
                       default_currency=str(settings_service.get(session, "currency")))
    problems = result.problems
    drafts: list[OppDraft]
    drafts, lines = read_drafts(table, rows, reader.read, problems)
    if reader.undated_open:
        result.notes.append(Note("import.note.open_undated", {"rows": rows_text(reader.undated_open),
                                                               "column": plan.header_of.get("engaged_on", "engage date")}))
    if reader.open_close_dates:
        result.notes.append(Note("import.note.open_close_date", {"rows": rows_text(reader.open_close_dates),
                                                                  "column": plan.header_of.get("closed_on", "close date")}))

    first_row: dict[str, int] = {}
    fresh: list[OppDraft] = []
    for draft in drafts:
        if draft.external_id in first_row:
            key = "import.row.repeated_id" if with_ids else "import.row.repeated_row"
            problems.append(Problem(draft.row, lines[draft.row], plan.header_of.get("external_id"), key,
                                    {"value": draft.external_id, "first": first_row[draft.external_id]}))
            continue
        first_row[draft.external_id] = draft.row
        fresh.append(draft)
    here = existing_keys(session, Opportunity, set(first_row))
    result.existing = sum(1 for d in fresh if d.external_id in here)
    fresh = [d for d in fresh if d.external_id not in here]

    people = People(session, create=people_mode == "create", roles=("ar",))
    customers = Customers(session, create=customers_mode == "create")
    ready: list[OppDraft] = []
    for draft in fresh:
        found: list[RowProblem] = []
        for name in ("owner", "ar", "sr", "fr"):
            text = getattr(draft, name)
            if text is None:
                continue
            person = people.find(text)
            if person is not None:
                setattr(draft, name, person)
            elif not people.create:
                column = plan.header_of.get(name, name)
                found.append(RowProblem(column, "import.row.unknown_person", column=column, value=text))
        if draft.customer_key not in customers.existing and not customers.create:
            column = plan.header_of.get("account", "account")
            found.append(RowProblem(column, "import.row.unknown_customer", column=column, value=draft.customer.name))
        if found:
            problems.extend(Problem(draft.row, lines[draft.row], p.column, p.key, p.params) for p in found)
            continue
        ready.append(draft)
    for draft in ready:
        for name in ("owner", "ar", "sr", "fr"):
            ref = getattr(draft, name)
            if isinstance(ref, str):
                setattr(draft, name, people.plan(ref))
        if draft.owner is not None and draft.ar is None:
            draft.ar = draft.owner  # the CRM's deal owner answers for the account
        if draft.customer_key not in customers.existing and draft.customer_key not in customers.planned:
            customers.planned[draft.customer_key] = draft.customer
    _link_leads(session, Lead, Opportunity, ready, result)
    result.preview = [_preview(d, customers) for d in ready[:preview]]
    result.created = {"opportunities": len(ready), "customers": len(customers.planned), "people": len(people.planned)}
    problems.sort(key=lambda p: p.row or 0)
    return OppPlan(ready, people, customers)


def _link_leads(session: Session, lead_model: Any, opp_model: Any, drafts: list[OppDraft], result: ImportResult) -> None:
    """Our own export names the lead an opportunity came from: link it when that
    lead is here and not yet linked."""
    refs = {d.lead_ref for d in drafts if d.lead_ref}
    if not refs:
        return
    found = existing_keys(session, lead_model, refs)
    taken = set(session.connection().execute(
        sa.select(opp_model.__table__.c.lead_id).where(opp_model.__table__.c.lead_id.is_not(None))
    ).scalars())
    unlinked = 0
    for draft in drafts:
        if not draft.lead_ref:
            continue
        lead_id = found.get(draft.lead_ref)
        if lead_id is None or lead_id in taken:
            unlinked += 1
            continue
        taken.add(lead_id)
        draft.lead_id = lead_id
    if unlinked:
        result.notes.append(Note("import.note.lead_unlinked", {"rows": rows_text(unlinked)}))


def _preview(draft: OppDraft, customers: Customers) -> dict[str, Any]:
    return {
        "row": draft.row,
        "title": draft.title,
        "account": customers.planned[draft.customer_key].name if draft.customer_key in customers.planned
        else draft.customer.name,
        "account_new": draft.customer_key not in customers.existing,
        "owner": draft.owner_name,
        "stage": draft.stage,
        "their_stage": draft.their_stage,
        "amount_cents": draft.amount_cents,
        "currency": draft.currency,
        "engaged_on": draft.engaged_on,
        "closed_on": draft.closed_on,
        "external_id": None if draft.external_id.startswith(CONTENT_PREFIX) else draft.external_id,
    }


COLUMNS = (
    "id", "version", "created_at", "updated_at", "lead_id", "customer_id", "title", "product", "stage",
    "amount_cents", "budget_cents", "currency", "start_on", "probability", "probability_manual", "owner_id",
    "ar_id", "sr_id", "fr_id", "engaged_on", "closed_on", "won_reason", "lost_reason", "stage_changed_at",
    *TEXT_FIELDS, "external_id",
)
HISTORY_COLUMNS = ("id", "opportunity_id", "from_stage", "to_stage", "at", "by_id", "note")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), dt.UTC)


def write(session: Session, plan: OppPlan, *, source_name: str) -> dict[str, int]:
    from ltc_tui.models.opportunities import Opportunity, StageChange
    from ltc_tui.services import bulk

    people, customers, drafts = plan.people, plan.customers, plan.drafts
    created_people = people.write(session)
    created_customers = customers.write(session)
    conn = session.connection()
    now = clock.now()
    actor = session.info.get("actor_id")
    rows = []
    history = []
    for new_id, d in zip(bulk.reserve_ids(conn, Opportunity.__table__, len(drafts)), drafts, strict=True):
        changed = _midnight(d.closed_on or d.engaged_on)
        rows.append((
            new_id, 1, now, now, d.lead_id, customers.id(d.customer_key), d.title, d.product, d.stage,
            d.amount_cents, d.budget_cents, d.currency, d.start_on, d.probability, d.probability_manual,
            people.id(d.owner), people.id(d.ar), people.id(d.sr), people.id(d.fr), d.engaged_on, d.closed_on,
            d.won_reason, d.lost_reason, changed, *d.texts, d.external_id,
        ))
        engaged = t("import.opp.history_engaged", file=source_name, stage=d.their_stage)
        if d.closed_on is None:
            history.append((new_id, None, d.stage, _midnight(d.engaged_on), actor, engaged))
        else:
            history.append((new_id, None, Stage.VERIFY.value, _midnight(d.engaged_on), actor, engaged))
            history.append((new_id, Stage.VERIFY.value, d.stage, changed, actor,
                            d.lost_reason if d.stage == Stage.LOST.value else d.won_reason))
    bulk.insert_rows(conn, Opportunity.__table__, COLUMNS, rows)
    history_rows = [
        (hid, *h) for hid, h in zip(bulk.reserve_ids(conn, StageChange.__table__, len(history)), history, strict=True)
    ]
    bulk.insert_rows(conn, StageChange.__table__, HISTORY_COLUMNS, history_rows)
    return {"opportunities": len(rows), "customers": created_customers, "people": created_people,
            "stage_changes": len(history_rows)}
