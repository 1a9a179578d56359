"""``ltc import``: leads or opportunities from a CSV or JSON file.

``import_file(session, data=..., name=...)`` reads the file, checks every row
in Python, and then (unless ``dry_run``) writes all the good rows in the
session's transaction with bulk inserts, plus one summary audit event.
All or nothing by default: any row with a problem and nothing is written
(``ImportFailed`` carries the problems and the result); ``allow_partial``
writes the good rows and reports the others. Rows already imported (same
external id) are left as they are, so importing a file twice adds nothing.

What reaches the database, and how each format is read, is described in
``import_leads`` and ``import_opps``; our own export format in ``exporter``.
"""

from __future__ import annotations

from sqlmodel import Session

from ltc_tui.errors import ImportFailed, ValidationError
from ltc_tui.services.import_common import UNKNOWN_CUSTOMERS, UNKNOWN_PEOPLE, ImportResult, Problem
from ltc_tui.services.transfer_io import Mapping, Table, read_table

KINDS = ("leads", "opportunities")
LEAD_FORMATS = ("auto", "ltc", "salesforce", "generic")
OPP_FORMATS = ("auto", "ltc", "crm")

__all__ = ["KINDS", "ImportResult", "Problem", "import_file", "import_table", "parse_kind"]


def parse_kind(text: str) -> str:
    value = text.strip().lower()
    value = {"lead": "leads", "opportunity": "opportunities", "opps": "opportunities", "opp": "opportunities",
             "deals": "opportunities", "deal": "opportunities"}.get(value, value)
    if value not in KINDS:
        raise ValidationError("error.enum", field="--kind", value=text, choices=", ".join(KINDS))
    return value


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    low = value.strip().lower()
    if low not in allowed:
        raise ValidationError("error.enum", field=option, value=value, choices=", ".join(allowed))
    return low


def import_file(session: Session, *, data: bytes, name: str, **options: object) -> ImportResult:
    """Read ``data`` (the bytes of a file called ``name``) and import it; see ``import_table``."""
    return import_table(session, read_table(data, name), **options)  # type: ignore[arg-type]


def import_table(
    session: Session,
    table: Table,
    *,
    kind: str = "leads",
    source_format: str = "auto",
    mapping: Mapping | None = None,
    submitter: str | None = None,
    unknown_people: str = "report",
    unknown_customers: str = "create",
    allow_partial: bool = False,
    dry_run: bool = False,
    preview: int = 5,
) -> ImportResult:
    """Import the rows of ``table``.

    ``unknown_people``: "report" (a row naming someone not on the team is a
    problem) or "create" (they are added to the team). ``unknown_customers``:
    "create" (default, as ``ltc lead add`` does) or "report"."""
    from ltc_tui import db
    from ltc_tui.services import import_leads, import_opps

    kind = parse_kind(kind)
    formats = LEAD_FORMATS if kind == "leads" else OPP_FORMATS
    forced = _choice(source_format, formats, "--from")
    people_mode = _choice(unknown_people, UNKNOWN_PEOPLE, "--unknown-people")
    customers_mode = _choice(unknown_customers, UNKNOWN_CUSTOMERS, "--unknown-customers")
    mapping = mapping or Mapping()
    found = table.meta.get("kind") if table.meta.get("format") == "ltc-tui" else None
    if found in KINDS and found != kind:
        raise ValidationError("import.file.wrong_kind", file=table.name, found=found)
    result = ImportResult(
        kind=kind, file_name=table.name, file_type=table.file_type, source_format=forced, header_style=None,
        delimiter=table.delimiter, rows=len(table), dry_run=dry_run,
    )
    if kind == "leads":
        plan = import_leads.run(
            session, table, result, forced=forced, mapping=mapping, submitter=submitter,
            people_mode=people_mode, customers_mode=customers_mode, preview=preview,
        )
    else:
        plan = import_opps.run(
            session, table, result, forced=forced, mapping=mapping,
            people_mode=people_mode, customers_mode=customers_mode, preview=preview,
        )
    if dry_run:
        return result
    if result.problems and not allow_partial:
        from ltc_tui.i18n import t
        from ltc_tui.services.import_common import rows_text

        error = ImportFailed(
            "import.refused", problems=result.problems, bad=f"{result.bad_rows:,}", rows=rows_text(result.rows),
            good=rows_text(result.good_rows), have=t("import.refused.has" if result.bad_rows == 1 else "import.refused.have"),
        )
        error.result = result  # type: ignore[attr-defined]
        raise error
    from ltc_tui.services.bulk import roomy_cache

    with roomy_cache(session.connection()):
        if kind == "leads":
            created = import_leads.write(session, plan)  # type: ignore[arg-type]
        else:
            created = import_opps.write(session, plan, source_name=table.name)  # type: ignore[arg-type]
    result.created = created
    result.written = True
    entity = "lead" if kind == "leads" else "opportunity"
    db.record_event(
        session, entity=entity, record_id=None, action="import", field=None,
        new=_summary(result),
    )
    session.flush()
    return result


def _summary(result: ImportResult) -> str:
    from ltc_tui.i18n import t

    made = ", ".join(f"{n} {what}" for what, n in result.created.items() if n)
    return t("import.audit", file=result.file_name, format=result.source_format, created=made or "-",
             existing=result.existing, bad=result.bad_rows)
