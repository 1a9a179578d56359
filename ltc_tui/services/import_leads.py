"""Importing leads: our own export, a Salesforce lead export, or any CSV/JSON
whose columns are mapped to our fields.

Salesforce columns are recognised by API name (``FirstName``, Data Loader,
weekly export) or label (``First Name``, reports, import wizard), ignoring
case, spaces and punctuation. How they land:

  Id                      -> external id (re-importing skips it)
  FirstName + LastName    -> the contact's name (or Name / Full Name)
  Email, Phone (Mobile)   -> the contact's e-mail and phone
  Title                   -> the contact's job title
  Company                 -> the customer, matched case-insensitively or created
  Industry, City/State/Country, AnnualRevenue, NumberOfEmployees
                          -> a new customer's industry, region and notes
  Description             -> the need as heard; its first line is the lead's title
  LeadSource              -> source channel (SOURCE_DEFAULTS, ``--source-map``);
                             an unknown value becomes "other" and is reported
  Rating Hot/Warm/Cold    -> temperature (a hint: class and priority wait for
                             cross verification)
  Status                  -> "Closed - Converted" (or IsConverted) -> converted,
                             closed on ConvertedDate; any other "Closed ..." ->
                             closed, the status as its reason; open statuses
                             ("Open - Not Contacted", "Working - Contacted"...) ->
                             submitted, to be verified here
  CreatedDate             -> date submitted
  LastActivityDate        -> last activity (the stale clock)
  OwnerId / Lead Owner    -> owner, when it names someone on the team
  CurrencyIsoCode         -> currency
  IsDeleted, MasterRecordId -> the row is skipped (deleted or merged there)
A row without an id (no id column, or an empty cell) is keyed by its whole
content, so importing the same file again adds nothing either.
  ``*__c`` custom fields and other columns are listed in the report, not kept
  (map one with ``--map "Budget__c=amount"``).
The submitter is the acting person, or ``--submitter``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.enums import LeadClass, LeadStatus, Source, Standing, Tier
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
    Tally,
    cell_error,
    date_reader,
    plan_columns,
    read_drafts,
    row_values,
    rows_text,
    value_map,
)
from ltc_tui.services.transfer_io import Mapping, Table, header_key
from ltc_tui.values import clean_line, clean_text, parse_bool, parse_currency, parse_int, parse_money

# Our export's columns, in order: every field of the lead file and its state.
LEAD_FIELDS = [
    "id", "external_id", "title", "customer", "customer_standing", "customer_industry", "customer_region",
    "contact_name", "contact_email", "contact_phone", "contact_title", "need", "source", "submitter",
    "submitted_on", "expected_amount", "currency", "expected_start", "has_offer", "new_product",
    "new_solution", "new_business_model", "tier", "tier_override", "tier_override_reason", "lead_class",
    "temperature", "priority", "status", "owner", "ar", "sr", "fr", "next_review_on", "close_reason",
    "closed_on", "budget", "budget_start", "nurture_pass", "assigned_at", "last_activity_at",
]
# Fields a file may give that are not columns of our export.
EXTRA_FIELDS = ["first_name", "last_name", "contact_mobile", "customer_notes", "annual_revenue", "employees",
                "city", "state", "country", "converted", "converted_on", "modified_on", "deleted", "merged_into",
                "owner_hint"]
DATE_FIELDS = ["submitted_on", "expected_start", "next_review_on", "closed_on", "budget_start", "converted_on",
               "modified_on", "assigned_at", "last_activity_at"]

# Names a --map may use for our fields.
TARGETS = {header_key(f): f for f in LEAD_FIELDS + EXTRA_FIELDS if f != "id"}
TARGETS.update({
    header_key(k): v
    for k, v in {
        "company": "customer", "account": "customer", "account_name": "customer", "amount": "expected_amount",
        "value": "expected_amount", "start": "expected_start", "date": "submitted_on", "created": "submitted_on",
        "id": "external_id", "ref": "external_id", "email": "contact_email", "phone": "contact_phone",
        "mobile": "contact_mobile", "contact": "contact_name", "name": "contact_name", "job_title": "contact_title",
        "description": "need", "notes": "need", "temp": "temperature", "rating": "temperature",
        "class": "lead_class", "industry": "customer_industry", "region": "customer_region",
        "standing": "customer_standing", "by": "submitter",
    }.items()
})

LTC_ALIASES = {header_key(f): f for f in LEAD_FIELDS if f != "id"}
GENERIC_ALIASES = dict(TARGETS)

SALESFORCE_ALIASES = {
    header_key(k): v
    for k, v in {
        "Id": "external_id", "Lead ID": "external_id",
        "FirstName": "first_name", "LastName": "last_name", "Name": "contact_name", "Full Name": "contact_name",
        "Company": "customer", "Company / Account": "customer",
        "Title": "contact_title", "Email": "contact_email", "Phone": "contact_phone",
        "MobilePhone": "contact_mobile", "Mobile": "contact_mobile",
        "LeadSource": "source", "Status": "status", "Lead Status": "status", "Rating": "temperature",
        "Industry": "customer_industry", "AnnualRevenue": "annual_revenue",
        "NumberOfEmployees": "employees", "No. of Employees": "employees", "Employees": "employees",
        "Description": "need", "CreatedDate": "submitted_on", "Create Date": "submitted_on",
        "OwnerId": "owner_hint", "Lead Owner": "owner_hint", "Record Owner": "owner_hint", "Owner": "owner_hint",
        "Owner Name": "owner_hint", "CurrencyIsoCode": "currency", "Lead Currency": "currency",
        "IsConverted": "converted", "Converted": "converted", "ConvertedDate": "converted_on",
        "LastActivityDate": "last_activity_at", "Last Activity": "last_activity_at",
        "LastModifiedDate": "modified_on", "Last Modified Date": "modified_on",
        "IsDeleted": "deleted", "Deleted": "deleted", "MasterRecordId": "merged_into",
        "City": "city", "State": "state", "State/Province": "state", "StateCode": "state",
        "Country": "country", "CountryCode": "country",
    }.items()
}
# Salesforce fields we recognise and do not keep (listed as "not kept", not "unknown").
SALESFORCE_IGNORED = [
    "Salutation", "MiddleName", "Suffix", "Street", "PostalCode", "Zip", "Zip/Postal Code", "Latitude",
    "Longitude", "GeocodeAccuracy", "Address", "Fax", "Website", "HasOptedOutOfEmail", "Email Opt Out",
    "HasOptedOutOfFax", "Fax Opt Out", "DoNotCall", "IsUnreadByOwner", "Unread By Owner", "CreatedById",
    "Created By", "LastModifiedById", "Last Modified By", "SystemModstamp", "Jigsaw", "JigsawContactId",
    "Data.com Key", "CleanStatus", "CompanyDunsNumber", "IndividualId", "Division", "Lead Division",
    "ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId", "Converted Account",
    "Converted Contact", "Converted Opportunity", "PhotoUrl", "EmailBouncedReason", "EmailBouncedDate",
    "LastViewedDate", "LastReferencedDate", "RecordTypeId", "Lead Record Type", "Age", "Prefix",
]
# Headers that say "this is a Salesforce lead export".
SALESFORCE_MARKERS = {header_key(h) for h in ("Company", "LastName", "Last Name", "FirstName", "LeadSource",
                                               "Lead Source", "Lead Status", "Company / Account", "Lead ID")}
LTC_MARKERS = {"title", "customer", "submittedon", "status"}

# Salesforce's standard LeadSource picklist (and common additions) -> our channels.
SOURCE_DEFAULTS = {
    "Web": "inbound", "Website": "inbound", "Phone Inquiry": "inbound", "Inbound": "inbound", "Email": "inbound",
    "Partner Referral": "partner", "Partner": "partner", "Reseller": "partner",
    "Purchased List": "hq_marketing", "Advertisement": "hq_marketing", "Public Relations": "hq_marketing",
    "Marketing": "hq_marketing", "Marketing Campaign": "hq_marketing",
    "Trade Show": "exhibition", "Seminar - Internal": "exhibition", "Seminar - Partner": "exhibition",
    "Webinar": "exhibition", "Event": "exhibition", "Conference": "exhibition",
    "Employee Referral": "other", "External Referral": "other", "Word of mouth": "other", "Other": "other",
    "Sales Visit": "sales_visit", "Customer Visit": "sales_visit", "Technical Exchange": "tech_exchange",
    "Executive Visit": "executive_visit", "Site Visit": "company_tour", "Delivery": "delivery",
}

TEMPERATURES = {"hot": "hot", "warm": "warm", "cold": "cold", "热": "hot", "温": "warm", "冷": "cold"}
STATUS_VALUES = {s.value for s in LeadStatus}
CLOSED_WORDS = ("closed", "unqualified", "disqualified", "dead", "junk", "lost", "rejected")


CONTENT_PREFIX = "row:"


def content_key(cells: list[str]) -> str:
    """The key of a row that has no id: its whole content, so the same row
    imported again is recognised (and a changed one is new)."""
    digest = hashlib.sha1("\x1f".join(c.strip() for c in cells).encode("utf-8")).hexdigest()
    return CONTENT_PREFIX + digest[:32]


@dataclass(slots=True)
class LeadDraft:
    """One row, read and checked, ready to insert (references resolved at write time)."""

    row: int
    external_id: str
    title: str
    customer_key: str
    contact: tuple[str, str | None, str | None, str | None] | None  # name, email, phone, job title
    need: str | None
    source: str
    submitter: Any
    submitted_on: dt.date
    expected_amount_cents: int | None
    currency: str
    expected_start: dt.date | None
    has_offer: bool | None
    new_product: bool
    new_solution: bool
    new_business_model: bool
    tier: str | None
    tier_override: str | None
    tier_override_reason: str | None
    lead_class: str | None
    temperature: str | None
    priority: int | None
    status: str
    owner: Any
    ar: Any
    sr: Any
    fr: Any
    next_review_on: dt.date | None
    close_reason: str | None
    closed_on: dt.date | None
    budget_cents: int | None
    budget_start: dt.date | None
    nurture_pass: int
    assigned_at: dt.datetime | None
    last_activity_at: dt.datetime | None
    customer: PlannedCustomer
    owner_hint: str | None = None


def detect_format(table: Table, forced: str) -> tuple[str, str | None]:
    """Which kind of lead file this is ("ltc", "salesforce", "generic") and, for
    Salesforce, whether its headers are API names or labels."""
    keys = {header_key(h) for h in table.headers}
    if forced != "auto":
        fmt = forced
    elif keys >= LTC_MARKERS:
        fmt = "ltc"
    elif keys & SALESFORCE_MARKERS:
        fmt = "salesforce"
    else:
        fmt = "generic"
    style = None
    if fmt == "salesforce":
        known = [h for h in table.headers if header_key(h) in SALESFORCE_ALIASES or h.lower().endswith("__c")]
        spaced = any(" " in h.strip() for h in known)
        camel = any(re.search(r"[a-z][A-Z]", h) and " " not in h for h in known)
        style = "mixed" if spaced and camel else "label" if spaced else "api" if camel else None
    return fmt, style


TIERS = frozenset(t.value for t in Tier)
CLASSES = frozenset(c.value for c in LeadClass)
STANDINGS = frozenset(s.value for s in Standing)
OUR_SOURCES = {header_key(s.value): s.value for s in Source}


class LeadReader:
    """Turns one row's cells into a ``LeadDraft``.

    Each cell reader takes the row and a list to which it adds its problem
    (instead of raising), so a row is read whole and all its problems are
    told at once. Readers of absent columns return at once: a Salesforce
    file pays only for the columns it has (this loop runs 100,000 times)."""

    def __init__(self, *, plan: ColumnPlan, dates: Any, mapping: Mapping, default_currency: str,
                 today: dt.date) -> None:
        self.dates = dates
        self.form = dates.reading.form
        self.header = plan.header_of
        self.default_currency = default_currency
        self.today = today
        self.sources = value_map(SOURCE_DEFAULTS, mapping.sources, parse_target=self._source_target)
        self.tally = Tally()
        self._money: dict[str, int | None] = {}
        self._currency: dict[str, str | None] = {}

    @staticmethod
    def _source_target(text: str) -> str:
        from ltc_tui.enums import parse

        return parse(Source, text, field="--source-map").value

    # -- cells: each returns the value, or None after noting its problem in ``found`` ------------

    def _problem(self, found: list[RowProblem], name: str, error: LtcError) -> None:
        found.append(cell_error(self.header.get(name, name), error))

    def _line(self, r: dict[str, str], name: str, found: list[RowProblem], *, required: bool = False,
              max_len: int = 200) -> str | None:
        text = r.get(name)
        if not text and not required:
            return None
        try:
            return clean_line(text, field=self.header.get(name, name), required=required, max_len=max_len)
        except LtcError as error:
            self._problem(found, name, error)
            return None

    def _text(self, r: dict[str, str], name: str, found: list[RowProblem]) -> str | None:
        text = r.get(name)
        if not text:
            return None
        try:
            return clean_text(text, field=self.header[name])
        except LtcError as error:
            self._problem(found, name, error)
            return None

    def _date(self, r: dict[str, str], name: str, found: list[RowProblem]) -> dt.date | None:
        text = r.get(name)
        if not text:
            return None
        value = self.dates.date(text)
        if value is None and text.strip():
            column = self.header[name]
            found.append(RowProblem(column, "import.row.date", column=column, value=text.strip(), form=self.form))
        return value

    def _moment(self, r: dict[str, str], name: str, found: list[RowProblem]) -> dt.datetime | None:
        text = r.get(name)
        if not text or not text.strip():
            return None
        value = self.dates.datetime(text)
        if value is None:
            column = self.header[name]
            found.append(RowProblem(column, "import.row.date", column=column, value=text.strip(), form=self.form))
        return value

    def _amount(self, r: dict[str, str], name: str, found: list[RowProblem]) -> int | None:
        text = r.get(name)
        if not text:
            return None
        try:
            return self._money[text]
        except KeyError:
            pass
        try:
            value = parse_money(text, field=self.header[name])
        except LtcError as error:
            self._problem(found, name, error)
            return None
        self._money[text] = value
        return value

    def _int(self, r: dict[str, str], name: str, found: list[RowProblem], low: int, high: int) -> int | None:
        text = r.get(name)
        if not text:
            return None
        try:
            return parse_int(text, field=self.header[name], low=low, high=high)
        except LtcError as error:
            self._problem(found, name, error)
            return None

    def _flag(self, r: dict[str, str], name: str, found: list[RowProblem]) -> bool | None:
        text = r.get(name)
        if not text or not text.strip():
            return None
        try:
            return parse_bool(text, field=self.header[name])
        except LtcError as error:
            self._problem(found, name, error)
            return None

    def _choice(self, r: dict[str, str], name: str, found: list[RowProblem], allowed: frozenset[str], *,
                upper: bool = False) -> str | None:
        text = r.get(name)
        if not text or not text.strip():
            return None
        value = text.strip().upper() if upper else text.strip().lower().replace(" ", "_").replace("-", "_")
        if value in allowed:
            return value
        column = self.header[name]
        found.append(RowProblem(column, "error.enum", field=column, value=text.strip(), choices=", ".join(sorted(allowed))))
        return None

    def _person(self, r: dict[str, str], name: str) -> str | None:
        text = r.get(name)
        return text.strip() or None if text else None

    # -- the row ---------------------------------------------------------------------------

    def read(self, row: int, r: dict[str, str], cells: list[str]) -> LeadDraft | None:
        """The draft for one row; ``None`` when the source system deleted or merged it.
        Raises ``RowProblems`` with every problem the row has."""
        found: list[RowProblem] = []
        if self._flag(r, "deleted", found) or (r.get("merged_into") or "").strip():
            return None
        external_id = (r.get("external_id") or "").strip() or content_key(cells)
        if len(external_id) > 64:
            column = self.header["external_id"]
            found.append(RowProblem(column, "import.row.external_id_long", column=column, length=len(external_id)))
        customer = self._line(r, "customer", found, required=True)
        need = self._text(r, "need", found)
        contact = self._contact(r, found)
        if (r.get("title") or "").strip():
            title = self._line(r, "title", found, required=True)
        else:
            title = derive_title(need, customer or "", contact[0] if contact else None)
        status, implied_reason = self._status(r, found)
        close_reason = self._text(r, "close_reason", found) or implied_reason
        if status == "closed" and not close_reason:
            found.append(RowProblem(self.header.get("close_reason", self.header.get("status")), "import.row.close_reason"))
        submitted_on = self._date(r, "submitted_on", found) or self.today
        closed_on = self._date(r, "closed_on", found)
        if closed_on is None and status in ("closed", "converted"):
            closed_on = self._date(r, "converted_on", found) or self._date(r, "modified_on", found)
        tier_override = self._choice(r, "tier_override", found, TIERS, upper=True)
        tier_reason = self._text(r, "tier_override_reason", found)
        if tier_override and not tier_reason:
            column = self.header["tier_override"]
            found.append(RowProblem(column, "import.row.override_reason", column=column))
        currency = self.default_currency
        if r.get("currency"):
            try:
                currency = parse_currency(r["currency"], field=self.header["currency"]) or currency
            except LtcError as error:
                self._problem(found, "currency", error)
        draft = LeadDraft(
            row=row,
            external_id=external_id,
            title=title or "",
            customer_key=name_key(customer or ""),
            contact=contact,
            need=need,
            source=self._source(r),
            submitter=self._person(r, "submitter"),
            submitted_on=submitted_on,
            expected_amount_cents=self._amount(r, "expected_amount", found),
            currency=currency,
            expected_start=self._date(r, "expected_start", found),
            has_offer=self._flag(r, "has_offer", found),
            new_product=bool(self._flag(r, "new_product", found)),
            new_solution=bool(self._flag(r, "new_solution", found)),
            new_business_model=bool(self._flag(r, "new_business_model", found)),
            tier=self._choice(r, "tier", found, TIERS, upper=True),
            tier_override=tier_override,
            tier_override_reason=tier_reason,
            lead_class=self._choice(r, "lead_class", found, CLASSES),
            temperature=self._temperature(r, found),
            priority=self._int(r, "priority", found, 0, 100),
            status=status,
            owner=self._person(r, "owner"),
            ar=self._person(r, "ar"),
            sr=self._person(r, "sr"),
            fr=self._person(r, "fr"),
            next_review_on=self._date(r, "next_review_on", found),
            close_reason=close_reason,
            closed_on=closed_on,
            budget_cents=self._amount(r, "budget", found),
            budget_start=self._date(r, "budget_start", found),
            nurture_pass=self._int(r, "nurture_pass", found, 1, 1000) or 1,
            assigned_at=self._moment(r, "assigned_at", found),
            last_activity_at=self._moment(r, "last_activity_at", found),
            owner_hint=self._person(r, "owner_hint"),
            customer=PlannedCustomer(
                name=customer or "",
                standing=self._choice(r, "customer_standing", found, STANDINGS) or "normal",
                industry=self._line(r, "customer_industry", found, max_len=100),
                region=self._region(r, found),
                notes=None,
                revenue=(r.get("annual_revenue") or "").strip() or None,
                employees=(r.get("employees") or "").strip() or None,
                extra_notes=(r.get("customer_notes") or "").strip() or None,
            ),
        )
        if found:
            raise RowProblems(found)
        return draft

    def _contact(self, r: dict[str, str], found: list[RowProblem]) -> tuple[str, str | None, str | None, str | None] | None:
        from ltc_tui.services.customers import normalise_email

        email = None
        email_text = r.get("contact_email")
        if email_text and email_text.strip():
            try:
                email = normalise_email(email_text)
            except LtcError as error:
                self._problem(found, "contact_email", error)
        if (r.get("contact_name") or "").strip():
            name = self._line(r, "contact_name", found, max_len=120)
        else:
            parts = [p.strip() for p in (r.get("first_name"), r.get("last_name")) if p and p.strip()]
            name = self._line({"last_name": " ".join(parts)}, "last_name", found, max_len=120) if parts else None
        if not name and not email:
            return None
        phone_field = "contact_phone" if (r.get("contact_phone") or "").strip() else "contact_mobile"
        phone = self._line(r, phone_field, found, max_len=60)
        job_title = self._line(r, "contact_title", found, max_len=120)
        return (name or (email or "").split("@")[0], email, phone, job_title)

    def _source(self, r: dict[str, str]) -> str:
        text = (r.get("source") or "").strip()
        if not text:
            return "other"
        key = header_key(text)
        found = self.sources.get(key) or OUR_SOURCES.get(key)
        if found is None:
            self.tally.add("import.note.source_other", text)
            return "other"
        return found

    def _status(self, r: dict[str, str], found: list[RowProblem]) -> tuple[str, str | None]:
        if self._flag(r, "converted", found):
            return "converted", None
        text = (r.get("status") or "").strip()
        if not text:
            return "submitted", None
        low = text.casefold()
        if low in STATUS_VALUES:
            return low, None
        if "convert" in low and not re.search(r"\b(not|un|non)[\s-]*convert", low):
            return "converted", None
        if low.startswith(CLOSED_WORDS):
            return "closed", t("import.lead.closed_reason", status=text)
        self.tally.add("import.note.status_open", text)
        return "submitted", None

    def _temperature(self, r: dict[str, str], found: list[RowProblem]) -> str | None:
        text = (r.get("temperature") or "").strip()
        if not text:
            return None
        value = TEMPERATURES.get(text.casefold())
        if value is None:
            column = self.header["temperature"]
            found.append(RowProblem(column, "import.row.temperature", column=column, value=text))
        return value

    def _region(self, r: dict[str, str], found: list[RowProblem]) -> str | None:
        if (r.get("customer_region") or "").strip():
            return self._line(r, "customer_region", found, max_len=100)
        parts = [p.strip() for p in (r.get("city"), r.get("state"), r.get("country")) if p and p.strip()]
        if not parts:
            return None
        return self._line({"city": ", ".join(parts)}, "city", found, max_len=100)


def customer_notes(plan: PlannedCustomer) -> str | None:
    """A new customer's notes: what Salesforce said of its size."""
    parts = []
    if plan.revenue:
        parts.append(t("import.sf.revenue", value=plan.revenue))
    if plan.employees:
        parts.append(t("import.sf.employees", value=plan.employees))
    if plan.extra_notes:
        parts.append(plan.extra_notes)
    return "\n".join(parts) if parts else None


