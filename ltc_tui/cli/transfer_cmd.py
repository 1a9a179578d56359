"""``ltc import`` and ``ltc export``: bring leads and deals in from a file, take them out to one."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from ltc_tui.cli import common as c
from ltc_tui.i18n import t

MAX_PROBLEMS_SHOWN = 100


def _read_bytes(path: str) -> bytes:
    from ltc_tui.errors import ValidationError

    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ValidationError("import.file.missing", file=path) from None
    except OSError as error:
        raise ValidationError("import.file.unreadable", file=path, detail=error.strerror or str(error)) from None


def _mapping(maps: list[str] | None, map_file: str | None, stage_maps: list[str] | None,
             source_maps: list[str] | None, date_format: str | None) -> Any:
    from ltc_tui.services.transfer_io import Mapping, parse_pairs, read_mapping_file

    mapping = Mapping()
    if map_file:
        mapping = read_mapping_file(_read_bytes(map_file), map_file)
    given = Mapping(
        columns=parse_pairs(maps, option="--map"),
        stages=parse_pairs(stage_maps, option="--stage-map"),
        sources=parse_pairs(source_maps, option="--source-map"),
        date_format=date_format,
    )
    return mapping.merge(given)


def _counts(created: dict[str, int]) -> str:
    parts = [t(f"cli.import.count.{what}", n=f"{n:,}") for what, n in created.items() if n]
    return ", ".join(parts) or t("cli.import.count.nothing")


def _format_name(result: Any) -> str:
    key = f"cli.import.format.{result.source_format}"
    if result.source_format == "salesforce" and result.header_style:
        key += f"_{result.header_style}"
    return t(key)


def _dates_line(reading: Any) -> str | None:
    if reading is None or reading.how == "none":
        return None
    if reading.how == "stated":
        return t("import.dates.stated", form=reading.form)
    if reading.how == "unambiguous":
        return t("import.dates.unambiguous", values=f"{reading.values:,}")
    key = "import.dates.detected_conflict" if reading.conflicting else "import.dates.detected"
    return t(key, form=reading.form, values=f"{reading.values:,}", deciding=f"{reading.deciding:,}",
             example=reading.example, conflicting=f"{reading.conflicting:,}")


def problem_line(problem: Any) -> str:
    if problem.row is None:
        return t("import.problem.file", message=problem.message)
    if problem.line is not None and problem.line != problem.row:
        return t("import.problem.row_line", row=problem.row, line=problem.line, message=problem.message)
    return t("import.problem.row", row=problem.row, message=problem.message)


def _report(result: Any, *, verbose: bool) -> None:
    from ltc_tui.services.import_common import rows_text
    from ltc_tui.values import format_money

    c.say("cli.import.read", file=result.file_name, format=_format_name(result), rows=f"{result.rows:,}",
          type=result.file_type.upper())
    if result.delimiter != ",":
        c.say("cli.import.delimiter", delimiter="TAB" if result.delimiter == "\t" else result.delimiter, style="dim")
    if verbose and result.columns:
        c.say("cli.import.columns", columns=", ".join(f"{h} -> {f}" for h, f in result.columns.items()), style="dim")
    if result.unknown_columns:
        c.say("cli.import.unknown", columns=", ".join(result.unknown_columns), style="yellow")
    if result.custom_columns:
        c.say("cli.import.custom", columns=", ".join(result.custom_columns), style="yellow")
    if result.ignored_columns:
        c.say("cli.import.ignored", columns=", ".join(result.ignored_columns), style="dim")
    line = _dates_line(result.dates)
    if line:
        c.line(c.text(line, "dim"))
    for note in result.notes:
        c.line(c.text(note.message, "yellow"))
    if result.skipped:
        c.say("cli.import.skipped_note", skipped=rows_text(result.skipped), style="dim")
    if verbose and result.preview:
        c.say("cli.import.preview", style="bold")
        if result.kind == "leads":
            c.table(
                c.columns(">field.row", "field.title", "field.customer", "field.contact_name", "field.source", "field.status",
                          "field.submitted", ">field.amount_short", "field.external_id"),
                [
                    (p["row"], p["title"], t("cell.new", name=p["customer"]) if p["customer_new"] else p["customer"],
                     " ".join(x for x in (p["contact"], f"<{p['email']}>" if p["email"] else None) if x),
                     c.label_of("Source", p["source"]),
                     t("cell.status_with_temp", status=p["status"], temp=p["temperature"]) if p["temperature"]
                     else c.label_of("LeadStatus", p["status"]),
                     p["submitted_on"], format_money(p["expected_amount_cents"], p["currency"]),
                     p["external_id"] or "")
                    for p in result.preview
                ],
            )
        else:
            c.table(
                c.columns(">field.row", "field.title", "field.account", "field.owner", "field.stage", ">field.amount_short",
                          "field.engaged", "field.closed", "field.external_id"),
                [
                    (p["row"], p["title"], t("cell.new", name=p["account"]) if p["account_new"] else p["account"],
                     p["owner"] or "", t("cell.stage_with_theirs", stage=p["stage"], theirs=p["their_stage"]),
                     format_money(p["amount_cents"], p["currency"]),
                     p["engaged_on"], p["closed_on"] or "", p["external_id"] or "")
                    for p in result.preview
                ],
            )
    if result.problems:
        c.say("cli.import.problems", bad=rows_text(result.bad_rows), style="bold red")
        for problem in result.problems[:MAX_PROBLEMS_SHOWN]:
            c.line(c.text("  " + problem_line(problem), "red"))
        if len(result.problems) > MAX_PROBLEMS_SHOWN:
            c.say("cli.import.more_problems", more=f"{len(result.problems) - MAX_PROBLEMS_SHOWN:,}", style="red")


def _json(result: Any) -> dict[str, Any]:
    from ltc_tui.cli.common import to_jsonable

    reading = result.dates
    return {
        "kind": result.kind,
        "file": result.file_name,
        "file_type": result.file_type,
        "format": result.source_format,
        "header_style": result.header_style,
        "rows": result.rows,
        "dry_run": result.dry_run,
        "written": result.written,
        "created": result.created,
        "existing": result.existing,
        "skipped": result.skipped,
        "bad_rows": result.bad_rows,
        "columns": result.columns,
        "unknown_columns": result.unknown_columns,
        "custom_columns": result.custom_columns,
        "ignored_columns": result.ignored_columns,
        "dates": None if reading is None else {
            "form": reading.form if reading.order else None, "how": reading.how, "values": reading.values,
            "deciding": reading.deciding, "example": reading.example, "conflicting": reading.conflicting,
        },
        "notes": [n.message for n in result.notes],
        "preview": to_jsonable(result.preview),
        "problems": [p.as_dict() for p in result.problems],
    }


def register(app: typer.Typer) -> None:
    """Add ``import`` and ``export`` to the root app."""

    @app.command("import")
    def import_(
        file: str = typer.Argument(..., help="The CSV or JSON file ('-' reads standard input)."),
        kind: str = typer.Option("leads", "--kind", "-k", help="What the file holds: leads or opportunities."),
        source: str = typer.Option(
            "auto", "--from",
            help="Leads: auto, ltc (our export), salesforce, generic. Opportunities: auto, ltc, crm.",
        ),
        maps: list[str] = typer.Option(
            None, "--map", help='Their column = our field, e.g. "Account Name=company,Deal=title" (repeatable; "=ignore" drops a column).',
        ),
        map_file: str = typer.Option(
            None, "--map-file", help="A mapping file: lines 'Their column = our_field' with optional [stages], [sources], [options] sections, or JSON.",
        ),
        stage_maps: list[str] = typer.Option(
            None, "--stage-map", help='Their stage = ours, e.g. "In Progress=bid,Closed Won=won" (repeatable).',
        ),
        source_maps: list[str] = typer.Option(
            None, "--source-map", help='Their lead source = our channel, e.g. "Billboard=hq_marketing" (repeatable).',
        ),
        date_format: str = typer.Option(
            None, "--date-format", help="Day/month order of the file's dates: d/m/Y, m/d/Y or Y-m-d (default: detected).",
        ),
        submitter: str = typer.Option(None, "--submitter", help="Leads: who submitted them (default: you)."),
        unknown_people: str = typer.Option(
            "report", "--unknown-people", help="People the file names who are not on the team: report (a problem) or create.",
        ),
        unknown_customers: str = typer.Option(
            "create", "--unknown-customers", help="Customers (accounts) not here yet: create or report (a problem).",
        ),
        allow_partial: bool = typer.Option(
            False, "--allow-partial", help="Import the good rows and report the others (default: any bad row, nothing imported).",
        ),
        dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Check the file and show what would be created; write nothing."),
        preview: int = typer.Option(5, "--preview", min=0, max=1000, help="How many rows the dry run shows."),
        as_json: bool = typer.Option(False, "--json", help="Print the outcome as JSON."),
    ) -> None:
        """Import leads (our export, a Salesforce export, any mapped CSV/JSON) or opportunities from another CRM.

        All or nothing: a single bad row and nothing is written (exit 1, the problems listed by row);
        --allow-partial imports the good rows. Rows already imported (same id) are left as they are.
        --dry-run writes nothing and exits 1 when the import, as it stands, would be refused."""
        from ltc_tui.errors import ImportFailed
        from ltc_tui.services import importer
        from ltc_tui.services.transfer_io import read_table

        mapping = _mapping(maps, map_file, stage_maps, source_maps, date_format)
        kind_value = importer.parse_kind(kind)
        table = read_table(_read_bytes(file), "stdin" if file == "-" else file)
        options = dict(
            kind=kind_value, source_format=source, mapping=mapping, submitter=submitter,
            unknown_people=unknown_people, unknown_customers=unknown_customers, allow_partial=allow_partial,
            dry_run=dry_run, preview=preview,
        )
        try:
            with c.unit(write=not dry_run) as session:
                result = importer.import_table(session, table, **options)
        except ImportFailed as error:
            failed = getattr(error, "result", None)
            if failed is not None:
                if as_json:
                    c.print_json(_json(failed))
                else:
                    _report(failed, verbose=False)
            raise
        if as_json:
            c.print_json(_json(result))
            if dry_run and result.problems and not allow_partial:
                raise typer.Exit(1)
            return
        if result.rows == 0:
            c.say("cli.import.no_rows", file=result.file_name)
            return
        _report(result, verbose=dry_run)
        from ltc_tui.services.import_common import rows_text

        if dry_run:
            c.say("cli.import.would_create", created=_counts(result.created), style="bold")
            if result.existing:
                c.say("cli.import.existing", existing=rows_text(result.existing))
            if result.problems and not allow_partial:
                c.say("cli.import.dry_run_refused", good=rows_text(result.good_rows), style="bold yellow")
                raise typer.Exit(1)
            c.say("cli.import.dry_run", style="bold")
            return
        if not any(result.created.values()) and result.existing and not result.problems:
            c.say("cli.import.nothing_new", existing=f"{result.existing:,}", style="green")
            return
        c.say("cli.import.created", created=_counts(result.created), style="bold green")
        if result.existing:
            c.say("cli.import.existing", existing=rows_text(result.existing))
        if result.problems:
            c.warn("cli.import.partial", bad=rows_text(result.bad_rows))

    @app.command("export")
    def export(
        file: str = typer.Argument(..., help="Where to write ('-' for standard output)."),
        kind: str = typer.Option("leads", "--kind", "-k", help="What to export: leads or opportunities."),
        fmt: str = typer.Option(None, "--format", "-f", help="csv or json (default: from the file name, else csv)."),
        force: bool = typer.Option(False, "--force", help="Replace the file if it exists."),
        bom: bool = typer.Option(
            None, "--bom/--no-bom", help="Start a CSV with a UTF-8 BOM so spreadsheets read every script (default: on for files, off for '-').",
        ),
    ) -> None:
        """Export leads or opportunities as CSV or JSON; `ltc import` reads the file back losslessly.

        No cell reaches a spreadsheet as a formula: cells starting with = + - @ (or a tab or CR) get a leading apostrophe."""
        from ltc_tui.errors import LtcError, RuleViolation
        from ltc_tui.services import exporter, importer

        kind_value = importer.parse_kind(kind)
        format_value = exporter.parse_format(fmt, None if file == "-" else file)
        use_bom = (file != "-") if bom is None else bom
        if file == "-":
            with c.unit(write=False) as session:
                if use_bom and format_value == "csv":
                    sys.stdout.write("\ufeff")
                count = exporter.export(session, sys.stdout, kind=kind_value, fmt=format_value)
            sys.stdout.flush()
            c.warn("cli.export.done", n=f"{count:,}", kind=kind_value, file="stdout", format=format_value.upper())
            return
        target = Path(file)
        if target.exists() and not force:
            raise RuleViolation("cli.export.exists", file=file)
        temp = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(fd, "w", encoding="utf-8-sig" if use_bom and format_value == "csv" else "utf-8",
                      newline="") as out, c.unit(write=False) as session:
                count = exporter.export(session, out, kind=kind_value, fmt=format_value)
            os.replace(temp, target)
        except OSError as error:
            raise LtcError("cli.export.cannot_write", file=file, detail=error.strerror or str(error)) from None
        finally:
            if temp.exists():
                temp.unlink()
        c.say("cli.export.done", n=f"{count:,}", kind=kind_value, file=file, format=format_value.upper(), style="green")

