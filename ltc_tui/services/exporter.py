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
from typing import Any, TextIO

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui import clock
from ltc_tui.errors import ValidationError
from ltc_tui.services.import_leads import LEAD_FIELDS, stamp
from ltc_tui.services.import_opps import OPP_FIELDS, TEXT_FIELDS
from ltc_tui.services.transfer_io import write_csv

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
    return value if isinstance(value, str) else value.isoformat()


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


def _people(session: Session) -> dict[int, str]:
    from ltc_tui.models.people import Person

    return dict(session.connection().execute(sa.select(Person.id, Person.handle)).all())


def _lead_query() -> tuple[sa.Select[Any], list[tuple[str, str, int | tuple[int, ...]]]]:
    from ltc_tui.models.customers import Contact, Customer
    from ltc_tui.models.leads import Lead

    lead, customer, contact = Lead.__table__.c, Customer.__table__.c, Contact.__table__.c
    selected = [
        lead.id, lead.external_id, lead.created_at, lead.title, customer.name, customer.standing, customer.industry,
        customer.region, contact.name, contact.email, contact.phone, contact.job_title, lead.need, lead.source,
        lead.submitter_id, lead.submitted_on, lead.expected_amount_cents, lead.currency, lead.expected_start,
        lead.has_offer, lead.new_product, lead.new_solution, lead.new_business_model, lead.tier, lead.tier_override,
        lead.tier_override_reason, lead.lead_class, lead.temperature, lead.priority, lead.status, lead.owner_id,
        lead.ar_id, lead.sr_id, lead.fr_id, lead.next_review_on, lead.close_reason, lead.closed_on,
        lead.budget_cents, lead.budget_start, lead.nurture_pass, lead.assigned_at, lead.last_activity_at,
    ]
    stmt = (
        sa.select(*selected)
        .select_from(Lead.__table__)
        .join(Customer.__table__, customer.id == lead.customer_id)
        .join(Contact.__table__, contact.id == lead.contact_id, isouter=True)
        .order_by(lead.id)
    )
    kinds = {
        "id": "int", "external_id": "key", "submitter": "person", "owner": "person", "ar": "person", "sr": "person",
        "fr": "person", "submitted_on": "date", "expected_start": "date", "next_review_on": "date",
        "closed_on": "date", "budget_start": "date", "expected_amount": "money", "budget": "money",
        "has_offer": "bool", "new_product": "bool", "new_solution": "bool", "new_business_model": "bool",
        "priority": "int", "nurture_pass": "int", "assigned_at": "moment", "last_activity_at": "moment",
    }
    # Our field -> position in the selected row (created_at, position 2, only feeds the key).
    positions = [0, (0, 1, 2), *range(3, len(selected))]
    spec = [(name, kinds.get(name, "text"), pos) for name, pos in zip(LEAD_FIELDS, positions, strict=True)]
    return stmt, spec


def _opp_query() -> tuple[sa.Select[Any], list[tuple[str, str, int | tuple[int, ...]]]]:
    from ltc_tui.models.customers import Customer
    from ltc_tui.models.leads import Lead
    from ltc_tui.models.opportunities import Opportunity

    opp, customer, lead = Opportunity.__table__.c, Customer.__table__.c, Lead.__table__.c
    selected = [
        opp.id, opp.external_id, opp.created_at, opp.title, customer.name, opp.product, opp.owner_id, opp.ar_id,
        opp.sr_id, opp.fr_id, opp.stage, opp.amount_cents, opp.budget_cents, opp.currency, opp.start_on,
        opp.probability, opp.engaged_on, opp.closed_on, opp.won_reason, opp.lost_reason,
        lead.id, lead.external_id, lead.created_at, *(opp[name] for name in TEXT_FIELDS),
    ]
    stmt = (
        sa.select(*selected)
        .select_from(Opportunity.__table__)
        .join(Customer.__table__, customer.id == opp.customer_id)
        .join(Lead.__table__, lead.id == opp.lead_id, isouter=True)
        .order_by(opp.id)
    )
    kinds = {
        "id": "int", "external_id": "key", "lead_ref": "key", "owner": "person", "ar": "person", "sr": "person",
        "fr": "person", "amount": "money", "budget": "money", "start_on": "date", "engaged_on": "date",
        "closed_on": "date", "probability": "int",
    }
    positions: list[int | tuple[int, ...]] = [0, (0, 1, 2), *range(3, 20), (20, 21, 22), *range(23, 23 + len(TEXT_FIELDS))]
    spec = [(name, kinds.get(name, "text"), pos) for name, pos in zip(OPP_FIELDS, positions, strict=True)]
    return stmt, spec


def _key(record_id: Any, external_id: Any, created_at: Any) -> str:
    if record_id is None:
        return ""
    return external_id or f"ltc:{record_id}:{stamp(created_at)}"


def _rows(session: Session, stmt: sa.Select[Any], spec: list[Any], *, as_json: bool) -> Iterator[Any]:
    """The export's rows: lists of cell text (CSV) or dicts of typed values (JSON)."""
    handles = _people(session)
    conn = session.connection()
    sql = str(stmt.compile(dialect=conn.dialect))
    formatters: list[Callable[[Any], Any]] = []
    for _name, kind, pos in spec:
        if kind == "key":
            a, b, c = pos
            formatters.append(lambda row, a=a, b=b, c=c: _key(row[a], row[b], row[c]))
        elif kind == "person":
            formatters.append(
                (lambda row, p=pos: handles.get(row[p])) if as_json else (lambda row, p=pos: handles.get(row[p], ""))
            )
        else:
            fmt = (KIND_JSON if as_json else KIND_FORMAT)[kind]
            formatters.append(lambda row, p=pos, f=fmt: f(row[p]))
    names = [name for name, _kind, _pos in spec]
    result = conn.exec_driver_sql(sql)
    while True:
        batch = result.fetchmany(5000)
        if not batch:
            break
        if as_json:
            for row in batch:
                yield {name: f(row) for name, f in zip(names, formatters, strict=True)}
        else:
            for row in batch:
                yield [f(row) for f in formatters]


def export(session: Session, out: TextIO, *, kind: str = "leads", fmt: str = "csv") -> int:
    """Write every lead (or opportunity) to ``out``; returns how many."""
    if kind not in KINDS:
        raise ValidationError("error.enum", field="--kind", value=kind, choices=", ".join(KINDS))
    fmt = parse_format(fmt)
    stmt, spec = _lead_query() if kind == "leads" else _opp_query()
    headers = [name for name, _kind, _pos in spec]
    if fmt == "csv":
        return write_csv(out, headers, _rows(session, stmt, spec, as_json=False))
    out.write(json.dumps({"format": FORMAT_NAME, "kind": kind, "version": VERSION,
                          "exported_at": clock.now().isoformat()}, ensure_ascii=False)[:-1])
    out.write(', "rows": [')
    count = 0
    for row in _rows(session, stmt, spec, as_json=True):
        out.write(("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        count += 1
    out.write(f'\n], "count": {count}}}\n')
    return count