def derive_title(need: str | None, customer: str, contact: str | None) -> str:
    """A title for a file that has none (Salesforce leads): the need's first line,
    else the customer and the contact."""
    if need:
        first = need.strip().splitlines()[0].strip()
        first = " ".join(first.split())
        if len(first) > 120:
            first = first[:120].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
        if first:
            return first
    return t("import.lead.title", customer=customer, contact=contact or "-") if contact else customer


# --- existing rows ------------------------------------------------------------------------

_LTC_KEY = re.compile(r"^ltc:(\d+):(\d{20})$")


_NOT_DIGIT = re.compile(r"\D")


def stamp(moment: dt.datetime | str) -> str:
    """A creation time as the 20 digits of our export keys (UTC, microseconds)."""
    if isinstance(moment, str):
        if len(moment) == 26 and moment[10] == " ":  # SQLite's own form: sliced (export: once per row)
            m = moment
            return m[0:4] + m[5:7] + m[8:10] + m[11:13] + m[14:16] + m[17:19] + m[20:26]
        digits = _NOT_DIGIT.sub("", moment)[:20]
        return digits.ljust(20, "0")
    return moment.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S%f")


def existing_keys(session: Session, model: Any, keys: set[str]) -> dict[str, int]:
    """Which of ``keys`` name a record already here: by external id, or (our own
    export of a record made here) by its ``ltc:ID:CREATED`` key."""
    found: dict[str, int] = {}
    if not keys:
        return found
    table = model.__table__
    conn = session.connection()
    wanted = sorted(keys)
    for start in range(0, len(wanted), 5000):
        part = wanted[start : start + 5000]
        for ext, rid in conn.execute(sa.select(table.c.external_id, table.c.id).where(table.c.external_id.in_(part))):
            found[ext] = rid
    local: dict[int, str] = {}
    for key in keys - set(found):
        match = _LTC_KEY.match(key)
        if match:
            local[int(match.group(1))] = key
    ids = sorted(local)
    for start in range(0, len(ids), 5000):
        part = ids[start : start + 5000]
        rows = conn.execute(
            sa.select(table.c.id, table.c.created_at).where(table.c.id.in_(part), table.c.external_id.is_(None))
        )
        for rid, created in rows:
            key = local[rid]
            if stamp(created) == _LTC_KEY.match(key).group(2):  # type: ignore[union-attr]
                found[key] = rid
    return found


