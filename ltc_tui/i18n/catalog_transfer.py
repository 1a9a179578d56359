"""Messages of `ltc import` and `ltc export`: file problems, row problems, the report."""

EN = {
    # The file as a whole
    "import.file.missing": "{file}: no such file.",
    "import.file.unreadable": "{file}: cannot be read ({detail}).",
    "import.file.utf16": "{file} is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8) and import again.",
    "import.file.workbook": "{file} is an Excel workbook, not CSV; save it as 'CSV UTF-8' and import that file.",
    "import.file.not_utf8": (
        "{file} is not UTF-8 text (line {line} has the byte 0x{byte}, as Windows or Latin-1 encodings write); "
        "save it as UTF-8 (in Excel: CSV UTF-8) and import again."
    ),
    "import.file.binary": "{file} holds binary data (NUL bytes), not CSV or JSON text.",
    "import.file.empty": "{file} is empty.",
    "import.file.unclosed_quote": (
        "{file}, line {line}: a quoted cell is never closed (a \" without its partner), so the rest of the file "
        "would be one cell; fix the quote and import again."
    ),
    "import.file.bad_csv": "{file}, line {line}: not valid CSV ({detail}).",
    "import.file.no_header": "{file} has no header row: its first line must name the columns.",
    "import.file.bad_json": "{file}, line {line} column {column}: not valid JSON ({detail}).",
    "import.file.json_shape": (
        "{file}: JSON must be a list of objects (one per row), or an object holding them under \"rows\" or \"records\"."
    ),
    "import.file.wrong_kind": "{file} holds {found} (it is our export of them); import it with --kind {found}.",
    "import.leads.no_customer": (
        "{file}: no column gives the customer (Company). Its columns: {columns}. "
        "Map one with --map \"Your column=customer\"."
    ),
    "import.opps.missing_columns": (
        "{file}: no column gives {missing}. Its columns: {columns}. Map them with --map \"Your column=account\" "
        "(fields: id, title, owner, product, account, stage, engaged_on, closed_on, amount)."
    ),
    "import.column.unnamed": "(column {number}, no name)",
    # Mappings
    "import.map.bad_pair": "{field}: '{value}' is not THEIRS=OURS; write e.g. --map \"Account Name=company,Deal=title\".",
    "import.map.no_column": "{field}: {file} has no column '{column}'. Its columns: {columns}.",
    "import.map.no_field": "{field}: '{target}' is not one of our fields; use one of: {choices} (or 'ignore').",
    "import.map.file_shape": "{file}: a mapping file is a JSON object {{\"columns\": {{...}}, \"stages\": {{...}}}} or lines THEIRS = OURS.",
    "import.map.file_line": "{file}, line {line}: '{text}' is not THEIRS = OURS (or a [columns]/[stages]/[sources]/[options] section).",
    # Dates
    "import.date.bad_format": "{field}: '{value}' is not a date form; use d/m/Y, m/d/Y or Y-m-d (also dd.mm.yyyy, %m/%d/%Y).",
    "import.date.ambiguous": (
        "{field}: dates like '{example}' could be day/month or month/day, and no date in the file decides it; "
        "say which with --date-format d/m/Y or --date-format m/d/Y."
    ),
    "import.dates.none": "Dates: none in the file.",
    "import.dates.unambiguous": "Dates: {values} values, all year-first or with a month name.",
    "import.dates.detected": (
        "Dates: day/month order read as {form}, detected from {values} values ({deciding} decide it, e.g. '{example}')."
    ),
    "import.dates.detected_conflict": (
        "Dates: day/month order read as {form}, detected from {values} values ({deciding} decide it, e.g. "
        "'{example}'); {conflicting} values only fit the other order and are reported below."
    ),
    "import.dates.stated": "Dates: read as {form}, as stated with --date-format.",
    # Rows
    "import.problem.row": "row {row}: {message}",
    "import.problem.row_line": "row {row} (line {line}): {message}",
    "import.problem.file": "{message}",
    "import.row.too_many_cells": "has {cells} cells but the header names {columns} columns (a delimiter inside an unquoted cell?).",
    "import.row.json_value": "{column}: holds a list or object, not a plain value.",
    "import.row.date": "{column}: '{value}' is not a date in this file's form ({form}).",
    "import.row.external_id_long": "{column}: the id is {length} characters long; at most 64 are kept.",
    "import.row.close_reason": "a closed lead needs its close reason (close_reason).",
    "import.row.override_reason": "{column}: a tier set by hand needs its reason (tier_override_reason).",
    "import.row.temperature": "{column}: '{value}' is not hot, warm or cold (map the column with --map \"{column}=ignore\" to leave it out).",
    "import.row.repeated_id": "id '{value}' was already given on row {first}.",
    "import.row.repeated_row": "repeats row {first} exactly (the file has no id column to tell them apart).",
    "import.row.unknown_person": (
        "{column}: '{value}' is not on the team; add them (ltc person add) or pass --unknown-people create."
    ),
    "import.row.unknown_customer": (
        "{column}: there is no customer '{value}'; add it (ltc customer add) or drop --unknown-customers report."
    ),
    "import.row.required": "{column}: a value is required.",
    "import.row.stage": (
        "{column}: stage '{value}' is not one we know; map it with --stage-map \"{value}=STAGE\" "
        "(verify, initiation, needs_analysis, value_presentation, bid, negotiation, won, lost)."
    ),
    "import.row.closed_before": "{column}: closed {closed}, before its engage date {engaged}.",
    "import.row.closed_future": "{column}: a {stage} deal cannot close in the future ({closed}).",
    "import.row.won_value": "{column}: a won deal needs its value.",
    # Notes
    "import.rows.one": "1 row",
    "import.rows.many": "{n} rows",
    "import.note.source_other": "Lead source '{value}' is none of our channels: recorded as other on {rows} (map it with --source-map \"{value}=CHANNEL\").",
    "import.note.status_open": "Status '{value}' is an open status: {rows} imported as submitted, to be verified here.",
    "import.note.owner_unmatched": "{column}: {rows} name an owner who is not on the team (e.g. '{example}'); those leads are left unassigned.",
    "import.note.no_id_column": "No id column: rows are recognised by their whole content, so importing the file again adds nothing, but a changed row imports as a new record.",
    "import.note.open_undated": "Open deals without {column} ({rows}): engaged on the import day.",
    "import.note.open_close_date": "Open deals with a {column} ({rows}): the other CRM's expected date, not kept.",
    "import.note.lead_unlinked": "Opportunities naming a lead that is not here or already has one ({rows}): imported without the link.",
    # Values the import writes
    "import.lead.closed_reason": "Closed in the source CRM (status: {status})",
    "import.lead.title": "{customer}: {contact}",
    "import.sf.revenue": "Annual revenue (from Salesforce): {value}",
    "import.sf.employees": "Employees (from Salesforce): {value}",
    "import.opp.title": "{product} for {account}",
    "import.opp.lost_reason": "Lost (no reason in the imported data)",
    "import.opp.history_engaged": "imported from {file} (their stage: {stage})",
    "import.audit": "{file} ({format}): created {created}; {existing} already here; {bad} rows with problems not imported",
    # Outcome
    "import.refused": (
        "Nothing imported: {bad} of {rows} {have} problems (listed above). Fix them and import again, "
        "or pass --allow-partial to import the other {good}."
    ),
    "import.refused.has": "has",
    "import.refused.have": "have",
    # The report (CLI)
    "cli.import.read": "Read {file}: {format}, {rows} rows ({type}).",
    "cli.import.format.ltc": "our own export",
    "cli.import.format.salesforce": "a Salesforce lead export",
    "cli.import.format.salesforce_api": "a Salesforce lead export (API-name headers)",
    "cli.import.format.salesforce_label": "a Salesforce lead export (label headers)",
    "cli.import.format.salesforce_mixed": "a Salesforce lead export (API-name and label headers)",
    "cli.import.format.generic": "a lead file with our column names or --map",
    "cli.import.format.crm": "a deal export from another CRM",
    "cli.import.delimiter": "Cells are separated by '{delimiter}'.",
    "cli.import.columns": "Columns used: {columns}.",
    "cli.import.unknown": "Unknown columns, not imported: {columns}.",
    "cli.import.custom": "Custom (__c) columns, not imported (map one with --map): {columns}.",
    "cli.import.ignored": "Known columns we do not keep: {columns}.",
    "cli.import.would_create": "Would create: {created}.",
    "cli.import.created": "Imported: {created}.",
    "cli.import.existing": "Already here, left as they are: {existing}.",
    "cli.import.no_rows": "{file} has a header but no rows: nothing to import.",
    "cli.import.nothing_new": "Nothing new: all {existing} rows are already here.",
    "cli.import.skipped_note": "Deleted or merged in the source system, skipped: {skipped}.",
    "cli.import.preview": "First rows as they would be created:",
    "cli.import.problems": "Problems ({bad}):",
    "cli.import.more_problems": "... and {more} more (--json lists them all).",
    "cli.import.partial": "Not imported, with problems (listed above): {bad}.",
    "cli.import.dry_run": "Dry run: nothing was written.",
    "cli.import.dry_run_refused": "Dry run: nothing was written. As it stands, the import would be refused (pass --allow-partial to import the other {good}).",
    "cli.import.count.nothing": "nothing new",
    "cli.import.count.leads": "{n} leads",
    "cli.import.count.opportunities": "{n} opportunities",
    "cli.import.count.customers": "{n} customers",
    "cli.import.count.contacts": "{n} contacts",
    "cli.import.count.people": "{n} people",
    "cli.import.count.stage_changes": "{n} stage changes",
    "cli.export.done": "Exported {n} {kind} to {file} ({format}).",
    "cli.export.exists": "{file} already exists; pass --force to replace it.",
    "cli.export.cannot_write": "Cannot write {file}: {detail}.",
}

ZH: dict[str, str] = {}
