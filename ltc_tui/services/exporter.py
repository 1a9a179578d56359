"""``ltc export``: leads or opportunities as CSV or JSON that ``ltc import``
reads back losslessly.

Our export format (one row per record, the columns below, in this order):
  - ``id``: the record's number in the exporting database (for people
    reading the sheet; ignored on import);
  - ``external_id``: the key the record travels under: the id it was
    imported with, or ``ltc:ID:CREATED`` for a record made here. Importing
    the file again, into this database or one it was imported into,
    recognises every record by this key and leaves it as it is;
  - people (submitter, owner, AR/SR/FR) by handle; customers by name (a new
    customer gets the exported standing, industry and region); contacts by
    name, e-mail, phone and job title;
  - amounts in units with two decimals (``1200000.00``); dates ``YYYY-MM-DD``;
    moments ISO 8601 in UTC with microseconds; yes/no as ``true``/``false``;
    empty = no value.
Leads: every field of the lead file, tier (and override with its reason),
class, temperature, priority, status, owner and iron triangle, review and
close dates and reason, budget and budget start, nurturing pass, assignment
and last-activity moments. Opportunities: customer, product, triangle,
stage, amounts, currency, start, probability, engage and close dates,
won/lost reasons, the value proposition and four-dimension notes, and the
key of the lead it came from. Not exported: histories (verifications,
committee decisions, nurturing evidence, stage changes, notes, audit), which
stay in the database they were recorded in.

CSV: UTF-8 (with a BOM for files, so spreadsheets show every script), CRLF,
quotes doubled; a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
CR (or the full-width forms) gets a leading apostrophe, as does one already
starting with an apostrophe, so no spreadsheet reads a formula and import
removes exactly one. JSON: ``{"format": "ltc-tui", "kind": ..., "version": 1,
"rows": [...]}`` with typed values (amounts as decimal strings).

Rows are read with one query and the driver's cursor (no ORM objects), so an
export of 100,000 leads costs little more than writing the CSV.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.errors import ValidationError
from ltc_tui.services.import_leads import LEAD_FIELDS, stamp
from ltc_tui.services.import_opps import OPP_FIELDS, TEXT_FIELDS
from ltc_tui.services.transfer_io import RISKY, neutralise, write_csv

FORMATS = ("csv", "json")
KINDS = ("leads", "opportunities")
FORMAT_NAME = "ltc-tui"
VERSION = 1


def parse_format(text: str | None, path: str | None = None) -> str:
    """``csv`` or ``json``; when not given, from the file's extension (default csv)."""
    if text is None or not text.strip():
        return "json" if path and path.lower().endswith(".json") else "csv"
    value = text.strip().lower()
    if value not in FORMATS:
        raise ValidationError("error.enum", field="--format", value=text, choices=", ".join(FORMATS))
    return value


# --- cell formatters: raw driver values (SQLite strings, PostgreSQL objects) -> text ----------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _money(cents: Any) -> str:
    if cents is None:
        return ""
    cents = int(cents)
    return f"{cents // 100}.{cents % 100:02d}"


def _date(value: Any) -> str:
    if value is None:
        return ""
    return value if type(value) is str else value.isoformat()