# --- the import ---------------------------------------------------------------------------


@dataclass
class LeadPlan:
    """The checked rows and the people and customers they will need."""

    drafts: list[LeadDraft]
    people: People
    customers: Customers


def run(
    session: Session,
    table: Table,
    result: ImportResult,
    *,
    forced: str,
    mapping: Mapping,
    submitter: str | None,
    people_mode: str,
    customers_mode: str,
    preview: int,
) -> LeadPlan:
    """Read and check every row, filling ``result``; nothing is written."""
    from ltc_tui.models.leads import Lead
    from ltc_tui.services import settings as settings_service
    from ltc_tui.services.people import get_person

    fmt, style = detect_format(table, forced)
    result.source_format, result.header_style = fmt, style
    aliases = {"ltc": LTC_ALIASES, "salesforce": SALESFORCE_ALIASES}.get(fmt, GENERIC_ALIASES)
    ignored = SALESFORCE_IGNORED if fmt == "salesforce" else ["id"] if fmt == "ltc" else []
    plan = plan_columns(table, aliases=aliases, known_ignored=ignored, explicit=mapping.columns, targets=TARGETS)
    result.columns, result.unknown_columns = plan.columns, plan.unknown
    result.custom_columns = plan.custom
    # Our own export's ``id`` (the exporting database's number) is expected, not news.
    result.ignored_columns = [h for h in plan.ignored if not (fmt == "ltc" and header_key(h) == "id")]
    if "customer" not in plan.fields:
        raise ValidationError("import.leads.no_customer", file=table.name, columns=", ".join(table.headers))
    rows = row_values(table, plan, unescape=(fmt == "ltc" and table.file_type == "csv"))
    dates = date_reader(rows, DATE_FIELDS, plan, mapping.date_format)
    result.dates = dates.reading
    default_submitter = get_person(session, submitter).id if submitter else session.info.get("actor_id")
    if default_submitter is None:
        raise ValidationError("error.person.who", field="--as")
    reader = LeadReader(
        plan=plan, dates=dates, mapping=mapping, default_currency=str(settings_service.get(session, "currency")),
        today=clock.today(),
    )
    problems = result.problems

    # 1. every row's cells
    read, lines = read_drafts(table, rows, reader.read, problems)
    drafts: list[LeadDraft] = [draft for draft in read if draft is not None]
    result.skipped += len(read) - len(drafts)

    # 2. already here, or twice in the file
    first_row: dict[str, int] = {}
    fresh: list[LeadDraft] = []
    for draft in drafts:
        if draft.external_id in first_row:
            by_content = draft.external_id.startswith(CONTENT_PREFIX)
            problems.append(Problem(
                draft.row, lines[draft.row], plan.header_of.get("external_id"),
                "import.row.repeated_row" if by_content else "import.row.repeated_id",
                {"value": draft.external_id, "first": first_row[draft.external_id]},
            ))
            continue
        first_row[draft.external_id] = draft.row
        fresh.append(draft)
    if "external_id" not in plan.fields:
        result.notes.append(Note("import.note.no_id_column", {}))
    here = existing_keys(session, Lead, set(first_row))
    result.existing = sum(1 for d in fresh if d.external_id in here)
    fresh = [d for d in fresh if d.external_id not in here]

    # 3. people and customers
    people = People(session, create=people_mode == "create")
    customers = Customers(session, create=customers_mode == "create")
    ready: list[LeadDraft] = []
    unmatched_owners: list[str] = []
    for draft in fresh:
        found = _resolve(draft, people, customers, plan, default_submitter, unmatched_owners)
        if found:
            problems.extend(Problem(draft.row, lines[draft.row], p.column, p.key, p.params) for p in found)
            continue
        ready.append(draft)
    # Planned only for rows that will be written: a bad row creates nobody.
    for draft in ready:
        for name in ("submitter", "owner", "ar", "sr", "fr"):
            ref = getattr(draft, name)
            if isinstance(ref, str):
                setattr(draft, name, people.plan(ref))
        if draft.customer_key not in customers.existing and draft.customer_key not in customers.planned:
            draft.customer.notes = customer_notes(draft.customer)
            customers.planned[draft.customer_key] = draft.customer
    result.notes.extend(reader.tally.notes())
    if unmatched_owners:
        result.notes.append(Note("import.note.owner_unmatched", {
            "column": plan.header_of.get("owner_hint", "owner"), "rows": rows_text(len(unmatched_owners)),
            "example": unmatched_owners[0],
        }))
    result.preview = [_preview(d, customers) for d in ready[:preview]]
    result.created = {
        "leads": len(ready), "customers": len(customers.planned),
        "contacts": sum(1 for v in _plan_contacts(session, ready, customers).values() if not isinstance(v, int)),
        "people": len(people.planned),
    }
    problems.sort(key=lambda p: p.row or 0)
    return LeadPlan(ready, people, customers)


