"""``ltc db ...``: create, check, upgrade the database."""

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

    from ltc_tui.db import schema_state

    db = c.open_db()
    state, version = schema_state(db.engine)
    counts = {}
    with db.engine.connect() as conn:
        for table in ("person", "customer", "lead", "opportunity", "contract", "meeting", "audit_event"):
            counts[table] = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
    if as_json:
        c.print_json({"database": db.display, "schema": version, "counts": counts})
        return
    c.table(["", ""], [("Database", db.display), ("Schema", version or "-"), *((k, v) for k, v in counts.items())])