def _moment(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " ":
            return value[:10] + "T" + value[11:] + "+00:00"
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _bool(value: Any) -> str:
    if value is None:
        return ""
    return "true" if value else "false"


def _money_json(cents: Any) -> Any:
    return None if cents is None else _money(cents)


def _bool_json(value: Any) -> Any:
    return None if value is None else bool(value)


def _int_json(value: Any) -> Any:
    return None if value is None else int(value)


def _none_if_empty(format_cell: Callable[[Any], str]) -> Callable[[Any], Any]:
    def inner(value: Any) -> Any:
        return None if value is None else format_cell(value)

    return inner


KIND_FORMAT = {"text": _text, "int": _text, "money": _money, "date": _date, "moment": _moment, "bool": _bool}
KIND_JSON = {"text": _none_if_empty(_text), "int": _int_json, "money": _money_json, "date": _none_if_empty(_date),
             "moment": _none_if_empty(_moment), "bool": _bool_json}


# --- the queries -------------------------------------------------------------------------------
#
# Each export selects its output columns in output order; a "key" column
# (external id or ltc:ID:CREATED) reads its id, external id and creation time
# from the extra columns selected after them. Rows come straight from the
# driver's cursor: on SQLite dates and moments arrive as the stored text, on
# PostgreSQL as objects; the formatters accept both.


def _people(session: Session) -> dict[int, str]:
    from ltc_tui.models.people import Person

    return dict(session.connection().execute(sa.select(Person.id, Person.handle)).all())


@dataclass
class Export:
    statement: sa.Select[Any]
    names: list[str]  # output columns
    kinds: list[str]  # text, int, money, date, moment, bool, person, key
    keys: dict[int, tuple[int, int, int]]  # output column -> (id, external id, created at) positions


def _lead_export() -> Export:
    from ltc_tui.models.customers import Contact, Customer
    from ltc_tui.models.leads import Lead

    lead, customer, contact = Lead.__table__.c, Customer.__table__.c, Contact.__table__.c
    columns = {
        "id": lead.id, "external_id": lead.external_id, "title": lead.title, "customer": customer.name,
        "customer_standing": customer.standing, "customer_industry": customer.industry,
        "customer_region": customer.region, "contact_name": contact.name, "contact_email": contact.email,
        "contact_phone": contact.phone, "contact_title": contact.job_title, "need": lead.need, "source": lead.source,
        "submitter": lead.submitter_id, "submitted_on": lead.submitted_on, "expected_amount": lead.expected_amount_cents,
        "currency": lead.currency, "expected_start": lead.expected_start, "has_offer": lead.has_offer,
        "new_product": lead.new_product, "new_solution": lead.new_solution,
        "new_business_model": lead.new_business_model, "tier": lead.tier, "tier_override": lead.tier_override,
        "tier_override_reason": lead.tier_override_reason, "lead_class": lead.lead_class,
        "temperature": lead.temperature, "priority": lead.priority, "status": lead.status, "owner": lead.owner_id,
        "ar": lead.ar_id, "sr": lead.sr_id, "fr": lead.fr_id, "next_review_on": lead.next_review_on,
        "close_reason": lead.close_reason, "closed_on": lead.closed_on, "budget": lead.budget_cents,
        "budget_start": lead.budget_start, "nurture_pass": lead.nurture_pass, "assigned_at": lead.assigned_at,
        "last_activity_at": lead.last_activity_at,
    }
    assert list(columns) == LEAD_FIELDS
    kinds = {
        "id": "int", "external_id": "key", "submitter": "person", "owner": "person", "ar": "person",
        "sr": "person", "fr": "person", "submitted_on": "date", "expected_start": "date", "next_review_on": "date",
        "closed_on": "date", "budget_start": "date", "expected_amount": "money", "budget": "money",
        "has_offer": "bool", "new_product": "bool", "new_solution": "bool", "new_business_model": "bool",
        "priority": "int", "nurture_pass": "int", "assigned_at": "moment", "last_activity_at": "moment",
    }
    extra = len(columns)
    statement = (
        sa.select(*columns.values(), lead.created_at)
        .select_from(Lead.__table__)
        .join(Customer.__table__, customer.id == lead.customer_id)
        .join(Contact.__table__, contact.id == lead.contact_id, isouter=True)
        .order_by(lead.id)
    )
    return Export(statement, list(columns), [kinds.get(n, "text") for n in columns], {1: (0, 1, extra)})


def _opp_export() -> Export:
    from ltc_tui.models.customers import Customer
    from ltc_tui.models.leads import Lead
    from ltc_tui.models.opportunities import Opportunity

    opp, customer, lead = Opportunity.__table__.c, Customer.__table__.c, Lead.__table__.c
    columns = {
        "id": opp.id, "external_id": opp.external_id, "title": opp.title, "account": customer.name,
        "product": opp.product, "owner": opp.owner_id, "ar": opp.ar_id, "sr": opp.sr_id, "fr": opp.fr_id,
        "stage": opp.stage, "amount": opp.amount_cents, "budget": opp.budget_cents, "currency": opp.currency,
        "start_on": opp.start_on, "probability": opp.probability, "engaged_on": opp.engaged_on,
        "closed_on": opp.closed_on, "won_reason": opp.won_reason, "lost_reason": opp.lost_reason,
        "lead_ref": lead.external_id, **{name: opp[name] for name in TEXT_FIELDS},
    }
    assert list(columns) == OPP_FIELDS
    kinds = {
        "id": "int", "external_id": "key", "lead_ref": "key", "owner": "person", "ar": "person", "sr": "person",
        "fr": "person", "amount": "money", "budget": "money", "start_on": "date", "engaged_on": "date",
        "closed_on": "date", "probability": "int",
    }
    extra = len(columns)
    statement = (
        sa.select(*columns.values(), opp.created_at, lead.id, lead.created_at)
        .select_from(Opportunity.__table__)
        .join(Customer.__table__, customer.id == opp.customer_id)
        .join(Lead.__table__, lead.id == opp.lead_id, isouter=True)
        .order_by(opp.id)
    )
    lead_ref = OPP_FIELDS.index("lead_ref")
    return Export(statement, list(columns), [kinds.get(n, "text") for n in columns],
                  {1: (0, 1, extra), lead_ref: (extra + 1, lead_ref, extra + 2)})


def _key(record_id: Any, external_id: Any, created_at: Any) -> str | None:
    if record_id is None:
        return None
    return external_id or f"ltc:{record_id}:{stamp(created_at)}"


def _batches(session: Session, plan: Export) -> Iterator[list[Any]]:
    conn = session.connection()
    result = conn.exec_driver_sql(str(plan.statement.compile(dialect=conn.dialect)))
    while True:
        batch = result.fetchmany(5000)
        if not batch:
            return
        yield batch


def _csv_rows(session: Session, plan: Export) -> Iterator[list[Any]]:
    """Rows for the CSV writer: a list per record, only the cells that need it
    rewritten (the writer itself prints None as empty and numbers as digits),
    free text neutralised."""
    handles = _people(session)
    width = len(plan.names)
    steps: list[tuple[int, Callable[[Any], Any]]] = []
    for index, kind in enumerate(plan.kinds):
        if kind == "person":
            steps.append((index, handles.get))
        elif kind in ("money", "moment", "bool"):
            steps.append((index, KIND_FORMAT[kind]))
        elif kind == "date":
            steps.append((index, _date))
    keys = list(plan.keys.items())
    text = [i for i, kind in enumerate(plan.kinds) if kind in ("text", "key")]
    for batch in _batches(session, plan):
        for row in batch:
            cells = list(row[:width])
            for index, (a, b, c) in keys:
                cells[index] = _key(row[a], row[b], row[c])
            for index, step in steps:
                value = cells[index]
                if value is not None:
                    cells[index] = step(value)
            for index in text:
                value = cells[index]
                if value and value[0] in RISKY:
                    cells[index] = neutralise(value)
            yield cells


def _json_rows(session: Session, plan: Export) -> Iterator[dict[str, Any]]:
    handles = _people(session)
    width = len(plan.names)
    formats = [KIND_JSON.get(kind) for kind in plan.kinds]
    for batch in _batches(session, plan):
        for row in batch:
            record = {}
            for index, (name, kind, fmt) in enumerate(zip(plan.names, plan.kinds, formats, strict=True)):
                if kind == "key":
                    a, b, c = plan.keys[index]
                    record[name] = _key(row[a], row[b], row[c])
                elif kind == "person":
                    record[name] = handles.get(row[index])
                else:
                    record[name] = fmt(row[index])  # type: ignore[misc]
            assert len(record) == width
            yield record


def export(session: Session, out: TextIO, *, kind: str = "leads", fmt: str = "csv") -> int:
    """Write every lead (or opportunity) to ``out``; returns how many."""
    if kind not in KINDS:
        raise ValidationError("error.enum", field="--kind", value=kind, choices=", ".join(KINDS))
    fmt = parse_format(fmt)
    plan = _lead_export() if kind == "leads" else _opp_export()
    if fmt == "csv":
        return write_csv(out, plan.names, _csv_rows(session, plan), neutralised=True)
    out.write(json.dumps({"format": FORMAT_NAME, "kind": kind, "version": VERSION,
                          "exported_at": clock.now().isoformat()}, ensure_ascii=False)[:-1])
    out.write(', "rows": [')
    count = 0
    for row in _json_rows(session, plan):
        out.write(("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        count += 1
    out.write(f'\n], "count": {count}}}\n')
    return count