def _resolve(draft: LeadDraft, people: People, customers: Customers, plan: ColumnPlan, default_submitter: int,
             unmatched_owners: list[str]) -> list[RowProblem]:
    """Find the people and the customer a row names; the problems if some are unknown."""
    found: list[RowProblem] = []
    for name in ("submitter", "owner", "ar", "sr", "fr"):
        text = getattr(draft, name)
        if text is None:
            if name == "submitter":
                draft.submitter = default_submitter
            continue
        person = people.find(text)
        if person is not None:
            setattr(draft, name, person)
        elif people.create:
            setattr(draft, name, text)  # planned once the row is known good
        else:
            column = plan.header_of.get(name, name)
            found.append(RowProblem(column, "import.row.unknown_person", column=column, value=text))
    if draft.owner is None and draft.owner_hint:
        # Salesforce's owner is a user there (often only an id): kept when it names someone here.
        person = people.find(draft.owner_hint)
        if person is not None:
            draft.owner = person
        else:
            unmatched_owners.append(draft.owner_hint)
    if draft.customer_key not in customers.existing and not customers.create:
        column = plan.header_of.get("customer", "customer")
        found.append(RowProblem(column, "import.row.unknown_customer", column=column, value=draft.customer.name))
    return found


def _contact_key(draft: LeadDraft) -> tuple[str, str] | None:
    if draft.contact is None:
        return None
    name, email, _phone, _job = draft.contact
    return (draft.customer_key, email or "n:" + name.casefold())


