"""Alembic environment: runs on the connection ltc hands it."""

from __future__ import annotations

from alembic import context

from ltc_tui.models import load_all

target_metadata = load_all()
connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called from ltc_tui.migrations
    raise RuntimeError("ltc migrations run through ltc_tui.migrations.run_upgrade")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
