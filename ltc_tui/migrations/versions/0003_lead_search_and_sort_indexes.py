"""The lead pool at 100k leads: free-text search without a full scan, an
index for every sort and filter the pool offers; and the dashboard's tally
read from an index instead of the whole lead table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Search: ``lead_search`` holds each lead's title, need and customer name;
triggers keep it (lead inserted or edited, customer renamed), so every writer
is covered. SQLite indexes it with FTS5's trigram tokenizer (a word of three
or more characters is found through the index: ~20 ms at 100k leads where
``LIKE`` over three columns and a join took ~350 ms); PostgreSQL with a
pg_trgm GIN index for ``ILIKE``, when the extension can be created (it is a
trusted extension since PostgreSQL 13). Without either, the same queries
still work, scanning.

Sorts: title, source, class and the effective tier (an expression index)
had none, so a first page sorted by them sorted all 100k rows (~0.7 s);
the "mine" view ORs the iron triangle's three columns, now each indexed.
On PostgreSQL a B-tree serves ``DESC NULLS LAST`` (the pool's descending
order) only when built ``NULLS FIRST``: nullable sort columns get such an
index there (SQLite sorts NULLs first already, and cannot declare it).

Dashboard: the all-time lead tally read every lead row and probed every
decision of each (~1.2 s at 100k on a busy machine); a covering index in
its grouping order and a partial index of standing nurture decisions make
it a walk of two indexes (~0.25 s).

A later migration that rebuilds ``lead`` or ``customer`` in SQLite batch
mode drops their triggers: recreate them (``create_search_triggers``);
tests/test_search.py fails if they are missing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SORT_INDEXES = {
    "ix_lead_title": ["title"],
    "ix_lead_source": ["source"],
    "ix_lead_lead_class": ["lead_class"],
    "ix_lead_ar_id": ["ar_id"],
    "ix_lead_sr_id": ["sr_id"],
    "ix_lead_fr_id": ["fr_id"],
}
TALLY_COLUMNS = ("currency", "source", "submitter_id", "status", "lead_class", "expected_amount_cents",
                 "submitted_on")
NURTURE_STANDING = "kind = 'nurture' AND undone_at IS NULL"
# PostgreSQL only: nullable columns the pool sorts by, for DESC NULLS LAST.
PG_NULLS_FIRST = ("priority", "lead_class", "temperature", "next_review_on")


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for name, columns in SORT_INDEXES.items():
        op.create_index(name, "lead", columns, unique=False)
    op.create_index("ix_lead_tier_effective", "lead", [sa.text("coalesce(tier_override, tier)")], unique=False)
    # The dashboard: every column its lead tally reads, in its grouping order,
    # and the standing nurture decisions it probes per lead.
    op.create_index("ix_lead_tally", "lead", list(TALLY_COLUMNS), unique=False)
    op.create_index("ix_decision_nurture", "decision", ["lead_id"], unique=False,
                    sqlite_where=sa.text(NURTURE_STANDING), postgresql_where=sa.text(NURTURE_STANDING))
    if not sqlite:
        for column in PG_NULLS_FIRST:
            op.execute(f"CREATE INDEX ix_lead_{column}_nulls_first ON lead ({column} NULLS FIRST, id)")

    op.create_table(
        "lead_search",
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], name=op.f("fk_lead_search_lead_id_lead"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("lead_id", name=op.f("pk_lead_search")),
    )
    nl = "char(10)" if sqlite else "chr(10)"
    op.execute(
        "INSERT INTO lead_search (lead_id, body) "
        f"SELECT lead.id, lead.title || {nl} || coalesce(lead.need, '') || {nl} || customer.name "
        "FROM lead JOIN customer ON customer.id = lead.customer_id"
    )
    create_search_triggers(sqlite)
    if sqlite:
        create_fts()
    else:
        create_trigram_index()


def body(lead: str, customer_name: str, nl: str) -> str:
    # coalesce: a lead whose customer is missing (only a damaged database has one)
    # must not make every later write to it fail on lead_search's NOT NULL.
    return f"{lead}.title || {nl} || coalesce({lead}.need, '') || {nl} || coalesce({customer_name}, '')"


def create_search_triggers(sqlite: bool) -> None:
    """Keep lead_search in step with lead and customer, whoever writes them."""
    if sqlite:
        op.execute(
            "CREATE TRIGGER lead_search_lead_insert AFTER INSERT ON lead BEGIN "
            "INSERT INTO lead_search (lead_id, body) "
            f"SELECT new.id, {body('new', 'customer.name', 'char(10)')} FROM customer WHERE customer.id = new.customer_id; "
            "END"
        )
        op.execute(
            "CREATE TRIGGER lead_search_lead_update AFTER UPDATE OF title, need, customer_id ON lead "
            "WHEN old.title IS NOT new.title OR old.need IS NOT new.need OR old.customer_id IS NOT new.customer_id "
            "BEGIN "
            f"UPDATE lead_search SET body = {body('new', '(SELECT name FROM customer WHERE id = new.customer_id)', 'char(10)')} "
            "WHERE lead_id = new.id; "
            "END"
        )
        op.execute(
            "CREATE TRIGGER lead_search_customer_rename AFTER UPDATE OF name ON customer "
            "WHEN old.name IS NOT new.name BEGIN "
            f"UPDATE lead_search SET body = (SELECT {body('lead', 'new.name', 'char(10)')} "
            "FROM lead WHERE lead.id = lead_search.lead_id) "
            "WHERE lead_id IN (SELECT id FROM lead WHERE customer_id = new.id); "
            "END"
        )
        return
    op.execute(
        "CREATE FUNCTION lead_search_from_lead() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO lead_search (lead_id, body) "
        f"SELECT NEW.id, {body('NEW', 'customer.name', 'chr(10)')} FROM customer WHERE customer.id = NEW.customer_id "
        "ON CONFLICT (lead_id) DO UPDATE SET body = EXCLUDED.body; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER lead_search_lead_insert AFTER INSERT ON lead "
        "FOR EACH ROW EXECUTE FUNCTION lead_search_from_lead()"
    )
    op.execute(
        "CREATE TRIGGER lead_search_lead_update AFTER UPDATE OF title, need, customer_id ON lead FOR EACH ROW "
        "WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.need IS DISTINCT FROM NEW.need "
        "OR OLD.customer_id IS DISTINCT FROM NEW.customer_id) "
        "EXECUTE FUNCTION lead_search_from_lead()"
    )
    op.execute(
        "CREATE FUNCTION lead_search_from_customer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"UPDATE lead_search SET body = {body('lead', 'NEW.name', 'chr(10)')} "
        "FROM lead WHERE lead.id = lead_search.lead_id AND lead.customer_id = NEW.id; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER lead_search_customer_rename AFTER UPDATE OF name ON customer FOR EACH ROW "
        "WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION lead_search_from_customer()"
    )


def create_fts() -> None:
    """FTS5 with the trigram tokenizer (SQLite 3.34+), kept by triggers on
    lead_search. An SQLite without it keeps working through LIKE."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(
                "CREATE VIRTUAL TABLE lead_search_fts USING fts5("
                "body, content='lead_search', content_rowid='lead_id', tokenize='trigram')"
            )
    except sa.exc.OperationalError:
        return
    op.execute(
        "CREATE TRIGGER lead_search_fts_insert AFTER INSERT ON lead_search BEGIN "
        "INSERT INTO lead_search_fts (rowid, body) VALUES (new.lead_id, new.body); END"
    )
    op.execute(
        "CREATE TRIGGER lead_search_fts_delete AFTER DELETE ON lead_search BEGIN "
        "INSERT INTO lead_search_fts (lead_search_fts, rowid, body) VALUES ('delete', old.lead_id, old.body); END"
    )
    op.execute(
        "CREATE TRIGGER lead_search_fts_update AFTER UPDATE ON lead_search BEGIN "
        "INSERT INTO lead_search_fts (lead_search_fts, rowid, body) VALUES ('delete', old.lead_id, old.body); "
        "INSERT INTO lead_search_fts (rowid, body) VALUES (new.lead_id, new.body); END"
    )
    op.execute("INSERT INTO lead_search_fts (lead_search_fts) VALUES ('rebuild')")