def _plan_contacts(session: Session, drafts: list[LeadDraft], customers: Customers) -> dict[tuple[str, str], Any]:
    """The contacts the drafts name: an existing one's id (found by e-mail, or by
    name when there is no e-mail, at that customer), else the details of the
    first row naming it."""
    from ltc_tui.models.customers import Contact

    wanted: dict[tuple[str, str], Any] = {}
    for draft in drafts:
        key = _contact_key(draft)
        if key is not None:
            wanted.setdefault(key, draft.contact)
    known = {customers.existing[k][0]: k for k in {k for k, _ in wanted} if k in customers.existing}
    found: dict[tuple[str, str], int] = {}
    if known:
        table = Contact.__table__
        ids = sorted(known)
        conn = session.connection()
        for start in range(0, len(ids), 5000):
            part = ids[start : start + 5000]
            query = sa.select(table.c.id, table.c.customer_id, table.c.email, table.c.name).where(
                table.c.customer_id.in_(part)
            )
            for cid, customer_id, email, name in conn.execute(query):
                ckey = known[customer_id]
                if email:
                    found.setdefault((ckey, email), cid)
                found.setdefault((ckey, "n:" + name.casefold()), cid)
    return {key: found.get(key, details) for key, details in wanted.items()}


def _preview(draft: LeadDraft, customers: Customers) -> dict[str, Any]:
    return {
        "row": draft.row,
        "title": draft.title,
        "customer": customers.planned[draft.customer_key].name if draft.customer_key in customers.planned
        else draft.customer.name,
        "customer_new": draft.customer_key not in customers.existing,
        "contact": draft.contact[0] if draft.contact else None,
        "email": draft.contact[1] if draft.contact else None,
        "source": draft.source,
        "status": draft.status,
        "temperature": draft.temperature,
        "submitted_on": draft.submitted_on,
        "expected_amount_cents": draft.expected_amount_cents,
        "currency": draft.currency,
        "external_id": None if draft.external_id.startswith(CONTENT_PREFIX) else draft.external_id,
    }


