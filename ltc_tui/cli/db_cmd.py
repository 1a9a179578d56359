"""``ltc db ...``: create, check, upgrade, back up and restore the database."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c

app = typer.Typer(no_args_is_help=True)


@app.command("init")
def init() -> None:
    """Create the schema on an empty database (a SQLite file or an empty PostgreSQL database)."""
    db = c.open_db()
    c.say("cli.db.ready", where=db.display, style="green")


@app.command("upgrade")
def upgrade() -> None:
    """Upgrade the schema to this version of ltc (a SQLite file is copied first)."""
    import sqlalchemy as sa

    from ltc_tui.db import (
        Database,
        SchemaState,
        make_engine,
        resolve_url,
        schema_state,
        translate_errors,
        upgrade_schema,
    )
    from ltc_tui.errors import StorageError

    url = resolve_url(c.state.db)
    database = Database(url=sa.make_url(url), engine=make_engine(url))
    if database.path is not None and not database.path.exists():
        # Connecting would create it world-readable; `ltc db init` creates it owner-only.
        raise StorageError("error.db.missing", where=database.display)
    with translate_errors(database):
        state, version = schema_state(database.engine)
        if state is SchemaState.CURRENT:
            c.say("cli.db.current", where=database.display, version=version)
            return
        copy = upgrade_schema(database)
    c.say("cli.db.upgraded", where=database.display, copy=copy or "-", style="green")


@app.command("info")
def info(as_json: bool = typer.Option(False, "--json")) -> None:
    """Which database is in use, its schema version, and how many records it holds."""
    import sqlalchemy as sa

    from ltc_tui.db import schema_state, translate_errors

    db = c.open_db()
    counts = {}
    with translate_errors(db):
        state, version = schema_state(db.engine)
        with db.engine.connect().execution_options(ltc_write=False) as conn:
            for table in ("person", "customer", "lead", "opportunity", "contract", "meeting", "audit_event"):
                counts[table] = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
    if as_json:
        c.print_json({"database": db.display, "schema": version, "counts": counts})
        return
    from ltc_tui.i18n import t, term

    c.table(["", ""], [(t("field.database"), db.display), (t("field.schema"), version or "-"),
                       *((term("entity", k), v) for k, v in counts.items())])


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


@app.command("backup")
def backup(
    file: str = typer.Argument(..., help="Backup file (or a folder: a dated file is made in it)."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Copy the database to FILE while others keep working (PostgreSQL: with pg_dump). Owner-only file."""
    from ltc_tui.services.backup import backup as do_backup

    result = do_backup(c.state.db, file, force=force)
    if as_json:
        c.print_json({"database": result.source, "file": str(result.path), "bytes": result.size, "schema": result.version})
        return
    c.say("cli.db.backup_done", where=result.source, path=str(result.path), size=_size(result.size),
          version=result.version or "-", style="green")


@app.command("restore")
def restore(
    file: str = typer.Argument(..., help="A backup made by `ltc db backup`."),
    force: bool = typer.Option(False, "--force", help="Replace the database that is there (a copy of it is kept)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Put a backup in place of the database; refuses to replace one without --force."""
    from ltc_tui.services.backup import restore as do_restore

    result = do_restore(c.state.db, file, force=force)
    if as_json:
        c.print_json({"database": result.target, "file": str(result.source), "schema": result.version,
                      "upgraded_from": result.upgraded_from,
                      "replaced_copy": str(result.replaced_copy) if result.replaced_copy else None})
        return
    c.say("cli.db.restored", source=str(result.source), where=result.target, version=result.version, style="green")
    if result.upgraded_from:
        c.say("cli.db.restored_upgraded", old=result.upgraded_from, version=result.version)
    if result.replaced_copy:
        c.say("cli.db.replaced_copy", path=str(result.replaced_copy))


@app.command("check")
def check(as_json: bool = typer.Option(False, "--json")) -> None:
    """Integrity, links between records, schema version, the audit guard, and counts. Exit 1 if something is wrong."""
    from ltc_tui.i18n import t, term
    from ltc_tui.services.backup import check as do_check

    report = do_check(c.state.db)
    failed = [x for x in report.checks if not x.ok]
    if as_json:
        c.print_json({"database": report.where, "ok": report.ok, "schema": report.version, "counts": report.counts,
                      "checks": [{"name": x.name, "ok": x.ok, "detail": x.detail} for x in report.checks]})
    else:
        rows = [(t(f"cli.db.check.{x.name}"), c.text(t("cli.db.check.ok" if x.ok else "cli.db.check.failed"),
                                                        "green" if x.ok else "bold red"),
                 t(x.key, **x.params) if x.key else x.detail)
                for x in report.checks]
        c.table([t("cli.db.check.col_check"), t("cli.db.check.col_result"), t("cli.db.check.col_detail")], rows)
        if report.counts:
            c.table([t("cli.db.check.col_table"), ">" + t("cli.db.check.col_count")],
                    [(term("entity", table), count) for table, count in report.counts.items()])
        if failed:
            c.warn("cli.db.check_failed", where=report.where, count=len(failed))
        else:
            c.say("cli.db.check_ok", where=report.where, style="green")
    if failed:
        raise typer.Exit(1)