def create_trigram_index() -> None:
    """pg_trgm's GIN index, if the extension is there or may be created."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return
    op.execute("CREATE INDEX ix_lead_search_body_trgm ON lead_search USING gin (body gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        for name in ("lead_search_fts_insert", "lead_search_fts_delete", "lead_search_fts_update",
                     "lead_search_lead_insert", "lead_search_lead_update", "lead_search_customer_rename"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS lead_search_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS lead_search_lead_insert ON lead")
        op.execute("DROP TRIGGER IF EXISTS lead_search_lead_update ON lead")
        op.execute("DROP TRIGGER IF EXISTS lead_search_customer_rename ON customer")
        op.execute("DROP FUNCTION IF EXISTS lead_search_from_lead()")
        op.execute("DROP FUNCTION IF EXISTS lead_search_from_customer()")
        for column in PG_NULLS_FIRST:
            op.execute(f"DROP INDEX IF EXISTS ix_lead_{column}_nulls_first")
    op.drop_table("lead_search")
    op.drop_index("ix_decision_nurture", table_name="decision")
    op.drop_index("ix_lead_tally", table_name="lead")
    op.drop_index("ix_lead_tier_effective", table_name="lead")
    for name in reversed(list(SORT_INDEXES)):
        op.drop_index(name, table_name="lead")