COLUMNS = (
    "id", "version", "created_at", "updated_at", "title", "customer_id", "contact_id", "need", "source",
    "submitter_id", "submitted_on", "expected_amount_cents", "currency", "expected_start", "has_offer",
    "new_product", "new_solution", "new_business_model", "tier", "tier_override", "tier_override_reason",
    "lead_class", "temperature", "priority", "status", "owner_id", "ar_id", "sr_id", "fr_id", "next_review_on",
    "close_reason", "closed_on", "budget_cents", "budget_start", "nurture_pass", "assigned_at",
    "last_activity_at", "external_id",
)
CONTACT_COLUMNS = (
    "id", "customer_id", "name", "job_title", "email", "phone", "level", "decision_role", "influence",
    "attitude", "version", "created_at", "updated_at",
)


def write(session: Session, plan: LeadPlan) -> dict[str, int]:
    """Insert the drafts, and the people, customers and contacts they need, in
    the session's transaction."""
    from ltc_tui.models.customers import Contact
    from ltc_tui.models.leads import Lead
    from ltc_tui.services import bulk
    from ltc_tui.services.leads import tier_rule
    from ltc_tui.services.rules import compute_tier

    people, customers, drafts = plan.people, plan.customers, plan.drafts
    created_people = people.write(session)
    created_customers = customers.write(session)
    conn = session.connection()
    now = clock.now()

    contacts = _plan_contacts(session, drafts, customers)
    new_contacts = [(k, v) for k, v in contacts.items() if not isinstance(v, int)]
    contact_rows = []
    for new_id, (key, (name, email, phone, job)) in zip(
        bulk.reserve_ids(conn, Contact.__table__, len(new_contacts)), new_contacts, strict=True
    ):
        contacts[key] = new_id
        contact_rows.append((new_id, customers.id(key[0]), name, job, email, phone, "manager", "influencer",
                             "medium", "unknown", 1, now, now))
    bulk.insert_rows(conn, Contact.__table__, CONTACT_COLUMNS, contact_rows)

    rule = tier_rule(session)
    tiers: dict[tuple[Any, ...], str] = {}
    rows = []
    for new_id, d in zip(bulk.reserve_ids(conn, Lead.__table__, len(drafts)), drafts, strict=True):
        tier = d.tier
        if tier is None:
            standing = customers.standing(d.customer_key)
            key = (standing, d.expected_amount_cents, d.new_product, d.new_solution, d.new_business_model)
            tier = tiers.get(key)
            if tier is None:
                tier = compute_tier(
                    standing=standing, amount_cents=d.expected_amount_cents, new_product=d.new_product,
                    new_solution=d.new_solution, new_business_model=d.new_business_model, rule=rule,
                ).tier.value
                tiers[key] = tier
        contact_key = _contact_key(d)
        rows.append((
            new_id, 1, now, now, d.title, customers.id(d.customer_key),
            contacts[contact_key] if contact_key else None, d.need, d.source,
            people.id(d.submitter), d.submitted_on, d.expected_amount_cents, d.currency, d.expected_start,
            d.has_offer, d.new_product, d.new_solution, d.new_business_model, tier, d.tier_override,
            d.tier_override_reason, d.lead_class, d.temperature, d.priority, d.status, people.id(d.owner),
            people.id(d.ar), people.id(d.sr), people.id(d.fr), d.next_review_on, d.close_reason, d.closed_on,
            d.budget_cents, d.budget_start, d.nurture_pass, d.assigned_at, d.last_activity_at or now, d.external_id,
        ))
    bulk.insert_rows(conn, Lead.__table__, COLUMNS, rows)
    return {"leads": len(rows), "customers": created_customers, "contacts": len(contact_rows), "people": created_people}
