"""The lead pool's free-text search: one row of searchable text per lead.

``lead_search.body`` is the lead's title, need and customer name (one per
line), kept by triggers in the database (migration 0003) whoever writes the
lead or renames the customer: the app, the shell, an import. On SQLite an
FTS5 trigram index over it (``lead_search_fts``) finds a word of three or
more characters without reading every lead; on PostgreSQL a pg_trgm GIN
index does the same for ``ILIKE``. ``services.leads.text_condition`` queries it.

A Core table, not a SQLModel class: nothing edits it but the triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import SQLModel

from ltc_tui.models import leads  # noqa: F401  (foreign key)

lead_search = sa.Table(
    "lead_search",
    SQLModel.metadata,
    sa.Column("lead_id", sa.Integer, sa.ForeignKey("lead.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("body", sa.Text, nullable=False),
)

# The FTS5 table (SQLite only; created by the migration when FTS5 has the trigram tokenizer).
lead_search_fts = sa.table("lead_search_fts", sa.column("rowid", sa.Integer), sa.column("body", sa.Text))

FTS_MIN_CHARS = 3  # the trigram index cannot answer for shorter words
